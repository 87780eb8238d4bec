// The table of a scheduled session kind (meetings, webinars): one row per
// session, `data` holding its document and the columns what lookups and lists
// filter on (see src/api/meetings/schema.ts for what each column means).
// Session numbers are unique across accounts: join links name no account.

/** CREATE TABLE `table` with its number and list indexes (`{table}_number`, `{table}_list`). */
export function sessionTable(table: 'meetings' | 'webinars'): string {
  return `
    CREATE TABLE ${table} (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      host_id TEXT NOT NULL,
      type INTEGER NOT NULL,
      status TEXT NOT NULL,
      uuid TEXT NOT NULL,
      created_at TEXT NOT NULL,
      deleted_at TEXT,
      listed INTEGER NOT NULL,
      list_start TEXT NOT NULL,
      list_end TEXT NOT NULL,
      data TEXT NOT NULL,
      list_item TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX ${table}_number ON ${table} (id);
    CREATE INDEX ${table}_list ON ${table} (account_id, host_id, listed, list_start, id);`;
}
