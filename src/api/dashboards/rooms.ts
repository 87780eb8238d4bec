// Zoom Rooms dashboards: the account's rooms with their devices, status, open
// issues and health; a room's meetings in a range; the issues rooms reported
// (the alerts the rooms category stores, src/api/rooms/control.ts), counted by
// issue and by room. Business plans and up, with Zoom Rooms.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { seconds, type InstanceRecord } from '../../live/model.ts';
import * as live from '../../live/repository.ts';
import { findRoom, requireRooms } from '../rooms/common.ts';
import { shownStatus, type RoomRecord } from '../rooms/model.ts';
import { countRooms, getRoom, roomDevices, type AlertRecord } from '../rooms/repository.ts';
import { getLocation } from '../rooms-location/repository.ts';
import { DEVICE_TYPES } from '../rooms-devices/model.ts';
import * as reports from '../reports/repository.ts';
import { dashboardRange, sessionView, needBusiness } from './sessions.ts';
import * as repo from './repository.ts';

type DeviceType = (typeof DEVICE_TYPES)[number];

/** Top lists hold 25 entries (Zoom's "top 25"). */
const TOP = 25;
type Range = { from?: string; to?: string };

function needRoomsDashboard(ctx: Context): void {
  needBusiness(ctx);
  requireRooms(ctx.account);
}

/**
 * Issues still open: per alert type, component and device, the last alert
 * unless it cleared the issue (kind 2). Passcode alerts (type 10) clear nothing.
 */
export function openIssues(alerts: readonly AlertRecord[]): AlertRecord[] {
  const last = new Map<string, AlertRecord>();
  for (const a of alerts) last.set(`${a.alert_type} ${a.component} ${a.device_id}`, a);
  return [...last.values()].filter((a) => a.alert_kind !== 2);
}

/** Critical: the room is offline or its computer is disconnected (alert types 3 and 7); warning: any other open issue. */
export function healthOf(open: readonly AlertRecord[]): 'critical' | 'warning' | 'healthy' {
  if (open.some((a) => a.alert_type === 3 || a.alert_type === 7)) return 'critical';
  return open.length > 0 ? 'warning' : 'healthy';
}

/** The devices' addresses as Zoom lists them, the computer first: "Computer : 10.0.0.1; Controller : 10.0.0.2". */
const deviceIp = (devices: ReadonlyArray<{ device_type: string; details: Record<string, unknown> }>) =>
  [...devices]
    .sort((a, b) => DEVICE_TYPES.indexOf(a.device_type as DeviceType) - DEVICE_TYPES.indexOf(b.device_type as DeviceType))
    .filter((d) => typeof d.details.ip_address === 'string')
    .map((d) => `${d.device_type === 'Zoom Rooms Computer' ? 'Computer' : d.device_type} : ${String(d.details.ip_address)}`)
    .join('; ');

async function roomView(ctx: Context, r: RoomRecord, alerts: readonly AlertRecord[], lastStart: string | undefined) {
  const open = openIssues(alerts.filter((a) => a.room_id === r.id));
  const location = r.location_id ? await getLocation(ctx.db, ctx.account.id, r.location_id) : undefined;
  return {
    id: r.id,
    room_name: r.name,
    // No calendar integration is modelled: the room's address is its own work e-mail.
    calender_name: '',
    email: r.email,
    account_type: 'Work Email',
    status: shownStatus(r),
    device_ip: deviceIp(await roomDevices(ctx.db, ctx.account.id, r.id)),
    // Cameras, microphones and speakers are not reported here (README).
    camera: '',
    microphone: '',
    speaker: '',
    ...(lastStart ? { last_start_time: seconds(lastStart) } : {}),
    location: location?.name ?? '',
    location_id: r.location_id,
    issues: [...new Set(open.map((a) => a.issue))],
    health: healthOf(open),
  };
}

/** A meeting as the room's dashboard shows it: the meetings dashboard's fields and what its participants used. */
async function meetingMetrics(ctx: Context, i: InstanceRecord, devices: Set<string>, video: boolean, kinds: Set<string>) {
  const view = await sessionView(ctx, i, kinds);
  const others = [...devices].filter((d) => d !== 'Phone' && d !== 'H.323/SIP');
  return {
    ...view,
    in_room_participants: 0,
    has_pstn: devices.has('Phone'),
    has_sip: devices.has('H.323/SIP'),
    has_voip: others.length > 0,
    has_video: video,
    has_3rd_party_audio: false,
    has_archiving: false,
    has_manual_captions: false,
    has_automated_captions: false,
  };
}

