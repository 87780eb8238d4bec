// A live session that recorded to the cloud leaves, when it ends, a recording
// in processing: its segments (each start–stop; pauses cut out) and the files
// the host's recording settings ask for. The files are made later, when the
// processing delay has passed (processing.ts). Called by the live engine
// inside the transaction that ends the instance, for meetings and webinars alike.
import { randomBytes } from 'node:crypto';
import type { Context } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import type { LiveTx } from '../../live/engine.ts';
import { minutesOf, msOf, type InstanceRecord, type IntervalRecord } from '../../live/model.ts';
import * as live from '../../live/repository.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { hostSettings } from '../settings/provider.ts';
import { defaultSettings, opaqueToken, recordingPassword, type FileChoices, type RecordingRecord, type Segment } from './model.ts';
import * as repo from './repository.ts';

/** Each start–stop stretch of recording, with the pauses inside it and the milliseconds actually recorded. */
export function segmentsOf(recordings: readonly IntervalRecord[], pauses: readonly IntervalRecord[], endTime: string): Segment[] {
  return recordings.map((r) => {
    const start = r.started_at;
    const end = r.ended_at ?? endTime;
    const inside = pauses
      .filter((p) => p.started_at >= start && p.started_at < end)
      .map((p) => ({ start: p.started_at, end: p.ended_at && p.ended_at < end ? p.ended_at : end }));
    const paused = inside.reduce((n, p) => n + (msOf(p.end) - msOf(p.start)), 0);
    return { start, end, pauses: inside, recorded_ms: Math.max(0, msOf(end) - msOf(start) - paused) };
  });
}

type Doc = Record<string, unknown>;

/** The files the host's recording settings ask for (account, group and user levels, as in force now). */
async function choicesOf(db: Queryable, accountId: string, hostId: string): Promise<FileChoices> {
  const account = (await getAccount(db, accountId))!;
  // hostSettings reads the settings chain through these two fields only.
  const { settings } = await hostSettings({ db, account } as unknown as Context, hostId);
  const rec = ((settings as Doc).recording ?? {}) as Doc;
  const on = (key: string, fallback: boolean) => (typeof rec[key] === 'boolean' ? (rec[key] as boolean) : fallback);
  return {
    speaker_view: on('record_speaker_view', true),
    gallery_view: on('record_gallery_view', true),
    audio_file: on('record_audio_file', true),
    chat: on('save_chat_text', true),
    timeline: on('show_timestamp', true),
    transcript: on('recording_audio_transcript', true),
    closed_caption: on('save_closed_caption', false),
  };
}

/**
 * The instance ended: if it recorded to the cloud, a recording starts
 * processing. Free accounts and Basic hosts have no cloud recording (their
 * recording stays local to the client), so nothing is kept for them.
 */
export async function recordingEnded(t: LiveTx, i: InstanceRecord): Promise<void> {
  const recordings = await live.intervals(t.db, i.account_id, i.uuid, 'recording');
  if (recordings.length === 0 || i.data.basic_host) return;
  const account = await getAccount(t.db, i.account_id);
  if (!account || account.plan === 'free') return;
  if (await repo.getRecording(t.db, i.account_id, i.uuid)) return;
  const endTime = i.end_time!;
  const segments = segmentsOf(recordings, await live.intervals(t.db, i.account_id, i.uuid, 'recording_paused'), endTime).filter((s) => s.recorded_ms > 0);
  if (segments.length === 0) return;
  const recorded = segments.reduce((n, s) => n + s.recorded_ms, 0);
  const r: RecordingRecord = {
    account_id: i.account_id,
    uuid: i.uuid,
    kind: i.kind,
    meeting_id: i.session_id,
    host_id: i.host_id,
    start_time: i.start_time,
    status: 'processing',
    ended_at: endTime,
    trashed_at: null,
    total_size: 0,
    secret: randomBytes(32).toString('base64url'),
    data: {
      topic: i.data.topic,
      type: i.data.type,
      timezone: i.data.timezone,
      duration: minutesOf(Math.ceil(recorded / 1000)),
      host_email: i.data.host_email,
      recorded_ms: recorded,
      segments,
      choices: await choicesOf(t.db, i.account_id, i.host_id),
      settings: defaultSettings(recordingPassword()),
      play_passcode: opaqueToken(24),
      share_token: opaqueToken(24),
    },
  };
  await repo.insertRecording(t.db, i.account_id, r);
}
