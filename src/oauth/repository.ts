// The only SQL for authorization codes and refresh tokens. Rows are found by
// the sha256 of the secret the client holds; the secret itself is never stored.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../storage/db.ts';

export type GrantKind = 'code' | 'refresh';

export interface GrantRecord {
  token_hash: string;
  kind: GrantKind;
  account_id: string;
  client_id: string;
  user_id: string | null;
  scopes: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: string;
  expires_at: number;
  used: number;
  created_at: string;
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A fresh opaque secret (URL-safe, 256 bits). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

export async function insertGrant(db: Queryable, g: GrantRecord): Promise<void> {
  await db.run(
    `INSERT INTO oauth_grants (token_hash, kind, account_id, client_id, user_id, scopes, redirect_uri, code_challenge, code_challenge_method, expires_at, used, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [g.token_hash, g.kind, g.account_id, g.client_id, g.user_id, g.scopes, g.redirect_uri, g.code_challenge, g.code_challenge_method, g.expires_at, g.used, g.created_at],
  );
}

/** The grant of this kind issued to this client, whether used or not. */
export async function findGrant(db: Queryable, kind: GrantKind, clientId: string, secret: string): Promise<GrantRecord | undefined> {
  const r = await db.get<GrantRecord>('SELECT * FROM oauth_grants WHERE token_hash = ? AND kind = ? AND client_id = ?', [hashSecret(secret), kind, clientId]);
  return r && { ...r, expires_at: Number(r.expires_at), used: Number(r.used) };
}

/**
 * Marks a grant spent. True only for the one caller that flipped it, so two
 * concurrent exchanges of one code (or one refresh token) cannot both win.
 */
export async function spendGrant(db: Queryable, accountId: string, tokenHash: string): Promise<boolean> {
  const r = await db.run('UPDATE oauth_grants SET used = 1 WHERE account_id = ? AND token_hash = ? AND used = 0', [accountId, tokenHash]);
  return r.changes > 0;
}
