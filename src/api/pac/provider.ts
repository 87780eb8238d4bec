// PAC (1 operation): List a user's PAC accounts.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { inForce } from '../../tenancy/plans.ts';
import { lookupUser } from '../users/lookup.ts';
import { pacAccount } from './model.ts';

export function createPacProvider(_deps: ProviderDeps): Provider {
  return {
    async userPACs(input: Input<{ userId: string }>, ctx: Context) {
      const user = await lookupUser(ctx.db, ctx.account.id, ctx.resolveMe(input.path.userId));
      if (!user) throw Errors.userNotFound(input.path.userId);
      // PAC is the add-on's, for licensed users.
      if (!ctx.account.data.addons?.pac || user.type !== 2) throw Errors.pacNotEnabled();
      const now = ctx.clock.iso();
      const audio = (ctx.account.data.plans ?? []).find((p) => p.slot === 'audio' && inForce(p, now));
      const countries = (audio?.callout_countries ?? audio?.tollfree_countries ?? '').split(',').filter((c) => c.trim() !== '');
      return { pac_accounts: [pacAccount(ctx.account.id, user.id, countries)] };
    },
  };
}
