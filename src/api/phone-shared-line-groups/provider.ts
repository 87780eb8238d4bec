// Phone Shared Line Groups (10 operations): a group of phone users who share
// the group's numbers; a call to it rings every member at once.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { patched, slgDetails, slgListItem, type PhoneGroup } from '../../phone/groups/model.ts';
import * as repo from '../../phone/groups/repository.ts';
import * as groups from '../../phone/groups/service.ts';
import { phoneOnly } from '../../phone/groups/service.ts';

const notFound = (id: string) => new ZoomError(400, 300, `Shared line group does not exist: ${id}.`);

async function slg(ctx: Context, id: string, missing: (id: string) => ZoomError = notFound): Promise<PhoneGroup> {
  const g = await repo.getGroup(ctx.db, ctx.account.id, 'sharedLineGroup', id);
  if (!g) throw missing(id);
  return g;
}

/** Today's paths name the group {slgId}, the 2021 ones {sharedLineGroupId}. */
const idOf = (p: { slgId?: string; sharedLineGroupId?: string }) => p.slgId ?? p.sharedLineGroupId ?? '';
type Id = { slgId?: string; sharedLineGroupId?: string };

export function createPhoneSharedLineGroupsProvider(_deps: ProviderDeps): Provider {
  return phoneOnly({
    async listSharedLineGroups(input: Input, ctx: Context) {
      const total = await input.page.total(() => repo.countGroups(ctx.db, ctx.account.id, 'sharedLineGroup'));
      const { groups: page, last } = await repo.listGroups(ctx.db, ctx.account.id, 'sharedLineGroup', {}, input.page);
      const items = [];
      for (const g of page) items.push(slgListItem(g, await groups.siteRef(ctx, g.site_id), await groups.numberRefs(ctx, g)));
      return input.page.respond(total, { shared_line_groups: items }, last);
    },

    async createASharedLineGroup(input: Input<Record<string, never>, Record<string, never>, { display_name: string; description?: string; extension_number?: number; site_id?: string }>, ctx: Context) {
      const g = await groups.createGroup(ctx, 'sharedLineGroup', { ...input.body, name: input.body.display_name });
      return { id: g.id, display_name: g.name };
    },

    async getASharedLineGroup(input: Input<Id>, ctx: Context) {
      const g = await slg(ctx, idOf(input.path), (id) => new ZoomError(404, 404, `Shared line group does not exist: ${id}.`));
      const { users, areas } = await groups.memberViews(ctx, g);
      return slgDetails(g, await groups.siteRef(ctx, g.site_id), await groups.numberRefs(ctx, g), users, areas);
    },

    async updateASharedLineGroup(input: Input<Id, Record<string, never>, Record<string, unknown>>, ctx: Context) {
      const g = await slg(ctx, idOf(input.path));
      const b = input.body;
      if (typeof b.timezone === 'string' && !groups.validTimezone(b.timezone)) throw new ZoomError(400, 300, 'Timezone not found in the system.');
      if (typeof b.primary_number === 'string' && !(await groups.numberRefs(ctx, g)).some((n) => n.number === b.primary_number || n.id === b.primary_number)) {
        throw new ZoomError(400, 300, 'The primary number must be one of the group\'s numbers.');
      }
      await groups.saveGroup(ctx, g, patched(g, b));
    },

    async deleteASharedLineGroup(input: Input<Id>, ctx: Context) {
      await groups.removeGroup(ctx, await slg(ctx, idOf(input.path)));
    },

    async addMembersToSharedLineGroup(input: Input<Id, Record<string, never>, groups.MembersBody>, ctx: Context) {
      await groups.addMembers(ctx, await slg(ctx, idOf(input.path)), input.body, () => 'user');
    },

    async deleteMembersOfSLG(input: Input<Id>, ctx: Context) {
      const g = await slg(ctx, idOf(input.path));
      await repo.removeMembers(ctx.db, ctx.account.id, g.id);
      await groups.noteChange(ctx, g, 'Remove all members of');
    },

    async deleteAMemberSLG(input: Input<Id & { memberId: string }>, ctx: Context) {
      const g = await slg(ctx, idOf(input.path));
      if ((await repo.removeMembers(ctx.db, ctx.account.id, g.id, input.path.memberId)) === 0) throw new ZoomError(400, 300, `Member does not exist: ${input.path.memberId}.`);
      await groups.noteChange(ctx, g, 'Remove a member of');
    },

    async assignPhoneNumbersSLG(input: Input<Id, Record<string, never>, { phone_numbers?: Array<{ id?: string; number?: string }> }>, ctx: Context) {
      await groups.assign(ctx, await slg(ctx, idOf(input.path)), input.body.phone_numbers ?? []);
    },

    async deleteAPhoneNumberSLG(input: Input<Id & { phoneNumberId: string }>, ctx: Context) {
      const g = await slg(ctx, idOf(input.path));
      if (!(await groups.unassign(ctx, g, input.path.phoneNumberId))) throw new ZoomError(400, 400, 'Phone number does not exist');
    },
  });
}
