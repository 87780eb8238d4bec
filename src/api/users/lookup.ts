// Users: lookups and checks every users sub-area shares.
import { scrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Errors } from '../../core/errors.ts';
import type { Context } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import type { AccountRecord } from '../../tenancy/repository.ts';
import type { UserRecord, UserType } from './model.ts';
import * as repo from './repository.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [kind, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A userId path value is an id, an email address, or `me`. */
export async function findUser(db: Queryable, ctx: Context, userId: string): Promise<UserRecord> {
  const id = ctx.resolveMe(userId);
  const user = id.includes('@') ? await repo.getUserByEmail(db, ctx.account.id, id) : await repo.getUser(db, ctx.account.id, id);
  if (!user) throw Errors.userNotFound(userId);
  return user;
}

/** A user of this account by id or email, or nothing (no `me`: for ids given in bodies). */
export async function lookupUser(db: Queryable, accountId: string, idOrEmail: string): Promise<UserRecord | undefined> {
  return idOrEmail.includes('@') ? repo.getUserByEmail(db, accountId, idOrEmail) : repo.getUser(db, accountId, idOrEmail);
}

/** Licensed users are limited by the seats the account's plan includes. */
export async function checkSeat(db: Queryable, account: AccountRecord, type: UserType): Promise<void> {
  if (type !== 2) return;
  if ((await repo.countLicensedUsers(db, account.id)) >= account.data.seats) throw Errors.licenseLimit(account.data.seats);
}
