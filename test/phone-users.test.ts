// Zoom Phone users, numbers and calling plans (Phone category): list, get and
// update phone users; assign and unassign numbers and calling plans; list,
// get and update numbers; BYOC numbers; the main company number.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { markEvents, expectEmitted } from './helpers/events.ts';

let s: TestServer;
let ownerId: string;
before(async () => {
  s = await startServer();
  ownerId = (await s.api.get('/v2/users/owner@example.com')).body.id;
});
after(() => s.close());

let n = 0;
/** A new user of the demo account with the phone licence. */
async function phoneUser(api: TestClient = s.api): Promise<{ id: string; email: string }> {
  const email = `pu-${++n}@example.org`;
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email, type: 1, first_name: 'Phone', last_name: `User${n}`, feature: { zoom_phone: true } } });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.id, email };
}

async function unassigned(api: TestClient = s.api, count = 1): Promise<Array<{ id: string; number: string }>> {
  // The account's own numbers: a BYOC number added by another test is toll and
  // unassigned too, and may sort first when both were made in the same second.
  const r = await api.get(`/v2/phone/numbers?type=unassigned&number_type=toll&page_size=${count + 5}`);
  assert.equal(r.status, 200, r.raw);
  return r.body.phone_numbers.filter((x: { source: string }) => x.source === 'internal').slice(0, count);
}

async function memberApi(): Promise<TestClient> {
  const u = await phoneUser();
  const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.id })).body.access_token;
  return s.client.withToken(token);
}

