// Get CRC port usage: hour by hour, the H.323/SIP connections to the account's
// meetings (participants who joined with device "H.323/SIP" through the live
// engine) and the most connected at once. Business plans and up, with the Room
// Connector; a range longer than a month keeps its last month, as Zoom documents.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { dashboardRange, needBusiness } from './sessions.ts';
import * as repo from './repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Zoom names no error for an account without the Room Connector: its plan error's code, with the reason (README). */
const noRoomConnector = () => new ZoomError(400, 200, 'Cloud Room Connector is not enabled for this account.');

/** Zoom's clamp: `from` moves to a month before `to` ("2017-08-05" … "2017-10-10" answers from "2017-09-10"). */
export function lastMonth(from: string | undefined, to: string | undefined): string | undefined {
  if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return from;
  const t = new Date(Date.parse(to));
  const earliest = Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, t.getUTCDate());
  return Date.parse(from) < earliest ? new Date(earliest).toISOString().slice(0, 10) : from;
}

export interface Span {
  from: number;
  to: number;
}

/** Connections in [h0, h1) and the most at once: starts and ends in time order, an end before a start at the same instant. */
export function hourUsage(spans: readonly Span[], h0: number, h1: number): { total_usage: number; max_usage: number } {
  const inHour = spans.filter((s) => s.from < h1 && s.to > h0);
  const edges = inHour.flatMap((s) => [
    { at: Math.max(s.from, h0), d: 1 },
    { at: s.to, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of edges) {
    now += e.d;
    max = Math.max(max, now);
  }
  return { total_usage: inHour.length, max_usage: max };
}

export function createCrcDashboardProvider(_deps: ProviderDeps): Provider {
  return {
    async dashboardCRC(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      if (!ctx.account.data.addons?.room_connector) throw noRoomConnector();
      const range = dashboardRange(ctx, { from: lastMonth(input.query.from, input.query.to), to: input.query.to });
      const now = ctx.clock.now();
      // A connection still open counts until now.
      const spans = (await repo.roomSystemStints(ctx.db, ctx.account.id, range.start, range.end)).map((s) => ({ from: Date.parse(s.started_at), to: s.ended_at ? Date.parse(s.ended_at) : now }));
      const crc_ports_usage = [];
      for (let day = Date.parse(range.from); day <= Date.parse(range.to); day += DAY_MS) {
        const crc_ports_hour_usage = Array.from({ length: 24 }, (_, h) => ({ hour: String(h).padStart(2, '0'), ...hourUsage(spans, day + h * HOUR_MS, day + (h + 1) * HOUR_MS) }));
        crc_ports_usage.push({ date_time: new Date(day).toISOString().slice(0, 10), crc_ports_hour_usage });
      }
      return { from: range.from, to: range.to, crc_ports_usage };
    },
  };
}
