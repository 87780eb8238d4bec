// Room controls (Check-in or check-out of a Zoom Room, which Zoom's reference
// also uses for meeting join/leave, mute, restart …), Update E911 digital
// signage and List digital signage contents.
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { getMeeting, getMeetingByNumber } from '../meetings/repository.ts';
import * as engine from '../../live/engine.ts';
import { endLiveMeeting, hostInfo, meetingAdapter, meetingSession } from '../../live/meetings.ts';
import * as live from '../../live/repository.ts';
import { emitEvent } from '../../webhooks/emit.ts';
import { getLocation } from '../rooms-location/repository.ts';
import { findRoom, requireRooms } from './common.ts';
import { RoomsErrors } from './errors.ts';
import type { RoomRecord } from './model.ts';
import * as repo from './repository.ts';

type Params = Record<string, unknown>;
interface ControlBody {
  method: string;
  params?: Params;
}

/** The live side as a room's meeting's account sees it: its events go to that account, with no operator. */
function meetingTx(ctx: Context, accountId: string): engine.LiveTx {
  const now = ctx.clock.now();
  if (accountId === ctx.account.id) return { db: ctx.db, now, emit: (e, p) => ctx.emit(e, p) };
  const source = { accountId, operatorUserId: null, clientId: null, now, operator: null };
  return { db: ctx.db, now, emit: (e, p) => emitEvent(ctx.db, source, e, p) };
}

/**
 * The room joins a live meeting by its number (src/live), as a participant; with
 * `make_zoom_room_host` a room of the meeting's own account starts a meeting that
 * is not live yet and hosts it.
 */
async function joinMeeting(ctx: Context, room: RoomRecord, params: Params): Promise<void> {
  // A meeting that ended (or that the room was removed from) since it joined no longer holds it.
  if (room.meeting) {
    const m = room.meeting;
    const instance = await live.getInstance(ctx.db, m.account_id, m.instance_uuid);
    const p = instance?.status === 'live' ? await live.getParticipant(ctx.db, m.account_id, m.instance_uuid, m.participant_id) : undefined;
    if (p && p.status !== 'left') throw RoomsErrors.inMeeting();
    delete room.meeting;
  }
  const number = String(params.meeting_number ?? '').replace(/\s/g, '');
  if (!/^\d{9,11}$/.test(number)) throw RoomsErrors.invalidParameter('meeting_number');
  const meeting = await getMeetingByNumber(ctx.db, number);
  if (!meeting || meeting.deleted_at) throw Errors.liveMeetingNotFound(number);
  const own = meeting.account_id === ctx.account.id;
  // A room of the meeting's own account is let in without the passcode (Zoom's bypass for the account's rooms).
  if (!own && meeting.data.password !== '' && params.passcode !== meeting.data.password) throw RoomsErrors.wrongPasscode();
  const t = meetingTx(ctx, meeting.account_id);
  let instance = await live.liveInstance(ctx.db, meeting.account_id, 'meeting', meeting.id);
  let role: 'host' | 'attendee' = 'attendee';
  if (!instance) {
    if (params.make_zoom_room_host !== true || !own) throw Errors.meetingNotLive();
    const host = await hostInfo(ctx.db, meeting.account_id, meeting.host_id);
    instance = (await engine.startInstance(t, meetingAdapter, meetingSession(meeting, ctx.account.plan !== 'free'), host, { hostJoins: false })).instance;
    role = 'host';
  }
  const p = await engine.join(t, instance, { name: room.name, email: room.email, device: 'Zoom Rooms' }, role);
  room.meeting = { account_id: meeting.account_id, meeting_id: meeting.id, instance_uuid: instance.uuid, participant_id: p.id };
  room.status = 'InMeeting';
}

/** A room hosting a meeting of its own account ends it for everyone; otherwise it leaves. */
async function endMeeting(ctx: Context, room: RoomRecord): Promise<void> {
  const m = room.meeting;
  if (!m) throw RoomsErrors.notInMeeting();
  const p = await live.getParticipant(ctx.db, m.account_id, m.instance_uuid, m.participant_id);
  const meeting = m.account_id === ctx.account.id && p?.role === 'host' ? await getMeeting(ctx.db, ctx.account.id, m.meeting_id) : undefined;
  if (!meeting) return leaveRoomMeeting(ctx, room);
  await endLiveMeeting(ctx, meeting);
  delete room.meeting;
  room.status = 'Available';
}

