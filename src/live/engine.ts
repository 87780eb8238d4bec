// The live session state machine, generic over meetings and webinars: start
// (the host joins), join, leave, waiting room, sharing, recording, plan
// limits and the end. Every step runs inside the caller's write transaction,
// reads the clock given to it, records what happened (participants, stints,
// intervals) and emits Zoom's events through `emit` — the same steps serve the
// control plane, the API (in-meeting controls, end) and the sweep.
import { Errors } from '../core/errors.ts';
import { instanceUuid, zoomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';
import { getUserByEmail } from '../api/users/repository.ts';
import {
  eventObject,
  eventParticipant,
  FREE_LIMIT_MS,
  FREE_LIMIT_PARTICIPANTS,
  inMeetingUserId,
  LEAVE_REASONS,
  msOf,
  reportedType,
  rowId,
  seconds,
  spanSeconds,
  stamp,
  type HostInfo,
  type InstanceRecord,
  type IntervalRecord,
  type JoinDetails,
  type ParticipantRecord,
  type ParticipantRole,
  type SessionInfo,
  type SessionKind,
  type ShareContent,
} from './model.ts';
import * as repo from './repository.ts';
import { stopLivestream } from './livestream.ts';
import { recordingEnded } from '../api/recordings/capture.ts';

export type Emit = (event: string, payload: Record<string, unknown>) => Promise<void>;

/** One write transaction's view: its connection, the clock's instant, and the outbox. */
export interface LiveTx {
  db: Queryable;
  now: number;
  emit: Emit;
}

/** What the live side asks of a session's own category. */
export interface SessionAdapter {
  kind: SessionKind;
  /** The session is live (with this instance's UUID) or waiting again. */
  setState(db: Queryable, accountId: string, sessionId: string, status: 'waiting' | 'started', uuid: string): Promise<void>;
}

const objectOf = (i: InstanceRecord, extra: Record<string, unknown>) => ({ object: { ...eventObject(i), ...extra } });

// ---- Start and end ----

/**
 * The host starts the session: a new instance, or the live one (one live
 * instance per session). The first instance takes the session's stored UUID;
 * `uuid` chooses one (scripts that need a UUID with `/`). Without `hostJoins`
 * the session starts with no one in it (join before host: the first participant starts it).
 */
export async function startInstance(
  t: LiveTx,
  adapter: SessionAdapter,
  session: SessionInfo,
  host: HostInfo,
  opts: { uuid?: string; hostJoins?: boolean } = {},
): Promise<{ instance: InstanceRecord; created: boolean }> {
  const { uuid, hostJoins = true } = opts;
  const current = await repo.liveInstance(t.db, session.accountId, session.kind, session.id);
  if (current) {
    const settled = await settle(t, adapter, current);
    if (settled.status === 'live') return { instance: settled, created: false };
  }
  if (uuid !== undefined && (await repo.getInstance(t.db, session.accountId, uuid))) throw Errors.liveConflict(`The instance UUID ${uuid} is already in use.`);
  const number = (await repo.countInstances(t.db, session.accountId, session.kind, session.id)) + 1;
  let chosen = uuid ?? (number === 1 && session.uuid ? session.uuid : instanceUuid());
  if (uuid === undefined && (await repo.getInstance(t.db, session.accountId, chosen))) chosen = instanceUuid();
  const instance: InstanceRecord = {
    account_id: session.accountId,
    uuid: chosen,
    kind: session.kind,
    session_id: session.id,
    number,
    host_id: session.hostId,
    status: 'live',
    start_time: stamp(t.now),
    end_time: null,
    end_reason: null,
    auto_end_at: null,
    seq: 0,
    data: {
      topic: session.topic,
      type: session.type,
      timezone: session.timezone,
      duration: session.duration,
      host_email: host.email,
      host_name: host.name,
      dept: host.dept,
      basic_host: host.type === 1,
      waiting_room: session.waitingRoom,
    },
  };
  await repo.insertInstance(t.db, session.accountId, instance);
  await adapter.setState(t.db, session.accountId, session.id, 'started', instance.uuid);
  await t.emit(`${session.kind}.started`, objectOf(instance, {}));
  if (hostJoins) await join(t, instance, { name: host.name, email: host.email }, 'host');
  if (session.autoRecording) await record(t, instance, 'start');
  return { instance: (await repo.getInstance(t.db, session.accountId, instance.uuid))!, created: true };
}

export type EndReason = 'host' | 'limit' | 'empty';

/** Ends a live instance at `at` (default now): everyone leaves, sharing and recording stop, `*.ended` is sent. */
export async function endInstance(t: LiveTx, adapter: SessionAdapter, i: InstanceRecord, reason: EndReason, at: number = t.now): Promise<InstanceRecord> {
  const when = stamp(at);
  for (const share of await repo.openIntervals(t.db, i.account_id, i.uuid, 'sharing')) await closeShare(t, i, share, when);
  await stopRecording(t, i, when);
  await stopLivestream(t, i, when);
  const leaveReason = reason === 'limit' ? LEAVE_REASONS.freeLimit : LEAVE_REASONS.hostEnded;
  for (const p of await repo.participantsIn(t.db, i.account_id, i.uuid, ['in_meeting', 'in_waiting_room'])) await depart(t, i, p, leaveReason, when);
  const stints = await repo.meetingStints(t.db, i.account_id, i.uuid);
  const totals = {
    participants: await repo.countParticipants(t.db, i.account_id, i.uuid),
    attended_seconds: stints.reduce((sum, s) => sum + spanSeconds(s.started_at, s.ended_at ?? when, 0), 0),
  };
  const latest = (await repo.getInstance(t.db, i.account_id, i.uuid)) ?? i;
  const ended: InstanceRecord = { ...latest, status: 'ended', end_time: when, end_reason: reason, data: { ...latest.data, totals } };
  await repo.updateInstance(t.db, i.account_id, ended);
  // A session that recorded to the cloud leaves a recording in processing.
  await recordingEnded(t, ended);
  await adapter.setState(t.db, i.account_id, i.session_id, 'waiting', i.uuid);
  await t.emit(`${i.kind}.ended`, objectOf(ended, { end_time: seconds(when), ...(i.kind === 'webinar' ? { practice_session: ended.data.practice_session === true } : {}) }));
  return ended;
}

/** Ends the instance if a plan limit has passed (at the limit's time); answers it as it now is. */
export async function settle(t: LiveTx, adapter: SessionAdapter, i: InstanceRecord): Promise<InstanceRecord> {
  if (i.status !== 'live' || i.auto_end_at === null || msOf(i.auto_end_at) > t.now) return i;
  return endInstance(t, adapter, i, 'limit', msOf(i.auto_end_at));
}

/**
 * A Basic host's meeting with 3+ participants in it ends 40 minutes after it
 * started, or at once when the third joins later than that.
 */
async function checkLimit(t: LiveTx, i: InstanceRecord): Promise<void> {
  if (!i.data.basic_host || i.kind !== 'meeting') return;
  const current = (await repo.getInstance(t.db, i.account_id, i.uuid))!;
  if (current.auto_end_at !== null) return;
  const inMeeting = await repo.participantsIn(t.db, i.account_id, i.uuid, ['in_meeting']);
  if (inMeeting.length < FREE_LIMIT_PARTICIPANTS) return;
  const at = Math.max(msOf(i.start_time) + FREE_LIMIT_MS, t.now);
  await repo.updateInstance(t.db, i.account_id, { ...current, auto_end_at: stamp(at) });
}

// ---- Participants ----

/** A participant joins: into the meeting, or into the waiting room when the session has one (hosts never wait). */
export async function join(t: LiveTx, i: InstanceRecord, details: JoinDetails, role: ParticipantRole = 'attendee'): Promise<ParticipantRecord> {
  const seq = await repo.nextSeq(t.db, i.account_id, i.uuid);
  const user = details.email ? await getUserByEmail(t.db, i.account_id, details.email) : undefined;
  // The host joining by email (after a start without them, or again after leaving) is the host.
  if (user?.id === i.host_id) role = 'host';
  // A webinar's attendees wait while its practice session is on.
  const waiting = role !== 'host' && (i.data.waiting_room || (i.data.practice_session === true && role === 'attendee'));
  const p: ParticipantRecord = {
    account_id: i.account_id,
    instance_uuid: i.uuid,
    id: zoomId(),
    seq,
    user_id: inMeetingUserId(seq),
    participant_user_id: user?.id ?? '',
    name: details.name,
    email: details.email,
    registrant_id: details.registrant_id ?? '',
    role,
    status: waiting ? 'in_waiting_room' : 'in_meeting',
    joined_at: stamp(t.now),
    left_at: null,
    leave_reason: null,
    data: {
      device: details.device ?? '',
      location: details.location ?? '',
      ip_address: details.ip_address ?? '',
      network_type: details.network_type ?? '',
      version: details.version ?? '',
      data_center: details.data_center ?? '',
    },
  };
  await repo.insertParticipant(t.db, i.account_id, p);
  await repo.openStint(t.db, i.account_id, i.uuid, rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), p.id, waiting ? 'in_waiting_room' : 'in_meeting', p.joined_at);
  if (waiting) {
    // Zoom's catalogue has no webinar waiting room events.
    if (i.kind === 'meeting') await t.emit(`${i.kind}.participant_joined_waiting_room`, objectOf(i, { participant: { ...eventParticipant(p), date_time: seconds(p.joined_at) } }));
  } else {
    await t.emit(`${i.kind}.participant_joined`, objectOf(i, { participant: { ...eventParticipant(p), join_time: seconds(p.joined_at) } }));
    await checkLimit(t, i);
  }
  return p;
}

