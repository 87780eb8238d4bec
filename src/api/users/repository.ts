// The only SQL for users. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import { jsonObjectSql, pageSql, pageText, type PageWindow, type TextPage } from '../../storage/paging.ts';
import type { Queryable } from '../../storage/db.ts';
import { userListItem, type UserProfile, type UserRecord, type UserStatus } from './model.ts';

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

function filterSql(accountId: string, filter: UserFilter): { where: string; params: string[] } {
  return filter.roleId === undefined
    ? { where: 'account_id = ? AND status = ?', params: [accountId, filter.status] }
    : { where: 'account_id = ? AND status = ? AND role_id = ?', params: [accountId, filter.status, filter.roleId] };
}

export async function countUsers(db: Queryable, accountId: string, filter: UserFilter): Promise<number> {
  const { where, params } = filterSql(accountId, filter);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE ${where}`, params);
  return Number(r?.n ?? 0);
}

/** A page of users in list order, with the sort key of the last one. */
export async function listUsers(db: Queryable, accountId: string, filter: UserFilter, w: PageWindow): Promise<{ users: UserRecord[]; last?: Cursor }> {
  const { where, params } = filterSql(accountId, filter);
  const page = pageSql(w, 'created_at', 'id');
  const rows = await db.all<UserRow>(`SELECT * FROM users WHERE ${where} ${page.sql}`, [...params, ...page.params]);
  const last = rows.at(-1);
  return { users: rows.map(fromRow), ...(last ? { last: [last.created_at, last.id] } : {}) };
}

/**
 * The same page as List users entries, joined by the database from the JSON
 * text stored with each row (no document parsed, no row object per user).
 */
export async function listUserEntries(db: Queryable, accountId: string, filter: UserFilter, w: PageWindow): Promise<TextPage> {
  const { where, params } = filterSql(accountId, filter);
  const page = await pageText(db, { item: 'list_item', from: `FROM users WHERE ${where}`, params, first: 'created_at', second: 'id' }, w);
  if (page.missing === 0) return page;
  // Rows written before entries were stored get theirs made on the way.
  const { users, last } = await listUsers(db, accountId, filter, w);
  return { items: users.map(listEntry).join(','), ...(last ? { last } : {}), missing: 0 };
}

/** A user's List users entry as stored: the list's fields without the include_fields extras. */
const listEntry = (u: UserRecord): string => JSON.stringify(userListItem(u, { customAttributes: false, hostKey: false }));

export async function countLicensedUsers(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE account_id = ? AND type = 2 AND status <> 'inactive'", [
    accountId,
  ]);
  return Number(r?.n ?? 0);
}

export async function insertUser(db: Queryable, accountId: string, u: UserRecord): Promise<void> {
  await db.run('INSERT INTO users (account_id, id, email, status, type, role_id, created_at, data, list_item) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    u.id,
    u.email.toLowerCase(),
    u.status,
    u.type,
    u.role_id,
    u.created_at,
    JSON.stringify(u.profile),
    listEntry({ ...u, email: u.email.toLowerCase() }),
  ]);
}

export async function updateUser(db: Queryable, accountId: string, u: UserRecord): Promise<void> {
  await db.run('UPDATE users SET email = ?, status = ?, type = ?, role_id = ?, data = ?, list_item = ? WHERE account_id = ? AND id = ?', [
    u.email.toLowerCase(),
    u.status,
    u.type,
    u.role_id,
    JSON.stringify(u.profile),
    listEntry({ ...u, email: u.email.toLowerCase() }),
    accountId,
    u.id,
  ]);
}

export async function deleteUser(db: Queryable, accountId: string, userId: string): Promise<void> {
  // A removed user leaves no assistant relation, token or paired device behind.
  await db.run('DELETE FROM user_assistants WHERE account_id = ? AND (user_id = ? OR assistant_id = ?)', [accountId, userId, userId]);
  await db.run('DELETE FROM user_tokens WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  await db.run('DELETE FROM collaboration_devices WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  await db.run('DELETE FROM users WHERE account_id = ? AND id = ?', [accountId, userId]);
}

/** Every user of the account, for checks over fields kept in the JSON data (vanity names). */
export async function allUsers(db: Queryable, accountId: string): Promise<UserRecord[]> {
  const rows = await db.all<UserRow>('SELECT * FROM users WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map(fromRow);
}

/** The user whose personal meeting ID this is (PMIs are 10 digits), by the stored profile. */
export async function getUserByPmi(db: Queryable, accountId: string, pmi: string): Promise<UserRecord | undefined> {
  if (!/^\d{10}$/.test(pmi)) return undefined;
  const r = await db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND data LIKE ?', [accountId, `%"pmi":${pmi},%`]);
  return r && fromRow(r);
}

/** Users counted by status and type, for the user summary. */
export async function countUsersByStatusAndType(
  db: Queryable,
  accountId: string,
): Promise<Array<{ status: UserStatus; type: number; n: number }>> {
  const rows = await db.all<{ status: UserStatus; type: number; n: number }>(
    'SELECT status, type, COUNT(*) AS n FROM users WHERE account_id = ? GROUP BY status, type',
    [accountId],
  );
  return rows.map((r) => ({ status: r.status, type: Number(r.type), n: Number(r.n) }));
}

// Assistants. A row (user_id, assistant_id) means assistant_id schedules for user_id.

export interface AssistantRelation {
  user_id: string;
  assistant_id: string;
  can_manage_host_private_event: boolean;
  created_at: string;
  /** The other side of the relation (the assistant for a user, the user for a scheduler view). */
  other: UserRecord;
}

async function relations(db: Queryable, accountId: string, column: 'user_id' | 'assistant_id', userId: string): Promise<AssistantRelation[]> {
  const otherColumn = column === 'user_id' ? 'assistant_id' : 'user_id';
  const rows = await db.all<UserRow & { r_user_id: string; r_assistant_id: string; r_private: number; r_created_at: string }>(
    `SELECT u.*, a.user_id AS r_user_id, a.assistant_id AS r_assistant_id, a.can_manage_host_private_event AS r_private, a.created_at AS r_created_at
     FROM user_assistants a JOIN users u ON u.account_id = a.account_id AND u.id = a.${otherColumn}
     WHERE a.account_id = ? AND a.${column} = ? ORDER BY a.created_at, u.id`,
    [accountId, userId],
  );
  return rows.map((r) => ({
    user_id: r.r_user_id,
    assistant_id: r.r_assistant_id,
    can_manage_host_private_event: Number(r.r_private) === 1,
    created_at: r.r_created_at,
    other: fromRow(r),
  }));
}

export const listAssistants = (db: Queryable, accountId: string, userId: string) => relations(db, accountId, 'user_id', userId);
export const listSchedulers = (db: Queryable, accountId: string, assistantId: string) => relations(db, accountId, 'assistant_id', assistantId);

export async function insertAssistant(
  db: Queryable,
  accountId: string,
  userId: string,
  assistantId: string,
  canManagePrivate: boolean,
  now: string,
): Promise<void> {
  await db.run(
    'INSERT INTO user_assistants (account_id, user_id, assistant_id, can_manage_host_private_event, created_at) VALUES (?, ?, ?, ?, ?)',
    [accountId, userId, assistantId, canManagePrivate ? 1 : 0, now],
  );
}

/** Deletes relations; an omitted side matches every user. Answers how many went. */
export async function deleteAssistants(
  db: Queryable,
  accountId: string,
  filter: { userId?: string; assistantId?: string },
): Promise<number> {
  const where = ['account_id = ?'];
  const params: string[] = [accountId];
  if (filter.userId !== undefined) {
    where.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.assistantId !== undefined) {
    where.push('assistant_id = ?');
    params.push(filter.assistantId);
  }
  const r = await db.run(`DELETE FROM user_assistants WHERE ${where.join(' AND ')}`, params);
  return Number(r.changes ?? 0);
}

// Tokens issued by Get a user's token / Get my ZAK.

export interface UserTokenRecord {
  id: string;
  user_id: string;
  type: string;
  meeting_id: string | null;
  secret: string;
  issued_at: number;
  expires_at: number;
}

export async function insertUserToken(db: Queryable, accountId: string, t: UserTokenRecord): Promise<void> {
  await db.run(
    'INSERT INTO user_tokens (account_id, id, user_id, type, meeting_id, secret, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, t.id, t.user_id, t.type, t.meeting_id, t.secret, t.issued_at, t.expires_at],
  );
}

export async function getUserToken(db: Queryable, accountId: string, id: string): Promise<UserTokenRecord | undefined> {
  const r = await db.get<UserTokenRecord>('SELECT * FROM user_tokens WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && { ...r, issued_at: Number(r.issued_at), expires_at: Number(r.expires_at) };
}

export async function deleteUserTokens(db: Queryable, accountId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM user_tokens WHERE account_id = ? AND user_id = ?', [accountId, userId]);
}

/** Expired tokens are useless; drop them when issuing new ones so the table stays small. */
export async function deleteExpiredUserTokens(db: Queryable, accountId: string, userId: string, now: number): Promise<void> {
  await db.run('DELETE FROM user_tokens WHERE account_id = ? AND user_id = ? AND expires_at <= ?', [accountId, userId, now]);
}

// Collaboration devices a user has paired.

export interface CollaborationDeviceRecord {
  id: string;
  user_id: string;
  created_at: string;
  device_name: string;
  room_name: string;
  room_user_id: string;
  status: 'Online' | 'Offline';
}

interface DeviceRow {
  id: string;
  user_id: string;
  created_at: string;
  data: string;
}

const deviceFromRow = (r: DeviceRow): CollaborationDeviceRecord => ({
  ...(JSON.parse(r.data) as Pick<CollaborationDeviceRecord, 'device_name' | 'room_name' | 'room_user_id' | 'status'>),
  id: r.id,
  user_id: r.user_id,
  created_at: r.created_at,
});

export async function insertCollaborationDevice(db: Queryable, accountId: string, d: CollaborationDeviceRecord): Promise<void> {
  const data = { device_name: d.device_name, room_name: d.room_name, room_user_id: d.room_user_id, status: d.status };
  await db.run('INSERT INTO collaboration_devices (account_id, user_id, id, created_at, data) VALUES (?, ?, ?, ?, ?)', [
    accountId,
    d.user_id,
    d.id,
    d.created_at,
    JSON.stringify(data),
  ]);
}

export async function listCollaborationDevices(db: Queryable, accountId: string, userId: string): Promise<CollaborationDeviceRecord[]> {
  const rows = await db.all<DeviceRow>(
    'SELECT id, user_id, created_at, data FROM collaboration_devices WHERE account_id = ? AND user_id = ? ORDER BY created_at, id',
    [accountId, userId],
  );
  return rows.map(deviceFromRow);
}

export async function getCollaborationDevice(
  db: Queryable,
  accountId: string,
  userId: string,
  id: string,
): Promise<CollaborationDeviceRecord | undefined> {
  const r = await db.get<DeviceRow>(
    'SELECT id, user_id, created_at, data FROM collaboration_devices WHERE account_id = ? AND user_id = ? AND id = ?',
    [accountId, userId, id],
  );
  return r && deviceFromRow(r);
}

// Role membership (used by Roles): a user's role is the role_id column.
export async function setUserRole(db: Queryable, accountId: string, userId: string, roleId: string): Promise<void> {
  const user = await getUser(db, accountId, userId);
  if (user) await updateUser(db, accountId, { ...user, role_id: roleId });
}

export async function countUsersByRole(db: Queryable, accountId: string): Promise<Map<string, number>> {
  const rows = await db.all<{ role_id: string; n: number }>('SELECT role_id, COUNT(*) AS n FROM users WHERE account_id = ? GROUP BY role_id', [accountId]);
  return new Map(rows.map((r) => [r.role_id, Number(r.n)]));
}

export async function countUsersInRole(db: Queryable, accountId: string, roleId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE account_id = ? AND role_id = ?', [accountId, roleId]);
  return Number(r?.n ?? 0);
}

/** A page of List members in a role, in the order users were created, built by the database from stored entries. */
export async function listUsersInRole(db: Queryable, accountId: string, roleId: string, w: PageWindow): Promise<TextPage> {
  const entry = 'COALESCE(list_item, data)';
  const item = jsonObjectSql(db.dialect, {
    id: 'id',
    email: 'email',
    first_name: [entry, 'first_name'],
    last_name: [entry, 'last_name'],
    type: 'type',
    department: [entry, 'dept'],
  });
  return pageText(db, { item, from: 'FROM users WHERE account_id = ? AND role_id = ?', params: [accountId, roleId], first: 'created_at', second: 'id' }, w);
}
