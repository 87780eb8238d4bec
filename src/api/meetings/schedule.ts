// Meetings: applying a Create or Update body to a meeting record — type,
// times, recurrence, passcode, settings, alternative hosts. No SQL here
// beyond the lookups of users named in the body.
import { trackingFieldsFor } from '../tracking-fields/provider.ts';
import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { Errors, ZoomError, type FieldError } from '../../core/errors.ts';
import { instanceUuid, secret } from '../../core/ids.ts';
import type { Context } from '../../core/provider.ts';
import { checkRecurrence, isZone, normalize, parseStart, utcString, type Recurrence, type RecurrenceLimits } from '../../shared/recurrence/recurrence.ts';
import type { Doc } from '../settings/model.ts';
import { lookupUser } from '../users/lookup.ts';
import type { UserRecord } from '../users/model.ts';
import { occurrences, type MeetingRecord, type MeetingType, type TrackingField } from './model.ts';
import {
  applySettings,
  checkPasscode,
  encryptedPasscode,
  generatePasscode,
  initialSettings,
  numericPasscode,
  passcodeRules,
  type HostSettings,
} from './settings.ts';

export interface ScheduleBody {
  topic?: string;
  type?: MeetingType;
  start_time?: string;
  duration?: number;
  timezone?: string;
  password?: string;
  default_password?: boolean;
  agenda?: string;
  pre_schedule?: boolean;
  recurrence?: Partial<Recurrence>;
  settings?: Doc;
  tracking_fields?: Array<{ field: string; value?: string }>;
  template_id?: string;
  schedule_for?: string;
}

const invalid = (field: string, message = `Invalid parameter: ${field}.`) => Errors.validation([{ field, message }]);

/** 11-digit meeting numbers (PMIs have 10). */
export function newMeetingNumber(): string {
  return String(10_000_000_000 + randomInt(0, 89_999_999_999));
}

/** A fresh record for the host, before the body is applied. */
export function blankMeeting(ctx: Context, host: UserRecord, type: MeetingType, hs: HostSettings): MeetingRecord {
  return {
    account_id: ctx.account.id,
    id: newMeetingNumber(),
    host_id: host.id,
    type,
    status: 'waiting',
    uuid: instanceUuid(),
    created_at: ctx.clock.iso().replace(/\.\d{3}Z$/, 'Z'),
    deleted_at: null,
    data: {
      topic: 'Zoom Meeting',
      agenda: '',
      duration: 60,
      timezone: host.profile.timezone || 'UTC',
      start_time: null,
      password: '',
      encrypted_password: '',
      h323_password: '',
      pstn_password: '',
      embed_password: hs.settings.schedule_meeting === undefined || (hs.settings.schedule_meeting as Doc).embed_password_in_join_link !== false,
      pre_schedule: false,
      tracking_fields: [],
      settings: initialSettings(hs, type === 1),
      start_secret: secret(32),
    },
  };
}

function setPasscode(m: MeetingRecord, p: string): void {
  if (p === m.data.password && m.data.encrypted_password !== '') return;
  m.data.password = p;
  m.data.encrypted_password = encryptedPasscode(p);
  m.data.h323_password = numericPasscode(p);
  m.data.pstn_password = numericPasscode(p);
}

/** Alternative hosts: ids or emails of licensed users of the account, not the host; kept as emails joined by `;`. */
async function alternativeHosts(ctx: Context, value: string, host: UserRecord): Promise<string> {
  const names = value.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== '');
  const emails: string[] = [];
  for (const name of names) {
    const u = await lookupUser(ctx.db, ctx.account.id, name);
    if (!u || u.status !== 'active') throw new ZoomError(400, 1114, `Invalid alternative host: ${name}.`);
    if (u.id === host.id) continue;
    // Zoom: alternative hosts must be Licensed users of the same account.
    if (u.type !== 2) throw new ZoomError(400, 1114, `Alternative host must be a Licensed user: ${name}.`);
    if (!emails.includes(u.email)) emails.push(u.email);
  }
  return emails.join(';');
}

export interface ApplyOptions {
  creating: boolean;
  host: UserRecord;
  hostSettings: HostSettings;
  limits: RecurrenceLimits;
}

