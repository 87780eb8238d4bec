// TSP (account settings, users' TSP accounts, global dial-in URL) and PAC (a user's PAC accounts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { assertValidEvent, eventsSince, expectEvent, expectNoEvents, markEvents } from './helpers/events.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
async function user(api: TestClient, type = 2): Promise<{ id: string; email: string }> {
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email: `tsp-${++n}@example.org`, type, first_name: 'T', last_name: `S${n}` } });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}

async function account(extra: Record<string, unknown> = {}): Promise<{ id: string; api: TestClient; ownerId: string }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', ...extra });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.account_id, ownerId: r.body.owner_id, api: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

const TSP = { conference_code: '1234567', leader_pin: '4321', tsp_bridge: 'US_TSP_TB', dial_in_numbers: [{ code: '1', country_label: 'US', number: '6505550100', type: 'toll' }] };

describe("Account's TSP information (tsp, tspUpdate)", () => {
  test('the demo account has TSP on; an update is read back', async () => {
    const r = await s.api.get('/v2/tsp');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.enable, true);
    assert.equal(r.body.tsp_enabled, true);
    const u = await s.api.patch('/v2/tsp', { tsp_provider: 'Example Audio', tsp_bridge: 'EU_TSP_TB', dial_in_number_unrestricted: true });
    assert.equal(u.status, 204, u.raw);
    const back = await s.api.get('/v2/tsp');
    assert.equal(back.body.tsp_provider, 'Example Audio');
    assert.equal(back.body.tsp_bridge, 'EU_TSP_TB');
    assert.equal(back.body.enable, true);
    const bad = await s.api.patch('/v2/tsp', { tsp_bridge: 'MARS_TSP_TB' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 300);
  });

  test('an account without the TSP add-on has it off and cannot turn it on', async () => {
    const a = await account();
    assert.equal((await a.api.get('/v2/tsp')).body.enable, false);
    const r = await a.api.patch('/v2/tsp', { enable: true });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 2024);
    const users = await a.api.get(`/v2/users/${a.ownerId}/tsp`);
    assert.equal(users.body.code, 2024);
  });

  test('a master reads and sets a sub account\'s TSP through the master path', async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId, addons: { tsp: true } });
    const r = await s.api.patch(`/v2/accounts/${sub.body.account_id}/tsp`, { enable: false });
    assert.equal(r.status, 204, r.raw);
    assert.equal((await s.api.get(`/v2/accounts/${sub.body.account_id}/tsp`)).body.enable, false);
    assert.equal((await s.api.get('/v2/tsp')).body.enable, true, "the master's own stays on");
  });
});