describe('phone users (listPhoneUsers, phoneUser, updateUserProfile)', () => {
  test('the owner is a phone user with an extension, a calling plan and a number; found by id, email and extension', async () => {
    const me = await s.api.get(`/v2/phone/users/${ownerId}`);
    assert.equal(me.status, 200, me.raw);
    assert.equal(me.body.email, 'owner@example.com');
    assert.equal(me.body.phone_numbers.length, 1);
    assert.equal(me.body.calling_plans.length, 1);
    assert.equal((await s.api.get('/v2/phone/users/owner@example.com')).body.id, ownerId);
    assert.equal((await s.api.get(`/v2/phone/users/${me.body.extension_number}`)).body.id, ownerId);
    const list = await s.api.get('/v2/phone/users');
    assert.equal(list.status, 200, list.raw);
    assert.ok(list.body.users.some((u: { id: string; site: { name: string } }) => u.id === ownerId && u.site.name === 'Main Site'));
  });

  test('a user without the phone licence, an unknown user and another account user are 404/1001', async () => {
    const plain = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'no-phone@example.org', type: 1 } });
    assert.deepEqual([(await s.api.get(`/v2/phone/users/${plain.body.id}`)).body.code], [1001]);
    assert.equal((await s.api.get('/v2/phone/users/nobody123')).status, 404);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    const r = await api.get(`/v2/phone/users/${ownerId}`);
    assert.deepEqual([r.status, r.body.code], [404, 1001]);
    assert.equal((await api.patch(`/v2/phone/users/${ownerId}`, { extension_number: '1777' })).status, 404);
    const nums = await unassigned();
    assert.equal((await api.get(`/v2/phone/numbers/${nums[0]!.id}`)).body.code, 400);
    // An account without Zoom Phone answers 403/2031.
    const none = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const noPhone = await s.client.withCredentials(none.body.account_id, none.body.client_id, none.body.client_secret);
    assert.deepEqual([(await noPhone.get('/v2/phone/users')).status, (await noPhone.get('/v2/phone/numbers')).body.code], [403, 2031]);
  });

  test('update: extension number (unique per account), policy (call recording) and site', async () => {
    const u = await phoneUser();
    const taken = (await s.api.get(`/v2/phone/users/${ownerId}`)).body.extension_number;
    const dup = await s.api.patch(`/v2/phone/users/${u.id}`, { extension_number: String(taken) });
    assert.deepEqual([dup.status, dup.body.code], [400, 400]);
    assert.equal((await s.api.patch(`/v2/phone/users/${u.id}`, { extension_number: '1888', policy: { auto_call_recording: { enable: true, recording_calls: 'inbound' } } })).status, 204);
    const got = (await s.api.get(`/v2/phone/users/${u.id}`)).body;
    assert.equal(got.extension_number, 1888);
    assert.equal(got.policy.auto_call_recording.enable, true);
    assert.equal(got.policy.auto_call_recording.recording_calls, 'inbound');
    assert.equal(got.policy.voicemail.enable, true);
    assert.equal((await s.api.patch(`/v2/phone/users/${u.id}`, { policy: { auto_call_recording: { reset: true } } })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u.id}`)).body.policy.auto_call_recording.enable, false);
    assert.equal((await s.api.patch(`/v2/phone/users/${u.id}`, { site_id: 'nosuchsite' })).body.message, 'Site does not exist.');
  });

  test('two users taking one extension at once: one wins, the other gets 400/400', async () => {
    const [a, b] = [await phoneUser(), await phoneUser()];
    const rs = await Promise.all([a, b].map((u) => s.api.patch(`/v2/phone/users/${u.id}`, { extension_number: '1950' })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [204, 400]);
  });

  test('a Member reads its own phone profile but not another user, nor the account lists', async () => {
    const m = await memberApi();
    assert.equal((await m.get('/v2/phone/users/me')).status, 200);
    assert.equal((await m.get(`/v2/phone/users/${ownerId}`)).body.code, 200);
    assert.equal((await m.get('/v2/phone/users')).body.code, 200);
    assert.equal((await m.get('/v2/phone/numbers')).body.code, 200);
    assert.equal((await m.patch('/v2/phone/settings', { byoc: { enable: true } })).body.code, 200);
  });
});

describe('numbers of a phone user (assignPhoneNumber, UnassignPhoneNumber)', () => {
  test('assign by id and by number, read back on the user and the number; a taken number is refused; unassign', async () => {
    const u = await phoneUser();
    const [a, b] = await unassigned(s.api, 2);
    const r = await s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: a!.id }, { number: b!.number }] });
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.phone_numbers.map((x: { id: string }) => x.id).sort(), [a!.id, b!.id].sort());
    const number = (await s.api.get(`/v2/phone/numbers/${a!.id}`)).body;
    assert.deepEqual([number.assignee.type, number.assignee.id, number.assignee.name], ['user', u.id, `Phone User${n}`]);
    const other = await phoneUser();
    const taken = await s.api.post(`/v2/phone/users/${other.id}/phone_numbers`, { phone_numbers: [{ id: a!.id }] });
    assert.deepEqual([taken.status, taken.body.code], [400, 300]);
    assert.equal((await s.api.get(`/v2/phone/users/${other.id}`)).body.phone_numbers.length, 0);
    assert.equal((await s.api.delete(`/v2/phone/users/${u.id}/phone_numbers/${a!.id}`)).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/users/${u.id}/phone_numbers/${a!.id}`)).status, 404);
    assert.equal((await s.api.get(`/v2/phone/numbers/${a!.id}`)).body.assignee, undefined);
    assert.equal((await s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: 'nope' }] })).body.code, 400);
  });

  test('two users taking one number at once: one holds it, the other is refused', async () => {
    const [a, b] = [await phoneUser(), await phoneUser()];
    const [num] = await unassigned();
    const rs = await Promise.all([a, b].map((u) => s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: num!.id }] })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 400]);
    const got = (await s.api.get(`/v2/phone/numbers/${num!.id}`)).body;
    assert.ok([a.id, b.id].includes(got.assignee.id));
  });
});

