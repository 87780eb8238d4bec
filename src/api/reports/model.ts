// Rules every report and dashboard shares: date ranges (Zoom's `from`/`to`
// dates, a month at most, within the retention), plan gating, and figures
// computed from ended instances. Pure functions.
import { Errors, ZoomError } from '../../core/errors.ts';
import { minutesOf, spanSeconds, type InstanceRecord } from '../../live/model.ts';

const DAY_MS = 86_400_000;
/** Reports and dashboards keep six months of activity. */
export const RETENTION_MONTHS = 6;

export const ReportErrors = {
  paidOnly: (accountId: string) => new ZoomError(400, 200, `Only available for Paid account: ${accountId}.`),
  dailyMonth: () => new ZoomError(400, 300, 'Daily report can only be provided for a month that falls within the recent 6 months.'),
  meetingNotFound: (id: string) => new ZoomError(404, 3001, `Meeting ${id} not found or has expired.`),
  meetingTooOld: () => new ZoomError(400, 12702, 'Can not access meeting a year ago.'),
  webinarNotFound: (id: string) => new ZoomError(404, 3001, `Webinar ${id} not found or has expired.`),
  webinarTooOld: () => new ZoomError(400, 12702, 'Can not access a webinar a year ago.'),
  userNotFound: (id: string) => new ZoomError(404, 1001, `User ${id} not exist or not belong to this account.`),
  dashboardPlan: () => new ZoomError(400, 200, 'This API is only available for Business or higher accounts that have enabled the Dashboard feature.'),
  dashboardMonth: () => new ZoomError(400, 300, 'The request can only be queried for a month that falls within the last six months.'),
  dashboardNotFound: () => new ZoomError(404, 3001, 'Meeting ID is invalid or the meeting has not ended yet.'),
  dashboardWebinarNotFound: () => new ZoomError(404, 3001, "This webinar's detail information is not available or the ID is not valid."),
};

/** The first instant of the month `back` months before `now`'s (UTC). */
export function monthStart(now: number, back = 0): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

export interface Range {
  from: string;
  to: string;
  /** [fromIso, toIso): the days from `from` through `to`, as ISO instants. */
  start: string;
  end: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A report's `from`/`to` (dates, UTC): `to` not before `from`, at most a month
 * apart, and `from` within the last six months (older activity has gone).
 * Without them (where Zoom allows it): the last month up to today.
 */
export function reportRange(now: number, from: string | undefined, to: string | undefined, retention: () => ZoomError = () => Errors.badRequest('The date range must fall within the last six months.')): Range {
  const toMs = to === undefined ? Date.parse(dayOf(now)) : Date.parse(to);
  const fromMs = from === undefined ? toMs - 30 * DAY_MS : Date.parse(from);
  if (Number.isNaN(fromMs)) throw Errors.validation([{ field: 'from', message: 'Invalid field.' }]);
  if (Number.isNaN(toMs)) throw Errors.validation([{ field: 'to', message: 'Invalid field.' }]);
  if (toMs < fromMs) throw Errors.badRequest('The "to" date must not be earlier than the "from" date.');
  const f = new Date(fromMs);
  if (toMs >= Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, f.getUTCDate() + 1)) throw Errors.badRequest('The date range can not be longer than one month.');
  if (toMs < monthStart(now, RETENTION_MONTHS) || fromMs > now + DAY_MS) throw retention();
  return { from: dayOf(fromMs), to: dayOf(toMs), start: new Date(Math.max(fromMs, monthStart(now, RETENTION_MONTHS))).toISOString(), end: new Date(toMs + DAY_MS).toISOString() };
}

/** What an ended instance counts for: participants (joins) and total minutes (everyone's time in it). */
export function figures(i: InstanceRecord): { participants: number; minutes: number; duration: number } {
  const totals = i.data.totals ?? { participants: 0, attended_seconds: 0 };
  return { participants: totals.participants, minutes: minutesOf(totals.attended_seconds), duration: minutesOf(spanSeconds(i.start_time, i.end_time, 0)) };
}

/** A duration as the dashboards show it: "HH:MM:SS". */
export function clockDuration(secs: number): string {
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Zoom's user type label on dashboards. */
export const userTypeLabel = (type: number): string => (type === 1 ? 'Basic' : 'Licensed');

export const isPaid = (plan: string): boolean => plan !== 'free';
export const isBusiness = (plan: string): boolean => plan === 'business' || plan === 'enterprise';
