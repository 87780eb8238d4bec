// Recording files over HTTP, as Zoom serves them:
//   download_url  /rec/download/{handle}  — needs the Authorization header: an
//                 OAuth access token allowed the recording, or a download token
//                 (download_access_token, the webhook's download_token); a token
//                 in the query string is refused with 401/124 (Zoom since 2023).
//                 Success: 302 to a signed, short-lived link of the file.
//   play_url      /rec/play/{handle}      — the same, or the recording's passcode as `pwd`.
//   share_url     /rec/share/{token}      — the recording's share settings apply.
//   file link     /rec/file/{handle}.{ext}?expires=…&signature=… — the bytes, with ranges.
// Every play and download is counted for analytics.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import { sendError } from '../../core/pipeline.ts';
import type { Actor } from '../../core/provider.ts';
import type { Tokens } from '../../oauth/tokens.ts';
import type { Db } from '../../storage/db.ts';
import { getUser } from '../users/repository.ts';
import { getRegistrantByToken } from '../../shared/registrants/repository.ts';
import { CONTENT_TYPES } from './media.ts';
import { fileHandle, FILE_LINK_TTL_MS, parseHandle, purgedAt, stamp, tokenClaims, tokenValid, type FileRecord, type RecordingRecord } from './model.ts';
import type { RecordingWork } from './processing.ts';
import * as repo from './repository.ts';
import { IN_MEETING_FILE_RETENTION_MS, parseInMeetingHandle } from './past-files.ts';
import * as live from '../../live/repository.ts';

export interface DownloadDeps {
  db: Db;
  clock: Clock;
  tokens: Tokens;
  baseUrl: string;
  work: RecordingWork;
}

const invalidToken = () => new ZoomError(401, 124, 'Invalid access token.');
const noRecording = () => new ZoomError(404, 3301, 'There is no recording for this meeting.');
const noPermission = () => new ZoomError(403, 200, 'Only the host or an account admin can download this recording.');
const passcodeRequired = () => new ZoomError(401, 3302, 'This recording requires a passcode.');

/** Scopes that reach every recording of the account, and those that reach the caller's own. */
const ACCOUNT_SCOPES = ['recording:read:admin', 'recording:write:admin', 'recording:master', 'cloud_recording:read:list_recording_files:admin', 'cloud_recording:read:list_recording_files:master'];
const USER_SCOPES = ['recording:read', 'recording:write', 'cloud_recording:read:list_recording_files'];

interface Viewer {
  name: string;
  email: string;
}

