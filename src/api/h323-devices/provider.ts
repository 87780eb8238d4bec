// H.323/SIP devices (4 operations): the account's room systems that Zoom
// meetings can dial out to.
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { checkDevice, type Device } from './model.ts';
import * as repo from './repository.ts';

type Body = Omit<Device, 'id'>;

export function createH323DevicesProvider(deps: ProviderDeps): Provider {
  // Pages of List devices, kept until a device of the account is added, changed or removed (storage/coherence-schema.ts).
  const pages = deps.readCache('h323_devices', (c) => (c.kind === 'object' && c.object === 'h323_devices' ? { accountId: c.accountId } : undefined));
  return {
    async deviceList(input: Input, ctx: Context) {
      return pages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const total = await input.page.total(() => repo.countDevices(ctx.db, ctx.account.id));
        const { items, last } = await repo.listDevices(ctx.db, ctx.account.id, input.page);
        return input.page.respondText(total, 'devices', items, last);
      });
    },

    async deviceCreate(input: Input<Record<string, never>, Record<string, never>, Body>, ctx: Context) {
      const fields = checkDevice(input.body);
      if (await repo.deviceIdByName(ctx.db, ctx.account.id, fields.name)) throw Errors.deviceNameTaken(fields.name);
      const device: Device = { id: zoomId(), ...fields };
      await repo.insertDevice(ctx.db, ctx.account.id, device, ctx.clock.iso());
      return device;
    },

    async deviceUpdate(input: Input<{ deviceId: string }, Record<string, never>, Body>, ctx: Context) {
      const device = await repo.getDevice(ctx.db, ctx.account.id, input.path.deviceId);
      if (!device) throw Errors.deviceNotFound(input.path.deviceId);
      const fields = checkDevice(input.body);
      const other = await repo.deviceIdByName(ctx.db, ctx.account.id, fields.name);
      if (other !== undefined && other !== device.id) throw Errors.deviceNameTaken(fields.name);
      await repo.updateDevice(ctx.db, ctx.account.id, { id: device.id, ...fields });
    },

    async deviceDelete(input: Input<{ deviceId: string }>, ctx: Context) {
      if ((await repo.deleteDevice(ctx.db, ctx.account.id, input.path.deviceId)) === 0) throw Errors.deviceNotFound(input.path.deviceId);
    },
  };
}
