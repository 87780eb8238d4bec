// Meetings: the record we keep and the shapes Zoom answers. Pure functions only.
import { createHmac } from 'node:crypto';
import type { Doc } from '../settings/model.ts';
import { firstAvailable, occurrencesOf, seriesStarts, span, visibleOccurrences, type Occurrence, type OccurrenceChange, type Series } from '../../shared/recurrence/occurrences.ts';
import type { Recurrence } from '../../shared/recurrence/recurrence.ts';
import type { Questions } from '../../shared/registrants/model.ts';

/** 1 instant, 2 scheduled, 3 recurring without fixed time, 4 PMI (read only), 8 recurring with fixed time, 10 screen share only. */
export type MeetingType = 1 | 2 | 3 | 4 | 8 | 10;
export type MeetingStatus = 'waiting' | 'started';

export interface TrackingField {
  field: string;
  value: string;
  visible?: boolean;
}

export interface LiveStream {
  stream_url: string;
  stream_key: string;
  page_url: string;
  resolution?: string;
}

/** The meeting document kept in `meetings.data`. */
export interface MeetingData {
  topic: string;
  agenda: string;
  /** Minutes. */
  duration: number;
  timezone: string;
  /** UTC `…Z`; for type 8 the first occurrence's; null for types 1 (until started) and 3. */
  start_time: string | null;
  password: string;
  /** The opaque value join URLs carry as `pwd` (never the passcode itself). */
  encrypted_password: string;
  h323_password: string;
  pstn_password: string;
  /** Whether join_url carries `pwd` (the host's embed_password_in_join_link when scheduled). */
  embed_password: boolean;
  pre_schedule: boolean;
  template_id?: string;
  tracking_fields: TrackingField[];
  recurrence?: Recurrence;
  occurrence_changes?: Record<string, OccurrenceChange>;
  /** The series' start instants as last computed, and what they were computed from (keepStarts). */
  starts?: { key: string; ms: number[] };
  /** Zoom's full meeting settings object. */
  settings: Doc;
  /** Who scheduled it for the host (schedule_for), when not the host. */
  assistant_id?: string;
  /** Meetings created with use_pmi run on the host's PMI. */
  pmi?: string;
  /** Secret that signs this meeting's start_url tokens (never answered). */
  start_secret: string;
  registration?: Questions;
  survey?: Doc;
  livestream?: LiveStream;
  /** Links made by Create a meeting's invite links (their `tk`), until they expire. */
  invite_links?: Array<{ token: string; name: string; disable_video: boolean; disable_audio: boolean; expires_at: number }>;
  livestream_status?: Doc;
}

export interface MeetingRecord {
  account_id: string;
  /** The meeting number, digits. */
  id: string;
  host_id: string;
  type: MeetingType;
  status: MeetingStatus;
  /** The current (or next) instance's UUID. */
  uuid: string;
  created_at: string;
  deleted_at: string | null;
  data: MeetingData;
}

export interface Urls {
  baseUrl: string;
}

export const isRecurring = (m: Pick<MeetingRecord, 'type'>) => m.type === 3 || m.type === 8;

function series(m: MeetingRecord): Series | null {
  if (m.type !== 8 || !m.data.recurrence || !m.data.start_time) return null;
  return { start_time: m.data.start_time, timezone: m.data.timezone, duration: m.data.duration, recurrence: m.data.recurrence, occurrence_changes: m.data.occurrence_changes ?? {} };
}

/** The occurrences of a type-8 meeting (none for other types), from the starts kept on write when they match. */
export function occurrences(m: MeetingRecord): Occurrence[] {
  const s = series(m);
  if (!s) return [];
  const kept = m.data.starts;
  return kept && kept.key === startsKey(s) ? occurrencesOf(s, kept.ms) : occurrencesOf(s);
}

const startsKey = (s: Series) => JSON.stringify([s.start_time, s.timezone, s.recurrence]);

/** Keeps the series' start instants in the document (repository writes call it), so reads do no calendar work. */
export function keepStarts(m: MeetingRecord): void {
  const s = series(m);
  if (!s) delete m.data.starts;
  else if (m.data.starts?.key !== startsKey(s)) m.data.starts = { key: startsKey(s), ms: seriesStarts(s) };
}

/** The room's link: `pwd` is the opaque encrypted_password, only when the host embeds it. */
export function joinUrl(m: MeetingRecord, urls: Urls): string {
  const id = m.data.pmi ?? m.id;
  return m.data.embed_password && m.data.password !== '' ? `${urls.baseUrl}/j/${id}?pwd=${m.data.encrypted_password}` : `${urls.baseUrl}/j/${id}`;
}

const FAR_FUTURE = '9999-12-31T23:59:59Z';
const AGENDA_IN_LISTS = 250;

