// Zoom Rooms and CRC dashboards from a small morning driven through the control
// planes: three rooms, their devices, status and alerts; a meeting a room joins
// with two H.323/SIP systems and a phone caller, a second meeting with one
// system. Figures are checked against hand-computed values; every answer is
// validated against the contract by the test client. Also: paging, the
// six-month window, the CRC month clamp, another account's rooms, a Member,
// plans without Business, Zoom Rooms or the Room Connector.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { hourUsage, lastMonth } from '../src/api/dashboards/crc.ts';

let s: TestServer;
let acct: { account_id: string; owner_id: string; client_id: string; client_secret: string };
let rooms: Record<'atlas' | 'borealis' | 'cirrus', string>;
let hq: string;
const NOV = 'from=2026-11-01&to=2026-11-30';

/** A client with a fresh token (tokens last an hour of server clock). */
const api = () => s.client.withCredentials(acct.account_id, acct.client_id, acct.client_secret);
const at = (iso: string) => s.client.post('/_openzoom/clock', { set: iso, freeze: true });

async function account(body: Record<string, unknown>) {
  const r = await s.client.post('/_openzoom/accounts', body);
  assert.equal(r.status, 201, r.raw);
  return r.body as typeof acct;
}

async function ok(r: Promise<{ status: number; raw: string; body: any }>, status = 201) {
  const res = await r;
  assert.equal(res.status, status, res.raw);
  return res.body;
}

const statusOf = (room: string, status: string) => ok(s.client.post(`/_openzoom/rooms/${room}/status`, { account_id: acct.account_id, status }), 200);
const alert = (room: string, alert_type: number, alert_kind: number) => ok(s.client.post(`/_openzoom/rooms/${room}/alerts`, { account_id: acct.account_id, alert_type, component: 1, alert_kind }));
const join = (meeting: string, name: string, device: string) => ok(s.client.post(`/_openzoom/meetings/${meeting}/participants`, { name, email: `${name.toLowerCase()}@guest.example.com`, device }));

let m1: string;
let m2: string;

before(async () => {
  s = await startServer();
  await at('2026-11-10T09:00:00Z');
  acct = await account({ plan: 'business', addons: { zoom_rooms: { hosts: 5 }, room_connector: { hosts: 2 } } });
  let c = await api();
  hq = (await ok(c.post('/v2/rooms/locations', { name: 'HQ' }), 200)).id;
  const add = async (name: string, extra = {}) => (await ok(c.post('/v2/rooms', { name, type: 'ZoomRoom', ...extra }))).id as string;
  rooms = { atlas: await add('Atlas', { location_id: hq }), borealis: await add('Borealis'), cirrus: await add('Cirrus') };
  for (const [device_type, ip_address] of [['Zoom Rooms Computer', '10.0.0.5'], ['Controller', '10.0.0.6']]) {
    await ok(s.client.post(`/_openzoom/rooms/${rooms.atlas}/devices`, { account_id: acct.account_id, device_type, app_version: '6.2.0', device_system: 'Windows 11', status: 'Online', ip_address }));
  }
  // 09:00 Atlas and Borealis come online ("Zoom room is online", each).
  await statusOf(rooms.atlas, 'Available');
  await statusOf(rooms.borealis, 'Available');
  // 09:01 Atlas's controller battery runs low; 09:02 Borealis goes offline, Atlas's CPU runs high; 09:03 the CPU settles.
  await at('2026-11-10T09:01:00Z');
  await alert(rooms.atlas, 6, 1);
  await at('2026-11-10T09:02:00Z');
  await statusOf(rooms.borealis, 'Offline');
  await alert(rooms.atlas, 4, 1);
  await at('2026-11-10T09:03:00Z');
  await alert(rooms.atlas, 4, 2);

  // 09:05 the owner's meeting starts; Atlas joins it, with a Polycom system and a phone caller.
  await at('2026-11-10T09:05:00Z');
  c = await api();
  const meeting = async (topic: string) => String((await ok(c.post(`/v2/users/${acct.owner_id}/meetings`, { topic, settings: { waiting_room: false } }))).id);
  m1 = await meeting('Board review');
  m2 = await meeting('Vendor call');
  await ok(s.client.post(`/_openzoom/meetings/${m1}/start`, {}));
  await ok(c.patch(`/v2/rooms/${rooms.atlas}/events`, { method: 'zoomroom.meeting_join', params: { meeting_number: m1 } }), 202);
  const polycom = await join(m1, 'Polycom', 'H.323/SIP');
  await join(m1, 'Caller', 'Phone');
});
after(() => s.close());

