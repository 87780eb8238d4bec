// Recurrence of meetings and webinars: Zoom's `recurrence` object checked
// against its limits, and the occurrences it makes. Occurrences keep a fixed
// wall-clock time in the series' IANA time zone (luxon does the calendar and
// DST arithmetic), so 09:00 in New York stays 09:00 across the DST change.
import { DateTime } from 'luxon';
import type { FieldError } from '../../core/errors.ts';

export type RecurrenceType = 1 | 2 | 3;

/** Zoom's recurrence object, as requests give it and responses answer it. */
export interface Recurrence {
  type: RecurrenceType;
  repeat_interval?: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: -1 | 1 | 2 | 3 | 4;
  monthly_week_day?: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  end_times?: number;
  end_date_time?: string;
}

export interface RecurrenceLimits {
  /** Largest repeat_interval per recurrence type (daily, weekly, monthly). */
  interval: Record<RecurrenceType, number>;
  endTimes: number;
}

/**
 * Zoom's recurrence reference page (developers.zoom.us, recurrence object
 * definitions): every 90 days / 12 weeks / 3 months, at most 50 occurrences.
 * The current OpenAPI file allows 99 / 50 / 10 and 60: the `spec` limits.
 */
export const RECURRENCE_LIMITS: Record<'doc' | 'spec', RecurrenceLimits> = {
  doc: { interval: { 1: 90, 2: 12, 3: 3 }, endTimes: 50 },
  spec: { interval: { 1: 99, 2: 50, 3: 10 }, endTimes: 60 },
};

const bad = (field: string, message: string): FieldError => ({ field: `recurrence.${field}`, message });

function parseWeekdays(days: string): number[] | null {
  const parts = days.split(',').map((d) => d.trim());
  const out = new Set<number>();
  for (const p of parts) {
    if (!/^[1-7]$/.test(p)) return null;
    out.add(Number(p));
  }
  return [...out].sort();
}

/**
 * The recurrence as it is kept: Zoom's defaults filled in (interval 1, weekly
 * on the start's weekday… see `normalize`), or the field errors (300 Validation Failed).
 */
export function checkRecurrence(r: Recurrence, limits: RecurrenceLimits): FieldError[] {
  const errors: FieldError[] = [];
  const interval = r.repeat_interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > limits.interval[r.type]) {
    errors.push(bad('repeat_interval', `Invalid parameter: repeat_interval. Must be between 1 and ${limits.interval[r.type]}.`));
  }
  if (r.end_times !== undefined && r.end_date_time !== undefined) {
    errors.push(bad('end_times', 'end_times and end_date_time cannot be used together.'));
  }
  if (r.end_times !== undefined && (!Number.isInteger(r.end_times) || r.end_times < 1 || r.end_times > limits.endTimes)) {
    errors.push(bad('end_times', `Invalid parameter: end_times. Must be between 1 and ${limits.endTimes}.`));
  }
  if (r.end_date_time !== undefined && !parseUtc(r.end_date_time)) errors.push(bad('end_date_time', 'Invalid parameter: end_date_time.'));
  if (r.type === 2 && r.weekly_days !== undefined && parseWeekdays(r.weekly_days) === null) {
    errors.push(bad('weekly_days', 'Invalid parameter: weekly_days.'));
  }
  if (r.type === 3) {
    const byDay = r.monthly_day !== undefined;
    const byWeek = r.monthly_week !== undefined || r.monthly_week_day !== undefined;
    if (byDay && byWeek) errors.push(bad('monthly_day', 'monthly_day cannot be used with monthly_week and monthly_week_day.'));
    if (byDay && (!Number.isInteger(r.monthly_day) || r.monthly_day! < 1 || r.monthly_day! > 31)) {
      errors.push(bad('monthly_day', 'Invalid parameter: monthly_day. Must be between 1 and 31.'));
    }
    if (byWeek && (r.monthly_week === undefined || r.monthly_week_day === undefined)) {
      errors.push(bad(r.monthly_week === undefined ? 'monthly_week' : 'monthly_week_day', 'monthly_week and monthly_week_day go together.'));
    }
  }
  return errors;
}

/** A UTC instant from `yyyy-MM-ddTHH:mm:ss[.SSS]Z` (or with an offset), else null. */
export function parseUtc(value: string): DateTime | null {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(value)) return null;
  const d = DateTime.fromISO(value, { setZone: true });
  return d.isValid ? d.toUTC() : null;
}

