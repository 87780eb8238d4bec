// Bulk-loads users for the page-cost figures: N copies of one user created
// through the API (its stored row is the template), each with its own id and
// email, written by the database itself in one statement per 100,000 rows —
// a million users take seconds, not the hours a million API calls would.
import type { Db } from '../src/storage/db.ts';

interface TemplateRow {
  id: string;
  email: string;
  status: string;
  type: number;
  role_id: string;
  created_at: string;
  data: string;
  list_item: string;
}

const BATCH = 100_000;

/** Adds `count` users to the account, cloned from the account's user `templateId`; ids are `bulk` + 18 digits from `first`. */
export async function bulkUsers(db: Db, accountId: string, templateId: string, count: number, first = 1): Promise<void> {
  const t = await db.get<TemplateRow>('SELECT id, email, status, type, role_id, created_at, data, list_item FROM users WHERE account_id = ? AND id = ?', [
    accountId,
    templateId,
  ]);
  if (!t) throw new Error(`no template user ${templateId}`);
  const pg = db.dialect === 'postgres';
  // The id and email of row n, in each engine's SQL.
  const id = pg ? `'bulk' || lpad(n::text, 18, '0')` : `'bulk' || printf('%018d', n)`;
  const email = `'bulk' || n || '@example.com'`;
  // Parameters are cast: PostgreSQL cannot type a bare parameter in a select list.
  const text = 'CAST(? AS TEXT)';
  const clone = `replace(replace(${text}, ${text}, ${id}), ${text}, ${email})`;
  const select = `SELECT ${text}, ${id}, ${email}, ${text}, CAST(? AS INTEGER), ${text}, ${text}, ${clone}, ${clone}`;
  const columns = 'INSERT INTO users (account_id, id, email, status, type, role_id, created_at, data, list_item)';
  for (let from = first; from < first + count; from += BATCH) {
    const to = Math.min(from + BATCH, first + count) - 1;
    const params = [accountId, t.status, t.type, t.role_id, t.created_at, t.data, t.id, t.email, t.list_item, t.id, t.email];
    const sql = pg
      ? `${columns} ${select} FROM generate_series(${from}, ${to}) AS n`
      : `WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n < ${to}) ${columns} ${select} FROM seq`;
    await db.transaction((tx) => tx.run(sql, params));
  }
}

interface MeetingTemplateRow {
  host_id: string;
  type: number;
  status: string;
  uuid: string;
  created_at: string;
  listed: number;
  list_start: string;
  list_end: string;
  data: string;
  list_item: string;
}

/**
 * Adds `count` meetings to the template meeting's host, cloned from it; numbers
 * are 9 followed by 10 digits of n, so they stay 11 digits and unique.
 */
export async function bulkMeetings(db: Db, accountId: string, templateId: string, count: number, first = 1): Promise<void> {
  const t = await db.get<MeetingTemplateRow>(
    'SELECT host_id, type, status, uuid, created_at, listed, list_start, list_end, data, list_item FROM meetings WHERE account_id = ? AND id = ?',
    [accountId, templateId],
  );
  if (!t) throw new Error(`no template meeting ${templateId}`);
  const pg = db.dialect === 'postgres';
  const id = pg ? `'9' || lpad(n::text, 10, '0')` : `'9' || printf('%010d', n)`;
  const text = 'CAST(? AS TEXT)';
  const select = `SELECT ${text}, ${id}, ${text}, CAST(? AS INTEGER), ${text}, ${text}, ${text}, CAST(? AS INTEGER), ${text}, ${text}, ${text}, replace(${text}, ${text}, ${id})`;
  const columns = 'INSERT INTO meetings (account_id, id, host_id, type, status, uuid, created_at, listed, list_start, list_end, data, list_item)';
  for (let from = first; from < first + count; from += BATCH) {
    const to = Math.min(from + BATCH, first + count) - 1;
    const params = [accountId, t.host_id, t.type, t.status, t.uuid, t.created_at, t.listed, t.list_start, t.list_end, t.data, t.list_item, templateId];
    const sql = pg
      ? `${columns} ${select} FROM generate_series(${from}, ${to}) AS n`
      : `WITH RECURSIVE seq(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM seq WHERE n < ${to}) ${columns} ${select} FROM seq`;
    await db.transaction((tx) => tx.run(sql, params));
  }
}
