// Zoom Rooms on the control plane: what a room's own hardware reports rather
// than the API — its devices and their status, the room's status, alerts —
// and the digital signage content library the web portal uploads.
//   POST  /_openzoom/rooms/{roomId}/devices              a device pairs with the room → {id}
//   PATCH /_openzoom/rooms/{roomId}/devices/{deviceId}   a device reports status or version
//   POST  /_openzoom/rooms/{roomId}/status               the room reports its status
//   POST  /_openzoom/rooms/{roomId}/alerts               the room raises or clears an alert
//   GET   /_openzoom/rooms/{roomId}/activity             the room's alerts and activity, as stored
//   POST  /_openzoom/rooms/digital_signage               signage content or a folder is uploaded → {id}
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Db, Queryable } from '../../storage/db.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { emitEvent } from '../../webhooks/emit.ts';
import { readBody, readQuery } from '../../control/schemas.ts';
import { DEVICE_TYPES, deviceItem, settled } from '../rooms-devices/model.ts';
import { requireRooms } from './common.ts';
import { RoomsErrors } from './errors.ts';
import { ROOM_STATUSES, type RoomRecord, type RoomStatus } from './model.ts';
import * as repo from './repository.ts';

const text = { type: 'string', minLength: 1, maxLength: 256 };
const closed = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', additionalProperties: false, properties, required });
const DETAILS = {
  device_hostname: text,
  device_manufacturer: text,
  device_model: text,
  device_firmware: text,
  ip_address: text,
  serial_number: text,
  device_mac_addresses: { type: 'array', maxItems: 8, items: text },
};

const BODIES = {
  device: closed(
    { account_id: text, device_type: { enum: [...DEVICE_TYPES] }, app_version: text, device_system: text, status: { enum: ['Online', 'Offline'] }, ...DETAILS },
    ['account_id', 'device_type', 'app_version', 'device_system', 'status'],
  ),
  deviceChange: closed({ account_id: text, status: { enum: ['Online', 'Offline'] }, app_version: text }, ['account_id']),
  status: closed({ account_id: text, status: { enum: [...ROOM_STATUSES] } }, ['account_id', 'status']),
  alert: closed(
    {
      account_id: text,
      alert_type: { type: 'integer', minimum: 0, maximum: 10 },
      component: { type: 'integer', minimum: 0, maximum: 6 },
      alert_kind: { type: 'integer', minimum: 1, maximum: 4 },
      issue: text,
      device_id: text,
    },
    ['account_id', 'alert_type', 'component'],
  ),
  signage: closed({ account_id: text, name: text, type: { enum: ['content', 'folder'] }, folder_id: text }, ['account_id', 'name']),
  account: closed({ account_id: text }, ['account_id']),
};

/** Zoom's wording of an alert by type, raised (kind 1) and cleared (kind 2). */
const ISSUES: Record<number, [string, string]> = {
  0: ['Other alert', 'Other alert is cleared'],
  1: ['Room Controller disconnected', 'Room Controller connected'],
  2: ['Selected camera has disconnected', 'Selected camera is reconnected'],
  3: ['Zoom room is offline', 'Zoom room is online'],
  4: ['High CPU usage is detected', 'High CPU usage is cleared'],
  5: ['Low bandwidth network is detected', 'Low bandwidth network is cleared'],
  6: ['Controller battery is low', 'Controller battery is normal'],
  7: ['Zoom Rooms Computer disconnected', 'Zoom Rooms Computer connected'],
  8: ['Audio device has quality issues', 'Audio device quality is normal'],
  9: ['SIP registration failed', 'SIP registration re-enabled'],
  10: ['Incorrect Room Passcode Entry Detected', 'Incorrect Room Passcode Entry Detected'],
};

/** The alert a device's status change raises: a controller or scheduling display (type 1), else the computer (type 7). */
function deviceAlert(deviceType: string): { alert_type: number; component: number; name: string } {
  if (deviceType === 'Controller') return { alert_type: 1, component: 2, name: 'Controller' };
  if (deviceType === 'Scheduling Display') return { alert_type: 1, component: 3, name: 'Scheduling Display' };
  return { alert_type: 7, component: 1, name: deviceType };
}

interface Scene {
  tx: Queryable;
  accountId: string;
  room: RoomRecord;
  now: number;
  emit(event: string, payload: Record<string, unknown>): Promise<void>;
}

async function scene(tx: Queryable, clock: Clock, accountId: string, roomId: string): Promise<Scene> {
  const account = await getAccount(tx, accountId);
  if (!account) throw Errors.accountNotFound(accountId);
  requireRooms(account);
  const room = await repo.getRoom(tx, accountId, roomId);
  if (!room) throw RoomsErrors.roomNotFound(roomId);
  const now = clock.now();
  const source = { accountId, operatorUserId: null, clientId: null, now, operator: null };
  return { tx, accountId, room, now, emit: (e, p) => emitEvent(tx, source, e, p) };
}

/** Stores the alert and sends zoomroom.alert. */
async function raise(s: Scene, a: { alert_type: number; component: number; alert_kind: number; issue?: string; device_id?: string }): Promise<repo.AlertRecord> {
  const issue = a.issue ?? ISSUES[a.alert_type]![a.alert_kind === 2 ? 1 : 0];
  const alert = await repo.insertAlert(s.tx, s.accountId, {
    room_id: s.room.id,
    device_id: a.device_id ?? '',
    alert_type: a.alert_type,
    component: a.component,
    alert_kind: a.alert_kind,
    issue,
    at: new Date(s.now).toISOString(),
  });
  await s.emit('zoomroom.alert', {
    object: { id: s.room.id, room_name: s.room.name, calendar_name: '', email: s.room.email, issue, alert_type: a.alert_type, component: a.component, alert_time: s.now, alert_kind: a.alert_kind },
  });
  return alert;
}

