// A meeting's settings and passcodes: defaults from the host's effective
// settings (account ← group ← user, locks included), request values on top
// unless a lock above the host keeps them; passcodes by the account's rules.
import { createHash, randomInt } from 'node:crypto';
import { mergeVariants, type JsonSchema } from '../../core/contract.ts';
import { Errors, type FieldError } from '../../core/errors.ts';
import { secret } from '../../core/ids.ts';
import { responseSchema, valueFor } from '../settings/defaults.ts';
import { deepMerge, getPath, lockOf, setPath, type Doc } from '../settings/model.ts';

let settingsShape: Doc | undefined;

/** Every field of Zoom's meeting `settings` object (from the Get a meeting schema), with a plain value. */
export function meetingSettingsShape(): Doc {
  if (!settingsShape) {
    const s = mergeVariants(responseSchema('meetings', 'meeting'));
    const schema = (s.properties as Record<string, JsonSchema>).settings!;
    settingsShape = withoutEmptyRequiredLists(valueFor(schema) as Doc, schema);
  }
  return structuredClone(settingsShape);
}

/** Drops empty lists the schema wants filled (minItems), e.g. video management channels. */
export function withoutEmptyRequiredLists(doc: Doc, schema: JsonSchema): Doc {
  const props = (mergeVariants(schema).properties ?? {}) as Record<string, JsonSchema>;
  for (const [k, v] of Object.entries(doc)) {
    const p = props[k] ? mergeVariants(props[k]) : undefined;
    if (!p) continue;
    if (Array.isArray(v) && v.length === 0 && typeof p.minItems === 'number' && p.minItems > 0) delete doc[k];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) withoutEmptyRequiredLists(v as Doc, p);
  }
  return doc;
}

/**
 * Meeting setting ← the host's setting it starts from (the first path the
 * host's document has). A lock on that path keeps the host's value.
 */
const FROM_HOST: Record<string, readonly string[]> = {
  host_video: ['schedule_meeting.host_video'],
  participant_video: ['schedule_meeting.participants_video'],
  join_before_host: ['schedule_meeting.join_before_host'],
  jbh_time: ['schedule_meeting.jbh_time'],
  mute_upon_entry: ['in_meeting.mute_upon_entry', 'schedule_meeting.mute_upon_entry'],
  waiting_room: ['in_meeting.waiting_room', 'meeting_security.waiting_room'],
  audio: ['schedule_meeting.audio_type'],
  auto_recording: ['recording.auto_recording'],
  encryption_type: ['meeting_security.encryption_type'],
  watermark: ['in_meeting.watermark'],
  cn_meeting: ['feature.cn_meeting'],
  in_meeting: ['feature.in_meeting'],
  request_permission_to_unmute_participants: ['in_meeting.request_permission_to_unmute_participants'],
  enforce_login: ['schedule_meeting.enforce_login'],
  enforce_login_domains: ['schedule_meeting.enforce_login_domains'],
  'continuous_meeting_chat.enable': ['schedule_meeting.continuous_meeting_chat.enable'],
  'breakout_room.enable': ['in_meeting.breakout_room'],
  'language_interpretation.enable': ['in_meeting.language_interpretation.enable'],
  'sign_language_interpretation.enable': ['in_meeting.sign_language_interpretation.enable'],
};

/** Values Zoom gives a new meeting where the host's settings say nothing. */
const MEETING_DEFAULTS: Doc = {
  approval_type: 2,
  registration_type: 1,
  audio: 'both',
  auto_recording: 'none',
  jbh_time: 0,
  email_notification: true,
  alternative_hosts_email_notification: true,
  registrants_confirmation_email: true,
  registrants_email_notification: true,
  show_share_button: true,
  allow_multiple_devices: true,
  close_registration: false,
  calendar_type: 1,
  encryption_type: 'enhanced_encryption',
  global_dial_in_countries: ['US'],
  device_testing: false,
  who_will_receive_summary: 1,
  who_can_ask_questions: 1,
  question_and_answer: { enable: false, allow_submit_questions: false, allow_anonymous_questions: false, question_visibility: 'answered', attendees_can_comment: false, attendees_can_upvote: false },
  waiting_room_options: { mode: 'follow_setting', who_goes_to_waiting_room: 'everyone' },
};

export interface HostSettings {
  settings: Doc;
  locked: ReadonlySet<string>;
}

/** The settings a new meeting of this host starts from. */
export function initialSettings(host: HostSettings, instant: boolean): Doc {
  const doc = deepMerge(meetingSettingsShape(), structuredClone(MEETING_DEFAULTS));
  for (const [key, paths] of Object.entries(FROM_HOST)) {
    for (const p of paths) {
      const v = getPath(host.settings, p);
      if (v !== undefined && v !== null) {
        setPath(doc, key, v);
        break;
      }
    }
  }
  const pmiSetting = instant ? 'schedule_meeting.use_pmi_for_instant_meetings' : 'schedule_meeting.use_pmi_for_scheduled_meetings';
  doc.use_pmi = getPath(host.settings, pmiSetting) === true;
  return doc;
}

/** Request settings whose host setting is locked above the host: they keep the host's value. */
function lockedKeys(host: HostSettings): Set<string> {
  const out = new Set<string>();
  for (const [key, paths] of Object.entries(FROM_HOST)) if (paths.some((p) => lockOf(p, host.locked) !== undefined)) out.add(key);
  return out;
}

