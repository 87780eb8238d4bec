// Access tokens: JWT-shaped (header.payload.signature, HMAC-SHA256 with a key
// kept in the database so every instance shares it) and recorded by `jti`.
// Checking a token on the hot path is one map lookup; a token seen for the
// first time costs one HMAC and one primary-key read. No JWT library verify.
// The cache stays coherent through Coherence: a token revoked or deleted on any
// instance (by /oauth/revoke, a reset, or its user's removal) is dropped here.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomId } from '../core/ids.ts';
import type { Clock } from '../core/clock.ts';
import type { Coherence } from '../core/coherence.ts';
import { Errors } from '../core/errors.ts';
import type { Actor } from '../core/provider.ts';
import type { Queryable } from '../storage/db.ts';

export const ACCESS_TOKEN_TTL_S = 3600;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', v: '2.0' })).toString('base64url');
const CACHE_LIMIT = 50_000;

export interface IssuedToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

interface TokenEntry {
  actor: Actor;
  expiresAt: number;
  jti: string;
}

interface TokenRow {
  account_id: string;
  client_id: string;
  user_id: string | null;
  scopes: string;
  expires_at: number;
  revoked: number;
}

export class Tokens {
  private readonly key: Buffer;
  private readonly clock: Clock;
  private readonly coherence: Coherence;
  private readonly cache = new Map<string, TokenEntry>();
  /** jti → token string, to drop a token the database names by its jti. */
  private readonly byJti = new Map<string, string>();
  /** Bumped by every drop: a load that overlapped one may have read what was dropped, so it is not kept. */
  private epoch = 0;
  constructor(key: Buffer, clock: Clock, coherence: Coherence) {
    this.key = key;
    this.clock = clock;
    this.coherence = coherence;
    coherence.subscribe((change) => {
      if (change.kind === 'token') this.drop(change.jti);
      else if (change.kind === 'everything') this.forget();
    });
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  async issue(
    db: Queryable,
    grant: { accountId: string; clientId: string; userId: string | null; scopes: readonly string[] },
  ): Promise<IssuedToken> {
    const now = this.clock.now();
    const jti = randomId(16).toString('base64url');
    const exp = Math.floor(now / 1000) + ACCESS_TOKEN_TTL_S;
    const payload = Buffer.from(
      JSON.stringify({ aid: grant.accountId, cid: grant.clientId, ...(grant.userId ? { uid: grant.userId } : {}), jti, iat: Math.floor(now / 1000), exp }),
    ).toString('base64url');
    const body = `${HEADER}.${payload}`;
    // Tokens of this app that expired over a day ago answer "invalid" rather than "expired" from now on: drop them.
    await db.run('DELETE FROM access_tokens WHERE client_id = ? AND expires_at < ?', [grant.clientId, now - 24 * 3600 * 1000]);
    await db.run('INSERT INTO access_tokens (jti, account_id, client_id, user_id, scopes, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)', [
      jti,
      grant.accountId,
      grant.clientId,
      grant.userId,
      grant.scopes.join(' '),
      exp * 1000,
    ]);
    return { access_token: `${body}.${this.sign(body)}`, token_type: 'bearer', expires_in: ACCESS_TOKEN_TTL_S, scope: grant.scopes.join(' ') };
  }

  /** The caller behind an `Authorization` header; throws Zoom's 401/124 otherwise. */
  async authenticate(db: Queryable, header: string | undefined): Promise<Actor> {
    if (!header || !header.startsWith('Bearer ')) throw Errors.invalidToken();
    const token = header.slice(7).trim();
    let entry = this.cache.get(token);
    if (!entry) {
      const epoch = this.epoch;
      entry = await this.load(db, token);
      if (epoch === this.epoch && this.coherence.live) {
        if (this.cache.size >= CACHE_LIMIT) this.forget();
        this.cache.set(token, entry);
        this.byJti.set(entry.jti, token);
      }
    }
    if (entry.expiresAt <= this.clock.now()) throw Errors.expiredToken();
    return entry.actor;
  }

  /** The `jti` of a token this server signed; throws Zoom's 401/124 otherwise. */
  private jtiOf(token: string): string {
    const dot = token.lastIndexOf('.');
    if (dot < 0) throw Errors.invalidToken();
    const expected = Buffer.from(this.sign(token.slice(0, dot)));
    const given = Buffer.from(token.slice(dot + 1));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw Errors.invalidToken();
    let jti: unknown;
    try {
      jti = (JSON.parse(Buffer.from(token.slice(token.indexOf('.') + 1, dot), 'base64url').toString()) as { jti?: unknown }).jti;
    } catch {
      throw Errors.invalidToken();
    }
    if (typeof jti !== 'string') throw Errors.invalidToken();
    return jti;
  }

  private async load(db: Queryable, token: string): Promise<TokenEntry> {
    const jti = this.jtiOf(token);
    const row = await db.get<TokenRow>('SELECT * FROM access_tokens WHERE jti = ?', [jti]);
    if (!row || row.revoked) throw Errors.invalidToken();
    return {
      jti,
      expiresAt: Number(row.expires_at),
      actor: { accountId: row.account_id, clientId: row.client_id, userId: row.user_id, scopes: new Set(row.scopes.split(' ').filter(Boolean)) },
    };
  }

  /** Who an access token was issued to (revoked or not); undefined when the string is no token of this server. */
  async holderOf(db: Queryable, token: string): Promise<{ accountId: string; userId: string | null } | undefined> {
    let jti: string;
    try {
      jti = this.jtiOf(token);
    } catch {
      return undefined;
    }
    const row = await db.get<{ account_id: string; user_id: string | null }>('SELECT account_id, user_id FROM access_tokens WHERE jti = ?', [jti]);
    return row && { accountId: row.account_id, userId: row.user_id };
  }

  /**
   * Revokes an access token the client was issued (every instance drops it
   * once the transaction commits). False when the string is not such a token
   * (forged, another app's, or unknown).
   */
  async revoke(db: Queryable, token: string, clientId: string): Promise<boolean> {
    let jti: string;
    try {
      jti = this.jtiOf(token);
    } catch {
      return false;
    }
    const r = await db.run('UPDATE access_tokens SET revoked = 1 WHERE jti = ? AND client_id = ?', [jti, clientId]);
    return r.changes > 0;
  }

  private drop(jti: string): void {
    this.epoch++;
    const token = this.byJti.get(jti);
    if (token === undefined) return;
    this.byJti.delete(jti);
    this.cache.delete(token);
    this.lastHeader = undefined;
  }

  /**
   * The account of a token this instance has already checked, without any
   * lookup (for the request log). The last answer is kept: a client sends the
   * same header many times over, and comparing it is cheaper than hashing it.
   */
  accountOf(header: string | undefined): string | undefined {
    if (!header || !header.startsWith('Bearer ')) return undefined;
    if (header === this.lastHeader) return this.lastAccount;
    const account = this.cache.get(header.slice(7).trim())?.actor.accountId;
    if (account !== undefined) {
      this.lastHeader = header;
      this.lastAccount = account;
    }
    return account;
  }
  private lastHeader: string | undefined;
  private lastAccount: string | undefined;

  /** Forgets every cached token (after a reset, or when changes may have been missed). */
  forget(): void {
    this.epoch++;
    this.cache.clear();
    this.byJti.clear();
    this.lastHeader = undefined;
  }
}
