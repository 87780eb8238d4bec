import type { SchemaModule } from '../storage/schema.ts';

export const tenancySchema: SchemaModule = {
  name: 'tenancy',
  tables: ['access_tokens', 'apps', 'accounts'],
  migrations: [
    `
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
    CREATE INDEX access_tokens_account ON access_tokens (account_id)
    `,
    // OAuth redirect URLs an app registered (space-separated; a URL holds no spaces).
    `ALTER TABLE apps ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT ''`,
    // Issuing a token purges the app's long-expired ones.
    `CREATE INDEX access_tokens_expiry ON access_tokens (client_id, expires_at)`,
  ],
};
