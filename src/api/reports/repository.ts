// The only SQL of reports and dashboards: ended and live instances by time,
// the users they count, sign-in records. Every statement filters on the account.
import { zoomId } from '../../core/ids.ts';
import type { Param, Queryable } from '../../storage/db.ts';
import type { InstanceData, InstanceRecord, SessionKind } from '../../live/model.ts';

type InstanceRow = Omit<InstanceRecord, 'data' | 'seq' | 'number'> & { seq: number | string; number: number | string; data: string };
const COLUMNS = 'account_id, uuid, kind, session_id, number, host_id, status, start_time, end_time, end_reason, auto_end_at, seq, data';
const instanceOf = (r: InstanceRow): InstanceRecord => ({ ...r, seq: Number(r.seq), number: Number(r.number), data: JSON.parse(r.data) as InstanceData });

/**
 * Which instances a report or dashboard counts: a kind, started in [from, to),
 * ended or live; optionally one host's, the hosts among the account's users (or
 * one group's members), and a number of participants (`participants`: the joins
 * kept as the instance ended).
 */
export interface InstanceFilter {
  kind: SessionKind;
  from: string;
  to: string;
  status: 'ended' | 'live';
  hostId?: string | undefined;
  /** `true`: hosted by one of the account's users; a group id: by one of its members. */
  hosts?: true | string | undefined;
  participants?: { min: number; max?: number } | undefined;
}

function instanceWhere(accountId: string, f: InstanceFilter): { where: string; params: Param[] } {
  let where = 'i.account_id = ? AND i.kind = ? AND i.start_time >= ? AND i.start_time < ? AND i.status = ?';
  const params: Param[] = [accountId, f.kind, f.from, f.to, f.status];
  if (f.hostId !== undefined) {
    where += ' AND i.host_id = ?';
    params.push(f.hostId);
  }
  if (f.hosts === true) {
    where += ' AND i.host_id IN (SELECT u.id FROM users u WHERE u.account_id = ?)';
    params.push(accountId);
  } else if (f.hosts !== undefined) {
    where += ' AND i.host_id IN (SELECT u.id FROM users u JOIN group_members g ON g.account_id = u.account_id AND g.user_id = u.id WHERE u.account_id = ? AND g.group_id = ?)';
    params.push(accountId, f.hosts);
  }
  if (f.participants) {
    where += ' AND i.participants >= ?';
    params.push(f.participants.min);
    if (f.participants.max !== undefined) {
      where += ' AND i.participants <= ?';
      params.push(f.participants.max);
    }
  }
  return { where, params };
}

export async function countInstances(db: Queryable, accountId: string, f: InstanceFilter): Promise<number> {
  const { where, params } = instanceWhere(accountId, f);
  const r = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM live_instances i WHERE ${where}`, params);
  return Number(r?.n ?? 0);
}

/** A page of those instances, oldest first (then by UUID). */
export async function instancesPage(db: Queryable, accountId: string, f: InstanceFilter, size: number, offset: number): Promise<InstanceRecord[]> {
  const { where, params } = instanceWhere(accountId, f);
  const rows = await db.all<InstanceRow>(`SELECT ${COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')} FROM live_instances i WHERE ${where} ORDER BY i.start_time, i.uuid LIMIT ? OFFSET ?`, [
    ...params,
    size,
    offset,
  ]);
  return rows.map(instanceOf);
}

export interface InstanceTotals {
  key: string;
  meetings: number;
  participants: number;
  /** Each instance's minutes (everyone's seconds in it, a started minute counting), summed. */
  minutes: number;
}

/** Those instances added up per start day (UTC, `YYYY-MM-DD`) or per host: the summary columns, no document read. */
export async function instanceTotals(db: Queryable, accountId: string, f: InstanceFilter, by: 'day' | 'host'): Promise<InstanceTotals[]> {
  const { where, params } = instanceWhere(accountId, f);
  const key = by === 'day' ? 'substr(i.start_time, 1, 10)' : 'i.host_id';
  const rows = await db.all<{ key: string; meetings: number | string; participants: number | string; minutes: number | string }>(
    `SELECT ${key} AS key, COUNT(*) AS meetings, SUM(i.participants) AS participants, SUM((i.attended_seconds + 59) / 60) AS minutes
     FROM live_instances i WHERE ${where} GROUP BY ${key}`,
    params,
  );
  return rows.map((r) => ({ key: r.key, meetings: Number(r.meetings), participants: Number(r.participants), minutes: Number(r.minutes) }));
}

