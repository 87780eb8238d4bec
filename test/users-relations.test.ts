// Users: userToken, userZak, userSSOTokenDelete, assistants, schedulers,
// collaboration devices, and isolation of every users operation added here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyUserToken } from '../src/api/users/tokens.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
// A business account: enough licensed seats for every user these tests create.
let api: TestClient;
let accountId: string;
before(async () => {
  s = await startServer();
  const a = (await s.client.post('/_openzoom/accounts', { plan: 'business' })).body;
  accountId = a.account_id;
  api = await s.client.withCredentials(a.account_id, a.client_id, a.client_secret);
});
after(() => s.close());

let n = 0;
async function create(client: TestClient, type = 2, action = 'custCreate'): Promise<{ id: string; email: string }> {
  const r = await client.post('/v2/users', { action, user_info: { email: `r${++n}@example.com`, type, first_name: 'Alan', last_name: 'Turing' } });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}
async function userToken(accountId: string, userId: string): Promise<TestClient> {
  const r = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes: ['user_zak:read', 'user:read', 'user:write'] });
  assert.equal(r.status, 201, r.raw);
  return s.client.withToken(r.body.access_token);
}
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number; uid: string };
const acct = () => accountId;

describe("Get a user's token (userToken) and Get my ZAK (userZak)", () => {
  // Zoom: "The ZAK's expiration time is two hours. For API users, the expiration time is 90 days."
  test('a ZAK lives 2 hours for a normal user and 90 days for an API user (login type 99)', async () => {
    const sso = await create(api, 2, 'ssoCreate');
    const apiUser = await create(api, 2, 'custCreate');
    const a = await api.get(`/v2/users/${sso.id}/token?type=zak`);
    assert.equal(a.status, 200, a.raw);
    const ca = claims(a.body.token);
    assert.equal(ca.exp - ca.iat, 7200);
    assert.equal(ca.uid, sso.id);
    const b = await api.get(`/v2/users/${apiUser.id}/token?type=zak`);
    const cb = claims(b.body.token);
    assert.equal(cb.exp - cb.iat, 90 * 24 * 3600);
  });
  test('a ZAK verifies until it expires on the clock, and ttl sets its life', async () => {
    const u = await create(api, 2, 'ssoCreate');
    const { token } = (await api.get(`/v2/users/${u.id}/token?type=zak&ttl=600`)).body;
    const ok = await verifyUserToken(s.db, acct(), token, s.clock.now());
    assert.equal(ok?.userId, u.id);
    assert.equal(ok?.type, 'zak');
    assert.equal(await verifyUserToken(s.db, acct(), `${token.slice(0, -2)}xx`, s.clock.now()), null, 'a tampered signature fails');
    assert.equal(await verifyUserToken(s.db, 'other-account', token, s.clock.now()), null, 'another account cannot use it');
    await s.client.post('/_openzoom/clock', { advance_seconds: 601 });
    assert.equal(await verifyUserToken(s.db, acct(), token, s.clock.now()), null);
  });
  test('bad ttl or type → 300; onbehalf needs meeting_id; unknown user → 404/1001', async () => {
    const u = await create(api);
    for (const q of ['type=zak&ttl=0', 'type=zak&ttl=abc', 'type=magic', 'type=onbehalf']) {
      const r = await api.get(`/v2/users/${u.id}/token?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.body.code, 300, q);
    }
    const ob = await api.get(`/v2/users/${u.id}/token?type=onbehalf&meeting_id=123456789`);
    assert.equal((await verifyUserToken(s.db, acct(), ob.body.token, s.clock.now()))?.meetingId, '123456789');
    const r = await api.get('/v2/users/nobody/token?type=zak');
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1001);
  });
  test('userZak answers the token user\'s ZAK; an account-level token has no `me` (404/1001)', async () => {
    const u = await create(api, 2, 'ssoCreate');
    const me = await userToken(acct(), u.id);
    const r = await me.get('/v2/users/me/zak');
    assert.equal(r.status, 200, r.raw);
    assert.equal((await verifyUserToken(s.db, acct(), r.body.token, s.clock.now()))?.userId, u.id);
    const anon = await api.get('/v2/users/me/zak');
    assert.equal(anon.status, 404);
    assert.equal(anon.body.code, 1001);
  });
  test('userSSOTokenDelete and deactivation revoke every token issued for the user', async () => {
    const u = await create(api);
    const { token } = (await api.get(`/v2/users/${u.id}/token?type=zak`)).body;
    assert.ok(await verifyUserToken(s.db, acct(), token, s.clock.now()));
    assert.equal((await api.delete(`/v2/users/${u.id}/token`)).status, 204);
    assert.equal(await verifyUserToken(s.db, acct(), token, s.clock.now()), null);
    const again = (await api.get(`/v2/users/${u.id}/token?type=zak`)).body.token;
    await api.put(`/v2/users/${u.id}/status`, { action: 'deactivate' });
    assert.equal(await verifyUserToken(s.db, acct(), again, s.clock.now()), null);
    assert.equal((await api.delete('/v2/users/nobody/token')).body.code, 1001);
  });
});

describe('Assistants and schedulers (one relation, two views)', () => {
  test('adding an assistant shows it on both sides, by id or email', async () => {
    const boss = await create(api);
    const a1 = await create(api);
    const a2 = await create(api);
    const r = await api.post(`/v2/users/${boss.id}/assistants`, {
      assistants: [{ id: a1.id, can_manage_host_private_event: true }, { email: a2.email }],
    });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.ids, `${a1.id},${a2.id}`);
    // Added in the same second: order among them is by id.
    const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1);
    const list = (await api.get(`/v2/users/${boss.id}/assistants`)).body.assistants;
    assert.deepEqual(list, [
      { id: a1.id, email: a1.email, can_manage_host_private_event: true },
      { id: a2.id, email: a2.email, can_manage_host_private_event: false },
    ].sort(byId));
    const pmi = (await api.get(`/v2/users/${boss.id}`)).body.pmi;
    assert.deepEqual((await api.get(`/v2/users/${a1.id}/schedulers`)).body.schedulers, [{ id: boss.id, email: boss.email, pmi }]);
  });
  test("Zoom's refusals: self, unknown, twice, basic assistant, basic user (400/200); nothing written", async () => {
    const boss = await create(api);
    const a = await create(api);
    const basic = await create(api, 1);
    await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }] });
    const cases: Array<[string, unknown, RegExp]> = [
      [boss.id, [{ id: boss.id }], /yourself/],
      [boss.id, [{ email: 'ghost@example.com' }], /Can't find user ghost@example.com/],
      [boss.id, [{ id: a.id }], /already granted/],
      [boss.id, [{ id: basic.id }], /Licensed/],
      [basic.id, [{ id: a.id }], /Licensed/],
    ];
    for (const [userId, assistants, message] of cases) {
      const r = await api.post(`/v2/users/${userId}/assistants`, { assistants });
      assert.equal(r.status, 400, r.raw);
      assert.equal(r.body.code, 200);
      assert.match(r.body.message, message);
    }
    assert.equal((await api.get(`/v2/users/${boss.id}/assistants`)).body.assistants.length, 1);
    const bad = await api.post(`/v2/users/${boss.id}/assistants`, { assistants: 'a' });
    assert.equal(bad.body.code, 300);
    assert.equal((await api.post('/v2/users/nobody/assistants', { assistants: [{ id: a.id }] })).body.code, 1001);
  });
  test('an assistant must be a user of the same account', async () => {
    const other = (await s.client.post('/_openzoom/accounts', { plan: 'pro' })).body;
    const boss = await create(api);
    const r = await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: other.owner_id }] });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
  });
  test('at most 30 assistants', async () => {
    const b = await create(api);
    const ids: string[] = [];
    for (let i = 0; i < 31; i++) ids.push((await create(api)).id);
    assert.equal((await api.post(`/v2/users/${b.id}/assistants`, { assistants: ids.slice(0, 30).map((id) => ({ id })) })).status, 201);
    const r = await api.post(`/v2/users/${b.id}/assistants`, { assistants: [{ id: ids[30] }] });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
    assert.equal((await api.get(`/v2/users/${b.id}/assistants`)).body.assistants.length, 30);
  });
  test('deleting one or all, from either side, removes the shared relation', async () => {
    const boss = await create(api);
    const boss2 = await create(api);
    const a = await create(api);
    const b = await create(api);
    await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }, { id: b.id }] });
    await api.post(`/v2/users/${boss2.id}/assistants`, { assistants: [{ id: a.id }] });
    assert.equal((await api.delete(`/v2/users/${boss.id}/assistants/${b.id}`)).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${b.id}/schedulers`)).body.schedulers, []);
    assert.equal((await api.delete(`/v2/users/${a.id}/schedulers/${boss.email}`)).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${boss.id}/assistants`)).body.assistants, []);
    assert.equal((await api.get(`/v2/users/${a.id}/schedulers`)).body.schedulers.length, 1);
    assert.equal((await api.delete(`/v2/users/${a.id}/schedulers`)).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${boss2.id}/assistants`)).body.assistants, []);
    await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }] });
    assert.equal((await api.delete(`/v2/users/${boss.id}/assistants`)).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${a.id}/schedulers`)).body.schedulers, []);
    // Not an assistant (any more), or unknown: 404/1001.
    assert.equal((await api.delete(`/v2/users/${boss.id}/assistants/${a.id}`)).body.code, 1001);
    assert.equal((await api.delete(`/v2/users/${a.id}/schedulers/nobody`)).body.code, 1001);
    assert.equal((await api.get('/v2/users/nobody/schedulers')).body.code, 1001);
  });
  test('deleting a user removes its relations', async () => {
    const boss = await create(api);
    const a = await create(api);
    await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }] });
    assert.equal((await api.delete(`/v2/users/${a.id}`)).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${boss.id}/assistants`)).body.assistants, []);
  });
});

