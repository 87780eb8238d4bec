// The only SQL of meetings and meeting templates. Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import { templateStore } from '../../shared/templates/repository.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import { keepStarts, listColumns, type MeetingData, type MeetingRecord, type MeetingStatus, type MeetingType } from './model.ts';

interface MeetingRow {
  account_id: string;
  id: string;
  host_id: string;
  type: number;
  status: string;
  uuid: string;
  created_at: string;
  deleted_at: string | null;
  data: string;
}

const COLUMNS = 'account_id, id, host_id, type, status, uuid, created_at, deleted_at, data';

const fromRow = (r: MeetingRow): MeetingRecord => ({
  account_id: r.account_id,
  id: r.id,
  host_id: r.host_id,
  type: Number(r.type) as MeetingType,
  status: r.status as MeetingStatus,
  uuid: r.uuid,
  created_at: r.created_at,
  deleted_at: r.deleted_at,
  data: JSON.parse(r.data) as MeetingData,
});

/**
 * A meeting of the account by its number (digits, as a string), deleted ones
 * included only when asked: Get, Update and the live side see meetings that
 * are not deleted.
 */
export async function getMeeting(db: Queryable, accountId: string, meetingId: string, withDeleted = false): Promise<MeetingRecord | undefined> {
  const r = await db.get<MeetingRow>(`SELECT ${COLUMNS} FROM meetings WHERE account_id = ? AND id = ?`, [accountId, meetingId]);
  if (!r || (r.deleted_at !== null && !withDeleted)) return undefined;
  return fromRow(r);
}

/** The host of a meeting (for the per-user daily cap on updates, counted before the operation runs). */
export async function hostIdOf(db: Queryable, accountId: string, meetingId: string): Promise<string | null> {
  const r = await db.get<{ host_id: string }>('SELECT host_id FROM meetings WHERE account_id = ? AND id = ? AND deleted_at IS NULL', [accountId, meetingId]);
  return r?.host_id ?? null;
}

/** A meeting of any account by its number (numbers are unique across the server): for the control plane, which knows no account. */
export async function getMeetingByNumber(db: Queryable, meetingId: string): Promise<MeetingRecord | undefined> {
  const r = await db.get<MeetingRow>(`SELECT ${COLUMNS} FROM meetings WHERE id = ?`, [meetingId]);
  return r && r.deleted_at === null ? fromRow(r) : undefined;
}

export async function insertMeeting(db: Queryable, accountId: string, m: MeetingRecord): Promise<void> {
  keepStarts(m);
  const l = listColumns(m);
  await db.run(
    `INSERT INTO meetings (account_id, id, host_id, type, status, uuid, created_at, deleted_at, listed, list_start, list_end, data, list_item)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [accountId, m.id, m.host_id, m.type, m.status, m.uuid, m.created_at, m.deleted_at, l.listed, l.start, l.end, JSON.stringify(m.data), l.item],
  );
}

/** Writes every column back; the list entry and the list key are recomputed from the record. */
export async function updateMeeting(db: Queryable, accountId: string, m: MeetingRecord): Promise<void> {
  keepStarts(m);
  const l = listColumns(m);
  await db.run(
    `UPDATE meetings SET host_id = ?, type = ?, status = ?, uuid = ?, deleted_at = ?, listed = ?, list_start = ?, list_end = ?, data = ?, list_item = ?
     WHERE account_id = ? AND id = ?`,
    [m.host_id, m.type, m.status, m.uuid, m.deleted_at, l.listed, l.start, l.end, JSON.stringify(m.data), l.item, accountId, m.id],
  );
}

/** The live side's write: the instance state (status 'started'/'waiting' and the instance uuid). */
export async function setMeetingLiveState(db: Queryable, accountId: string, meetingId: string, status: MeetingStatus, uuid: string): Promise<void> {
  await db.run('UPDATE meetings SET status = ?, uuid = ? WHERE account_id = ? AND id = ?', [status, uuid, accountId, meetingId]);
}

export async function purgeMeeting(db: Queryable, accountId: string, meetingId: string): Promise<void> {
  await db.run('DELETE FROM meetings WHERE account_id = ? AND id = ?', [accountId, meetingId]);
}

export interface MeetingListFilter {
  hostId: string;
  /** ISO UTC bounds: meetings ending after `endsAfter` / starting before `startsBefore`. */
  endsAfter?: string;
  endsBefore?: string;
  startsBefore?: string;
  /** Only meetings in this status ('started' for type=live). */
  status?: MeetingStatus;
}

function where(f: MeetingListFilter): { sql: string; params: string[] } {
  let sql = 'account_id = ? AND host_id = ? AND listed = 1';
  const params: string[] = [f.hostId];
  if (f.endsAfter !== undefined) (sql += ' AND list_end > ?'), params.push(f.endsAfter);
  if (f.endsBefore !== undefined) (sql += ' AND list_end <= ?'), params.push(f.endsBefore);
  if (f.startsBefore !== undefined) (sql += ' AND list_start < ?'), params.push(f.startsBefore);
  if (f.status !== undefined) (sql += ' AND status = ?'), params.push(f.status);
  return { sql, params };
}

export async function countMeetings(db: Queryable, accountId: string, f: MeetingListFilter): Promise<number> {
  const w = where(f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM meetings WHERE ${w.sql}`, [accountId, ...w.params]);
  return Number(r?.n ?? 0);
}

/** A page of the host's meetings as stored list entries, by (first start, id). */
export async function listMeetingEntries(db: Queryable, accountId: string, f: MeetingListFilter, pw: PageWindow): Promise<{ items: string[]; last?: Cursor }> {
  const w = where(f);
  const page = pageSql(pw, 'list_start', 'id');
  const rows = await db.all<{ id: string; list_start: string; list_item: string }>(
    `SELECT id, list_start, list_item FROM meetings WHERE ${w.sql} ${page.sql}`,
    [accountId, ...w.params, ...page.params],
  );
  const last = rows.at(-1);
  return { items: rows.map((r) => r.list_item), ...(last ? { last: [last.list_start, last.id] } : {}) };
}

/** Every meeting of a host that is not deleted (host rules: deactivating or deleting the host). */
export async function meetingsOfHost(db: Queryable, accountId: string, hostId: string): Promise<MeetingRecord[]> {
  const rows = await db.all<MeetingRow>(`SELECT ${COLUMNS} FROM meetings WHERE account_id = ? AND host_id = ? AND deleted_at IS NULL`, [
    accountId,
    hostId,
  ]);
  return rows.map(fromRow);
}

export async function countUpcomingOfHost(db: Queryable, accountId: string, hostId: string, now: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM meetings WHERE account_id = ? AND host_id = ? AND listed = 1 AND list_end > ?', [
    accountId,
    hostId,
    now,
  ]);
  return Number(r?.n ?? 0);
}

// ---- Meeting templates (src/shared/templates) ----

export type { TemplateRecord } from '../../shared/templates/repository.ts';
const templates = templateStore('meeting_templates');
export const insertTemplate = templates.insert;
export const getTemplate = templates.get;
export const listTemplates = (db: Queryable, accountId: string, userId: string) => templates.ofUser(db, accountId, userId);
export const countTemplates = templates.count;
export const deleteTemplate = templates.delete;
export const deleteTemplatesOfUser = templates.deleteOfUser;
