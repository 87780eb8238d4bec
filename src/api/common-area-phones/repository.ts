// The only SQL of common area phones. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';

export interface CommonAreaPhone {
  id: string;
  device_id: string;
  description: string;
  time_zone: string;
  policy: { select_outbound_caller_id: { enable: boolean }; international_call: { enable: boolean }; hot_desking: { status: 'unsupported' | 'on' | 'off' } };
}

export async function insertPhone(db: Queryable, accountId: string, p: CommonAreaPhone, now: string): Promise<void> {
  await db.run('INSERT INTO phone_common_area_phones (account_id, id, device_id, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, p.id, p.device_id, JSON.stringify(p), now]);
}

export async function updatePhone(db: Queryable, accountId: string, p: CommonAreaPhone): Promise<void> {
  await db.run('UPDATE phone_common_area_phones SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(p), accountId, p.id]);
}

export async function getPhone(db: Queryable, accountId: string, id: string): Promise<CommonAreaPhone | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_common_area_phones WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as CommonAreaPhone);
}

/** The common area phone whose desk phone this device is, if any. */
export async function commonAreaPhoneOfDevice(db: Queryable, accountId: string, deviceId: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM phone_common_area_phones WHERE account_id = ? AND device_id = ?', [accountId, deviceId]);
  return r?.id;
}

export async function deletePhone(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_common_area_phones WHERE account_id = ? AND id = ?', [accountId, id]);
}

export async function countPhones(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM phone_common_area_phones WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

export async function listPhones(db: Queryable, accountId: string, page: PageWindow): Promise<{ phones: CommonAreaPhone[]; last?: Cursor }> {
  const tail = pageSql(page, 'created_at', 'id');
  const rows = await db.all<{ data: string; created_at: string; id: string }>(`SELECT data, created_at, id FROM phone_common_area_phones WHERE account_id = ? ${tail.sql}`, [accountId, ...tail.params]);
  const l = rows.at(-1);
  return { phones: rows.map((r) => JSON.parse(r.data) as CommonAreaPhone), ...(l ? { last: [l.created_at, l.id] } : {}) };
}