/** The list item and the columns List meetings filters and sorts on. */
export function listColumns(m: MeetingRecord, urls?: Urls): { listed: number; start: string; end: string; item: string } {
  const occ = occurrences(m);
  const first = m.type === 8 ? firstAvailable(occ) : undefined;
  const startTime = m.type === 8 ? (first?.start_time ?? m.data.start_time) : m.data.start_time;
  let start = m.created_at;
  let end = FAR_FUTURE;
  if (m.type === 8) {
    const s = span(occ);
    if (s) (start = iso(s.start)), (end = iso(s.end));
  } else if (m.data.start_time && m.type !== 3) {
    start = m.data.start_time;
    end = iso(Date.parse(m.data.start_time) + m.data.duration * 60_000);
  }
  const item: Doc = {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    topic: m.data.topic,
    type: m.type === 10 ? 2 : m.type,
    ...(startTime && m.type !== 3 ? { start_time: startTime } : {}),
    duration: m.data.duration,
    timezone: m.data.timezone,
    ...(m.data.agenda !== '' ? { agenda: m.data.agenda.slice(0, AGENDA_IN_LISTS) } : {}),
    created_at: m.created_at,
    join_url: joinUrl(m, urls ?? { baseUrl: LIST_BASE }),
    ...(m.data.pmi ? { pmi: m.data.pmi } : {}),
  };
  return { listed: m.type === 1 || m.deleted_at !== null ? 0 : 1, start, end, item: JSON.stringify(item) };
}

/**
 * Stored list entries name the server by this placeholder, replaced by the
 * base URL when the list is answered (one string replace over the page, no parse).
 */
export const LIST_BASE = 'http://openzoom.invalid';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A start_url token: the host, the meeting and an expiry, signed with the meeting's own secret. */
export function startToken(m: MeetingRecord, expiresAtS: number): string {
  const payload = Buffer.from(JSON.stringify({ uid: m.host_id, mid: m.id, sty: 'zak', exp: expiresAtS })).toString('base64url');
  return `${payload}.${createHmac('sha256', m.data.start_secret).update(payload).digest('base64url')}`;
}

/** True when `token` is a start token of this meeting's host that has not expired (for starting the meeting). */
export function verifyStartToken(m: MeetingRecord, token: string, nowMs: number): boolean {
  const [payload, sig] = token.split('.');
  if (!payload || !sig || createHmac('sha256', m.data.start_secret).update(payload).digest('base64url') !== sig) return false;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { uid?: string; mid?: string; exp?: number };
    return c.uid === m.host_id && c.mid === m.id && typeof c.exp === 'number' && c.exp * 1000 > nowMs;
  } catch {
    return false;
  }
}

export interface ResponseOptions {
  urls: Urls;
  host: { id: string; email: string } | undefined;
  nowMs: number;
  /** Lifetime of the start_url's token, seconds (2 h; 90 days for API users). */
  startTtlS: number;
  occurrenceId?: string;
  showPreviousOccurrences?: boolean;
}

/** Get a meeting / Create a meeting (201): Zoom's full meeting object. */
/** Until when (server ms) a meeting's answer made at `nowMs` stays the same: the end of the next occurrence to pass, which leaves the list. */
export function answerHoldsUntil(m: MeetingRecord, nowMs: number): number {
  if (m.type !== 8) return Infinity;
  let until = Infinity;
  for (const o of occurrences(m)) {
    const end = Date.parse(o.start_time) + o.duration * 60_000;
    if (end > nowMs && end < until) until = end;
  }
  return until;
}

export function meetingResponse(m: MeetingRecord, o: ResponseOptions): Doc {
  const d = m.data;
  const all = occurrences(m);
  const one = o.occurrenceId !== undefined ? all.find((x) => x.occurrence_id === o.occurrenceId) : undefined;
  const shown = visibleOccurrences(all, o.nowMs, o.showPreviousOccurrences === true);
  const startTime = one?.start_time ?? (m.type === 8 ? (firstAvailable(all, o.nowMs) ?? firstAvailable(all))?.start_time : d.start_time);
  // One occurrence asked for: its own agenda and settings over the series'.
  const own = one ? d.occurrence_changes?.[one.occurrence_id] : undefined;
  const agenda = own?.agenda ?? d.agenda;
  const body: Doc = {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    host_email: o.host?.email ?? '',
    ...(d.assistant_id ? { assistant_id: d.assistant_id } : {}),
    topic: d.topic,
    type: m.type,
    status: m.status,
    ...(startTime && m.type !== 3 && m.type !== 1 ? { start_time: startTime } : {}),
    duration: one?.duration ?? d.duration,
    timezone: d.timezone,
    ...(agenda !== '' ? { agenda } : {}),
    created_at: m.created_at,
    start_url: `${o.urls.baseUrl}/s/${d.pmi ?? m.id}?zak=${startToken(m, Math.floor(o.nowMs / 1000) + o.startTtlS)}`,
    join_url: joinUrl(m, o.urls),
    ...(d.settings.approval_type !== 2 && m.type !== 1 ? { registration_url: `${o.urls.baseUrl}/meeting/register/${m.id}` } : {}),
    password: d.password,
    h323_password: d.h323_password,
    pstn_password: d.pstn_password,
    encrypted_password: d.encrypted_password,
    ...(d.pmi ? { pmi: d.pmi } : {}),
    pre_schedule: d.pre_schedule,
    ...(d.template_id ? { template_id: d.template_id } : {}),
    tracking_fields: d.tracking_fields,
    ...(m.type === 8 ? { occurrences: one ? [one] : shown } : {}),
    ...(d.recurrence && isRecurring(m) ? { recurrence: d.recurrence } : {}),
    settings: own?.settings ? { ...d.settings, ...own.settings } : d.settings,
    creation_source: 'open_api',
  };
  return body;
}