/** Instances of a kind a user joined (as a user of the account), started in [from, to). */
export async function joinedBetween(db: Queryable, accountId: string, kind: SessionKind, userId: string, from: string, to: string): Promise<Array<InstanceRecord & { joined: string; left: string | null }>> {
  const rows = await db.all<InstanceRow & { joined: string; left_at: string | null }>(
    `SELECT ${COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')}, MIN(p.joined_at) AS joined, MAX(p.left_at) AS left_at
     FROM live_participants p JOIN live_instances i ON i.account_id = p.account_id AND i.uuid = p.instance_uuid
     WHERE p.account_id = ? AND p.participant_user_id = ? AND i.kind = ? AND i.status = 'ended' AND i.start_time >= ? AND i.start_time < ?
     GROUP BY ${COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')} ORDER BY i.start_time, i.uuid`,
    [accountId, userId, kind, from, to],
  );
  return rows.map((r) => ({ ...instanceOf(r), joined: r.joined, left: r.left_at }));
}

export interface UserRow {
  id: string;
  email: string;
  type: number;
  created_at: string;
  first_name: string;
  last_name: string;
  dept: string;
}

/** The account's users (optionally of one group), by creation. */
export async function users(db: Queryable, accountId: string, groupId?: string): Promise<UserRow[]> {
  const rows = groupId
    ? await db.all<{ id: string; email: string; type: number | string; created_at: string; data: string }>(
        'SELECT u.id, u.email, u.type, u.created_at, u.data FROM users u JOIN group_members g ON g.account_id = u.account_id AND g.user_id = u.id WHERE u.account_id = ? AND g.group_id = ? ORDER BY u.created_at, u.id',
        [accountId, groupId],
      )
    : await db.all<{ id: string; email: string; type: number | string; created_at: string; data: string }>('SELECT id, email, type, created_at, data FROM users WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map((r) => {
    const d = JSON.parse(r.data) as { first_name?: string; last_name?: string; dept?: string };
    return { id: r.id, email: r.email, type: Number(r.type), created_at: r.created_at, first_name: d.first_name ?? '', last_name: d.last_name ?? '', dept: d.dept ?? '' };
  });
}

