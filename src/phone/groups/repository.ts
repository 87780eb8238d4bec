// The only SQL of call queues, auto receptionists and shared line groups.
// Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { GroupData, GroupKind, GroupMember, PhoneGroup } from './model.ts';

interface GroupRow {
  id: string;
  kind: string;
  extension_number: number | string;
  site_id: string;
  name: string;
  data: string;
  created_at: string;
}

const fromRow = (r: GroupRow): PhoneGroup => ({
  id: r.id,
  kind: r.kind as GroupKind,
  extension_number: Number(r.extension_number),
  site_id: r.site_id,
  name: r.name,
  created_at: r.created_at,
  data: JSON.parse(r.data) as GroupData,
});

// A group with its directory entry (name, extension number, site).
const COLUMNS = 'g.id, g.kind, x.extension_number, x.site_id, x.name, g.data, g.created_at';
const FROM = 'FROM phone_groups g JOIN phone_extensions x ON x.account_id = g.account_id AND x.owner_type = g.kind AND x.owner_id = g.id';

export async function getGroup(db: Queryable, accountId: string, kind: GroupKind, id: string): Promise<PhoneGroup | undefined> {
  const r = await db.get<GroupRow>(`SELECT ${COLUMNS} ${FROM} WHERE g.account_id = ? AND g.id = ? AND g.kind = ?`, [accountId, id, kind]);
  return r && fromRow(r);
}

/** Any kind: what a call is placed to. */
export async function findGroup(db: Queryable, accountId: string, id: string): Promise<PhoneGroup | undefined> {
  const r = await db.get<GroupRow>(`SELECT ${COLUMNS} ${FROM} WHERE g.account_id = ? AND g.id = ?`, [accountId, id]);
  return r && fromRow(r);
}

export interface GroupFilter {
  site_id?: string | undefined;
  cost_center?: string | undefined;
  department?: string | undefined;
}

// cost_center and department live in `data`: filtered after the read (they are rare filters on short lists).
function where(kind: GroupKind, f: GroupFilter): { sql: string; params: string[] } {
  return f.site_id ? { sql: 'g.account_id = ? AND g.kind = ? AND x.site_id = ?', params: [kind, f.site_id] } : { sql: 'g.account_id = ? AND g.kind = ?', params: [kind] };
}

