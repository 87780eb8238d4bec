// The only SQL of live sessions. Every statement takes the account id first,
// except `dueInstances`, the server's own sweep for plan limits across accounts.
import type { Cursor } from '../core/pagination.ts';
import type { Queryable } from '../storage/db.ts';
import { pageSql, type PageWindow } from '../storage/paging.ts';
import type {
  InstanceData,
  InstanceRecord,
  IntervalKind,
  IntervalRecord,
  ParticipantData,
  ParticipantRecord,
  ParticipantStatus,
  SessionKind,
} from './model.ts';

type InstanceRow = Omit<InstanceRecord, 'data' | 'seq' | 'number'> & { seq: number | string; number: number | string; data: string };
const INSTANCE_COLUMNS = 'account_id, uuid, kind, session_id, number, host_id, status, start_time, end_time, end_reason, auto_end_at, seq, data';
const instanceOf = (r: InstanceRow): InstanceRecord => ({ ...r, seq: Number(r.seq), number: Number(r.number), data: JSON.parse(r.data) as InstanceData });

/** The summary columns reports add up instead of reading `data` (kept with it on every write). */
const summaryColumns = (i: InstanceRecord) => [i.data.totals?.participants ?? 0, i.data.totals?.attended_seconds ?? 0];

export async function insertInstance(db: Queryable, accountId: string, i: InstanceRecord): Promise<void> {
  await db.run(`INSERT INTO live_instances (${INSTANCE_COLUMNS}, participants, attended_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    accountId,
    i.uuid,
    i.kind,
    i.session_id,
    i.number,
    i.host_id,
    i.status,
    i.start_time,
    i.end_time,
    i.end_reason,
    i.auto_end_at,
    i.seq,
    JSON.stringify(i.data),
    ...summaryColumns(i),
  ]);
}

export async function getInstance(db: Queryable, accountId: string, uuid: string): Promise<InstanceRecord | undefined> {
  const r = await db.get<InstanceRow>(`SELECT ${INSTANCE_COLUMNS} FROM live_instances WHERE account_id = ? AND uuid = ?`, [accountId, uuid]);
  return r && instanceOf(r);
}

/** The session's live instance, if it has one (there is at most one). */
export async function liveInstance(db: Queryable, accountId: string, kind: SessionKind, sessionId: string): Promise<InstanceRecord | undefined> {
  const r = await db.get<InstanceRow>(
    `SELECT ${INSTANCE_COLUMNS} FROM live_instances WHERE account_id = ? AND kind = ? AND session_id = ? AND status = 'live'`,
    [accountId, kind, sessionId],
  );
  return r && instanceOf(r);
}

/** The session's ended instances, oldest first. */
export async function endedInstances(db: Queryable, accountId: string, kind: SessionKind, sessionId: string): Promise<InstanceRecord[]> {
  const rows = await db.all<InstanceRow>(
    `SELECT ${INSTANCE_COLUMNS} FROM live_instances WHERE account_id = ? AND kind = ? AND session_id = ? AND status = 'ended' ORDER BY number`,
    [accountId, kind, sessionId],
  );
  return rows.map(instanceOf);
}

/** The instance that ended last (instances of a session never overlap: the last started, read backwards on the index). */
export async function lastEndedInstance(db: Queryable, accountId: string, kind: SessionKind, sessionId: string): Promise<InstanceRecord | undefined> {
  const r = await db.get<InstanceRow>(
    `SELECT ${INSTANCE_COLUMNS} FROM live_instances WHERE account_id = ? AND kind = ? AND session_id = ? AND status = 'ended'
     ORDER BY number DESC LIMIT 1`,
    [accountId, kind, sessionId],
  );
  return r && instanceOf(r);
}

export async function updateInstance(db: Queryable, accountId: string, i: InstanceRecord): Promise<void> {
  await db.run('UPDATE live_instances SET status = ?, end_time = ?, end_reason = ?, auto_end_at = ?, data = ?, participants = ?, attended_seconds = ? WHERE account_id = ? AND uuid = ?', [
    i.status,
    i.end_time,
    i.end_reason,
    i.auto_end_at,
    JSON.stringify(i.data),
    ...summaryColumns(i),
    accountId,
    i.uuid,
  ]);
}

/** How many instances the session has had (live or ended). */
export async function countInstances(db: Queryable, accountId: string, kind: SessionKind, sessionId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM live_instances WHERE account_id = ? AND kind = ? AND session_id = ?', [accountId, kind, sessionId]);
  return Number(r?.n ?? 0);
}

/** The next row number of an instance (participants, stints, intervals), counted in its row. */
export async function nextSeq(db: Queryable, accountId: string, uuid: string): Promise<number> {
  await db.run('UPDATE live_instances SET seq = seq + 1 WHERE account_id = ? AND uuid = ?', [accountId, uuid]);
  const r = await db.get<{ seq: number | string }>('SELECT seq FROM live_instances WHERE account_id = ? AND uuid = ?', [accountId, uuid]);
  return Number(r?.seq ?? 1);
}

/** Live instances whose plan limit has passed, in every account (the sweep). */
export async function dueInstances(db: Queryable, now: string): Promise<Array<{ account_id: string; uuid: string }>> {
  return db.all<{ account_id: string; uuid: string }>(
    "SELECT account_id, uuid FROM live_instances WHERE status = 'live' AND auto_end_at IS NOT NULL AND auto_end_at <= ? ORDER BY auto_end_at LIMIT 500",
    [now],
  );
}

// ---- Participants ----

type ParticipantRow = Omit<ParticipantRecord, 'data' | 'seq'> & { seq: number | string; data: string };
const PARTICIPANT_COLUMNS =
  'account_id, instance_uuid, id, seq, user_id, participant_user_id, name, email, registrant_id, role, status, joined_at, left_at, leave_reason, data';
const participantOf = (r: ParticipantRow): ParticipantRecord => ({ ...r, seq: Number(r.seq), data: JSON.parse(r.data) as ParticipantData });

/** A join; `version` and `instance_start` (the instance's start) are kept beside it for the client versions dashboard. */
export async function insertParticipant(db: Queryable, accountId: string, p: ParticipantRecord): Promise<void> {
  await db.run(
    `INSERT INTO live_participants (${PARTICIPANT_COLUMNS}, version, instance_start)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT start_time FROM live_instances WHERE account_id = ? AND uuid = ?))`, [
    accountId,
    p.instance_uuid,
    p.id,
    p.seq,
    p.user_id,
    p.participant_user_id,
    p.name,
    p.email,
    p.registrant_id,
    p.role,
    p.status,
    p.joined_at,
    p.left_at,
    p.leave_reason,
    JSON.stringify(p.data),
    p.data.version ?? null,
    accountId,
    p.instance_uuid,
  ]);
}

export async function getParticipant(db: Queryable, accountId: string, uuid: string, id: string): Promise<ParticipantRecord | undefined> {
  const r = await db.get<ParticipantRow>(`SELECT ${PARTICIPANT_COLUMNS} FROM live_participants WHERE account_id = ? AND instance_uuid = ? AND id = ?`, [
    accountId,
    uuid,
    id,
  ]);
  return r && participantOf(r);
}

/** The instance's participants in these states, in the order they joined. */
export async function participantsIn(db: Queryable, accountId: string, uuid: string, states: readonly ParticipantStatus[]): Promise<ParticipantRecord[]> {
  const rows = await db.all<ParticipantRow>(
    `SELECT ${PARTICIPANT_COLUMNS} FROM live_participants WHERE account_id = ? AND instance_uuid = ? AND status IN (${states.map(() => '?').join(', ')}) ORDER BY seq`,
    [accountId, uuid, ...states],
  );
  return rows.map(participantOf);
}

export async function setParticipantStatus(db: Queryable, accountId: string, p: ParticipantRecord): Promise<void> {
  await db.run('UPDATE live_participants SET status = ?, left_at = ?, leave_reason = ? WHERE account_id = ? AND instance_uuid = ? AND id = ?', [
    p.status,
    p.left_at,
    p.leave_reason,
    accountId,
    p.instance_uuid,
    p.id,
  ]);
}

export async function countParticipants(db: Queryable, accountId: string, uuid: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM live_participants WHERE account_id = ? AND instance_uuid = ?', [accountId, uuid]);
  return Number(r?.n ?? 0);
}

// ---- Attendance: the participants' stints in the meeting and in the waiting room ----

export async function openStint(db: Queryable, accountId: string, uuid: string, id: string, participantId: string, status: 'in_meeting' | 'in_waiting_room', at: string): Promise<void> {
  await db.run('INSERT INTO live_attendance (account_id, instance_uuid, id, participant_id, status, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
    accountId,
    uuid,
    id,
    participantId,
    status,
    at,
  ]);
}

export async function closeStints(db: Queryable, accountId: string, uuid: string, participantId: string, at: string): Promise<void> {
  await db.run('UPDATE live_attendance SET ended_at = ? WHERE account_id = ? AND instance_uuid = ? AND participant_id = ? AND ended_at IS NULL', [
    at,
    accountId,
    uuid,
    participantId,
  ]);
}

export interface StintRow {
  id: string;
  status: 'in_meeting' | 'in_waiting_room';
  started_at: string;
  ended_at: string | null;
  participant_id: string;
  user_id: string;
  participant_user_id: string;
  name: string;
  email: string;
  registrant_id: string;
}

export async function countStints(db: Queryable, accountId: string, uuid: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM live_attendance WHERE account_id = ? AND instance_uuid = ?', [accountId, uuid]);
  return Number(r?.n ?? 0);
}

/** A page of an instance's stints with their participants, in the order they began. */
export async function listStints(db: Queryable, accountId: string, uuid: string, w: PageWindow): Promise<{ stints: StintRow[]; last?: Cursor }> {
  const page = pageSql(w, 'a.started_at', 'a.id');
  const stints = await db.all<StintRow>(
    `SELECT a.id, a.status, a.started_at, a.ended_at, a.participant_id, p.user_id, p.participant_user_id, p.name, p.email, p.registrant_id
     FROM live_attendance a JOIN live_participants p ON p.account_id = a.account_id AND p.instance_uuid = a.instance_uuid AND p.id = a.participant_id
     WHERE a.account_id = ? AND a.instance_uuid = ? ${page.sql}`,
    [accountId, uuid, ...page.params],
  );
  const last = stints.at(-1);
  return { stints, ...(last ? { last: [last.started_at, last.id] } : {}) };
}

/** Seconds spent in the meeting by every participant of the instance (for total_minutes). */
export async function meetingStints(db: Queryable, accountId: string, uuid: string): Promise<Array<{ started_at: string; ended_at: string | null }>> {
  return db.all("SELECT started_at, ended_at FROM live_attendance WHERE account_id = ? AND instance_uuid = ? AND status = 'in_meeting'", [accountId, uuid]);
}

// ---- Intervals: sharing, recording, AI Companion ----

type IntervalRow = Omit<IntervalRecord, 'data'> & { data: string };

export async function openInterval(db: Queryable, accountId: string, uuid: string, i: IntervalRecord): Promise<void> {
  await db.run('INSERT INTO live_intervals (account_id, instance_uuid, id, kind, participant_id, started_at, ended_at, data) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [
    accountId,
    uuid,
    i.id,
    i.kind,
    i.participant_id,
    i.started_at,
    JSON.stringify(i.data),
  ]);
}

export async function closeInterval(db: Queryable, accountId: string, uuid: string, id: string, at: string): Promise<void> {
  await db.run('UPDATE live_intervals SET ended_at = ? WHERE account_id = ? AND instance_uuid = ? AND id = ?', [at, accountId, uuid, id]);
}

export async function updateIntervalData(db: Queryable, accountId: string, uuid: string, id: string, data: Record<string, unknown>): Promise<void> {
  await db.run('UPDATE live_intervals SET data = ? WHERE account_id = ? AND instance_uuid = ? AND id = ?', [JSON.stringify(data), accountId, uuid, id]);
}

/** The instance's open intervals of a kind. */
export async function openIntervals(db: Queryable, accountId: string, uuid: string, kind: IntervalKind): Promise<IntervalRecord[]> {
  const rows = await db.all<IntervalRow>(
    'SELECT id, kind, participant_id, started_at, ended_at, data FROM live_intervals WHERE account_id = ? AND instance_uuid = ? AND kind = ? AND ended_at IS NULL ORDER BY started_at, id',
    [accountId, uuid, kind],
  );
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Every interval of a kind, open or closed, in the order they began (for reports and recordings). */
export async function intervals(db: Queryable, accountId: string, uuid: string, kind: IntervalKind): Promise<IntervalRecord[]> {
  const rows = await db.all<IntervalRow>(
    'SELECT id, kind, participant_id, started_at, ended_at, data FROM live_intervals WHERE account_id = ? AND instance_uuid = ? AND kind = ? ORDER BY started_at, id',
    [accountId, uuid, kind],
  );
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

// ---- Poll answers ----

export interface PollAnswerRow {
  poll_id: string;
  participant_id: string;
  question: string;
  answer: string;
  answered_at: string;
  name: string;
  email: string;
}

/** One answer per participant and question: a new answer replaces the previous one. */
export async function saveAnswer(
  db: Queryable,
  accountId: string,
  uuid: string,
  a: { poll_id: string; participant_id: string; question: string; answer: string; position: number; answered_at: string },
): Promise<void> {
  await db.run('DELETE FROM live_poll_answers WHERE account_id = ? AND instance_uuid = ? AND poll_id = ? AND participant_id = ? AND question = ?', [
    accountId,
    uuid,
    a.poll_id,
    a.participant_id,
    a.question,
  ]);
  await db.run('INSERT INTO live_poll_answers (account_id, instance_uuid, poll_id, participant_id, question, answer, position, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    uuid,
    a.poll_id,
    a.participant_id,
    a.question,
    a.answer,
    a.position,
    a.answered_at,
  ]);
}

/** Every answer given in the instance, by participant in join order, then by time and the poll's question order. */
export async function pollAnswers(db: Queryable, accountId: string, uuid: string): Promise<PollAnswerRow[]> {
  return db.all<PollAnswerRow>(
    `SELECT a.poll_id, a.participant_id, a.question, a.answer, a.answered_at, p.name, p.email
     FROM live_poll_answers a JOIN live_participants p ON p.account_id = a.account_id AND p.instance_uuid = a.instance_uuid AND p.id = a.participant_id
     WHERE a.account_id = ? AND a.instance_uuid = ? ORDER BY p.seq, a.answered_at, a.poll_id, a.position`,
    [accountId, uuid],
  );
}
