// What every Zoom Rooms operation needs: the subscription check, a room or
// location of the caller's account, and the chain a room or location inherits
// its settings and profile through (account → locations → itself).
import type { Context } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import type { AccountRecord } from '../../tenancy/repository.ts';
import type { LocationRecord } from '../rooms-location/model.ts';
import { getLocation, getRoomsAccount, locationPath } from '../rooms-location/repository.ts';
import { RoomsErrors } from './errors.ts';
import { inheritedProfile, type ProfilePart, type RoomRecord } from './model.ts';
import { getRoom } from './repository.ts';
import type { LevelRef } from './settings.ts';

/** Every Zoom Rooms operation needs a Zoom Rooms plan (Zoom's 400/200). */
export function requireRooms(account: AccountRecord): void {
  if (!account.data.addons?.zoom_rooms) throw RoomsErrors.noSubscription();
}

export async function findRoom(ctx: Context, id: string): Promise<RoomRecord> {
  requireRooms(ctx.account);
  const room = await getRoom(ctx.db, ctx.account.id, id);
  if (!room) throw RoomsErrors.roomNotFound(id);
  return room;
}

export async function findLocation(ctx: Context, id: string): Promise<LocationRecord> {
  requireRooms(ctx.account);
  const location = await getLocation(ctx.db, ctx.account.id, id);
  if (!location) throw RoomsErrors.locationNotFound(id);
  return location;
}

const accountRef = (ctx: Context): LevelRef => ({ level: 'zr_account', ownerId: ctx.account.id });

/** The settings chain of a location (its parents first) or, with a room, of the room in it. */
export async function settingsChain(ctx: Context, locationId: string, room?: RoomRecord): Promise<LevelRef[]> {
  const path = locationId === '' ? [] : await locationPath(ctx.db, ctx.account.id, locationId);
  const chain: LevelRef[] = [accountRef(ctx), ...path.map((l): LevelRef => ({ level: 'zr_location', ownerId: l.id }))];
  if (room) chain.push({ level: 'zr_room', ownerId: room.id });
  return chain;
}

export const accountChain = (ctx: Context): LevelRef[] => [accountRef(ctx)];

/** The profile values a location (or a room in it) inherits: the account's, then each location's down to `locationId`. */
export async function inheritedAt(db: Queryable, accountId: string, locationId: string): Promise<{ basic: Record<string, unknown>; setup: Record<string, unknown> }> {
  const account = await getRoomsAccount(db, accountId);
  const path = locationId === '' ? [] : await locationPath(db, accountId, locationId);
  const levels: ProfilePart[] = [account.profile ?? {}, ...path.map((l) => ({ basic: l.basic, setup: l.setup }))];
  return inheritedProfile(levels);
}
