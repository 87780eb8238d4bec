// Phone Call Queues (13 operations): queues in a site, their members (phone
// users of the account; the first is the manager), their numbers, their
// recordings. Shared machinery: src/phone/groups/.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { patched, queueDetails, queueListItem, type PhoneGroup } from '../../phone/groups/model.ts';
import * as repo from '../../phone/groups/repository.ts';
import * as groups from '../../phone/groups/service.ts';
import { phoneOnly } from '../../phone/groups/service.ts';
import { recordingsPage } from '../../phone/calls/lists.ts';

type Id = { callQueueId: string };
const notFound = (id: string) => new ZoomError(400, 300, `Validation Failed. The group does not exist, groupId:${id}.`);

async function queue(ctx: Context, id: string, missing: (id: string) => ZoomError = notFound): Promise<PhoneGroup> {
  const g = await repo.getGroup(ctx.db, ctx.account.id, 'callQueue', id);
  if (!g) throw missing(id);
  return g;
}

async function details(ctx: Context, g: PhoneGroup) {
  const { users, areas } = await groups.memberViews(ctx, g);
  return queueDetails(g, await groups.siteRef(ctx, g.site_id), await groups.numberRefs(ctx, g), users, areas);
}

export function createPhoneCallQueuesProvider(deps: ProviderDeps): Provider {
  // Kept answers of Get a call queue, dropped by triggers on everything they are made from (storage/coherence-schema.ts).
  const answers = deps.readCache('call_queue');
  return phoneOnly({
    async listCallQueues(input: Input<Record<string, never>, { site_id?: string; cost_center?: string; department?: string }>, ctx: Context) {
      const f = { site_id: input.query.site_id, cost_center: input.query.cost_center, department: input.query.department };
      const total = await input.page.total(() => repo.countGroups(ctx.db, ctx.account.id, 'callQueue', f));
      const { groups: page, last } = await repo.listGroups(ctx.db, ctx.account.id, 'callQueue', f, input.page);
      const items = [];
      for (const g of page) items.push(queueListItem(g, await groups.siteRef(ctx, g.site_id), await groups.numberRefs(ctx, g)));
      return input.page.respond(total, { call_queues: items }, last);
    },

    async createCallQueue(
      input: Input<Record<string, never>, Record<string, never>, { name: string; site_id: string; extension_number?: number; description?: string; cost_center?: string; department?: string } & groups.MembersBody>,
      ctx: Context,
    ) {
      const g = await groups.createGroup(ctx, 'callQueue', input.body);
      if (input.body.members) await groups.addMembers(ctx, g, input.body, (first) => (first ? 'manager' : 'user'));
      return { id: g.id, name: g.name, extension_number: g.extension_number, status: g.data.status };
    },

    async getACallQueue(input: Input<Id>, ctx: Context) {
      const id = input.path.callQueueId;
      return answers.read(ctx.account.id, id, async () => details(ctx, await queue(ctx, id, (x) => new ZoomError(404, 13000, `The Call Queue does not exist, callQueueId:${x}.`))));
    },

    async updateCallQueue(input: Input<Id, Record<string, never>, Record<string, unknown>>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId);
      const b = input.body;
      if (typeof b.timezone === 'string' && !groups.validTimezone(b.timezone)) throw new ZoomError(400, 300, 'Timezone not found in the system.');
      if (typeof b.site_id === 'string') await groups.siteOrMain(ctx, b.site_id);
      await groups.saveGroup(ctx, g, patched(g, b));
    },

    async deleteACallQueue(input: Input<Id>, ctx: Context) {
      await groups.removeGroup(ctx, await queue(ctx, input.path.callQueueId, (id) => new ZoomError(400, 400, `The group does not exist, groupId:${id}.`)));
    },

    async addMembersToCallQueue(input: Input<Id, Record<string, never>, groups.MembersBody>, ctx: Context) {
      await groups.addMembers(ctx, await queue(ctx, input.path.callQueueId), input.body, (first) => (first ? 'manager' : 'user'));
    },

    async unassignAllMembers(input: Input<Id>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId);
      await repo.removeMembers(ctx.db, ctx.account.id, g.id);
      await groups.noteChange(ctx, g, 'Remove all members of');
    },

    async unassignMemberFromCallQueue(input: Input<Id & { memberId: string }>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId);
      const m = (await repo.members(ctx.db, ctx.account.id, g.id)).find((x) => x.member_id === input.path.memberId);
      if (!m) throw new ZoomError(404, 1001, `User not found: ${input.path.memberId}`);
      if (m.level === 'manager') throw new ZoomError(400, 400, 'Unable to delete manager');
      await repo.removeMembers(ctx.db, ctx.account.id, g.id, m.member_id);
      await groups.noteChange(ctx, g, 'Remove a member of');
    },

    // The 2021 operation: one member manages the queue (the previous manager becomes a member).
    async changeCallQueueManager(input: Input<Id, Record<string, never>, { member_id?: string }>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId);
      const ref = input.body.member_id ?? '';
      const user = ref ? await groups.accountUser(ctx, ref) : undefined;
      const members = await repo.members(ctx.db, ctx.account.id, g.id);
      const m = user && members.find((x) => x.member_id === user.id && x.member_type === 'user');
      if (!m) throw new ZoomError(404, 1001, `User not found: ${ref}`);
      for (const x of members) if (x.level === 'manager' && x.member_id !== m.member_id) await repo.setLevel(ctx.db, ctx.account.id, g.id, x.member_id, 'user');
      await repo.setLevel(ctx.db, ctx.account.id, g.id, m.member_id, 'manager');
      await groups.noteChange(ctx, g, 'Change the manager of');
    },

    async assignPhoneToCallQueue(input: Input<Id, Record<string, never>, { phone_numbers?: Array<{ id?: string; number?: string }> }>, ctx: Context) {
      await groups.assign(ctx, await queue(ctx, input.path.callQueueId, (id) => new ZoomError(400, 400, `Call Queue does not exist: ${id}.`)), input.body.phone_numbers ?? []);
    },

    async unassignAPhoneNumCallQueue(input: Input<Id>, ctx: Context) {
      await groups.unassign(ctx, await queue(ctx, input.path.callQueueId));
    },

    async unAssignPhoneNumCallQueue(input: Input<Id & { phoneNumberId: string }>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId, (id) => new ZoomError(400, 300, `Validation failed. The group does not exist, groupId:${id}.`));
      if (!(await groups.unassign(ctx, g, input.path.phoneNumberId))) throw new ZoomError(404, 404, 'Phone number not belong to call queue.');
    },

    async getCallQueueRecordings(input: Input<Id, { from?: string; to?: string }>, ctx: Context) {
      const g = await queue(ctx, input.path.callQueueId);
      return recordingsPage(ctx, deps, input.page, input.query, { owner_id: g.id }, 'queue');
    },
  });
}
