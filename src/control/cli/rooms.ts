// `openzoom rooms …`: what a Zoom Room's own hardware reports, through the
// control plane (/_openzoom/rooms/…): its status, its devices, and what it
// raised and did (alerts and activity, as reports read them).
import type { CommandSpec, Context } from './commands.ts';
import { fields, table } from './output.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const account = { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' } as const;

async function accountOf(ctx: Context): Promise<string> {
  return str(ctx.values.account) ?? (await ctx.client.get<{ account_id: string }>('/demo')).account_id;
}

const STATUSES: Record<string, string> = { online: 'Available', available: 'Available', offline: 'Offline', 'in-meeting': 'InMeeting', inmeeting: 'InMeeting', 'under-construction': 'UnderConstruction', underconstruction: 'UnderConstruction' };

const roomsStatus: CommandSpec = {
  name: 'rooms status',
  summary: "report a Zoom Room's status (online, offline, in-meeting, under-construction)",
  args: 'ROOM_ID STATUS',
  positionals: { min: 2, max: 2 },
  options: { account },
  notes: ['Going offline raises the "Zoom room is offline" alert (zoomroom.alert); coming back clears it.'],
  async run(ctx) {
    const [roomId, given] = ctx.positionals as [string, string];
    const status = STATUSES[given.toLowerCase()] ?? given;
    const r = await ctx.client.post<{ id: string; status: string }>(`/rooms/${encodeURIComponent(roomId)}/status`, { account_id: await accountOf(ctx), status });
    if (ctx.out.json) return ctx.out.data(r);
    fields(ctx.out, [['room', r.id], ['status', r.status]]);
  },
};

const roomsDevice: CommandSpec = {
  name: 'rooms device',
  summary: 'pair a device with a Zoom Room (a computer, controller, scheduling display …)',
  args: 'ROOM_ID',
  positionals: { min: 1, max: 1 },
  options: {
    type: { type: 'string', value: 'TYPE', description: 'Zoom Rooms Computer (default), Controller, Scheduling Display, Zoom Rooms Control System, Companion Whiteboard' },
    version: { type: 'string', value: 'VERSION', description: 'the Zoom Rooms app version (default 6.1.0)' },
    system: { type: 'string', value: 'SYSTEM', description: 'the operating system (default Windows 11)' },
    offline: { type: 'boolean', description: 'the device is offline' },
    account,
  },
  async run(ctx) {
    const body = {
      account_id: await accountOf(ctx),
      device_type: str(ctx.values.type) ?? 'Zoom Rooms Computer',
      app_version: str(ctx.values.version) ?? '6.1.0',
      device_system: str(ctx.values.system) ?? 'Windows 11',
      status: ctx.values.offline === true ? 'Offline' : 'Online',
    };
    const r = await ctx.client.post<{ id: string }>(`/rooms/${encodeURIComponent(ctx.positionals[0]!)}/devices`, body);
    if (ctx.out.json) return ctx.out.data(r);
    fields(ctx.out, [['device', r.id], ['type', body.device_type], ['version', body.app_version]]);
  },
};

interface Activity {
  id: string;
  name: string;
  devices: Array<{ id: string; device_type: string; app_version: string; status: string }>;
  alerts: Array<{ at: string; issue: string; alert_kind: number }>;
  activity: Array<{ at: string; kind: string; data: Record<string, unknown> }>;
}

const roomsShow: CommandSpec = {
  name: 'rooms show',
  summary: "a Zoom Room's devices, alerts and activity",
  args: 'ROOM_ID',
  positionals: { min: 1, max: 1 },
  options: { account },
  async run(ctx) {
    const id = await accountOf(ctx);
    const r = await ctx.client.get<Activity>(`/rooms/${encodeURIComponent(ctx.positionals[0]!)}/activity?account_id=${encodeURIComponent(id)}`);
    if (ctx.out.json) return ctx.out.data(r);
    fields(ctx.out, [['room', r.id], ['name', r.name]]);
    table(ctx.out, ['DEVICE', 'TYPE', 'VERSION', 'STATUS'], r.devices.map((d) => [d.id, d.device_type, d.app_version, d.status]));
    const kinds = ['', 'raised', 'cleared', 'observed', 'other'];
    const rows = [...r.alerts.map((a) => [a.at, 'alert', `${a.issue} (${kinds[a.alert_kind] ?? a.alert_kind})`]), ...r.activity.map((a) => [a.at, a.kind, JSON.stringify(a.data)])];
    table(ctx.out, ['AT', 'WHAT', 'DETAIL'], rows.sort((a, b) => a[0]!.localeCompare(b[0]!)));
  },
};

export const ROOMS_COMMANDS: readonly CommandSpec[] = [roomsStatus, roomsDevice, roomsShow];
