// Phone devices (5 operations): desk phones of the account, each with a
// unique MAC address, assigned to phone users or common area phones and
// provisioned manually with SIP accounts. Assignment changes emit Zoom's
// phone.generic_device_provision.
import { ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Extension } from '../../phone/model.ts';
import * as phone from '../../phone/repository.ts';
import { phoneAccount, siteOf, siteRef } from '../phone/common.ts';
import { macTaken } from './schema.ts';
import { deviceType, newPassword, normalMac, sipAccounts, type Device } from './model.ts';
import * as repo from './repository.ts';
import { commonAreaPhoneOfDevice } from '../common-area-phones/repository.ts';

const DeviceErrors = {
  notFound: () => new ZoomError(400, 400, 'Device does not exist in the system.'),
  notFoundUpdate: () => new ZoomError(400, 300, 'Validation failed. Device does not exist in the system. Invalid userId.'),
  macInvalid: () => new ZoomError(400, 400, 'The MAC Address is invalid.'),
  extensionNotFound: (id: string) => new ZoomError(404, 1001, `The user extension does not exist, extensionId: ${id}.`),
  userNotFound: (id: string) => new ZoomError(404, 1001, `User not found: ${id}`),
};

/** The extensions a device serves (users and common area phones still in the directory). */
export async function deviceAssignees(ctx: Context, d: Device): Promise<Extension[]> {
  const out: Extension[] = [];
  for (const id of d.assignees) {
    const x = await phone.getExtensionById(ctx.db, ctx.account.id, id);
    if (x) out.push(x);
  }
  return out;
}

/** The device as Zoom's device objects show it (list and get). */
async function deviceResponse(ctx: Context, d: Device, full: boolean) {
  const assignees = await deviceAssignees(ctx, d);
  const site = d.site_id ? await phone.getSite(ctx.db, ctx.account.id, d.site_id) : undefined;
  const ref = (x: Extension) => ({ id: x.owner_id, name: x.name, extension_number: x.extension_number, extension_type: x.owner_type as 'user' | 'commonArea' });
  return {
    id: d.id,
    display_name: d.display_name,
    mac_address: d.mac_address,
    device_type: d.device_type,
    status: 'offline' as const,
    ...(assignees[0] ? { assignee: ref(assignees[0]) } : {}),
    assignees: assignees.map((x) => ({ ...ref(x), extension_id: x.extension_id })),
    ...(site ? { site: siteRef(site) } : {}),
    ...(d.provision_template_id ? { provision_template_id: d.provision_template_id } : {}),
    ...(full && assignees.length > 0 ? { provision: { type: 'manual' as const, sip_accounts: sipAccounts(d, assignees, ctx.account.account_number) } } : {}),
  };
}

/** Zoom's phone.generic_device_provision for a device whose assignment changed. */
export async function emitProvision(ctx: Context, d: Device): Promise<void> {
  const assignees = await deviceAssignees(ctx, d);
  const site = d.site_id ? await phone.getSite(ctx.db, ctx.account.id, d.site_id) : undefined;
  await ctx.emit('phone.generic_device_provision', {
    object: {
      id: d.id,
      display_name: d.display_name,
      device_type: `${d.device_type} ${d.model}`.trim(),
      mac_address: d.mac_address,
      ...(site ? { site: siteRef(site) } : {}),
      ...(assignees.length > 0 ? { provision: { type: 'manual', sip_accounts: sipAccounts(d, assignees, ctx.account.account_number) } } : {}),
    },
  });
}

/** The extension ids `assigned_to` (a user id or email) and `assignee_extension_ids` name; every one must be a user's or common area phone's. */
async function assigneesFrom(ctx: Context, assignedTo: string | undefined, extensionIds: readonly string[] | undefined): Promise<Extension[]> {
  const out: Extension[] = [];
  if (assignedTo !== undefined && assignedTo !== '') {
    const pu = await phone.findPhoneUser(ctx.db, ctx.account.id, assignedTo);
    if (!pu) throw DeviceErrors.userNotFound(assignedTo);
    out.push((await phone.getExtensionOf(ctx.db, ctx.account.id, 'user', pu.user_id))!);
  }
  for (const id of extensionIds ?? []) {
    const x = await phone.getExtensionById(ctx.db, ctx.account.id, id);
    if (!x || (x.owner_type !== 'user' && x.owner_type !== 'commonArea')) throw DeviceErrors.extensionNotFound(id);
    if (!out.some((o) => o.extension_id === x.extension_id)) out.push(x);
  }
  return out;
}

