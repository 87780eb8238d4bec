// The only SQL of billing: the master's invoice reports. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';

export interface InvoiceReportRecord {
  id: string;
  start_date: string;
  end_date: string;
  account_ids: string[];
  created_at: string;
}

interface ReportRow {
  id: string;
  start_date: string;
  end_date: string;
  account_ids: string;
  created_at: string;
}

const fromRow = (r: ReportRow): InvoiceReportRecord => ({ ...r, account_ids: JSON.parse(r.account_ids) as string[] });

export async function insertReport(db: Queryable, accountId: string, r: InvoiceReportRecord): Promise<void> {
  await db.run('INSERT INTO billing_invoice_reports (account_id, id, start_date, end_date, account_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    r.id,
    r.start_date,
    r.end_date,
    JSON.stringify(r.account_ids),
    r.created_at,
  ]);
}

export async function getReport(db: Queryable, accountId: string, id: string): Promise<InvoiceReportRecord | undefined> {
  const r = await db.get<ReportRow>(
    'SELECT id, start_date, end_date, account_ids, created_at FROM billing_invoice_reports WHERE account_id = ? AND id = ?',
    [accountId, id],
  );
  return r && fromRow(r);
}

/** Reports created after `since` (older ones have expired), oldest first. */
export async function listReports(db: Queryable, accountId: string, since: string, page: PageWindow): Promise<{ reports: InvoiceReportRecord[]; last?: [string, string] }> {
  const tail = pageSql(page, 'created_at', 'id');
  const rows = await db.all<ReportRow>(
    `SELECT id, start_date, end_date, account_ids, created_at FROM billing_invoice_reports WHERE account_id = ? AND created_at > ? ${tail.sql}`,
    [accountId, since, ...tail.params],
  );
  const lastRow = rows.at(-1);
  return { reports: rows.map(fromRow), ...(lastRow ? { last: [lastRow.created_at, lastRow.id] as [string, string] } : {}) };
}

export async function countReports(db: Queryable, accountId: string, since: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM billing_invoice_reports WHERE account_id = ? AND created_at > ?', [accountId, since]);
  return Number(r?.n ?? 0);
}

export async function deleteReport(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM billing_invoice_reports WHERE account_id = ? AND id = ?', [accountId, id]);
}
