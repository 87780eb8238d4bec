// Role privileges of user-level tokens, checked by the pipeline right after the
// scope check. Scopes say how far a token reaches: user-level scopes its own user,
// `:admin` the account, `:master` the sub accounts. The token's user must also be
// allowed by the operation's privilege rule (privilege-rules.ts):
// - a sub account (master paths) is the master account owner's, or a role's with
//   SubAccount:Read (reads) / SubAccount:Edit (writes), as Zoom's master-account
//   reference declares for those paths;
// - on its own account a `:master` scope counts as an `:admin` one;
// - the caller's own user (and own resources, where the rule says so) needs no privilege;
// - otherwise the owner passes, and anyone else needs what the rule names;
//   an operation without a rule is the owner's alone.
// Privileges are cached per account and role; role writes drop their entry.
import type { Clock } from '../../core/clock.ts';
import type { Operation } from '../../core/contract.ts';
import { Errors } from '../../core/errors.ts';
import type { Actor, Context } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { getUser } from '../users/repository.ts';
import { builtInRole, OWNER_ROLE, type RoleRecord } from './model.ts';
import { ruleFor } from './privilege-rules.ts';
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

interface Caller {
  id: string;
  email: string;
  owner: boolean;
  privileges: ReadonlySet<string>;
}

/** The token's user as its role sees it; undefined once the user is gone. */
async function caller(db: Queryable, actor: Actor, now: number): Promise<Caller | undefined> {
  const user = await getUser(db, actor.accountId, actor.userId!);
  if (!user) return undefined;
  const owner = user.role_id === OWNER_ROLE;
  return { id: user.id, email: user.email, owner, privileges: owner ? new Set() : await rolePrivileges(db, actor.accountId, user.role_id, now) };
}

// Editing includes viewing, as Zoom's role editor ticks View with Edit: `X:Edit` answers a need for `X:Read`.
const holds = (c: Caller, p: string) => c.privileges.has(p) || (p.endsWith(':Read') && c.privileges.has(`${p.slice(0, -5)}:Edit`));
const holdsAny = (c: Caller, needed: readonly string[]) => c.owner || needed.some((p) => holds(c, p));

function isOwnUser(c: Caller, userId: string): boolean {
  return userId === 'me' || userId === c.id || userId.toLowerCase() === c.email;
}

/** The operation's scopes of one level, granular ones first (as Zoom names them in 4711). */
function scopesOfLevel(op: Operation, level: ':admin' | ':master'): string[] {
  const granular = op.granularScopes.filter((x) => x.endsWith(level));
  return granular.length > 0 ? granular : op.scopes.filter((x) => x.endsWith(level));
}

export type PrivilegeCheck = (db: Queryable, op: Operation, actor: Actor, userId: string | undefined, accountId?: string) => Promise<void>;

export function privilegeCheck(clock: Clock): PrivilegeCheck {
  return async (db, op, actor, userId, accountId = actor.accountId) => {
    if (!actor.userId) return;
    const held = [...op.scopes, ...op.granularScopes].filter((x) => actor.scopes.has(x));
    if (held.length === 0) return;
    const me = await caller(db, actor, clock.now());
    if (!me) throw Errors.noPermission();

    if (accountId !== actor.accountId) {
      // Only `:master` scopes reach a sub account.
      if (!held.some((x) => x.endsWith(':master'))) {
        const master = scopesOfLevel(op, ':master');
        throw master.length > 0 ? Errors.missingScopes(master) : Errors.noPermission();
      }
      const needed = op.method === 'GET' ? ['SubAccount:Read', 'SubAccount:Edit'] : ['SubAccount:Edit'];
      if (!holdsAny(me, needed)) throw Errors.noPermission();
      return;
    }

    const userLevelOnly = !held.some((x) => x.endsWith(':admin') || x.endsWith(':master'));
    const own = userId === undefined ? undefined : isOwnUser(me, userId);
    if (userLevelOnly && own === false) {
      // Zoom names the admin scopes a user-level token lacks for another user (4711,
      // "Invalid access token, does not contain scopes:[…]", devforum.zoom.us/t/108207).
      const admin = scopesOfLevel(op, ':admin');
      throw admin.length > 0 ? Errors.missingScopes(admin) : Errors.noPermission();
    }

    const rule = ruleFor(op);
    if (rule && rule.own !== 'none' && own === true) return;
    if (rule?.own === 'resource' && userLevelOnly) return;
    if (me.owner || rule?.needs === 'anyone') return;
    if (!rule || rule.needs === 'owner' || !holdsAny(me, rule.needs)) throw Errors.noPermission();
  };
}

/**
 * For providers whose operation allows more than one kind of change: true when
 * the caller may make a change that needs one of `privileges` (account-level
 * tokens and the owner always may).
 */
export async function callerHolds(ctx: Context, privileges: readonly string[]): Promise<boolean> {
  if (!ctx.actor.userId || ctx.account.id !== ctx.actor.accountId) return true;
  const me = await caller(ctx.db, ctx.actor, ctx.clock.now());
  return me !== undefined && holdsAny(me, privileges);
}