/** Closes the participant's stint and sharing, marks them gone and sends the matching event. */
async function depart(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, reason: string, when: string): Promise<ParticipantRecord> {
  for (const share of await repo.openIntervals(t.db, i.account_id, i.uuid, 'sharing')) if (share.participant_id === p.id) await closeShare(t, i, share, when);
  await repo.closeStints(t.db, i.account_id, i.uuid, p.id, when);
  const gone: ParticipantRecord = { ...p, status: 'left', left_at: when, leave_reason: p.status === 'in_waiting_room' ? LEAVE_REASONS.leftWaitingRoom : reason };
  await repo.setParticipantStatus(t.db, i.account_id, gone);
  if (p.status === 'in_waiting_room') {
    if (i.kind === 'meeting') await t.emit(`${i.kind}.participant_left_waiting_room`, objectOf(i, { participant: { ...eventParticipant(p), date_time: seconds(when) } }));
  } else {
    await t.emit(`${i.kind}.participant_left`, objectOf(i, { participant: { ...eventParticipant(p), leave_time: seconds(when), leave_reason: gone.leave_reason } }));
  }
  return gone;
}

/** A participant leaves; when nobody is left in the meeting or its waiting room, the instance ends. */
export async function leave(t: LiveTx, adapter: SessionAdapter, i: InstanceRecord, p: ParticipantRecord): Promise<ParticipantRecord> {
  if (p.status === 'left') throw Errors.liveConflict(`Participant ${p.id} has already left.`);
  const gone = await depart(t, i, p, LEAVE_REASONS.left(p.name), stamp(t.now));
  const remaining = await repo.participantsIn(t.db, i.account_id, i.uuid, ['in_meeting', 'in_waiting_room']);
  if (remaining.length === 0) await endInstance(t, adapter, (await repo.getInstance(t.db, i.account_id, i.uuid))!, 'empty');
  return gone;
}

