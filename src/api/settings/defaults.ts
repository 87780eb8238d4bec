// Default settings documents, derived from Zoom's own response schemas: every
// field gets Zoom's documented `default` where there is one, otherwise a value
// fitting its type and enum; a short table of realistic values for the fields
// apps look at most goes on top. Computed on first use per level and plan, then cached.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mergeVariants, type JsonSchema } from '../../core/contract.ts';
import type { Plan } from '../../core/ratelimit.ts';
import { deepMerge, type Doc } from './model.ts';

export type Level = 'account' | 'group' | 'user';

const contractDir = fileURLToPath(new URL('../../../contract/schemas/', import.meta.url));
const fileCache = new Map<string, Record<string, { responses: Record<string, JsonSchema | null> }>>();

export function responseSchema(file: string, operationId: string, status = '200'): JsonSchema {
  let f = fileCache.get(file);
  if (!f) {
    f = JSON.parse(readFileSync(`${contractDir}${file}.json`, 'utf8')) as Record<string, { responses: Record<string, JsonSchema | null> }>;
    fileCache.set(file, f);
  }
  const s = f[operationId]?.responses[status];
  if (!s) throw new Error(`contract has no ${status} schema for ${operationId}`);
  return s;
}

const SETTINGS_OPS: Record<Level, [string, string]> = {
  account: ['accounts', 'accountSettings'],
  group: ['groups', 'getGroupSettings'],
  user: ['users', 'userSettings'],
};
const LOCK_OPS: Record<'account' | 'group', [string, string]> = {
  account: ['accounts', 'getAccountLockSettings'],
  group: ['groups', 'getGroupLockSettings'],
};

/** Top-level keys of the option=meeting_authentication/recording_authentication shapes: kept apart (see model.ts). */
export const AUTH_KEYS = new Set(['meeting_authentication', 'recording_authentication', 'allow_authentication_exception', 'authentication_options']);

/** A value for every property of the schema. */
export function valueFor(schema: JsonSchema): unknown {
  const s = mergeVariants(schema);
  if (s.default !== undefined) return structuredClone(s.default);
  if (Array.isArray(s.allOf)) {
    let out: unknown = undefined;
    for (const part of s.allOf as JsonSchema[]) {
      const v = valueFor(part);
      out = out !== null && typeof out === 'object' && v !== null && typeof v === 'object' ? deepMerge(out as Doc, v as Doc) : (out ?? v);
    }
    return out;
  }
  const branches = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (branches && branches.length > 0) return valueFor(branches[0]!);
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Doc = {};
      for (const [k, p] of Object.entries((s.properties as Record<string, JsonSchema> | undefined) ?? {})) out[k] = valueFor(p);
      return out;
    }
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'string':
      return '';
    default:
      return null;
  }
}

const paid = (plan: Plan) => plan !== 'free';

/**
 * Zoom's out-of-the-box values for the fields that matter most (Zoom web
 * portal defaults for a new account). Applied only where the level's schema
 * has the field.
 */