/** The types of these users of the account (the dashboards' `user_type`). */
export async function userTypes(db: Queryable, accountId: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: string; type: number | string }>(`SELECT id, type FROM users WHERE account_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, [accountId, ...ids]);
  return new Map(rows.map((r) => [r.id, Number(r.type)]));
}

export async function groupExists(db: Queryable, accountId: string, groupId: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS one FROM groups WHERE account_id = ? AND id = ?', [accountId, groupId])) !== undefined;
}

/** Which of these instances had sharing and recording (one query for a page). */
export async function intervalKinds(db: Queryable, accountId: string, uuids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (uuids.length === 0) return out;
  const rows = await db.all<{ instance_uuid: string; kind: string }>(
    `SELECT DISTINCT instance_uuid, kind FROM live_intervals WHERE account_id = ? AND instance_uuid IN (${uuids.map(() => '?').join(', ')})`,
    [accountId, ...uuids],
  );
  for (const r of rows) (out.get(r.instance_uuid) ?? out.set(r.instance_uuid, new Set()).get(r.instance_uuid)!).add(r.kind);
  return out;
}

/** Scheduled meetings whose next start falls in [from, to) (the upcoming events report). */
export async function upcomingMeetings(db: Queryable, accountId: string, from: string, to: string): Promise<Array<{ id: string; host_id: string; list_start: string; data: string }>> {
  return db.all(
    'SELECT id, host_id, list_start, data FROM meetings WHERE account_id = ? AND deleted_at IS NULL AND list_start >= ? AND list_start < ? ORDER BY list_start, id',
    [accountId, from, to],
  );
}

// ---- Sign-in and sign-out activity ----

export interface ActivityRow {
  id: string;
  user_id: string;
  email: string;
  type: string;
  client_type: string;
  version: string;
  ip_address: string;
  time: string;
}

export async function addActivity(db: Queryable, accountId: string, a: Omit<ActivityRow, 'id'>): Promise<ActivityRow> {
  const row = { id: zoomId(), ...a };
  await db.run('INSERT INTO report_activities (account_id, id, user_id, email, type, client_type, version, ip_address, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    row.id,
    row.user_id,
    row.email,
    row.type,
    row.client_type,
    row.version,
    row.ip_address,
    row.time,
  ]);
  return row;
}

export async function countActivities(db: Queryable, accountId: string, from: string, to: string): Promise<number> {
  const r = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM report_activities WHERE account_id = ? AND time >= ? AND time < ?', [accountId, from, to]);
  return Number(r?.n ?? 0);
}

/** A page of sign-ins and sign-outs in [from, to), newest first. */
export async function listActivities(db: Queryable, accountId: string, from: string, to: string, size: number, offset: number): Promise<ActivityRow[]> {
  return db.all<ActivityRow>(
    'SELECT id, user_id, email, type, client_type, version, ip_address, time FROM report_activities WHERE account_id = ? AND time >= ? AND time < ? ORDER BY time DESC, id DESC LIMIT ? OFFSET ?',
    [accountId, from, to, size, offset],
  );
}

// ---- Dashboards: feedback, client versions and QoS across a range ----

/** Feedback on meetings that started in [from, to) (live or ended), per start day: all, and how many were good. */
export async function feedbackPerDay(db: Queryable, accountId: string, from: string, to: string): Promise<Array<{ day: string; given: number; good: number }>> {
  const rows = await db.all<{ day: string; given: number | string; good: number | string }>(
    `SELECT substr(i.start_time, 1, 10) AS day, COUNT(*) AS given, SUM(CASE WHEN f.quality = 'GOOD' THEN 1 ELSE 0 END) AS good
     FROM live_feedback f JOIN live_instances i ON i.account_id = f.account_id AND i.uuid = f.instance_uuid
     WHERE f.account_id = ? AND i.kind = 'meeting' AND i.start_time >= ? AND i.start_time < ? GROUP BY substr(i.start_time, 1, 10)`,
    [accountId, from, to],
  );
  return rows.map((r) => ({ day: r.day, given: Number(r.given), good: Number(r.good) }));
}

/** How many joins each client version made, in instances that started since `from` (each join keeps its version and its instance's start). */
export async function clientVersions(db: Queryable, accountId: string, from: string): Promise<Array<{ client_version: string; total_count: number }>> {
  const rows = await db.all<{ client_version: string | null; total_count: number | string }>(
    'SELECT version AS client_version, COUNT(*) AS total_count FROM live_participants WHERE account_id = ? AND instance_start >= ? GROUP BY version ORDER BY version',
    [accountId, from],
  );
  return rows.filter((r) => r.client_version).map((r) => ({ client_version: r.client_version!, total_count: Number(r.total_count) }));
}

export interface GradeCount {
  audio: string;
  video: string;
  screen_share: string;
  n: number;
}

/**
 * Meetings that started in [from, to) (or, `participants`, their participants
 * with QoS), counted by the audio, video and screen share grades kept with the
 * QoS totals (src/live/quality.ts).
 */
export async function gradeCounts(db: Queryable, accountId: string, from: string, to: string, participants: boolean): Promise<GradeCount[]> {
  const t = participants ? 'q' : 'i';
  const grades = `${t}.audio_quality, ${t}.video_quality, ${t}.screen_share_quality`;
  const rows = await db.all<{ audio: string; video: string; screen_share: string; n: number | string }>(
    `SELECT ${t}.audio_quality AS audio, ${t}.video_quality AS video, ${t}.screen_share_quality AS screen_share, COUNT(*) AS n
     FROM live_instances i${participants ? ' JOIN live_qos_totals q ON q.account_id = i.account_id AND q.instance_uuid = i.uuid' : ''}
     WHERE i.account_id = ? AND i.kind = 'meeting' AND i.start_time >= ? AND i.start_time < ? GROUP BY ${grades}`,
    [accountId, from, to],
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

// ---- Operation logs ----

export interface OperationLogRow {
  id: string;
  time: string;
  operator: string;
  category_type: string;
  action: string;
  operation_detail: string;
}

const categoryFilter = (category: string | undefined) => (category && category !== 'all' ? ' AND category_type = ?' : '');

export async function countOperationLogs(db: Queryable, accountId: string, from: string, to: string, category?: string): Promise<number> {
  const r = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM report_operation_logs WHERE account_id = ? AND time >= ? AND time < ?${categoryFilter(category)}`, [
    accountId,
    from,
    to,
    ...(categoryFilter(category) ? [category!] : []),
  ]);
  return Number(r?.n ?? 0);
}

