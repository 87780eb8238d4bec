// Zoom Rooms: locations (structure, hierarchy, move), rooms (add, list with
// filters, profile, location, delete), the account profile, settings inherited
// account → location → room, isolation between accounts, Member refusal,
// bad input, concurrent adds of one location name, and the zoomroom.* events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { expectEmitted, markEvents } from './helpers/events.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

/** A fresh account, with a Zoom Rooms plan unless asked otherwise. */
async function account(rooms = true): Promise<{ id: string; api: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', ...(rooms ? { addons: { zoom_rooms: { hosts: 5 } } } : {}) });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.account_id, api: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

async function location(api: TestClient, name: string, parent?: string): Promise<{ id: string; type: string }> {
  const r = await api.post('/v2/rooms/locations', { name, ...(parent ? { parent_location_id: parent } : {}) });
  assert.equal(r.status, 200, r.raw);
  return r.body;
}

async function room(api: TestClient, name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; room_id: string }> {
  const r = await api.post('/v2/rooms', { name, type: 'ZoomRoom', ...extra });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}

describe('Locations (getZRLocationStructure, updateZoomRoomsLocationStructure, addAZRLocation, listZRLocations, changeParentLocation)', () => {
  test('the demo account has Zoom Rooms from the start; a new account uses all six levels, each location one below its parent', async () => {
    assert.equal((await s.api.get('/v2/rooms/locations/structure')).status, 200);
    const { api } = await account();
    assert.deepEqual((await api.get('/v2/rooms/locations/structure')).body, { structures: ['country', 'states', 'city', 'campus', 'building', 'floor'] });
    const mark = await markEvents(s);
    const us = await location(api, 'United States');
    assert.equal(us.type, 'country');
    const e = await expectEmitted(s, mark, 'zoomroom.location_created', (x) => x.payload.object.id === us.id);
    assert.deepEqual(e.payload.object, { id: us.id, name: 'United States', parent_location_id: '', type: 'country' });
    const ca = await location(api, 'California', us.id);
    assert.equal(ca.type, 'states');
    let parent = ca.id;
    for (const [name, type] of [['San Jose', 'city'], ['Main campus', 'campus'], ['Building 1', 'building'], ['Floor 2', 'floor']]) {
      const l = await location(api, name!, parent);
      assert.equal(l.type, type);
      parent = l.id;
    }
    const below = await api.post('/v2/rooms/locations', { name: 'Desk', parent_location_id: parent });
    assert.deepEqual(below.body, { code: 300, message: `Invalid parent location id ${parent}.` }, 'a floor holds no location');
    const unknown = await api.post('/v2/rooms/locations', { name: 'X', parent_location_id: 'AAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 4801);
    const cities = await api.get('/v2/rooms/locations?type=city');
    assert.deepEqual(cities.body.locations.map((l: { name: string }) => l.name), ['San Jose']);
    const children = await api.get(`/v2/rooms/locations?parent_location_id=${us.id}`);
    assert.deepEqual(children.body.locations, [{ id: ca.id, name: 'California', parent_location_id: us.id, type: 'states' }]);
    assert.deepEqual((await api.get('/v2/rooms/locations?type=planet')).body, { code: 300, message: 'Location type not exist.' });
    assert.equal((await api.get('/v2/rooms/locations?parent_location_id=AAAAAAAAAAAAAAAAAAAAAA')).body.code, 4801);
  });

  test('names are unique among siblings, also when added at once', async () => {
    const { api } = await account();
    const us = await location(api, 'US');
    const fr = await location(api, 'France');
    await location(api, 'Texas', us.id);
    await location(api, 'Texas', fr.id);
    const dup = await api.post('/v2/rooms/locations', { name: ' texas ', parent_location_id: us.id });
    assert.deepEqual(dup.body, { code: 300, message: 'Location name already exists. Try a different location name.' });
    const racers = await Promise.all(Array.from({ length: 6 }, () => api.post('/v2/rooms/locations', { name: 'Ohio', parent_location_id: us.id })));
    assert.deepEqual(racers.map((r) => r.status).sort(), [200, 400, 400, 400, 400, 400]);
    for (const r of racers.filter((x) => x.status === 400)) assert.equal(r.body.code, 300);
    assert.equal((await api.get(`/v2/rooms/locations?parent_location_id=${us.id}`)).body.locations.length, 2);
  });

  test('a location moves under a parent of the level above it, never under itself or one of its own', async () => {
    const { api } = await account();
    assert.equal((await api.patch('/v2/rooms/locations/structure', { structures: ['city', 'building', 'floor'] })).status, 204);
    const paris = await location(api, 'Paris');
    const lyon = await location(api, 'Lyon');
    const b = await location(api, 'Tower', paris.id);
    const f = await location(api, 'Floor 1', b.id);
    const mark = await markEvents(s);
    assert.equal((await api.put(`/v2/rooms/locations/${b.id}/location`, { parent_location_id: lyon.id })).status, 204);
    const moved = await expectEmitted(s, mark, 'zoomroom.location_updated', (x) => x.payload.object.id === b.id);
    assert.equal(moved.payload.object.parent_location_id, lyon.id);
    assert.equal((await api.get(`/v2/rooms/locations/${b.id}`)).body.basic.parent_location_id, lyon.id);
    const intoOwn = await api.put(`/v2/rooms/locations/${b.id}/location`, { parent_location_id: f.id });
    assert.deepEqual(intoOwn.body, { code: 300, message: `Invalid parent location id ${f.id}.` });
    assert.equal((await api.put(`/v2/rooms/locations/${f.id}/location`, { parent_location_id: paris.id })).body.code, 300, 'a floor belongs in a building');
    assert.equal((await api.put(`/v2/rooms/locations/${b.id}/location`, {})).body.code, 300, 'a building cannot be at the top');
    assert.equal((await api.put(`/v2/rooms/locations/${b.id}/location`, { parent_location_id: 'AAAAAAAAAAAAAAAAAAAAAA' })).body.code, 4801);
    assert.equal((await api.get(`/v2/rooms/locations/${b.id}`)).body.basic.parent_location_id, lyon.id, 'refusals change nothing');
  });

  test('the structure changes only where the locations in use still fit', async () => {
    const { api } = await account();
    assert.equal((await api.patch('/v2/rooms/locations/structure', { structures: ['country', 'state', 'city'] })).status, 204);
    assert.deepEqual((await api.get('/v2/rooms/locations/structure')).body.structures, ['country', 'states', 'city']);
    const c = await location(api, 'Canada');
    await location(api, 'Ontario', c.id);
    for (const bad of [['city', 'country'], ['country', 'country'], ['moon']]) {
      assert.equal((await api.patch('/v2/rooms/locations/structure', { structures: bad })).body.code, 300, bad.join(','));
    }
    assert.match((await api.patch('/v2/rooms/locations/structure', { structures: ['country', 'city'] })).body.message, /states/);
    assert.equal((await api.patch('/v2/rooms/locations/structure', { structures: ['country', 'states', 'city', 'floor'] })).status, 204);
    assert.equal((await api.patch('/v2/rooms/locations/structure', { structures: 'country' })).body.code, 300, 'wrong type');
  });
});

describe('Rooms (addARoom, listZoomRooms, getZRProfile, updateRoomProfile, changeZRLocation, deleteAZoomRoom)', () => {
  test('add, read, update, move and delete a room, with its events', async () => {
    const { api } = await account();
    const floor = await location(api, 'HQ');
    const mark = await markEvents(s);
    const r = await api.post('/v2/rooms', { name: 'Everest', type: 'ZoomRoom', location_id: floor.id });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body, { id: r.body.id, room_id: r.body.room_id, name: 'Everest', type: 'ZoomRoom', location_id: floor.id, calendar_resource_id: '', user_id: '', pro_device: false, tags: [] });
    const created = await expectEmitted(s, mark, 'zoomroom.created');
    assert.deepEqual(created.payload.object, { id: r.body.id, room_name: 'Everest' });
    const p = await api.get(`/v2/rooms/${r.body.id}`);
    assert.equal(p.status, 200, p.raw);
    assert.equal(p.body.basic.name, 'Everest');
    assert.equal(p.body.basic.zoom_room_type, 'ZoomRoom');
    assert.match(p.body.basic.activation_code, /^\d{4}-\d{4}-\d{4}-\d{4}$/);
    assert.equal(p.body.setup.under_construction, false);
    const m2 = await markEvents(s);
    const u = await api.patch(`/v2/rooms/${r.body.id}`, { basic: { name: 'K2', capacity: 8, display_name: 'K2 (8)' }, setup: { under_construction: true, checkin_and_checkout: { enable: true } } });
    assert.equal(u.status, 204, u.raw);
    assert.equal((await expectEmitted(s, m2, 'zoomroom.updated')).payload.object.room_name, 'K2');
    const after = (await api.get(`/v2/rooms/${r.body.id}`)).body;
    assert.equal(after.basic.capacity, 8);
    assert.equal(after.basic.display_name, 'K2 (8)');
    assert.equal(after.setup.checkin_and_checkout.enable, true);
    assert.equal(after.setup.checkin_and_checkout.checkin_and_checkout_options.checkin_minutes_prior_to_meeting_start_time, 10);
    const listed = (await api.get('/v2/rooms')).body.rooms;
    assert.deepEqual(listed, [{ id: r.body.id, room_id: r.body.room_id, name: 'K2', activation_code: after.basic.activation_code, status: 'UnderConstruction', location_id: floor.id, tag_ids: [] }]);
    assert.equal((await api.put(`/v2/rooms/${r.body.id}/location`, { location_id: '' })).status, 204);
    assert.equal((await api.get('/v2/rooms?unassigned_rooms=true')).body.rooms.length, 1);
    assert.equal((await api.put(`/v2/rooms/${r.body.id}/location`, { location_id: 'AAAAAAAAAAAAAAAAAAAAAA' })).body.code, 4801);
    const m3 = await markEvents(s);
    assert.equal((await api.delete(`/v2/rooms/${r.body.id}`)).status, 204);
    assert.equal((await expectEmitted(s, m3, 'zoomroom.deleted')).payload.object.id, r.body.id);
    const gone = await api.get(`/v2/rooms/${r.body.id}`);
    assert.deepEqual(gone.body, { code: 1012, message: `Room not found: ${r.body.id}.` });
    assert.equal((await api.delete(`/v2/rooms/${r.body.id}`)).status, 404);
  });

  test('concurrent updates of one room all survive; concurrent settings changes too', async () => {
    const { api } = await account();
    const r = await room(api, 'Busy');
    const changes = [
      { basic: { capacity: 12 } },
      { basic: { display_name: 'Busy room' } },
      { basic: { support_phone: '+1 555 0199' } },
      { basic: { hide_room_in_contacts: true } },
      { setup: { checkin_and_checkout: { enable: true } } },
      { basic: { use_display_name_in_meetings: true } },
    ];
    const answers = await Promise.all(changes.map((c) => api.patch(`/v2/rooms/${r.id}`, c)));
    assert.deepEqual(answers.map((a) => a.status), changes.map(() => 204));
    const p = (await api.get(`/v2/rooms/${r.id}`)).body;
    assert.deepEqual([p.basic.capacity, p.basic.display_name, p.basic.support_phone, p.basic.hide_room_in_contacts, p.setup.checkin_and_checkout.enable, p.basic.use_display_name_in_meetings], [12, 'Busy room', '+1 555 0199', true, true, true]);
    const fields = ['auto_start_scheduled_meeting', 'auto_stop_scheduled_meeting', 'display_feedback_survey', 'hide_id_for_private_meeting', 'show_call_history_in_room'];
    await Promise.all(fields.map((f) => api.patch(`/v2/rooms/${r.id}/settings?setting_type=meeting`, { zoom_rooms: { [f]: true } })));
    const zr = (await api.get(`/v2/rooms/${r.id}/settings?setting_type=meeting`)).body.zoom_rooms;
    assert.deepEqual(fields.map((f) => zr[f]), fields.map(() => true));
  });

  test('lists filter by type, status, location, unassigned and name, in pages', async () => {
    const { api } = await account();
    const a = await location(api, 'A');
    const b = await location(api, 'B');
    await room(api, 'Alpha', { location_id: a.id });
    await room(api, 'Beta', { location_id: b.id });
    await room(api, 'Gamma');
    const sign = await api.post('/v2/rooms', { name: 'Lobby sign', type: 'DigitalSignageOnly' });
    assert.equal(sign.status, 201);
    const names = async (q: string) => (await api.get(`/v2/rooms?${q}`)).body.rooms.map((r: { name: string }) => r.name).sort();
    assert.deepEqual(await names(`location_id=${a.id}`), ['Alpha']);
    assert.deepEqual(await names('unassigned_rooms=true'), ['Gamma', 'Lobby sign']);
    assert.deepEqual(await names('type=DigitalSignageOnly'), ['Lobby sign']);
    assert.deepEqual(await names('type=ZoomRoom&status=Offline'), ['Alpha', 'Beta', 'Gamma']);
    assert.deepEqual(await names('status=Available'), []);
    assert.deepEqual(await names('query_name=ET'), ['Beta']);
    assert.deepEqual(await names('query_name=%25'), [], 'a wildcard is matched literally');
    assert.deepEqual(await names('tag_ids=nope'), []);
    const seen: string[] = [];
    let token = '';
    do {
      const page = await api.get(`/v2/rooms?page_size=3${token ? `&next_page_token=${token}` : ''}`);
      seen.push(...page.body.rooms.map((r: { name: string }) => r.name));
      token = page.body.next_page_token;
    } while (token);
    assert.deepEqual(seen.sort(), ['Alpha', 'Beta', 'Gamma', 'Lobby sign'], 'every room once');
    assert.equal((await api.get('/v2/rooms?type=Spaceship')).body.code, 300);
  });

  test('a page answered again follows every write: a room added, renamed, moved, deleted; pages by token kept apart', async () => {
    const { api } = await account();
    const hq = await location(api, 'Kept HQ');
    const page = async (q = '') => (await api.get(`/v2/rooms${q}`)).body as { total_records: number; next_page_token: string; rooms: Array<{ id: string; name: string; location_id: string; status: string }> };
    const a = await room(api, 'Kept A', { location_id: hq.id });
    assert.deepEqual(await page(), await page());
    const inHq = await page(`?location_id=${hq.id}`);
    const b = await room(api, 'Kept B');
    const added = await page();
    assert.equal(added.total_records, 2);
    assert.deepEqual(added.rooms.map((r) => r.id).sort(), [a.id, b.id].sort());
    assert.deepEqual(await page(`?location_id=${hq.id}`), inHq);
    assert.equal((await api.patch(`/v2/rooms/${a.id}`, { basic: { name: 'Kept A2' }, setup: { under_construction: true } })).status, 204);
    const renamed = (await page()).rooms.find((r) => r.id === a.id)!;
    assert.deepEqual([renamed.name, renamed.status], ['Kept A2', 'UnderConstruction']);
    assert.equal((await api.put(`/v2/rooms/${b.id}/location`, { location_id: hq.id })).status, 204);
    assert.deepEqual((await page(`?location_id=${hq.id}`)).rooms.map((r) => r.id).sort(), [a.id, b.id].sort());
    const one = await page('?page_size=1');
    assert.notEqual((await page(`?page_size=1&next_page_token=${one.next_page_token}`)).rooms[0]!.id, one.rooms[0]!.id);
    assert.equal((await api.delete(`/v2/rooms/${a.id}`)).status, 204);
    assert.deepEqual((await page()).rooms.map((r) => r.id), [b.id]);
  });

  test('Zoom refusals: bad input, unknown references, no Zoom Rooms plan', async () => {
    const { api } = await account();
    assert.equal((await api.post('/v2/rooms', { name: 'X' })).body.code, 300, 'type is required');
    assert.equal((await api.post('/v2/rooms', { name: 'X', type: 'Boat' })).body.code, 300);
    assert.equal((await api.post('/v2/rooms', { name: '   ', type: 'ZoomRoom' })).body.code, 300);
    assert.equal((await api.post('/v2/rooms', { name: 'X', type: 'ZoomRoom', location_id: 'nowhere' })).body.code, 4801);
    assert.equal((await api.post('/v2/rooms', { name: 'X', type: 'ZoomRoom', calendar_resource_id: 'cal' })).body.code, 4060);
    assert.deepEqual((await api.post('/v2/rooms', { name: 'X', type: 'ZoomRoom', tag_ids: ['t1', 't2'] })).body, { code: 8306, message: 'Tag ID does not exist: [t1, t2].' });
    assert.equal((await api.post('/v2/rooms', { name: 'X', type: 'PersonalZoomRoom', user_id: 'nobody' })).body.code, 1001);
    const r = await room(api, 'Y');
    assert.equal((await api.patch(`/v2/rooms/${r.id}`, { device: { device_profile_id: 'p' } })).body.code, 8005);
    assert.equal((await api.patch(`/v2/rooms/${r.id}`, { basic: { capacity: 501 } })).body.code, 300);
    assert.equal((await api.get(`/v2/rooms/${r.id}?regenerate_activation_code=true`)).body.code, 200);
    assert.equal((await api.get('/v2/rooms')).body.rooms.length, 1, 'refused adds wrote nothing');
    const none = await account(false);
    const refused = await none.api.get('/v2/rooms');
    assert.deepEqual(refused.body, { code: 200, message: 'Zoom Room subscription not found. Try again after purchasing a Zoom Room subscription.' });
    assert.equal((await none.api.post('/v2/rooms/locations', { name: 'X' })).body.code, 200);
    assert.equal((await none.api.get('/v2/rooms/account_settings?setting_type=meeting')).body.code, 200);
  });

  test("another account's rooms and locations are unknown ids; a Member manages no room", async () => {
    const one = await account();
    const two = await account();
    const l = await location(one.api, 'Mine');
    const r = await room(one.api, 'Mine', { location_id: l.id });
    assert.equal((await two.api.get(`/v2/rooms/${r.id}`)).body.code, 1012);
    assert.equal((await two.api.patch(`/v2/rooms/${r.id}`, { basic: { name: 'Taken' } })).body.code, 1012);
    assert.equal((await two.api.delete(`/v2/rooms/${r.id}`)).body.code, 1012);
    assert.equal((await two.api.get(`/v2/rooms/${r.id}/settings?setting_type=meeting`)).body.code, 1012);
    assert.equal((await two.api.get(`/v2/rooms/locations/${l.id}`)).body.code, 4801);
    assert.equal((await two.api.patch(`/v2/rooms/locations/${l.id}/settings?setting_type=meeting`, { zoom_rooms: { voice_commands: true } })).body.code, 4801);
    const mine = await room(two.api, 'Theirs');
    assert.equal((await two.api.put(`/v2/rooms/${mine.id}/location`, { location_id: l.id })).body.code, 4801);
    assert.equal((await two.api.post('/v2/rooms/locations', { name: 'Sub', parent_location_id: l.id })).body.code, 4801);
    assert.equal((await two.api.get(`/v2/rooms?location_id=${l.id}`)).body.rooms.length, 0);
    assert.equal((await one.api.get(`/v2/rooms/${r.id}`)).body.basic.name, 'Mine', 'untouched');

    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'rooms-member@example.org', type: 1 } });
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token;
    const member = s.client.withToken(token);
    for (const call of [member.get('/v2/rooms'), member.post('/v2/rooms', { name: 'M', type: 'ZoomRoom' }), member.patch('/v2/rooms/account_profile', { basic: { support_phone: '1' } }), member.get('/v2/rooms/locations'), member.patch('/v2/rooms/locations/structure', { structures: [] })]) {
      const res = await call;
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.code, 200);
    }
  });
});