export async function countGroups(db: Queryable, accountId: string, kind: GroupKind, f: GroupFilter = {}): Promise<number> {
  const w = where(kind, f);
  if (f.cost_center || f.department) return (await allGroups(db, accountId, kind, f)).length;
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${FROM} WHERE ${w.sql}`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

async function allGroups(db: Queryable, accountId: string, kind: GroupKind, f: GroupFilter): Promise<PhoneGroup[]> {
  const w = where(kind, f);
  const rows = await db.all<GroupRow>(`SELECT ${COLUMNS} ${FROM} WHERE ${w.sql} ORDER BY g.created_at, g.id`, [accountId, ...w.params]);
  return rows.map(fromRow).filter((g) => (!f.cost_center || g.data.cost_center === f.cost_center) && (!f.department || g.data.department === f.department));
}

export async function listGroups(db: Queryable, accountId: string, kind: GroupKind, f: GroupFilter, page: PageWindow): Promise<{ groups: PhoneGroup[]; last?: [string, string] }> {
  let groups: PhoneGroup[];
  if (f.cost_center || f.department) {
    const all = await allGroups(db, accountId, kind, f);
    const start = page.after ? all.findIndex((g) => [g.created_at, g.id].join('\n') > page.after!.join('\n')) : page.offset;
    groups = start < 0 ? [] : all.slice(start, start + page.size);
  } else {
    const w = where(kind, f);
    const tail = pageSql(page, 'g.created_at', 'g.id');
    const rows = await db.all<GroupRow>(`SELECT ${COLUMNS} ${FROM} WHERE ${w.sql} ${tail.sql}`, [accountId, ...w.params, ...tail.params]);
    groups = rows.map(fromRow);
  }
  const last = groups.at(-1);
  return { groups, ...(last ? { last: [last.created_at, last.id] as [string, string] } : {}) };
}

export async function insertGroup(db: Queryable, accountId: string, g: PhoneGroup): Promise<void> {
  await db.run('INSERT INTO phone_groups (account_id, id, kind, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, g.id, g.kind, JSON.stringify(g.data), g.created_at]);
}

export async function updateGroup(db: Queryable, accountId: string, g: PhoneGroup): Promise<void> {
  await db.run('UPDATE phone_groups SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(g.data), accountId, g.id]);
}

export async function deleteGroup(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_group_members WHERE account_id = ? AND group_id = ?', [accountId, id]);
  await db.run('DELETE FROM phone_groups WHERE account_id = ? AND id = ?', [accountId, id]);
}

interface MemberRow {
  member_id: string;
  member_type: string;
  level: string;
  receive_call: number | boolean;
  last_call_ms: number | string;
  added_at: string;
  seq: number | string;
}

const memberFromRow = (r: MemberRow): GroupMember => ({
  member_id: r.member_id,
  member_type: r.member_type as GroupMember['member_type'],
  level: r.level as GroupMember['level'],
  receive_call: Boolean(r.receive_call),
  last_call_ms: Number(r.last_call_ms),
  added_at: r.added_at,
  seq: Number(r.seq),
});

/** Members in the order they were added (the order a sequential queue rings them). */
export async function members(db: Queryable, accountId: string, groupId: string): Promise<GroupMember[]> {
  const rows = await db.all<MemberRow>(
    'SELECT member_id, member_type, level, receive_call, last_call_ms, added_at, seq FROM phone_group_members WHERE account_id = ? AND group_id = ? ORDER BY seq, member_id',
    [accountId, groupId],
  );
  return rows.map(memberFromRow);
}

export async function addMember(db: Queryable, accountId: string, groupId: string, m: Omit<GroupMember, 'seq' | 'last_call_ms'>): Promise<void> {
  const r = await db.get<{ n: number | string | null }>('SELECT MAX(seq) AS n FROM phone_group_members WHERE account_id = ? AND group_id = ?', [accountId, groupId]);
  await db.run(
    'INSERT INTO phone_group_members (account_id, group_id, member_id, member_type, level, receive_call, last_call_ms, added_at, seq) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
    [accountId, groupId, m.member_id, m.member_type, m.level, m.receive_call ? 1 : 0, m.added_at, Number(r?.n ?? 0) + 1],
  );
}

export async function removeMembers(db: Queryable, accountId: string, groupId: string, memberId?: string): Promise<number> {
  const r = memberId
    ? await db.run('DELETE FROM phone_group_members WHERE account_id = ? AND group_id = ? AND member_id = ?', [accountId, groupId, memberId])
    : await db.run('DELETE FROM phone_group_members WHERE account_id = ? AND group_id = ?', [accountId, groupId]);
  return r.changes;
}

export async function setLevel(db: Queryable, accountId: string, groupId: string, memberId: string, level: GroupMember['level']): Promise<void> {
  await db.run('UPDATE phone_group_members SET level = ? WHERE account_id = ? AND group_id = ? AND member_id = ?', [level, accountId, groupId, memberId]);
}

/** A member took a call that ended at `ms` (longest idle rings the one idle longest first). */
export async function noteCall(db: Queryable, accountId: string, memberId: string, ms: number): Promise<void> {
  await db.run('UPDATE phone_group_members SET last_call_ms = ? WHERE account_id = ? AND member_id = ?', [ms, accountId, memberId]);
}

/** The groups a member belongs to (a removed phone user leaves them). */
export async function removeMemberEverywhere(db: Queryable, accountId: string, memberId: string): Promise<void> {
  await db.run('DELETE FROM phone_group_members WHERE account_id = ? AND member_id = ?', [accountId, memberId]);
}

/** Members with their directory entries (name, extension id), in the order added; members no longer in the directory are left out. */
export async function memberEntries(db: Queryable, accountId: string, groupId: string): Promise<Array<GroupMember & { name: string; extension_id: string }>> {
  const rows = await db.all<MemberRow & { name: string; extension_id: string }>(
    `SELECT m.member_id, m.member_type, m.level, m.receive_call, m.last_call_ms, m.added_at, m.seq, x.name, x.extension_id
     FROM phone_group_members m JOIN phone_extensions x ON x.account_id = m.account_id AND x.owner_id = m.member_id
       AND x.owner_type = CASE WHEN m.member_type = 'user' THEN 'user' ELSE 'commonArea' END
     WHERE m.account_id = ? AND m.group_id = ? ORDER BY m.seq, m.member_id`,
    [accountId, groupId],
  );
  return rows.map((r) => ({ ...memberFromRow(r), name: r.name, extension_id: r.extension_id }));
}