/** A page of the operation log in [from, to), newest first. */
export async function listOperationLogs(db: Queryable, accountId: string, from: string, to: string, category: string | undefined, size: number, offset: number): Promise<OperationLogRow[]> {
  return db.all<OperationLogRow>(
    `SELECT id, time, operator, category_type, action, operation_detail FROM report_operation_logs WHERE account_id = ? AND time >= ? AND time < ?${categoryFilter(category)}
     ORDER BY time DESC, id DESC LIMIT ? OFFSET ?`,
    [accountId, from, to, ...(categoryFilter(category) ? [category!] : []), size, offset],
  );
}

// ---- Team Chat ----

/** Messages each user sent in [fromMs, toMs): in channels and to one person. */
export async function chatSent(db: Queryable, accountId: string, fromMs: number, toMs: number): Promise<Array<{ sender_id: string; group_sent: number; p2p_sent: number; total_sent: number }>> {
  const rows = await db.all<{ sender_id: string; group_sent: number | string; p2p_sent: number | string; total_sent: number | string }>(
    `SELECT sender_id, SUM(CASE WHEN channel_id IS NOT NULL THEN 1 ELSE 0 END) AS group_sent, SUM(CASE WHEN contact_id IS NOT NULL THEN 1 ELSE 0 END) AS p2p_sent, COUNT(*) AS total_sent
     FROM chat_messages WHERE account_id = ? AND created_ms >= ? AND created_ms < ? AND robot_jid IS NULL GROUP BY sender_id ORDER BY sender_id`,
    [accountId, fromMs, toMs],
  );
  return rows.map((r) => ({ sender_id: r.sender_id, group_sent: Number(r.group_sent), p2p_sent: Number(r.p2p_sent), total_sent: Number(r.total_sent) }));
}

/** Messages each user received in [fromMs, toMs): to them, and in the channels they are members of (their own aside). */
export async function chatReceived(db: Queryable, accountId: string, fromMs: number, toMs: number): Promise<Array<{ user_id: string; p2p: number; group: number }>> {
  const direct = await db.all<{ user_id: string; n: number | string }>(
    'SELECT contact_id AS user_id, COUNT(*) AS n FROM chat_messages WHERE account_id = ? AND created_ms >= ? AND created_ms < ? AND contact_id IS NOT NULL AND robot_jid IS NULL GROUP BY contact_id',
    [accountId, fromMs, toMs],
  );
  const group = await db.all<{ user_id: string; n: number | string }>(
    `SELECT c.user_id, COUNT(*) AS n FROM chat_messages m JOIN chat_channel_members c ON c.account_id = m.account_id AND c.channel_id = m.channel_id
     WHERE m.account_id = ? AND m.created_ms >= ? AND m.created_ms < ? AND c.user_id <> m.sender_id AND m.robot_jid IS NULL GROUP BY c.user_id`,
    [accountId, fromMs, toMs],
  );
  const out = new Map<string, { user_id: string; p2p: number; group: number }>();
  const at = (id: string) => out.get(id) ?? out.set(id, { user_id: id, p2p: 0, group: 0 }).get(id)!;
  for (const r of direct) at(r.user_id).p2p += Number(r.n);
  for (const r of group) at(r.user_id).group += Number(r.n);
  return [...out.values()];
}

