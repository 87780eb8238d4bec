// Phone devices (listPhoneDevices, addPhoneDevice, getADevice, updateADevice,
// deleteADevice) and common area phones (2021: list, add, get, update,
// delete): MAC addresses unique in the account, assignment to users and
// common area phones, provisioning, phone.generic_device_provision.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { expectEmitted, markEvents } from './helpers/events.ts';

let s: TestServer;
let ownerId: string;
before(async () => {
  s = await startServer();
  ownerId = (await s.api.get('/v2/users/owner@example.com')).body.id;
});
after(() => s.close());

let k = 0;
const mac = () => `64:16:7f:00:00:${(++k).toString(16).padStart(2, '0')}`;

describe('phone devices', () => {
  test('add assigned to a user: provisioned with a SIP account, listed as assigned, event emitted', async () => {
    const mark = await markEvents(s);
    const m = mac();
    const r = await s.api.post('/v2/phone/devices', { display_name: 'Desk 1', mac_address: m, type: 'yealink', model: 'T54W', assigned_to: ownerId });
    assert.equal(r.status, 201, r.raw);
    const e = await expectEmitted(s, mark, 'phone.generic_device_provision', (x) => x.payload.object.id === r.body.id);
    assert.equal(e.payload.object.provision.sip_accounts.length, 1);
    const got = (await s.api.get(`/v2/phone/devices/${r.body.id}`)).body;
    assert.deepEqual([got.mac_address, got.device_type, got.assignee.id, got.assignee.extension_type], [m.replace(/:/g, ''), 'yealink', ownerId, 'user']);
    assert.equal(got.provision.type, 'manual');
    const assigned = (await s.api.get('/v2/phone/devices?type=assigned')).body.devices;
    assert.ok(assigned.some((d: { id: string }) => d.id === r.body.id));
    assert.ok(!(await s.api.get('/v2/phone/devices?type=unassigned')).body.devices.some((d: { id: string }) => d.id === r.body.id));
  });

  test('MAC addresses are unique (in any notation), also when two adds race; a bad MAC is refused', async () => {
    const m = mac();
    assert.equal((await s.api.post('/v2/phone/devices', { display_name: 'A', mac_address: m, type: 'poly' })).status, 201);
    const dup = await s.api.post('/v2/phone/devices', { display_name: 'B', mac_address: m.replace(/:/g, '-').toUpperCase(), type: 'poly' });
    assert.deepEqual([dup.status, dup.body.code], [409, 409]);
    const m2 = mac();
    const rs = await Promise.all([1, 2, 3].map((i) => s.api.post('/v2/phone/devices', { display_name: `R${i}`, mac_address: m2, type: 'poly' })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409, 409]);
    assert.equal((await s.api.post('/v2/phone/devices', { display_name: 'Bad', mac_address: 'zz:zz', type: 'poly' })).status, 400);
  });

  test('update assigns and unassigns; delete; unknown ids and another account ids are refused', async () => {
    const d = (await s.api.post('/v2/phone/devices', { display_name: 'Spare', mac_address: mac(), type: 'cisco' })).body;
    assert.equal((await s.api.patch(`/v2/phone/devices/${d.id}`, { assigned_to: 'owner@example.com', display_name: 'Owner desk' })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/devices/${d.id}`)).body.assignee.id, ownerId);
    assert.equal((await s.api.patch(`/v2/phone/devices/${d.id}`, { assigned_to: 'nobody@example.org' })).status, 404);
    assert.equal((await s.api.patch(`/v2/phone/devices/${d.id}`, { assigned_to: '' })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/devices/${d.id}`)).body.assignee, undefined);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.get(`/v2/phone/devices/${d.id}`)).status, 400);
    assert.equal((await api.delete(`/v2/phone/devices/${d.id}`)).status, 400);
    // Another account may use the same MAC address: uniqueness is per account.
    assert.equal((await api.post('/v2/phone/devices', { display_name: 'Theirs', mac_address: (await s.api.get(`/v2/phone/devices/${d.id}`)).body.mac_address, type: 'cisco' })).status, 201);
    assert.equal((await s.api.delete(`/v2/phone/devices/${d.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/devices/${d.id}`)).status, 400);
  });

  test('a Member cannot list or add devices', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'dev-member@example.org', type: 1 } });
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.get('/v2/phone/devices?type=assigned')).body.code, 200);
    assert.equal((await m.post('/v2/phone/devices', { display_name: 'x', mac_address: mac(), type: 'poly' })).body.code, 200);
  });
});

