// Users: userEmail, userVanityName, userStatus, userEmailUpdate, userPassword,
// updatePresenceStatus and getUserPresenceStatus, bulkUpdateFeature, userSummary.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
const email = (tag: string) => `${tag}-${++n}@example.com`;
async function create(api: TestClient, type = 1, extra: Record<string, unknown> = {}, action = 'custCreate'): Promise<{ id: string; email: string }> {
  const r = await api.post('/v2/users', { action, user_info: { email: email('u'), type, first_name: 'Grace', last_name: 'Hopper', ...extra } });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}
async function newAccount(extra: Record<string, unknown> = {}) {
  const a = (await s.client.post('/_openzoom/accounts', { plan: 'pro', ...extra })).body;
  return { ...a, api: await s.client.withCredentials(a.account_id, a.client_id, a.client_secret) };
}
async function userToken(accountId: string, userId: string): Promise<TestClient> {
  const r = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes: ['user:master', 'user:write', 'user:read', 'user:write:admin', 'user:read:admin', 'user_zak:read'] });
  assert.equal(r.status, 201, r.raw);
  return s.client.withToken(r.body.access_token);
}
const owner = async (api: TestClient) => (await api.get('/v2/users/owner@example.com')).body;

describe('Check a user email (userEmail)', () => {
  test('answers true for an email of this account, case-insensitively, and false otherwise', async () => {
    const u = await create(s.api);
    assert.deepEqual((await s.api.get(`/v2/users/email?email=${encodeURIComponent(u.email.toUpperCase())}`)).body, { existed_email: true });
    assert.deepEqual((await s.api.get('/v2/users/email?email=nobody%40example.com')).body, { existed_email: false });
  });
  test('a missing or empty email answers 300', async () => {
    for (const url of ['/v2/users/email', '/v2/users/email?email=']) {
      const r = await s.api.get(url);
      assert.equal(r.status, 400, url);
      assert.equal(r.body.code, 300);
    }
  });
});

describe('Check a vanity name (userVanityName)', () => {
  test('answers whether a user of the account uses the personal link name', async () => {
    const u = await create(s.api);
    assert.equal((await s.api.get('/v2/users/vanity_name?vanity_name=grace.hopper')).body.existed, false);
    assert.equal((await s.api.patch(`/v2/users/${u.id}`, { vanity_name: 'grace.hopper' })).status, 204);
    assert.equal((await s.api.get('/v2/users/vanity_name?vanity_name=Grace.Hopper')).body.existed, true);
  });
  test('an empty vanity name answers 300', async () => {
    const r = await s.api.get('/v2/users/vanity_name?vanity_name=');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });
});

