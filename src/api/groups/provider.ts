// Groups: groups, their members and their admins. Group settings, lock settings,
// registration settings and virtual backgrounds live elsewhere.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { getUser, getUserByEmail } from '../users/repository.ts';
import type { UserProfile, UserRecord } from '../users/model.ts';
import { groupResponse, newGroup, type GroupRecord } from './model.ts';
import * as repo from './repository.ts';
import { deleteFiles } from '../accounts/repository.ts';
import { deleteOverrides } from '../settings/repository.ts';

/** Zoom's documented cap on groups per account (groupCreate description). */
export const MAX_GROUPS_PER_ACCOUNT = 5000;
/** Zoom adds at most 30 members per Add group members call. */
export const MAX_MEMBERS_PER_CALL = 30;

/** Every group operation is for paid plans only (400/200). */
function requirePaid(ctx: Context): void {
  if (ctx.account.plan === 'free') throw Errors.groupsPaidOnly();
}

async function findGroup(ctx: Context, groupId: string): Promise<GroupRecord> {
  requirePaid(ctx);
  const group = await repo.getGroup(ctx.db, ctx.account.id, groupId);
  if (!group) throw Errors.groupDoesNotExist(groupId);
  return group;
}

function validName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed === '') throw Errors.badRequest('Invalid parameter: name.');
  return trimmed;
}

/** An `{id, email}` entry names a user of this account; the id wins when both are given (as Zoom documents). */
async function resolveUsers(db: Queryable, accountId: string, field: string, entries: Array<{ id?: string; email?: string }>): Promise<UserRecord[]> {
  const users: UserRecord[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const id = entry.id?.trim() ?? '';
    const email = entry.email?.trim() ?? '';
    if (id === '' && email === '') throw Errors.validation([{ field: `${field}[${i}]`, message: 'Either id or email is required.' }]);
    const user = id !== '' ? await getUser(db, accountId, id) : await getUserByEmail(db, accountId, email);
    if (!user) throw Errors.userNotFound(id !== '' ? id : email);
    if (!seen.has(user.id)) {
      seen.add(user.id);
      users.push(user);
    }
  }
  return users;
}

/** group.member_added / member_deleted / admin_added / admin_deleted: the group and the users, by id and email. */
async function emitPeople(ctx: Context, event: string, groupId: string, key: 'members' | 'admins', users: UserRecord[]): Promise<void> {
  if (users.length === 0) return;
  await ctx.emit(event, { time_stamp: ctx.clock.now(), object: { id: groupId, [key]: users.map((u) => ({ id: u.id, email: u.email })) } });
}

interface MemberEntries {
  members?: Array<{ id?: string; email?: string }>;
}
interface AdminEntries {
  admins?: Array<{ id?: string; email?: string }>;
}

