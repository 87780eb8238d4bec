// Zoom Rooms locations (9 operations): the location structure, locations
// (add, list, profile, move under another parent) and their settings.
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { findLocation, inheritedAt, requireRooms, settingsChain } from '../rooms/common.ts';
import { RoomsErrors } from '../rooms/errors.ts';
import { INHERITED_SETUP, pick } from '../rooms/model.ts';
import { readRoomsSettings, updateRoomsSettings } from '../rooms/settings.ts';
import type { Doc } from '../settings/model.ts';
import { childType, LOCATION_TYPES, locationItem, parseStructure, type LocationRecord, type LocationType } from './model.ts';
import * as repo from './repository.ts';

/** An account that never set its structure uses all six of Zoom's levels. */
export const structureOf = (a: repo.RoomsAccount): LocationType[] => a.structures ?? [...LOCATION_TYPES];

type LocationPath = { locationId: string };
type SettingsInput = Input<LocationPath, { setting_type?: string }, Doc>;
const LOCATION_BASIC = ['address', 'name', 'required_code_to_ext', 'room_passcode', 'support_email', 'support_phone', 'timezone'] as const;

async function checkNameFree(ctx: Context, parentId: string, name: string, self?: string): Promise<void> {
  const other = await repo.locationIdByName(ctx.db, ctx.account.id, parentId, name);
  if (other !== undefined && other !== self) throw RoomsErrors.locationNameTaken(name);
}

/** The parent a location of this structure may have (null: the top), refused where the hierarchy has no level for it. */
async function parentFor(ctx: Context, parentId: string | undefined): Promise<LocationRecord | null> {
  if (!parentId) return null;
  const parent = await repo.getLocation(ctx.db, ctx.account.id, parentId);
  if (!parent) throw RoomsErrors.locationNotFound(parentId);
  return parent;
}

async function emitLocation(ctx: Context, event: 'zoomroom.location_created' | 'zoomroom.location_updated', l: LocationRecord): Promise<void> {
  await ctx.emit(event, { object: locationItem(l) });
}

