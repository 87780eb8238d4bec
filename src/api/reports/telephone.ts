// GET /report/telephone: the call legs of participants who joined by telephone
// (src/live/audio.ts), priced per started minute at a rate per audio type.
// Zoom's `type`: 1 toll-free dial-in and call-outs (call me is a call-out Zoom
// places), 2 toll dial-in, 3 SIP Connected Audio.
import { readFileSync } from 'node:fs';
import type { Context, Input } from '../../core/provider.ts';
import { minutesOf, seconds, type InstanceData } from '../../live/model.ts';
import type { AudioType } from '../../live/audio.ts';
import { needPaid } from './gate.ts';
import { reportRange } from './model.ts';
import * as repo from './repository.ts';

/** USD per minute, a started minute counting (README: Telephone rates). */
export type TelephoneRates = Record<AudioType, number>;

export const DEFAULT_TELEPHONE_RATES: TelephoneRates = { toll_free: 0.05, call_out: 0.03, call_me: 0.03, toll: 0, sip: 0 };

/** The default rates, with those of OPENZOOM_TELEPHONE_RATES (a JSON object, or a file holding one) in their place. */
export function loadTelephoneRates(value: string | undefined = process.env.OPENZOOM_TELEPHONE_RATES): TelephoneRates {
  if (!value) return DEFAULT_TELEPHONE_RATES;
  const given = JSON.parse(value.trim().startsWith('{') ? value : readFileSync(value, 'utf8')) as Record<string, unknown>;
  const rates = { ...DEFAULT_TELEPHONE_RATES };
  for (const [type, rate] of Object.entries(given)) {
    if (!(type in rates) || typeof rate !== 'number' || !(rate >= 0)) throw new Error(`OPENZOOM_TELEPHONE_RATES: ${type} must be one of ${Object.keys(rates).join(', ')} with a rate of 0 or more.`);
    rates[type as AudioType] = rate;
  }
  return rates;
}

const TYPES_OF: Record<string, readonly AudioType[]> = { '1': ['toll_free', 'call_out', 'call_me'], '2': ['toll'], '3': ['sip'] };
const DIAL_IN: ReadonlySet<string> = new Set(['toll_free', 'toll', 'sip']);

/** Zoom's call type label of a leg. */
function label(type: string, country: string): string {
  if (type === 'toll_free') return 'toll-free';
  if (type === 'toll') return country === 'US' ? 'US toll-number' : 'global toll-number';
  if (type === 'sip') return 'call-in';
  return 'call-out';
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export function createTelephoneReport(rates: TelephoneRates = loadTelephoneRates()) {
  return {
    async reportTelephone(input: Input<Record<string, never>, { type?: string; query_date_type?: repo.LegTime; from?: string; to?: string }>, ctx: Context) {
      needPaid(ctx);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const types = TYPES_OF[input.query.type ?? '1']!;
      const by = input.query.query_date_type ?? 'start_time';
      const page = input.page;
      const total = await page.total(() => repo.countLegs(ctx.db, ctx.account.id, types, by, range.start, range.end));
      const rows = await repo.listLegs(ctx.db, ctx.account.id, types, by, range.start, range.end, page.size, page.offset);
      const telephony_usage = rows.map((r) => {
        const session = JSON.parse(r.instance_data) as InstanceData;
        const duration = minutesOf(Math.round((Date.parse(r.left_at) - Date.parse(r.started_at)) / 1000));
        const rate = rates[r.type as AudioType] ?? 0;
        const dialIn = DIAL_IN.has(r.type);
        return {
          uuid: r.instance_uuid,
          meeting_id: Number(r.session_id),
          meeting_type: r.kind === 'webinar' ? 'Webinar' : 'Meeting',
          host_id: r.host_id,
          host_name: session.host_name,
          host_email: session.host_email,
          dept: session.dept ?? '',
          type: label(r.type, r.country),
          // Dial-in: the caller's number called the Zoom number; call-out: Zoom called the participant.
          ...(dialIn ? { call_in_number: r.phone_number } : {}),
          ...((dialIn ? r.zoom_number : r.phone_number) ? { phone_number: dialIn ? r.zoom_number : r.phone_number } : {}),
          signaled_number: r.phone_number,
          country_name: r.country,
          start_time: seconds(r.started_at),
          end_time: seconds(r.left_at),
          duration,
          rate,
          total: round4(rate * duration),
        };
      });
      const { page_number: _n, ...body } = page.respond(total, { from: range.from, to: range.to, telephony_usage });
      if (by === 'meeting_start_time' || by === 'meeting_end_time') {
        // Zoom leaves the counts out when querying by the meeting's times.
        const { page_count: _c, total_records: _t, ...rest } = body;
        return rest;
      }
      return body;
    },
  };
}