function realistic(plan: Plan): Doc {
  const capacity = plan === 'enterprise' ? 500 : plan === 'business' ? 300 : 100;
  return {
    schedule_meeting: {
      host_video: false,
      participants_video: false,
      participant_video: false,
      audio_type: 'both',
      join_before_host: false,
      jbh_time: 5,
      force_pmi_jbh_password: false,
      enforce_login: false,
      use_pmi_for_scheduled_meetings: false,
      use_pmi_for_instant_meetings: false,
      require_password_for_scheduling_new_meetings: true,
      require_password_for_instant_meetings: true,
      require_password_for_pmi_meetings: 'jbh_only',
      pmi_password: '',
      embed_password_in_join_link: true,
      mute_upon_entry: false,
      meeting_authentication: false,
      personal_meeting: true,
      default_password_for_scheduled_meetings: '',
    },
    in_meeting: {
      waiting_room: true,
      mute_upon_entry: false,
      chat: true,
      private_chat: true,
      auto_saving_chat: false,
      entry_exit_chime: 'host',
      feedback: false,
      post_meeting_feedback: false,
      co_host: true,
      polling: true,
      meeting_polling: { enable: true, advanced_polls: true },
      meeting_survey: true,
      webinar_survey: true,
      webinar_polling: true,
      webinar_question_answer: true,
      attendee_on_hold: false,
      show_meeting_control_toolbar: false,
      allow_show_zoom_windows: false,
      annotation: true,
      whiteboard: true,
      remote_control: true,
      non_verbal_feedback: true,
      meeting_reactions: true,
      breakout_room: true,
      closed_caption: true,
      screen_sharing: true,
      who_can_share_screen: 'host',
      who_can_share_screen_when_someone_is_sharing: 'host',
      file_transfer: false,
      virtual_background: true,
      allow_live_streaming: false,
      e2e_encryption: false,
      data_center_regions: [],
      custom_data_center_regions: false,
    },
    email_notification: {
      cloud_recording_available_reminder: true,
      recording_available_reminder_schedulers: true,
      recording_available_reminder_alternative_hosts: false,
      jbh_reminder: true,
      cancel_meeting_reminder: true,
      alternative_host_reminder: true,
      schedule_for_reminder: true,
      low_host_count_reminder: false,
    },
    recording: {
      local_recording: true,
      cloud_recording: paid(plan),
      auto_recording: 'none',
      record_speaker_view: true,
      record_gallery_view: true,
      record_audio_file: true,
      save_chat_text: true,
      show_timestamp: true,
      recording_audio_transcript: paid(plan),
      cloud_recording_download: true,
      cloud_recording_download_host: true,
      auto_delete_cmr: false,
      auto_delete_cmr_days: 30,
      host_pause_stop_recording: true,
      recording_authentication: false,
      record_audio_file_each_participant: false,
      recording_notification_for_zoom_client: { disclaimer_to_participants: 'All participants', play_voice_prompt: 'All participants', ask_host_to_confirm: false },
    },
    profile: { recording_storage_location: { allowed_values: ['US'], value: 'US' } },
    telephony: { third_party_audio: false, audio_conference_info: '', show_international_numbers_link: true, telephony_regions: { selection_values: 'US' } },
    feature: { meeting_capacity: capacity, large_meeting: false, webinar: false, cn_meeting: false, in_meeting: false, zoom_phone: false },
    meeting_security: {
      auto_security: true,
      waiting_room: true,
      meeting_password: true,
      embed_password_in_join_link: true,
      require_password_for_scheduled_meeting: true,
      require_password_for_scheduled_webinar: true,
      pmi_password: true,
      phone_password: true,
      webinar_password: false,
      encryption_type: 'enhanced_encryption',
      end_to_end_encrypted_meetings: false,
      meeting_password_requirement: { length: 6, consecutive_characters_length: 0 },
    },
  };
}

/** Keeps only the paths `shape` has: a level never shows fields its schema lacks. */
export function pickShape(shape: unknown, value: unknown): unknown {
  if (shape === null || typeof shape !== 'object' || Array.isArray(shape)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return shape;
  const out: Doc = {};
  for (const [k, v] of Object.entries(shape as Doc)) out[k] = k in (value as Doc) ? pickShape(v, (value as Doc)[k]) : v;
  return out;
}

const settingsCache = new Map<string, Doc>();
const lockCache = new Map<string, Doc>();

/** The complete default settings document of a level (every option's fields, authentication apart). */
export function defaultSettings(level: Level, plan: Plan): Doc {
  const key = `${level}:${plan}`;
  let doc = settingsCache.get(key);
  if (!doc) {
    const [file, op] = SETTINGS_OPS[level];
    const base = valueFor(responseSchema(file, op)) as Doc;
    for (const k of AUTH_KEYS) delete base[k];
    doc = pickShape(base, deepMerge(base, realistic(plan))) as Doc;
    settingsCache.set(key, doc);
  }
  return structuredClone(doc);
}

/** The default lock document: nothing locked. */
export function defaultLocks(level: 'account' | 'group'): Doc {
  let doc = lockCache.get(level);
  if (!doc) {
    const [file, op] = LOCK_OPS[level];
    doc = valueFor(responseSchema(file, op)) as Doc;
    lockCache.set(level, doc);
  }
  return structuredClone(doc);
}

/** Sections of the plain (no option) response at a level, in Zoom's order. */
export function plainSections(level: Level): string[] {
  const [file, op] = SETTINGS_OPS[level];
  const s = responseSchema(file, op);
  const first = ((s.oneOf ?? s.anyOf) as JsonSchema[] | undefined)?.[0] ?? s;
  return Object.keys((first.properties as Record<string, unknown> | undefined) ?? {});
}

/** Sections of the plain lock document. */
export function plainLockSections(level: 'account' | 'group'): string[] {
  const [file, op] = LOCK_OPS[level];
  const s = responseSchema(file, op);
  const first = ((s.oneOf ?? s.anyOf) as JsonSchema[] | undefined)?.[0] ?? s;
  return Object.keys((first.properties as Record<string, unknown> | undefined) ?? {});
}

/** Default webinar registration settings (account and group share them). */
export function defaultRegistration(): Doc {
  const base = valueFor(responseSchema('accounts', 'accountSettingsRegistration')) as Doc;
  return deepMerge(base, {
    options: { host_email_notification: false, close_registration: false, allow_participants_to_join_from_multiple_devices: true, show_social_share_buttons: true },
    questions: [{ field_name: 'last_name', required: true, selected: true }],
    approve_type: 0,
    custom_questions: [],
  });
}
