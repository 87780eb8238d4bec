// The only SQL for groups, their members and their admins. Every statement takes the account id first.
// Member and admin listings join `users`, so a deleted user drops out of every group at once.
// Admins are kept apart from members: Zoom lets any user of the account administer a group (see README).
import type { Queryable } from '../../storage/db.ts';
import { jsonObjectSql, pageText, type PageWindow, type TextPage } from '../../storage/paging.ts';
import { getUser, updateUser } from '../users/repository.ts';
import { nameKey, type GroupRecord } from './model.ts';

interface GroupRow {
  account_id: string;
  id: string;
  name: string;
  created_at: string;
}

const fromRow = (r: GroupRow): GroupRecord => ({ account_id: r.account_id, id: r.id, name: r.name, created_at: r.created_at });

export async function getGroup(db: Queryable, accountId: string, groupId: string): Promise<GroupRecord | undefined> {
  const r = await db.get<GroupRow>('SELECT account_id, id, name, created_at FROM groups WHERE account_id = ? AND id = ?', [
    accountId,
    groupId,
  ]);
  return r && fromRow(r);
}

export async function getGroupByName(db: Queryable, accountId: string, name: string): Promise<GroupRecord | undefined> {
  const r = await db.get<GroupRow>('SELECT account_id, id, name, created_at FROM groups WHERE account_id = ? AND name_key = ?', [
    accountId,
    nameKey(name),
  ]);
  return r && fromRow(r);
}

export async function countGroups(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM groups WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

export async function listGroups(
  db: Queryable,
  accountId: string,
  limit: number,
  offset: number,
): Promise<{ total: number; groups: Array<{ group: GroupRecord; total_members: number }> }> {
  const total = await countGroups(db, accountId);
  const rows = await db.all<GroupRow & { total_members: number }>(
    `SELECT g.account_id, g.id, g.name, g.created_at,
       (SELECT COUNT(*) FROM group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
         WHERE m.account_id = g.account_id AND m.group_id = g.id) AS total_members
     FROM groups g WHERE g.account_id = ? ORDER BY g.name_key, g.id LIMIT ? OFFSET ?`,
    [accountId, limit, offset],
  );
  return { total, groups: rows.map((r) => ({ group: fromRow(r), total_members: Number(r.total_members) })) };
}

export async function insertGroup(db: Queryable, accountId: string, g: GroupRecord): Promise<void> {
  await db.run('INSERT INTO groups (account_id, id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)', [
    accountId,
    g.id,
    g.name,
    nameKey(g.name),
    g.created_at,
  ]);
}

export async function renameGroup(db: Queryable, accountId: string, groupId: string, name: string): Promise<void> {
  await db.run('UPDATE groups SET name = ?, name_key = ? WHERE account_id = ? AND id = ?', [name, nameKey(name), accountId, groupId]);
}

/** Deletes the group with its memberships and admins, keeping every former member's group_ids in step. */
export async function deleteGroup(db: Queryable, accountId: string, groupId: string): Promise<void> {
  const members = await db.all<{ user_id: string }>('SELECT user_id FROM group_members WHERE account_id = ? AND group_id = ?', [
    accountId,
    groupId,
  ]);
  await db.run('DELETE FROM group_admins WHERE account_id = ? AND group_id = ?', [accountId, groupId]);
  await db.run('DELETE FROM group_members WHERE account_id = ? AND group_id = ?', [accountId, groupId]);
  await db.run('DELETE FROM groups WHERE account_id = ? AND id = ?', [accountId, groupId]);
  for (const m of members) await promoteAndSync(db, accountId, m.user_id);
}

// ---- Membership ----

/** The user's groups, primary first, then in the order joined. */
export async function groupIdsOfUser(db: Queryable, accountId: string, userId: string): Promise<string[]> {
  const rows = await db.all<{ group_id: string }>(
    'SELECT group_id FROM group_members WHERE account_id = ? AND user_id = ? ORDER BY is_primary DESC, added_at, group_id',
    [accountId, userId],
  );
  return rows.map((r) => r.group_id);
}

export async function primaryGroupOfUser(db: Queryable, accountId: string, userId: string): Promise<string | null> {
  const r = await db.get<{ group_id: string }>(
    'SELECT group_id FROM group_members WHERE account_id = ? AND user_id = ? AND is_primary = 1',
    [accountId, userId],
  );
  return r?.group_id ?? null;
}

export async function isMember(db: Queryable, accountId: string, groupId: string, userId: string): Promise<boolean> {
  const r = await db.get<{ user_id: string }>('SELECT user_id FROM group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [
    accountId,
    groupId,
    userId,
  ]);
  return r !== undefined;
}

