// The only SQL of SIP phones. Every statement takes the account id first.
// Lists join users: a removed user's phone is gone with it.
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { SipPhone } from './model.ts';

const searchText = (p: SipPhone) => `${p.user_email} ${p.user_name}`.toLowerCase();
const like = (key: string) => `%${key.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const JOIN = 'FROM sip_phones p JOIN users u ON u.account_id = p.account_id AND u.id = p.user_id WHERE p.account_id = ?';

export async function getPhone(db: Queryable, accountId: string, id: string): Promise<SipPhone | undefined> {
  const r = await db.get<{ data: string }>(`SELECT p.data ${JOIN} AND p.id = ?`, [accountId, id]);
  return r && (JSON.parse(r.data) as SipPhone);
}

export async function phoneOfUser(db: Queryable, accountId: string, userId: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM sip_phones WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  return r?.id;
}

export async function countPhones(db: Queryable, accountId: string, search: string | undefined): Promise<number> {
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${JOIN}${search ? " AND p.search LIKE ? ESCAPE '\\'" : ''}`, search ? [accountId, like(search)] : [accountId]);
  return Number(r?.n ?? 0);
}

export async function listPhones(db: Queryable, accountId: string, search: string | undefined, page: PageWindow): Promise<{ phones: SipPhone[]; last?: [string, string] }> {
  const tail = pageSql(page, 'p.created_at', 'p.id');
  const rows = await db.all<{ data: string; created_at: string; id: string }>(
    `SELECT p.data, p.created_at, p.id ${JOIN}${search ? " AND p.search LIKE ? ESCAPE '\\'" : ''} ${tail.sql}`,
    [accountId, ...(search ? [like(search)] : []), ...tail.params],
  );
  const lastRow = rows.at(-1);
  return { phones: rows.map((r) => JSON.parse(r.data) as SipPhone), ...(lastRow ? { last: [lastRow.created_at, lastRow.id] as [string, string] } : {}) };
}

export async function insertPhone(db: Queryable, accountId: string, p: SipPhone, now: string): Promise<void> {
  await db.run('INSERT INTO sip_phones (account_id, id, user_id, search, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    p.phone_id,
    p.user_id,
    searchText(p),
    JSON.stringify(p),
    now,
  ]);
}

export async function updatePhone(db: Queryable, accountId: string, p: SipPhone): Promise<void> {
  await db.run('UPDATE sip_phones SET search = ?, data = ? WHERE account_id = ? AND id = ?', [searchText(p), JSON.stringify(p), accountId, p.phone_id]);
}

export async function deletePhone(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM sip_phones WHERE account_id = ? AND id = ?', [accountId, id]);
}
