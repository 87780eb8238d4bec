// The only SQL of Zoom Rooms rooms, their devices, alerts, activity, check-ins,
// E911 signage and digital signage content. Every statement takes the account id first.
import { zoomId } from '../../core/ids.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageText, jsonObjectSql, type PageWindow, type TextPage } from '../../storage/paging.ts';
import { roomListItem, shownStatus, type RoomRecord } from './model.ts';

/** FROM and WHERE of a list: the account, then each column given a value equal to it. */
export function whereSql(table: string, accountId: string, equal: Record<string, string | undefined>): { sql: string; params: string[] } {
  let sql = `FROM ${table} WHERE account_id = ?`;
  const params = [accountId];
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue;
    sql += ` AND ${column} = ?`;
    params.push(value);
  }
  return { sql, params };
}

export async function countWhere(db: Queryable, w: { sql: string; params: string[] }): Promise<number> {
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${w.sql}`, w.params);
  return Number(r?.n ?? 0);
}

export async function getRoom(db: Queryable, accountId: string, id: string): Promise<RoomRecord | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM zr_rooms WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as RoomRecord);
}

/** Every write of a room goes through here: the row, its filter columns and its list item together. */
export async function saveRoom(db: Queryable, accountId: string, r: RoomRecord): Promise<void> {
  await db.run(
    `INSERT INTO zr_rooms (account_id, id, location_id, status, type, name_key, data, entry, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET location_id = excluded.location_id, status = excluded.status, type = excluded.type,
       name_key = excluded.name_key, data = excluded.data, entry = excluded.entry`,
    [accountId, r.id, r.location_id, shownStatus(r), r.type, r.name.toLowerCase(), JSON.stringify(r), JSON.stringify(roomListItem(r)), r.created_at],
  );
}

export async function deleteRoom(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM zr_rooms WHERE account_id = ? AND id = ?', [accountId, id]);
  await db.run('DELETE FROM zr_devices WHERE account_id = ? AND room_id = ?', [accountId, id]);
  await db.run('DELETE FROM zr_checkins WHERE account_id = ? AND room_id = ?', [accountId, id]);
}

export interface RoomFilter {
  status?: string;
  type?: string;
  locationId?: string;
  unassigned?: boolean;
  queryName?: string;
  tagIds?: string[];
}

function roomWhere(accountId: string, f: RoomFilter): { sql: string; params: string[] } {
  const w = whereSql('zr_rooms', accountId, { location_id: f.unassigned ? '' : f.locationId, status: f.status, type: f.type });
  // LIKE's own wildcards in the name are matched literally.
  if (f.queryName !== undefined) {
    w.sql += " AND name_key LIKE ? ESCAPE '\\'";
    w.params.push(`%${f.queryName.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  // No tags exist in this account model: a tag filter matches no room.
  if (f.tagIds !== undefined && f.tagIds.length > 0) w.sql += ' AND 1 = 0';
  return w;
}

export async function countRooms(db: Queryable, accountId: string, f: RoomFilter): Promise<number> {
  return countWhere(db, roomWhere(accountId, f));
}

export async function listRooms(db: Queryable, accountId: string, f: RoomFilter, page: PageWindow): Promise<TextPage> {
  const w = roomWhere(accountId, f);
  return pageText(db, { item: 'entry', from: w.sql, params: w.params, first: 'created_at', second: 'id' }, page);
}

/** Rooms directly in any of these locations. */
export async function roomsIn(db: Queryable, accountId: string, locationIds: readonly string[]): Promise<RoomRecord[]> {
  if (locationIds.length === 0) return [];
  const marks = locationIds.map(() => '?').join(', ');
  const rows = await db.all<{ data: string }>(`SELECT data FROM zr_rooms WHERE account_id = ? AND location_id IN (${marks}) ORDER BY created_at, id`, [accountId, ...locationIds]);
  return rows.map((r) => JSON.parse(r.data) as RoomRecord);
}

// ---- Devices ----

export interface DeviceRecord {
  id: string;
  room_id: string;
  device_type: string;
  app_version: string;
  device_system: string;
  status: 'Online' | 'Offline';
  /** What else the device reported (hostname, model, addresses …), as Zoom names them. */
  details: Record<string, unknown>;
  /** An upgrade or downgrade under way: the version it moves to and when it gets there (server clock). */
  pending?: { action: 'upgrade' | 'downgrade'; target: string; due_at: string };
}

export async function getDevice(db: Queryable, accountId: string, id: string): Promise<DeviceRecord | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM zr_devices WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as DeviceRecord);
}

export async function roomDevices(db: Queryable, accountId: string, roomId: string): Promise<DeviceRecord[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM zr_devices WHERE account_id = ? AND room_id = ? ORDER BY created_at, id', [accountId, roomId]);
  return rows.map((r) => JSON.parse(r.data) as DeviceRecord);
}

export async function saveDevice(db: Queryable, accountId: string, d: DeviceRecord, now: string): Promise<void> {
  await db.run(
    `INSERT INTO zr_devices (account_id, id, room_id, data, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET data = excluded.data`,
    [accountId, d.id, d.room_id, JSON.stringify(d), now],
  );
}

// ---- Alerts and activity (read by reports and dashboards) ----

export interface AlertRecord {
  id: string;
  room_id: string;
  device_id: string;
  alert_type: number;
  component: number;
  alert_kind: number;
  issue: string;
  at: string;
}