describe('Update user status (userStatus)', () => {
  test('deactivate then activate moves the user between inactive and active lists', async () => {
    const u = await create(s.api, 2);
    assert.equal((await s.api.put(`/v2/users/${u.id}/status`, { action: 'deactivate' })).status, 200);
    assert.equal((await s.api.get(`/v2/users/${u.id}`)).body.status, 'inactive');
    const inactive = (await s.api.get('/v2/users?status=inactive&page_size=300')).body.users.map((x: { id: string }) => x.id);
    assert.ok(inactive.includes(u.id));
    assert.equal((await s.api.put(`/v2/users/${u.id}/status`, { action: 'activate' })).status, 200);
    assert.equal((await s.api.get(`/v2/users/${u.id}`)).body.status, 'active');
  });
  test('the owner cannot be deactivated (400/200) and stays active', async () => {
    const o = await owner(s.api);
    const r = await s.api.put(`/v2/users/${o.id}/status`, { action: 'deactivate' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await owner(s.api)).status, 'active');
  });
  test('activating a Licensed user needs a free licensed seat (2034)', async () => {
    const a = await newAccount({ seats: 2 }); // the owner holds one seat
    const first = await create(a.api, 2);
    assert.equal((await a.api.put(`/v2/users/${first.id}/status`, { action: 'deactivate' })).status, 200);
    await create(a.api, 2); // takes the seat the deactivation freed
    const r = await a.api.put(`/v2/users/${first.id}/status`, { action: 'activate' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 2034);
    assert.equal((await a.api.get(`/v2/users/${first.id}`)).body.status, 'inactive');
  });
  test('a pending user cannot be deactivated; clock_in without Workforce Management answers 300', async () => {
    const p = await create(s.api, 1, {}, 'create');
    const r = await s.api.put(`/v2/users/${p.id}/status`, { action: 'deactivate' });
    assert.equal(r.body.code, 300);
    assert.equal((await s.api.get(`/v2/users/${p.id}`)).body.status, 'pending');
    const u = await create(s.api);
    assert.equal((await s.api.put(`/v2/users/${u.id}/status`, { action: 'clock_in' })).body.code, 300);
  });
  test('bad action → 300, unknown user → 404/1001', async () => {
    const u = await create(s.api);
    const bad = await s.api.put(`/v2/users/${u.id}/status`, { action: 'sleep' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 300);
    const missing = await s.api.put('/v2/users/nope/status', { action: 'deactivate' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 1001);
  });
});

describe('Update a user email (userEmailUpdate)', () => {
  test('changes the email; the user is then found by the new one only', async () => {
    const u = await create(s.api);
    const next = email('renamed');
    assert.equal((await s.api.put(`/v2/users/${u.id}/email`, { email: next.toUpperCase() })).status, 204);
    assert.equal((await s.api.get(`/v2/users/${next}`)).body.id, u.id);
    assert.equal((await s.api.get(`/v2/users/${u.email}`)).status, 404);
  });
  test('an email another user has answers 409/1005 and changes nothing', async () => {
    const a = await create(s.api);
    const b = await create(s.api);
    const r = await s.api.put(`/v2/users/${a.id}/email`, { email: b.email });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 1005);
    assert.equal((await s.api.get(`/v2/users/${a.id}`)).body.email, a.email);
  });
  test('an invalid email → 300; a member cannot change another user\'s email (400/200)', async () => {
    const a = await create(s.api);
    const bad = await s.api.put(`/v2/users/${a.id}/email`, { email: 'not-an-email' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 300);
    const b = await create(s.api);
    const me = await userToken(s.demo!.accountId, a.id);
    const r = await me.put(`/v2/users/${b.id}/email`, { email: email('x') });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/users/${b.id}`)).body.email, b.email);
  });
});

describe('Update a user password (userPassword)', () => {
  const put = (id: string, password: string) => s.api.put(`/v2/users/${id}/password`, { password });
  test('accepts a password that follows Zoom\'s rules and stores only a scrypt hash', async () => {
    const u = await create(s.api);
    assert.equal((await put(u.id, 'Tr0ub4dor&3')).status, 204);
    const row = await s.db.get<{ data: string }>('SELECT data FROM users WHERE account_id = ? AND id = ?', [s.demo!.accountId, u.id]);
    const hash = JSON.parse(row!.data).password_hash as string;
    assert.match(hash, /^scrypt\$/);
    assert.ok(!hash.includes('Tr0ub4dor'));
  });
  test('each broken rule answers its code (1124, 1125, 1126, 1130, 1131, 1136, 300)', async () => {
    const u = await create(s.api);
    const cases: Array<[string, number]> = [
      ['ab1', 1124],
      ['horsebattery', 1126],
      ['1234567890', 1131],
      ['98765432', 1131],
      ['zzzzzzzzzz', 1130],
      ['12345670!', 1125],
      ['Password1', 1136],
      ['a1'.repeat(17), 300],
    ];
    for (const [pw, code] of cases) {
      const r = await put(u.id, pw);
      assert.equal(r.status, 400, pw);
      assert.equal(r.body.code, code, pw);
    }
  });
  test('the same password again is refused with 300', async () => {
    const u = await create(s.api);
    assert.equal((await put(u.id, 'Blue7Horse')).status, 204);
    const r = await put(u.id, 'Blue7Horse');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
    assert.equal((await put(u.id, 'Blue8Horse')).status, 204);
  });
  test("an app cannot reset the owner's password (1117); SSO users have none (1123); unknown user 404", async () => {
    const o = await owner(s.api);
    assert.equal((await put(o.id, 'Blue7Horse')).body.code, 1117);
    const sso = await create(s.api, 1, {}, 'ssoCreate');
    assert.equal((await put(sso.id, 'Blue7Horse')).body.code, 1123);
    assert.equal((await put('nope', 'Blue7Horse')).body.code, 1001);
    const wrongType = await s.api.put(`/v2/users/${sso.id}/password`, { password: 12345678 });
    assert.equal(wrongType.body.code, 300);
  });
});

describe('Update presence status (updatePresenceStatus)', () => {
  test('stores the status; Do_No_Disturb ends after its duration', async () => {
    const u = await create(s.api);
    assert.equal((await s.api.put(`/v2/users/${u.id}/presence_status`, { status: 'Away' })).status, 204);
    let row = await s.db.get<{ data: string }>('SELECT data FROM users WHERE account_id = ? AND id = ?', [s.demo!.accountId, u.id]);
    assert.equal(JSON.parse(row!.data).presence_status, 'Away');
    assert.equal((await s.api.put(`/v2/users/${u.id}/presence_status`, { status: 'Do_No_Disturb', duration: 30 })).status, 204);
    row = await s.db.get<{ data: string }>('SELECT data FROM users WHERE account_id = ? AND id = ?', [s.demo!.accountId, u.id]);
    const data = JSON.parse(row!.data);
    assert.equal(data.presence_status, 'Do_No_Disturb');
    const minutes = (Date.parse(data.presence_until) - s.clock.now()) / 60_000;
    assert.ok(minutes > 29 && minutes <= 30, String(minutes));
  });
  test('a bad status → 300; a member setting another user → refused, an admin may; a deactivated user → 5301', async () => {
    const u = await create(s.api);
    assert.equal((await s.api.put(`/v2/users/${u.id}/presence_status`, { status: 'Sleeping' })).body.code, 300);
    const other = await create(s.api);
    const me = await userToken(s.demo!.accountId, u.id);
    // A member may not set someone else's presence (the role check may answer first with 200).
    const denied = await me.put(`/v2/users/${other.id}/presence_status`, { status: 'Busy' });
    assert.equal(denied.status, 400);
    assert.ok([5411, 200].includes(denied.body.code), denied.raw);
    const row = await s.db.get<{ data: string }>('SELECT data FROM users WHERE account_id = ? AND id = ?', [s.demo!.accountId, other.id]);
    assert.equal(JSON.parse(row!.data).presence_status, 'Available');
    assert.equal((await me.put('/v2/users/me/presence_status', { status: 'Busy' })).status, 204);
    const admin = await userToken(s.demo!.accountId, (await owner(s.api)).id);
    assert.equal((await admin.put(`/v2/users/${other.id}/presence_status`, { status: 'Busy' })).status, 204);
    await s.api.put(`/v2/users/${other.id}/status`, { action: 'deactivate' });
    assert.equal((await s.api.put(`/v2/users/${other.id}/presence_status`, { status: 'Busy' })).body.code, 5301);
  });
});

describe('Get a user presence status (getUserPresenceStatus, from Zoom\'s users file beyond the reference)', () => {
  test('reads back what Update presence status set; a new user is Available', async () => {
    const u = await create(s.api);
    const fresh = await s.api.get(`/v2/users/${u.id}/presence_status`);
    assert.equal(fresh.status, 200, fresh.raw);
    assert.deepEqual(fresh.body, { status: 'Available' });
    for (const status of ['Away', 'In_Calendar_Event', 'Out_of_Office', 'Busy']) {
      assert.equal((await s.api.put(`/v2/users/${u.id}/presence_status`, { status })).status, 204);
      assert.deepEqual((await s.api.get(`/v2/users/${u.id}/presence_status`)).body, { status });
    }
    assert.deepEqual((await s.api.get(`/v2/users/${u.email}/presence_status`)).body, { status: 'Busy' }, 'by email too');
  });

  test('Do Not Disturb reads "Do_Not_Disturb"; its end and remaining seconds only for the user itself; then Available', async () => {
    const u = await create(s.api);
    const self = await userToken(s.demo!.accountId, u.id);
    assert.equal((await self.put('/v2/users/me/presence_status', { status: 'Do_No_Disturb', duration: 2 })).status, 204);
    const mine = (await self.get('/v2/users/me/presence_status')).body;
    assert.equal(mine.status, 'Do_Not_Disturb');
    assert.equal(mine.end_time, s.clock.iso(Date.parse(mine.end_time)), 'Zoom\'s second-precision UTC time');
    assert.ok(mine.remaining_time > 115 && mine.remaining_time <= 120, String(mine.remaining_time));
    assert.deepEqual((await s.api.get(`/v2/users/${u.id}/presence_status`)).body, { status: 'Do_Not_Disturb' }, 'others see the status only');
    const moved = await s.client.post('/_openzoom/clock', { advance_seconds: 121 });
    assert.equal(moved.status, 200);
    assert.deepEqual((await self.get('/v2/users/me/presence_status')).body, { status: 'Available' });
  });

  test('a user who is not active answers 5301; an unknown one 404/1001; me with an account-level token 1001', async () => {
    const u = await create(s.api);
    await s.api.put(`/v2/users/${u.id}/status`, { action: 'deactivate' });
    const r = await s.api.get(`/v2/users/${u.id}/presence_status`);
    assert.deepEqual([r.status, r.body], [400, { code: 5301, message: 'Request to read the presence status of this user failed.' }]);
    assert.equal((await s.api.get('/v2/users/nobody/presence_status')).body.code, 1001);
    assert.equal((await s.api.get('/v2/users/me/presence_status')).body.code, 1001);
  });

  test('is scoped like any operation: its own granular scope passes, another scope answers 4711 naming it', async () => {
    const u = await create(s.api);
    const token = async (scopes: string[]) =>
      s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.id, scopes })).body.access_token);
    assert.equal((await (await token(['user:read:presence_status'])).get('/v2/users/me/presence_status')).status, 200);
    const refused = await (await token(['user:read:user'])).get('/v2/users/me/presence_status');
    assert.deepEqual(refused.body, { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:presence_status, user:read:presence_status:admin].' });
  });
});

describe('Bulk update features (bulkUpdateFeature)', () => {
  test('updates licensed users and reports unknown, basic and unchanged users by reason', async () => {
    const a = await create(s.api, 2);
    const b = await create(s.api, 1);
    const r = await s.api.post('/v2/users/features', {
      feature_type: 'large_meeting',
      feature_value: '32',
      users: [{ id: a.id }, { email: b.email }, { id: 'ghost' }],
    });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.success_user_ids, [a.id]);
    const reasons = Object.fromEntries(r.body.fail_details.map((f: { reason: string; user_ids: string[] }) => [f.reason, f.user_ids]));
    assert.deepEqual(reasons, { "Can't update for free users": [b.id], 'Users not found': ['ghost'] });
    const again = await s.api.post('/v2/users/features', { feature_type: 'large_meeting', feature_value: '32', users: [{ id: a.id }] });
    assert.deepEqual(again.body, { success_user_ids: [], fail_details: [{ user_ids: [a.id], reason: 'No need to update' }] });
  });
  test('user_type 2 takes seats until none is left', async () => {
    const acct = await newAccount({ seats: 2 });
    const x = await create(acct.api, 1);
    const y = await create(acct.api, 1);
    const r = await acct.api.post('/v2/users/features', { feature_type: 'user_type', feature_value: '2', users: [{ id: x.id }, { id: y.id }] });
    assert.deepEqual(r.body.success_user_ids, [x.id]);
    assert.deepEqual(r.body.fail_details, [{ user_ids: [y.id], reason: 'Not enough seats' }]);
    assert.equal((await acct.api.get(`/v2/users/${x.id}`)).body.type, 2);
    assert.equal((await acct.api.get(`/v2/users/${y.id}`)).body.type, 1);
  });
  test('a bad value or unknown feature → 300, unknown subscription → 300, free account → 200; nothing written', async () => {
    const a = await create(s.api, 2);
    assert.equal((await s.api.post('/v2/users/features', { feature_type: 'webinar', feature_value: '7', users: [{ id: a.id }] })).body.code, 300);
    assert.equal((await s.api.post('/v2/users/features', { feature_type: 'telepathy', feature_value: '1', users: [{ id: a.id }] })).body.code, 300);
    const sub = await s.api.post('/v2/users/features', { feature_type: 'webinar', feature_value: '16', subscription_id: 'sub1', users: [{ id: a.id }] });
    assert.equal(sub.body.code, 300);
    assert.match(sub.body.message, /sub1/);
    const row = await s.db.get<{ data: string }>('SELECT data FROM users WHERE account_id = ? AND id = ?', [s.demo!.accountId, a.id]);
    assert.deepEqual(JSON.parse(row!.data).features, {});
    const free = await newAccount({ plan: 'free' });
    const r = await free.api.post('/v2/users/features', { feature_type: 'webinar', feature_value: '16', users: [{ id: free.owner_id }] });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
  });
});

describe('Get user summary (userSummary)', () => {
  test('counts users by type and status from the users table', async () => {
    const acct = await newAccount();
    await create(acct.api, 2);
    await create(acct.api, 1);
    const basic = await create(acct.api, 1);
    await create(acct.api, 1, {}, 'create');
    await acct.api.put(`/v2/users/${basic.id}/status`, { action: 'deactivate' });
    const r = await acct.api.get('/v2/users/summary');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      licensed_users_count: 2, // the owner and one more
      basic_users_count: 2,
      on_prem_users_count: 0,
      room_users_count: 0,
      pending_users_count: 1,
      join_only_users_count: 0,
      total_users_count: 5,
    });
  });
});
