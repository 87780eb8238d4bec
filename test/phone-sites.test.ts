// Phone sites (listPhoneSites, createPhoneSite, getASite, updateSiteDetails,
// deletePhoneSite): site codes, extension ranges, names unique, and deleting a
// site moves its users and numbers to the transfer site.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const address = { address_line1: '1 Main St', city: 'Austin', state_code: 'TX', zip: '78701', country: 'US' };
let n = 0;
async function site(api: TestClient = s.api, extra: Record<string, unknown> = {}) {
  const r = await api.post('/v2/phone/sites', { name: `Branch ${++n}`, auto_receptionist_name: `Branch ${n} AR`, default_emergency_address: address, ...extra });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; name: string };
}

describe('phone sites', () => {
  test('create, get and list: the main site first, each site with its code and main auto receptionist', async () => {
    const b = await site(s.api, { site_code: 7, short_extension: { length: 3 } });
    const got = await s.api.get(`/v2/phone/sites/${b.id}`);
    assert.equal(got.status, 200, got.raw);
    assert.deepEqual([got.body.site_code, got.body.short_extension.length, got.body.country.code], [7, 3, 'US']);
    assert.equal(got.body.main_auto_receptionist.name, `Branch ${n} AR`);
    assert.equal(got.body.main_auto_receptionist.extension_number, 7001);
    // In creation order: the main site (made with the account) first — unless both were made in one second, when the id decides.
    const list = (await s.api.get('/v2/phone/sites')).body;
    assert.ok(list.sites.some((x: { name: string }) => x.name === 'Main Site'));
    assert.ok(list.sites.some((x: { id: string }) => x.id === b.id));
    assert.equal((await s.api.get(`/v2/phone/sites?site_name=${encodeURIComponent(`branch ${n}`)}`)).body.total_records, 1);
  });

  test('names and site codes are unique; two creates of one name at once give one site', async () => {
    const a = await site();
    assert.equal((await s.api.post('/v2/phone/sites', { name: a.name, auto_receptionist_name: 'x', default_emergency_address: address })).status, 409);
    const rs = await Promise.all([1, 2].map(() => s.api.post('/v2/phone/sites', { name: 'Twin', auto_receptionist_name: 'x', default_emergency_address: address })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409]);
    assert.equal((await s.api.post('/v2/phone/sites', { name: 'Code clash', site_code: 7, auto_receptionist_name: 'x', default_emergency_address: address })).status, 409);
    assert.equal((await s.api.post('/v2/phone/sites', { name: 'Nowhere', auto_receptionist_name: 'x', default_emergency_address: { ...address, country: 'ZZ' } })).body.message, 'Country information is invalid.');
  });

  test('update name and address; the country cannot change', async () => {
    const a = await site();
    assert.equal((await s.api.patch(`/v2/phone/sites/${a.id}`, { name: 'Renamed branch', default_emergency_address: { ...address, city: 'Dallas' } })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/sites/${a.id}`)).body.name, 'Renamed branch');
    assert.equal((await s.api.patch(`/v2/phone/sites/${a.id}`, { default_emergency_address: { ...address, country: 'CA' } })).body.message, 'Change country is not allowed.');
    assert.equal((await s.api.patch('/v2/phone/sites/nope', { name: 'x' })).status, 400);
  });

  test('deleting a site moves its users and numbers to the transfer site; the main site cannot be deleted', async () => {
    const from = await site();
    const to = await site();
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `site-user-${n}@example.org`, type: 1, feature: { zoom_phone: true } } });
    assert.equal((await s.api.patch(`/v2/phone/users/${u.body.id}`, { site_id: from.id })).status, 204);
    const num = (await s.api.get('/v2/phone/numbers?type=unassigned&number_type=toll&page_size=1')).body.phone_numbers[0];
    assert.equal((await s.api.post(`/v2/phone/users/${u.body.id}/phone_numbers`, { phone_numbers: [{ id: num.id }] })).status, 200);
    assert.equal((await s.api.get(`/v2/phone/numbers/${num.id}`)).body.site.id, from.id);
    assert.equal((await s.api.delete(`/v2/phone/sites/${from.id}?transfer_site_id=${from.id}`)).body.message, 'Unable to transfer to the same site.');
    assert.equal((await s.api.delete(`/v2/phone/sites/${from.id}?transfer_site_id=${to.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u.body.id}`)).body.site_id, to.id);
    assert.equal((await s.api.get(`/v2/phone/numbers/${num.id}`)).body.site.id, to.id);
    assert.equal((await s.api.get(`/v2/phone/sites/${from.id}`)).status, 400);
    const main = (await s.api.get('/v2/phone/sites')).body.sites.find((x: { name: string }) => x.name === 'Main Site');
    assert.equal((await s.api.delete(`/v2/phone/sites/${main.id}?transfer_site_id=${to.id}`)).status, 400);
    assert.equal((await s.api.get(`/v2/phone/sites/${main.id}`)).status, 200);
  });

  test('another account cannot see or change these sites; a Member is refused', async () => {
    const a = await site();
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.get(`/v2/phone/sites/${a.id}`)).status, 400);
    assert.equal((await api.patch(`/v2/phone/sites/${a.id}`, { name: 'Mine' })).status, 400);
    const own = (await api.get('/v2/phone/sites')).body.sites[0];
    assert.equal((await api.delete(`/v2/phone/sites/${own.id}?transfer_site_id=${a.id}`)).status, 400);
    assert.equal((await s.api.get(`/v2/phone/sites/${a.id}`)).body.name, a.name);
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'site-member@example.org', type: 1 } });
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token;
    const m = s.client.withToken(token);
    assert.equal((await m.get('/v2/phone/sites')).body.code, 200);
    assert.equal((await m.post('/v2/phone/sites', { name: 'By member', auto_receptionist_name: 'x', default_emergency_address: address })).body.code, 200);
  });
});

describe('Zoom Phone administration as a role', () => {
  test('a Member given PbxAdmin:Read and PbxAdmin:Edit manages sites and reads numbers; PbxAdmin:Read alone writes nothing', async () => {
    const admins = (await s.api.post('/v2/roles', { name: 'Phone admins', privileges: ['PbxAdmin:Read', 'PbxAdmin:Edit'] })).body.id;
    const readers = (await s.api.post('/v2/roles', { name: 'Phone readers', privileges: ['PbxAdmin:Read'] })).body.id;
    const [a, r] = await Promise.all(['pbx-admin', 'pbx-reader'].map((n) => s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `${n}@example.org`, type: 1 } })));
    assert.equal((await s.api.post(`/v2/roles/${admins}/members`, { members: [{ id: a!.body.id }] })).status, 201);
    assert.equal((await s.api.post(`/v2/roles/${readers}/members`, { members: [{ id: r!.body.id }] })).status, 201);
    const token = async (id: string) => s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: id })).body.access_token);
    const admin = await token(a!.body.id);
    const reader = await token(r!.body.id);
    assert.equal((await admin.post('/v2/phone/sites', { name: 'By phone admin', auto_receptionist_name: 'x', default_emergency_address: address })).status, 201);
    assert.equal((await reader.get('/v2/phone/numbers')).status, 200);
    assert.equal((await reader.post('/v2/phone/sites', { name: 'By reader', auto_receptionist_name: 'x', default_emergency_address: address })).body.code, 200);
  });
});

describe('operation log', () => {
  test('site and blocked-list changes are logged with Zoom report words; a refused one is not', async () => {
    const b = await site();
    assert.equal((await s.api.patch(`/v2/phone/sites/${b.id}`, { name: `${b.name} renamed` })).status, 204);
    const refused = await s.api.post('/v2/phone/sites', { name: `${b.name} renamed`, auto_receptionist_name: 'Again AR', default_emergency_address: address });
    assert.equal(refused.status, 409, refused.raw);
    const blocked = await s.api.post('/v2/phone/blocked_list', { block_type: 'inbound', match_type: 'phoneNumber', phone_number: '+12125550111', status: 'active' });
    assert.equal(blocked.status, 201, blocked.raw);
    const logs = async (category: string) =>
      (await s.api.get(`/v2/phone/reports/operationlogs?category_type=${encodeURIComponent(category)}&page_size=300`)).body.operation_logs as Array<{ action: string; operation_detail: string; category_type: string }>;
    const sites = await logs('Site');
    assert.deepEqual(sites.filter((l) => l.operation_detail.includes(b.name)).map((l) => l.action).sort(), ['Add', 'Update']);
    assert.ok((await logs('Blocked List')).some((l) => l.action === 'Add' && l.operation_detail === 'Block +12125550111'));
  });
});
