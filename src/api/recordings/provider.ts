// Cloud Recording: get, list (per user, per account), delete and recover
// recordings and single files, download tokens; registrants, settings,
// analytics and archived files are in their own files. Recordings are made by
// live sessions (capture.ts, processing.ts); this file finds and shapes them.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { findUser } from '../users/provider.ts';
import { findRecording, noRecording, ownRecordingsOnly, paidOnly, purgeCutoff } from './access.ts';
import { createAnalyticsProvider } from './analytics.ts';
import { createRecordingRegistrantsProvider } from './registrants.ts';
import { createRecordingSettingsProvider } from './settings.ts';
import { createArchiveProvider } from './archive.ts';
import { createPastFilesProvider } from './past-files.ts';
import {
  dateRange,
  DEFAULT_TOKEN_TTL_S,
  downloadToken,
  eventRecording,
  fileView,
  purgedAt,
  recordingHead,
  shareUrl,
  stamp,
  type FileRecord,
  type RecordingRecord,
} from './model.ts';
import { storageLimit } from './processing.ts';
import * as repo from './repository.ts';


interface ListQuery {
  from?: string;
  to?: string;
  trash?: boolean;
  trash_type?: string;
  meeting_id?: number;
  mc?: string | boolean;
}

const DAY_MS = 86_400_000;

const storageFull = () => new ZoomError(400, 3309, 'Not enough cloud storage available. Either purchase additional storage or delete cloud recordings to free up storage.');

