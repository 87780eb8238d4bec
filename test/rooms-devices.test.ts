// Zoom Rooms devices and what a room does: devices and status from the
// control plane, Change Zoom Rooms' app version on the server clock, room
// controls (check-in and check-out, joining and leaving a live meeting),
// alerts and activity kept for reports, E911 signage and signage content.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { expectEmitted, expectNoEvents, markEvents } from './helpers/events.ts';
import { RELEASES, VERSION_CHANGE_MS } from '../src/api/rooms-devices/model.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

async function account(): Promise<{ id: string; ownerId: string; api: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons: { zoom_rooms: { hosts: 2 } } });
  return { id: r.body.account_id, ownerId: r.body.owner_id, api: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

async function room(api: TestClient, name = 'Board room'): Promise<string> {
  const r = await api.post('/v2/rooms', { name, type: 'ZoomRoom' });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}

async function device(accountId: string, roomId: string, app_version = '6.1.0', device_type = 'Zoom Rooms Computer'): Promise<string> {
  const r = await s.client.post(`/_openzoom/rooms/${roomId}/devices`, { account_id: accountId, device_type, app_version, device_system: 'Windows 11', status: 'Online' });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}

const status = (accountId: string, roomId: string, value: string) => s.client.post(`/_openzoom/rooms/${roomId}/status`, { account_id: accountId, status: value });
const advance = (ms: number) => s.client.post('/_openzoom/clock', { advance_seconds: ms / 1000 });

describe("Devices (listZRDevices, changeZoomRoomsAppVersion)", () => {
  test('devices pair through the control plane and list with the room name', async () => {
    const { id, api } = await account();
    const r = await room(api);
    const d = await device(id, r);
    const list = await api.get(`/v2/rooms/${r}/devices`);
    assert.equal(list.status, 200, list.raw);
    assert.deepEqual(list.body.devices, [{ id: d, room_name: 'Board room', device_type: 'Zoom Rooms Computer', app_version: '6.1.0', device_system: 'Windows 11', status: 'Online' }]);
    const bad = await s.client.post(`/_openzoom/rooms/${r}/devices`, { account_id: id, device_type: 'Toaster', app_version: '1', device_system: 'x', status: 'Online' });
    assert.equal(bad.status, 400);
    assert.equal((await s.client.post('/_openzoom/rooms/nope/devices', { account_id: id, device_type: 'Controller', app_version: '1', device_system: 'iPadOS', status: 'Online' })).status, 404);
  });

  test('an upgrade lands after the delay on the server clock; a second one, a downgrade or a cancel are refused as Zoom does', async () => {
    const { id, api } = await account();
    const r = await room(api);
    const d = await device(id, r, '6.1.0');
    const version = async () => (await api.get(`/v2/rooms/${r}/devices`)).body.devices[0].app_version;
    const change = (action: string, deviceId = d, roomId = r) => api.put(`/v2/rooms/${roomId}/devices/${deviceId}/app_version`, { action });
    assert.equal((await change('cancel')).body.code, 8003, 'nothing to cancel');
    assert.equal((await change('upgrade')).status, 204);
    assert.equal(await version(), '6.1.0', 'not yet');
    assert.equal((await change('upgrade')).body.code, 8001, 'already being updated');
    assert.equal((await change('downgrade')).body.code, 8002, 'an update is under way');
    await advance(VERSION_CHANGE_MS + 1000);
    const newest = RELEASES[RELEASES.length - 1]!;
    assert.equal(await version(), newest);
    assert.equal((await change('upgrade')).body.code, 8001, 'up to date');
    assert.equal((await change('downgrade')).status, 204);
    assert.equal((await change('cancel')).status, 204);
    await advance(VERSION_CHANGE_MS + 1000);
    assert.equal(await version(), newest, 'the cancelled downgrade never lands');
    const other = await room(api, 'Other');
    assert.deepEqual((await change('upgrade', d, other)).body, { code: 8004, message: `A device with the provided Device ID: ${d} does not belong to the current room: ${other}.` });
    assert.equal((await change('fly')).body.code, 300);
    const oldest = await device(id, r, RELEASES[0]);
    assert.equal((await change('downgrade', oldest)).body.code, 8002, 'no older release');
  });

  test('of concurrent upgrades of one device, one is taken and the others refused (8001)', async () => {
    const { id, api } = await account();
    const r = await room(api);
    const d = await device(id, r, '6.0.0');
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.put(`/v2/rooms/${r}/devices/${d}/app_version`, { action: 'upgrade' })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [204, 400, 400, 400, 400, 400]);
    for (const a of answers.filter((x) => x.status === 400)) assert.equal(a.body.code, 8001);
  });

  test("another account's room and device are unknown; a Member cannot change versions", async () => {
    const one = await account();
    const two = await account();
    const r = await room(one.api);
    const d = await device(one.id, r);
    assert.equal((await two.api.get(`/v2/rooms/${r}/devices`)).body.code, 1012);
    const theirs = await room(two.api);
    assert.equal((await two.api.put(`/v2/rooms/${theirs}/devices/${d}/app_version`, { action: 'upgrade' })).body.code, 8004);
    assert.equal((await s.client.post(`/_openzoom/rooms/${r}/devices`, { account_id: two.id, device_type: 'Controller', app_version: '1', device_system: 'iPadOS', status: 'Online' })).status, 404);
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'rooms-dev-member@example.org', type: 1 } });
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token;
    const member = s.client.withToken(token);
    const res = await member.put(`/v2/rooms/${r}/devices/${d}/app_version`, { action: 'upgrade' });
    assert.equal(res.body.code, 200);
    assert.equal((await one.api.get(`/v2/rooms/${r}/devices`)).body.devices[0].app_version, '6.1.0');
  });
});