export async function insertAlert(db: Queryable, accountId: string, a: Omit<AlertRecord, 'id'>): Promise<AlertRecord> {
  const alert = { id: zoomId(), ...a };
  await db.run('INSERT INTO zr_alerts (account_id, id, room_id, device_id, alert_type, component, alert_kind, issue, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    alert.id,
    alert.room_id,
    alert.device_id,
    alert.alert_type,
    alert.component,
    alert.alert_kind,
    alert.issue,
    alert.at,
  ]);
  return alert;
}

export async function roomAlerts(db: Queryable, accountId: string, roomId: string): Promise<AlertRecord[]> {
  return db.all<AlertRecord>('SELECT id, room_id, device_id, alert_type, component, alert_kind, issue, at FROM zr_alerts WHERE account_id = ? AND room_id = ? ORDER BY at, id', [accountId, roomId]);
}

export type ActivityKind = 'status' | 'check_in' | 'check_out' | 'meeting_join' | 'meeting_leave' | 'control' | 'device' | 'app_version';

export async function insertActivity(db: Queryable, accountId: string, roomId: string, kind: ActivityKind, data: Record<string, unknown>, at: string): Promise<void> {
  await db.run('INSERT INTO zr_activity (account_id, id, room_id, kind, data, at) VALUES (?, ?, ?, ?, ?, ?)', [accountId, zoomId(), roomId, kind, JSON.stringify(data), at]);
}

export async function roomActivity(db: Queryable, accountId: string, roomId: string): Promise<Array<{ kind: ActivityKind; data: Record<string, unknown>; at: string }>> {
  const rows = await db.all<{ kind: ActivityKind; data: string; at: string }>('SELECT kind, data, at FROM zr_activity WHERE account_id = ? AND room_id = ? ORDER BY at, id', [accountId, roomId]);
  return rows.map((r) => ({ kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown>, at: r.at }));
}

// ---- Check-in and check-out of calendar events ----

export interface CheckinRecord {
  checked_in_at: string | null;
  checked_out_at: string | null;
}

export async function getCheckin(db: Queryable, accountId: string, roomId: string, eventId: string): Promise<CheckinRecord | undefined> {
  return db.get<CheckinRecord>('SELECT checked_in_at, checked_out_at FROM zr_checkins WHERE account_id = ? AND room_id = ? AND event_id = ?', [accountId, roomId, eventId]);
}

export async function putCheckin(db: Queryable, accountId: string, roomId: string, eventId: string, c: CheckinRecord, data: Record<string, unknown>): Promise<void> {
  await db.run(
    `INSERT INTO zr_checkins (account_id, room_id, event_id, checked_in_at, checked_out_at, data) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, room_id, event_id) DO UPDATE SET checked_in_at = excluded.checked_in_at, checked_out_at = excluded.checked_out_at, data = excluded.data`,
    [accountId, roomId, eventId, c.checked_in_at, c.checked_out_at, JSON.stringify(data)],
  );
}

// ---- E911 digital signage ----

export interface E911Record {
  id: string;
  content: string;
  target_type: 'account' | 'location' | 'room';
  target_ids: string[];
}

export async function insertE911(db: Queryable, accountId: string, e: E911Record, at: string): Promise<void> {
  await db.run('INSERT INTO zr_e911 (account_id, id, data, displayed_at) VALUES (?, ?, ?, ?)', [accountId, e.id, JSON.stringify(e), at]);
}

export async function getE911(db: Queryable, accountId: string, id: string): Promise<(E911Record & { removed_at: string | null }) | undefined> {
  const r = await db.get<{ data: string; removed_at: string | null }>('SELECT data, removed_at FROM zr_e911 WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && { ...(JSON.parse(r.data) as E911Record), removed_at: r.removed_at };
}

export async function removeE911(db: Queryable, accountId: string, id: string, at: string): Promise<void> {
  await db.run('UPDATE zr_e911 SET removed_at = ? WHERE account_id = ? AND id = ?', [at, accountId, id]);
}

/** Alerts on display (not removed). */
export async function shownE911(db: Queryable, accountId: string): Promise<E911Record[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM zr_e911 WHERE account_id = ? AND removed_at IS NULL ORDER BY displayed_at, id', [accountId]);
  return rows.map((r) => JSON.parse(r.data) as E911Record);
}

// ---- Digital signage content library ----

export interface SignageFilter {
  type?: string;
  folderId?: string;
}

const signageWhere = (accountId: string, f: SignageFilter) => whereSql('zr_signage', accountId, { type: f.type, folder_id: f.folderId });

export async function countSignage(db: Queryable, accountId: string, f: SignageFilter): Promise<number> {
  return countWhere(db, signageWhere(accountId, f));
}

export async function listSignage(db: Queryable, accountId: string, f: SignageFilter, page: PageWindow): Promise<TextPage> {
  const w = signageWhere(accountId, f);
  return pageText(db, { item: jsonObjectSql(db.dialect, { id: 'id', name: 'name' }), from: w.sql, params: w.params, first: 'created_at', second: 'id' }, page);
}

export async function getSignage(db: Queryable, accountId: string, id: string): Promise<{ id: string; type: string } | undefined> {
  return db.get<{ id: string; type: string }>('SELECT id, type FROM zr_signage WHERE account_id = ? AND id = ?', [accountId, id]);
}

export async function insertSignage(db: Queryable, accountId: string, s: { id: string; type: string; folder_id: string; name: string }, at: string): Promise<void> {
  await db.run('INSERT INTO zr_signage (account_id, id, type, folder_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?)', [accountId, s.id, s.type, s.folder_id, s.name, at]);
}