export function createRecordingsProvider(deps: ProviderDeps): Provider {
  const base = deps.baseUrl;
  // Kept answers of Get meeting recordings, by the path's meeting number or instance
  // UUID: a change to a recording or its files publishes both (storage/coherence-schema.ts).
  // Links name the file, not the caller; an answer with a download token is never kept.
  const answers = deps.readCache('recording');
  // Kept pages of List all recordings (of a user): any change to a recording, its
  // files or a user of the account drops them.
  const pages = deps.readCache('recordings_page', (c) => (c.kind === 'object' && (c.object === 'recording' || c.object === 'user') ? { accountId: c.accountId } : undefined));

  /** Files still in use (not trashed, not archived). */
  const liveFiles = (files: readonly FileRecord[]) => files.filter((f) => f.trashed_at === null);

  const eventObject = (r: RecordingRecord, files: readonly FileRecord[]) => eventRecording(base, r, files);

  async function list(ctx: Context, q: ListQuery, page: Input['page'], filter: { hostId?: string }, typeAs: 'string' | 'number', now = ctx.clock.now()) {
    if (ctx.account.plan === 'free') throw paidOnly();
    const range = dateRange(q.from, q.to, now);
    const trash = q.trash === true ? (q.trash_type === 'recording_file' ? 'recording_file' : 'meeting_recordings') : '';
    if (q.trash === true && q.trash_type !== undefined && q.trash_type !== 'meeting_recordings' && q.trash_type !== 'recording_file') {
      throw Errors.validation([{ field: 'trash_type', message: 'Use meeting_recordings or recording_file.' }]);
    }
    const f: repo.RecordingFilter = {
      ...filter,
      ...(q.meeting_id !== undefined ? { meetingId: String(q.meeting_id) } : {}),
      from: `${range.from}T00:00:00.000Z`,
      to: `${range.to}T23:59:59.999Z`,
      trash,
      purgeBefore: purgeCutoff(ctx),
    };
    const total = await page.total(() => repo.countRecordings(ctx.db, ctx.account.id, f));
    const { recordings, last } = await repo.listRecordings(ctx.db, ctx.account.id, f, page);
    const files = await repo.filesOfMany(ctx.db, ctx.account.id, recordings.map((r) => r.uuid));
    const meetings = recordings.map((r) => {
      const all = (files.get(r.uuid) ?? []).filter((x) => !purgedAt(x.trashed_at, now));
      const shown = trash === 'recording_file' ? all.filter((x) => x.trashed_at !== null) : trash === 'meeting_recordings' ? all : liveFiles(all);
      const head = recordingHead(r, shown);
      return {
        ...head,
        type: typeAs === 'string' ? String(head.type) : head.type,
        share_url: shareUrl(base, r),
        recording_play_passcode: r.data.play_passcode,
        recording_files: shown.map((x) => fileView(base, x, trash !== '')),
      };
    });
    return page.respond(total, { from: range.from, to: range.to, meetings }, last);
  }

  /** Get meeting recordings' answer; a download token only when `fields` asks for one. */
  async function recordingAnswer(ctx: Context, r: RecordingRecord, fields: readonly string[], ttlS?: number) {
    const files = liveFiles(await repo.filesOf(ctx.db, ctx.account.id, r.uuid));
    if (files.length === 0) throw noRecording();
    const head = recordingHead(r, files);
    const ttl = ttlS !== undefined && ttlS > 0 ? ttlS : DEFAULT_TOKEN_TTL_S;
    return {
      ...head,
      type: String(head.type),
      share_url: shareUrl(base, r),
      password: r.data.settings.password,
      recording_play_passcode: r.data.play_passcode,
      ...(r.data.settings.auto_delete ? { auto_delete: true, auto_delete_date: stamp(Date.parse(r.start_time) + 30 * DAY_MS).slice(0, 10) } : {}),
      recording_files: files.map((f) => fileView(base, f)),
      ...(fields.includes('download_access_token') ? { download_access_token: await downloadToken(r, ctx.clock.now(), ttl) } : {}),
    };
  }

  async function fileOf(ctx: Context, r: RecordingRecord, fileId: string): Promise<FileRecord> {
    const f = await repo.getFile(ctx.db, ctx.account.id, fileId);
    if (!f || f.meeting_uuid !== r.uuid || f.archive || purgedAt(f.trashed_at, ctx.clock.now())) throw noRecording();
    return f;
  }

  async function checkStorage(ctx: Context): Promise<void> {
    const used = await repo.storageUsed(ctx.db, ctx.account.id, purgeCutoff(ctx));
    if (used > storageLimit(ctx.account as never)) throw storageFull();
  }

  return {
    ...createRecordingRegistrantsProvider(deps),
    ...createRecordingSettingsProvider(deps),
    ...createAnalyticsProvider(deps),
    ...createArchiveProvider(deps),
    ...createPastFilesProvider(deps),

    async recordingGet(input: Input<{ meetingId: string }, { include_fields?: string; ttl?: number }>, ctx: Context) {
      const fields = (input.query.include_fields ?? '').split(',').map((s) => s.trim());
      if (fields.includes('download_access_token')) return recordingAnswer(ctx, await findRecording(ctx, input.path.meetingId), fields, input.query.ttl);
      if (ctx.account.plan === 'free') throw paidOnly();
      // The answer changes with rows alone (a trashed recording is never answered, so the purge clock plays no part).
      const { answer, meta } = await answers.readTimed(ctx.account.id, String(input.path.meetingId), ctx.clock.now(), async () => {
        const r = await findRecording(ctx, input.path.meetingId);
        return { body: await recordingAnswer(ctx, r, fields), until: Infinity, meta: r.host_id };
      });
      if (ownRecordingsOnly(ctx) && meta !== ctx.actor.userId) throw Errors.noPermission();
      return answer;
    },

    async recordingsList(input: Input<{ userId: string }, ListQuery>, ctx: Context) {
      if (ctx.account.plan === 'free') throw paidOnly();
      const now = ctx.clock.now();
      const load = async () => {
        const user = await findUser(ctx.db, ctx, input.path.userId);
        if (ownRecordingsOnly(ctx) && user.id !== ctx.actor.userId) throw Errors.noPermission();
        // Without \`to\`, the range ends today (UTC): the page holds until the next midnight.
        const until = input.query.to === undefined ? (Math.floor(now / DAY_MS) + 1) * DAY_MS : Infinity;
        return { body: await list(ctx, input.query, input.page, { hostId: user.id }, 'string', now), until, meta: user.id };
      };
      // The trash lists change as their items pass 30 days: made on every read.
      if (input.query.trash === true) return (await load()).body;
      // Kept per user the path resolves to (\`me\` is each caller's own), checked against the caller on every read.
      const { answer, meta } = await pages.readPageTimed(ctx.account.id, `${ctx.resolveMe(input.path.userId)}\n${input.page.key}`, now, load);
      if (ownRecordingsOnly(ctx) && meta !== ctx.actor.userId) throw Errors.noPermission();
      return answer;
    },

    async ListRecordingsOfAnAccount(input: Input<{ accountId: string }, ListQuery>, ctx: Context) {
      return list(ctx, input.query, input.page, {}, 'number');
    },

    async recordingDelete(input: Input<{ meetingId: string }, { action?: 'trash' | 'delete' }>, ctx: Context) {
      const action = input.query.action ?? 'trash';
      const r = await findRecording(ctx, input.path.meetingId, action === 'delete' ? 'any' : 'live');
      const files = (await repo.filesOf(ctx.db, ctx.account.id, r.uuid)).filter((f) => !purgedAt(f.trashed_at, ctx.clock.now()));
      if (action === 'delete') {
        await repo.deleteRecording(ctx.db, ctx.account.id, r.uuid);
        await ctx.emit('recording.deleted', { object: eventObject(r, files) });
        return;
      }
      await repo.updateRecording(ctx.db, ctx.account.id, { ...r, trashed_at: stamp(ctx.clock.now()) });
      await ctx.emit('recording.trashed', { object: eventObject(r, liveFiles(files)) });
    },

    async recordingDeleteOne(input: Input<{ meetingId: string; recordingId: string }, { action?: 'trash' | 'delete' }>, ctx: Context) {
      const action = input.query.action ?? 'trash';
      const r = await findRecording(ctx, input.path.meetingId, 'live');
      const f = await fileOf(ctx, r, input.path.recordingId);
      if (action === 'delete') {
        await repo.deleteFile(ctx.db, ctx.account.id, f.id);
        await ctx.emit('recording.deleted', { object: eventObject(r, [f]) });
        return;
      }
      if (f.trashed_at !== null) throw noRecording();
      await repo.setFileTrash(ctx.db, ctx.account.id, f.id, stamp(ctx.clock.now()));
      await ctx.emit('recording.trashed', { object: eventObject(r, [f]) });
    },

    async recordingStatusUpdate(input: Input<{ meetingUUID: string }, Record<string, never>, { action?: 'recover' }>, ctx: Context) {
      if (input.body.action !== 'recover') throw Errors.validation([{ field: 'action', message: 'Missing field.' }]);
      const r = await findRecording(ctx, input.path.meetingUUID, 'any');
      const files = (await repo.filesOf(ctx.db, ctx.account.id, r.uuid)).filter((f) => !purgedAt(f.trashed_at, ctx.clock.now()));
      const trashed = files.filter((f) => f.trashed_at !== null);
      if (r.trashed_at === null && trashed.length === 0) throw noRecording();
      await checkStorage(ctx);
      await repo.updateRecording(ctx.db, ctx.account.id, { ...r, trashed_at: null });
      for (const f of trashed) await repo.setFileTrash(ctx.db, ctx.account.id, f.id, null);
      await ctx.emit('recording.recovered', { object: eventObject(r, files) });
    },

    async recordingStatusUpdateOne(input: Input<{ meetingId: string; recordingId: string }, Record<string, never>, { action?: 'recover' }>, ctx: Context) {
      if (input.body.action !== 'recover') throw Errors.validation([{ field: 'action', message: 'Missing field.' }]);
      const r = await findRecording(ctx, input.path.meetingId, 'any');
      const f = await fileOf(ctx, r, input.path.recordingId);
      if (f.trashed_at === null && r.trashed_at === null) throw noRecording();
      await checkStorage(ctx);
      await repo.setFileTrash(ctx.db, ctx.account.id, f.id, null);
      if (r.trashed_at !== null) await repo.updateRecording(ctx.db, ctx.account.id, { ...r, trashed_at: null });
      await ctx.emit('recording.recovered', { object: eventObject(r, [{ ...f, trashed_at: null }]) });
    },
  };
}