describe('Status, alerts and activity (control plane)', () => {
  test('a room going offline and back raises and clears Zoom\'s alert; devices report too; all of it is kept', async () => {
    const { id, api } = await account();
    const r = await room(api, 'Atlas');
    const d = await device(id, r, '6.1.0', 'Controller');
    assert.equal((await status(id, r, 'Available')).status, 200);
    assert.equal((await api.get('/v2/rooms?status=Available')).body.rooms.length, 1);
    let mark = await markEvents(s);
    await status(id, r, 'Offline');
    const down = await expectEmitted(s, mark, 'zoomroom.alert');
    assert.equal(down.payload.object.issue, 'Zoom room is offline');
    assert.equal(down.payload.object.alert_type, 3);
    assert.equal(down.payload.object.alert_kind, 1);
    mark = await markEvents(s);
    await status(id, r, 'Available');
    assert.equal((await expectEmitted(s, mark, 'zoomroom.alert')).payload.object.alert_kind, 2);
    mark = await markEvents(s);
    const off = await s.client.patch(`/_openzoom/rooms/${r}/devices/${d}`, { account_id: id, status: 'Offline' });
    assert.equal(off.status, 200, off.raw);
    assert.equal((await expectEmitted(s, mark, 'zoomroom.alert')).payload.object.issue, 'Controller disconnected');
    const low = await s.client.post(`/_openzoom/rooms/${r}/alerts`, { account_id: id, alert_type: 6, component: 2, device_id: d });
    assert.equal(low.status, 201, low.raw);
    assert.equal(low.body.issue, 'Controller battery is low');
    assert.equal((await s.client.post(`/_openzoom/rooms/${r}/alerts`, { account_id: id, alert_type: 44, component: 2 })).status, 400);
    const kept = (await s.client.get(`/_openzoom/rooms/${r}/activity?account_id=${id}`)).body;
    // A new room is offline until its devices report: coming online the first time is reported too.
    const pairs = kept.alerts.map((a: { alert_type: number; alert_kind: number }) => `${a.alert_type}/${a.alert_kind}`).sort();
    assert.deepEqual(pairs, ['1/1', '3/1', '3/2', '3/2', '6/1']);
    assert.deepEqual(kept.activity.filter((a: { kind: string }) => a.kind === 'status').map((a: { data: { to: string } }) => a.data.to).sort(), ['Available', 'Available', 'Offline']);
    await status(id, r, 'UnderConstruction');
    assert.equal((await api.get(`/v2/rooms/${r}`)).body.setup.under_construction, true);
    assert.equal((await api.get('/v2/rooms?status=UnderConstruction')).body.rooms.length, 1);
  });
});

