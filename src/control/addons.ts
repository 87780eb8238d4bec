// The control plane's add-ons: what an account holds beyond its base plan
// (webinar, large meeting, cloud recording storage, Zoom Rooms, Zoom Phone
// licences as plans; TSP, SIP phone integration, SIP Connected Audio and PAC
// as features Zoom enables). POST /_openzoom/accounts takes `addons`;
// PATCH /_openzoom/accounts/:accountId changes them.
import type { FastifyInstance } from 'fastify';
import { Errors } from '../core/errors.ts';
import { seedSipTrunk, listTrunks } from '../api/sip-audio/repository.ts';
import { changeAddons, type AddonsInput } from '../tenancy/provisioning.ts';
import { setUpPhone } from '../phone/provisioning.ts';
import { getAccount, updateAccount } from '../tenancy/repository.ts';
import type { ControlDeps } from './routes.ts';
import { addonsSchema } from './addons-schema.ts';
import { readBody } from './schemas.ts';

const PATCH_BODY = { type: 'object', additionalProperties: false, required: ['addons'], properties: { addons: addonsSchema(true) } };

export function registerAddons(c: FastifyInstance, deps: Pick<ControlDeps, 'db' | 'clock'>): void {
  c.patch('/accounts/:accountId', async (req) => {
    const body = readBody<{ addons: { [K in keyof AddonsInput]?: AddonsInput[K] | false } }>(req, PATCH_BODY);
    const accountId = (req.params as { accountId: string }).accountId;
    return deps.db.transaction(async (tx) => {
      const account = await getAccount(tx, accountId);
      if (!account) throw Errors.accountNotFound(accountId);
      const refused = changeAddons(account, body.addons, deps.clock.iso());
      if (refused) throw Errors.validation([{ field: `addons.${refused.unfit}`, message: 'No plan of the price table fits.' }]);
      await updateAccount(tx, account);
      // The SIP Connected Audio plan comes with its trunk configuration.
      if (account.data.addons?.sip_connected_audio && (await listTrunks(tx, account.id)).length === 0) await seedSipTrunk(tx, account.id, account.account_number);
      // Zoom Phone plans come with the phone account set up (once).
      if (account.data.addons?.phone) await setUpPhone(tx, account, deps.clock.iso());
      return { account_id: account.id, plan: account.plan, seats: account.data.seats, addons: account.data.addons ?? {} };
    });
  });
}