export function createRoomsLocationProvider(_deps: ProviderDeps): Provider {
  return {
    async getZRLocationStructure(_input: Input, ctx: Context) {
      requireRooms(ctx.account);
      return { structures: structureOf(await repo.getRoomsAccount(ctx.db, ctx.account.id)) };
    },

    // Refused when a location in use would no longer fit: its type gone, or its parent no longer the level above it.
    async updateZoomRoomsLocationStructure(input: Input<Record<string, never>, Record<string, never>, { structures?: string[] }>, ctx: Context) {
      requireRooms(ctx.account);
      if (input.body.structures === undefined) throw RoomsErrors.invalidParameter('structures');
      const next = parseStructure(input.body.structures);
      const inUse = await repo.typesInUse(ctx.db, ctx.account.id);
      for (const type of inUse.types) if (!next.includes(type as LocationType)) throw RoomsErrors.structureInUse(type);
      for (const [child, parent] of inUse.pairs) {
        const at = next.indexOf(child as LocationType);
        if ((parent === '' && at !== 0) || (parent !== '' && next[at - 1] !== parent)) throw RoomsErrors.structureInUse(child);
      }
      const account = await repo.getRoomsAccount(ctx.db, ctx.account.id);
      account.structures = next;
      await repo.putRoomsAccount(ctx.db, ctx.account.id, account);
    },

    async addAZRLocation(input: Input<Record<string, never>, Record<string, never>, { name?: string; parent_location_id?: string }>, ctx: Context) {
      requireRooms(ctx.account);
      const name = (input.body.name ?? '').trim();
      if (name === '') throw RoomsErrors.invalidParameter('name');
      const parent = await parentFor(ctx, input.body.parent_location_id);
      const type = childType(structureOf(await repo.getRoomsAccount(ctx.db, ctx.account.id)), parent);
      if (!type) throw parent ? RoomsErrors.invalidParentLocation(parent.id) : RoomsErrors.locationTypeMissing();
      const parentId = parent?.id ?? '';
      await checkNameFree(ctx, parentId, name);
      const l: LocationRecord = { id: zoomId(), name, parent_location_id: parentId, type, basic: {}, setup: {} };
      await repo.saveLocation(ctx.db, ctx.account.id, l, ctx.clock.iso());
      await emitLocation(ctx, 'zoomroom.location_created', l);
      return locationItem(l);
    },

    async listZRLocations(input: Input<Record<string, never>, { parent_location_id?: string; type?: string }>, ctx: Context) {
      requireRooms(ctx.account);
      const q = input.query;
      const type = q.type === 'state' ? 'states' : q.type;
      if (type !== undefined && type !== '' && !LOCATION_TYPES.includes(type as LocationType)) throw RoomsErrors.locationTypeMissing();
      if (q.parent_location_id) await findLocation(ctx, q.parent_location_id);
      const filter: repo.LocationFilter = { ...(q.parent_location_id ? { parentId: q.parent_location_id } : {}), ...(type ? { type } : {}) };
      const total = await input.page.total(() => repo.countLocations(ctx.db, ctx.account.id, filter));
      const { items, last } = await repo.listLocations(ctx.db, ctx.account.id, filter, input.page);
      return input.page.respondText(total, 'locations', items, last);
    },

    async getZRLocationProfile(input: Input<LocationPath>, ctx: Context) {
      const l = await findLocation(ctx, input.path.locationId);
      const above = await inheritedAt(ctx.db, ctx.account.id, l.parent_location_id);
      // A location's time zone is its nearest parent's, else the account's.
      const parents = await repo.locationPath(ctx.db, ctx.account.id, l.parent_location_id);
      const timezone = parents.map((p) => p.basic.timezone).filter((t) => typeof t === 'string').pop() ?? ctx.account.data.timezone;
      return {
        basic: { ...above.basic, timezone, ...l.basic, name: l.name, parent_location_id: l.parent_location_id },
        setup: { ...above.setup, ...pick(l.setup, INHERITED_SETUP) },
      };
    },

    async updateZRLocationProfile(input: Input<LocationPath, Record<string, never>, { basic?: Doc & { name?: string }; setup?: Doc }>, ctx: Context) {
      const l = await findLocation(ctx, input.path.locationId);
      const { basic = {}, setup = {} } = input.body;
      if (basic.name !== undefined) {
        const name = basic.name.trim();
        if (name === '') throw RoomsErrors.invalidParameter('name');
        await checkNameFree(ctx, l.parent_location_id, name, l.id);
        l.name = name;
      }
      const { name: _name, ...rest } = pick(basic, LOCATION_BASIC);
      l.basic = { ...l.basic, ...rest };
      l.setup = { ...l.setup, ...pick(setup, INHERITED_SETUP) };
      await repo.saveLocation(ctx.db, ctx.account.id, l, ctx.clock.iso());
      await emitLocation(ctx, 'zoomroom.location_updated', l);
    },

    // The location keeps its type: its new parent must be of the level just above it, and never itself or one of its own.
    async changeParentLocation(input: Input<LocationPath, Record<string, never>, { parent_location_id?: string }>, ctx: Context) {
      const l = await findLocation(ctx, input.path.locationId);
      const parentId = input.body.parent_location_id ?? '';
      const parent = await parentFor(ctx, parentId);
      if (parent && (await repo.isWithin(ctx.db, ctx.account.id, parent.id, l.id))) throw RoomsErrors.invalidParentLocation(parent.id);
      if (childType(structureOf(await repo.getRoomsAccount(ctx.db, ctx.account.id)), parent) !== l.type) throw RoomsErrors.invalidParentLocation(parentId);
      await checkNameFree(ctx, parentId, l.name, l.id);
      l.parent_location_id = parentId;
      await repo.saveLocation(ctx.db, ctx.account.id, l, ctx.clock.iso());
      await emitLocation(ctx, 'zoomroom.location_updated', l);
    },

    async getZRLocationSettings(input: SettingsInput, ctx: Context) {
      const l = await findLocation(ctx, input.path.locationId);
      return readRoomsSettings(ctx, await settingsChain(ctx, l.id), input.query.setting_type);
    },

    async updateZRLocationSettings(input: SettingsInput, ctx: Context) {
      const l = await findLocation(ctx, input.path.locationId);
      await updateRoomsSettings(ctx, await settingsChain(ctx, l.id), input.query.setting_type, input.body);
    },
  };
}