describe('Privileges (ZoomRooms:Read, ZoomRooms:Edit)', () => {
  async function userWithRole(name: string, privileges: string[]): Promise<TestClient> {
    const role = await s.api.post('/v2/roles', { name, privileges });
    assert.equal(role.status, 201, role.raw);
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `${name.toLowerCase().replace(/\W+/g, '-')}@example.org`, type: 1 } });
    await s.api.post(`/v2/roles/${role.body.id}/members`, { members: [{ id: u.body.id }] });
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token;
    return s.client.withToken(token);
  }

  test('a role with ZoomRooms:Read reads rooms, locations and settings and changes nothing; ZoomRooms:Edit manages them', async () => {
    const r = await room(s.api, 'Privileged');
    const reader = await userWithRole('Rooms readers', ['ZoomRooms:Read']);
    assert.equal((await reader.get('/v2/rooms')).status, 200);
    assert.equal((await reader.get(`/v2/rooms/${r.id}`)).status, 200);
    assert.equal((await reader.get(`/v2/rooms/${r.id}/settings?setting_type=alert`)).status, 200);
    assert.equal((await reader.get('/v2/rooms/locations')).status, 200);
    for (const call of [
      reader.post('/v2/rooms', { name: 'No', type: 'ZoomRoom' }),
      reader.patch(`/v2/rooms/${r.id}`, { basic: { name: 'No' } }),
      reader.delete(`/v2/rooms/${r.id}`),
      reader.patch(`/v2/rooms/${r.id}/settings?setting_type=meeting`, { zoom_rooms: { weekly_system_restart: false } }),
      reader.post('/v2/rooms/locations', { name: 'No' }),
      reader.patch('/v2/rooms/account_settings?setting_type=meeting', { zoom_rooms: { weekly_system_restart: false } }),
    ]) {
      const res = await call;
      assert.deepEqual([res.status, res.body.code], [400, 200], res.raw);
    }
    const editor = await userWithRole('Rooms editors', ['ZoomRooms:Edit']);
    assert.equal((await editor.patch(`/v2/rooms/${r.id}`, { basic: { name: 'Renamed' } })).status, 204);
    assert.equal((await s.api.get(`/v2/rooms/${r.id}`)).body.basic.name, 'Renamed');
    assert.equal((await editor.get('/v2/users')).body.code, 200, 'nothing beyond Zoom Rooms');
  });
});

