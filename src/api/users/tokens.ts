// Users: Get a user's token / ZAK (userToken), Get my ZAK (userZak), Revoke a
// user's SSO token (userSSOTokenDelete). Tokens are JWT-shaped and signed with a
// per-token secret kept in user_tokens, so a later meeting start can verify one
// (verifyUserToken) and revoking or deleting the user makes it worthless.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { API_USER_LOGIN_TYPE, type UserRecord } from './model.ts';
import { findUser } from './lookup.ts';
import * as repo from './repository.ts';

export type UserTokenType = 'token' | 'zak' | 'onbehalf';

/** Zoom: a ZAK lives two hours, 90 days for API users; `ttl` may ask for up to a year. */
export const ZAK_TTL_S = 2 * 60 * 60;
export const API_USER_ZAK_TTL_S = 90 * 24 * 60 * 60;
export const MAX_TTL_S = 365 * 24 * 60 * 60;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest('base64url');

export function defaultTtl(user: UserRecord): number {
  return user.profile.login_types.includes(API_USER_LOGIN_TYPE) ? API_USER_ZAK_TTL_S : ZAK_TTL_S;
}

async function issue(
  db: Queryable,
  ctx: Context,
  user: UserRecord,
  type: UserTokenType,
  ttlSeconds: number,
  meetingId: string | null,
): Promise<string> {
  const now = ctx.clock.now();
  const iat = Math.floor(now / 1000);
  const record: repo.UserTokenRecord = {
    id: zoomId(),
    user_id: user.id,
    type,
    meeting_id: meetingId,
    secret: randomBytes(32).toString('base64url'),
    issued_at: iat * 1000,
    expires_at: (iat + ttlSeconds) * 1000,
  };
  await repo.deleteExpiredUserTokens(db, ctx.account.id, user.id, now);
  await repo.insertUserToken(db, ctx.account.id, record);
  const header = b64({ typ: 'JWT', alg: 'HS256' });
  const payload = b64({
    aud: 'clientsm',
    uid: user.id,
    aid: ctx.account.id,
    sty: type,
    ...(meetingId !== null ? { mid: meetingId } : {}),
    iss: 'web',
    iat,
    exp: iat + ttlSeconds,
    jti: record.id,
  });
  return `${header}.${payload}.${sign(record.secret, `${header}.${payload}`)}`;
}

export interface VerifiedUserToken {
  userId: string;
  type: UserTokenType;
  meetingId: string | null;
  expiresAt: number;
}

/** A token issued here for this account, unexpired and unrevoked, or null. */
export async function verifyUserToken(db: Queryable, accountId: string, token: string, now: number): Promise<VerifiedUserToken | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let claims: { jti?: unknown };
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { jti?: unknown };
  } catch {
    return null;
  }
  if (typeof claims.jti !== 'string') return null;
  const record = await repo.getUserToken(db, accountId, claims.jti);
  if (!record || record.expires_at <= now) return null;
  const expected = Buffer.from(sign(record.secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: record.user_id, type: record.type as UserTokenType, meetingId: record.meeting_id, expiresAt: record.expires_at };
}

export function createTokenOperations(_deps: ProviderDeps) {
  return {
    async userToken(input: Input<{ userId: string }, { type?: UserTokenType; ttl?: number; meeting_id?: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const type = input.query.type ?? 'token';
      const ttl = input.query.ttl === undefined ? undefined : Number(input.query.ttl);
      if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_S)) {
        throw Errors.validation([{ field: 'ttl', message: `Invalid field. Must be between 1 and ${MAX_TTL_S}.` }]);
      }
      if (type === 'onbehalf' && !input.query.meeting_id) throw Errors.validation([{ field: 'meeting_id', message: 'Missing field.' }]);
      // Deactivated users cannot sign in, so they get nothing to start meetings with.
      if (user.status === 'inactive') throw Errors.badRequest(`User is deactivated: ${input.path.userId}.`);
      // `ttl` only applies to zak and onbehalf; the deprecated `token` type keeps the default life.
      const life = type === 'token' || ttl === undefined ? defaultTtl(user) : ttl;
      const token = await issue(ctx.db, ctx, user, type, life, type === 'onbehalf' ? input.query.meeting_id! : null);
      return { token };
    },

    async userZak(_input: Input, ctx: Context) {
      // `me` needs a user-level token; an account-level token has no user (404/1001).
      const user = await findUser(ctx.db, ctx, 'me');
      if (user.status === 'inactive') throw Errors.badRequest('User is deactivated: me.');
      return { token: await issue(ctx.db, ctx, user, 'zak', defaultTtl(user), null) };
    },

    async userSSOTokenDelete(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      // Signing the user out ends what the session handed out: every ZAK/token issued for them.
      await repo.deleteUserTokens(ctx.db, ctx.account.id, user.id);
    },
  };
}
