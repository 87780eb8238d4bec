// The only SQL for users. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { UserProfile, UserRecord, UserStatus } from './model.ts';

interface UserRow {
  account_id: string;
  id: string;
  email: string;
  status: UserStatus;
  type: number;
  role_id: string;
  created_at: string;
  data: string;
}

const fromRow = (r: UserRow): UserRecord => ({
  account_id: r.account_id,
  id: r.id,
  email: r.email,
  status: r.status,
  type: Number(r.type) as UserRecord['type'],
  role_id: r.role_id,
  created_at: r.created_at,
  profile: JSON.parse(r.data) as UserProfile,
});

export async function getUser(db: Queryable, accountId: string, userId: string): Promise<UserRecord | undefined> {
  const r = await db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND id = ?', [accountId, userId]);
  return r && fromRow(r);
}

export async function getUserByEmail(db: Queryable, accountId: string, email: string): Promise<UserRecord | undefined> {
  const r = await db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND email = ?', [accountId, email.toLowerCase()]);
  return r && fromRow(r);
}

export interface UserFilter {
  status: UserStatus;
  roleId?: string;
}

export async function listUsers(
  db: Queryable,
  accountId: string,
  filter: UserFilter,
  limit: number,
  offset: number,
): Promise<{ total: number; users: UserRecord[] }> {
  const where = filter.roleId === undefined ? 'account_id = ? AND status = ?' : 'account_id = ? AND status = ? AND role_id = ?';
  const params = filter.roleId === undefined ? [accountId, filter.status] : [accountId, filter.status, filter.roleId];
  const count = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE ${where}`, params);
  const rows = await db.all<UserRow>(`SELECT * FROM users WHERE ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
    ...params,
    limit,
    offset,
  ]);
  return { total: Number(count?.n ?? 0), users: rows.map(fromRow) };
}

export async function countLicensedUsers(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE account_id = ? AND type = 2 AND status <> 'inactive'", [
    accountId,
  ]);
  return Number(r?.n ?? 0);
}

export async function insertUser(db: Queryable, accountId: string, u: UserRecord): Promise<void> {
  await db.run('INSERT INTO users (account_id, id, email, status, type, role_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    u.id,
    u.email.toLowerCase(),
    u.status,
    u.type,
    u.role_id,
    u.created_at,
    JSON.stringify(u.profile),
  ]);
}

export async function updateUser(db: Queryable, accountId: string, u: UserRecord): Promise<void> {
  await db.run('UPDATE users SET email = ?, status = ?, type = ?, role_id = ?, data = ? WHERE account_id = ? AND id = ?', [
    u.email.toLowerCase(),
    u.status,
    u.type,
    u.role_id,
    JSON.stringify(u.profile),
    accountId,
    u.id,
  ]);
}

export async function deleteUser(db: Queryable, accountId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM users WHERE account_id = ? AND id = ?', [accountId, userId]);
}