/** `current` with the request's settings applied; values locked above the host are left as they are. */
export function applySettings(current: Doc, patch: Doc | undefined, host: HostSettings): Doc {
  if (!patch) return current;
  const locked = lockedKeys(host);
  const allowed = structuredClone(patch);
  for (const key of locked) {
    const [top, sub] = key.split('.') as [string, string | undefined];
    if (sub === undefined) delete allowed[top];
    else if (typeof allowed[top] === 'object' && allowed[top] !== null) delete (allowed[top] as Doc)[sub];
  }
  // Arrays (invitees, interpreters, regions) are replaced, not merged.
  return deepMerge(current, allowed);
}

// ---- Passcodes ----

export interface PasscodeRules {
  required: boolean;
  length: number;
  have_letter: boolean;
  have_number: boolean;
  have_special_character: boolean;
  have_upper_and_lower_characters: boolean;
  only_allow_numeric: boolean;
  consecutive_characters_length: number;
}

/** The host's passcode rules (meeting_security), for scheduled or instant meetings. */
export function passcodeRules(host: HostSettings, instant: boolean): PasscodeRules {
  const req = (getPath(host.settings, 'meeting_security.meeting_password_requirement') ?? {}) as Partial<PasscodeRules>;
  const required = instant
    ? getPath(host.settings, 'schedule_meeting.require_password_for_instant_meetings') === true
    : getPath(host.settings, 'meeting_security.require_password_for_scheduled_meeting') === true ||
      getPath(host.settings, 'schedule_meeting.require_password_for_scheduling_new_meetings') === true;
  return {
    required,
    length: Number(req.length ?? 0),
    have_letter: req.have_letter === true,
    have_number: req.have_number === true,
    have_special_character: req.have_special_character === true,
    have_upper_and_lower_characters: req.have_upper_and_lower_characters === true,
    only_allow_numeric: req.only_allow_numeric === true,
    consecutive_characters_length: Number(req.consecutive_characters_length ?? 0),
  };
}

/** Zoom's passcode alphabet: letters, digits and `@ - _ *`, at most 10 characters. */
const PASSCODE = /^[A-Za-z0-9@\-_*]{1,10}$/;

function longestRun(p: string): number {
  let best = 1;
  let run = 1;
  for (let i = 1; i < p.length; i++) {
    const step = p.charCodeAt(i) - p.charCodeAt(i - 1);
    run = step === 1 || step === 0 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** A passcode breaking the rules answers 300 Validation Failed naming `password` (exact text unknown: README). */
export function checkPasscode(p: string, rules: PasscodeRules, field = 'password'): void {
  const errors: FieldError[] = [];
  const fail = (message: string) => errors.push({ field, message });
  if (p === '') {
    if (rules.required) fail('A passcode is required by your account settings.');
  } else if (!PASSCODE.test(p)) fail('Passcode may only contain the following characters: [a-z A-Z 0-9 @ - _ *], at most 10.');
  else {
    if (p.length < rules.length) fail(`Passcode must be at least ${rules.length} characters.`);
    if (rules.only_allow_numeric && !/^\d+$/.test(p)) fail('Passcode must contain only numbers.');
    if (rules.have_letter && !/[A-Za-z]/.test(p)) fail('Passcode must contain at least one letter.');
    if (rules.have_number && !/\d/.test(p)) fail('Passcode must contain at least one number.');
    if (rules.have_special_character && !/[@\-_*]/.test(p)) fail('Passcode must contain at least one special character.');
    if (rules.have_upper_and_lower_characters && !(/[a-z]/.test(p) && /[A-Z]/.test(p))) fail('Passcode must contain upper and lower case letters.');
    if (rules.consecutive_characters_length > 0 && longestRun(p) >= rules.consecutive_characters_length) {
      fail(`Passcode must not contain ${rules.consecutive_characters_length} or more consecutive characters.`);
    }
  }
  if (errors.length > 0) throw Errors.validation(errors);
}

const pick = (alphabet: string) => alphabet[randomInt(0, alphabet.length)]!;

/** A passcode meeting the rules: six digits by default (Zoom's 2019 behaviour), longer or mixed when the rules ask. */
export function generatePasscode(rules: PasscodeRules): string {
  const length = Math.min(10, Math.max(6, rules.length));
  for (let attempt = 0; attempt < 50; attempt++) {
    const mixed = !rules.only_allow_numeric && (rules.have_letter || rules.have_upper_and_lower_characters || rules.have_special_character);
    const chars: string[] = [];
    if (mixed) {
      chars.push(pick('abcdefghijkmnpqrstuvwxyz'), pick('ABCDEFGHJKLMNPQRSTUVWXYZ'), pick('23456789'));
      if (rules.have_special_character) chars.push(pick('@-_*'));
    }
    const alphabet = mixed ? 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789' : '0123456789';
    while (chars.length < length) chars.push(pick(alphabet));
    const p = chars.sort(() => randomInt(0, 3) - 1).join('');
    try {
      checkPasscode(p, { ...rules, required: false });
      return p;
    } catch {
      // Drew a run of consecutive characters: draw again.
    }
  }
  return String(randomInt(100000, 999999));
}

/** The numeric passcode phone and room systems dial: the passcode itself when numeric, else derived from it. */
export function numericPasscode(p: string): string {
  if (p === '' || /^\d+$/.test(p)) return p;
  const digest = createHash('sha256').update(p).digest();
  let out = '';
  for (let i = 0; out.length < Math.max(6, p.length); i++) out += String(digest[i % digest.length]! % 10);
  return out.slice(0, 10);
}

/** The opaque `pwd` of join links: random, never the passcode itself. */
export function encryptedPasscode(p: string): string {
  return p === '' ? '' : secret(32);
}
