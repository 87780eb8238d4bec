// The only SQL of Zoom Phone's shared model. Every function takes the account
// id first and every statement filters on it. Phone categories build on these:
// sites, the extension directory, numbers and their assignees, phone users
// and the calling plans they hold.
import { zoomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';
import { pageSql, type PageWindow } from '../storage/paging.ts';
import type { Cursor } from '../core/pagination.ts';
import { PhoneErrors } from './errors.ts';
import { siteRange, type Assignee, type AssigneeType, type Extension, type ExtensionType, type PhoneNumber, type PhoneUser, type Site } from './model.ts';

// ---- Sites ----

interface SiteRow {
  id: string;
  name: string;
  main: number | boolean;
  data: string;
  created_at: string;
}
const siteFrom = (r: SiteRow): Site => ({ ...(JSON.parse(r.data) as Site), id: r.id, name: r.name, main: Boolean(Number(r.main)) });

export async function insertSite(db: Queryable, accountId: string, site: Site, now: string): Promise<void> {
  await db.run('INSERT INTO phone_sites (account_id, id, name, main, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    site.id,
    site.name,
    site.main ? 1 : 0,
    JSON.stringify(site),
    now,
  ]);
}

export async function updateSite(db: Queryable, accountId: string, site: Site): Promise<void> {
  await db.run('UPDATE phone_sites SET name = ?, main = ?, data = ? WHERE account_id = ? AND id = ?', [site.name, site.main ? 1 : 0, JSON.stringify(site), accountId, site.id]);
}

