// The server's recording work outside requests: recordings whose processing
// delay has passed (server clock) get their files made, stored and listed, with
// recording.completed (and recording.transcript_completed, and for archiving
// accounts recording.archive_files_completed); trash older than 30 days is
// purged; bytes whose rows are gone are removed from the store. Runs after
// every move of the clock and every few seconds while it runs.
import type { Clock } from '../../core/clock.ts';
import { zoomId } from '../../core/ids.ts';
import type { Db, Queryable } from '../../storage/db.ts';
import { emitEvent } from '../../webhooks/emit.ts';
import type { FileStore } from '../../media/store/index.ts';
import { getAccount } from '../../tenancy/repository.ts';
import {
  DEFAULT_PROCESSING,
  DEFAULT_TOKEN_TTL_S,
  downloadToken,
  eventRecording,
  recordingSummary,
  processingDelay,
  stamp,
  TRASH_RETENTION_MS,
  zoomTime,
  archiveFileView,
  type FileRecord,
  type ProcessingOptions,
  type RecordingRecord,
} from './model.ts';
import { fileFingerprint, fingerprint, segmentFiles, sessionFacts, type MadeFile } from './media.ts';
import * as repo from './repository.ts';

const SWEEP_MS = 5_000;
/** Media files remembered for copying. */
const MADE_BEFORE = 256;
const GB = 1024 ** 3;

export interface RecordingsDeps {
  db: Db;
  clock: Clock;
  store: FileStore;
  baseUrl: string;
  processing?: Partial<ProcessingOptions>;
}

/** Bytes of cloud storage the account's plans include (0: none). */
export function storageLimit(account: { data: { addons?: { cloud_recording?: { storage_gb: number } } } }): number {
  return (account.data.addons?.cloud_recording?.storage_gb ?? 0) * GB;
}

const gb = (bytes: number): string => `${(bytes / GB).toFixed(2).replace(/\.?0+$/, '')} GB`;

/** recording.cloud_storage_usage_updated's object: the plan's storage, what is used, and what did not fit. */
export function storageUsage(plan: string, used: number, limit: number, refused: number) {
  return {
    free_storage: gb(Math.max(0, limit - used)),
    plan_storage: gb(limit),
    plan_type: plan.charAt(0).toUpperCase() + plan.slice(1),
    storage_used: gb(used),
    storage_used_percentage: limit > 0 ? Math.min(100, Math.round((used / limit) * 10_000) / 100) : 100,
    storage_exceed: gb(Math.max(0, used + refused - limit)),
  };
}

const serverSource = (accountId: string, now: number) => ({ accountId, operatorUserId: null, clientId: null, now, operator: null });

export class RecordingWork {
  private readonly deps: RecordingsDeps;
  private readonly options: ProcessingOptions;
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Scenarios playing (hold): moves of the clock start passes without waiting for them. */
  private holds = 0;
  /** A move of the clock came during a held pass: one more pass follows it. */
  private nudged = false;

  /**
   * Media files made lately, by what they are made from: recordings of one length and picture
   * are common (a simulated month of meetings in whole minutes), and copying one in the store
   * costs nothing next to encoding it again. A copy whose source is gone is made anew.
   */
  private readonly madeBefore = new Map<string, { key: string; size: number }>();

  private remember(identity: string, key: string, size: number): void {
    this.madeBefore.delete(identity);
    this.madeBefore.set(identity, { key, size });
    if (this.madeBefore.size > MADE_BEFORE) this.madeBefore.delete(this.madeBefore.keys().next().value!);
  }

  constructor(deps: RecordingsDeps) {
    this.deps = deps;
    this.options = { ...DEFAULT_PROCESSING, ...deps.processing };
  }

  get store(): FileStore {
    return this.deps.store;
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await this.deps.store.close();
  }

