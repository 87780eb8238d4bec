import type { SchemaModule } from '../storage/schema.ts';

// Authorization codes and refresh tokens, kept only as sha256 hashes so a
// leaked database cannot replay them. One table, `kind` tells them apart.
export const oauthSchema: SchemaModule = {
  name: 'oauth',
  tables: ['oauth_grants'],
  migrations: [
    `
    CREATE TABLE oauth_grants (
      token_hash TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      account_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      user_id TEXT,
      scopes TEXT NOT NULL,
      redirect_uri TEXT NOT NULL DEFAULT '',
      code_challenge TEXT NOT NULL DEFAULT '',
      code_challenge_method TEXT NOT NULL DEFAULT '',
      expires_at BIGINT NOT NULL,
      used INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE INDEX oauth_grants_account ON oauth_grants (account_id, client_id)
    `,
  ],
};