describe('List Zoom Rooms and a room in a meeting (dashboardZoomRooms, dashboardZoomRoom)', () => {
  test('each room with its devices, location, open issues and health; paged', async () => {
    const c = await api();
    const r = await c.get('/v2/metrics/zoomrooms?page_size=2');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 3);
    assert.ok(r.body.next_page_token);
    assert.equal(r.body.zoom_rooms.length, 2);
    const next = await c.get(`/v2/metrics/zoomrooms?page_size=2&next_page_token=${r.body.next_page_token}`);
    assert.equal(next.status, 200, next.raw);
    assert.equal(next.body.zoom_rooms.length, 1);
    // Rooms added at one instant come in id order: find each by name.
    const all = [...r.body.zoom_rooms, ...next.body.zoom_rooms];
    const named = (name: string) => all.find((x: { room_name: string }) => x.room_name === name);
    const atlas = named('Atlas');
    assert.deepEqual(
      { id: atlas.id, status: atlas.status, device_ip: atlas.device_ip, location: atlas.location, location_id: atlas.location_id, last: atlas.last_start_time, issues: atlas.issues, health: atlas.health },
      { id: rooms.atlas, status: 'InMeeting', device_ip: 'Computer : 10.0.0.5; Controller : 10.0.0.6', location: 'HQ', location_id: hq, last: '2026-11-10T09:00:00Z', issues: ['Controller battery is low'], health: 'warning' },
    );
    // Borealis went offline and stayed so: critical.
    const borealis = named('Borealis');
    assert.deepEqual([borealis.status, borealis.issues, borealis.health], ['Offline', ['Zoom room is offline'], 'critical']);
    // Cirrus never reported: offline, no issue raised, never started.
    const cirrus = named('Cirrus');
    assert.deepEqual([cirrus.status, cirrus.issues, cirrus.health, cirrus.last_start_time, cirrus.device_ip], ['Offline', [], 'healthy', undefined, '']);
  });

  test('a room in a live meeting shows it, with who joined how', async () => {
    const r = await (await api()).get(`/v2/metrics/zoomrooms/${rooms.atlas}?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    const m = r.body.live_meeting;
    assert.equal(m.id, Number(m1));
    assert.equal(m.topic, 'Board review');
    assert.deepEqual([m.has_sip, m.has_pstn, m.has_voip, m.has_video], [true, true, true, false]);
    assert.equal(r.body.past_meetings.meetings.length, 0);
  });

  test('after the meeting: the room lists it among its past meetings in the range', async () => {
    await at('2026-11-10T09:30:00Z');
    await join(m1, 'Cisco', 'H.323/SIP');
    await at('2026-11-10T09:35:00Z');
    const live = (await s.client.get(`/_openzoom/meetings/${m1}/live`)).body;
    const polycom = live.participants.find((p: { name: string }) => p.name === 'Polycom');
    await ok(s.client.post(`/_openzoom/meetings/${m1}/participants/${polycom.participant_id}/leave`, {}), 200);
    await at('2026-11-10T09:38:00Z');
    await ok((await api()).patch(`/v2/rooms/${rooms.atlas}/events`, { method: 'zoomroom.meeting_leave' }), 202);
    await at('2026-11-10T09:40:00Z');
    await ok(s.client.post(`/_openzoom/meetings/${m1}/end`, {}), 200);
    // 10:50–11:10 a second meeting, one H.323/SIP system, no room.
    await at('2026-11-10T10:50:00Z');
    await ok(s.client.post(`/_openzoom/meetings/${m2}/start`, {}));
    await join(m2, 'Lifesize', 'H.323/SIP');
    await at('2026-11-10T11:10:00Z');
    await ok(s.client.post(`/_openzoom/meetings/${m2}/end`, {}), 200);

    const c = await api();
    const r = await c.get(`/v2/metrics/zoomrooms/${rooms.atlas}?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.live_meeting, undefined);
    const past = r.body.past_meetings;
    assert.deepEqual([past.from, past.to, past.total_records], ['2026-11-01', '2026-11-30', 1]);
    const m = past.meetings[0];
    // Host, Atlas, Polycom, the caller and Cisco joined; 09:05 to 09:40.
    assert.deepEqual([m.id, m.topic, m.duration, m.participants, m.start_time, m.end_time], [Number(m1), 'Board review', '00:35:00', 5, '2026-11-10T09:05:00Z', '2026-11-10T09:40:00Z']);
    assert.equal(m.has_sip, true);
    const october = await c.get(`/v2/metrics/zoomrooms/${rooms.atlas}?from=2026-10-01&to=2026-10-31`);
    assert.equal(october.body.past_meetings.meetings.length, 0);
    const cirrus = await c.get(`/v2/metrics/zoomrooms/${rooms.cirrus}?${NOV}`);
    assert.equal(cirrus.body.past_meetings.total_records, 0);
  });
});