  /**
   * While a scenario plays, the clock's moves do not wait for recordings: a pass starts when
   * none runs and the scenario goes on while its media encode on a thread (src/media/pool.ts).
   * A recording so processed completes at the time it fell due, not when its pass got to it, so
   * a seed still makes the same figures. The release waits for everything due.
   */
  hold(): () => Promise<void> {
    this.holds++;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        await this.sweep();
      } finally {
        this.holds--;
      }
    };
  }

  /** The server clock moved: what fell due is processed, waited for unless a scenario holds. */
  async clockMoved(): Promise<void> {
    if (this.holds === 0) {
      await this.sweep();
      return;
    }
    if (this.running) {
      this.nudged = true;
      return;
    }
    void this.sweep()
      .catch((err) => console.error('recording processing:', err))
      .finally(() => {
        if (!this.nudged) return;
        this.nudged = false;
        void this.clockMoved();
      });
  }

  /** One pass (processing, purge, collection); a pass already running is waited for, then another runs. */
  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async pass(): Promise<number> {
    let done = 0;
    const now = this.deps.clock.now();
    for (const r of await repo.processingRecordings(this.deps.db)) {
      const due = Date.parse(r.ended_at) + processingDelay(r.data.recorded_ms, this.options);
      if (due > now) continue;
      if (await this.process(r, this.holds > 0 ? due : undefined)) done++;
    }
    await this.purge();
    await this.collect();
    return done;
  }

  /** Makes and stores a recording's files, then lists them in one transaction; bytes of a losing run are removed. */
  /** `at`: when it completes (server ms); the clock's time when not given. */
  private async process(r: RecordingRecord, at?: number): Promise<boolean> {
    const { db, store } = this.deps;
    const facts = await sessionFacts(db, r.account_id, r.uuid);
    const made: Array<{ file: FileRecord; transcript: boolean }> = [];
    let position = 0;
    const keep = async (m: MadeFile, segment: { start: string; end: string }, archive: boolean) => {
      const id = zoomId();
      const key = `${r.account_id}/${archive ? 'archive' : 'cloud'}/${id}.${m.file_extension.toLowerCase()}`;
      let size: number;
      let sha256 = '';
      const content = m.bytes;
      const before = m.identity !== undefined && !archive ? this.madeBefore.get(m.identity) : undefined;
      if (before && (await store.copy(before.key, key))) {
        size = before.size;
      } else if (typeof content === 'function') {
        size = await store.putFrom(key, m.content_type, async (path) => {
          await content(path);
          if (archive) sha256 = await fileFingerprint(path);
        });
      } else {
        await store.put(key, content, m.content_type);
        size = content.length;
        if (archive) sha256 = fingerprint(content);
      }
      if (m.identity !== undefined && !archive) this.remember(m.identity, key, size);
      made.push({
        transcript: m.transcript,
        file: {
          account_id: r.account_id,
          id,
          meeting_uuid: r.uuid,
          position: position++,
          archive,
          recording_type: m.recording_type,
          file_type: m.file_type,
          file_extension: m.file_extension,
          recording_start: segment.start,
          recording_end: segment.end,
          file_size: size,
          storage_key: key,
          trashed_at: null,
          data: archive ? { individual: false, fingerprint: sha256, ...(m.messages ? { messages: m.messages } : {}) } : {},
        },
      });
    };
    const archiving = await repo.archivingEnabled(db, r.account_id);
    try {
      for (const s of r.data.segments) for (const m of await segmentFiles(facts, s, r.data.choices)) await keep(m, s, false);
      if (archiving) {
        const whole = { start: r.data.segments[0]!.start, end: r.data.segments.at(-1)!.end };
        for (const s of r.data.segments) {
          for (const m of await segmentFiles(facts, s, { ...r.data.choices, gallery_view: false, timeline: false, transcript: false, closed_caption: false })) {
            if (m.recording_type === 'gallery_view' || m.recording_type === 'shared_screen_with_gallery_view') continue;
            await keep({ ...m, recording_type: m.file_type === 'MP4' ? 'shared_screen_with_speaker_view' : m.recording_type }, whole, true);
          }
        }
      }
      const listed = await db.transaction((tx) => this.complete(tx, r, made.map((m) => m.file), made, at ?? this.deps.clock.now()));
      if (!listed) await Promise.all(made.map((m) => store.delete(m.file.storage_key)));
      return listed;
    } catch (err) {
      await Promise.all(made.map((m) => store.delete(m.file.storage_key).catch(() => undefined)));
      throw err;
    }
  }

  private async complete(tx: Queryable, r: RecordingRecord, files: FileRecord[], made: Array<{ file: FileRecord; transcript: boolean }>, now: number): Promise<boolean> {
    const current = await repo.getRecording(tx, r.account_id, r.uuid);
    if (!current || current.status !== 'processing') return false;
    const account = await getAccount(tx, r.account_id);
    const cloud = files.filter((f) => !f.archive);
    const size = cloud.reduce((n, f) => n + f.file_size, 0);
    const used = await repo.storageUsed(tx, r.account_id, stamp(now - TRASH_RETENTION_MS));
    if (!account) return false;
    const limit = storageLimit(account);
    if (used + size > limit) {
      // The plan's storage is full: Zoom keeps nothing of the recording, and says how full it is.
      await repo.deleteRecording(tx, r.account_id, r.uuid);
      await emitEvent(tx, serverSource(r.account_id, now), 'recording.cloud_storage_usage_updated', { account_id: r.account_id, object: storageUsage(account.plan, used, limit, size) });
      return false;
    }
    // Crossing 80 % or 100 % of the plan's storage is announced too.
    const crossed = [0.8, 1].some((mark) => used < mark * limit && used + size >= mark * limit);
    if (crossed) await emitEvent(tx, serverSource(r.account_id, now), 'recording.cloud_storage_usage_updated', { account_id: r.account_id, object: storageUsage(account.plan, used + size, limit, 0) });
    for (const f of files) await repo.insertFile(tx, r.account_id, f);
    const completed: RecordingRecord = { ...current, status: 'completed', total_size: size, data: { ...current.data, completed_at: stamp(now) } };
    await repo.updateRecording(tx, r.account_id, completed);
    const base = this.deps.baseUrl;
    const token = await downloadToken(completed, now, DEFAULT_TOKEN_TTL_S);
    const transcriptIds = new Set(made.filter((m) => m.transcript).map((m) => m.file.id));
    const object = (list: FileRecord[]) => ({
      ...eventRecording(base, completed, list),
      total_size: size,
      recording_count: cloud.length,
      password: completed.data.settings.password,
      host_email: completed.data.host_email,
    });
    const source = serverSource(r.account_id, now);
    await emitEvent(
      tx,
      source,
      'recording.completed',
      { account_id: r.account_id, object: { ...object(cloud.filter((f) => !transcriptIds.has(f.id))), recording_play_passcode: completed.data.play_passcode } },
      { download_token: token },
    );
    if (transcriptIds.size > 0) {
      await emitEvent(tx, source, 'recording.transcript_completed', { account_id: r.account_id, object: object(cloud.filter((f) => transcriptIds.has(f.id))) }, { download_token: token });
    }
    const archived = files.filter((f) => f.archive);
    if (archived.length > 0) await this.archived(tx, completed, archived, token, now);
    return true;
  }

  private async archived(tx: Queryable, r: RecordingRecord, files: FileRecord[], token: string, now: number) {
    const base = this.deps.baseUrl;
    const seconds = Math.round(r.data.recorded_ms / 1000);
    await emitEvent(
      tx,
      serverSource(r.account_id, now),
      'recording.archive_files_completed',
      {
        account_id: r.account_id,
        object: {
          ...recordingSummary(r, files),
          duration_in_second: seconds,
          meeting_type: 'internal',
          complete_time: zoomTime(stamp(now)),
          is_breakout_room: false,
          status: 'completed',
          archive_files: files.map((f) => archiveFileView(base, f)),
        },
      },
      { download_token: token },
    );
  }

  /** Trash older than 30 days (server clock) is deleted for good. */
  private async purge(): Promise<void> {
    const { db, clock } = this.deps;
    const cutoff = stamp(clock.now() - TRASH_RETENTION_MS);
    const due = await repo.purgeable(db, cutoff);
    for (const r of due.recordings) await db.transaction((tx) => repo.deleteRecording(tx, r.account_id, r.uuid), r.account_id);
    for (const f of due.files) await db.transaction((tx) => repo.deleteFile(tx, f.account_id, f.id), f.account_id);
  }

  /** Removes the bytes of deleted files from the store. */
  private async collect(): Promise<void> {
    const { db, store } = this.deps;
    for (const g of await repo.garbage(db)) {
      await store.delete(g.storage_key);
      await db.transaction((tx) => repo.dropGarbage(tx, g.account_id, g.storage_key), g.account_id);
    }
  }
}
