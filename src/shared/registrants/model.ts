// Registrants of a meeting or webinar: the record, the registration questions
// and their rules, status changes, and the shapes Zoom answers. Pure functions.
import { randomInt } from 'node:crypto';
import type { FieldError } from '../../core/errors.ts';

export type OwnerKind = 'meeting' | 'webinar' | 'recording';
export type RegistrantStatus = 'approved' | 'pending' | 'denied';

/** Standard fields a registration may ask for (first_name and email are always asked, always required). */
export const STANDARD_FIELDS = [
  'last_name', 'address', 'city', 'country', 'zip', 'state', 'phone', 'industry', 'org', 'job_title',
  'purchasing_time_frame', 'role_in_purchase_process', 'no_of_employees', 'comments',
] as const;

export interface Question {
  field_name: string;
  required: boolean;
}
export interface CustomQuestion {
  title: string;
  type: 'short' | 'single' | 'single_radio' | 'single_dropdown' | 'multiple';
  required: boolean;
  answers?: string[];
}
export interface Questions {
  questions: Question[];
  custom_questions: CustomQuestion[];
}

export interface RegistrantFields {
  first_name: string;
  last_name?: string;
  email: string;
  address?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  comments?: string;
  industry?: string;
  job_title?: string;
  no_of_employees?: string;
  org?: string;
  purchasing_time_frame?: string;
  role_in_purchase_process?: string;
  language?: string;
  custom_questions?: Array<{ title: string; value: string }>;
}

/** The tracking source (a webinar's registration link) a registrant came through. */
export interface TrackingSourceRef {
  id: string;
  source_name: string;
  tracking_url: string;
}

export interface RegistrantRecord {
  id: string;
  owner_kind: OwnerKind;
  owner_id: string;
  email: string;
  status: RegistrantStatus;
  created_at: string;
  /** Occurrence ids registered for; empty: every occurrence. */
  occurrence_ids: string[];
  join_token: string;
  /** What the registrant gave, plus the PIN, whether a cancellation made it denied, and the registration link's source (webinars). */
  data: RegistrantFields & { participant_pin_code: number; cancelled?: boolean; tracking_source?: TrackingSourceRef };
}

/** Zoom's documented cap on registrants per meeting (3043 past it). */
export const MAX_REGISTRANTS = 4999;
/** At most 30 registrants per batch call, and per status update. */
export const MAX_BATCH = 30;

const PROFILE_KEYS = [
  'first_name', 'last_name', 'email', 'address', 'city', 'state', 'zip', 'country', 'phone', 'comments', 'industry', 'job_title',
  'no_of_employees', 'org', 'purchasing_time_frame', 'role_in_purchase_process', 'language', 'custom_questions',
] as const;

/** The registrant's own fields from a request body (nothing else is kept). */
export function fieldsOf(body: Record<string, unknown>): RegistrantFields {
  const out: Record<string, unknown> = {};
  for (const k of PROFILE_KEYS) if (body[k] !== undefined) out[k] = body[k];
  out.email = String(body.email ?? '').trim().toLowerCase();
  out.first_name = String(body.first_name ?? '').trim();
  return out as unknown as RegistrantFields;
}

/** The registration questions' rules: first_name and a valid email always; required questions and custom questions answered; single-choice answers among the choices. */
export function checkAnswers(q: Questions, f: RegistrantFields): FieldError[] {
  const errors: FieldError[] = [];
  if (f.first_name === '') errors.push({ field: 'first_name', message: 'Missing field.' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email)) errors.push({ field: 'email', message: 'Invalid field.' });
  for (const question of q.questions) {
    const v = (f as unknown as Record<string, unknown>)[question.field_name];
    if (question.required && (typeof v !== 'string' || v.trim() === '')) errors.push({ field: question.field_name, message: 'Missing field.' });
  }
  const given = new Map((f.custom_questions ?? []).map((c) => [c.title, c.value]));
  for (const c of q.custom_questions) {
    const v = given.get(c.title);
    if (c.required && (v === undefined || v.trim() === '')) errors.push({ field: 'custom_questions', message: `Missing answer: ${c.title}.` });
    if (v !== undefined && v !== '' && c.type !== 'short' && c.answers && c.answers.length > 0) {
      const chosen = c.type === 'multiple' ? v.split(',').map((x) => x.trim()) : [v];
      if (chosen.some((x) => !c.answers!.includes(x))) errors.push({ field: 'custom_questions', message: `Invalid answer: ${c.title}.` });
    }
  }
  return errors;
}

/** A questions update: known field names once each; choice questions list their answers. */
export function checkQuestions(q: Partial<Questions>): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, question] of (q.questions ?? []).entries()) {
    if (!(STANDARD_FIELDS as readonly string[]).includes(question.field_name) || seen.has(question.field_name)) {
      errors.push({ field: `questions[${i}].field_name`, message: 'Invalid field.' });
    }
    seen.add(question.field_name);
  }
  const titles = new Set<string>();
  for (const [i, c] of (q.custom_questions ?? []).entries()) {
    if (!c.title || c.title.trim() === '' || titles.has(c.title)) errors.push({ field: `custom_questions[${i}].title`, message: 'Invalid field.' });
    titles.add(c.title);
    if (c.type !== 'short' && (!c.answers || c.answers.length === 0)) errors.push({ field: `custom_questions[${i}].answers`, message: 'Missing field.' });
  }
  return errors;
}

export const emptyQuestions = (): Questions => ({ questions: [], custom_questions: [] });

/** The questions after an update (checked with checkQuestions): what it gives replaces, the rest stays. */
export function updatedQuestions(current: Questions, change: Partial<Questions>): Questions {
  return {
    questions: (change.questions ?? current.questions).map((x) => ({ field_name: x.field_name, required: x.required === true })),
    custom_questions: (change.custom_questions ?? current.custom_questions).map((c) => ({
      title: c.title,
      type: c.type,
      required: c.required === true,
      ...(c.type !== 'short' ? { answers: c.answers ?? [] } : {}),
    })),
  };
}

/** The next status of a registrant for an action, or null when the action does not apply to it. */
export function nextStatus(current: RegistrantRecord, action: 'approve' | 'deny' | 'cancel'): RegistrantStatus | null {
  if (action === 'approve') return current.status === 'approved' ? null : 'approved';
  if (action === 'deny') return current.status === 'pending' ? 'denied' : null;
  return current.status === 'approved' ? 'denied' : null;
}

export function pinCode(): number {
  return randomInt(100_000_000, 999_999_999);
}

/** The registrant's personal join link (`/w/{id}?tk=…`, with the meeting's `pwd` where the host embeds it). */
export function registrantJoinUrl(baseUrl: string, ownerId: string, r: RegistrantRecord, pwd: string): string {
  return `${baseUrl}/w/${ownerId}?tk=${r.join_token}${pwd !== '' ? `&pwd=${pwd}` : ''}`;
}

/** Get a registrant / one item of List registrants. */
export function registrantResponse(r: RegistrantRecord, joinUrl: string): Record<string, unknown> {
  const { participant_pin_code, cancelled: _cancelled, language: _language, tracking_source: _source, ...fields } = r.data;
  return {
    id: r.id,
    ...fields,
    custom_questions: fields.custom_questions ?? [],
    status: r.status,
    create_time: r.created_at.replace(/\.\d{3}Z$/, 'Z'),
    join_url: joinUrl,
    participant_pin_code,
  };
}