describe('calling plans (listCallingPlans, assignCallingPlan, unassignCallingPlan)', () => {
  test('plans list their licences; assigning one uses a licence, unassigning frees it; unknown plans are refused', async () => {
    const before = (await s.api.get('/v2/phone/calling_plans')).body.calling_plans;
    assert.deepEqual(before.map((p: { type: number }) => p.type), [100, 200]);
    const unlimited = before.find((p: { type: number }) => p.type === 200);
    const u = await phoneUser();
    assert.equal((await s.api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 200 }] })).status, 200);
    const after = (await s.api.get('/v2/phone/calling_plans')).body.calling_plans.find((p: { type: number }) => p.type === 200);
    assert.equal(after.assigned, unlimited.assigned + 1);
    assert.equal(after.available, unlimited.available - 1);
    assert.ok((await s.api.get(`/v2/phone/users/${u.id}`)).body.calling_plans.some((p: { type: number }) => p.type === 200));
    assert.equal((await s.api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 3000 }] })).body.code, 300);
    assert.equal((await s.api.delete(`/v2/phone/users/${u.id}/calling_plans/200`)).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/users/${u.id}/calling_plans/200`)).status, 400);
  });

  test('two users taking the last licence at once: one holds it, the other is refused', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: { hosts: 3 } } });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const [u1, , u3, u4] = [await phoneUser(api), await phoneUser(api), await phoneUser(api), await phoneUser(api)];
    // The owner, u1 and u2 hold the three licences; u1 gives its back: one is free.
    assert.equal((await api.delete(`/v2/phone/users/${u1!.id}/calling_plans/100`)).status, 204);
    const rs = await Promise.all([u3!, u4!].map((u) => api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 100 }] })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 400]);
    const plan = (await api.get('/v2/phone/calling_plans')).body.calling_plans[0];
    assert.deepEqual([plan.subscribed, plan.assigned, plan.available], [3, 3, 0]);
  });

  test('an exhausted plan is refused', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: { hosts: 1 } } });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const u = await phoneUser(api);
    // The owner holds the one licence.
    const r = await api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 100 }] });
    assert.deepEqual([r.status, r.body.code], [400, 300]);
  });
});

describe('numbers (listAccountPhoneNumbers, getPhoneNumberDetails, updatePhoneNumberDetails, addBYOCNumber, changeMainCompanyNumber)', () => {
  test('filters: assigned, unassigned, number type, extension type, site, byoc; pages with next_page_token', async () => {
    const all = (await s.api.get('/v2/phone/numbers?type=all&page_size=100')).body;
    const assigned = (await s.api.get('/v2/phone/numbers?type=assigned&page_size=100')).body;
    const free = (await s.api.get('/v2/phone/numbers?type=unassigned&page_size=100')).body;
    assert.equal(assigned.total_records + free.total_records, all.total_records);
    assert.ok(assigned.phone_numbers.every((x: { assignee?: unknown }) => x.assignee));
    assert.ok(free.total_records >= 10);
    const tollfree = (await s.api.get('/v2/phone/numbers?number_type=tollfree')).body.phone_numbers;
    assert.equal(tollfree.length, 2);
    assert.ok((await s.api.get('/v2/phone/numbers?extension_type=user&page_size=100')).body.phone_numbers.every((x: { assignee: { type: string } }) => x.assignee.type === 'user'));
    const first = await s.api.get('/v2/phone/numbers?page_size=5');
    const second = await s.api.get(`/v2/phone/numbers?page_size=5&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.status, 200, second.raw);
    assert.equal(new Set([...first.body.phone_numbers, ...second.body.phone_numbers].map((x: { id: string }) => x.id)).size, 10);
    const site = (await s.api.get(`/v2/phone/users/${ownerId}`)).body.site_id;
    assert.equal((await s.api.get(`/v2/phone/numbers?site_id=${site}&page_size=100`)).body.total_records, all.total_records);
  });

  test('update capability and display name; a bad capability is refused', async () => {
    const [num] = await unassigned();
    assert.equal((await s.api.patch(`/v2/phone/numbers/${num!.id}`, { capability: ['incoming'], display_name: 'Front desk' })).status, 204);
    const got = (await s.api.get(`/v2/phone/numbers/${num!.id}`)).body;
    assert.deepEqual([got.capability, got.display_name], [['incoming'], 'Front desk']);
    assert.equal((await s.api.patch(`/v2/phone/numbers/${num!.id}`, { capability: ['fax'] })).body.code, 300);
  });

  test('BYOC numbers are added through a carrier, listed as byoc, and refused twice', async () => {
    const r = await s.api.post('/v2/phone/byoc_numbers', { carrier: 'Example Carrier', phone_numbers: ['+14155550199'] });
    assert.equal(r.status, 201, r.raw);
    const byoc = (await s.api.get('/v2/phone/numbers?type=byoc')).body.phone_numbers;
    assert.deepEqual(byoc.map((x: { number: string; source: string }) => [x.number, x.source]), [['+14155550199', 'external']]);
    assert.equal((await s.api.post('/v2/phone/byoc_numbers', { carrier: 'Example Carrier', phone_numbers: ['+14155550199'] })).status, 409);
    assert.equal((await s.api.post('/v2/phone/byoc_numbers', { carrier: 'Example Carrier', phone_numbers: ['12'] })).status, 400);
  });

  test('the main company number is one of the account own toll numbers', async () => {
    const [num] = await unassigned();
    assert.equal((await s.api.put('/v2/phone/company_number', { phone_number: num!.number })).status, 204);
    const settings = (await s.api.get(`/v2/phone/users/${ownerId}/settings`)).body;
    assert.equal(settings.company_number, num!.number);
    const tollfree = (await s.api.get('/v2/phone/numbers?number_type=tollfree')).body.phone_numbers[0];
    assert.equal((await s.api.put('/v2/phone/company_number', { phone_number: tollfree.number })).body.code, 400);
    assert.equal((await s.api.put('/v2/phone/company_number', { phone_number: '+19995550000' })).status, 404);
  });
});

