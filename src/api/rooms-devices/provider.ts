// Zoom Rooms devices (1 operation): Change Zoom Rooms' app version. The
// device's version moves VERSION_CHANGE_MS after the request, on the server
// clock; a cancel before then keeps the version it had.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { findRoom } from '../rooms/common.ts';
import { RoomsErrors } from '../rooms/errors.ts';
import * as repo from '../rooms/repository.ts';
import { downgradeTarget, settled, upgradeTarget, VERSION_CHANGE_MS } from './model.ts';

type Path = { roomId: string; deviceId: string };

export function createRoomsDevicesProvider(_deps: ProviderDeps): Provider {
  return {
    async changeZoomRoomsAppVersion(input: Input<Path, Record<string, never>, { action?: 'upgrade' | 'downgrade' | 'cancel' }>, ctx: Context) {
      const room = await findRoom(ctx, input.path.roomId);
      const stored = await repo.getDevice(ctx.db, ctx.account.id, input.path.deviceId);
      if (!stored || stored.room_id !== room.id) throw RoomsErrors.deviceNotInRoom(input.path.deviceId, room.id);
      const now = ctx.clock.now();
      const device = settled(stored, ctx.clock.iso(now));
      const action = input.body.action;
      if (action === undefined) throw RoomsErrors.invalidParameter('action');
      if (action === 'cancel') {
        if (!device.pending) throw RoomsErrors.cancelRefused();
        delete device.pending;
      } else {
        const target = action === 'upgrade' ? upgradeTarget(device.app_version) : downgradeTarget(device.app_version);
        if (device.pending || target === undefined) throw action === 'upgrade' ? RoomsErrors.upgradeRefused() : RoomsErrors.downgradeRefused();
        device.pending = { action, target, due_at: ctx.clock.iso(now + VERSION_CHANGE_MS) };
      }
      await repo.saveDevice(ctx.db, ctx.account.id, device, ctx.clock.iso(now));
      await repo.insertActivity(ctx.db, ctx.account.id, room.id, 'app_version', { device_id: device.id, action, from: device.app_version, ...(device.pending ? { to: device.pending.target } : {}) }, new Date(now).toISOString());
    },
  };
}