/** The room leaves its meeting (if the meeting is still live and the room still in it). */
export async function leaveRoomMeeting(ctx: Context, room: RoomRecord): Promise<void> {
  const m = room.meeting;
  if (!m) throw RoomsErrors.notInMeeting();
  const instance = await live.getInstance(ctx.db, m.account_id, m.instance_uuid);
  const p = instance && (await live.getParticipant(ctx.db, m.account_id, m.instance_uuid, m.participant_id));
  if (instance && instance.status === 'live' && p && p.status !== 'left') await engine.leave(meetingTx(ctx, m.account_id), meetingAdapter, instance, p);
  delete room.meeting;
  room.status = 'Available';
}

async function checkInOut(ctx: Context, room: RoomRecord, method: 'zoomroom.check_in' | 'zoomroom.check_out', params: Params): Promise<void> {
  const eventId = typeof params.event_id === 'string' ? params.event_id : '';
  if (eventId === '') throw RoomsErrors.invalidParameter('event_id');
  const now = new Date(ctx.clock.now()).toISOString();
  const current = await repo.getCheckin(ctx.db, ctx.account.id, room.id, eventId);
  const checkingIn = method === 'zoomroom.check_in';
  if (checkingIn && current?.checked_in_at && !current.checked_out_at) throw RoomsErrors.alreadyCheckedIn(eventId);
  if (!checkingIn && (!current?.checked_in_at || current.checked_out_at)) throw RoomsErrors.notCheckedIn(eventId);
  const calendar = {
    event_id: eventId,
    change_key: typeof params.change_key === 'string' ? params.change_key : '',
    resource_email: typeof params.resource_email === 'string' ? params.resource_email : '',
    calendar_id: typeof params.calendar_id === 'string' ? params.calendar_id : '',
  };
  const next = checkingIn ? { checked_in_at: now, checked_out_at: null } : { checked_in_at: current!.checked_in_at, checked_out_at: now };
  await repo.putCheckin(ctx.db, ctx.account.id, room.id, eventId, next, calendar);
  await repo.insertActivity(ctx.db, ctx.account.id, room.id, checkingIn ? 'check_in' : 'check_out', calendar, now);
  // calendar_type and api_type: '0', the first of Zoom's values; no calendar integration names another here.
  await ctx.emit(checkingIn ? 'zoomroom.checked_in' : 'zoomroom.checked_out', {
    object: { id: room.id, room_name: room.name, calendar_name: '', email: room.email, ...calendar, calendar_type: '0', api_type: '0' },
  });
}

/** Peripherals (cameras, microphones, speakers) are not reported here: any id names one the room does not have. */
const PERIPHERAL: Record<string, string> = { 'zoomroom.switch_camera': 'cameraId', 'zoomroom.switch_microphone': 'microphoneId', 'zoomroom.switch_speaker': 'speakerId' };

/** zoomroom.thirdparty_meeting_attempted's object: the room and the meeting it was asked to join. */
function thirdPartyAttempt(room: RoomRecord, params: Params, at: string): Record<string, unknown> {
  const out: Record<string, unknown> = { room_id: room.id, join_time: at };
  for (const key of ['join_url', 'meeting_source_type', 'sip_address', 'third_party_meeting_id', 'passcode']) if (typeof params[key] === 'string') out[key] = params[key];
  return out;
}

interface E911Body {
  method: 'zoomroom.emergency_alert_displayed' | 'zoomroom.emergency_alert_removed';
  params?: { content?: string; target_ids?: string[]; target_type?: 'account' | 'location' | 'room'; event_id?: string; force_remove?: boolean };
}

/** Every target id names a thing of its type in the caller's account. */
async function checkTargets(ctx: Context, type: string | undefined, ids: readonly string[] | undefined): Promise<void> {
  if (!type || !ids || ids.length === 0) throw RoomsErrors.invalidTargets();
  for (const id of ids) {
    const ok =
      type === 'account' ? id === ctx.account.id : type === 'location' ? !!(await getLocation(ctx.db, ctx.account.id, id)) : !!(await repo.getRoom(ctx.db, ctx.account.id, id));
    if (!ok) throw RoomsErrors.invalidTargets();
  }
}

