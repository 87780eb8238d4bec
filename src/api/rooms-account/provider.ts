// Zoom Rooms account (4 operations): the account-level profile and settings
// every location and room inherits unless it sets its own.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { accountChain, inheritedAt, requireRooms } from '../rooms/common.ts';
import { INHERITED_BASIC, INHERITED_SETUP, pick } from '../rooms/model.ts';
import { readRoomsSettings, updateRoomsSettings } from '../rooms/settings.ts';
import { getRoomsAccount, putRoomsAccount } from '../rooms-location/repository.ts';
import type { Doc } from '../settings/model.ts';

type SettingsInput = Input<Record<string, never>, { setting_type?: string }, Doc>;

export function createRoomsAccountProvider(_deps: ProviderDeps): Provider {
  return {
    async getZRAccountProfile(_input: Input, ctx: Context) {
      requireRooms(ctx.account);
      return inheritedAt(ctx.db, ctx.account.id, '');
    },

    async updateZRAccProfile(input: Input<Record<string, never>, Record<string, never>, { basic?: Doc; setup?: Doc }>, ctx: Context) {
      requireRooms(ctx.account);
      const account = await getRoomsAccount(ctx.db, ctx.account.id);
      const profile = account.profile ?? {};
      account.profile = {
        basic: { ...profile.basic, ...pick(input.body.basic ?? {}, INHERITED_BASIC) },
        setup: { ...profile.setup, ...pick(input.body.setup ?? {}, INHERITED_SETUP) },
      };
      await putRoomsAccount(ctx.db, ctx.account.id, account);
    },

    async getZRAccountSettings(input: SettingsInput, ctx: Context) {
      requireRooms(ctx.account);
      return readRoomsSettings(ctx, accountChain(ctx), input.query.setting_type);
    },

    async updateZoomRoomAccSettings(input: SettingsInput, ctx: Context) {
      requireRooms(ctx.account);
      await updateRoomsSettings(ctx, accountChain(ctx), input.query.setting_type, input.body);
    },
  };
}
