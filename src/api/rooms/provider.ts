// Zoom Rooms (12 operations): add, list, profile, delete, location, devices
// and settings of rooms (this file); room controls, E911 signage and signage
// content in controls.ts.
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { getUser } from '../users/repository.ts';
import { getLocation } from '../rooms-location/repository.ts';
import { deviceItem, settled } from '../rooms-devices/model.ts';
import { findRoom, inheritedAt, requireRooms, settingsChain } from './common.ts';
import { createControlsProvider, leaveRoomMeeting } from './controls.ts';
import { RoomsErrors } from './errors.ts';
import { activationCode, OWN_BASIC, OWN_SETUP, pick, roomEmail, roomProfile, type RoomRecord, type RoomType } from './model.ts';
import * as repo from './repository.ts';
import { dropRoomsSettings, readRoomsSettings, updateRoomsSettings } from './settings.ts';
import type { Doc } from '../settings/model.ts';

interface AddBody {
  name: string;
  type: RoomType;
  location_id?: string;
  calendar_resource_id?: string;
  tag_ids?: string[];
  user_id?: string;
  pro_device?: boolean;
}

interface ListQuery {
  status?: string;
  type?: string;
  unassigned_rooms?: boolean;
  location_id?: string;
  query_name?: string;
  tag_ids?: string;
}

interface ProfileBody {
  basic?: Doc & { name?: string; zoom_room_type?: RoomType; calendar_resource_id?: string; tag_ids?: string[] };
  device?: { device_profile_id?: string };
  setup?: Doc & { pro_device?: boolean };
}

type RoomPath = { roomId: string };
type SettingsInput = Input<{ id: string }, { setting_type?: string }, Doc>;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw RoomsErrors.invalidParameter('name');
  return trimmed;
}

/** Calendar resources and tags are not kept here: any id given names one that does not exist. */
function checkReferences(calendarResourceId: string | undefined, tagIds: readonly string[] | undefined): void {
  if (calendarResourceId) throw RoomsErrors.calendarResourceNotFound(calendarResourceId);
  if (tagIds && tagIds.length > 0) throw RoomsErrors.tagsNotFound(tagIds);
}

async function checkLocation(ctx: Context, locationId: string | undefined): Promise<string> {
  if (!locationId) return '';
  if (!(await getLocation(ctx.db, ctx.account.id, locationId))) throw RoomsErrors.locationNotFound(locationId);
  return locationId;
}

const eventObject = (r: RoomRecord) => ({ object: { id: r.id, room_name: r.name } });