describe('Collaboration devices (listCollaborationDevices, getCollaborationDevice)', () => {
  test('empty until the control plane pairs one; then listed and fetched', async () => {
    const u = await create(api);
    assert.deepEqual((await api.get(`/v2/users/${u.id}/collaboration_devices`)).body, { total_records: 0, collaboration_devices: [] });
    const add = await s.client.post(`/_openzoom/users/${u.id}/collaboration_devices`, { account_id: acct(), device_name: 'Board Room TV', room_name: 'Board Room' });
    assert.equal(add.status, 201, add.raw);
    const list = (await api.get(`/v2/users/${u.id}/collaboration_devices`)).body;
    assert.equal(list.total_records, 1);
    assert.deepEqual(list.collaboration_devices[0], { id: add.body.id, device_name: 'Board Room TV', room_name: 'Board Room', room_user_id: '', status: 'Online' });
    assert.deepEqual((await api.get(`/v2/users/${u.id}/collaboration_devices/${add.body.id}`)).body, list.collaboration_devices[0]);
  });
  test("another user's device or an unknown one → 404/1238; unknown user → 404/1001; bad control input → 300", async () => {
    const u = await create(api);
    const v = await create(api);
    const add = await s.client.post(`/_openzoom/users/${u.id}/collaboration_devices`, { account_id: acct(), device_name: 'Pad' });
    const r = await api.get(`/v2/users/${v.id}/collaboration_devices/${add.body.id}`);
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1238);
    assert.equal((await api.get(`/v2/users/${u.id}/collaboration_devices/nope`)).body.code, 1238);
    assert.equal((await api.get('/v2/users/nobody/collaboration_devices')).body.code, 1001);
    assert.equal((await s.client.post(`/_openzoom/users/${u.id}/collaboration_devices`, { account_id: acct(), device_name: 5 })).body.code, 300);
    assert.equal((await s.client.post(`/_openzoom/users/${u.id}/collaboration_devices`, { account_id: acct(), device_name: 'x', status: 'Asleep' })).body.code, 300);
    assert.equal((await s.client.post('/_openzoom/users/nobody/collaboration_devices', { account_id: acct(), device_name: 'x' })).body.code, 1001);
    assert.equal((await api.get(`/v2/users/${u.id}/collaboration_devices`)).body.total_records, 1);
  });
});