describe('Master paths (/accounts/{accountId}/rooms…)', () => {
  test("a master account manages its sub account's rooms and locations; another account's sub account is unknown", async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId, addons: { zoom_rooms: { hosts: 1 } } });
    const id = sub.body.account_id;
    const l = await s.api.post(`/v2/accounts/${id}/rooms/locations`, { name: 'Sub HQ' });
    assert.equal(l.status, 200, l.raw);
    const r = await s.api.post(`/v2/accounts/${id}/rooms`, { name: 'Sub room', type: 'ZoomRoom', location_id: l.body.id });
    assert.equal(r.status, 201, r.raw);
    assert.equal((await s.api.get(`/v2/accounts/${id}/rooms/${r.body.id}`)).body.basic.location_id, l.body.id);
    assert.equal((await s.api.patch(`/v2/accounts/${id}/rooms/${r.body.id}/settings?setting_type=meeting`, { zoom_rooms: { voice_commands: true } })).status, 204);
    assert.deepEqual((await s.api.get(`/v2/accounts/${id}/rooms`)).body.rooms.map((x: { id: string }) => x.id), [r.body.id]);
    assert.equal((await s.api.get(`/v2/rooms/${r.body.id}`)).body.code, 1012, "not the master's own room");
    const other = await account();
    assert.equal((await other.api.get(`/v2/accounts/${id}/rooms`)).status, 404);
  });
});

