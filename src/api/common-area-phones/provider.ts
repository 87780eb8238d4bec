// Common area phones (5 operations, Zoom's 2021 definitions): a desk phone in
// a shared space with an extension of its own. Its extension number is unique
// in the account, its MAC address among the account's devices; deleting it
// frees its numbers and removes its desk phone.
import { ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import { validExtension } from '../../phone/model.ts';
import * as phone from '../../phone/repository.ts';
import { phoneAccount, siteOf, siteRef } from '../phone/common.ts';
import { addDevice, emitProvision } from '../phone-devices/provider.ts';
import { normalMac, sipAccounts } from '../phone-devices/model.ts';
import { macTaken } from '../phone-devices/schema.ts';
import * as devices from '../phone-devices/repository.ts';
import * as repo from './repository.ts';

const CapErrors = {
  notFound: () => new ZoomError(400, 400, 'Device does not exist in the system.'),
  notFoundWrite: () => new ZoomError(400, 300, 'Validation Failed. Device does not exist in the system.'),
  needsPlan: (what: 'Select outbound caller id' | 'International calling') => new ZoomError(400, 300, `${what} feature requires a Zoom Phone Metered, Unlimited, or Pro plan.`),
  macInvalid: () => new ZoomError(400, 400, 'The MAC Address is invalid.'),
};

interface CapBody {
  site_id?: string;
  display_name?: string;
  description?: string;
  extension_number?: number;
  mac_address?: string;
  type?: string;
  model?: string;
  time_zone?: string;
  provision_template_id?: string;
  policy?: { select_outbound_caller_id?: { enable?: boolean }; international_call?: { enable?: boolean }; hot_desking?: { status?: 'unsupported' | 'on' | 'off' } };
}

export function createCommonAreaPhonesProvider(_deps: ProviderDeps): Provider {
  async function capOf(ctx: Context, id: string, write = false) {
    await phoneAccount(ctx);
    const cap = await repo.getPhone(ctx.db, ctx.account.id, id);
    const ext = cap && (await phone.getExtensionOf(ctx.db, ctx.account.id, 'commonArea', cap.id));
    const device = cap && (await devices.getDevice(ctx.db, ctx.account.id, cap.device_id));
    if (!cap || !ext || !device) throw write ? CapErrors.notFoundWrite() : CapErrors.notFound();
    return { cap, ext, device };
  }

  async function numbers(ctx: Context, id: string) {
    return (await phone.numbersOf(ctx.db, ctx.account.id, 'commonArea', id)).map((n) => ({ id: n.id, number: n.number, source: n.source, display_name: n.display_name }));
  }

  return {
    async listCommonAreaPhones(input: Input, ctx: Context) {
      await phoneAccount(ctx);
      const total = await input.page.total(() => repo.countPhones(ctx.db, ctx.account.id));
      const { phones, last } = await repo.listPhones(ctx.db, ctx.account.id, input.page);
      const items = [];
      for (const cap of phones) {
        const ext = await phone.getExtensionOf(ctx.db, ctx.account.id, 'commonArea', cap.id);
        const device = await devices.getDevice(ctx.db, ctx.account.id, cap.device_id);
        const site = ext && (await phone.getSite(ctx.db, ctx.account.id, ext.site_id));
        items.push({
          id: cap.id,
          display_name: ext?.name ?? '',
          device_type: device?.device_type ?? '',
          mac_address: device?.mac_address ?? '',
          calling_plans: [],
          phone_numbers: (await numbers(ctx, cap.id)).map(({ display_name: _d, ...n }) => n),
          status: 'offline',
          ...(site ? { site: siteRef(site) } : {}),
        });
      }
      return input.page.respond(total, { common_area_phones: items }, last);
    },

    async addCommonAreaPhone(input: Input<Record<string, never>, Record<string, never>, CapBody & { display_name: string; extension_number: number; mac_address: string; type: string }>, ctx: Context) {
      const main = await phoneAccount(ctx);
      const b = input.body;
      const site = b.site_id !== undefined ? await siteOf(ctx, b.site_id) : main;
      if (!validExtension(b.extension_number)) throw PhoneErrors.extensionOutOfRange(b.extension_number);
      const id = zoomId();
      const ext = await phone.claimExtension(ctx.db, ctx.account.id, { type: 'commonArea', id, name: b.display_name, site, extension_number: b.extension_number }, ctx.clock.iso());
      const device = await addDevice(ctx, { display_name: b.display_name, mac_address: b.mac_address, type: b.type, model: b.model, site_id: site.id, assignees: [ext], provision_template_id: b.provision_template_id });
      const cap: repo.CommonAreaPhone = {
        id,
        device_id: device.id,
        description: b.description ?? '',
        time_zone: b.time_zone ?? ctx.account.data.timezone,
        policy: { select_outbound_caller_id: { enable: false }, international_call: { enable: false }, hot_desking: { status: 'off' } },
      };
      await repo.insertPhone(ctx.db, ctx.account.id, cap, ctx.clock.iso());
      await emitProvision(ctx, device);
      return { id, display_name: b.display_name };
    },

    async getACommonAreaPhone(input: Input<{ commonAreaPhoneId: string }>, ctx: Context) {
      const { cap, ext, device } = await capOf(ctx, input.path.commonAreaPhoneId);
      const site = await phone.getSite(ctx.db, ctx.account.id, ext.site_id);
      return {
        id: cap.id,
        name: ext.name,
        device_type: device.device_type,
        mac_address: device.mac_address,
        status: 'offline',
        ...(site ? { site: siteRef(site) } : {}),
        provision: { type: 'manual' as const, url: '', sip_accounts: sipAccounts(device, [ext], ctx.account.account_number) },
        phone_numbers: await numbers(ctx, cap.id),
        calling_plans: [],
        policy: cap.policy,
      };
    },

    async updateCommonAreaPhone(input: Input<{ commonAreaPhoneId: string }, Record<string, never>, CapBody>, ctx: Context) {
      const { cap, ext, device } = await capOf(ctx, input.path.commonAreaPhoneId, true);
      const b = input.body;
      // A common area phone holds no calling plan here: the features that need one stay off.
      if (b.policy?.select_outbound_caller_id?.enable === true) throw CapErrors.needsPlan('Select outbound caller id');
      if (b.policy?.international_call?.enable === true) throw CapErrors.needsPlan('International calling');
      if (b.policy?.hot_desking?.status !== undefined) cap.policy.hot_desking.status = b.policy.hot_desking.status;
      const site = b.site_id !== undefined ? await siteOf(ctx, b.site_id) : undefined;
      if (b.extension_number !== undefined && !validExtension(b.extension_number)) throw PhoneErrors.extensionOutOfRange(b.extension_number);
      await phone.updateExtension(ctx.db, ctx.account.id, 'commonArea', cap.id, { extension_number: b.extension_number, name: b.display_name, site_id: site?.id });
      let provisioned = false;
      if (b.mac_address !== undefined) {
        const mac = normalMac(b.mac_address);
        if (!mac) throw CapErrors.macInvalid();
        const holder = await devices.getDeviceByMac(ctx.db, ctx.account.id, mac);
        if (holder && holder.id !== device.id) throw macTaken();
        provisioned = mac !== device.mac_address;
        device.mac_address = mac;
      }
      if (b.display_name !== undefined) device.display_name = b.display_name;
      if (site) device.site_id = site.id;
      if (b.provision_template_id !== undefined) device.provision_template_id = b.provision_template_id;
      await devices.updateDevice(ctx.db, ctx.account.id, device);
      await repo.updatePhone(ctx.db, ctx.account.id, cap);
      if (provisioned || site || (b.extension_number !== undefined && b.extension_number !== ext.extension_number)) await emitProvision(ctx, device);
    },

    async deleteCommonAreaPhone(input: Input<{ commonAreaPhoneId: string }>, ctx: Context) {
      const { cap, device } = await capOf(ctx, input.path.commonAreaPhoneId, true);
      await phone.releaseExtension(ctx.db, ctx.account.id, 'commonArea', cap.id);
      await devices.deleteDevice(ctx.db, ctx.account.id, device.id);
      await repo.deletePhone(ctx.db, ctx.account.id, cap.id);
      await ctx.emit('phone.generic_device_provision', { object: { id: device.id, display_name: device.display_name, device_type: `${device.device_type} ${device.model}`.trim(), mac_address: device.mac_address } });
    },
  };
}