export function createGroupsProvider(deps: ProviderDeps): Provider {
  const answers = deps.readCache('group');
  // Pages of List group members: entries are made from users' rows, and membership changes publish the group and the user.
  const memberPages = deps.readCache('group_members_page', (c) => (c.kind === 'object' && (c.object === 'user' || c.object === 'group') ? { accountId: c.accountId } : undefined));
  return {
    async groups(input: Input<Record<string, never>, Record<string, unknown>>, ctx: Context) {
      requirePaid(ctx);
      const { total, groups } = await repo.listGroups(ctx.db, ctx.account.id, input.page.size, input.page.offset);
      return input.page.respond(total, { groups: groups.map((g) => groupResponse(g.group, g.total_members)) });
    },

    async groupCreate(input: Input<Record<string, never>, Record<string, never>, { name?: string }>, ctx: Context) {
      requirePaid(ctx);
      const name = validName(input.body?.name);
      if (await repo.getGroupByName(ctx.db, ctx.account.id, name)) throw Errors.groupNameTaken(name);
      if ((await repo.countGroups(ctx.db, ctx.account.id)) >= MAX_GROUPS_PER_ACCOUNT) throw Errors.groupsLimit();
      const group = newGroup(ctx.account.id, name, ctx.clock.iso());
      await repo.insertGroup(ctx.db, ctx.account.id, group);
      await ctx.emit('group.created', { time_stamp: ctx.clock.now(), object: { id: group.id, name: group.name } });
      return groupResponse(group, 0);
    },

    async group(input: Input<{ groupId: string }>, ctx: Context) {
      requirePaid(ctx);
      return answers.read(ctx.account.id, input.path.groupId, async () => {
        const group = await findGroup(ctx, input.path.groupId);
        return groupResponse(group, await repo.countMembers(ctx.db, ctx.account.id, group.id));
      });
    },

    async groupUpdate(input: Input<{ groupId: string }, Record<string, never>, { name?: string }>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      if (input.body?.name === undefined) return;
      const name = validName(input.body.name);
      const other = await repo.getGroupByName(ctx.db, ctx.account.id, name);
      if (other && other.id !== group.id) throw Errors.groupNameInUse(name);
      await repo.renameGroup(ctx.db, ctx.account.id, group.id, name);
      if (name !== group.name) {
        await ctx.emit('group.updated', { time_stamp: ctx.clock.now(), object: { id: group.id, name }, old_object: { id: group.id, name: group.name } });
      }
    },

    async groupDelete(input: Input<{ groupId: string }>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      await repo.deleteGroup(ctx.db, ctx.account.id, group.id);
      // Its settings and virtual backgrounds go with it.
      await deleteOverrides(ctx.db, ctx.account.id, 'group', group.id);
      await deleteFiles(ctx.db, ctx.account.id, 'vb_group', group.id);
      await ctx.emit('group.deleted', { time_stamp: ctx.clock.now(), object: { id: group.id, name: group.name } });
    },

    async groupMembers(input: Input<{ groupId: string }, Record<string, unknown>>, ctx: Context) {
      return memberPages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const group = await findGroup(ctx, input.path.groupId);
        const total = await input.page.total(() => repo.countMembers(ctx.db, ctx.account.id, group.id));
        const { items, last } = await repo.listMembers(ctx.db, ctx.account.id, group.id, input.page);
        return input.page.respondText(total, 'members', items, last);
      });
    },

    async groupMembersCreate(input: Input<{ groupId: string }, Record<string, never>, MemberEntries>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      const entries = input.body?.members ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'members', message: 'Missing field.' }]);
      if (entries.length > MAX_MEMBERS_PER_CALL) {
        throw Errors.validation([{ field: 'members', message: `At most ${MAX_MEMBERS_PER_CALL} members can be added at a time.` }]);
      }
      const users = await resolveUsers(ctx.db, ctx.account.id, 'members', entries);
      const now = ctx.clock.iso();
      const added: UserRecord[] = [];
      for (const user of users) if (await repo.addMember(ctx.db, ctx.account.id, group.id, user.id, now)) added.push(user);
      await emitPeople(ctx, 'group.member_added', group.id, 'members', added);
      return { ids: added.map((u) => u.id).join(','), added_at: now };
    },

    async groupMembersDelete(input: Input<{ groupId: string; memberId: string }>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      if (!(await repo.isMember(ctx.db, ctx.account.id, group.id, input.path.memberId))) throw Errors.groupMemberNotFound();
      await repo.removeMember(ctx.db, ctx.account.id, group.id, input.path.memberId);
      const user = await getUser(ctx.db, ctx.account.id, input.path.memberId);
      if (user) await emitPeople(ctx, 'group.member_deleted', group.id, 'members', [user]);
    },

    async updateAGroupMember(
      input: Input<{ groupId: string; memberId: string }, Record<string, never>, { action: 'move' | 'set_primary'; target_group_id?: string }>,
      ctx: Context,
    ) {
      const group = await findGroup(ctx, input.path.groupId);
      const userId = input.path.memberId;
      if (!(await repo.isMember(ctx.db, ctx.account.id, group.id, userId))) throw Errors.groupMemberNotFound();
      const targetId = input.body.target_group_id?.trim() ?? '';
      if (targetId === '') throw Errors.badRequest('The target_group_id can not be empty.');
      const target = await repo.getGroup(ctx.db, ctx.account.id, targetId);
      if (!target) throw Errors.groupDoesNotExist(targetId);
      if (input.body.action === 'move') {
        if (target.id === group.id) return;
        await repo.moveMember(ctx.db, ctx.account.id, group.id, target.id, userId, ctx.clock.iso());
        // A move is a removal from one group and an addition to the other.
        const user = await getUser(ctx.db, ctx.account.id, userId);
        if (user) {
          await emitPeople(ctx, 'group.member_deleted', group.id, 'members', [user]);
          await emitPeople(ctx, 'group.member_added', target.id, 'members', [user]);
        }
        return;
      }
      // set_primary: the target must be one of the user's groups.
      if (!(await repo.isMember(ctx.db, ctx.account.id, target.id, userId))) throw Errors.groupMemberNotFound();
      await repo.setPrimary(ctx.db, ctx.account.id, target.id, userId);
    },

    async groupAdmins(input: Input<{ groupId: string }, Record<string, unknown>>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      const { total, admins } = await repo.listAdmins(ctx.db, ctx.account.id, group.id, input.page.size, input.page.offset);
      return input.page.respond(total, {
        admins: admins.map((a) => ({ email: a.email, name: (JSON.parse(a.data) as UserProfile).display_name })),
      });
    },

    async groupAdminsCreate(input: Input<{ groupId: string }, Record<string, never>, AdminEntries>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      const entries = input.body?.admins ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'admins', message: 'Missing field.' }]);
      const users = await resolveUsers(ctx.db, ctx.account.id, 'admins', entries);
      const now = ctx.clock.iso();
      const added: UserRecord[] = [];
      for (const user of users) if (await repo.addAdmin(ctx.db, ctx.account.id, group.id, user.id, now)) added.push(user);
      await emitPeople(ctx, 'group.admin_added', group.id, 'admins', added);
      return { ids: added.map((u) => u.id).join(','), added_at: now };
    },

    async groupAdminsDelete(input: Input<{ groupId: string; userId: string }>, ctx: Context) {
      const group = await findGroup(ctx, input.path.groupId);
      const ref = input.path.userId;
      const user = ref.includes('@') ? await getUserByEmail(ctx.db, ctx.account.id, ref) : await getUser(ctx.db, ctx.account.id, ref);
      if (!user || !(await repo.isAdmin(ctx.db, ctx.account.id, group.id, user.id))) throw Errors.notGroupAdmin(group.id);
      await repo.removeAdmin(ctx.db, ctx.account.id, group.id, user.id);
      await emitPeople(ctx, 'group.admin_deleted', group.id, 'admins', [user]);
    },
  };
}
