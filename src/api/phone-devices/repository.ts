// The only SQL of desk phones. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { Device } from './model.ts';

const search = (d: Device) => `${d.display_name} ${d.mac_address}`.toLowerCase();

export async function insertDevice(db: Queryable, accountId: string, d: Device, now: string): Promise<void> {
  await db.run(
    'INSERT INTO phone_devices (account_id, id, mac_address, site_id, assignee_ext, device_type, search, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, d.id, d.mac_address, d.site_id, d.assignees[0] ?? null, d.device_type, search(d), JSON.stringify(d), now],
  );
}

export async function updateDevice(db: Queryable, accountId: string, d: Device): Promise<void> {
  await db.run('UPDATE phone_devices SET mac_address = ?, site_id = ?, assignee_ext = ?, device_type = ?, search = ?, data = ? WHERE account_id = ? AND id = ?', [
    d.mac_address,
    d.site_id,
    d.assignees[0] ?? null,
    d.device_type,
    search(d),
    JSON.stringify(d),
    accountId,
    d.id,
  ]);
}

export async function getDevice(db: Queryable, accountId: string, id: string): Promise<Device | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_devices WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as Device);
}

export async function getDeviceByMac(db: Queryable, accountId: string, mac: string): Promise<Device | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_devices WHERE account_id = ? AND mac_address = ?', [accountId, mac]);
  return r && (JSON.parse(r.data) as Device);
}

/** The devices serving an extension (the LIKE narrows, the assignee list decides). */
export async function devicesOf(db: Queryable, accountId: string, extensionId: string): Promise<Device[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM phone_devices WHERE account_id = ? AND data LIKE ? ORDER BY created_at, id', [accountId, `%${extensionId}%`]);
  return rows.map((r) => JSON.parse(r.data) as Device).filter((d) => d.assignees.includes(extensionId));
}

export async function deleteDevice(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_devices WHERE account_id = ? AND id = ?', [accountId, id]);
}

export interface DeviceFilter {
  assigned: boolean;
  assignee_type?: string | undefined;
  site_id?: string | undefined;
  device_type?: string | undefined;
  keyword?: string | undefined;
}

function where(f: DeviceFilter): { sql: string; params: string[] } {
  const held = 'SELECT 1 FROM phone_extensions x WHERE x.account_id = d.account_id AND x.extension_id = d.assignee_ext';
  const params: string[] = [];
  let sql = ` WHERE d.account_id = ? AND ${f.assigned ? '' : 'NOT '}EXISTS (${held}${f.assigned && f.assignee_type !== undefined ? ' AND x.owner_type = ?' : ''})`;
  if (f.assigned && f.assignee_type !== undefined) params.push(f.assignee_type);
  if (f.site_id !== undefined) (sql += ' AND d.site_id = ?'), params.push(f.site_id);
  if (f.device_type !== undefined) (sql += ' AND d.device_type = ?'), params.push(f.device_type.toLowerCase());
  if (f.keyword !== undefined) (sql += " AND d.search LIKE ? ESCAPE '\\'"), params.push(`%${f.keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { sql, params };
}

export async function countDevices(db: Queryable, accountId: string, f: DeviceFilter): Promise<number> {
  const w = where(f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM phone_devices d${w.sql}`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

export async function listDevices(db: Queryable, accountId: string, f: DeviceFilter, page: PageWindow): Promise<{ devices: Device[]; last?: Cursor }> {
  const w = where(f);
  const tail = pageSql(page, 'd.created_at', 'd.id');
  const rows = await db.all<{ data: string; created_at: string; id: string }>(`SELECT d.data, d.created_at, d.id FROM phone_devices d${w.sql} ${tail.sql}`, [accountId, ...w.params, ...tail.params]);
  const l = rows.at(-1);
  return { devices: rows.map((r) => JSON.parse(r.data) as Device), ...(l ? { last: [l.created_at, l.id] } : {}) };
}
