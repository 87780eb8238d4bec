// Role privileges of user-level tokens, checked by the pipeline right after the scope check:
// - a user-level scope (no `:admin`/`:master`) acts only on the token's own user;
// - an `:admin` scope needs the user's role to hold one of the operation's
//   privileges (the `permissions` Zoom declares), unless it acts on the user itself;
// - `:master` scopes are the master account's business: no role check.
// Privileges are cached per account and role; role writes drop their entry.
import type { Clock } from '../../core/clock.ts';
import type { Operation } from '../../core/contract.ts';
import { Errors } from '../../core/errors.ts';
import type { Actor } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { getUser } from '../users/repository.ts';
import { builtInRole, type RoleRecord } from './model.ts';
import * as repo from './repository.ts';

/** Another instance on the same PostgreSQL may change a role: cached privileges live this long. */
const TTL_MS = 10_000;
const cache = new Map<string, { privileges: ReadonlySet<string>; until: number }>();
const key = (accountId: string, roleId: string) => `${accountId}\n${roleId}`;

/** A role as the account sees it: a stored row (custom role or built-in override), else the built-in. */
export async function resolveRole(db: Queryable, accountId: string, roleId: string): Promise<RoleRecord | undefined> {
  const stored = await repo.getRole(db, accountId, roleId);
  const builtIn = builtInRole(roleId);
  if (stored) return { ...stored.data, id: roleId, builtIn: builtIn !== undefined };
  return builtIn;
}

/** Drops cached privileges of one role, or of every role of an account. */
export function forgetPrivileges(accountId?: string, roleId?: string): void {
  if (accountId === undefined) cache.clear();
  else if (roleId !== undefined) cache.delete(key(accountId, roleId));
  else for (const k of cache.keys()) if (k.startsWith(`${accountId}\n`)) cache.delete(k);
}

async function rolePrivileges(db: Queryable, accountId: string, roleId: string, now: number): Promise<ReadonlySet<string>> {
  const k = key(accountId, roleId);
  const hit = cache.get(k);
  if (hit && hit.until > now) return hit.privileges;
  const role = await resolveRole(db, accountId, roleId);
  const privileges = new Set(role?.privileges ?? []);
  cache.set(k, { privileges, until: now + TTL_MS });
  return privileges;
}

async function isOwnUser(db: Queryable, actor: Actor, userId: string): Promise<boolean> {
  if (userId === 'me' || userId === actor.userId) return true;
  if (!userId.includes('@')) return false;
  const self = await getUser(db, actor.accountId, actor.userId!);
  return self !== undefined && self.email === userId.toLowerCase();
}

export type PrivilegeCheck = (db: Queryable, op: Operation, actor: Actor, userId: string | undefined) => Promise<void>;

export function privilegeCheck(clock: Clock): PrivilegeCheck {
  return async (db, op, actor, userId) => {
    if (!actor.userId) return;
    const held = [...op.scopes, ...op.granularScopes].filter((s) => actor.scopes.has(s));
    if (held.length === 0 || held.some((s) => s.endsWith(':master'))) return;
    const own = userId === undefined ? undefined : await isOwnUser(db, actor, userId);
    if (held.some((s) => s.endsWith(':admin'))) {
      if (own === true || op.permissions.length === 0) return;
      const user = await getUser(db, actor.accountId, actor.userId);
      const privileges = user ? await rolePrivileges(db, actor.accountId, user.role_id, clock.now()) : new Set<string>();
      if (!op.permissions.some((p) => privileges.has(p))) throw Errors.noPermission();
      return;
    }
    if (own === false) {
      // Zoom names the admin scopes a user-level token lacks for another user (4711,
      // "Invalid access token, does not contain scopes:[…]", devforum.zoom.us/t/108207).
      const granular = op.granularScopes.filter((s) => s.endsWith(':admin'));
      const admin = granular.length > 0 ? granular : op.scopes.filter((s) => s.endsWith(':admin'));
      throw admin.length > 0 ? Errors.missingScopes(admin) : Errors.noPermission();
    }
  };
}