/** The host moves a participant from the meeting into the waiting room. */
export async function putInWaitingRoom(t: LiveTx, i: InstanceRecord, p: ParticipantRecord): Promise<ParticipantRecord> {
  if (p.role === 'host') throw Errors.liveConflict('The host cannot be put in the waiting room.');
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the meeting.`);
  const when = stamp(t.now);
  for (const share of await repo.openIntervals(t.db, i.account_id, i.uuid, 'sharing')) if (share.participant_id === p.id) await closeShare(t, i, share, when);
  return moveStint(t, i, p, 'in_waiting_room', when, `${i.kind}.participant_put_in_waiting_room`);
}

/** The host admits a participant from the waiting room. */
export async function admit(t: LiveTx, i: InstanceRecord, p: ParticipantRecord): Promise<ParticipantRecord> {
  if (p.status !== 'in_waiting_room') throw Errors.liveConflict(`Participant ${p.id} is not in the waiting room.`);
  const when = stamp(t.now);
  const moved = await moveStint(t, i, p, 'in_meeting', when, `${i.kind}.participant_admitted`);
  await t.emit(`${i.kind}.participant_joined`, objectOf(i, { participant: { ...eventParticipant(moved), join_time: seconds(when) } }));
  await checkLimit(t, i);
  return moved;
}

async function moveStint(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, to: 'in_meeting' | 'in_waiting_room', when: string, event: string): Promise<ParticipantRecord> {
  await repo.closeStints(t.db, i.account_id, i.uuid, p.id, when);
  await repo.openStint(t.db, i.account_id, i.uuid, rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), p.id, to, when);
  const moved: ParticipantRecord = { ...p, status: to };
  await repo.setParticipantStatus(t.db, i.account_id, moved);
  await t.emit(event, objectOf(i, { participant: { ...eventParticipant(p), date_time: seconds(when) } }));
  return moved;
}

// ---- Sharing ----

const sharingParticipant = (p: { user_id: string; name: string; participant_user_id: string; id: string }, content: string, when: string) => ({
  user_id: p.user_id,
  user_name: p.name,
  id: p.participant_user_id || p.id,
  sharing_details: { content, link_source: '', file_link: '', date_time: seconds(when), source: '' },
});

/** A participant starts sharing; whoever shared before stops (one share at a time). */
export async function startShare(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, content: ShareContent): Promise<IntervalRecord> {
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the meeting.`);
  const when = stamp(t.now);
  for (const share of await repo.openIntervals(t.db, i.account_id, i.uuid, 'sharing')) {
    if (share.participant_id === p.id) throw Errors.liveConflict(`Participant ${p.id} is already sharing.`);
    await closeShare(t, i, share, when);
  }
  const interval: IntervalRecord = { id: rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), kind: 'sharing', participant_id: p.id, started_at: when, ended_at: null, data: { content } };
  await repo.openInterval(t.db, i.account_id, i.uuid, interval);
  await t.emit(`${i.kind}.sharing_started`, objectOf(i, { participant: sharingParticipant(p, content, when) }));
  return interval;
}