describe('common area phones (2021)', () => {
  test('add with an extension and a desk phone; get, list, update, delete frees its numbers and its MAC', async () => {
    const m = mac();
    const r = await s.api.post('/v2/phone/common_area_phones', { display_name: 'Lobby', extension_number: 1500, mac_address: m, type: 'poly', model: 'VVX 450' });
    assert.equal(r.status, 201, r.raw);
    const got = (await s.api.get(`/v2/phone/common_area_phones/${r.body.id}`)).body;
    assert.deepEqual([got.name, got.mac_address, got.provision.sip_accounts.length], ['Lobby', m.replace(/:/g, ''), 1]);
    assert.ok((await s.api.get('/v2/phone/common_area_phones')).body.common_area_phones.some((c: { id: string }) => c.id === r.body.id));
    // Its desk phone is a device assigned to a common area.
    assert.ok((await s.api.get('/v2/phone/devices?type=assigned&assignee_type=commonArea')).body.devices.some((d: { mac_address: string }) => d.mac_address === got.mac_address));
    // The extension and the MAC are taken.
    assert.equal((await s.api.post('/v2/phone/common_area_phones', { display_name: 'Lobby 2', extension_number: 1500, mac_address: mac(), type: 'poly' })).status, 400);
    assert.equal((await s.api.post('/v2/phone/common_area_phones', { display_name: 'Lobby 3', extension_number: 1501, mac_address: m, type: 'poly' })).status, 409);
    assert.equal((await s.api.patch(`/v2/phone/common_area_phones/${r.body.id}`, { display_name: 'Front lobby', extension_number: 1502 })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/common_area_phones/${r.body.id}`)).body.name, 'Front lobby');
    assert.equal((await s.api.patch(`/v2/phone/common_area_phones/${r.body.id}`, { policy: { international_call: { enable: true } } })).status, 400);
    assert.equal((await s.api.delete(`/v2/phone/common_area_phones/${r.body.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/common_area_phones/${r.body.id}`)).status, 400);
    assert.equal((await s.api.post('/v2/phone/common_area_phones', { display_name: 'Again', extension_number: 1502, mac_address: m, type: 'poly' })).status, 201);
  });
});

describe('a device whose assignee goes', () => {
  test('a user losing the phone licence leaves its device unassigned', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'dev-leaver@example.org', type: 1, feature: { zoom_phone: true } } });
    const d = (await s.api.post('/v2/phone/devices', { display_name: 'Leaver desk', mac_address: mac(), type: 'poly', assigned_to: u.body.id })).body;
    const has = async (type: string) => (await s.api.get(`/v2/phone/devices?type=${type}&page_size=300`)).body.devices.some((x: { id: string }) => x.id === d.id);
    assert.deepEqual([await has('assigned'), await has('unassigned')], [true, false]);
    assert.equal((await s.api.patch(`/v2/users/${u.body.id}`, { feature: { zoom_phone: false } })).status, 204);
    assert.deepEqual([await has('assigned'), await has('unassigned')], [false, true]);
    assert.equal((await s.api.get(`/v2/phone/devices/${d.id}`)).body.assignee, undefined);
  });
});

describe('a phone user moving site', () => {
  test('its devices follow and are provisioned again (phone.generic_device_provision)', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'dev-mover@example.org', type: 1, feature: { zoom_phone: true } } });
    const d = (await s.api.post('/v2/phone/devices', { display_name: 'Mover desk', mac_address: mac(), type: 'yealink', assigned_to: u.body.id })).body;
    const site = (await s.api.post('/v2/phone/sites', { name: 'Annex', auto_receptionist_name: 'Annex AR', default_emergency_address: { address_line1: '1 Main St', city: 'Austin', state_code: 'TX', zip: '78701', country: 'US' } })).body;
    const mark = await markEvents(s);
    assert.equal((await s.api.patch(`/v2/phone/users/${u.body.id}`, { site_id: site.id })).status, 204);
    const e = await expectEmitted(s, mark, 'phone.generic_device_provision', (x) => x.payload.object.id === d.id);
    assert.equal(e.payload.object.site.id, site.id);
    assert.equal((await s.api.get(`/v2/phone/devices/${d.id}`)).body.site.id, site.id);
  });
});
