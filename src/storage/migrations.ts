// Versioned schema migrations, run on start. Each step runs once, in order, in
// one transaction; `meta.schema_version` records the last applied step. The SQL
// is the subset SQLite and PostgreSQL share (TEXT, INTEGER, BIGINT; JSON kept
// as TEXT in `data` columns beside the indexed columns queries filter on).
import type { Db } from './db.ts';

export const migrations: readonly string[] = [
  // 1: tenancy, OAuth and users
  `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    master_account_id TEXT,
    account_name TEXT NOT NULL,
    account_number BIGINT NOT NULL,
    plan TEXT NOT NULL,
    created_at TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX accounts_master ON accounts (master_account_id);
  CREATE TABLE apps (
    client_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    name TEXT NOT NULL,
    app_type TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX apps_account ON apps (account_id);
  CREATE TABLE access_tokens (
    jti TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    user_id TEXT,
    scopes TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX access_tokens_account ON access_tokens (account_id);
  CREATE TABLE users (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL,
    type INTEGER NOT NULL,
    role_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE UNIQUE INDEX users_email ON users (account_id, email);
  CREATE INDEX users_list ON users (account_id, status, created_at, id);
  `,
];

/** Every table holding state; the control plane's reset empties them all. Add new tables here. */
export const DATA_TABLES: readonly string[] = ['access_tokens', 'apps', 'users', 'accounts'];

export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  return db.transaction(async (tx) => {
    // Two instances starting together on one PostgreSQL: the first migrates, the other waits.
    if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(424242)');
    const row = await tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
    const current = row ? Number(row.value) : 0;
    for (let v = current; v < migrations.length; v++) {
      for (const statement of splitStatements(migrations[v]!)) await tx.run(statement);
    }
    if (current < migrations.length) {
      await tx.run(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [String(migrations.length)],
      );
    }
    return migrations.length;
  });
}

function splitStatements(script: string): string[] {
  return script
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