/**
 * Applies the body to `m` (a copy the caller owns). PATCH semantics: only
 * fields present change; `recurrence` is replaced as a whole.
 */
export async function applyBody(ctx: Context, m: MeetingRecord, b: ScheduleBody, o: ApplyOptions): Promise<void> {
  const d = m.data;
  const errors: FieldError[] = [];
  const now = ctx.clock.now();
  const wasType = m.type;
  if (b.type !== undefined) m.type = b.type;

  if (b.topic !== undefined) d.topic = b.topic.trim() === '' ? d.topic : b.topic;
  if (b.agenda !== undefined) d.agenda = b.agenda;
  if (b.duration !== undefined) {
    if (!Number.isInteger(b.duration) || b.duration < 0) errors.push({ field: 'duration', message: 'Invalid parameter: duration.' });
    else d.duration = b.duration;
  }
  if (b.timezone !== undefined && b.timezone !== '') {
    if (!isZone(b.timezone)) errors.push({ field: 'timezone', message: 'Invalid parameter: timezone.' });
    else d.timezone = b.timezone;
  }
  if (errors.length > 0) throw Errors.validation(errors);

  if (b.pre_schedule !== undefined) {
    if (b.pre_schedule && m.type !== 2 && m.type !== 3) {
      throw new ZoomError(400, 3000, 'Prescheduling is only available for scheduled meetings (type 2) and recurring meetings with no fixed time (type 3).');
    }
    d.pre_schedule = b.pre_schedule;
  }

  // Times. Requests give UTC (`Z`) or a wall-clock time in the meeting's time zone.
  let start: DateTime | null = null;
  if (b.start_time !== undefined && b.start_time !== '') {
    start = parseStart(b.start_time, d.timezone);
    if (!start) throw invalid('start_time', 'Invalid field.');
  }
  const nowIso = utcString(DateTime.fromMillis(now, { zone: 'utc' }));
  const seriesChanged = start !== null || b.recurrence !== undefined || b.timezone !== undefined || m.type !== wasType;
  if (m.type === 1 || m.type === 3) {
    d.start_time = null;
  } else if (start) {
    // A recurring series set to begin in the past begins now (observed: Zoom moves it).
    d.start_time = m.type === 8 && start.toMillis() < now ? nowIso : utcString(start);
  } else if (d.start_time === null) {
    d.start_time = nowIso;
  }

  // Recurrence: type 8 only; replaced as a whole by an update.
  if (m.type === 8) {
    const r = b.recurrence;
    if (r !== undefined) {
      if (r.type === undefined) throw invalid('recurrence.type', 'Missing field.');
      const recurrence = r as Recurrence;
      const recErrors = checkRecurrence(recurrence, o.limits);
      if (recErrors.length > 0) throw Errors.validation(recErrors);
      d.recurrence = normalize(recurrence, parseStart(d.start_time!, 'UTC')!, d.timezone);
    } else if (!d.recurrence) {
      throw invalid('recurrence', 'Missing field.');
    }
    if (seriesChanged) d.occurrence_changes = {};
    if (!occurrences(m).some((x) => x.status === 'available')) throw invalid('recurrence.end_date_time', 'The recurrence has no occurrence after start_time.');
  } else {
    delete d.recurrence;
    delete d.occurrence_changes;
  }

  // Settings: the host's effective settings first (on create), the request's on top unless locked.
  if (b.settings !== undefined) {
    const { alternative_hosts, ...rest } = b.settings;
    d.settings = applySettings(d.settings, rest, o.hostSettings);
    if (typeof alternative_hosts === 'string') d.settings.alternative_hosts = await alternativeHosts(ctx, alternative_hosts, o.host);
  }
  const basic = o.host.type === 1;
  if (basic) {
    // Basic hosts: no registration, no cloud recording, no alternative hosts (Licensed features).
    d.settings.approval_type = 2;
    if (d.settings.auto_recording === 'cloud') d.settings.auto_recording = 'local';
    if (String(d.settings.alternative_hosts ?? '') !== '') throw new ZoomError(400, 1114, 'Alternative hosts are available to Licensed hosts only.');
  }
  // Registration needs a fixed time: Zoom drops it on type 3 (and on instant meetings).
  if (m.type === 3 || m.type === 1) d.settings.approval_type = 2;
  if (m.type !== 8) d.settings.registration_type = 1;

  // PMI: the meeting runs on the host's personal meeting ID.
  const pmi = o.host.profile.pmi;
  if (d.settings.use_pmi === true && pmi) d.pmi = String(pmi);
  else delete d.pmi;

  // Passcode, by the account's rules.
  const rules = passcodeRules(o.hostSettings, m.type === 1);
  if (b.password !== undefined) {
    checkPasscode(b.password, rules);
    setPasscode(m, b.password);
  } else if (o.creating) {
    const pmiPasscode = String((o.hostSettings.settings.schedule_meeting as Doc | undefined)?.pmi_password ?? '');
    if (b.default_password === true && d.pmi && pmiPasscode !== '') setPasscode(m, pmiPasscode);
    else setPasscode(m, rules.required ? generatePasscode(rules) : '');
  }

  // The account's tracking fields: known fields only, required ones on create (src/api/tracking-fields/).
  if (b.tracking_fields !== undefined || o.creating) {
    const given = b.tracking_fields?.map((t) => ({ field: t.field, value: t.value ?? '' }));
    const values = await trackingFieldsFor(ctx.db, ctx.account.id, given, o.creating);
    if (b.tracking_fields !== undefined || values.length > 0) d.tracking_fields = values.map((t): TrackingField => ({ field: t.field, value: t.value, visible: t.visible ?? true }));
  }
}