/** Thumbs-down feedback with issues given in [from, to), with who gave it and in which meeting. */
export async function feedbackIssues(db: Queryable, accountId: string, from: string, to: string): Promise<Array<{ issues: string; given_at: string; name: string; email: string; session_id: string }>> {
  return db.all(
    `SELECT f.issues, f.given_at, p.name, p.email, i.session_id FROM live_feedback f
     JOIN live_participants p ON p.account_id = f.account_id AND p.instance_uuid = f.instance_uuid AND p.id = f.participant_id
     JOIN live_instances i ON i.account_id = f.account_id AND i.uuid = f.instance_uuid
     WHERE f.account_id = ? AND f.given_at >= ? AND f.given_at < ? AND f.issues <> '' ORDER BY f.given_at, p.seq`,
    [accountId, from, to],
  );
}

// ---- Cloud recording storage ----

/** Every cloud recording file of completed recordings whose session ended before `to`, with its recording's host and trash state. */
export async function recordingFilesBefore(
  db: Queryable,
  accountId: string,
  to: string,
): Promise<Array<{ uuid: string; host_id: string; ended_at: string; data: string; r_trashed: string | null; f_trashed: string | null; file_size: number }>> {
  const rows = await db.all<{ uuid: string; host_id: string; ended_at: string; data: string; r_trashed: string | null; f_trashed: string | null; file_size: number | string }>(
    `SELECT r.uuid, r.host_id, r.ended_at, r.data, r.trashed_at AS r_trashed, f.trashed_at AS f_trashed, f.file_size FROM recordings r
     JOIN recording_files f ON f.account_id = r.account_id AND f.meeting_uuid = r.uuid
     WHERE r.account_id = ? AND r.status = 'completed' AND f.archive = 0 AND r.ended_at < ? ORDER BY r.uuid`,
    [accountId, to],
  );
  return rows.map((r) => ({ ...r, file_size: Number(r.file_size) }));
}

// ---- Telephone legs (src/live/audio.ts) ----

/** The column a telephone report's `query_date_type` filters and sorts on. */
const LEG_TIME = { start_time: 'a.started_at', end_time: 'p.left_at', meeting_start_time: 'i.start_time', meeting_end_time: 'i.end_time' } as const;
export type LegTime = keyof typeof LEG_TIME;

export interface LegRow {
  instance_uuid: string;
  kind: string;
  session_id: string;
  host_id: string;
  instance_data: string;
  type: string;
  phone_number: string;
  zoom_number: string;
  country: string;
  started_at: string;
  left_at: string;
}

const legsFrom = (types: readonly string[], by: LegTime) => `FROM live_audio a
  JOIN live_participants p ON p.account_id = a.account_id AND p.instance_uuid = a.instance_uuid AND p.id = a.participant_id
  JOIN live_instances i ON i.account_id = a.account_id AND i.uuid = a.instance_uuid
  WHERE a.account_id = ? AND a.type IN (${types.map(() => '?').join(', ')}) AND p.left_at IS NOT NULL AND ${LEG_TIME[by]} >= ? AND ${LEG_TIME[by]} < ?`;

/** Ended call legs of these types whose `by` time falls in [from, to). */
export async function countLegs(db: Queryable, accountId: string, types: readonly string[], by: LegTime, from: string, to: string): Promise<number> {
  const r = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n ${legsFrom(types, by)}`, [accountId, ...types, from, to]);
  return Number(r?.n ?? 0);
}

/** A page of them, by that time (then the join order). */
export async function listLegs(db: Queryable, accountId: string, types: readonly string[], by: LegTime, from: string, to: string, size: number, offset: number): Promise<LegRow[]> {
  return db.all<LegRow>(
    `SELECT a.instance_uuid, i.kind, i.session_id, i.host_id, i.data AS instance_data, a.type, a.phone_number, a.zoom_number, a.country, a.started_at, p.left_at
     ${legsFrom(types, by)} ORDER BY ${LEG_TIME[by]}, a.started_at, p.seq LIMIT ? OFFSET ?`,
    [accountId, ...types, from, to, size, offset],
  );
}