export function createRoomsProvider(deps: ProviderDeps): Provider {
  // Kept answers of Get Zoom Room profile, dropped by the room's, its locations' and the account's Zoom Rooms rows (storage/coherence-schema.ts).
  const profiles = deps.readCache('zoomroom');
  // Pages of List Zoom Rooms (entries stored with each room): kept until a room of the account is added, changed or removed.
  const pages = deps.readCache('zoomrooms_page', (c) => (c.kind === 'object' && c.object === 'zoomroom' ? { accountId: c.accountId } : undefined));
  return {
    ...createControlsProvider(deps),

    async addARoom(input: Input<Record<string, never>, Record<string, never>, AddBody>, ctx: Context) {
      requireRooms(ctx.account);
      const body = input.body;
      const name = checkName(body.name);
      const locationId = await checkLocation(ctx, body.location_id);
      checkReferences(body.calendar_resource_id, body.tag_ids);
      if (body.user_id && !(await getUser(ctx.db, ctx.account.id, body.user_id))) throw RoomsErrors.userNotFound(body.user_id);
      const id = zoomId();
      const room: RoomRecord = {
        id,
        room_id: zoomId(),
        name,
        type: body.type,
        location_id: locationId,
        status: 'Offline',
        activation_code: activationCode(),
        email: roomEmail(id, ctx.account.data.owner_email),
        calendar_resource_id: '',
        tag_ids: [],
        user_id: body.user_id ?? '',
        pro_device: body.pro_device === true,
        basic: {},
        setup: {},
        device: {},
        // Milliseconds: rooms added in one second still list in the order added.
        created_at: new Date(ctx.clock.now()).toISOString(),
      };
      await repo.saveRoom(ctx.db, ctx.account.id, room);
      await ctx.emit('zoomroom.created', eventObject(room));
      return { id: room.id, room_id: room.room_id, name, type: room.type, location_id: locationId, calendar_resource_id: '', user_id: room.user_id, pro_device: room.pro_device, tags: [] };
    },

    async listZoomRooms(input: Input<Record<string, never>, ListQuery>, ctx: Context) {
      requireRooms(ctx.account);
      const q = input.query;
      const filter: repo.RoomFilter = {
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.type !== undefined ? { type: q.type } : {}),
        ...(q.location_id !== undefined && q.location_id !== '' ? { locationId: q.location_id } : {}),
        ...(q.unassigned_rooms === true ? { unassigned: true } : {}),
        ...(q.query_name !== undefined && q.query_name !== '' ? { queryName: q.query_name } : {}),
        ...(q.tag_ids ? { tagIds: q.tag_ids.split(',').filter(Boolean) } : {}),
      };
      return pages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const total = await input.page.total(() => repo.countRooms(ctx.db, ctx.account.id, filter));
        const { items, last } = await repo.listRooms(ctx.db, ctx.account.id, filter, input.page);
        return input.page.respondText(total, 'rooms', items, last);
      });
    },

    async getZRProfile(input: Input<RoomPath, { regenerate_activation_code?: boolean }>, ctx: Context) {
      requireRooms(ctx.account);
      // A read never changes state here: a new code comes from no GET (README).
      if (input.query.regenerate_activation_code === true) {
        await findRoom(ctx, input.path.roomId);
        throw RoomsErrors.regenerateRefused();
      }
      return profiles.read(ctx.account.id, input.path.roomId, async () => {
        const room = await findRoom(ctx, input.path.roomId);
        return roomProfile(room, await inheritedAt(ctx.db, ctx.account.id, room.location_id));
      });
    },

    async updateRoomProfile(input: Input<RoomPath, Record<string, never>, ProfileBody>, ctx: Context) {
      const room = await findRoom(ctx, input.path.roomId);
      const { basic = {}, device, setup = {} } = input.body;
      if (device?.device_profile_id) throw RoomsErrors.deviceProfileNotFound(device.device_profile_id);
      checkReferences(basic.calendar_resource_id, basic.tag_ids);
      if (basic.name !== undefined) room.name = checkName(basic.name);
      if (basic.zoom_room_type !== undefined) room.type = basic.zoom_room_type;
      if (basic.calendar_resource_id === '') room.calendar_resource_id = '';
      room.basic = { ...room.basic, ...pick(basic, OWN_BASIC) };
      room.setup = { ...room.setup, ...pick(setup, OWN_SETUP) };
      if (setup.pro_device !== undefined) room.pro_device = setup.pro_device;
      await repo.saveRoom(ctx.db, ctx.account.id, room);
      await ctx.emit('zoomroom.updated', eventObject(room));
    },

    async deleteAZoomRoom(input: Input<RoomPath>, ctx: Context) {
      const room = await findRoom(ctx, input.path.roomId);
      if (room.meeting) await leaveRoomMeeting(ctx, room);
      await repo.deleteRoom(ctx.db, ctx.account.id, room.id);
      await dropRoomsSettings(ctx, { level: 'zr_room', ownerId: room.id });
      await ctx.emit('zoomroom.deleted', eventObject(room));
    },

    async changeZRLocation(input: Input<RoomPath, Record<string, never>, { location_id?: string }>, ctx: Context) {
      const room = await findRoom(ctx, input.path.roomId);
      room.location_id = await checkLocation(ctx, input.body.location_id);
      await repo.saveRoom(ctx.db, ctx.account.id, room);
      await ctx.emit('zoomroom.updated', eventObject(room));
    },

    async listZRDevices(input: Input<RoomPath>, ctx: Context) {
      const room = await findRoom(ctx, input.path.roomId);
      const now = ctx.clock.iso();
      const devices = await repo.roomDevices(ctx.db, ctx.account.id, room.id);
      return { devices: devices.map((d) => deviceItem(settled(d, now), room.name)) };
    },

    async getZRSettings(input: SettingsInput, ctx: Context) {
      const room = await findRoom(ctx, input.path.id);
      return readRoomsSettings(ctx, await settingsChain(ctx, room.location_id, room), input.query.setting_type);
    },

    async updateZRSettings(input: SettingsInput, ctx: Context) {
      const room = await findRoom(ctx, input.path.id);
      await updateRoomsSettings(ctx, await settingsChain(ctx, room.location_id, room), input.query.setting_type, input.body);
    },
  };
}
