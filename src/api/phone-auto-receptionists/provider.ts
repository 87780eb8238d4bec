// Phone Auto Receptionists (5 operations): create, update, and the numbers
// callers dial to reach one. How one routes calls (business hours on the
// server clock) is set on the control plane: src/phone/calls/control.ts.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { patched, type PhoneGroup } from '../../phone/groups/model.ts';
import * as groups from '../../phone/groups/service.ts';
import { phoneOnly } from '../../phone/groups/service.ts';

type Id = { autoReceptionistId: string };
const missing = (id: string) => new ZoomError(404, 404, `AutoReceptionist does not exist, AutoReceptionistId: ${id}.`);

async function receptionist(ctx: Context, id: string, notFound: (id: string) => ZoomError = missing): Promise<PhoneGroup> {
  const g = await groups.findGroupOf(ctx, 'autoReceptionist', id);
  if (!g) throw notFound(id);
  return g;
}

export function createPhoneAutoReceptionistsProvider(_deps: ProviderDeps): Provider {
  return phoneOnly({
    async addAutoReceptionist(input: Input<Record<string, never>, Record<string, never>, { name: string; site_id?: string }>, ctx: Context) {
      if (input.body.name.trim() === '') throw new ZoomError(400, 300, 'Validation Failed.', [{ field: 'name', message: 'Invalid field.' }]);
      const g = await groups.createGroup(ctx, 'autoReceptionist', input.body);
      return { id: g.id, name: g.name, extension_number: g.extension_number };
    },

    async updateAutoReceptionist(input: Input<Id, Record<string, never>, Record<string, unknown>>, ctx: Context) {
      const g = await receptionist(ctx, input.path.autoReceptionistId, (id) => new ZoomError(400, 300, `Validation Failed. AutoReceptionist does not exist, AutoReceptionistId: ${id}`));
      if (typeof input.body.timezone === 'string' && !groups.validTimezone(input.body.timezone)) throw new ZoomError(400, 300, `Time zone is invalid:${input.body.timezone}`);
      await groups.saveGroup(ctx, g, patched(g, input.body));
    },

    async assignPhoneNumbersAutoReceptionist(input: Input<Id, Record<string, never>, { phone_numbers?: Array<{ id?: string; number?: string }> }>, ctx: Context) {
      await groups.assign(ctx, await receptionist(ctx, input.path.autoReceptionistId), input.body.phone_numbers ?? []);
    },

    async unassignAllPhoneNumsAutoReceptionist(input: Input<Id>, ctx: Context) {
      await groups.unassign(ctx, await receptionist(ctx, input.path.autoReceptionistId));
    },

    async unassignAPhoneNumAutoReceptionist(input: Input<Id & { phoneNumberId: string }>, ctx: Context) {
      const g = await receptionist(ctx, input.path.autoReceptionistId);
      if (!(await groups.unassign(ctx, g, input.path.phoneNumberId))) throw new ZoomError(400, 400, 'Phone number does not belong to auto receptionist.');
    },
  });
}