describe('Room controls (ZoomRoomsControls)', () => {
  test('check-in and check-out of a calendar event, each once, with their events; an offline room refuses', async () => {
    const { id, api } = await account();
    const r = await room(api, 'Nile');
    const params = { event_id: 'evt-1', calendar_id: 'cal-1', change_key: 'ck', resource_email: 'nile@example.com' };
    assert.deepEqual((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_in', params })).body.code, 300, 'offline');
    await status(id, r, 'Available');
    let mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_in', params })).status, 202);
    const e = await expectEmitted(s, mark, 'zoomroom.checked_in');
    assert.equal(e.payload.object.event_id, 'evt-1');
    assert.equal(e.payload.object.room_name, 'Nile');
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_in', params })).body.code, 300, 'already checked in');
    mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_out', params })).status, 202);
    await expectEmitted(s, mark, 'zoomroom.checked_out');
    mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_out', params })).body.code, 300, 'checked out already');
    await expectNoEvents(s, mark);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.check_in', params: {} })).body.code, 300, 'event_id needed');
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.switch_camera', params: { cameraId: 'cam' } })).body.message, 'Invalid parameters. Device does not exist: cam.');
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.teleport' })).body.code, 300);
    assert.equal((await api.patch('/v2/rooms/AAAAAAAAAAAAAAAAAAAAAA/events', { method: 'zoomroom.restart' })).body.code, 1012);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.restart' })).status, 202);
    mark = await markEvents(s);
    const teams = { join_type: 'url', meeting_source_type: 'MS_TEAMS', join_url: 'https://teams.example.com/l/meetup-join/1', passcode: 'abc' };
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.thirdparty_meeting_join', params: teams })).status, 202);
    const attempted = await expectEmitted(s, mark, 'zoomroom.thirdparty_meeting_attempted');
    assert.equal(attempted.payload.object.room_id, r);
    assert.equal(attempted.payload.object.meeting_source_type, 'MS_TEAMS');
    const kinds = (await s.client.get(`/_openzoom/rooms/${r}/activity?account_id=${id}`)).body.activity.map((a: { kind: string }) => a.kind);
    assert.deepEqual(kinds.sort(), ['check_in', 'check_out', 'control', 'control', 'status']);
  });

  test('a room joins a live meeting as a participant and leaves it (src/live)', async () => {
    const { id, ownerId, api } = await account();
    const r = await room(api, 'Amazon');
    await status(id, r, 'Available');
    const m = await api.post(`/v2/users/${ownerId}/meetings`, { topic: 'Room sync', settings: { waiting_room: false } });
    assert.equal(m.status, 201, m.raw);
    const join = () => api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id) } });
    assert.equal((await join()).body.code, 300, 'the meeting has not started');
    assert.equal((await s.client.post(`/_openzoom/meetings/${m.body.id}/start`, {})).status, 201);
    const mark = await markEvents(s);
    assert.equal((await join()).status, 202);
    const joined = await expectEmitted(s, mark, 'meeting.participant_joined');
    assert.equal(joined.payload.object.participant.user_name, 'Amazon');
    assert.equal((await api.get(`/v2/rooms/${r}`)).status, 200);
    assert.deepEqual((await api.get('/v2/rooms?status=InMeeting')).body.rooms.map((x: { id: string }) => x.id), [r]);
    assert.equal((await join()).body.code, 300, 'already in a meeting');
    const live = (await s.client.get(`/_openzoom/meetings/${m.body.id}/live`)).body;
    assert.ok(live.participants.some((p: { name: string; status: string }) => p.name === 'Amazon' && p.status === 'in_meeting'), JSON.stringify(live));
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_leave' })).status, 202);
    assert.deepEqual((await api.get('/v2/rooms?status=Available')).body.rooms.map((x: { id: string }) => x.id), [r]);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_leave' })).body.code, 300, 'not in a meeting');
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: '99999999999' } })).body.code, 3001);
  });
});

