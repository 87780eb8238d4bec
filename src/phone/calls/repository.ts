// The only SQL of calls and what they leave. Every statement takes the account
// id first (the sweep's due list aside, which finds the accounts to settle).
// Lists are newest first, paged by keyset on (start_ms, id).
import type { Cursor } from '../../core/pagination.ts';
import type { Param, Queryable } from '../../storage/db.ts';
import type { PageWindow } from '../../storage/paging.ts';
import type { CallPlan } from './model.ts';

// ---- Calls ----

export async function insertCall(db: Queryable, accountId: string, plan: CallPlan, dueMs: number | null): Promise<void> {
  await db.run('INSERT INTO phone_calls (account_id, id, due_ms, data, created_ms) VALUES (?, ?, ?, ?, ?)', [accountId, plan.id, dueMs, JSON.stringify(plan), plan.start_ms]);
}

export async function saveCall(db: Queryable, accountId: string, plan: CallPlan, dueMs: number | null): Promise<void> {
  await db.run('UPDATE phone_calls SET due_ms = ?, data = ? WHERE account_id = ? AND id = ?', [dueMs, JSON.stringify(plan), accountId, plan.id]);
}

export async function getCall(db: Queryable, accountId: string, id: string): Promise<{ plan: CallPlan; due_ms: number | null } | undefined> {
  const r = await db.get<{ data: string; due_ms: number | string | null }>('SELECT data, due_ms FROM phone_calls WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && { plan: JSON.parse(r.data) as CallPlan, due_ms: r.due_ms === null ? null : Number(r.due_ms) };
}

/** Calls with a step due by `ms`, in any account (the sweep settles each in its own transaction). */
export async function dueCalls(db: Queryable, ms: number, limit = 500): Promise<Array<{ account_id: string; id: string }>> {
  return db.all('SELECT account_id, id FROM phone_calls WHERE due_ms IS NOT NULL AND due_ms <= ? ORDER BY due_ms LIMIT ?', [ms, limit]);
}

/** Calls of the account still under way at `ms` (an account's queue or user is busy). */
export async function activeCalls(db: Queryable, accountId: string): Promise<CallPlan[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM phone_calls WHERE account_id = ? AND due_ms IS NOT NULL', [accountId]);
  return rows.map((r) => JSON.parse(r.data) as CallPlan);
}

// ---- Stored results ----

export interface LogRow {
  id: string;
  call_id: string;
  owner_type: string;
  owner_id: string;
  user_id: string | null;
  site_id: string | null;
  start_ms: number;
  end_ms: number;
  missed: boolean;
  path: string;
  /** Caller and callee numbers, for the phone_number filter. */
  numbers: string;
  data: Record<string, unknown>;
}

export async function insertLog(db: Queryable, accountId: string, l: LogRow): Promise<void> {
  await db.run(
    'INSERT INTO phone_call_logs (account_id, id, call_id, owner_type, owner_id, user_id, site_id, start_ms, end_ms, missed, path, numbers, user_deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
    [accountId, l.id, l.call_id, l.owner_type, l.owner_id, l.user_id, l.site_id, l.start_ms, l.end_ms, l.missed ? 1 : 0, l.path, l.numbers, JSON.stringify(l.data)],
  );
}

export async function userLog(db: Queryable, accountId: string, userId: string, id: string): Promise<{ id: string; call_id: string } | undefined> {
  return db.get('SELECT id, call_id FROM phone_call_logs WHERE account_id = ? AND user_id = ? AND owner_type = ? AND id = ? AND user_deleted = 0', [accountId, userId, 'user', id]);
}

export async function hideUserLog(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('UPDATE phone_call_logs SET user_deleted = 1 WHERE account_id = ? AND id = ?', [accountId, id]);
}

export interface RecordingRow {
  id: string;
  call_id: string;
  owner_type: string;
  owner_id: string;
  site_id: string | null;
  recording_type: string;
  start_ms: number;
  end_ms: number;
  duration: number;
  data: Record<string, unknown>;
}

export async function insertRecording(db: Queryable, accountId: string, r: RecordingRow): Promise<void> {
  await db.run(
    'INSERT INTO phone_recordings (account_id, id, call_id, owner_type, owner_id, site_id, recording_type, start_ms, end_ms, duration, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, r.id, r.call_id, r.owner_type, r.owner_id, r.site_id, r.recording_type, r.start_ms, r.end_ms, r.duration, JSON.stringify(r.data)],
  );
}

export interface VoicemailRow {
  id: string;
  call_id: string;
  owner_type: string;
  owner_id: string;
  start_ms: number;
  duration: number;
  status: 'read' | 'unread';
  data: Record<string, unknown>;
}

export async function insertVoicemail(db: Queryable, accountId: string, v: VoicemailRow): Promise<void> {
  await db.run('INSERT INTO phone_voicemails (account_id, id, call_id, owner_type, owner_id, start_ms, duration, status, trashed, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)', [
    accountId,
    v.id,
    v.call_id,
    v.owner_type,
    v.owner_id,
    v.start_ms,
    v.duration,
    v.status,
    JSON.stringify(v.data),
  ]);
}

export async function getVoicemail(db: Queryable, accountId: string, id: string): Promise<{ owner_type: string; owner_id: string; trashed: boolean; duration: number; status: string } | undefined> {
  const r = await db.get<{ owner_type: string; owner_id: string; trashed: number | boolean; duration: number | string; status: string }>(
    'SELECT owner_type, owner_id, trashed, duration, status FROM phone_voicemails WHERE account_id = ? AND id = ?',
    [accountId, id],
  );
  return r && { owner_type: r.owner_type, owner_id: r.owner_id, trashed: Boolean(r.trashed), duration: Number(r.duration), status: r.status };
}

export async function trashVoicemail(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('UPDATE phone_voicemails SET trashed = 1 WHERE account_id = ? AND id = ?', [accountId, id]);
}

export async function deleteVoicemail(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM phone_voicemails WHERE account_id = ? AND id = ?', [accountId, id]);
}

/** The status is also in the stored entry the lists answer. */
export async function markVoicemailRead(db: Queryable, accountId: string, id: string): Promise<void> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_voicemails WHERE account_id = ? AND id = ?', [accountId, id]);
  if (!r) return;
  const data = { ...(JSON.parse(r.data) as Record<string, unknown>), status: 'read' };
  await db.run("UPDATE phone_voicemails SET status = 'read', data = ? WHERE account_id = ? AND id = ?", [JSON.stringify(data), accountId, id]);
}

