// The only SQL for IM directory groups and their members. Every statement takes the
// account id first. Member listings join `users`, so a removed user drops out at once.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import { getUser, updateUser } from '../users/repository.ts';
import { nameKey, type ImGroupRecord } from './model.ts';

interface GroupRow {
  id: string;
  name: string;
  data: string;
  created_at: string;
}

const fromRow = (r: GroupRow): ImGroupRecord => ({ ...(JSON.parse(r.data) as Omit<ImGroupRecord, 'id' | 'name' | 'created_at'>), id: r.id, name: r.name, created_at: r.created_at });
const dataOf = (g: ImGroupRecord) =>
  JSON.stringify({ type: g.type, search_by_account: g.search_by_account, search_by_domain: g.search_by_domain, search_by_ma_account: g.search_by_ma_account });

export async function getGroup(db: Queryable, accountId: string, id: string): Promise<ImGroupRecord | undefined> {
  const r = await db.get<GroupRow>('SELECT id, name, data, created_at FROM im_groups WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && fromRow(r);
}

export async function groupIdNamed(db: Queryable, accountId: string, name: string): Promise<string | undefined> {
  return (await db.get<{ id: string }>('SELECT id FROM im_groups WHERE account_id = ? AND name_key = ?', [accountId, nameKey(name)]))?.id;
}

/** Every group with its member count, by name (Zoom's list has no paging). */
export async function listGroups(db: Queryable, accountId: string): Promise<Array<{ group: ImGroupRecord; total: number }>> {
  const rows = await db.all<GroupRow & { total: number }>(
    `SELECT g.id, g.name, g.data, g.created_at,
       (SELECT COUNT(*) FROM im_group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
         WHERE m.account_id = g.account_id AND m.group_id = g.id) AS total
     FROM im_groups g WHERE g.account_id = ? ORDER BY g.name_key, g.id`,
    [accountId],
  );
  return rows.map((r) => ({ group: fromRow(r), total: Number(r.total) }));
}

export async function insertGroup(db: Queryable, accountId: string, g: ImGroupRecord): Promise<void> {
  await db.run('INSERT INTO im_groups (account_id, id, name, name_key, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    g.id,
    g.name,
    nameKey(g.name),
    dataOf(g),
    g.created_at,
  ]);
}

export async function updateGroup(db: Queryable, accountId: string, g: ImGroupRecord): Promise<void> {
  await db.run('UPDATE im_groups SET name = ?, name_key = ?, data = ? WHERE account_id = ? AND id = ?', [g.name, nameKey(g.name), dataOf(g), accountId, g.id]);
}

/** The group goes with its memberships; every former member's im_group_ids follows. */
export async function deleteGroup(db: Queryable, accountId: string, id: string): Promise<void> {
  const members = await db.all<{ user_id: string }>('SELECT user_id FROM im_group_members WHERE account_id = ? AND group_id = ?', [accountId, id]);
  await db.run('DELETE FROM im_group_members WHERE account_id = ? AND group_id = ?', [accountId, id]);
  await db.run('DELETE FROM im_groups WHERE account_id = ? AND id = ?', [accountId, id]);
  for (const m of members) await syncUser(db, accountId, m.user_id);
}

export async function isMember(db: Queryable, accountId: string, groupId: string, userId: string): Promise<boolean> {
  return (await db.get('SELECT user_id FROM im_group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, groupId, userId])) !== undefined;
}

export async function countMembers(db: Queryable, accountId: string, groupId: string): Promise<number> {
  const r = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM im_group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id WHERE m.account_id = ? AND m.group_id = ?`,
    [accountId, groupId],
  );
  return Number(r?.n ?? 0);
}

export interface MemberRow {
  id: string;
  email: string;
  type: number;
  data: string;
  added_at: string;
}

export async function listMembers(db: Queryable, accountId: string, groupId: string, w: PageWindow): Promise<{ members: MemberRow[]; last?: Cursor }> {
  const page = pageSql(w, 'm.added_at', 'm.user_id');
  const members = await db.all<MemberRow>(
    `SELECT u.id, u.email, u.type, u.data, m.added_at FROM im_group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
     WHERE m.account_id = ? AND m.group_id = ? ${page.sql}`,
    [accountId, groupId, ...page.params],
  );
  const last = members.at(-1);
  return { members, ...(last ? { last: [last.added_at, last.id] } : {}) };
}

export async function addMember(db: Queryable, accountId: string, groupId: string, userId: string, now: string): Promise<boolean> {
  if (await isMember(db, accountId, groupId, userId)) return false;
  await db.run('INSERT INTO im_group_members (account_id, group_id, user_id, added_at) VALUES (?, ?, ?, ?)', [accountId, groupId, userId, now]);
  await syncUser(db, accountId, userId);
  return true;
}

export async function removeMember(db: Queryable, accountId: string, groupId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM im_group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, groupId, userId]);
  await syncUser(db, accountId, userId);
}

/** Keeps `profile.im_group_ids` (Get a user / List users) equal to the memberships, in the order joined. */
async function syncUser(db: Queryable, accountId: string, userId: string): Promise<void> {
  const user = await getUser(db, accountId, userId);
  if (!user) return;
  const rows = await db.all<{ group_id: string }>('SELECT group_id FROM im_group_members WHERE account_id = ? AND user_id = ? ORDER BY added_at, group_id', [
    accountId,
    userId,
  ]);
  user.profile.im_group_ids = rows.map((r) => r.group_id);
  await updateUser(db, accountId, user);
}
