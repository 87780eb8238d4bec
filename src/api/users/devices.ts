// Users: collaboration devices a user has paired (listCollaborationDevices,
// getCollaborationDevice). Pairing happens on the device, never through the
// API, so devices appear only through the control plane (addCollaborationDevice).
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import * as repo from './repository.ts';
import { findUser } from './lookup.ts';

const deviceResponse = (d: repo.CollaborationDeviceRecord) => ({
  id: d.id,
  device_name: d.device_name,
  room_name: d.room_name,
  room_user_id: d.room_user_id,
  status: d.status,
});

/** device_name (required), room_name, room_user_id, status (Online/Offline), unchecked as received. */
export type NewCollaborationDevice = Record<string, unknown>;

/** Pairs a device with a user (control plane). Answers the device, or the field that is wrong. */
export async function addCollaborationDevice(
  db: Queryable,
  accountId: string,
  userId: string,
  input: NewCollaborationDevice,
  now: string,
): Promise<{ device: ReturnType<typeof deviceResponse> } | { invalid: string } | { notFound: true }> {
  const user = await repo.getUser(db, accountId, userId);
  if (!user) return { notFound: true };
  if (typeof input.device_name !== 'string' || !input.device_name.trim()) return { invalid: 'device_name' };
  for (const field of ['room_name', 'room_user_id'] as const) {
    if (input[field] !== undefined && typeof input[field] !== 'string') return { invalid: field };
  }
  if (input.status !== undefined && input.status !== 'Online' && input.status !== 'Offline') return { invalid: 'status' };
  const device: repo.CollaborationDeviceRecord = {
    id: zoomId(),
    user_id: user.id,
    created_at: now,
    device_name: input.device_name,
    room_name: (input.room_name as string | undefined) ?? '',
    room_user_id: (input.room_user_id as string | undefined) ?? '',
    status: (input.status as 'Online' | 'Offline' | undefined) ?? 'Online',
  };
  await repo.insertCollaborationDevice(db, accountId, device);
  return { device: deviceResponse(device) };
}

export function createDeviceOperations(_deps: ProviderDeps) {
  return {
    async listCollaborationDevices(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const devices = await repo.listCollaborationDevices(ctx.db, ctx.account.id, user.id);
      return { total_records: devices.length, collaboration_devices: devices.map(deviceResponse) };
    },

    async getCollaborationDevice(input: Input<{ userId: string; collaborationDeviceId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const device = await repo.getCollaborationDevice(ctx.db, ctx.account.id, user.id, input.path.collaborationDeviceId);
      if (!device) throw Errors.collaborationDeviceNotFound(input.path.collaborationDeviceId);
      return deviceResponse(device);
    },
  };
}
