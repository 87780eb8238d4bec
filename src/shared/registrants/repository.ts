// The only SQL of registrants (of meetings and webinars). Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { OwnerKind, RegistrantRecord, RegistrantStatus } from './model.ts';

interface Row {
  id: string;
  owner_kind: string;
  owner_id: string;
  email: string;
  status: string;
  created_at: string;
  occurrence_ids: string;
  join_token: string;
  data: string;
}
const COLUMNS = 'id, owner_kind, owner_id, email, status, created_at, occurrence_ids, join_token, data';

const fromRow = (r: Row): RegistrantRecord => ({
  id: r.id,
  owner_kind: r.owner_kind as OwnerKind,
  owner_id: r.owner_id,
  email: r.email,
  status: r.status as RegistrantStatus,
  created_at: r.created_at,
  occurrence_ids: r.occurrence_ids === '' ? [] : r.occurrence_ids.slice(1, -1).split(','),
  join_token: r.join_token,
  data: JSON.parse(r.data) as RegistrantRecord['data'],
});

const occurrenceColumn = (ids: readonly string[]) => (ids.length === 0 ? '' : `,${ids.join(',')},`);

export async function getRegistrant(db: Queryable, accountId: string, kind: OwnerKind, ownerId: string, registrantId: string): Promise<RegistrantRecord | undefined> {
  const r = await db.get<Row>(`SELECT ${COLUMNS} FROM registrants WHERE account_id = ? AND id = ? AND owner_kind = ? AND owner_id = ?`, [
    accountId,
    registrantId,
    kind,
    ownerId,
  ]);
  return r && fromRow(r);
}

export async function getRegistrantByEmail(db: Queryable, accountId: string, kind: OwnerKind, ownerId: string, email: string): Promise<RegistrantRecord | undefined> {
  const r = await db.get<Row>(`SELECT ${COLUMNS} FROM registrants WHERE account_id = ? AND owner_kind = ? AND owner_id = ? AND email = ?`, [
    accountId,
    kind,
    ownerId,
    email.toLowerCase(),
  ]);
  return r && fromRow(r);
}

/** A registrant by the `tk` of its join link (for joining: any account). */
export async function getRegistrantByToken(db: Queryable, token: string): Promise<(RegistrantRecord & { account_id: string }) | undefined> {
  const r = await db.get<Row & { account_id: string }>(`SELECT account_id, ${COLUMNS} FROM registrants WHERE join_token = ?`, [token]);
  return r && { ...fromRow(r), account_id: r.account_id };
}

export async function insertRegistrant(db: Queryable, accountId: string, r: RegistrantRecord): Promise<void> {
  await db.run(
    `INSERT INTO registrants (account_id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [accountId, r.id, r.owner_kind, r.owner_id, r.email.toLowerCase(), r.status, r.created_at, occurrenceColumn(r.occurrence_ids), r.join_token, JSON.stringify(r.data)],
  );
}

export async function updateRegistrant(db: Queryable, accountId: string, r: RegistrantRecord): Promise<void> {
  await db.run('UPDATE registrants SET status = ?, occurrence_ids = ?, data = ? WHERE account_id = ? AND id = ?', [
    r.status,
    occurrenceColumn(r.occurrence_ids),
    JSON.stringify(r.data),
    accountId,
    r.id,
  ]);
}

export async function deleteRegistrant(db: Queryable, accountId: string, registrantId: string): Promise<void> {
  await db.run('DELETE FROM registrants WHERE account_id = ? AND id = ?', [accountId, registrantId]);
}

export async function deleteRegistrantsOf(db: Queryable, accountId: string, kind: OwnerKind, ownerId: string): Promise<void> {
  await db.run('DELETE FROM registrants WHERE account_id = ? AND owner_kind = ? AND owner_id = ?', [accountId, kind, ownerId]);
}

export interface RegistrantFilter {
  status?: RegistrantStatus;
  /** Only registrants of this occurrence (those registered for all occurrences included). */
  occurrenceId?: string;
  /** Only registrants who never joined this live instance (a past webinar's absentees). */
  absentFrom?: string;
  /** Only registrants who came through this tracking source (a webinar's registration link). */
  trackingSourceId?: string;
}

function where(kind: OwnerKind, ownerId: string, f: RegistrantFilter): { sql: string; params: string[] } {
  let sql = 'account_id = ? AND owner_kind = ? AND owner_id = ?';
  const params = [kind, ownerId];
  if (f.status !== undefined) (sql += ' AND status = ?'), params.push(f.status);
  if (f.occurrenceId !== undefined) (sql += " AND (occurrence_ids = '' OR occurrence_ids LIKE ?)"), params.push(`%,${f.occurrenceId},%`);
  if (f.absentFrom !== undefined) {
    (sql += ' AND id NOT IN (SELECT registrant_id FROM live_participants WHERE account_id = registrants.account_id AND instance_uuid = ?)'), params.push(f.absentFrom);
  }
  if (f.trackingSourceId !== undefined) {
    // The id sits in the stored document; LIKE's wildcards in it are escaped.
    (sql += " AND data LIKE ? ESCAPE '!'"), params.push(`%"tracking_source":{"id":${JSON.stringify(f.trackingSourceId).replace(/[!%_]/g, (c) => `!${c}`)},%`);
  }
  return { sql, params };
}

export async function countRegistrants(db: Queryable, accountId: string, kind: OwnerKind, ownerId: string, f: RegistrantFilter = {}): Promise<number> {
  const w = where(kind, ownerId, f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM registrants WHERE ${w.sql}`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

/** A page of registrants in the order they registered. */
export async function listRegistrants(
  db: Queryable,
  accountId: string,
  kind: OwnerKind,
  ownerId: string,
  f: RegistrantFilter,
  pw: PageWindow,
): Promise<{ registrants: RegistrantRecord[]; last?: Cursor }> {
  const w = where(kind, ownerId, f);
  const page = pageSql(pw, 'created_at', 'id');
  const rows = await db.all<Row>(`SELECT ${COLUMNS} FROM registrants WHERE ${w.sql} ${page.sql}`, [accountId, ...w.params, ...page.params]);
  const last = rows.at(-1);
  return { registrants: rows.map(fromRow), ...(last ? { last: [last.created_at, last.id] } : {}) };
}