describe('A room hosting a meeting (ZoomRoomsControls meeting_join with make_zoom_room_host, meeting_end)', () => {
  test("a room of the meeting's account starts it as host and ends it for everyone; a room of another account cannot", async () => {
    const { id, ownerId, api } = await account();
    const r = await room(api, 'Host room');
    await status(id, r, 'Available');
    const m = await api.post(`/v2/users/${ownerId}/meetings`, { topic: 'Hosted by a room', settings: { waiting_room: false } });
    const stranger = await account();
    const theirs = await room(stranger.api, 'Visitor');
    await status(stranger.id, theirs, 'Available');
    const visit = await stranger.api.patch(`/v2/rooms/${theirs}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id), make_zoom_room_host: true, passcode: m.body.password } });
    assert.equal(visit.body.code, 300, 'not its meeting to start');
    let mark = await markEvents(s);
    const start = await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id), make_zoom_room_host: true } });
    assert.equal(start.status, 202, start.raw);
    await expectEmitted(s, mark, 'meeting.started');
    const live = (await s.client.get(`/_openzoom/meetings/${m.body.id}/live`)).body;
    assert.deepEqual(live.participants.map((p: { name: string; role: string }) => [p.name, p.role]), [['Host room', 'host']]);
    const guest = await stranger.api.patch(`/v2/rooms/${theirs}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id), passcode: m.body.password } });
    assert.equal(guest.status, 202, guest.raw);
    mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_end' })).status, 202);
    await expectEmitted(s, mark, 'meeting.ended');
    assert.equal((await s.client.get(`/_openzoom/meetings/${m.body.id}/live`)).body.status, 'waiting');
    assert.deepEqual((await api.get('/v2/rooms?status=Available')).body.rooms.map((x: { id: string }) => x.id), [r]);
    // The visiting room is still marked in the ended meeting: it can join the next one, and leaving an ended meeting just clears it.
    assert.equal((await stranger.api.get(`/v2/rooms?status=InMeeting`)).body.rooms.length, 1);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id), make_zoom_room_host: true } })).status, 202);
    const again = await stranger.api.patch(`/v2/rooms/${theirs}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: String(m.body.id), passcode: m.body.password } });
    assert.equal(again.status, 202, again.raw);
    assert.equal((await stranger.api.patch(`/v2/rooms/${theirs}/events`, { method: 'zoomroom.meeting_leave' })).status, 202);
    assert.equal((await api.patch(`/v2/rooms/${r}/events`, { method: 'zoomroom.meeting_end' })).status, 202);
    assert.equal((await stranger.api.patch(`/v2/rooms/${theirs}/events`, { method: 'zoomroom.meeting_leave' })).body.code, 300, 'not in a meeting any more');
  });
});

describe('E911 digital signage and signage content (manageE911signage, listDigitalSignageContent)', () => {
  test('an alert shows on named targets of the account and is removed by its id', async () => {
    const { id, api } = await account();
    const r = await room(api);
    const other = await account();
    const bad = await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_displayed', params: { content: 'Evacuate', target_type: 'room', target_ids: [await room(other.api)] } });
    assert.deepEqual(bad.body, { code: 300, message: 'Invalid value submitted for Target Ids. Provide a valid Target Id associated with the Target type.' });
    const shown = await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_displayed', params: { content: 'Evacuate', target_type: 'room', target_ids: [r] } });
    assert.equal(shown.status, 202, shown.raw);
    assert.equal((await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_displayed', params: { content: 'All', target_type: 'account', target_ids: [id] } })).status, 202);
    assert.equal((await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_removed', params: { target_type: 'room', target_ids: [r] } })).body.message, 'Event id is required.');
    const removed = await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_removed', params: { event_id: shown.body.event_id } });
    assert.equal(removed.status, 202);
    assert.equal((await api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_removed', params: { event_id: shown.body.event_id } })).body.code, 300, 'removed already');
    assert.equal((await other.api.patch('/v2/rooms/events', { method: 'zoomroom.emergency_alert_removed', params: { event_id: shown.body.event_id } })).body.code, 300);
  });

  test('content uploaded through the control plane lists in pages, by type and folder', async () => {
    const { id, api } = await account();
    const folder = (await s.client.post('/_openzoom/rooms/digital_signage', { account_id: id, name: 'Lobby', type: 'folder' })).body;
    for (const name of ['Welcome', 'Menu', 'Map']) {
      const c = await s.client.post('/_openzoom/rooms/digital_signage', { account_id: id, name, folder_id: folder.id });
      assert.equal(c.status, 201, c.raw);
    }
    await s.client.post('/_openzoom/rooms/digital_signage', { account_id: id, name: 'Loose' });
    assert.equal((await s.client.post('/_openzoom/rooms/digital_signage', { account_id: id, name: 'X', folder_id: 'nope' })).status, 400);
    const all = await api.get('/v2/rooms/digital_signage?page_size=2');
    assert.equal(all.status, 200, all.raw);
    assert.equal(all.body.contents.length, 2);
    const next = await api.get(`/v2/rooms/digital_signage?page_size=2&next_page_token=${all.body.next_page_token}`);
    assert.deepEqual([...all.body.contents, ...next.body.contents].map((c: { name: string }) => c.name).sort(), ['Loose', 'Map', 'Menu', 'Welcome']);
    assert.deepEqual((await api.get('/v2/rooms/digital_signage?type=folder')).body.contents, [{ id: folder.id, name: 'Lobby' }]);
    assert.equal((await api.get(`/v2/rooms/digital_signage?folder_id=${folder.id}`)).body.contents.length, 3);
    const other = await account();
    assert.equal((await other.api.get('/v2/rooms/digital_signage')).body.contents.length, 0);
  });
});