export async function countMembers(db: Queryable, accountId: string, groupId: string): Promise<number> {
  const r = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
     WHERE m.account_id = ? AND m.group_id = ?`,
    [accountId, groupId],
  );
  return Number(r?.n ?? 0);
}

/** A page of a group's members, in the order they joined, built by the database from the members' stored list entries. */
export async function listMembers(db: Queryable, accountId: string, groupId: string, w: PageWindow): Promise<TextPage> {
  // The stored list entry carries the names and is a third of the profile's size.
  const entry = 'COALESCE(u.list_item, u.data)';
  const item = jsonObjectSql(db.dialect, { id: 'u.id', email: 'u.email', first_name: [entry, 'first_name'], last_name: [entry, 'last_name'], type: 'u.type' });
  return pageText(
    db,
    {
      item,
      from: 'FROM group_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id WHERE m.account_id = ? AND m.group_id = ?',
      params: [accountId, groupId],
      first: 'm.added_at',
      second: 'm.user_id',
    },
    w,
  );
}

/** Adds the user to the group (no-op when already a member); the user's first group becomes primary. */
export async function addMember(db: Queryable, accountId: string, groupId: string, userId: string, now: string): Promise<boolean> {
  if (await isMember(db, accountId, groupId, userId)) return false;
  const primary = (await primaryGroupOfUser(db, accountId, userId)) === null;
  await db.run('INSERT INTO group_members (account_id, group_id, user_id, is_primary, added_at) VALUES (?, ?, ?, ?, ?)', [
    accountId,
    groupId,
    userId,
    primary ? 1 : 0,
    now,
  ]);
  await syncUserGroupIds(db, accountId, userId);
  return true;
}

export async function removeMember(db: Queryable, accountId: string, groupId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, groupId, userId]);
  await promoteAndSync(db, accountId, userId);
}

export async function setPrimary(db: Queryable, accountId: string, groupId: string, userId: string): Promise<void> {
  await db.run('UPDATE group_members SET is_primary = CASE WHEN group_id = ? THEN 1 ELSE 0 END WHERE account_id = ? AND user_id = ?', [
    groupId,
    accountId,
    userId,
  ]);
  await syncUserGroupIds(db, accountId, userId);
}

/**
 * Moves the user out of `fromGroupId` into `toGroupId`; the new membership keeps
 * the primary flag the old one had (or becomes primary when the user had none).
 */
export async function moveMember(
  db: Queryable,
  accountId: string,
  fromGroupId: string,
  toGroupId: string,
  userId: string,
  now: string,
): Promise<void> {
  const wasPrimary = (await primaryGroupOfUser(db, accountId, userId)) === fromGroupId;
  await db.run('DELETE FROM group_members WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, fromGroupId, userId]);
  await addMember(db, accountId, toGroupId, userId, now);
  if (wasPrimary) await setPrimary(db, accountId, toGroupId, userId);
  else await promoteAndSync(db, accountId, userId);
}

/** Update a user's `group_id`: the user joins the group (if not yet a member) and it becomes the primary group. */
export async function moveUserToGroup(db: Queryable, accountId: string, userId: string, groupId: string, now: string): Promise<void> {
  await addMember(db, accountId, groupId, userId, now);
  await setPrimary(db, accountId, groupId, userId);
}

/** When the primary membership went away, the earliest remaining group becomes primary. */
async function promoteAndSync(db: Queryable, accountId: string, userId: string): Promise<void> {
  if ((await primaryGroupOfUser(db, accountId, userId)) === null) {
    const next = await db.get<{ group_id: string }>(
      'SELECT group_id FROM group_members WHERE account_id = ? AND user_id = ? ORDER BY added_at, group_id LIMIT 1',
      [accountId, userId],
    );
    if (next) {
      await db.run('UPDATE group_members SET is_primary = 1 WHERE account_id = ? AND group_id = ? AND user_id = ?', [
        accountId,
        next.group_id,
        userId,
      ]);
    }
  }
  await syncUserGroupIds(db, accountId, userId);
}

/** Keeps `profile.group_ids` (shown by Get a user / List users) equal to the memberships. */
async function syncUserGroupIds(db: Queryable, accountId: string, userId: string): Promise<void> {
  const user = await getUser(db, accountId, userId);
  if (!user) return;
  user.profile.group_ids = await groupIdsOfUser(db, accountId, userId);
  await updateUser(db, accountId, user);
}

// ---- Admins ----

export async function isAdmin(db: Queryable, accountId: string, groupId: string, userId: string): Promise<boolean> {
  const r = await db.get<{ user_id: string }>('SELECT user_id FROM group_admins WHERE account_id = ? AND group_id = ? AND user_id = ?', [
    accountId,
    groupId,
    userId,
  ]);
  return r !== undefined;
}

export async function addAdmin(db: Queryable, accountId: string, groupId: string, userId: string, now: string): Promise<boolean> {
  if (await isAdmin(db, accountId, groupId, userId)) return false;
  await db.run('INSERT INTO group_admins (account_id, group_id, user_id, added_at) VALUES (?, ?, ?, ?)', [accountId, groupId, userId, now]);
  return true;
}

export async function removeAdmin(db: Queryable, accountId: string, groupId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM group_admins WHERE account_id = ? AND group_id = ? AND user_id = ?', [accountId, groupId, userId]);
}

export interface MemberRow {
  id: string;
  email: string;
  type: number;
  data: string;
}

export async function listAdmins(
  db: Queryable,
  accountId: string,
  groupId: string,
  limit: number,
  offset: number,
): Promise<{ total: number; admins: MemberRow[] }> {
  const join = 'FROM group_admins a JOIN users u ON u.account_id = a.account_id AND u.id = a.user_id WHERE a.account_id = ? AND a.group_id = ?';
  const count = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${join}`, [accountId, groupId]);
  const admins = await db.all<MemberRow>(`SELECT u.id, u.email, u.type, u.data ${join} ORDER BY a.added_at, u.email LIMIT ? OFFSET ?`, [
    accountId,
    groupId,
    limit,
    offset,
  ]);
  return { total: Number(count?.n ?? 0), admins };
}

/** A removed user leaves no membership or admin row behind. */
export async function removeUserFromGroups(db: Queryable, accountId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM group_members WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  await db.run('DELETE FROM group_admins WHERE account_id = ? AND user_id = ?', [accountId, userId]);
}
