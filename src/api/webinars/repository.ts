// The only SQL of webinars, their panelists and templates. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import { templateStore } from '../../shared/templates/repository.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { MeetingStatus } from '../meetings/model.ts';
import { keepStarts, listColumns, type WebinarData, type WebinarRecord, type WebinarType } from './model.ts';

type Row = Omit<WebinarRecord, 'data' | 'type'> & { type: number; data: string };
const COLUMNS = 'account_id, id, host_id, type, status, uuid, created_at, deleted_at, data';
const fromRow = (r: Row): WebinarRecord => ({ ...r, type: Number(r.type) as WebinarType, status: r.status as MeetingStatus, data: JSON.parse(r.data) as WebinarData });

/** A webinar of the account by its number; deleted ones only when asked. */
export async function getWebinar(db: Queryable, accountId: string, id: string, withDeleted = false): Promise<WebinarRecord | undefined> {
  const r = await db.get<Row>(`SELECT ${COLUMNS} FROM webinars WHERE account_id = ? AND id = ?`, [accountId, id]);
  return r && (r.deleted_at === null || withDeleted) ? fromRow(r) : undefined;
}

/** A webinar of any account by its number (the control plane knows no account). */
export async function getWebinarByNumber(db: Queryable, id: string): Promise<WebinarRecord | undefined> {
  const r = await db.get<Row>(`SELECT ${COLUMNS} FROM webinars WHERE id = ?`, [id]);
  return r && r.deleted_at === null ? fromRow(r) : undefined;
}

/** Inserts or writes back every column; the list entry and key are recomputed from the record. */
export async function saveWebinar(db: Queryable, accountId: string, w: WebinarRecord, insert = false): Promise<void> {
  keepStarts(w);
  const l = listColumns(w);
  const values = [w.host_id, w.type, w.status, w.uuid, w.deleted_at, l.listed, l.start, l.end, JSON.stringify(w.data), l.item];
  if (insert) {
    await db.run(
      `INSERT INTO webinars (host_id, type, status, uuid, deleted_at, listed, list_start, list_end, data, list_item, account_id, id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...values, accountId, w.id, w.created_at],
    );
  } else {
    await db.run(
      `UPDATE webinars SET host_id = ?, type = ?, status = ?, uuid = ?, deleted_at = ?, listed = ?, list_start = ?, list_end = ?, data = ?, list_item = ?
       WHERE account_id = ? AND id = ?`,
      [...values, accountId, w.id],
    );
  }
}

/** The live side's write: 'started' with the instance's uuid, or 'waiting'. */
export async function setWebinarLiveState(db: Queryable, accountId: string, id: string, status: MeetingStatus, uuid: string): Promise<void> {
  await db.run('UPDATE webinars SET status = ?, uuid = ? WHERE account_id = ? AND id = ?', [status, uuid, accountId, id]);
}

export interface WebinarListFilter {
  hostId: string;
  endsAfter?: string;
}

function where(f: WebinarListFilter): { sql: string; params: string[] } {
  let sql = 'account_id = ? AND host_id = ? AND listed = 1';
  const params = [f.hostId];
  if (f.endsAfter !== undefined) (sql += ' AND list_end > ?'), params.push(f.endsAfter);
  return { sql, params };
}

export async function countWebinars(db: Queryable, accountId: string, f: WebinarListFilter): Promise<number> {
  const w = where(f);
  return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM webinars WHERE ${w.sql}`, [accountId, ...w.params]))?.n ?? 0);
}

/** A page of the host's webinars as stored list entries, by (first start, id). */
export async function listWebinarEntries(db: Queryable, accountId: string, f: WebinarListFilter, pw: PageWindow): Promise<{ items: string[]; last?: Cursor }> {
  const w = where(f);
  const page = pageSql(pw, 'list_start', 'id');
  const rows = await db.all<{ id: string; list_start: string; list_item: string }>(`SELECT id, list_start, list_item FROM webinars WHERE ${w.sql} ${page.sql}`, [
    accountId,
    ...w.params,
    ...page.params,
  ]);
  const last = rows.at(-1);
  return { items: rows.map((r) => r.list_item), ...(last ? { last: [last.list_start, last.id] } : {}) };
}

// ---- Panelists ----

export interface PanelistRecord {
  id: string;
  webinar_id: string;
  email: string;
  created_at: string;
  data: { name: string; join_token: string; virtual_background_id?: string; name_tag_id?: string; name_tag_name?: string; name_tag_pronouns?: string; name_tag_description?: string };
}

export async function listPanelists(db: Queryable, accountId: string, webinarId: string): Promise<PanelistRecord[]> {
  const rows = await db.all<Omit<PanelistRecord, 'data'> & { data: string }>(
    'SELECT id, webinar_id, email, created_at, data FROM webinar_panelists WHERE account_id = ? AND webinar_id = ? ORDER BY created_at, id',
    [accountId, webinarId],
  );
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as PanelistRecord['data'] }));
}

export async function insertPanelist(db: Queryable, accountId: string, p: PanelistRecord): Promise<void> {
  await db.run('INSERT INTO webinar_panelists (account_id, id, webinar_id, email, created_at, data) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    p.id,
    p.webinar_id,
    p.email,
    p.created_at,
    JSON.stringify(p.data),
  ]);
}

export async function updatePanelist(db: Queryable, accountId: string, p: PanelistRecord): Promise<void> {
  await db.run('UPDATE webinar_panelists SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(p.data), accountId, p.id]);
}

/** Removes one panelist (by id) or, without one, every panelist of the webinar. */
export async function deletePanelists(db: Queryable, accountId: string, webinarId: string, panelistId?: string): Promise<number> {
  const r = panelistId
    ? await db.run('DELETE FROM webinar_panelists WHERE account_id = ? AND webinar_id = ? AND id = ?', [accountId, webinarId, panelistId])
    : await db.run('DELETE FROM webinar_panelists WHERE account_id = ? AND webinar_id = ?', [accountId, webinarId]);
  return r.changes;
}

// ---- Templates (src/shared/templates) ----

export type { TemplateRecord } from '../../shared/templates/repository.ts';
const templates = templateStore('webinar_templates');
export const insertTemplate = templates.insert;
export const templatesOf = templates.ofUser;
export const deleteTemplate = templates.delete;
export const deleteTemplatesOfUser = templates.deleteOfUser;

/** Every webinar of a host that is not deleted (deleting the host). */
export async function webinarsOfHost(db: Queryable, accountId: string, hostId: string): Promise<WebinarRecord[]> {
  const rows = await db.all<Row>(`SELECT ${COLUMNS} FROM webinars WHERE account_id = ? AND host_id = ? AND deleted_at IS NULL`, [accountId, hostId]);
  return rows.map(fromRow);
}