/** Stores a new device (its MAC must be free); used by common area phones for their desk phone too. */
export async function addDevice(ctx: Context, fields: { display_name: string; mac_address: string; type: string; model?: string | undefined; site_id: string | null; assignees: Extension[]; provision_template_id?: string | undefined }): Promise<Device> {
  const mac = normalMac(fields.mac_address);
  if (!mac) throw DeviceErrors.macInvalid();
  if (await repo.getDeviceByMac(ctx.db, ctx.account.id, mac)) throw macTaken();
  const d: Device = {
    id: zoomId(),
    display_name: fields.display_name,
    mac_address: mac,
    device_type: deviceType(fields.type),
    model: fields.model ?? '',
    site_id: fields.site_id ?? fields.assignees[0]?.site_id ?? null,
    assignees: fields.assignees.map((x) => x.extension_id),
    ...(fields.provision_template_id ? { provision_template_id: fields.provision_template_id } : {}),
    sip_password: newPassword(),
  };
  await repo.insertDevice(ctx.db, ctx.account.id, d, ctx.clock.iso());
  return d;
}

export { DeviceErrors };

/** A phone user or common area phone moved to another site: its devices follow, each provisioned again. */
export async function devicesFollowSite(ctx: Context, extensionId: string, siteId: string): Promise<void> {
  for (const d of await repo.devicesOf(ctx.db, ctx.account.id, extensionId)) {
    d.site_id = siteId;
    await repo.updateDevice(ctx.db, ctx.account.id, d);
    await emitProvision(ctx, d);
  }
}

export function createPhoneDevicesProvider(_deps: ProviderDeps): Provider {
  async function deviceOf(ctx: Context, id: string, update = false): Promise<Device> {
    await phoneAccount(ctx);
    const d = await repo.getDevice(ctx.db, ctx.account.id, id);
    if (!d) throw update ? DeviceErrors.notFoundUpdate() : DeviceErrors.notFound();
    return d;
  }

  return {
    async listPhoneDevices(
      input: Input<Record<string, never>, { type: 'assigned' | 'unassigned'; assignee_type?: string; site_id?: string; device_type?: string; keyword?: string }>,
      ctx: Context,
    ) {
      await phoneAccount(ctx);
      const q = input.query;
      const filter: repo.DeviceFilter = { assigned: q.type === 'assigned', assignee_type: q.assignee_type, site_id: q.site_id, device_type: q.device_type, keyword: q.keyword?.trim() || undefined };
      const total = await input.page.total(() => repo.countDevices(ctx.db, ctx.account.id, filter));
      const { devices, last } = await repo.listDevices(ctx.db, ctx.account.id, filter, input.page);
      const items = [];
      for (const d of devices) items.push(await deviceResponse(ctx, d, false));
      return input.page.respond(total, { devices: items }, last);
    },

    async addPhoneDevice(
      input: Input<Record<string, never>, Record<string, never>, { display_name: string; mac_address: string; type: string; model?: string; assigned_to?: string; assignee_extension_ids?: string[]; site_id?: string; provision_template_id?: string }>,
      ctx: Context,
    ) {
      await phoneAccount(ctx);
      const b = input.body;
      const site = b.site_id !== undefined ? await siteOf(ctx, b.site_id) : undefined;
      const assignees = await assigneesFrom(ctx, b.assigned_to, b.assignee_extension_ids);
      const d = await addDevice(ctx, { ...b, site_id: site?.id ?? null, assignees });
      if (assignees.length > 0) await emitProvision(ctx, d);
      return { id: d.id, display_name: d.display_name };
    },

    async getADevice(input: Input<{ deviceId: string }>, ctx: Context) {
      return deviceResponse(ctx, await deviceOf(ctx, input.path.deviceId), true);
    },

    async updateADevice(input: Input<{ deviceId: string }, Record<string, never>, { assigned_to?: string; display_name?: string; provision_template_id?: string }>, ctx: Context) {
      const d = await deviceOf(ctx, input.path.deviceId, true);
      const b = input.body;
      let changed = false;
      if (b.display_name !== undefined) d.display_name = b.display_name;
      if (b.provision_template_id !== undefined) d.provision_template_id = b.provision_template_id;
      if (b.assigned_to !== undefined) {
        // An empty assigned_to takes the device from its assignees.
        const assignees = await assigneesFrom(ctx, b.assigned_to, undefined);
        d.assignees = assignees.map((x) => x.extension_id);
        d.site_id = assignees[0]?.site_id ?? d.site_id;
        changed = true;
      }
      await repo.updateDevice(ctx.db, ctx.account.id, d);
      if (changed) await emitProvision(ctx, d);
    },

    async deleteADevice(input: Input<{ deviceId: string }>, ctx: Context) {
      const d = await deviceOf(ctx, input.path.deviceId);
      if (await commonAreaPhoneOfDevice(ctx.db, ctx.account.id, d.id)) throw new ZoomError(400, 300, 'The device of a common area phone is removed with the common area phone.');
      const assigned = d.assignees.length > 0;
      await repo.deleteDevice(ctx.db, ctx.account.id, d.id);
      if (assigned) await ctx.emit('phone.generic_device_provision', { object: { id: d.id, display_name: d.display_name, device_type: `${d.device_type} ${d.model}`.trim(), mac_address: d.mac_address } });
    },
  };
}

