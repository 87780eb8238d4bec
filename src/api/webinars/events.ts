// The `object` of Zoom's webinar events, from a webinar record. Pure functions.
import type { Doc } from '../settings/model.ts';
import { changedPayload } from '../meetings/events.ts';
import { joinUrl, occurrences, type Urls, type WebinarRecord } from './model.ts';

function eventStart(w: WebinarRecord): string {
  if (w.type === 9) return occurrences(w).find((o) => o.status === 'available')?.start_time ?? w.data.start_time ?? w.created_at;
  return w.data.start_time ?? w.created_at;
}

const eventOccurrences = (w: WebinarRecord) => (w.type === 9 ? { occurrences: occurrences(w).map((o) => ({ occurrence_id: o.occurrence_id, start_time: o.start_time })) } : {});

/** The webinar as the registration, deleted and recovered events describe it. */
export function eventWebinar(w: WebinarRecord): Doc {
  return {
    uuid: w.uuid,
    id: Number(w.id),
    host_id: w.host_id,
    topic: w.data.topic,
    type: w.type,
    start_time: eventStart(w),
    duration: w.data.duration,
    timezone: w.data.timezone,
    ...eventOccurrences(w),
  };
}

/** webinar.created's object. */
export function createdObject(w: WebinarRecord, urls: Urls): Doc {
  return {
    uuid: w.uuid,
    id: Number(w.id),
    host_id: w.host_id,
    topic: w.data.topic,
    type: w.type,
    ...(w.type !== 6 ? { start_time: eventStart(w) } : {}),
    duration: w.data.duration,
    timezone: w.data.timezone,
    join_url: joinUrl(w, urls),
    password: w.data.password,
    creation_source: 'open_api',
    ...(w.type === 9 ? { occurrences: occurrences(w) } : {}),
    settings: { use_pmi: false, alternative_hosts: String(w.data.settings.alternative_hosts ?? '') },
    ...(w.data.recurrence && w.type !== 5 ? { recurrence: w.data.recurrence } : {}),
  };
}

/** Settings webinar.updated reports. */
const UPDATED_SETTINGS = [
  'host_video', 'panelists_video', 'practice_session', 'approval_type', 'registration_type', 'audio', 'auto_recording', 'enforce_login',
  'meeting_authentication', 'authentication_option', 'authentication_name', 'authentication_domains', 'language_interpretation',
  'sign_language_interpretation', 'allow_host_control_participant_mute_state', 'email_in_attendee_report',
];

function updatedView(w: WebinarRecord, urls: Urls): Doc {
  const settings: Doc = {};
  for (const k of UPDATED_SETTINGS) if (w.data.settings[k] !== undefined) settings[k] = w.data.settings[k];
  return {
    host_id: w.host_id,
    topic: w.data.topic,
    type: w.type,
    ...(w.type !== 6 ? { start_time: eventStart(w) } : {}),
    duration: w.data.duration,
    timezone: w.data.timezone,
    password: w.data.password,
    agenda: w.data.agenda,
    ...(w.type !== 6 && w.data.settings.approval_type !== 2 ? { registration_url: `${urls.baseUrl}/webinar/register/${w.id}` } : {}),
    ...eventOccurrences(w),
    settings,
    ...(w.data.recurrence && w.type !== 5 ? { recurrence: w.data.recurrence } : {}),
  };
}

/** webinar.updated's payload: `object` and `old_object` carry `id`, `uuid` and what changed; null when nothing did. */
export function updatedPayload(before: WebinarRecord, after: WebinarRecord, urls: Urls, nowMs: number, scope?: 'single' | 'all'): Doc | null {
  return changedPayload(updatedView(before, urls), updatedView(after, urls), UPDATED_SETTINGS, { id: Number(after.id), uuid: after.uuid }, nowMs, scope);
}
