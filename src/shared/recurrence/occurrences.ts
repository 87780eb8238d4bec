// Occurrences of a recurring meeting or webinar: computed from the recurrence,
// with what was changed per occurrence (moved, other duration, deleted) kept
// by occurrence id. An occurrence id is its original start instant in epoch
// milliseconds as a string (Zoom: `1648194360000` ↔ 2022-03-25T07:46:00Z); a
// moved occurrence keeps its id, like iCal's RECURRENCE-ID.
import type { DateTime } from 'luxon';
import { occurrenceStarts, parseUtc, type Recurrence } from './recurrence.ts';

export interface OccurrenceChange {
  status?: 'deleted';
  /** UTC start when the occurrence was moved. */
  start_time?: string;
  duration?: number;
  /** What one occurrence changed of the series' agenda and settings (the operation's `occurrence_id` update). */
  agenda?: string;
  settings?: Record<string, unknown>;
}

export interface Occurrence {
  occurrence_id: string;
  start_time: string;
  duration: number;
  status: 'available' | 'deleted';
}

/** What a series needs to list its occurrences. */
export interface Series {
  /** UTC start of the first occurrence. */
  start_time: string;
  timezone: string;
  duration: number;
  recurrence: Recurrence;
  occurrence_changes?: Record<string, OccurrenceChange>;
}

/** The series' original start instants in epoch ms (calendar work: compute on write, keep, reuse on reads). */
export function seriesStarts(s: Series): number[] {
  const first = parseUtc(s.start_time);
  if (!first) return [];
  return occurrenceStarts(s.recurrence, first, s.timezone).map((d: DateTime) => d.toMillis());
}

const isoOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The occurrences, from `starts` when the caller kept them (seriesStarts), with each one's changes applied. */
export function occurrencesOf(s: Series, starts: readonly number[] = seriesStarts(s)): Occurrence[] {
  const changes = s.occurrence_changes ?? {};
  return starts.map((ms) => {
    const id = String(ms);
    const c = changes[id];
    return {
      occurrence_id: id,
      start_time: c?.start_time ?? isoOf(ms),
      duration: c?.duration ?? s.duration,
      status: c?.status === 'deleted' ? 'deleted' : 'available',
    };
  });
}

/** Occurrences still to come (or under way) at `nowMs`; all of them with `showPrevious`. */
export function visibleOccurrences(all: readonly Occurrence[], nowMs: number, showPrevious: boolean): Occurrence[] {
  if (showPrevious) return [...all];
  return all.filter((o) => Date.parse(o.start_time) + o.duration * 60_000 > nowMs);
}

/** The first occurrence not deleted, or undefined. */
export function firstAvailable(all: readonly Occurrence[], fromMs = -Infinity): Occurrence | undefined {
  return all.find((o) => o.status === 'available' && Date.parse(o.start_time) + o.duration * 60_000 > fromMs);
}

/** Start of the first and end of the last available occurrence, in epoch ms (for list filters). */
export function span(all: readonly Occurrence[]): { start: number; end: number } | null {
  const live = all.filter((o) => o.status === 'available');
  if (live.length === 0) return null;
  const starts = live.map((o) => Date.parse(o.start_time));
  const ends = live.map((o) => Date.parse(o.start_time) + o.duration * 60_000);
  return { start: Math.min(...starts), end: Math.max(...ends) };
}
