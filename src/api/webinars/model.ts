// Webinars: the record we keep and the shapes Zoom answers. Pure functions only.
// A webinar is scheduled as a meeting is (recurrence, passcode, settings …): its
// types map onto the meeting types the shared scheduling code knows (5 → 2,
// 6 → 3, 9 → 8), so one calendar engine serves both.
import type { Doc } from '../settings/model.ts';
import { firstAvailable, visibleOccurrences } from '../../shared/recurrence/occurrences.ts';
import { keepStarts as keepMeetingStarts, listColumns as meetingListColumns, occurrences as meetingOccurrences, startToken, type MeetingData, type MeetingRecord, type MeetingType } from '../meetings/model.ts';

/** 5 webinar, 6 recurring without fixed time, 9 recurring with fixed time. */
export type WebinarType = 5 | 6 | 9;

export const TO_MEETING_TYPE: Record<WebinarType, MeetingType> = { 5: 2, 6: 3, 9: 8 };
export const TO_WEBINAR_TYPE: Partial<Record<MeetingType, WebinarType>> = { 2: 5, 3: 6, 8: 9 };

export interface NameTag {
  id: string;
  name: string;
  text_color: string;
  accent_color: string;
  background_color: string;
  is_default: boolean;
}

export interface BrandingFile {
  id: string;
  name: string;
  type: 'image';
  size: number;
  /** The stored file's name under the data directory. */
  file: string;
  mime: string;
  is_default?: boolean;
}

export interface TrackingSource {
  id: string;
  source_name: string;
  tracking_url: string;
  visitor_count: number;
  registration_count: number;
}

export interface WebinarData extends MeetingData {
  name_tags?: NameTag[];
  virtual_backgrounds?: BrandingFile[];
  wallpaper?: BrandingFile;
  tracking_sources?: TrackingSource[];
}

export interface WebinarRecord extends Omit<MeetingRecord, 'type' | 'data'> {
  type: WebinarType;
  data: WebinarData;
}

export interface Urls {
  baseUrl: string;
}

/** The webinar as the shared scheduling code sees it: the same record, a meeting type. */
export function asMeeting(w: WebinarRecord): MeetingRecord {
  return { ...w, type: TO_MEETING_TYPE[w.type] } as MeetingRecord;
}

export const occurrences = (w: WebinarRecord) => meetingOccurrences(asMeeting(w));

export function keepStarts(w: WebinarRecord): void {
  keepMeetingStarts(asMeeting(w));
}

export function joinUrl(w: WebinarRecord, urls: Urls): string {
  return w.data.embed_password && w.data.password !== '' ? `${urls.baseUrl}/j/${w.id}?pwd=${w.data.encrypted_password}` : `${urls.baseUrl}/j/${w.id}`;
}

/** The list entry and the columns List webinars filters and sorts on (those of meetings, webinar types). */
export function listColumns(w: WebinarRecord): { listed: number; start: string; end: string; item: string } {
  const l = meetingListColumns(asMeeting(w));
  const item = JSON.parse(l.item) as Doc;
  item.type = w.type;
  delete item.pmi;
  item.is_simulive = false;
  return { ...l, listed: w.deleted_at !== null ? 0 : 1, item: JSON.stringify(item) };
}

export const registrationOn = (w: WebinarRecord) => w.type !== 6 && w.data.settings.approval_type !== 2;

export interface ResponseOptions {
  urls: Urls;
  host: { email: string } | undefined;
  nowMs: number;
  startTtlS: number;
  occurrenceId?: string;
  showPreviousOccurrences?: boolean;
}

/** Get a webinar / Create a webinar (201): Zoom's webinar object. */
export function webinarResponse(w: WebinarRecord, o: ResponseOptions): Doc {
  const d = w.data;
  const all = occurrences(w);
  const one = o.occurrenceId !== undefined ? all.find((x) => x.occurrence_id === o.occurrenceId) : undefined;
  const startTime = one?.start_time ?? (w.type === 9 ? (firstAvailable(all, o.nowMs) ?? firstAvailable(all))?.start_time : d.start_time);
  return {
    uuid: w.uuid,
    id: Number(w.id),
    host_id: w.host_id,
    host_email: o.host?.email ?? '',
    topic: d.topic,
    type: w.type,
    ...(startTime && w.type !== 6 ? { start_time: startTime } : {}),
    duration: one?.duration ?? d.duration,
    timezone: d.timezone,
    ...(d.agenda !== '' ? { agenda: d.agenda } : {}),
    created_at: w.created_at,
    start_url: `${o.urls.baseUrl}/s/${w.id}?zak=${startToken(asMeeting(w), Math.floor(o.nowMs / 1000) + o.startTtlS)}`,
    join_url: joinUrl(w, o.urls),
    ...(registrationOn(w) ? { registration_url: `${o.urls.baseUrl}/webinar/register/${w.id}` } : {}),
    password: d.password,
    h323_passcode: d.h323_password,
    encrypted_passcode: d.encrypted_password,
    ...(d.template_id ? { template_id: d.template_id } : {}),
    tracking_fields: d.tracking_fields,
    ...(w.type === 9 ? { occurrences: one ? [one] : visibleOccurrences(all, o.nowMs, o.showPreviousOccurrences === true) } : {}),
    ...(d.recurrence && w.type !== 5 ? { recurrence: d.recurrence } : {}),
    settings: d.settings,
    is_simulive: false,
    creation_source: 'open_api',
  };
}