export async function getSite(db: Queryable, accountId: string, id: string): Promise<Site | undefined> {
  const r = await db.get<SiteRow>('SELECT id, name, main, data, created_at FROM phone_sites WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && siteFrom(r);
}

export async function getSiteByName(db: Queryable, accountId: string, name: string): Promise<Site | undefined> {
  const r = await db.get<SiteRow>('SELECT id, name, main, data, created_at FROM phone_sites WHERE account_id = ? AND name = ?', [accountId, name]);
  return r && siteFrom(r);
}

/** The account's main site: there is one once Zoom Phone is set up, none before. */
export async function mainSite(db: Queryable, accountId: string): Promise<Site | undefined> {
  const r = await db.get<SiteRow>('SELECT id, name, main, data, created_at FROM phone_sites WHERE account_id = ? AND main = 1', [accountId]);
  return r && siteFrom(r);
}

export async function allSites(db: Queryable, accountId: string): Promise<Site[]> {
  const rows = await db.all<SiteRow>('SELECT id, name, main, data, created_at FROM phone_sites WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map(siteFrom);
}

/** Sites whose name holds `name` (any case), when given. */
const byName = (name: string | undefined) => (name !== undefined ? { sql: " AND LOWER(name) LIKE ? ESCAPE '\\'", params: [`%${name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`] } : { sql: '', params: [] });

export async function countSites(db: Queryable, accountId: string, name?: string): Promise<number> {
  const f = byName(name);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM phone_sites WHERE account_id = ?${f.sql}`, [accountId, ...f.params]);
  return Number(r?.n ?? 0);
}

export async function listSites(db: Queryable, accountId: string, page: PageWindow, name?: string): Promise<{ sites: Site[]; last?: Cursor }> {
  const tail = pageSql(page, 'created_at', 'id');
  const f = byName(name);
  const rows = await db.all<SiteRow>(`SELECT id, name, main, data, created_at FROM phone_sites WHERE account_id = ?${f.sql} ${tail.sql}`, [accountId, ...f.params, ...tail.params]);
  const l = rows.at(-1);
  return { sites: rows.map(siteFrom), ...(l ? { last: [l.created_at, l.id] } : {}) };
}

export async function deleteSite(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_sites WHERE account_id = ? AND id = ?', [accountId, id]);
}

/** Moves everything of a site (extensions and their owners, numbers) to another site. */
export async function moveSiteMembers(db: Queryable, accountId: string, from: string, to: string): Promise<void> {
  await db.run('UPDATE phone_extensions SET site_id = ? WHERE account_id = ? AND site_id = ?', [to, accountId, from]);
  await db.run('UPDATE phone_numbers SET site_id = ? WHERE account_id = ? AND site_id = ?', [to, accountId, from]);
}

/** How many extensions of each type a site holds. */
export async function siteMembers(db: Queryable, accountId: string, siteId: string): Promise<Map<ExtensionType, number>> {
  const rows = await db.all<{ owner_type: ExtensionType; n: number }>(
    'SELECT owner_type, COUNT(*) AS n FROM phone_extensions WHERE account_id = ? AND site_id = ? GROUP BY owner_type',
    [accountId, siteId],
  );
  return new Map(rows.map((r) => [r.owner_type, Number(r.n)]));
}

// ---- The extension directory ----

interface ExtensionRow {
  extension_number: number | string;
  extension_id: string;
  owner_type: ExtensionType;
  owner_id: string;
  name: string;
  site_id: string;
}
const extensionFrom = (r: ExtensionRow): Extension => ({ ...r, extension_number: Number(r.extension_number) });
const EXT = 'SELECT extension_number, extension_id, owner_type, owner_id, name, site_id FROM phone_extensions WHERE account_id = ?';

export async function getExtensionOf(db: Queryable, accountId: string, type: ExtensionType, ownerId: string): Promise<Extension | undefined> {
  const r = await db.get<ExtensionRow>(`${EXT} AND owner_type = ? AND owner_id = ?`, [accountId, type, ownerId]);
  return r && extensionFrom(r);
}

export async function getExtensionByNumber(db: Queryable, accountId: string, n: number): Promise<Extension | undefined> {
  const r = await db.get<ExtensionRow>(`${EXT} AND extension_number = ?`, [accountId, n]);
  return r && extensionFrom(r);
}

export async function getExtensionById(db: Queryable, accountId: string, extensionId: string): Promise<Extension | undefined> {
  const r = await db.get<ExtensionRow>(`${EXT} AND extension_id = ?`, [accountId, extensionId]);
  return r && extensionFrom(r);
}

/** The lowest free extension number of the site's range (the range is the site code's). */
export async function allocateExtension(db: Queryable, accountId: string, site: Site): Promise<number> {
  const { from, to } = siteRange(site);
  const taken = await db.all<{ n: number | string }>(
    'SELECT extension_number AS n FROM phone_extensions WHERE account_id = ? AND extension_number BETWEEN ? AND ? ORDER BY extension_number',
    [accountId, from, to],
  );
  let next = from;
  for (const t of taken) {
    if (Number(t.n) !== next) break;
    next++;
  }
  if (next > to) throw PhoneErrors.extensionOutOfRange(next);
  return next;
}

/**
 * Gives an owner its extension in a site: `extension_number` when given
 * (Zoom's 400 when another owner holds it), else the site's next free one.
 * Two writers taking one number at once: the primary key refuses the second
 * and storage answers its declared error.
 */
export async function claimExtension(
  db: Queryable,
  accountId: string,
  owner: { type: ExtensionType; id: string; name: string; site: Site; extension_number?: number | undefined },
  now: string,
): Promise<Extension> {
  if (owner.extension_number !== undefined && (await getExtensionByNumber(db, accountId, owner.extension_number))) throw PhoneErrors.extensionTaken(owner.extension_number);
  const ext: Extension = {
    extension_number: owner.extension_number ?? (await allocateExtension(db, accountId, owner.site)),
    extension_id: zoomId(),
    owner_type: owner.type,
    owner_id: owner.id,
    name: owner.name,
    site_id: owner.site.id,
  };
  await db.run(
    'INSERT INTO phone_extensions (account_id, extension_number, extension_id, owner_type, owner_id, name, site_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, ext.extension_number, ext.extension_id, ext.owner_type, ext.owner_id, ext.name, ext.site_id, now],
  );
  return ext;
}

/** Changes an owner's extension number, name or site (a new number must be free). */
export async function updateExtension(
  db: Queryable,
  accountId: string,
  type: ExtensionType,
  ownerId: string,
  change: { extension_number?: number | undefined; name?: string | undefined; site_id?: string | undefined },
): Promise<void> {
  const cur = await getExtensionOf(db, accountId, type, ownerId);
  if (!cur) return;
  if (change.extension_number !== undefined && change.extension_number !== cur.extension_number) {
    if (await getExtensionByNumber(db, accountId, change.extension_number)) throw PhoneErrors.extensionTaken(change.extension_number);
  }
  await db.run('UPDATE phone_extensions SET extension_number = ?, name = ?, site_id = ? WHERE account_id = ? AND owner_type = ? AND owner_id = ?', [
    change.extension_number ?? cur.extension_number,
    change.name ?? cur.name,
    change.site_id ?? cur.site_id,
    accountId,
    type,
    ownerId,
  ]);
  // A number follows its assignee to another site.
  if (change.site_id !== undefined && change.site_id !== cur.site_id) {
    await db.run('UPDATE phone_numbers SET site_id = ? WHERE account_id = ? AND assignee_type = ? AND assignee_id = ?', [change.site_id, accountId, type, ownerId]);
  }
}

/** Removes an owner's extension and gives back its numbers (they stay in the account, unassigned). */
export async function releaseExtension(db: Queryable, accountId: string, type: ExtensionType, ownerId: string): Promise<void> {
  await unassignAllNumbers(db, accountId, type, ownerId);
  await db.run('DELETE FROM phone_extensions WHERE account_id = ? AND owner_type = ? AND owner_id = ?', [accountId, type, ownerId]);
}

// ---- Numbers ----

interface NumberRow {
  id: string;
  number: string;
  number_type: PhoneNumber['number_type'];
  source: PhoneNumber['source'];
  status: PhoneNumber['status'];
  site_id: string | null;
  assignee_type: AssigneeType | null;
  assignee_id: string | null;
  data: string;
  created_at: string;
}
type Stored = Omit<PhoneNumber, 'id' | 'number' | 'number_type' | 'source' | 'status' | 'site_id' | 'assignee'>;
const numberFrom = (r: NumberRow): PhoneNumber => ({
  ...(JSON.parse(r.data) as Stored),
  id: r.id,
  number: r.number,
  number_type: r.number_type,
  source: r.source,
  status: r.status,
  site_id: r.site_id,
  assignee: r.assignee_type && r.assignee_id ? { type: r.assignee_type, id: r.assignee_id } : null,
});
const storedOf = (n: PhoneNumber): Stored => {
  const { id: _i, number: _n, number_type: _t, source: _s, status: _st, site_id: _si, assignee: _a, ...rest } = n;
  return rest;
};
const NUM = 'SELECT id, number, number_type, source, status, site_id, assignee_type, assignee_id, data, created_at FROM phone_numbers';

export async function insertNumber(db: Queryable, accountId: string, n: PhoneNumber, now: string): Promise<void> {
  await db.run(
    'INSERT INTO phone_numbers (account_id, id, number, number_type, source, status, site_id, assignee_type, assignee_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, n.id, n.number, n.number_type, n.source, n.status, n.site_id, n.assignee?.type ?? null, n.assignee?.id ?? null, JSON.stringify(storedOf(n)), now],
  );
}

export async function updateNumber(db: Queryable, accountId: string, n: PhoneNumber): Promise<void> {
  await db.run('UPDATE phone_numbers SET status = ?, site_id = ?, assignee_type = ?, assignee_id = ?, data = ? WHERE account_id = ? AND id = ?', [
    n.status,
    n.site_id,
    n.assignee?.type ?? null,
    n.assignee?.id ?? null,
    JSON.stringify(storedOf(n)),
    accountId,
    n.id,
  ]);
}

export async function getNumber(db: Queryable, accountId: string, id: string): Promise<PhoneNumber | undefined> {
  const r = await db.get<NumberRow>(`${NUM} WHERE account_id = ? AND id = ?`, [accountId, id]);
  return r && numberFrom(r);
}

export async function getNumberByValue(db: Queryable, accountId: string, number: string): Promise<PhoneNumber | undefined> {
  const r = await db.get<NumberRow>(`${NUM} WHERE account_id = ? AND number = ?`, [accountId, number]);
  return r && numberFrom(r);
}

/** A number by its id or by the number itself (E.164, with or without `+`). */
export async function findNumber(db: Queryable, accountId: string, idOrNumber: string): Promise<PhoneNumber | undefined> {
  const byId = await getNumber(db, accountId, idOrNumber);
  if (byId) return byId;
  const digits = idOrNumber.replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(digits)) return undefined;
  return getNumberByValue(db, accountId, digits.startsWith('+') ? digits : `+${digits}`);
}

/** The numbers an assignee holds, oldest first. */
export async function numbersOf(db: Queryable, accountId: string, type: AssigneeType, id: string): Promise<PhoneNumber[]> {
  const rows = await db.all<NumberRow>(`${NUM} WHERE account_id = ? AND assignee_type = ? AND assignee_id = ? ORDER BY created_at, id`, [accountId, type, id]);
  return rows.map(numberFrom);
}

/** The account's main company number, if one is set. */
export async function mainCompanyNumber(db: Queryable, accountId: string): Promise<PhoneNumber | undefined> {
  const r = await db.get<NumberRow>(`${NUM} WHERE account_id = ? AND data LIKE ?`, [accountId, '%"main_company_number":true%']);
  return r && numberFrom(r);
}

/**
 * Gives numbers (by id or number) to an assignee. Each must be a number of
 * the account (Zoom's 400 naming it otherwise) held by nobody else (a number
 * belongs to at most one assignee); one it already holds stays as it is. The
 * numbers move to the assignee's site. Nothing is written unless all pass.
 */
export async function assignNumbers(
  db: Queryable,
  accountId: string,
  assignee: { type: AssigneeType; id: string; site_id: string | null },
  refs: ReadonlyArray<string>,
): Promise<PhoneNumber[]> {
  const found: PhoneNumber[] = [];
  for (const ref of refs) {
    const n = await findNumber(db, accountId, ref);
    if (!n) throw PhoneErrors.numberNotFound(ref);
    if (n.assignee && (n.assignee.type !== assignee.type || n.assignee.id !== assignee.id)) throw PhoneErrors.numberTaken(n.number);
    if (!found.some((f) => f.id === n.id)) found.push(n);
  }
  for (const n of found) {
    n.assignee = { type: assignee.type, id: assignee.id };
    n.site_id = assignee.site_id ?? n.site_id;
    await updateNumber(db, accountId, n);
  }
  return found;
}

/** Takes one number (by id or number) from an assignee; undefined when the assignee does not hold it. */
export async function unassignNumber(db: Queryable, accountId: string, assignee: { type: AssigneeType; id: string }, ref: string): Promise<PhoneNumber | undefined> {
  const n = await findNumber(db, accountId, ref);
  if (!n || n.assignee?.type !== assignee.type || n.assignee.id !== assignee.id) return undefined;
  n.assignee = null;
  await updateNumber(db, accountId, n);
  return n;
}

/** Takes every number from an assignee; answers those taken. */
export async function unassignAllNumbers(db: Queryable, accountId: string, type: AssigneeType, id: string): Promise<PhoneNumber[]> {
  const held = await numbersOf(db, accountId, type, id);
  await db.run('UPDATE phone_numbers SET assignee_type = NULL, assignee_id = NULL WHERE account_id = ? AND assignee_type = ? AND assignee_id = ?', [accountId, type, id]);
  return held.map((n) => ({ ...n, assignee: null }));
}

export async function deleteNumber(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_numbers WHERE account_id = ? AND id = ?', [accountId, id]);
}

/** The assignee of a number as Zoom shows it (name and extension from the directory). */
export async function assigneeOf(db: Queryable, accountId: string, a: { type: AssigneeType; id: string }): Promise<Assignee | undefined> {
  const ext = await getExtensionOf(db, accountId, a.type, a.id);
  return ext && { type: a.type, id: a.id, name: ext.name, extension_number: ext.extension_number };
}

export interface NumberFilter {
  /** assigned, unassigned, byoc or all (Zoom's `type` query). */
  type?: 'assigned' | 'unassigned' | 'byoc' | 'all' | undefined;
  extension_type?: string | undefined;
  number_type?: 'toll' | 'tollfree' | undefined;
  site_id?: string | undefined;
  pending?: boolean | undefined;
  /** A part of the number. */
  number?: string | undefined;
}

function numberWhere(f: NumberFilter): { sql: string; params: string[] } {
  let sql = ' WHERE n.account_id = ?';
  const params: string[] = [];
  if (f.type === 'assigned') sql += ' AND n.assignee_id IS NOT NULL';
  if (f.type === 'unassigned') sql += ' AND n.assignee_id IS NULL';
  if (f.type === 'byoc') sql += " AND n.source = 'external'";
  if (f.extension_type !== undefined) (sql += ' AND n.assignee_type = ?'), params.push(f.extension_type);
  if (f.number_type !== undefined) (sql += ' AND n.number_type = ?'), params.push(f.number_type);
  if (f.site_id !== undefined) (sql += ' AND n.site_id = ?'), params.push(f.site_id);
  if (f.pending !== undefined) (sql += ' AND n.status = ?'), params.push(f.pending ? 'pending' : 'available');
  if (f.number !== undefined) (sql += " AND n.number LIKE ? ESCAPE '\\'"), params.push(`%${f.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { sql, params };
}

export async function countNumbers(db: Queryable, accountId: string, f: NumberFilter): Promise<number> {
  const w = numberWhere(f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM phone_numbers n${w.sql}`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

/** A page of numbers with their assignee's directory entry and site name (one query). */
export async function listNumbers(
  db: Queryable,
  accountId: string,
  f: NumberFilter,
  page: PageWindow,
): Promise<{ numbers: Array<{ number: PhoneNumber; assignee?: Assignee; site_name?: string }>; last?: Cursor }> {
  const w = numberWhere(f);
  const tail = pageSql(page, 'n.created_at', 'n.id');
  const rows = await db.all<NumberRow & { x_name: string | null; x_number: number | string | null; s_name: string | null }>(
    `SELECT n.id, n.number, n.number_type, n.source, n.status, n.site_id, n.assignee_type, n.assignee_id, n.data, n.created_at,
            x.name AS x_name, x.extension_number AS x_number, s.name AS s_name
     FROM phone_numbers n
     LEFT JOIN phone_extensions x ON x.account_id = n.account_id AND x.owner_type = n.assignee_type AND x.owner_id = n.assignee_id
     LEFT JOIN phone_sites s ON s.account_id = n.account_id AND s.id = n.site_id${w.sql} ${tail.sql}`,
    [accountId, ...w.params, ...tail.params],
  );
  const l = rows.at(-1);
  return {
    numbers: rows.map((r) => {
      const number = numberFrom(r);
      return {
        number,
        ...(number.assignee && r.x_name !== null ? { assignee: { ...number.assignee, name: r.x_name, extension_number: Number(r.x_number) } } : {}),
        ...(r.s_name !== null ? { site_name: r.s_name } : {}),
      };
    }),
    ...(l ? { last: [l.created_at, l.id] } : {}),
  };
}

// ---- Phone users ----

interface PhoneUserRow {
  user_id: string;
  status: PhoneUser['status'];
  data: string;
  extension_number: number | string;
  extension_id: string;
  site_id: string;
}
type UserStored = Omit<PhoneUser, 'user_id' | 'status' | 'extension_id' | 'extension_number' | 'site_id' | 'calling_plans'>;
const PU = `SELECT p.user_id, p.status, p.data, x.extension_number, x.extension_id, x.site_id
  FROM phone_users p JOIN phone_extensions x ON x.account_id = p.account_id AND x.owner_type = 'user' AND x.owner_id = p.user_id
  JOIN users u ON u.account_id = p.account_id AND u.id = p.user_id`;

const rowUser = (r: PhoneUserRow, plans: number[]): PhoneUser => ({
  ...(JSON.parse(r.data) as UserStored),
  user_id: r.user_id,
  status: r.status,
  extension_id: r.extension_id,
  extension_number: Number(r.extension_number),
  site_id: r.site_id,
  calling_plans: plans,
});

async function userFrom(db: Queryable, accountId: string, r: PhoneUserRow): Promise<PhoneUser> {
  return rowUser(r, await plansOfUser(db, accountId, r.user_id));
}
const userStored = (u: PhoneUser): UserStored => {
  const { user_id: _u, status: _s, extension_id: _e, extension_number: _n, site_id: _si, calling_plans: _c, ...rest } = u;
  return rest;
};

/** A phone user by user id (a user of the account holding the phone licence). */
export async function getPhoneUser(db: Queryable, accountId: string, userId: string): Promise<PhoneUser | undefined> {
  const r = await db.get<PhoneUserRow>(`${PU} WHERE p.account_id = ? AND p.user_id = ?`, [accountId, userId]);
  return r && userFrom(db, accountId, r);
}

/** A phone user by the user's email address. */
export async function getPhoneUserByEmail(db: Queryable, accountId: string, email: string): Promise<PhoneUser | undefined> {
  const r = await db.get<PhoneUserRow>(`${PU} WHERE p.account_id = ? AND u.email = ?`, [accountId, email.toLowerCase()]);
  return r && userFrom(db, accountId, r);
}

/** A phone user by extension number. */
export async function getPhoneUserByExtension(db: Queryable, accountId: string, extension: number): Promise<PhoneUser | undefined> {
  const r = await db.get<PhoneUserRow>(`${PU} WHERE p.account_id = ? AND x.extension_number = ?`, [accountId, extension]);
  return r && userFrom(db, accountId, r);
}

/** A phone user by user id, email, extension id or extension number: how Zoom's phone paths name a user. */
export async function findPhoneUser(db: Queryable, accountId: string, ref: string): Promise<PhoneUser | undefined> {
  if (ref.includes('@')) return getPhoneUserByEmail(db, accountId, ref);
  const byId = await getPhoneUser(db, accountId, ref);
  if (byId) return byId;
  if (/^\d{2,7}$/.test(ref)) return getPhoneUserByExtension(db, accountId, Number(ref));
  const ext = await getExtensionById(db, accountId, ref);
  return ext?.owner_type === 'user' ? getPhoneUser(db, accountId, ext.owner_id) : undefined;
}

/** Makes a user a phone user: its row and its extension in `site`. */
export async function insertPhoneUser(db: Queryable, accountId: string, u: Omit<PhoneUser, 'extension_id' | 'extension_number'> & { extension_number?: number; name: string; site: Site }, now: string): Promise<PhoneUser> {
  const ext = await claimExtension(db, accountId, { type: 'user', id: u.user_id, name: u.name, site: u.site, extension_number: u.extension_number }, now);
  const user: PhoneUser = { ...u, extension_id: ext.extension_id, extension_number: ext.extension_number, site_id: ext.site_id };
  await db.run('INSERT INTO phone_users (account_id, user_id, status, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, u.user_id, u.status, JSON.stringify(userStored(user)), now]);
  for (const t of u.calling_plans) await addUserPlan(db, accountId, u.user_id, t);
  return user;
}

/** Writes a phone user's status and data (policy, settings …); extension and site go through updateExtension, plans through add/removeUserPlan. */
export async function updatePhoneUser(db: Queryable, accountId: string, u: PhoneUser): Promise<void> {
  await db.run('UPDATE phone_users SET status = ?, data = ? WHERE account_id = ? AND user_id = ?', [u.status, JSON.stringify(userStored(u)), accountId, u.user_id]);
}

/** Takes the phone licence away: the phone user, its extension and plans go; its numbers return to the account. */
export async function deletePhoneUser(db: Queryable, accountId: string, userId: string): Promise<void> {
  await releaseExtension(db, accountId, 'user', userId);
  await db.run('DELETE FROM phone_user_plans WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  await db.run('DELETE FROM phone_users WHERE account_id = ? AND user_id = ?', [accountId, userId]);
}

export interface PhoneUserFilter {
  site_id?: string | undefined;
  calling_type?: number | undefined;
  status?: PhoneUser['status'] | undefined;
  department?: string | undefined;
  cost_center?: string | undefined;
  /** Part of the name, email or extension number. */
  keyword?: string | undefined;
}

function userWhere(f: PhoneUserFilter): { sql: string; params: (string | number)[] } {
  let sql = ' WHERE p.account_id = ?';
  const params: (string | number)[] = [];
  if (f.site_id !== undefined) (sql += ' AND x.site_id = ?'), params.push(f.site_id);
  if (f.status !== undefined) (sql += ' AND p.status = ?'), params.push(f.status);
  if (f.calling_type !== undefined) (sql += ' AND EXISTS (SELECT 1 FROM phone_user_plans c WHERE c.account_id = p.account_id AND c.user_id = p.user_id AND c.type = ?)'), params.push(f.calling_type);
  if (f.department !== undefined) (sql += ' AND p.data LIKE ?'), params.push(`%"department":${JSON.stringify(f.department)}%`);
  if (f.cost_center !== undefined) (sql += ' AND p.data LIKE ?'), params.push(`%"cost_center":${JSON.stringify(f.cost_center)}%`);
  if (f.keyword !== undefined) {
    const like = `%${f.keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    sql += " AND (LOWER(x.name) LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\' OR CAST(x.extension_number AS TEXT) LIKE ? ESCAPE '\\')";
    params.push(like, like, like);
  }
  return { sql, params };
}

export async function countPhoneUsers(db: Queryable, accountId: string, f: PhoneUserFilter): Promise<number> {
  const w = userWhere(f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${PU}${w.sql}) t`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

/** A page of phone users with their name and email (from the directory and users). */
export async function listPhoneUsers(
  db: Queryable,
  accountId: string,
  f: PhoneUserFilter,
  page: PageWindow,
): Promise<{ users: Array<PhoneUser & { name: string; email: string }>; last?: Cursor }> {
  const w = userWhere(f);
  const tail = pageSql(page, 'p.created_at', 'p.user_id');
  const rows = await db.all<PhoneUserRow & { name: string; email: string; created_at: string }>(
    `${PU.replace('SELECT p.user_id,', 'SELECT p.user_id, p.created_at, x.name, u.email,')}${w.sql} ${tail.sql}`,
    [accountId, ...w.params, ...tail.params],
  );
  // The page's calling plans in one query, not one per user.
  const plans = new Map<string, number[]>();
  if (rows.length > 0) {
    const held = await db.all<{ user_id: string; type: number | string }>(
      `SELECT user_id, type FROM phone_user_plans WHERE account_id = ? AND user_id IN (${rows.map(() => '?').join(', ')}) ORDER BY type`,
      [accountId, ...rows.map((r) => r.user_id)],
    );
    for (const h of held) plans.set(h.user_id, [...(plans.get(h.user_id) ?? []), Number(h.type)]);
  }
  const users = rows.map((r) => ({ ...rowUser(r, plans.get(r.user_id) ?? []), name: r.name, email: r.email }));
  const l = rows.at(-1);
  return { users, ...(l ? { last: [l.created_at, l.user_id] } : {}) };
}

/** The numbers each of these assignees holds, in one query. */
export async function numbersOfMany(db: Queryable, accountId: string, type: AssigneeType, ids: readonly string[]): Promise<Map<string, PhoneNumber[]>> {
  const out = new Map<string, PhoneNumber[]>();
  if (ids.length === 0) return out;
  const rows = await db.all<NumberRow>(`${NUM} WHERE account_id = ? AND assignee_type = ? AND assignee_id IN (${ids.map(() => '?').join(', ')}) ORDER BY created_at, id`, [accountId, type, ...ids]);
  for (const r of rows) out.set(r.assignee_id!, [...(out.get(r.assignee_id!) ?? []), numberFrom(r)]);
  return out;
}

// ---- Calling plans held ----

export async function plansOfUser(db: Queryable, accountId: string, userId: string): Promise<number[]> {
  const rows = await db.all<{ type: number | string }>('SELECT type FROM phone_user_plans WHERE account_id = ? AND user_id = ? ORDER BY type', [accountId, userId]);
  return rows.map((r) => Number(r.type));
}

export async function addUserPlan(db: Queryable, accountId: string, userId: string, type: number): Promise<void> {
  await db.run('INSERT INTO phone_user_plans (account_id, user_id, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [accountId, userId, type]);
}

export async function removeUserPlan(db: Queryable, accountId: string, userId: string, type: number): Promise<boolean> {
  return (await db.run('DELETE FROM phone_user_plans WHERE account_id = ? AND user_id = ? AND type = ?', [accountId, userId, type])).changes > 0;
}

/** Licences of each calling plan type in use (held by phone users whose user still exists). */
export async function plansAssigned(db: Queryable, accountId: string): Promise<Map<number, number>> {
  const rows = await db.all<{ type: number | string; n: number | string }>(
    'SELECT c.type, COUNT(*) AS n FROM phone_user_plans c JOIN users u ON u.account_id = c.account_id AND u.id = c.user_id WHERE c.account_id = ? GROUP BY c.type',
    [accountId],
  );
  return new Map(rows.map((r) => [Number(r.type), Number(r.n)]));
}