describe('Isolation: a second account reaches nothing of the first', () => {
  test('every operation answers 404/1001 (or an empty answer) and changes nothing', async () => {
    const boss = await create(api);
    const a = await create(api);
    await api.post(`/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }] });
    const dev = (await s.client.post(`/_openzoom/users/${boss.id}/collaboration_devices`, { account_id: acct(), device_name: 'Pad' })).body;
    await api.patch(`/v2/users/${boss.id}`, { vanity_name: 'isolated.boss' });
    const other = (await s.client.post('/_openzoom/accounts', { plan: 'pro' })).body;
    const o = await s.client.withCredentials(other.account_id, other.client_id, other.client_secret);

    assert.equal((await o.get(`/v2/users/email?email=${boss.email}`)).body.existed_email, false);
    assert.equal((await o.get('/v2/users/vanity_name?vanity_name=isolated.boss')).body.existed, false);
    assert.equal((await o.get('/v2/users/summary')).body.total_users_count, 1);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v2/users/${boss.id}/token?type=zak`],
      ['DELETE', `/v2/users/${boss.id}/token`],
      ['PUT', `/v2/users/${boss.id}/status`, { action: 'deactivate' }],
      ['PUT', `/v2/users/${boss.id}/email`, { email: 'stolen@example.com' }],
      ['PUT', `/v2/users/${boss.email}/password`, { password: 'Blue7Horse' }],
      ['PUT', `/v2/users/${boss.id}/presence_status`, { status: 'Away' }],
      ['GET', `/v2/users/${boss.id}/assistants`],
      ['POST', `/v2/users/${boss.id}/assistants`, { assistants: [{ id: a.id }] }],
      ['DELETE', `/v2/users/${boss.id}/assistants`],
      ['DELETE', `/v2/users/${boss.id}/assistants/${a.id}`],
      ['GET', `/v2/users/${a.id}/schedulers`],
      ['DELETE', `/v2/users/${a.id}/schedulers`],
      ['DELETE', `/v2/users/${a.id}/schedulers/${boss.id}`],
      ['GET', `/v2/users/${boss.id}/collaboration_devices`],
      ['GET', `/v2/users/${boss.id}/collaboration_devices/${dev.id}`],
    ];
    for (const [method, url, body] of calls) {
      const r = await o.request(method, url, body === undefined ? {} : { body });
      assert.equal(r.status, 404, `${method} ${url}: ${r.raw}`);
      assert.equal(r.body.code, 1001, `${method} ${url}`);
    }
    // Bulk features: the first account's user is simply not found here.
    const f = await o.post('/v2/users/features', { feature_type: 'webinar', feature_value: '16', users: [{ id: boss.id }] });
    assert.deepEqual(f.body, { success_user_ids: [], fail_details: [{ user_ids: [boss.id], reason: 'Users not found' }] });
    // Master path of an unrelated account.
    const m = await o.get(`/v2/accounts/${acct()}/users/${boss.id}/assistants`);
    assert.equal(m.status, 404);
    assert.equal((await o.get(`/v2/accounts/${acct()}/users/summary`)).status, 404);

    const me = (await api.get(`/v2/users/${boss.id}`)).body;
    assert.equal(me.status, 'active');
    assert.equal(me.email, boss.email);
    assert.equal((await api.get(`/v2/users/${boss.id}/assistants`)).body.assistants.length, 1);
    assert.equal((await api.get(`/v2/users/${boss.id}/collaboration_devices`)).body.total_records, 1);
  });
});
