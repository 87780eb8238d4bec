// The only SQL of SIP phones. Every statement takes the account id first.
// Lists join users: a removed user's phone is gone with it. `data` is the phone
// as today's list shows it (the user id has its own column), so that list is
// the stored texts joined by the database.
import type { Queryable } from '../../storage/db.ts';
import { pageSql, pageText, type PageWindow, type TextPage } from '../../storage/paging.ts';
import { phoneResponse, type SipPhone } from './model.ts';

const searchText = (p: SipPhone) => `${p.user_email} ${p.user_name}`.toLowerCase();
const like = (key: string) => `%${key.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** The search_key filter, when given (its value is `like(search)`). */
const bySearch = (search: string | undefined) => (search ? " AND p.search LIKE ? ESCAPE '\\'" : '');
const JOIN = 'FROM sip_phones p JOIN users u ON u.account_id = p.account_id AND u.id = p.user_id WHERE p.account_id = ?';

const fromRow = (r: { data: string; user_id: string }): SipPhone => ({ ...(JSON.parse(r.data) as Omit<SipPhone, 'user_id'>), user_id: r.user_id });
const stored = (p: SipPhone) => JSON.stringify(phoneResponse(p));

export async function getPhone(db: Queryable, accountId: string, id: string): Promise<SipPhone | undefined> {
  const r = await db.get<{ data: string; user_id: string }>(`SELECT p.data, p.user_id ${JOIN} AND p.id = ?`, [accountId, id]);
  return r && fromRow(r);
}

export async function phoneOfUser(db: Queryable, accountId: string, userId: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM sip_phones WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  return r?.id;
}

export async function countPhones(db: Queryable, accountId: string, search: string | undefined): Promise<number> {
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${JOIN}${bySearch(search)}`, search ? [accountId, like(search)] : [accountId]);
  return Number(r?.n ?? 0);
}

export async function listPhones(db: Queryable, accountId: string, search: string | undefined, page: PageWindow): Promise<{ phones: SipPhone[]; last?: [string, string] }> {
  const tail = pageSql(page, 'p.created_at', 'p.id');
  const rows = await db.all<{ data: string; user_id: string; created_at: string; id: string }>(
    `SELECT p.data, p.user_id, p.created_at, p.id ${JOIN}${bySearch(search)} ${tail.sql}`,
    [accountId, ...(search ? [like(search)] : []), ...tail.params],
  );
  const lastRow = rows.at(-1);
  return { phones: rows.map(fromRow), ...(lastRow ? { last: [lastRow.created_at, lastRow.id] as [string, string] } : {}) };
}

/** The same page as today's list entries: the stored texts joined by the database. */
export async function listPhoneEntries(db: Queryable, accountId: string, search: string | undefined, page: PageWindow): Promise<TextPage> {
  return pageText(
    db,
    { item: 'p.data', from: `${JOIN}${bySearch(search)}`, params: [accountId, ...(search ? [like(search)] : [])], first: 'p.created_at', second: 'p.id' },
    page,
  );
}

export async function insertPhone(db: Queryable, accountId: string, p: SipPhone, now: string): Promise<void> {
  await db.run('INSERT INTO sip_phones (account_id, id, user_id, search, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    p.phone_id,
    p.user_id,
    searchText(p),
    stored(p),
    now,
  ]);
}

export async function updatePhone(db: Queryable, accountId: string, p: SipPhone): Promise<void> {
  await db.run('UPDATE sip_phones SET search = ?, data = ? WHERE account_id = ? AND id = ?', [searchText(p), stored(p), accountId, p.phone_id]);
}

export async function deletePhone(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM sip_phones WHERE account_id = ? AND id = ?', [accountId, id]);
}
