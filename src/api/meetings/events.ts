// The `object` of Zoom's meeting events, from a meeting record. Pure functions.
import type { Doc } from '../settings/model.ts';
import { joinUrl, occurrences, type MeetingRecord, type Urls } from './model.ts';

/** Events whose `type` enum lacks 10 (screen share only) call it what it is scheduled as: 2. */
const eventType = (m: MeetingRecord) => (m.type === 10 ? 2 : m.type);

/** The first available occurrence's start for type 8; for types 1 and 3 (no fixed time) the creation time. */
function eventStart(m: MeetingRecord): string {
  if (m.type === 8) return occurrences(m).find((o) => o.status === 'available')?.start_time ?? m.data.start_time ?? m.created_at;
  return m.data.start_time ?? m.created_at;
}

/** The meeting as the registration, deleted and recovered events describe it. */
export function eventMeeting(m: MeetingRecord): Doc {
  return {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    topic: m.data.topic,
    type: eventType(m),
    start_time: eventStart(m),
    duration: m.data.duration,
    timezone: m.data.timezone,
    ...(m.type === 8 ? { occurrences: occurrences(m).map((o) => ({ occurrence_id: o.occurrence_id, start_time: o.start_time })) } : {}),
  };
}

/** meeting.created's object. */
export function createdObject(m: MeetingRecord, urls: Urls): Doc {
  const s = m.data.settings;
  return {
    uuid: m.uuid,
    id: Number(m.id),
    host_id: m.host_id,
    topic: m.data.topic,
    type: m.type,
    ...(m.data.start_time && m.type !== 3 ? { start_time: eventStart(m) } : {}),
    duration: m.data.duration,
    timezone: m.data.timezone,
    join_url: joinUrl(m, urls),
    password: m.data.password,
    ...(m.data.pmi ? { pmi: m.data.pmi } : {}),
    ...(m.type === 8 ? { occurrences: occurrences(m) } : {}),
    settings: {
      use_pmi: s.use_pmi === true,
      alternative_hosts: String(s.alternative_hosts ?? ''),
      meeting_invitees: s.meeting_invitees ?? [],
      join_before_host: s.join_before_host === true,
      jbh_time: Number(s.jbh_time ?? 0),
    },
    ...(m.data.recurrence && m.type === 8 ? { recurrence: m.data.recurrence } : {}),
    ...(m.data.tracking_fields.length > 0 ? { tracking_fields: m.data.tracking_fields } : {}),
  };
}

/** Settings meeting.updated reports (the event's settings properties). */
const UPDATED_SETTINGS = [
  'host_video', 'participant_video', 'join_before_host', 'jbh_time', 'mute_upon_entry', 'audio', 'auto_recording', 'use_pmi',
  'waiting_room', 'watermark', 'enforce_login', 'enforce_login_domains', 'approval_type', 'registration_type', 'alternative_hosts',
  'meeting_authentication', 'authentication_option', 'authentication_name', 'authentication_domains', 'meeting_invitees',
  'language_interpretation', 'sign_language_interpretation', 'continuous_meeting_chat', 'auto_start_meeting_summary',
  'who_will_receive_summary', 'auto_start_ai_companion_questions', 'who_can_ask_questions', 'summary_template_id',
  'allow_host_control_participant_mute_state', 'email_in_attendee_report',
];

function updatedView(m: MeetingRecord, urls: Urls): Doc {
  const settings: Doc = {};
  for (const k of UPDATED_SETTINGS) if (m.data.settings[k] !== undefined) settings[k] = m.data.settings[k];
  return {
    host_id: m.host_id,
    topic: m.data.topic,
    type: m.type,
    ...(m.data.start_time && m.type !== 3 && m.type !== 1 ? { start_time: eventStart(m) } : {}),
    duration: m.data.duration,
    timezone: m.data.timezone,
    join_url: joinUrl(m, urls),
    password: m.data.password,
    agenda: m.data.agenda,
    ...(m.type === 8 ? { occurrences: occurrences(m).map((o) => ({ occurrence_id: o.occurrence_id, start_time: o.start_time })) } : {}),
    settings,
    ...(m.data.recurrence && m.type === 8 ? { recurrence: m.data.recurrence } : {}),
    tracking_fields: m.data.tracking_fields.map(({ field, value }) => ({ field, value })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * meeting.updated's payload: `object` and `old_object` carry `id`, `uuid` and only
 * what changed (settings: only the changed settings); null when nothing did.
 */
export function updatedPayload(before: MeetingRecord, after: MeetingRecord, urls: Urls, nowMs: number, scope?: 'single' | 'all'): Doc | null {
  return changedPayload(updatedView(before, urls), updatedView(after, urls), UPDATED_SETTINGS, { id: Number(after.id), uuid: after.uuid }, nowMs, scope);
}

/**
 * An `*.updated` payload from the session's view before and after (meetings and
 * webinars): `object` and `old_object` carry the ids and only what changed
 * (`settings`: only the changed `settingKeys`); null when nothing did.
 */
export function changedPayload(a: Doc, b: Doc, settingKeys: readonly string[], ids: Doc, nowMs: number, scope?: 'single' | 'all'): Doc | null {
  const object: Doc = { ...ids };
  const old: Doc = { ...ids };
  let changed = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (k === 'settings') {
      const sa = a.settings as Doc;
      const sb = b.settings as Doc;
      const ns: Doc = {};
      const os: Doc = {};
      for (const sk of settingKeys) {
        if (!same(sa[sk], sb[sk])) {
          if (sb[sk] !== undefined) ns[sk] = sb[sk];
          if (sa[sk] !== undefined) os[sk] = sa[sk];
        }
      }
      if (Object.keys(ns).length > 0 || Object.keys(os).length > 0) (object.settings = ns), (old.settings = os), (changed = true);
    } else if (!same(a[k], b[k])) {
      if (b[k] !== undefined) object[k] = b[k];
      if (a[k] !== undefined) old[k] = a[k];
      changed = true;
    }
  }
  if (!changed) return null;
  return { ...(scope ? { scope } : {}), object, old_object: old, time_stamp: nowMs };
}