describe('Issues (dashboardZoomRoomIssue, dashboardIssueZoomRoom, dashboardIssueDetailZoomRoom)', () => {
  test('issues counted by the rooms that reported them, and rooms by their issues', async () => {
    const c = await api();
    const issues = await c.get(`/v2/metrics/zoomrooms/issues?${NOV}`);
    assert.equal(issues.status, 200, issues.raw);
    assert.deepEqual(issues.body.issues, [
      { issue_name: 'Zoom room is online', zoom_rooms_count: 2 },
      { issue_name: 'Controller battery is low', zoom_rooms_count: 1 },
      { issue_name: 'High CPU usage is cleared', zoom_rooms_count: 1 },
      { issue_name: 'High CPU usage is detected', zoom_rooms_count: 1 },
      { issue_name: 'Zoom room is offline', zoom_rooms_count: 1 },
    ]);
    assert.equal(issues.body.total_records, 5);
    const top = await c.get(`/v2/metrics/issues/zoomrooms?${NOV}`);
    assert.equal(top.status, 200, top.raw);
    assert.deepEqual(top.body.zoom_rooms, [
      { id: rooms.atlas, room_name: 'Atlas', issues_count: 4 },
      { id: rooms.borealis, room_name: 'Borealis', issues_count: 2 },
    ]);
    const october = await c.get('/v2/metrics/issues/zoomrooms?from=2026-10-01&to=2026-10-31');
    assert.deepEqual(october.body.zoom_rooms, []);
  });

  test("one room's issues as they came, paged", async () => {
    const c = await api();
    const first = await c.get(`/v2/metrics/issues/zoomrooms/${rooms.atlas}?${NOV}&page_size=3`);
    assert.equal(first.status, 200, first.raw);
    assert.equal(first.body.total_records, 4);
    assert.deepEqual(first.body.issue_details, [
      { issue: 'Zoom room is online', time: '2026-11-10T09:00:00Z' },
      { issue: 'Controller battery is low', time: '2026-11-10T09:01:00Z' },
      { issue: 'High CPU usage is detected', time: '2026-11-10T09:02:00Z' },
    ]);
    const second = await c.get(`/v2/metrics/issues/zoomrooms/${rooms.atlas}?${NOV}&page_size=3&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.status, 200, second.raw);
    assert.deepEqual(second.body.issue_details, [{ issue: 'High CPU usage is cleared', time: '2026-11-10T09:03:00Z' }]);
  });
});

describe('CRC port usage (dashboardCRC)', () => {
  test('hour by hour: H.323/SIP connections and the most at once', async () => {
    const r = await (await api()).get(`/v2/metrics/crc?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.crc_ports_usage.length, 30);
    const day = r.body.crc_ports_usage.find((d: { date_time: string }) => d.date_time === '2026-11-10');
    const used = day.crc_ports_hour_usage.filter((h: { total_usage: number }) => h.total_usage > 0);
    // Polycom 09:05–09:35 and Cisco 09:30–09:40 overlap; Lifesize 10:50–11:10 spans two hours.
    assert.deepEqual(used, [
      { hour: '09', total_usage: 2, max_usage: 2 },
      { hour: '10', total_usage: 1, max_usage: 1 },
      { hour: '11', total_usage: 1, max_usage: 1 },
    ]);
    assert.equal(day.crc_ports_hour_usage.length, 24);
    const other = r.body.crc_ports_usage.find((d: { date_time: string }) => d.date_time === '2026-11-09');
    assert.ok(other.crc_ports_hour_usage.every((h: { total_usage: number; max_usage: number }) => h.total_usage === 0 && h.max_usage === 0));
  });

  test('a range over a month keeps its last month; one before the last six months is refused', async () => {
    const c = await api();
    const clamped = await c.get('/v2/metrics/crc?from=2026-09-15&to=2026-11-10');
    assert.equal(clamped.status, 200, clamped.raw);
    assert.deepEqual([clamped.body.from, clamped.body.to, clamped.body.crc_ports_usage.length], ['2026-10-10', '2026-11-10', 32]);
    const old = await c.get('/v2/metrics/crc?from=2026-03-01&to=2026-03-31');
    assert.deepEqual([old.status, old.body.code, old.body.message], [400, 300, 'The request can only be queried for a month that falls within the last six months.']);
    assert.equal(lastMonth('2017-08-05', '2017-10-10'), '2017-09-10', "Zoom's own example");
  });

  test('usage in an hour: back-to-back connections are one port at a time', () => {
    const h = 3_600_000;
    assert.deepEqual(hourUsage([{ from: 0, to: h / 2 }, { from: h / 2, to: h }], 0, h), { total_usage: 2, max_usage: 1 });
    assert.deepEqual(hourUsage([{ from: -h, to: 2 * h }, { from: 10, to: 20 }], 0, h), { total_usage: 2, max_usage: 2 });
    assert.deepEqual(hourUsage([{ from: h, to: 2 * h }], 0, h), { total_usage: 0, max_usage: 0 });
  });
});