describe('the kept pages of List phone numbers follow every write', () => {
  test("a number updated and assigned, its assignee's extension changed then removed, its site renamed, a BYOC number added", async () => {
    const u = await phoneUser();
    const [num] = await unassigned();
    const entry = async () => (await s.api.get(`/v2/phone/numbers?phone_number=${num!.number.replace(/\D/g, '')}`)).body.phone_numbers[0];
    const first = await entry();
    assert.deepEqual(await entry(), first);
    assert.equal((await s.api.patch(`/v2/phone/numbers/${num!.id}`, { display_name: 'Kept desk' })).status, 204);
    assert.equal((await entry()).display_name, 'Kept desk');
    assert.equal((await s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: num!.id }] })).status, 200);
    assert.deepEqual([(await entry()).assignee.id, (await entry()).assignee.name], [u.id, `Phone User${n}`]);
    const ext = await s.api.patch(`/v2/phone/users/${u.id}`, { extension_number: '65432' });
    assert.equal(ext.status, 204, ext.raw);
    assert.equal((await entry()).assignee.extension_number, 65432);
    const site = first.site as { id: string; name: string };
    assert.equal((await s.api.patch(`/v2/phone/sites/${site.id}`, { name: 'Kept site' })).status, 204);
    try {
      assert.equal((await entry()).site.name, 'Kept site');
    } finally {
      assert.equal((await s.api.patch(`/v2/phone/sites/${site.id}`, { name: site.name })).status, 204);
    }
    assert.equal((await s.api.patch(`/v2/users/${u.id}`, { feature: { zoom_phone: false } })).status, 204);
    assert.equal((await entry()).assignee, undefined);
    const byoc = async () => (await s.api.get('/v2/phone/numbers?type=byoc&page_size=100')).body.phone_numbers.map((x: { number: string }) => x.number);
    assert.ok(!(await byoc()).includes('+14155550177'));
    assert.equal((await s.api.post('/v2/phone/byoc_numbers', { carrier: 'Example Carrier', phone_numbers: ['+14155550177'] })).status, 201);
    assert.ok((await byoc()).includes('+14155550177'));
  });
});

describe('phone account settings (updatePhoneSettings)', () => {
  test('emits phone.account_settings_updated with the change', async () => {
    const mark = await markEvents(s);
    assert.equal((await s.api.patch('/v2/phone/settings', { byoc: { enable: true } })).status, 204);
    const e = await expectEmitted(s, mark, 'phone.account_settings_updated');
    assert.deepEqual(e.payload.object.settings, { byoc: { enable: true } });
  });
});

