// Roles: List roles, Create a role, Get role information, Update role information,
// Delete a role, List members in a role, Assign a role, Unassign a role; and the
// Users operation Get user permissions (the privileges of the user's role).
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { hasSubAccounts } from '../../tenancy/repository.ts';
import type { UserRecord } from '../users/model.ts';
import * as users from '../users/repository.ts';
import {
  BUILT_IN_IDS,
  MEMBER_ROLE,
  OWNER_ROLE,
  builtInRole,
  createdRoleResponse,
  normalisePrivileges,
  roleListItem,
  roleResponse,
  unknownPrivileges,
  type RoleData,
  type RoleRecord,
} from './model.ts';
import { resolveRole } from './privileges.ts';
import * as repo from './repository.ts';

async function findRole(ctx: Context, roleId: string): Promise<RoleRecord> {
  const role = await resolveRole(ctx.db, ctx.account.id, roleId);
  if (!role) throw Errors.roleNotFound();
  return role;
}

function findUser(db: Queryable, accountId: string, idOrEmail: string): Promise<UserRecord | undefined> {
  return idOrEmail.includes('@') ? users.getUserByEmail(db, accountId, idOrEmail) : users.getUser(db, accountId, idOrEmail);
}

/** Role names are unique per account, case-insensitively, built-in names included. */
async function checkName(ctx: Context, name: string, roleId: string | null): Promise<string> {
  const trimmed = name.trim();
  if (trimmed === '') throw Errors.validation([{ field: 'name', message: 'Invalid field.' }]);
  const lower = trimmed.toLowerCase();
  for (const id of BUILT_IN_IDS) {
    if (id !== roleId && builtInRole(id)!.name.toLowerCase() === lower) throw Errors.roleNameTaken(trimmed);
  }
  const holder = await repo.roleIdByName(ctx.db, ctx.account.id, trimmed);
  if (holder !== undefined && holder !== roleId) throw Errors.roleNameTaken(trimmed);
  return trimmed;
}

function checkPrivileges(privileges: string[]): string[] {
  const unknown = unknownPrivileges(privileges);
  if (unknown.length > 0) throw Errors.validation(unknown.map((p) => ({ field: 'privileges', message: `Invalid privilege: ${p}` })));
  return normalisePrivileges(privileges);
}

/** A sub account, or an account with sub accounts: Zoom shows such accounts their roles' sub-account privileges. */
async function inMasterStructure(ctx: Context): Promise<boolean> {
  if (ctx.account.master_account_id !== null) return true;
  return hasSubAccounts(ctx.db, ctx.account.id);
}

/** Custom roles need a paid plan, as on Zoom. */
function checkPaid(ctx: Context): void {
  if (ctx.account.plan === 'free') throw Errors.rolePaidOnly();
}

interface CreateRoleBody {
  name?: string;
  description?: string;
  type?: string;
  privileges?: string[];
}

interface UpdateRoleBody {
  name?: string;
  description?: string;
  privileges?: string[];
  sub_account_privileges?: { second_level?: number };
}

interface MembersBody {
  members?: Array<{ id?: string; email?: string }>;
}