export function registerRoomsControl(c: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  const params = (req: { params: unknown }) => req.params as { roomId: string; deviceId?: string };
  const inScene = <T>(accountId: string, roomId: string, work: (s: Scene) => Promise<T>) =>
    deps.db.transaction(async (tx) => work(await scene(tx, deps.clock, accountId, roomId)));

  c.post('/rooms/:roomId/devices', async (req, reply) => {
    const { account_id, device_type, app_version, device_system, status, ...details } = readBody<{
      account_id: string;
      device_type: string;
      app_version: string;
      device_system: string;
      status: 'Online' | 'Offline';
    } & Record<string, unknown>>(req, BODIES.device);
    const out = await inScene(account_id, params(req).roomId, async (s) => {
      const device: repo.DeviceRecord = { id: zoomId(), room_id: s.room.id, device_type, app_version, device_system, status, details };
      const at = new Date(s.now).toISOString();
      await repo.saveDevice(s.tx, account_id, device, at);
      await repo.insertActivity(s.tx, account_id, s.room.id, 'device', { device_id: device.id, device_type, status }, at);
      return { id: device.id };
    });
    return reply.code(201).send(out);
  });

  c.patch('/rooms/:roomId/devices/:deviceId', async (req) => {
    const body = readBody<{ account_id: string; status?: 'Online' | 'Offline'; app_version?: string }>(req, BODIES.deviceChange);
    const { roomId, deviceId } = params(req);
    return inScene(body.account_id, roomId, async (s) => {
      const stored = await repo.getDevice(s.tx, body.account_id, deviceId!);
      if (!stored || stored.room_id !== s.room.id) throw RoomsErrors.deviceNotInRoom(deviceId!, s.room.id);
      const at = new Date(s.now).toISOString();
      const device = settled(stored, at);
      if (body.app_version !== undefined) {
        device.app_version = body.app_version;
        delete device.pending;
      }
      if (body.status !== undefined && body.status !== device.status) {
        device.status = body.status;
        const kind = deviceAlert(device.device_type);
        const issue = `${kind.name} ${body.status === 'Offline' ? 'disconnected' : 'connected'}`;
        await raise(s, { alert_type: kind.alert_type, component: kind.component, alert_kind: body.status === 'Offline' ? 1 : 2, issue, device_id: device.id });
      }
      await repo.saveDevice(s.tx, body.account_id, device, at);
      return deviceItem(device, s.room.name);
    });
  });

  c.post('/rooms/:roomId/status', async (req) => {
    const body = readBody<{ account_id: string; status: RoomStatus }>(req, BODIES.status);
    return inScene(body.account_id, params(req).roomId, async (s) => {
      const room = s.room;
      const was = room.status;
      if (body.status === 'UnderConstruction') room.setup = { ...room.setup, under_construction: true };
      else {
        room.setup = { ...room.setup, under_construction: false };
        room.status = body.status;
      }
      // Going offline raises Zoom's "Zoom room is offline" alert; coming back clears it.
      if (was !== 'Offline' && room.status === 'Offline') await raise(s, { alert_type: 3, component: 1, alert_kind: 1 });
      if (was === 'Offline' && room.status !== 'Offline') await raise(s, { alert_type: 3, component: 1, alert_kind: 2 });
      await repo.saveRoom(s.tx, body.account_id, room);
      await repo.insertActivity(s.tx, body.account_id, room.id, 'status', { from: was, to: body.status }, new Date(s.now).toISOString());
      return { id: room.id, status: body.status };
    });
  });

  c.post('/rooms/:roomId/alerts', async (req, reply) => {
    const body = readBody<{ account_id: string; alert_type: number; component: number; alert_kind?: number; issue?: string; device_id?: string }>(req, BODIES.alert);
    const out = await inScene(body.account_id, params(req).roomId, async (s) => {
      if (body.device_id !== undefined) {
        const d = await repo.getDevice(s.tx, body.account_id, body.device_id);
        if (!d || d.room_id !== s.room.id) throw RoomsErrors.deviceNotInRoom(body.device_id, s.room.id);
      }
      return raise(s, { ...body, alert_kind: body.alert_kind ?? 1 });
    });
    return reply.code(201).send(out);
  });

  c.get('/rooms/:roomId/activity', async (req) => {
    const q = readQuery<{ account_id: string }>(req, BODIES.account);
    const roomId = params(req).roomId;
    const s = await scene(deps.db, deps.clock, q.account_id, roomId);
    const devices = (await repo.roomDevices(deps.db, q.account_id, roomId)).map((d) => deviceItem(settled(d, deps.clock.iso()), s.room.name));
    return { id: s.room.id, name: s.room.name, devices, alerts: await repo.roomAlerts(deps.db, q.account_id, roomId), activity: await repo.roomActivity(deps.db, q.account_id, roomId) };
  });

  c.post('/rooms/digital_signage', async (req, reply) => {
    const body = readBody<{ account_id: string; name: string; type?: string; folder_id?: string }>(req, BODIES.signage);
    const out = await deps.db.transaction(async (tx) => {
      const account = await getAccount(tx, body.account_id);
      if (!account) throw Errors.accountNotFound(body.account_id);
      requireRooms(account);
      if (body.folder_id !== undefined && (await repo.getSignage(tx, account.id, body.folder_id))?.type !== 'folder') throw RoomsErrors.invalidParameter('folder_id');
      const item = { id: zoomId(), type: body.type ?? 'content', folder_id: body.folder_id ?? '', name: body.name };
      await repo.insertSignage(tx, account.id, item, deps.clock.iso());
      return item;
    });
    return reply.code(201).send(out);
  });
}
