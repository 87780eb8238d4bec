// Cloud recordings without a database: records, Zoom's shapes, the links and
// tokens of downloads, the rules of trash and processing. Pure functions.
import { randomBytes } from 'node:crypto';
import { reportedType } from '../../live/model.ts';

/** Recording settings of one recording (GET/PATCH …/recordings/settings). */
export interface RecordingSettings {
  share_recording: 'publicly' | 'internally' | 'none';
  recording_authentication: boolean;
  authentication_option: string;
  authentication_domains: string;
  viewer_download: boolean;
  password: string;
  on_demand: boolean;
  approval_type: 0 | 1 | 2;
  send_email_to_host: boolean;
  show_social_share_buttons: boolean;
  auto_delete: boolean;
}

/** One stretch of recording (start to stop); pauses are cut out of its media. */
export interface Segment {
  start: string;
  end: string;
  /** Milliseconds actually recorded (the stretch less its pauses). */
  recorded_ms: number;
  pauses: Array<{ start: string; end: string }>;
}

/** Which files the host's recording settings asked for when the session ended. */
export interface FileChoices {
  speaker_view: boolean;
  gallery_view: boolean;
  audio_file: boolean;
  chat: boolean;
  timeline: boolean;
  transcript: boolean;
  closed_caption: boolean;
}

export interface RecordingData {
  topic: string;
  /** The session's type (meeting 1–8, webinar 5, 6, 9). */
  type: number;
  timezone: string;
  /** Minutes recorded, a started minute counting. */
  duration: number;
  host_email: string;
  /** Milliseconds recorded in all segments (what the processing delay is reckoned from). */
  recorded_ms: number;
  segments: Segment[];
  choices: FileChoices;
  settings: RecordingSettings;
  /** recording_play_passcode: the passcode a play or share link carries as `pwd`. */
  play_passcode: string;
  share_token: string;
  questions?: { questions: Array<{ field_name: string; required: boolean }>; custom_questions: Array<{ title: string; type: string; required: boolean; answers?: string[] }> };
  /** When processing made the files (server clock). */
  completed_at?: string;
}

export interface RecordingRecord {
  account_id: string;
  uuid: string;
  kind: 'meeting' | 'webinar';
  meeting_id: string;
  host_id: string;
  start_time: string;
  status: 'processing' | 'completed';
  ended_at: string;
  trashed_at: string | null;
  total_size: number;
  secret: string;
  data: RecordingData;
}

export interface FileRecord {
  account_id: string;
  id: string;
  meeting_uuid: string;
  position: number;
  archive: boolean;
  recording_type: string;
  file_type: string;
  file_extension: string;
  recording_start: string;
  recording_end: string;
  file_size: number;
  storage_key: string;
  trashed_at: string | null;
  data: { individual?: boolean; messages?: number; fingerprint?: string };
}

/** Trash keeps a recording 30 days (server clock), then it is purged. */
export const TRASH_RETENTION_MS = 30 * 24 * 3600 * 1000;
/** download_access_token: at most 7 days; 24 hours when no ttl is asked (the webhook token's lifetime). */
export const MAX_TOKEN_TTL_S = 604_800;
export const DEFAULT_TOKEN_TTL_S = 86_400;
/** The signed link a download redirects to lives this long. */
export const FILE_LINK_TTL_MS = 10 * 60 * 1000;

/** Processing delay: `factor` × the recorded duration, at most `capMs` (Zoom: about twice the length, up to 24 h). */
export interface ProcessingOptions {
  factor: number;
  capMs: number;
  minMs: number;
}
export const DEFAULT_PROCESSING: ProcessingOptions = { factor: 2, capMs: 24 * 3600 * 1000, minMs: 60_000 };

export function processingDelay(recordedMs: number, o: ProcessingOptions = DEFAULT_PROCESSING): number {
  return Math.min(o.capMs, Math.max(o.minMs, Math.round(o.factor * recordedMs)));
}

export const stamp = (ms: number): string => new Date(ms).toISOString();
export const zoomTime = (iso: string): string => `${iso.slice(0, 19)}Z`;

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789@#$%&*+=';
export function recordingPassword(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('');
}

export const opaqueToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

export function defaultSettings(password: string): RecordingSettings {
  return {
    share_recording: 'publicly',
    recording_authentication: false,
    authentication_option: '',
    authentication_domains: '',
    viewer_download: true,
    password,
    on_demand: false,
    approval_type: 2,
    send_email_to_host: true,
    show_social_share_buttons: true,
    auto_delete: false,
  };
}

/** Whether the row counts as purged: trashed more than 30 days ago on the server clock. */
export const purgedAt = (trashedAt: string | null, now: number): boolean => trashedAt !== null && Date.parse(trashedAt) + TRASH_RETENTION_MS <= now;

// ---- Links ----

/** A file's public handle in download_url and play_url: its account and id. */
export const fileHandle = (accountId: string, fileId: string): string => Buffer.from(`${accountId}:${fileId}`).toString('base64url');
export function parseHandle(handle: string): { accountId: string; fileId: string } | null {
  if (!/^[A-Za-z0-9_-]{4,200}$/.test(handle)) return null;
  const [accountId, fileId, extra] = Buffer.from(handle, 'base64url').toString().split(':');
  return accountId && fileId && extra === undefined ? { accountId, fileId } : null;
}

export const downloadUrl = (base: string, f: Pick<FileRecord, 'account_id' | 'id'>) => `${base}/rec/download/${fileHandle(f.account_id, f.id)}`;
export const playUrl = (base: string, f: Pick<FileRecord, 'account_id' | 'id'>) => `${base}/rec/play/${fileHandle(f.account_id, f.id)}`;
export const shareUrl = (base: string, r: RecordingRecord) => `${base}/rec/share/${r.data.share_token}`;