export function createRolesProvider(deps: ProviderDeps): Provider {
  // A role's row publishes its `r:` line (the privilege caches'); its holders publish `o:role:` lines.
  const answers = deps.readCache('role', (c) => (c.kind === 'role' ? { accountId: c.accountId, id: c.roleId } : undefined));
  // Pages of List role members: entries are users' rows; a role's holders changing publishes the role, a role changing its `r:` line.
  const memberPages = deps.readCache('role_members_page', (c) =>
    c.kind === 'role' || (c.kind === 'object' && (c.object === 'user' || c.object === 'role')) ? { accountId: c.accountId } : undefined,
  );
  return {
    async roles(input: Input<Record<string, never>, { type?: string }>, ctx: Context) {
      const type = input.query.type ?? 'common';
      const stored = await repo.listRoles(ctx.db, ctx.account.id);
      const overrides = new Map(stored.map((r) => [r.id, r]));
      const all: RoleRecord[] = [
        ...BUILT_IN_IDS.map((id) => {
          const o = overrides.get(id);
          return o ? { ...o.data, id, builtIn: true } : builtInRole(id)!;
        }),
        ...stored.filter((r) => builtInRole(r.id) === undefined).map((r) => ({ ...r.data, id: r.id, builtIn: false })),
      ];
      const counts = await users.countUsersByRole(ctx.db, ctx.account.id);
      const roles = all.filter((r) => r.type === type).map((r) => roleListItem(r, counts.get(r.id) ?? 0));
      return { total_records: roles.length, roles };
    },

    async createRole(input: Input<Record<string, never>, Record<string, never>, CreateRoleBody>, ctx: Context) {
      const body = input.body ?? {};
      checkPaid(ctx);
      if (body.name === undefined) throw Errors.validation([{ field: 'name', message: 'Missing field.' }]);
      const name = await checkName(ctx, body.name, null);
      const type = body.type ?? 'common';
      if (type !== 'common' && type !== 'iq') throw Errors.validation([{ field: 'type', message: 'Invalid field.' }]);
      const data: RoleData = { name, description: body.description ?? '', type, privileges: checkPrivileges(body.privileges ?? []) };
      const id = zoomId();
      await repo.upsertRole(ctx.db, ctx.account.id, id, data, ctx.clock.iso());
      return createdRoleResponse({ ...data, id, builtIn: false });
    },

    async getRoleInformation(input: Input<{ roleId: string }>, ctx: Context) {
      return answers.read(ctx.account.id, input.path.roleId, async () => {
        const role = await findRole(ctx, input.path.roleId);
        return roleResponse(role, await users.countUsersInRole(ctx.db, ctx.account.id, role.id), await inMasterStructure(ctx));
      });
    },

    async updateRole(input: Input<{ roleId: string }, Record<string, never>, UpdateRoleBody>, ctx: Context) {
      const role = await findRole(ctx, input.path.roleId);
      const body = input.body ?? {};
      checkPaid(ctx);
      // The owner always holds every privilege.
      if (role.id === OWNER_ROLE) throw Errors.roleBuiltIn('update');
      const data: RoleData = {
        name: role.name,
        description: role.description,
        type: role.type,
        privileges: role.privileges,
        ...(role.sub_account_privileges ? { sub_account_privileges: role.sub_account_privileges } : {}),
      };
      if (body.name !== undefined && body.name.trim() !== role.name) {
        if (role.builtIn) throw Errors.roleBuiltIn('rename');
        data.name = await checkName(ctx, body.name, role.id);
      }
      if (body.description !== undefined) data.description = body.description;
      if (body.privileges !== undefined) data.privileges = checkPrivileges(body.privileges);
      if (body.sub_account_privileges !== undefined) data.sub_account_privileges = body.sub_account_privileges;
      await repo.upsertRole(ctx.db, ctx.account.id, role.id, data, ctx.clock.iso());
    },

    async deleteRole(input: Input<{ roleId: string }>, ctx: Context) {
      const role = await findRole(ctx, input.path.roleId);
      if (role.builtIn) throw Errors.roleBuiltIn('delete');
      if ((await users.countUsersInRole(ctx.db, ctx.account.id, role.id)) > 0) throw Errors.roleHasMembers();
      await repo.deleteRole(ctx.db, ctx.account.id, role.id);
    },

    async roleMembers(input: Input<{ roleId: string }>, ctx: Context) {
      return memberPages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const role = await findRole(ctx, input.path.roleId);
        const total = await input.page.total(() => users.countUsersInRole(ctx.db, ctx.account.id, role.id));
        const { items, last } = await users.listUsersInRole(ctx.db, ctx.account.id, role.id, input.page);
        return input.page.respondText(total, 'members', items, last);
      });
    },

    async AddRoleMembers(input: Input<{ roleId: string }, Record<string, never>, MembersBody>, ctx: Context) {
      const role = await findRole(ctx, input.path.roleId);
      const members = input.body?.members ?? [];
      if (members.length === 0) throw Errors.validation([{ field: 'members', message: 'Missing field.' }]);
      if (role.id === OWNER_ROLE || role.id === MEMBER_ROLE) throw Errors.roleMembersFixed();
      const ids: string[] = [];
      for (const [i, m] of members.entries()) {
        const ref = m.id ?? m.email;
        if (!ref) throw Errors.validation([{ field: `members[${i}]`, message: 'Either id or email is required.' }]);
        const user = await findUser(ctx.db, ctx.account.id, ref);
        if (!user) throw Errors.userNotFound(ref);
        if (user.role_id === OWNER_ROLE) throw Errors.ownerRoleFixed();
        if (!ids.includes(user.id)) ids.push(user.id);
      }
      for (const id of ids) await users.setUserRole(ctx.db, ctx.account.id, id, role.id);
      return { ids: ids.join(','), add_at: ctx.clock.iso() };
    },

    async roleMemberDelete(input: Input<{ roleId: string; memberId: string }>, ctx: Context) {
      const role = await findRole(ctx, input.path.roleId);
      if (role.id === OWNER_ROLE || role.id === MEMBER_ROLE) throw Errors.roleMembersFixed();
      const user = await findUser(ctx.db, ctx.account.id, input.path.memberId);
      if (!user || user.role_id !== role.id) throw Errors.userNotFound(input.path.memberId);
      // Unassigned users fall back to the Member role.
      await users.setUserRole(ctx.db, ctx.account.id, user.id, MEMBER_ROLE);
    },

    async userPermission(input: Input<{ userId: string }>, ctx: Context) {
      const userId = ctx.resolveMe(input.path.userId);
      const user = await findUser(ctx.db, ctx.account.id, userId);
      if (!user) throw Errors.userNotFound(input.path.userId);
      const role = (await resolveRole(ctx.db, ctx.account.id, user.role_id)) ?? builtInRole(MEMBER_ROLE)!;
      return { permissions: role.privileges };
    },
  };
}