describe('Profiles and settings inherited account → location → room (getZRAccountProfile, updateZRAccProfile, getZRLocationProfile, updateZRLocationProfile, *Settings)', () => {
  test('support details and time zone: the nearest level that set them', async () => {
    const { api } = await account();
    assert.equal((await api.patch('/v2/rooms/account_profile', { basic: { support_email: 'help@example.com', support_phone: '+1 555 0100', room_passcode: '1234' } })).status, 204);
    assert.deepEqual((await api.get('/v2/rooms/account_profile')).body.basic, { required_code_to_ext: false, support_email: 'help@example.com', support_phone: '+1 555 0100', room_passcode: '1234' });
    const city = await location(api, 'Berlin');
    const building = await location(api, 'Tower', city.id);
    const mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/rooms/locations/${city.id}`, { basic: { support_email: 'berlin@example.com', timezone: 'Europe/Berlin', address: 'Alexanderplatz 1' } })).status, 204);
    await expectEmitted(s, mark, 'zoomroom.location_updated', (x) => x.payload.object.id === city.id);
    const tower = (await api.get(`/v2/rooms/locations/${building.id}`)).body;
    assert.equal(tower.basic.support_email, 'berlin@example.com');
    assert.equal(tower.basic.support_phone, '+1 555 0100');
    assert.equal(tower.basic.timezone, 'Europe/Berlin');
    assert.equal(tower.basic.address, undefined);
    const r = await room(api, 'Spree', { location_id: building.id });
    const p = (await api.get(`/v2/rooms/${r.id}`)).body;
    assert.equal(p.basic.support_email, 'berlin@example.com');
    await api.patch(`/v2/rooms/${r.id}`, { basic: { support_email: 'spree@example.com' } });
    assert.equal((await api.get(`/v2/rooms/${r.id}`)).body.basic.support_email, 'spree@example.com');
    assert.equal((await api.patch(`/v2/rooms/locations/${building.id}`, { basic: { name: 'Tower' } })).status, 204, 'its own name is no duplicate');
    await location(api, 'Annex', city.id);
    assert.equal((await api.patch(`/v2/rooms/locations/${building.id}`, { basic: { name: 'annex' } })).body.code, 300);
  });

  test('the room profile, kept between reads, shows every change of the room, its locations and the account profile at once', async () => {
    const { id, api } = await account();
    const city = await location(api, 'Rome');
    const other = await location(api, 'Milan');
    const r = await room(api, 'Colosseum', { location_id: city.id });
    const read = async () => (await api.get(`/v2/rooms/${r.id}`)).body;
    assert.equal((await read()).basic.support_email, undefined);
    await read();
    await api.patch('/v2/rooms/account_profile', { basic: { support_email: 'it@example.com' } });
    assert.equal((await read()).basic.support_email, 'it@example.com', 'the account profile, first set');
    await api.patch('/v2/rooms/account_profile', { basic: { support_phone: '+39 06 0000' } });
    assert.equal((await read()).basic.support_phone, '+39 06 0000', 'the account profile, changed');
    await api.patch(`/v2/rooms/locations/${city.id}`, { basic: { support_email: 'rome@example.com' } });
    assert.equal((await read()).basic.support_email, 'rome@example.com', 'its location');
    await api.put(`/v2/rooms/${r.id}/location`, { location_id: other.id });
    const moved = await read();
    assert.equal(moved.basic.location_id, other.id);
    assert.equal(moved.basic.support_email, 'it@example.com');
    await api.patch(`/v2/rooms/${r.id}`, { basic: { name: 'Arena' } });
    assert.equal((await read()).basic.name, 'Arena');
    await s.client.post(`/_openzoom/rooms/${r.id}/status`, { account_id: id, status: 'UnderConstruction' });
    assert.equal((await read()).setup.under_construction, true, 'the control plane');
    await api.delete(`/v2/rooms/${r.id}`);
    assert.equal((await api.get(`/v2/rooms/${r.id}`)).body.code, 1012);
  });

  test('a setting changed at the account shows everywhere below, a location override in its rooms, a room override in that room only', async () => {
    const { api } = await account();
    const berlin = await location(api, 'Berlin');
    const paris = await location(api, 'Paris');
    const inBerlin = await room(api, 'B', { location_id: berlin.id });
    const inParis = await room(api, 'P', { location_id: paris.id });
    const voice = async (path: string) => (await api.get(`${path}?setting_type=meeting`)).body.zoom_rooms.auto_start_scheduled_meeting;
    assert.equal(await voice(`/v2/rooms/${inBerlin.id}/settings`), false);
    assert.equal((await api.patch('/v2/rooms/account_settings?setting_type=meeting', { zoom_rooms: { auto_start_scheduled_meeting: true } })).status, 204);
    assert.equal(await voice('/v2/rooms/account_settings'), true);
    assert.equal(await voice(`/v2/rooms/locations/${berlin.id}/settings`), true);
    assert.equal(await voice(`/v2/rooms/${inBerlin.id}/settings`), true);
    assert.equal((await api.patch(`/v2/rooms/locations/${berlin.id}/settings?setting_type=meeting`, { zoom_rooms: { auto_start_scheduled_meeting: false } })).status, 204);
    assert.equal(await voice(`/v2/rooms/${inBerlin.id}/settings`), false);
    assert.equal(await voice(`/v2/rooms/${inParis.id}/settings`), true);
    assert.equal((await api.patch(`/v2/rooms/${inBerlin.id}/settings?setting_type=meeting`, { zoom_rooms: { auto_start_scheduled_meeting: true } })).status, 204);
    assert.equal(await voice(`/v2/rooms/${inBerlin.id}/settings`), true);
    assert.equal(await voice(`/v2/rooms/locations/${berlin.id}/settings`), false);
    // A room moved to Paris inherits Paris's chain, keeping its own override.
    await api.put(`/v2/rooms/${inParis.id}/location`, { location_id: berlin.id });
    assert.equal(await voice(`/v2/rooms/${inParis.id}/settings`), false);
  });

  test('setting types answer their own sections; alert and signage settings inherit too', async () => {
    const { api } = await account();
    const l = await location(api, 'Oslo');
    const r = await room(api, 'Fjord', { location_id: l.id });
    const alert = (await api.get(`/v2/rooms/${r.id}/settings?setting_type=alert`)).body;
    assert.deepEqual(Object.keys(alert).sort(), ['client_alert', 'notification']);
    assert.equal(alert.notification.battery_percentage, '20');
    assert.deepEqual(Object.keys((await api.get(`/v2/rooms/${r.id}/settings?setting_type=signage`)).body), ['digital_signage']);
    assert.deepEqual(Object.keys((await api.get('/v2/rooms/account_settings?setting_type=scheduling_display')).body), ['scheduling_display']);
    await api.patch(`/v2/rooms/locations/${l.id}/settings?setting_type=alert`, { notification: { battery_percentage: '35' }, zoom_rooms: { voice_commands: true } });
    assert.equal((await api.get(`/v2/rooms/${r.id}/settings?setting_type=alert`)).body.notification.battery_percentage, '35');
    assert.equal((await api.get(`/v2/rooms/locations/${l.id}/settings?setting_type=meeting`)).body.zoom_rooms.voice_commands, false, 'sections of another type are not changed');
    assert.equal((await api.get(`/v2/rooms/${r.id}/settings?setting_type=colour`)).body.code, 300);
    const list = await api.patch(`/v2/rooms/${r.id}/settings?setting_type=signage`, { digital_signage: { enable_digital_signage: true, play_list: [{ action: 'add', name: 'Morning', contents: [{ content_id: 'c1', duration: 10 }] }] } });
    assert.equal(list.status, 204, list.raw);
    const played = (await api.get(`/v2/rooms/${r.id}/settings?setting_type=signage`)).body.digital_signage;
    assert.equal(played.enable_digital_signage, true);
    assert.equal(played.play_list.length, 1);
    assert.equal(played.play_list[0].name, 'Morning');
    const id = played.play_list[0].id;
    await api.patch(`/v2/rooms/${r.id}/settings?setting_type=signage`, { digital_signage: { play_list: [{ action: 'update', id, name: 'Noon' }] } });
    assert.equal((await api.get(`/v2/rooms/${r.id}/settings?setting_type=signage`)).body.digital_signage.play_list[0].name, 'Noon');
    await api.patch(`/v2/rooms/${r.id}/settings?setting_type=signage`, { digital_signage: { play_list: [{ action: 'delete', id }] } });
    assert.deepEqual((await api.get(`/v2/rooms/${r.id}/settings?setting_type=signage`)).body.digital_signage.play_list, []);
    assert.equal((await api.patch(`/v2/rooms/${r.id}/settings?setting_type=signage`, { digital_signage: { play_list: [{ action: 'delete', id: 'nope' }] } })).body.code, 300);
  });
});
