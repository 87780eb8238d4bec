// The lists of what calls leave (call logs, recordings, voicemails, the
// operation log): Zoom's date window, filters and newest-first pages.
import { DateTime } from 'luxon';
import { Errors } from '../../core/errors.ts';
import type { Page } from '../../core/pagination.ts';
import type { Context, ProviderDeps } from '../../core/provider.ts';
import type { Param } from '../../storage/db.ts';
import { JsonText } from '../../core/pagination.ts';
import { countList, pageList, pageListText, type ListQuery } from './repository.ts';

/**
 * Zoom's `from`/`to`: dates (yyyy-mm-dd, whole days in UTC) or UTC times. With
 * neither, the month up to today; a window longer than a month keeps its last
 * month, as Zoom answers (devforum.zoom.us/t/42360: "returns only 1 month of data").
 */
export function dateWindow(ctx: Context, q: { from?: string | undefined; to?: string | undefined }, defaultDays = 0): { from: string; to: string; fromMs: number; toMs: number } {
  const parse = (v: string, end: boolean): DateTime => {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? DateTime.fromISO(v, { zone: 'utc' }) : DateTime.fromISO(v, { zone: 'utc', setZone: true });
    if (!d.isValid) throw Errors.validation([{ field: end ? 'to' : 'from', message: 'Invalid date format.' }]);
    return /^\d{4}-\d{2}-\d{2}$/.test(v) && end ? d.endOf('day') : d;
  };
  const now = DateTime.fromMillis(ctx.clock.now(), { zone: 'utc' });
  const to = q.to ? parse(q.to, true) : now.endOf('day');
  let from = q.from ? parse(q.from, false) : defaultDays > 0 ? now.minus({ days: defaultDays }).startOf('day') : to.minus({ months: 1 }).startOf('day');
  if (from > to) throw Errors.validation([{ field: 'from', message: 'The start date must be before the end date.' }]);
  if (from < to.minus({ months: 1 }).startOf('day')) from = to.minus({ months: 1 }).startOf('day');
  return { from: from.toISODate()!, to: to.toISODate()!, fromMs: from.toMillis(), toMs: to.toMillis() };
}

type Item = Record<string, unknown>;

/** One page of a stored list, with Zoom's paging fields and the window; `shape` adapts a stored entry to the list's schema. */
export async function windowPage(ctx: Context, page: Page, q: ListQuery, key: string, window: { from: string; to: string }, shape?: (item: Item) => Item) {
  const total = await page.total(() => countList(ctx.db, ctx.account.id, q));
  if (shape) {
    const { items, last } = await pageList(ctx.db, ctx.account.id, q, page);
    return page.respond(total, { from: window.from, to: window.to, [key]: items.map(shape) }, last);
  }
  // Entries answered as stored: their texts joined, never parsed.
  const { items, last } = await pageListText(ctx.db, ctx.account.id, q, page);
  const head = JSON.stringify(page.respond(total, { from: window.from, to: window.to }, last));
  return new JsonText(`${head.slice(0, -1)},${JSON.stringify(key)}:[${items}]}`);
}

/** A queue's recordings list, as its schema gives it: the date only, and the callee's number type as a string (Zoom's example: "2022-04-01", "1"). */
function queueRecording(r: Item): Item {
  const { id, caller_name, caller_number, caller_number_type, callee_name, callee_number, callee_number_type, date_time, direction, download_url, duration } = r;
  return { id, caller_name, caller_number, caller_number_type, callee_name, callee_number, callee_number_type: String(callee_number_type), date_time: String(date_time).slice(0, 10), direction, download_url, duration };
}

export interface RecordingFilter {
  owner_id?: string;
  owner_type?: string;
  recording_type?: string;
  site_id?: string;
}

/** Recordings of the account, a user or a queue. */
export async function recordingsPage(
  ctx: Context,
  _deps: ProviderDeps,
  page: Page,
  query: { from?: string; to?: string; query_date_type?: string },
  f: RecordingFilter,
  scope: 'account' | 'user' | 'queue',
) {
  const w = dateWindow(ctx, query);
  const time = query.query_date_type === 'end_time' ? 'end_ms' : 'start_ms';
  const parts = [`${time} >= ?`, `${time} <= ?`];
  const params: Param[] = [w.fromMs, w.toMs];
  for (const k of ['owner_id', 'owner_type', 'recording_type', 'site_id'] as const) {
    if (f[k] !== undefined && f[k] !== '' && f[k] !== 'null') {
      parts.push(`${k} = ?`);
      params.push(f[k]!);
    }
  }
  return windowPage(ctx, page, { table: 'phone_recordings', time, where: parts.join(' AND '), params }, 'recordings', w, scope === 'queue' ? queueRecording : undefined);
}
