// The SQL of the Zoom Rooms, CRC and phone dashboards: what rooms reported and
// joined, H.323/SIP attendance, ended calls. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { CallPlan } from '../../phone/calls/model.ts';
import type { AlertRecord } from '../rooms/repository.ts';
import type { RoomRecord } from '../rooms/model.ts';

const jsonField = (db: Queryable, column: string, field: string) => (db.dialect === 'postgres' ? `(${column}::jsonb->>'${field}')` : `json_extract(${column}, '$.${field}')`);

// ---- Zoom Rooms ----

/** A page of the account's rooms, in the order List Zoom Rooms uses (added first). */
export async function roomsPage(db: Queryable, accountId: string, size: number, offset: number): Promise<RoomRecord[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM zr_rooms WHERE account_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?', [accountId, size, offset]);
  return rows.map((r) => JSON.parse(r.data) as RoomRecord);
}

/** Alerts raised or cleared in [from, to), of one room or all, oldest first. */
export async function alertsBetween(db: Queryable, accountId: string, from: string, to: string, roomId?: string): Promise<AlertRecord[]> {
  return db.all<AlertRecord>(
    `SELECT id, room_id, device_id, alert_type, component, alert_kind, issue, at FROM zr_alerts WHERE account_id = ? AND at >= ? AND at < ?${roomId ? ' AND room_id = ?' : ''} ORDER BY at, id`,
    [accountId, from, to, ...(roomId ? [roomId] : [])],
  );
}

/** Every alert of these rooms, oldest first (the issues still open are the last word on each). */
export async function alertsOf(db: Queryable, accountId: string, roomIds: readonly string[]): Promise<AlertRecord[]> {
  if (roomIds.length === 0) return [];
  return db.all<AlertRecord>(
    `SELECT id, room_id, device_id, alert_type, component, alert_kind, issue, at FROM zr_alerts WHERE account_id = ? AND room_id IN (${roomIds.map(() => '?').join(', ')}) ORDER BY at, id`,
    [accountId, ...roomIds],
  );
}

/** When each room last came online (a status report leaving Offline). */
export async function lastOnline(db: Queryable, accountId: string, roomIds: readonly string[]): Promise<Map<string, string>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db.all<{ room_id: string; at: string }>(
    `SELECT room_id, MAX(at) AS at FROM zr_activity WHERE account_id = ? AND kind = 'status' AND ${jsonField(db, 'data', 'from')} = 'Offline' AND ${jsonField(db, 'data', 'to')} <> 'Offline'
     AND room_id IN (${roomIds.map(() => '?').join(', ')}) GROUP BY room_id`,
    [accountId, ...roomIds],
  );
  return new Map(rows.map((r) => [r.room_id, r.at]));
}

/** The instances a room joined, in joins made in [from, to). */
export async function roomJoins(db: Queryable, accountId: string, roomId: string, from: string, to: string): Promise<string[]> {
  const rows = await db.all<{ uuid: string }>(
    `SELECT ${jsonField(db, 'data', 'instance_uuid')} AS uuid FROM zr_activity WHERE account_id = ? AND room_id = ? AND kind = 'meeting_join' AND at >= ? AND at < ? ORDER BY at, id`,
    [accountId, roomId, from, to],
  );
  return [...new Set(rows.map((r) => r.uuid))];
}

/** Devices each participant of these instances joined with. */
export async function participantDevices(db: Queryable, accountId: string, uuids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (uuids.length === 0) return out;
  const rows = await db.all<{ instance_uuid: string; device: string | null }>(
    `SELECT DISTINCT instance_uuid, ${jsonField(db, 'data', 'device')} AS device FROM live_participants WHERE account_id = ? AND instance_uuid IN (${uuids.map(() => '?').join(', ')})`,
    [accountId, ...uuids],
  );
  for (const r of rows) (out.get(r.instance_uuid) ?? out.set(r.instance_uuid, new Set()).get(r.instance_uuid)!).add(r.device ?? '');
  return out;
}

/** Instances of these in which some participant reported video (QoS minutes of video_input or video_output). */
export async function withVideo(db: Queryable, accountId: string, uuids: readonly string[]): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  const rows = await db.all<{ instance_uuid: string; data: string }>(
    `SELECT instance_uuid, data FROM live_qos_totals WHERE account_id = ? AND instance_uuid IN (${uuids.map(() => '?').join(', ')})`,
    [accountId, ...uuids],
  );
  const hasVideo = (data: string) => {
    const t = JSON.parse(data) as Record<string, { n?: number } | undefined>;
    return (t.video_input?.n ?? 0) > 0 || (t.video_output?.n ?? 0) > 0;
  };
  return new Set(rows.filter((r) => hasVideo(r.data)).map((r) => r.instance_uuid));
}

// ---- CRC: H.323/SIP attendance ----

/** In-meeting stints of H.323/SIP participants of the account's meetings that overlap [from, to). */
export async function roomSystemStints(db: Queryable, accountId: string, from: string, to: string): Promise<Array<{ participant_id: string; instance_uuid: string; started_at: string; ended_at: string | null }>> {
  return db.all(
    `SELECT a.participant_id, a.instance_uuid, a.started_at, a.ended_at FROM live_attendance a
     JOIN live_participants p ON p.account_id = a.account_id AND p.instance_uuid = a.instance_uuid AND p.id = a.participant_id
     WHERE a.account_id = ? AND a.status = 'in_meeting' AND ${jsonField(db, 'p.data', 'device')} = 'H.323/SIP' AND a.started_at < ? AND (a.ended_at IS NULL OR a.ended_at > ?)
     ORDER BY a.started_at, a.id`,
    [accountId, to, from],
  );
}

// ---- Zoom Phone ----

/** Calls of the account that have ended and started in [fromMs, toMs], newest first. */
export async function endedCalls(db: Queryable, accountId: string, fromMs: number, toMs: number): Promise<CallPlan[]> {
  const rows = await db.all<{ data: string }>(
    'SELECT data FROM phone_calls WHERE account_id = ? AND due_ms IS NULL AND created_ms >= ? AND created_ms <= ? ORDER BY created_ms DESC, id DESC',
    [accountId, fromMs, toMs],
  );
  return rows.map((r) => JSON.parse(r.data) as CallPlan);
}