export function createControlsProvider(_deps: ProviderDeps): Provider {
  return {
    async ZoomRoomsControls(input: Input<{ id: string }, Record<string, never>, ControlBody>, ctx: Context) {
      const room = await findRoom(ctx, input.path.id);
      const { method } = input.body;
      const params = input.body.params ?? {};
      if (room.status === 'Offline') throw RoomsErrors.roomOffline();
      const peripheral = PERIPHERAL[method];
      if (peripheral) throw RoomsErrors.peripheralNotFound(String(params[peripheral] ?? ''));
      if (method === 'zoomroom.check_in' || method === 'zoomroom.check_out') return checkInOut(ctx, room, method, params);
      const at = new Date(ctx.clock.now()).toISOString();
      if (method === 'zoomroom.meeting_join') {
        await joinMeeting(ctx, room, params);
        await repo.insertActivity(ctx.db, ctx.account.id, room.id, 'meeting_join', { meeting_id: room.meeting!.meeting_id, instance_uuid: room.meeting!.instance_uuid }, at);
      } else if (method === 'zoomroom.meeting_leave' || method === 'zoomroom.meeting_end') {
        const left = room.meeting;
        await (method === 'zoomroom.meeting_end' ? endMeeting(ctx, room) : leaveRoomMeeting(ctx, room));
        await repo.insertActivity(ctx.db, ctx.account.id, room.id, 'meeting_leave', { meeting_id: left!.meeting_id, instance_uuid: left!.instance_uuid }, at);
      } else {
        // The other controls act on the room's own hardware: kept as the room's activity.
        await repo.insertActivity(ctx.db, ctx.account.id, room.id, 'control', { method, params }, at);
        if (method === 'zoomroom.thirdparty_meeting_join') await ctx.emit('zoomroom.thirdparty_meeting_attempted', { object: thirdPartyAttempt(room, params, ctx.clock.iso()) });
        return;
      }
      await repo.saveRoom(ctx.db, ctx.account.id, room);
    },

    async manageE911signage(input: Input<Record<string, never>, Record<string, never>, E911Body>, ctx: Context) {
      requireRooms(ctx.account);
      const params = input.body.params ?? {};
      const now = ctx.clock.iso();
      if (input.body.method === 'zoomroom.emergency_alert_removed') {
        if (!params.event_id) throw RoomsErrors.eventIdRequired();
        const shown = await repo.getE911(ctx.db, ctx.account.id, params.event_id);
        if (!shown || shown.removed_at) throw RoomsErrors.invalidParameter('event_id');
        if (params.target_ids !== undefined && (params.target_type !== shown.target_type || params.target_ids.some((t) => !shown.target_ids.includes(t)))) throw RoomsErrors.invalidTargets();
        await repo.removeE911(ctx.db, ctx.account.id, shown.id, now);
        return undefined;
      }
      await checkTargets(ctx, params.target_type, params.target_ids);
      if (!params.content || params.content.trim() === '') throw RoomsErrors.invalidParameter('content');
      const alert: repo.E911Record = { id: zoomId(), content: params.content, target_type: params.target_type!, target_ids: params.target_ids! };
      await repo.insertE911(ctx.db, ctx.account.id, alert, now);
      // Zoom's 202 has no schema; the id is what removing the alert needs (README).
      return { event_id: alert.id };
    },

    async listDigitalSignageContent(input: Input<Record<string, never>, { type?: string; folder_id?: string }>, ctx: Context) {
      requireRooms(ctx.account);
      const type = input.query.type ?? 'content';
      if (type !== 'content' && type !== 'folder') throw RoomsErrors.invalidParameter('type');
      const filter = { type, ...(input.query.folder_id ? { folderId: input.query.folder_id } : {}) };
      const total = await input.page.total(() => repo.countSignage(ctx.db, ctx.account.id, filter));
      const { items, last } = await repo.listSignage(ctx.db, ctx.account.id, filter, input.page);
      return input.page.respondText(total, 'contents', items, last);
    },
  };
}