export async function getRecordingFile(db: Queryable, accountId: string, id: string): Promise<{ duration: number } | undefined> {
  const r = await db.get<{ duration: number | string }>('SELECT duration FROM phone_recordings WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && { duration: Number(r.duration) };
}

// ---- Lists ----

/** A list query: `where` over the table's columns (account first), its params. */
export interface ListQuery {
  table: 'phone_call_logs' | 'phone_recordings' | 'phone_voicemails' | 'phone_operation_logs';
  time: 'start_ms' | 'end_ms' | 'time_ms';
  where: string;
  params: Param[];
}

export async function countList(db: Queryable, accountId: string, q: ListQuery): Promise<number> {
  const r = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${q.table} WHERE account_id = ? AND ${q.where}`, [accountId, ...q.params]);
  return Number(r?.n ?? 0);
}

/** A page of the list's stored entries, newest first; `last` is the page's last key. */
export async function pageList(db: Queryable, accountId: string, q: ListQuery, page: PageWindow): Promise<{ items: Array<Record<string, unknown>>; last?: Cursor }> {
  const { items, last } = await pageListText(db, accountId, q, page);
  return { items: JSON.parse(`[${items}]`) as Array<Record<string, unknown>>, ...(last ? { last } : {}) };
}

/** The same page as the stored texts joined (lists that answer entries as stored: no parse, no serialisation). */
export async function pageListText(db: Queryable, accountId: string, q: ListQuery, page: PageWindow): Promise<{ items: string; last?: Cursor }> {
  const seek = page.after && page.after.length === 2;
  const rows = await db.all<{ data: string; k: number | string; id: string }>(
    `SELECT data, ${q.time} AS k, id FROM ${q.table} WHERE account_id = ? AND ${q.where}${seek ? ` AND (${q.time} < ? OR (${q.time} = ? AND id < ?))` : ''} ORDER BY ${q.time} DESC, id DESC LIMIT ? OFFSET ?`,
    [accountId, ...q.params, ...(seek ? [Number(page.after![0]), Number(page.after![0]), String(page.after![1])] : []), page.size, seek ? 0 : page.offset],
  );
  const last = rows.at(-1);
  return { items: rows.map((r) => r.data).join(','), ...(last ? { last: [Number(last.k), last.id] } : {}) };
}