export function createRoomsDashboardsProvider(_deps: ProviderDeps): Provider {
  return {
    async dashboardZoomRooms(input: Input, ctx: Context) {
      needRoomsDashboard(ctx);
      const page = input.page;
      const total = await page.total(() => countRooms(ctx.db, ctx.account.id, {}));
      const rooms = await repo.roomsPage(ctx.db, ctx.account.id, page.size, page.offset);
      const ids = rooms.map((r) => r.id);
      const alerts = await repo.alertsOf(ctx.db, ctx.account.id, ids);
      const starts = await repo.lastOnline(ctx.db, ctx.account.id, ids);
      const zoom_rooms = [];
      for (const r of rooms) zoom_rooms.push(await roomView(ctx, r, alerts, starts.get(r.id)));
      return page.respond(total, { zoom_rooms });
    },

    /** The room, the meeting it is in now, and the meetings it joined in the range that have ended. */
    async dashboardZoomRoom(input: Input<{ zoomroomId: string }, Range>, ctx: Context) {
      needBusiness(ctx);
      const r = await findRoom(ctx, String(input.path.zoomroomId));
      const range = dashboardRange(ctx, input.query);
      const view = await roomView(ctx, r, await repo.alertsOf(ctx.db, ctx.account.id, [r.id]), (await repo.lastOnline(ctx.db, ctx.account.id, [r.id])).get(r.id));
      // A room's meetings are its own account's (a meeting of another account is that account's to report).
      const joined = [];
      for (const uuid of await repo.roomJoins(ctx.db, ctx.account.id, r.id, range.start, range.end)) {
        const i = await live.getInstance(ctx.db, ctx.account.id, uuid);
        if (i) joined.push(i);
      }
      const current = r.meeting && r.meeting.account_id === ctx.account.id ? await live.getInstance(ctx.db, ctx.account.id, r.meeting.instance_uuid) : undefined;
      const inNow = current?.status === 'live' && (await live.getParticipant(ctx.db, ctx.account.id, current.uuid, r.meeting!.participant_id))?.status !== 'left';
      const ended = joined.filter((i) => i.status === 'ended');
      const page = input.page;
      const slice = ended.slice(page.offset, page.offset + page.size);
      const shown = [...slice, ...(inNow ? [current!] : [])].map((i) => i.uuid);
      const devices = await repo.participantDevices(ctx.db, ctx.account.id, shown);
      const video = await repo.withVideo(ctx.db, ctx.account.id, shown);
      const kinds = await reports.intervalKinds(ctx.db, ctx.account.id, shown);
      const metrics = (i: InstanceRecord) => meetingMetrics(ctx, i, devices.get(i.uuid) ?? new Set(), video.has(i.uuid), kinds.get(i.uuid) ?? new Set());
      const meetings = [];
      for (const i of slice) meetings.push(await metrics(i));
      const { page_number: _n, ...past } = page.respond(ended.length, { from: range.from, to: range.to, meetings });
      return { ...view, ...(inNow ? { live_meeting: await metrics(current!) } : {}), past_meetings: past };
    },

    /** Each issue rooms reported in the range, with how many rooms reported it; the 25 most widespread. */
    async dashboardZoomRoomIssue(input: Input<Record<string, never>, Range>, ctx: Context) {
      needRoomsDashboard(ctx);
      const range = dashboardRange(ctx, input.query);
      const rooms = new Map<string, Set<string>>();
      for (const a of await repo.alertsBetween(ctx.db, ctx.account.id, range.start, range.end)) (rooms.get(a.issue) ?? rooms.set(a.issue, new Set()).get(a.issue)!).add(a.room_id);
      const issues = [...rooms]
        .map(([issue_name, r]) => ({ issue_name, zoom_rooms_count: r.size }))
        .sort((a, b) => b.zoom_rooms_count - a.zoom_rooms_count || a.issue_name.localeCompare(b.issue_name))
        .slice(0, TOP);
      return { from: range.from, to: range.to, total_records: issues.length, issues };
    },

    /** The 25 rooms that reported the most issues in the range. */
    async dashboardIssueZoomRoom(input: Input<Record<string, never>, Range>, ctx: Context) {
      needRoomsDashboard(ctx);
      const range = dashboardRange(ctx, input.query);
      const counts = new Map<string, number>();
      for (const a of await repo.alertsBetween(ctx.db, ctx.account.id, range.start, range.end)) counts.set(a.room_id, (counts.get(a.room_id) ?? 0) + 1);
      const zoom_rooms = [];
      for (const [id, issues_count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
        if (zoom_rooms.length === TOP) break;
        // A room deleted since keeps its alerts but has no name left to show: the next one takes its place.
        const r = await getRoom(ctx.db, ctx.account.id, id);
        if (r) zoom_rooms.push({ id, room_name: r.name, issues_count });
      }
      return { from: range.from, to: range.to, total_records: zoom_rooms.length, zoom_rooms };
    },

    /** One room's issues in the range, as they came. */
    async dashboardIssueDetailZoomRoom(input: Input<{ zoomroomId: string }, Range>, ctx: Context) {
      needBusiness(ctx);
      const r = await findRoom(ctx, String(input.path.zoomroomId));
      const range = dashboardRange(ctx, input.query);
      const alerts = await repo.alertsBetween(ctx.db, ctx.account.id, range.start, range.end, r.id);
      const page = input.page;
      const issue_details = alerts.slice(page.offset, page.offset + page.size).map((a) => ({ issue: a.issue, time: seconds(a.at) }));
      const { page_number: _n, ...body } = page.respond(alerts.length, { from: range.from, to: range.to, issue_details });
      return body;
    },
  };
}