// ---- Download tokens (JWT, HS256 with the recording's secret) ----

const AUDIENCE = 'recording_download';

// jose loads with the first token, not when the server starts.
const jose = () => import('jose');

export async function downloadToken(r: Pick<RecordingRecord, 'account_id' | 'uuid' | 'secret'>, nowMs: number, ttlS: number): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const { SignJWT } = await jose();
  return new SignJWT({ acc: r.account_id, uuid: r.uuid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('openzoom')
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlS)
    .sign(Buffer.from(r.secret, 'base64url'));
}

/** The account and recording a token claims to be for, before its signature is checked; null if it is no such token. */
export async function tokenClaims(token: string): Promise<{ accountId: string; uuid: string } | null> {
  const { decodeJwt } = await jose();
  try {
    const c = decodeJwt(token);
    return c.aud === AUDIENCE && typeof c.acc === 'string' && typeof c.uuid === 'string' ? { accountId: c.acc, uuid: c.uuid } : null;
  } catch {
    return null;
  }
}

/** Checks the signature and expiry on the server clock. */
export async function tokenValid(token: string, secret: string, nowMs: number): Promise<boolean> {
  const { jwtVerify } = await jose();
  try {
    await jwtVerify(token, Buffer.from(secret, 'base64url'), { audience: AUDIENCE, issuer: 'openzoom', algorithms: ['HS256'], currentDate: new Date(nowMs) });
    return true;
  } catch {
    return false;
  }
}

// ---- Shapes ----

/** A recording file as the list and get operations answer it. */
export function fileView(base: string, f: FileRecord, trash = false) {
  return {
    id: f.id,
    meeting_id: f.meeting_uuid,
    recording_start: zoomTime(f.recording_start),
    recording_end: zoomTime(f.recording_end),
    file_type: f.file_type,
    file_extension: f.file_extension,
    file_size: f.file_size,
    play_url: playUrl(base, f),
    download_url: downloadUrl(base, f),
    status: 'completed',
    recording_type: f.recording_type,
    ...(trash && f.trashed_at ? { deleted_time: zoomTime(f.trashed_at) } : {}),
  };
}

/** The same file in webhook events (their schema allows no more than these fields). */
export function eventFile(base: string, f: FileRecord) {
  const { deleted_time: _d, ...rest } = fileView(base, f) as ReturnType<typeof fileView> & { deleted_time?: string };
  return rest;
}

/** An archived file, in List archived files and recording.archive_files_completed. */
export function archiveFileView(base: string, f: FileRecord) {
  return {
    id: f.id,
    file_type: f.file_type,
    file_extension: f.file_extension,
    file_size: f.file_size,
    download_url: downloadUrl(base, f),
    status: 'completed',
    recording_type: f.recording_type,
    individual: false,
    participant_join_time: zoomTime(f.recording_start),
    participant_leave_time: zoomTime(f.recording_end),
    encryption_fingerprint: f.data.fingerprint ?? '',
    ...(f.data.messages ? { number_of_messages: f.data.messages } : {}),
    storage_location: 'US',
  };
}

/** The recording meeting: Zoom's fields common to the get and list operations. */
export function recordingHead(r: RecordingRecord, files: readonly FileRecord[]) {
  return {
    uuid: r.uuid,
    id: Number(r.meeting_id),
    account_id: r.account_id,
    host_id: r.host_id,
    topic: r.data.topic,
    type: reportedRecordingType(r),
    start_time: zoomTime(r.start_time),
    timezone: r.data.timezone,
    duration: r.data.duration,
    total_size: files.reduce((n, f) => n + f.file_size, 0),
    recording_count: files.length,
  };
}

/** Meeting types as recordings report them; webinars keep their own (5, 6, 9). */
export function reportedRecordingType(r: Pick<RecordingRecord, 'kind' | 'data'>): number {
  if (r.kind === 'webinar') return [5, 6, 9].includes(r.data.type) ? r.data.type : 5;
  return reportedType(r.data.type);
}

/** The recorded session as events and archive lists describe it (id and type as numbers). */
export function recordingSummary(r: RecordingRecord, files: readonly FileRecord[]) {
  const head = recordingHead(r, files);
  return {
    uuid: head.uuid,
    id: head.id,
    host_id: head.host_id,
    topic: head.topic,
    type: head.type,
    start_time: head.start_time,
    ...(r.data.timezone ? { timezone: r.data.timezone } : {}),
    duration: head.duration,
    total_size: head.total_size,
    recording_count: head.recording_count,
  };
}

/** The fields Zoom's recording events share. */
export function eventRecording(base: string, r: RecordingRecord, files: readonly FileRecord[]) {
  return {
    ...recordingSummary(r, files),
    account_id: r.account_id,
    share_url: shareUrl(base, r),
    recording_files: files.map((f) => eventFile(base, f)),
  };
}

/** `from`/`to` of a list: default the last day; a range over a month is clamped to a month after `from`, as Zoom does. */
export function dateRange(from: string | undefined, to: string | undefined, nowMs: number): { from: string; to: string } {
  const today = stamp(nowMs).slice(0, 10);
  const end = to ?? today;
  let start = from ?? (to ? shiftDays(end, -1) : shiftDays(today, -1));
  if (start > end) start = end;
  const limit = shiftMonth(start);
  return { from: start, to: end > limit ? limit : end };
}

const shiftDays = (day: string, n: number): string => stamp(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).slice(0, 10);
function shiftMonth(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const month = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return stamp(Date.UTC(d.getUTCFullYear(), month, Math.min(d.getUTCDate(), last))).slice(0, 10);
}