/**
 * A request's `start_time`: UTC when it ends in `Z` (or an offset), else a
 * wall-clock time in `zone` (Zoom's rule). Null when it is no date.
 */
export function parseStart(value: string, zone: string): DateTime | null {
  const utc = parseUtc(value);
  if (utc) return utc;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(value)) return null;
  const d = DateTime.fromISO(value, { zone });
  return d.isValid ? d.toUTC() : null;
}

export function isZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** Zoom's answer form: UTC, whole seconds, `Z`. */
export function utcString(d: DateTime): string {
  return d.toUTC().set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** The recurrence with Zoom's defaults where fields were left out. */
export function normalize(r: Recurrence, first: DateTime, zone: string): Recurrence {
  const local = first.setZone(zone);
  const out: Recurrence = { type: r.type, repeat_interval: r.repeat_interval ?? 1 };
  if (r.type === 2) out.weekly_days = (parseWeekdays(r.weekly_days ?? '') ?? [(local.weekday % 7) + 1]).join(',');
  if (r.type === 3) {
    if (r.monthly_week !== undefined && r.monthly_week_day !== undefined) {
      out.monthly_week = r.monthly_week;
      out.monthly_week_day = r.monthly_week_day;
    } else out.monthly_day = r.monthly_day ?? local.day;
  }
  if (r.end_date_time !== undefined) out.end_date_time = utcString(parseUtc(r.end_date_time)!);
  else out.end_times = r.end_times ?? 1;
  return out;
}

/** Zoom's weekday numbering (1 = Sunday … 7 = Saturday) from luxon's (1 = Monday … 7 = Sunday). */
const zoomWeekday = (d: DateTime) => (d.weekday % 7) + 1;

/** The day of `month` (a DateTime at its first day) that is the n-th (or last, -1) `weekday` (Zoom numbering). */
function nthWeekday(month: DateTime, week: number, weekday: number): DateTime {
  if (week === -1) {
    let d = month.endOf('month').startOf('day');
    while (zoomWeekday(d) !== weekday) d = d.minus({ days: 1 });
    return d;
  }
  let d = month.startOf('month');
  while (zoomWeekday(d) !== weekday) d = d.plus({ days: 1 });
  return d.plus({ weeks: week - 1 });
}

/** The wall-clock time of `first` on the calendar day `day`, in the zone (a time DST skips moves forward). */
function at(day: DateTime, first: DateTime): DateTime {
  return day.set({ hour: first.hour, minute: first.minute, second: first.second, millisecond: 0 });
}

/**
 * The start instants of a normalised recurrence whose first occurrence is
 * not before `first`, in order, at most `max` (a safety bound past Zoom's limits).
 */
export function occurrenceStarts(r: Recurrence, first: DateTime, zone: string, max = 400): DateTime[] {
  const start = first.setZone(zone);
  const interval = r.repeat_interval ?? 1;
  const until = r.end_date_time !== undefined ? parseUtc(r.end_date_time) : null;
  const count = until ? max : Math.min(r.end_times ?? 1, max);
  const out: DateTime[] = [];
  const take = (d: DateTime): boolean => {
    if (d < start) return true;
    if (until && d >= until) return false;
    out.push(d.toUTC());
    return out.length < count;
  };
  // Periods without any occurrence (a monthly day 31 never is skipped: see README) bound the loop.
  for (let period = 0; period < max * 4; period++) {
    if (r.type === 1) {
      if (!take(at(start.startOf('day').plus({ days: period * interval }), start))) break;
    } else if (r.type === 2) {
      const days = (r.weekly_days ?? String(zoomWeekday(start))).split(',').map(Number);
      // Weeks run Sunday to Saturday as Zoom's calendar shows them.
      const sunday = start.startOf('day').minus({ days: zoomWeekday(start) - 1 }).plus({ weeks: period * interval });
      let go = true;
      for (const day of days) if (go) go = take(at(sunday.plus({ days: day - 1 }), start));
      if (!go) break;
    } else {
      const month = start.startOf('month').plus({ months: period * interval });
      const day =
        r.monthly_week !== undefined && r.monthly_week_day !== undefined
          ? nthWeekday(month, r.monthly_week, r.monthly_week_day)
          : month.set({ day: Math.min(r.monthly_day ?? start.day, month.daysInMonth!) });
      if (!take(at(day, start))) break;
    }
    if (out.length >= count) break;
  }
  return out;
}
