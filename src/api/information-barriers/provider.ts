// Information Barriers: list, create, get, update and remove policies.
// Policies are stored and served; enforcing them in meetings, chat and phone
// comes with those categories (see README.md).
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { policyFrom, policyListItem, type Policy, type PolicyBody } from './model.ts';
import * as repo from './repository.ts';

/** Information barriers are a paid feature. */
function checkPaid(ctx: Context): void {
  if (ctx.account.plan === 'free') throw Errors.policyPaidOnly(ctx.account.id);
}

async function checkPolicy(ctx: Context, p: Policy): Promise<void> {
  if (p.policy_name === '') throw Errors.policyName();
  if (p.assigned_group_id === '' || p.to_group_id === '' || p.assigned_group_id === p.to_group_id) throw Errors.policyGroups();
  const holder = await repo.policyForPair(ctx.db, ctx.account.id, p.assigned_group_id, p.to_group_id);
  if (holder !== undefined && holder !== p.id) throw Errors.policyDuplicate(p.assigned_group_id, p.to_group_id);
}

async function findPolicy(ctx: Context, policyId: string): Promise<Policy> {
  const p = await repo.getPolicy(ctx.db, ctx.account.id, policyId);
  if (!p) throw Errors.policyNotFound(policyId);
  return p;
}

export function createInformationBarriersProvider(_deps: ProviderDeps): Provider {
  return {
    async InformationBarriersList(input: Input, ctx: Context) {
      checkPaid(ctx);
      const { total, policies } = await repo.listPolicies(ctx.db, ctx.account.id, input.page.size, input.page.offset);
      const body = input.page.respond(total, { policies: policies.map(policyListItem) });
      return { policies: body.policies, total_records: body.total_records, next_page_token: body.next_page_token };
    },

    async InformationBarriersCreate(input: Input<Record<string, never>, Record<string, never>, PolicyBody>, ctx: Context) {
      checkPaid(ctx);
      // The id in the body is required by the schema but Zoom assigns the policy's id.
      const policy = policyFrom(zoomId(), input.body);
      await checkPolicy(ctx, policy);
      await repo.insertPolicy(ctx.db, ctx.account.id, policy, ctx.clock.iso());
      await ctx.emit('information_barriers.policy_created', { object: policy });
      return policy;
    },

    async InformationBarriersGet(input: Input<{ policyId: string }>, ctx: Context) {
      checkPaid(ctx);
      return findPolicy(ctx, input.path.policyId);
    },

    async InformationBarriersUpdate(input: Input<{ policyId: string }, Record<string, never>, PolicyBody>, ctx: Context) {
      checkPaid(ctx);
      const current = await findPolicy(ctx, input.path.policyId);
      const policy = policyFrom(current.id, input.body);
      await checkPolicy(ctx, policy);
      await repo.updatePolicy(ctx.db, ctx.account.id, policy);
      await ctx.emit('information_barriers.policy_updated', { object: policy });
    },

    async InformationBarriersDelete(input: Input<{ policyId: string }>, ctx: Context) {
      checkPaid(ctx);
      const policy = await findPolicy(ctx, input.path.policyId);
      await repo.deletePolicy(ctx.db, ctx.account.id, input.path.policyId);
      await ctx.emit('information_barriers.policy_deleted', { object: policy });
    },
  };
}
