// The only SQL of the blocked list. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';

export interface Blocked {
  id: string;
  phone_number: string;
  match_type: 'phoneNumber' | 'prefix';
  block_type: 'inbound' | 'outbound' | 'threat';
  status: 'active' | 'inactive';
  comment: string;
}

const COLS = 'id, phone_number, match_type, block_type, status, data';
interface Row extends Omit<Blocked, 'comment'> {
  data: string;
}
const fromRow = (r: Row): Blocked => ({ id: r.id, phone_number: r.phone_number, match_type: r.match_type, block_type: r.block_type, status: r.status, comment: (JSON.parse(r.data) as { comment: string }).comment });

export async function insertBlocked(db: Queryable, accountId: string, b: Blocked, now: string): Promise<void> {
  await db.run('INSERT INTO phone_blocked_list (account_id, id, phone_number, match_type, block_type, status, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId, b.id, b.phone_number, b.match_type, b.block_type, b.status, JSON.stringify({ comment: b.comment }), now,
  ]);
}

export async function updateBlocked(db: Queryable, accountId: string, b: Blocked): Promise<void> {
  await db.run('UPDATE phone_blocked_list SET phone_number = ?, match_type = ?, block_type = ?, status = ?, data = ? WHERE account_id = ? AND id = ?', [
    b.phone_number, b.match_type, b.block_type, b.status, JSON.stringify({ comment: b.comment }), accountId, b.id,
  ]);
}

export async function getBlocked(db: Queryable, accountId: string, id: string): Promise<Blocked | undefined> {
  const r = await db.get<Row>(`SELECT ${COLS} FROM phone_blocked_list WHERE account_id = ? AND id = ?`, [accountId, id]);
  return r && fromRow(r);
}

/** The entry blocking this number or prefix in this direction, if any. */
export async function findBlocked(db: Queryable, accountId: string, b: Pick<Blocked, 'phone_number' | 'match_type' | 'block_type'>): Promise<Blocked | undefined> {
  const r = await db.get<Row>(`SELECT ${COLS} FROM phone_blocked_list WHERE account_id = ? AND phone_number = ? AND match_type = ? AND block_type = ?`, [accountId, b.phone_number, b.match_type, b.block_type]);
  return r && fromRow(r);
}

/** Whether an active entry blocks calls with `number` (E.164) in `direction`: the number itself or a prefix of it; threats block both ways. */
export async function isBlocked(db: Queryable, accountId: string, number: string, direction: 'inbound' | 'outbound'): Promise<boolean> {
  const rows = await db.all<Row>(`SELECT ${COLS} FROM phone_blocked_list WHERE account_id = ? AND status = 'active' AND block_type IN (?, 'threat')`, [accountId, direction]);
  return rows.some((r) => (r.match_type === 'phoneNumber' ? r.phone_number === number : number.startsWith(r.phone_number)));
}

export async function deleteBlocked(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_blocked_list WHERE account_id = ? AND id = ?', [accountId, id]);
}

export async function countBlocked(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM phone_blocked_list WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

export async function listBlocked(db: Queryable, accountId: string, page: PageWindow): Promise<{ items: Blocked[]; last?: Cursor }> {
  const tail = pageSql(page, 'created_at', 'id');
  const rows = await db.all<Row & { created_at: string }>(`SELECT ${COLS}, created_at FROM phone_blocked_list WHERE account_id = ? ${tail.sql}`, [accountId, ...tail.params]);
  const l = rows.at(-1);
  return { items: rows.map(fromRow), ...(l ? { last: [l.created_at, l.id] } : {}) };
}
