// Zoom Rooms in a scenario. Setup: each room through the REST API
// (`POST /rooms`), its devices paired on the rooms control plane
// (`POST /_openzoom/rooms/{id}/devices`), and its first status (Available once a
// device is online). Events on the control plane: the room's status, a
// device's status or version, alerts raised and cleared (each a
// `zoomroom.alert`); and room controls through the REST API
// (`PATCH /rooms/{id}/events`: joining or leaving a scenario meeting, check-ins …).
import type { Scenario } from './format.ts';
import type { Part } from './parts.ts';

/** Which part of the room an alert names when the file does not say: the controller's, else the computer's (Zoom's components). */
const COMPONENT: Record<number, number> = { 1: 2, 6: 2 };

export function roomsPart(): Part {
  const rooms: Record<string, string> = {};
  const devices: Record<string, string> = {};
  const device = (p: Parameters<Part['setup']>[0], room: string, key: string) => p.need(devices, `${room}/${key}`, 'room device');

  return {
    addons(s: Scenario) {
      const n = (s.rooms ?? []).length;
      return n > 0 ? { zoom_rooms: { hosts: n } } : {};
    },

    async setup(p, s) {
      for (const r of s.rooms ?? []) {
        const id = (await p.api(`room ${r.key}`, 'POST', '/v2/rooms', { name: r.name, type: r.type ?? 'ZoomRoom' })).id as string;
        rooms[r.key] = id;
        for (const d of r.devices ?? []) {
          const made = await p.must(`room ${r.key} device ${d.key}`, 'POST', `/_openzoom/rooms/${id}/devices`, {
            account_id: p.accountId,
            device_type: d.type,
            app_version: d.app_version ?? '6.2.0',
            device_system: d.system ?? (d.type === 'Controller' || d.type === 'Scheduling Display' ? 'iPadOS 17' : 'Windows 11'),
            status: d.status ?? 'Online',
          });
          devices[`${r.key}/${d.key}`] = made.id;
        }
        const status = r.status ?? ((r.devices ?? []).some((d) => (d.status ?? 'Online') === 'Online') ? 'Available' : undefined);
        if (status !== undefined) await p.must(`room ${r.key}`, 'POST', `/_openzoom/rooms/${id}/status`, { account_id: p.accountId, status });
      }
    },

    handlers: {
      async room_status(p, e, what) {
        await p.must(what, 'POST', `/_openzoom/rooms/${p.need(rooms, String(e.room), 'room')}/status`, { account_id: p.accountId, status: e.status });
      },
      async room_device(p, e, what) {
        const room = p.need(rooms, String(e.room), 'room');
        await p.must(what, 'PATCH', `/_openzoom/rooms/${room}/devices/${device(p, String(e.room), String(e.device))}`, {
          account_id: p.accountId,
          ...(e.status !== undefined ? { status: e.status } : {}),
          ...(e.app_version !== undefined ? { app_version: e.app_version } : {}),
        });
      },
      async room_alert(p, e, what) {
        const type = Number(e.alert_type);
        await p.must(what, 'POST', `/_openzoom/rooms/${p.need(rooms, String(e.room), 'room')}/alerts`, {
          account_id: p.accountId,
          alert_type: type,
          component: e.component ?? COMPONENT[type] ?? 1,
          alert_kind: e.cleared === true ? 2 : 1,
          ...(e.issue !== undefined ? { issue: e.issue } : {}),
          ...(e.device !== undefined ? { device_id: device(p, String(e.room), String(e.device)) } : {}),
        });
      },
      /** A room control; `meeting` names a scenario meeting for meeting_join / meeting_leave / meeting_end. */
      async room_control(p, e, what) {
        const params = { ...((e.params as Record<string, unknown> | undefined) ?? {}), ...(e.meeting !== undefined ? { meeting_number: p.need(p.meetings, String(e.meeting), 'meeting') } : {}) };
        await p.api(what, 'PATCH', `/v2/rooms/${p.need(rooms, String(e.room), 'room')}/events`, { method: e.method, ...(Object.keys(params).length > 0 ? { params } : {}) });
      },
    },

    ids: () => ({ rooms }),
  };
}