export async function stopShare(t: LiveTx, i: InstanceRecord, p: ParticipantRecord): Promise<void> {
  const share = (await repo.openIntervals(t.db, i.account_id, i.uuid, 'sharing')).find((s) => s.participant_id === p.id);
  if (!share) throw Errors.liveConflict(`Participant ${p.id} is not sharing.`);
  await closeShare(t, i, share, stamp(t.now));
}

async function closeShare(t: LiveTx, i: InstanceRecord, share: IntervalRecord, when: string): Promise<void> {
  await repo.closeInterval(t.db, i.account_id, i.uuid, share.id, when);
  const p = (await repo.getParticipant(t.db, i.account_id, i.uuid, share.participant_id))!;
  await t.emit(`${i.kind}.sharing_ended`, objectOf(i, { participant: sharingParticipant(p, String(share.data.content ?? 'unknown'), when) }));
}

// ---- Recording ----

export type RecordingAction = 'start' | 'stop' | 'pause' | 'resume';
export type RecordingState = 'off' | 'on' | 'paused';

/** recording.* events carry the session's number as a number. */
function recordingObject(i: InstanceRecord, start: string, end: string): Record<string, unknown> {
  return {
    object: {
      ...eventObject(i),
      id: Number(i.session_id),
      type: reportedType(i.data.type),
      recording_file: { recording_start: start ? seconds(start) : '', recording_end: end ? seconds(end) : '' },
    },
  };
}

export async function recordingState(db: Queryable, i: InstanceRecord): Promise<RecordingState> {
  if ((await repo.openIntervals(db, i.account_id, i.uuid, 'recording')).length === 0) return 'off';
  return (await repo.openIntervals(db, i.account_id, i.uuid, 'recording_paused')).length > 0 ? 'paused' : 'on';
}

const RECORDING_REFUSAL: Record<RecordingAction, Partial<Record<RecordingState, string>>> = {
  start: { on: 'The meeting is already being recorded.', paused: 'The recording is paused; resume it.' },
  stop: { off: 'The meeting is not being recorded.' },
  pause: { off: 'The meeting is not being recorded.', paused: 'The recording is already paused.' },
  resume: { off: 'The meeting is not being recorded.', on: 'The recording is not paused.' },
};

/** Cloud recording: start, stop, pause and resume, each allowed from the states Zoom's client allows it. */
export async function record(t: LiveTx, i: InstanceRecord, action: RecordingAction): Promise<RecordingState> {
  const state = await recordingState(t.db, i);
  const refusal = RECORDING_REFUSAL[action][state];
  if (refusal) throw Errors.liveConflict(refusal);
  const when = stamp(t.now);
  const next = async (kind: 'recording' | 'recording_paused') =>
    repo.openInterval(t.db, i.account_id, i.uuid, { id: rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), kind, participant_id: i.host_id, started_at: when, ended_at: null, data: {} });
  switch (action) {
    case 'start':
      await next('recording');
      await t.emit('recording.started', recordingObject(i, when, ''));
      return 'on';
    case 'stop':
      await stopRecording(t, i, when);
      return 'off';
    case 'pause': {
      const [rec] = await repo.openIntervals(t.db, i.account_id, i.uuid, 'recording');
      await next('recording_paused');
      await t.emit('recording.paused', recordingObject(i, rec!.started_at, when));
      return 'paused';
    }
    case 'resume': {
      for (const pause of await repo.openIntervals(t.db, i.account_id, i.uuid, 'recording_paused')) await repo.closeInterval(t.db, i.account_id, i.uuid, pause.id, when);
      await t.emit('recording.resumed', recordingObject(i, when, ''));
      return 'on';
    }
  }
}

async function stopRecording(t: LiveTx, i: InstanceRecord, when: string): Promise<void> {
  for (const pause of await repo.openIntervals(t.db, i.account_id, i.uuid, 'recording_paused')) await repo.closeInterval(t.db, i.account_id, i.uuid, pause.id, when);
  for (const rec of await repo.openIntervals(t.db, i.account_id, i.uuid, 'recording')) {
    await repo.closeInterval(t.db, i.account_id, i.uuid, rec.id, when);
    await t.emit('recording.stopped', recordingObject(i, rec.started_at, when));
  }
}