describe('Window, accounts, roles, plans', () => {
  test('months outside the last six answer 300', async () => {
    const c = await api();
    for (const path of ['/v2/metrics/zoomrooms/issues', '/v2/metrics/issues/zoomrooms', `/v2/metrics/issues/zoomrooms/${rooms.atlas}`, `/v2/metrics/zoomrooms/${rooms.atlas}`]) {
      const r = await c.get(`${path}?from=2026-01-01&to=2026-01-31`);
      assert.deepEqual([r.status, r.body.code], [400, 300], `${path} ${r.raw}`);
    }
  });

  test('bad dates answer 400, never 500', async () => {
    const c = await api();
    for (const path of [`/v2/metrics/zoomrooms/issues?from=2026-11-31x&to=2026-11-30`, `/v2/metrics/crc?from=2026-11-20&to=2026-11-01`, `/v2/metrics/issues/zoomrooms/${rooms.atlas}?from=nope&to=2026-11-30`]) {
      const r = await c.get(path);
      assert.equal(r.status, 400, `${path} ${r.raw}`);
    }
  });

  test('the top lists stop at 25', async () => {
    const many = await account({ plan: 'business', addons: { zoom_rooms: { hosts: 30 } } });
    const c = await s.client.withCredentials(many.account_id, many.client_id, many.client_secret);
    for (let n = 0; n < 27; n++) {
      const r = await ok(c.post('/v2/rooms', { name: `Room ${n}`, type: 'ZoomRoom' }));
      // Each of 27 rooms reports one issue of its own: 27 rooms, 27 issue names, one room each.
      await ok(s.client.post(`/_openzoom/rooms/${r.id}/alerts`, { account_id: many.account_id, alert_type: n % 11, component: 1, issue: `Issue ${String(n).padStart(2, '0')}` }));
    }
    const top = await c.get(`/v2/metrics/issues/zoomrooms?${NOV}`);
    assert.equal(top.status, 200, top.raw);
    assert.deepEqual([top.body.zoom_rooms.length, top.body.total_records], [25, 25]);
    const issues = await c.get(`/v2/metrics/zoomrooms/issues?${NOV}`);
    assert.deepEqual(issues.body.issues.map((i: { issue_name: string }) => i.issue_name), Array.from({ length: 25 }, (_, n) => `Issue ${String(n).padStart(2, '0')}`));
  });

  test("another account's room ids are unknown rooms; its lists are its own", async () => {
    const other = await account({ plan: 'business', addons: { zoom_rooms: { hosts: 1 }, room_connector: { hosts: 1 } } });
    const c = await s.client.withCredentials(other.account_id, other.client_id, other.client_secret);
    for (const path of [`/v2/metrics/zoomrooms/${rooms.atlas}?${NOV}`, `/v2/metrics/issues/zoomrooms/${rooms.atlas}?${NOV}`]) {
      const r = await c.get(path);
      assert.deepEqual([r.status, r.body.code], [404, 1012], `${path} ${r.raw}`);
    }
    assert.equal((await c.get('/v2/metrics/zoomrooms')).body.total_records, 0);
    assert.deepEqual((await c.get(`/v2/metrics/issues/zoomrooms?${NOV}`)).body.zoom_rooms, []);
    const crc = await c.get(`/v2/metrics/crc?${NOV}`);
    assert.ok(crc.body.crc_ports_usage.every((d: any) => d.crc_ports_hour_usage.every((h: any) => h.total_usage === 0)));
  });

  test('a Member is refused', async () => {
    const c = await api();
    const u = await ok(c.post('/v2/users', { action: 'custCreate', user_info: { email: 'member@rooms-dash.example.com', type: 1, first_name: 'Mem', last_name: 'Ber' } }));
    const token = await ok(s.client.post('/_openzoom/tokens', { account_id: acct.account_id, user_id: u.id }));
    const member = s.client.withToken(token.access_token);
    for (const path of ['/v2/metrics/zoomrooms', `/v2/metrics/zoomrooms/issues?${NOV}`, `/v2/metrics/crc?${NOV}`]) {
      const r = await member.get(path);
      assert.deepEqual([r.status, r.body.code], [400, 200], `${path} ${r.raw}`);
    }
  });

  test('Business or higher; Zoom Rooms for the rooms dashboards; the Room Connector for CRC', async () => {
    const pro = await account({ plan: 'pro', addons: { zoom_rooms: { hosts: 1 }, room_connector: { hosts: 1 } } });
    const p = await s.client.withCredentials(pro.account_id, pro.client_id, pro.client_secret);
    for (const path of ['/v2/metrics/zoomrooms', `/v2/metrics/crc?${NOV}`]) {
      const r = await p.get(path);
      assert.deepEqual([r.status, r.body.code], [400, 200], r.raw);
      assert.match(r.body.message, /Business or higher/);
    }
    const bare = await account({ plan: 'business' });
    const b = await s.client.withCredentials(bare.account_id, bare.client_id, bare.client_secret);
    const noRooms = await b.get(`/v2/metrics/zoomrooms/issues?${NOV}`);
    assert.deepEqual([noRooms.status, noRooms.body.code], [400, 200], noRooms.raw);
    assert.match(noRooms.body.message, /Zoom Room subscription/);
    const noCrc = await b.get(`/v2/metrics/crc?${NOV}`);
    assert.deepEqual([noCrc.status, noCrc.body.code], [400, 200], noCrc.raw);
  });
});