function sign(secret: string, handle: string, expires: number): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update(`${handle}:${expires}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Zoom's file name for downloads: GMT{start}_{type}.{ext}. */
function fileName(f: FileRecord): string {
  const start = f.recording_start.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `GMT${start}_${f.recording_type.replace(/\W+/g, '_')}.${f.file_extension.toLowerCase()}`;
}

export function registerDownloadRoutes(app: FastifyInstance, deps: DownloadDeps): void {
  const { db, clock, tokens, baseUrl, work } = deps;

  /** The file a handle names, live (not purged, not trashed), with its recording. */
  async function find(handle: string): Promise<{ file: FileRecord; recording: RecordingRecord }> {
    const h = parseHandle(handle);
    const file = h && (await repo.getFile(db, h.accountId, h.fileId));
    const recording = file && (await repo.getRecording(db, file.account_id, file.meeting_uuid));
    if (!file || !recording || recording.status !== 'completed' || file.trashed_at !== null || recording.trashed_at !== null) throw noRecording();
    if (purgedAt(file.trashed_at, clock.now())) throw noRecording();
    return { file, recording };
  }

  /** Who the Authorization header speaks for, if it may have this recording's files; throws Zoom's refusal otherwise. */
  async function authorize(req: FastifyRequest, recording: RecordingRecord): Promise<Viewer> {
    const query = req.query as Record<string, unknown>;
    if (query.access_token !== undefined) throw invalidToken();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw invalidToken();
    const token = header.slice(7).trim();
    const claims = await tokenClaims(token);
    if (claims) {
      if (claims.accountId !== recording.account_id || claims.uuid !== recording.uuid || !(await tokenValid(token, recording.secret, clock.now()))) throw invalidToken();
      return { name: '', email: '' };
    }
    const actor: Actor = await tokens.authenticate(db, header);
    if (actor.accountId !== recording.account_id) throw noPermission();
    const scopes = [...actor.scopes];
    const accountWide = scopes.some((s) => ACCOUNT_SCOPES.includes(s));
    if (!accountWide && !scopes.some((s) => USER_SCOPES.includes(s))) throw invalidToken();
    const user = actor.userId ? await getUser(db, actor.accountId, actor.userId) : undefined;
    if (!accountWide && actor.userId !== recording.host_id) throw noPermission();
    return { name: user ? `${user.profile.first_name} ${user.profile.last_name}`.trim() || user.email : '', email: user?.email ?? '' };
  }

  async function count(recording: RecordingRecord, kind: 'view' | 'download', who: Viewer): Promise<void> {
    await db.transaction(
      (tx) => repo.insertAnalytics(tx, recording.account_id, recording.uuid, { id: zoomId(), kind, at: stamp(clock.now()), name: who.name, email: who.email, duration: 0 }),
      recording.account_id,
    );
  }

  function redirect(reply: FastifyReply, file: FileRecord, recording: RecordingRecord, inline: boolean) {
    const handle = fileHandle(file.account_id, file.id);
    const expires = Math.floor((clock.now() + FILE_LINK_TTL_MS) / 1000);
    const link = `${baseUrl}/rec/file/${handle}.${file.file_extension.toLowerCase()}?expires=${expires}&signature=${sign(recording.secret, handle, expires)}${inline ? '&inline=1' : ''}`;
    return reply.code(302).header('location', link).header('cache-control', 'no-store').send();
  }

  const guarded =
    (fn: (req: FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }>, reply: FastifyReply) => Promise<unknown>) =>
    async (req: FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string> }>, reply: FastifyReply) => {
      try {
        return await fn(req, reply);
      } catch (err) {
        sendError(reply, err);
        return reply;
      }
    };

  app.get('/rec/download/:handle', guarded(async (req, reply) => {
    const { file, recording } = await find(req.params.handle!);
    const who = await authorize(req, recording);
    await count(recording, 'download', who);
    return redirect(reply, file, recording, false);
  }));

  app.get('/rec/play/:handle', guarded(async (req, reply) => {
    const { file, recording } = await find(req.params.handle!);
    const pwd = req.query.pwd;
    const s = recording.data.settings;
    let who: Viewer;
    if (pwd !== undefined && req.headers.authorization === undefined) {
      if (s.share_recording === 'none') throw noRecording();
      if (!sameText(pwd, s.password) && !sameText(pwd, recording.data.play_passcode)) throw passcodeRequired();
      who = { name: '', email: '' };
    } else {
      who = await authorize(req, recording);
    }
    await count(recording, 'view', who);
    return redirect(reply, file, recording, true);
  }));

  // The share link: public (with the passcode, when one is set), internal (a token of the account), or none.
  app.get('/rec/share/:token', guarded(async (req, reply) => {
    const token = req.params.token!;
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) throw noRecording();
    const recording = await repo.recordingByShareToken(db, token);
    if (!recording || recording.trashed_at !== null) throw noRecording();
    const s = recording.data.settings;
    if (s.share_recording === 'none') throw noRecording();
    let who: Viewer = { name: '', email: '' };
    if (s.share_recording === 'internally') who = await authorize(req, recording);
    if (s.on_demand) {
      const reg = req.query.tk ? await getRegistrantByToken(db, req.query.tk) : undefined;
      if (!reg || reg.account_id !== recording.account_id || reg.owner_kind !== 'recording' || reg.owner_id !== recording.meeting_id || reg.status !== 'approved') {
        throw new ZoomError(403, 3303, 'Register to view this recording; your registration must be approved.');
      }
      who = { name: `${String(reg.data.first_name ?? '')} ${String(reg.data.last_name ?? '')}`.trim(), email: reg.email };
    }
    if (s.password && s.share_recording === 'publicly') {
      const pwd = req.query.pwd;
      if (pwd === undefined || (!sameText(pwd, s.password) && !sameText(pwd, recording.data.play_passcode))) throw passcodeRequired();
    }
    const files = await repo.filesOf(db, recording.account_id, recording.uuid);
    const first = files.find((f) => f.file_type === 'MP4' && f.trashed_at === null) ?? files.find((f) => f.trashed_at === null);
    if (!first) throw noRecording();
    await count(recording, 'view', who);
    return redirect(reply, first, recording, true);
  }));

  // A file sent in a session's chat (List past meeting's files): a token of the account, for 24 hours after the end.
  app.get('/rec/inmeeting/:handle', guarded(async (req, reply) => {
    if ((req.query as Record<string, unknown>).access_token !== undefined) throw invalidToken();
    const h = parseInMeetingHandle(req.params.handle!);
    const actor = await tokens.authenticate(db, req.headers.authorization);
    if (!h || actor.accountId !== h.accountId) throw noRecording();
    const i = await live.getInstance(db, h.accountId, h.uuid);
    const sent = i && i.end_time && clock.now() - Date.parse(i.end_time) <= IN_MEETING_FILE_RETENTION_MS ? (await live.intervals(db, h.accountId, h.uuid, 'chat')).find((c) => c.id === h.id) : undefined;
    if (!sent || typeof sent.data.file_name !== 'string') throw noRecording();
    const name = sent.data.file_name.replace(/["\r\n]/g, '_');
    return reply.header('content-type', 'application/octet-stream').header('content-disposition', `attachment; filename="${name}"`).header('x-content-type-options', 'nosniff').send(Buffer.from(String(sent.data.text ?? '')));
  }));

  app.get('/rec/file/:name', guarded(async (req, reply) => {
    const m = /^([A-Za-z0-9_-]+)\.([a-z0-9]{2,4})$/.exec(req.params.name!);
    const expires = Number(req.query.expires);
    const signature = String(req.query.signature ?? '');
    if (!m || !Number.isInteger(expires)) throw invalidToken();
    const { file, recording } = await find(m[1]!);
    if (m[2] !== file.file_extension.toLowerCase() || !sameText(signature, sign(recording.secret, m[1]!, expires)) || expires * 1000 < clock.now()) throw invalidToken();
    const size = file.file_size;
    const range = parseRange(req.headers.range, size);
    reply
      .header('accept-ranges', 'bytes')
      .header('content-type', CONTENT_TYPES[file.file_extension] ?? 'application/octet-stream')
      .header('content-disposition', `${req.query.inline ? 'inline' : 'attachment'}; filename="${fileName(file)}"`)
      .header('x-content-type-options', 'nosniff');
    if (range === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${size}`).header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'inline').send(JSON.stringify({ code: 300, message: 'Requested range not satisfiable.' }));
    }
    const stream = await work.store.read(file.storage_key, range ?? undefined);
    if (!stream) throw noRecording();
    if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
    return reply.header('content-length', range ? range.end - range.start + 1 : size).send(stream);
  }));
}

/** One `bytes=` range (RFC 9110): first-last, first-, or -suffix. Several ranges are served whole, as many servers do. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