describe("Users' TSP accounts (userTSPs, userTSPCreate, userTSP, userTSPUpdate, userTSPDelete, tspUrlUpdate)", () => {
  test('add up to two, read, update, delete; each change is an event valid against the catalogue', async () => {
    const u = await user(s.api);
    const mark = await markEvents(s);
    const created = await s.api.post(`/v2/users/${u.id}/tsp`, TSP);
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.id, '1');
    assert.equal(created.body.conference_code, '1234567');
    const second = await s.api.post(`/v2/users/${u.email}/tsp`, { conference_code: '999', leader_pin: '1' });
    assert.equal(second.body.id, '2');
    const third = await s.api.post(`/v2/users/${u.id}/tsp`, { conference_code: '5', leader_pin: '5' });
    assert.equal(third.status, 400);
    assert.equal(third.body.message, 'You can add a maximum of two TSP configs.');
    const list = await s.api.get(`/v2/users/${u.id}/tsp`);
    assert.deepEqual(list.body.tsp_accounts.map((t: { id: string }) => t.id), ['1', '2']);
    const upd = await s.api.patch(`/v2/users/${u.id}/tsp/1`, { conference_code: '7654321', leader_pin: '4321' });
    assert.equal(upd.status, 204, upd.raw);
    const one = await s.api.get(`/v2/users/${u.id}/tsp/1`);
    assert.equal(one.body.conference_code, '7654321');
    assert.equal(one.body.tsp_bridge, 'US_TSP_TB', 'fields not given are kept');
    assert.equal((await s.api.delete(`/v2/users/${u.id}/tsp/2`)).status, 204);
    assert.equal((await s.api.get(`/v2/users/${u.id}/tsp/2`)).body.message, 'TSP config does not exist.');
    assert.equal((await s.api.delete(`/v2/users/${u.id}/tsp/2`)).body.code, 300);
    // Created, created, updated (only the changed credential), deleted — each valid against Zoom's catalogue.
    const seen = (await eventsSince(s, mark, s.demo!.accountId)).filter((e) => e.event.startsWith('user.tsp_'));
    assert.deepEqual(seen.map((e) => e.event), ['user.tsp_created', 'user.tsp_created', 'user.tsp_updated', 'user.tsp_deleted']);
    for (const e of seen) assertValidEvent(e);
    const first = expectEvent(seen, 'user.tsp_created', (e) => e.payload.object.tsp_credentials.conference_code === '1234567');
    assert.equal(first.payload.object.email, u.email);
    assert.equal(first.payload.account_id, s.demo!.accountId);
    assert.deepEqual(first.payload.object.tsp_credentials.dial_in_numbers, [{ number: '6505550100', code: '1', type: 'toll' }]);
    const updated = expectEvent(seen, 'user.tsp_updated');
    assert.deepEqual(updated.payload.object.tsp_credentials, { conference_code: '7654321' });
    assert.deepEqual(updated.payload.old_object, { conference_code: '1234567' });
    expectEvent(seen, 'user.tsp_deleted');
  });

  test('bad input writes nothing; an unknown tspId or user answers Zoom\'s errors', async () => {
    const u = await user(s.api);
    const mark = await markEvents(s);
    const long = await s.api.post(`/v2/users/${u.id}/tsp`, { conference_code: 'x'.repeat(17), leader_pin: '1' });
    assert.equal(long.body.code, 300);
    const missing = await s.api.post(`/v2/users/${u.id}/tsp`, { leader_pin: '1' });
    assert.equal(missing.body.code, 300);
    assert.deepEqual((await s.api.get(`/v2/users/${u.id}/tsp`)).body.tsp_accounts, []);
    assert.equal((await s.api.delete(`/v2/users/${u.id}/tsp/1`)).body.code, 300);
    await expectNoEvents(s, mark, 'user.tsp_created');
    await expectNoEvents(s, mark, 'user.tsp_deleted');
    assert.equal((await s.api.get(`/v2/users/${u.id}/tsp/3`)).body.code, 300);
    const ghost = await s.api.get('/v2/users/nobody/tsp');
    assert.equal(ghost.status, 404);
    assert.equal(ghost.body.code, 1001);
  });

  test('the global dial-in URL is set for a TSP user', async () => {
    const u = await user(s.api);
    assert.equal((await s.api.patch(`/v2/users/${u.id}/tsp/settings`, { audio_url: 'https://audio.example.org/join' })).status, 204);
    const a = await account();
    assert.equal((await a.api.patch(`/v2/users/${a.ownerId}/tsp/settings`, { audio_url: 'https://x.example.org' })).body.code, 2024);
  });

  test("another account's user is not found; a Member manages only their own TSP accounts", async () => {
    const u = await user(s.api);
    const a = await account({ addons: { tsp: true } });
    const r = await a.api.get(`/v2/users/${u.id}/tsp`);
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1001);
    const member = await user(a.api);
    const token = (await s.client.post('/_openzoom/tokens', { account_id: a.id, user_id: member.id })).body.access_token;
    const m = s.client.withToken(token);
    assert.equal((await m.post('/v2/users/me/tsp', TSP)).status, 201);
    const other = await m.post(`/v2/users/${a.ownerId}/tsp`, TSP);
    assert.equal(other.status, 400);
    assert.equal(other.body.code, 200);
    assert.equal((await m.patch('/v2/tsp', { enable: false })).body.code, 200);
  });
});

describe("List a user's PAC accounts (userPACs)", () => {
  test('a licensed user of an account with PAC has one, stable across reads', async () => {
    const u = await user(s.api);
    const r = await s.api.get(`/v2/users/${u.id}/pac`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.pac_accounts.length, 1);
    const pac = r.body.pac_accounts[0];
    assert.match(String(pac.conference_id), /^\d{10}$/);
    assert.match(pac.participant_password, /^\d{6}$/);
    assert.match(pac.global_dial_in_numbers[0].number, /^\+\d+$/);
    assert.deepEqual((await s.api.get(`/v2/users/${u.email}/pac`)).body, r.body);
    const other = await user(s.api);
    assert.notEqual((await s.api.get(`/v2/users/${other.id}/pac`)).body.pac_accounts[0].conference_id, pac.conference_id);
  });

  test('a Basic user, an account without PAC, an unknown user', async () => {
    const basic = await user(s.api, 1);
    assert.equal((await s.api.get(`/v2/users/${basic.id}/pac`)).body.code, 2024);
    const a = await account();
    assert.equal((await a.api.get(`/v2/users/${a.ownerId}/pac`)).body.message, 'User does not have PAC enabled.');
    assert.equal((await s.api.get('/v2/users/ghost/pac')).body.code, 1001);
  });
});
