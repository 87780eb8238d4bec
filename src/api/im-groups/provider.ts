// IM Groups: directory groups (who finds whom in the chat directory) and their members.
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { lookupUser } from '../users/lookup.ts';
import type { UserProfile, UserRecord } from '../users/model.ts';
import { imGroupNameTaken, imGroupNotFound, imGroupResponse, type ImGroupRecord, type ImGroupType } from './model.ts';
import * as repo from './repository.ts';

/** Zoom adds at most 10 members per Add IM directory group members call. */
export const MAX_MEMBERS_PER_CALL = 10;

interface GroupBody {
  name?: string;
  type?: ImGroupType;
  search_by_account?: boolean;
  search_by_domain?: boolean;
  search_by_ma_account?: boolean;
}

/** Every IM group operation is for paid plans only (400/200). */
function requirePaid(ctx: Context): void {
  if (ctx.account.plan === 'free') throw Errors.groupsPaidOnly();
}

async function findGroup(ctx: Context, id: string): Promise<ImGroupRecord> {
  requirePaid(ctx);
  const g = await repo.getGroup(ctx.db, ctx.account.id, id);
  if (!g) throw imGroupNotFound(id);
  return g;
}

function validName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (trimmed === '') throw Errors.badRequest('Invalid parameter: name.');
  return trimmed;
}

function applySearch(g: ImGroupRecord, b: GroupBody): void {
  if (b.type !== undefined) g.type = b.type;
  if (b.search_by_account !== undefined) g.search_by_account = b.search_by_account;
  if (b.search_by_domain !== undefined) g.search_by_domain = b.search_by_domain;
  if (b.search_by_ma_account !== undefined) g.search_by_ma_account = b.search_by_ma_account;
}

export function createImGroupsProvider(_deps: ProviderDeps): Provider {
  return {
    async imGroups(_input: Input, ctx: Context) {
      requirePaid(ctx);
      const groups = await repo.listGroups(ctx.db, ctx.account.id);
      return { total_records: groups.length, groups: groups.map((g) => imGroupResponse(g.group, g.total)) };
    },

    async imGroupCreate(input: Input<Record<string, never>, Record<string, never>, GroupBody>, ctx: Context) {
      requirePaid(ctx);
      const name = validName(input.body.name);
      if (await repo.groupIdNamed(ctx.db, ctx.account.id, name)) throw imGroupNameTaken(name);
      // Zoom's defaults: a normal group, searchable within the account.
      const g: ImGroupRecord = { id: zoomId(), name, type: 'normal', search_by_account: true, search_by_domain: false, search_by_ma_account: false, created_at: ctx.clock.iso() };
      applySearch(g, input.body);
      await repo.insertGroup(ctx.db, ctx.account.id, g);
      return imGroupResponse(g, 0);
    },

    async imGroup(input: Input<{ groupId: string }>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      return imGroupResponse(g, await repo.countMembers(ctx.db, ctx.account.id, g.id));
    },

    async imGroupUpdate(input: Input<{ groupId: string }, Record<string, never>, GroupBody>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      if (input.body.name !== undefined) {
        const name = validName(input.body.name);
        const other = await repo.groupIdNamed(ctx.db, ctx.account.id, name);
        if (other !== undefined && other !== g.id) throw imGroupNameTaken(name);
        g.name = name;
      }
      applySearch(g, input.body);
      await repo.updateGroup(ctx.db, ctx.account.id, g);
    },

    async imGroupDelete(input: Input<{ groupId: string }>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      await repo.deleteGroup(ctx.db, ctx.account.id, g.id);
    },

    async imGroupMembers(input: Input<{ groupId: string }>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      const total = await input.page.total(() => repo.countMembers(ctx.db, ctx.account.id, g.id));
      const { members, last } = await repo.listMembers(ctx.db, ctx.account.id, g.id, input.page);
      const items = members.map((m) => {
        const p = JSON.parse(m.data) as UserProfile;
        return { email: m.email, first_name: p.first_name, id: m.id, last_name: p.last_name, type: Number(m.type) };
      });
      return input.page.respond(total, { members: items }, last);
    },

    async imGroupMembersCreate(input: Input<{ groupId: string }, Record<string, never>, { members?: Array<{ id?: string; email?: string }> }>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      const entries = input.body.members ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'members', message: 'Missing field.' }]);
      if (entries.length > MAX_MEMBERS_PER_CALL) {
        throw Errors.validation([{ field: 'members', message: `At most ${MAX_MEMBERS_PER_CALL} members can be added at a time.` }]);
      }
      const users: UserRecord[] = [];
      for (const [i, e] of entries.entries()) {
        const ref = e.id?.trim() || e.email?.trim() || '';
        if (ref === '') throw Errors.validation([{ field: `members[${i}]`, message: 'Either id or email is required.' }]);
        const u = await lookupUser(ctx.db, ctx.account.id, ref);
        if (!u) throw Errors.userNotFound(ref);
        users.push(u);
      }
      const now = ctx.clock.iso();
      const added: string[] = [];
      for (const u of users) if (await repo.addMember(ctx.db, ctx.account.id, g.id, u.id, now)) added.push(u.id);
      return { ids: added.join(','), added_at: now };
    },

    async imGroupMembersDelete(input: Input<{ groupId: string; memberId: string }>, ctx: Context) {
      const g = await findGroup(ctx, input.path.groupId);
      if (!(await repo.isMember(ctx.db, ctx.account.id, g.id, input.path.memberId))) throw Errors.groupMemberNotFound();
      await repo.removeMember(ctx.db, ctx.account.id, g.id, input.path.memberId);
    },
  };
}