describe('the kept answer of Get a phone user follows every write', () => {
  test('profile, numbers, calling plans, shared settings, the user row and the licence each show on the next read', async () => {
    const u = await phoneUser();
    const read = async () => (await s.api.get(`/v2/phone/users/${u.id}`)).body;
    const before = await read();
    assert.equal((await read()).extension_number, before.extension_number);
    await s.api.patch(`/v2/phone/users/${u.id}`, { extension_number: '1777' });
    assert.equal((await read()).extension_number, 1777);
    const [num] = await unassigned();
    await s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: num!.id }] });
    assert.deepEqual((await read()).phone_numbers.map((x: { id: string }) => x.id), [num!.id]);
    await s.api.delete(`/v2/phone/users/${u.id}/phone_numbers/${num!.id}`);
    assert.equal((await read()).phone_numbers.length, 0);
    const plans = (await read()).calling_plans.length;
    await s.api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 200 }] });
    assert.equal((await read()).calling_plans.length, plans + 1);
    await s.api.delete(`/v2/phone/users/${u.id}/calling_plans/200`);
    assert.equal((await read()).calling_plans.length, plans);
    await s.api.post(`/v2/phone/users/${u.id}/settings/ad_hoc_call_recording_access_members`, { ad_hoc_call_recording_access_members: [{ access_user_id: ownerId }] });
    assert.equal((await read()).policy.ad_hoc_call_recording_access_members.length, 1);
    await s.api.patch(`/v2/users/${u.id}`, { first_name: 'Renamed' });
    await s.api.put(`/v2/users/${u.id}/email`, { email: `renamed-${u.id.slice(0, 6).toLowerCase()}@example.org` });
    assert.equal((await read()).email, `renamed-${u.id.slice(0, 6).toLowerCase()}@example.org`);
    await s.api.patch(`/v2/users/${u.id}`, { feature: { zoom_phone: false } });
    assert.equal((await s.api.get(`/v2/phone/users/${u.id}`)).status, 404);
  });
});

describe('the phone licence (feature.zoom_phone) through user settings', () => {
  test('user settings give and take the licence and answer it; a Member cannot give itself one', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'licence@example.org', type: 1 } });
    assert.equal((await s.api.get(`/v2/users/${u.body.id}/settings`)).body.feature.zoom_phone, false);
    assert.equal((await s.api.patch(`/v2/users/${u.body.id}/settings`, { feature: { zoom_phone: true } })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u.body.id}`)).status, 200);
    assert.equal((await s.api.get(`/v2/users/${u.body.id}/settings`)).body.feature.zoom_phone, true);
    assert.equal((await s.api.patch(`/v2/users/${u.body.id}/settings`, { feature: { zoom_phone: false } })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u.body.id}`)).status, 404);
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.patch('/v2/users/me', { feature: { zoom_phone: true } })).body.code, 200);
    assert.equal((await m.patch('/v2/users/me/settings', { feature: { zoom_phone: true } })).body.code, 200);
    assert.equal((await s.api.get(`/v2/phone/users/${u.body.id}`)).status, 404);
  });
});

describe('listPhoneUsers filters and pages', () => {
  test('by site, calling plan, keyword; numbers and plans on each entry; next_page_token pages', async () => {
    const u = await phoneUser();
    const [num] = await unassigned();
    await s.api.post(`/v2/phone/users/${u.id}/phone_numbers`, { phone_numbers: [{ id: num!.id }] });
    await s.api.post(`/v2/phone/users/${u.id}/calling_plans`, { calling_plans: [{ type: 200 }] });
    const byKeyword = (await s.api.get(`/v2/phone/users?keyword=${encodeURIComponent(u.email)}`)).body.users;
    assert.equal(byKeyword.length, 1);
    assert.deepEqual(byKeyword[0].phone_numbers.map((x: { id: string }) => x.id), [num!.id]);
    assert.ok(byKeyword[0].calling_plans.some((p: { type: number; name: string }) => p.type === 200 && p.name === 'US/CA Unlimited Calling Plan'));
    const unlimited = (await s.api.get('/v2/phone/users?calling_type=200&page_size=100')).body.users;
    assert.ok(unlimited.some((x: { id: string }) => x.id === u.id));
    assert.ok(!unlimited.some((x: { id: string }) => x.id === ownerId));
    const all = (await s.api.get('/v2/phone/users?page_size=100')).body;
    const site = (await s.api.get('/v2/phone/sites')).body.sites[0].id;
    assert.equal((await s.api.get(`/v2/phone/users?site_id=${site}&page_size=100`)).body.total_records, all.total_records);
    assert.equal((await s.api.get('/v2/phone/users?site_id=elsewhere')).body.total_records, 0);
    const first = await s.api.get('/v2/phone/users?page_size=2');
    const second = await s.api.get(`/v2/phone/users?page_size=2&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.status, 200, second.raw);
    assert.equal(new Set([...first.body.users, ...second.body.users].map((x: { id: string }) => x.id)).size, 4);
  });
});