/** Fields a single occurrence can take (PATCH with occurrence_id). */
/** Settings one occurrence may change (the spec's `occurrence_id` parameter names them). */
const OCCURRENCE_SETTINGS = new Set(['host_video', 'participant_video', 'join_before_host', 'mute_upon_entry', 'waiting_room', 'watermark', 'auto_recording']);

export function applyOccurrence(m: MeetingRecord, occurrenceId: string, b: ScheduleBody): void {
  const occ = occurrences(m).find((x) => x.occurrence_id === occurrenceId && x.status === 'available');
  if (!occ) throw invalid('occurrence_id');
  const other = Object.keys(b).filter((k) => !['start_time', 'duration', 'timezone', 'agenda', 'settings'].includes(k));
  const otherSettings = Object.keys(b.settings ?? {}).filter((k) => !OCCURRENCE_SETTINGS.has(k)).map((k) => `settings.${k}`);
  if (other.length + otherSettings.length > 0) {
    const message = 'Only agenda, start_time, duration and the settings host_video, participant_video, join_before_host, mute_upon_entry, waiting_room, watermark and auto_recording can be changed for one occurrence.';
    throw Errors.validation([...other, ...otherSettings].map((field) => ({ field, message })));
  }
  const change = { ...(m.data.occurrence_changes?.[occurrenceId] ?? {}) };
  if (b.start_time !== undefined) {
    const s = parseStart(b.start_time, b.timezone ?? m.data.timezone);
    if (!s) throw invalid('start_time', 'Invalid field.');
    change.start_time = utcString(s);
  }
  if (b.duration !== undefined) {
    if (!Number.isInteger(b.duration) || b.duration < 0) throw invalid('duration');
    change.duration = b.duration;
  }
  if (b.agenda !== undefined) change.agenda = b.agenda;
  if (b.settings !== undefined && Object.keys(b.settings).length > 0) change.settings = { ...(change.settings ?? {}), ...b.settings };
  m.data.occurrence_changes = { ...(m.data.occurrence_changes ?? {}), [occurrenceId]: change };
}

/** Marks one occurrence deleted; 300 "Invalid parameter: occurrence_id." for an unknown or deleted one. */
export function deleteOccurrence(m: MeetingRecord, occurrenceId: string): { occurrence_id: string; start_time: string } {
  const occ = m.type === 8 ? occurrences(m).find((x) => x.occurrence_id === occurrenceId && x.status === 'available') : undefined;
  if (!occ) throw invalid('occurrence_id');
  m.data.occurrence_changes = { ...(m.data.occurrence_changes ?? {}), [occurrenceId]: { ...(m.data.occurrence_changes?.[occurrenceId] ?? {}), status: 'deleted' } };
  return { occurrence_id: occ.occurrence_id, start_time: occ.start_time };
}
