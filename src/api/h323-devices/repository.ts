// The only SQL of H.323/SIP devices. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import { pageText, type PageWindow, type TextPage } from '../../storage/paging.ts';
import { nameKey, type Device } from './model.ts';

export async function getDevice(db: Queryable, accountId: string, id: string): Promise<Device | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM h323_devices WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as Device);
}

export async function deviceIdByName(db: Queryable, accountId: string, name: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM h323_devices WHERE account_id = ? AND name_key = ?', [accountId, nameKey(name)]);
  return r?.id;
}

export async function countDevices(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM h323_devices WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

/** A page of devices in the order they were added, their stored JSON texts joined by the database. */
export async function listDevices(db: Queryable, accountId: string, page: PageWindow): Promise<TextPage> {
  return pageText(db, { item: 'data', from: 'FROM h323_devices WHERE account_id = ?', params: [accountId], first: 'created_at', second: 'id' }, page);
}

export async function insertDevice(db: Queryable, accountId: string, d: Device, now: string): Promise<void> {
  await db.run('INSERT INTO h323_devices (account_id, id, name_key, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, d.id, nameKey(d.name), JSON.stringify(d), now]);
}

export async function updateDevice(db: Queryable, accountId: string, d: Device): Promise<void> {
  await db.run('UPDATE h323_devices SET name_key = ?, data = ? WHERE account_id = ? AND id = ?', [nameKey(d.name), JSON.stringify(d), accountId, d.id]);
}

export async function deleteDevice(db: Queryable, accountId: string, id: string): Promise<number> {
  return (await db.run('DELETE FROM h323_devices WHERE account_id = ? AND id = ?', [accountId, id])).changes;
}
