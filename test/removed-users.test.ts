// A user removed from its account (deleted, disassociated, switched to another
// account) or deactivated takes its access tokens with it: the next request
// with one answers Zoom's 401/124 "Invalid access token." (devforum.zoom.us
// threads on code 124), even when the server had the token cached. The two-instance
// version of these is in multi-instance.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { Reply, TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
async function newUser(api: TestClient = s.api, path = '/v2/users'): Promise<string> {
  const r = await api.post(path, { action: 'custCreate', user_info: { email: `removed-${++n}@example.com`, type: 1, first_name: 'Ada' } });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}

/** A Member (in the demo account, with a custom role that edits users and reads roles) and a user-level token of its own. */
async function editor(accountId = s.demo!.accountId, api: TestClient = s.api, usersPath = '/v2/users'): Promise<{ id: string; client: TestClient }> {
  const id = await newUser(api, usersPath);
  if (accountId === s.demo!.accountId) {
    const role = (await s.api.post('/v2/roles', { name: `Editors ${n}`, privileges: ['User:Read', 'User:Edit', 'Role:Read'] })).body.id;
    assert.equal((await s.api.post(`/v2/roles/${role}/members`, { members: [{ id }] })).status, 201);
  }
  const t = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: id, scopes: ['user:write:admin', 'user:read:admin', 'role:read:admin'] });
  assert.equal(t.status, 201, t.raw);
  return { id, client: s.client.withToken(t.body.access_token) };
}

function assertInvalidToken(r: Reply, what: string): void {
  assert.equal(r.status, 401, `${what}: ${r.raw}`);
  assert.deepEqual(r.body, { code: 124, message: 'Invalid access token.' });
}

test("a deactivated user's token stops editing other users at once, and stays dead after reactivation", async () => {
  const e = await editor();
  const other = await newUser();
  assert.equal((await e.client.patch(`/v2/users/${other}`, { first_name: 'Before' })).status, 204);
  assert.equal((await s.api.put(`/v2/users/${e.id}/status`, { action: 'deactivate' })).status, 200);
  assertInvalidToken(await e.client.patch(`/v2/users/${other}`, { first_name: 'After' }), 'deactivated');
  assert.equal((await s.api.get(`/v2/users/${other}`)).body.first_name, 'Before');
  // Reactivating does not revive a token: the user signs in again.
  assert.equal((await s.api.put(`/v2/users/${e.id}/status`, { action: 'activate' })).status, 200);
  assertInvalidToken(await e.client.get('/v2/roles'), 'reactivated');
});

test("a deleted user's token stops reading roles at once", async () => {
  const e = await editor();
  assert.equal((await e.client.get('/v2/roles')).status, 200);
  assert.equal((await s.api.delete(`/v2/users/${e.id}?action=delete`)).status, 204);
  assertInvalidToken(await e.client.get('/v2/roles'), 'deleted');
});

test("a disassociated user's token is refused too", async () => {
  const e = await editor();
  assert.equal((await e.client.get('/v2/roles')).status, 200);
  assert.equal((await s.api.delete(`/v2/users/${e.id}?action=disassociate`)).status, 204);
  assertInvalidToken(await e.client.get('/v2/roles'), 'disassociated');
});

test("a user switched to another account loses the tokens of the account it left", async () => {
  const from = (await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId })).body;
  const to = (await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId })).body;
  const e = await editor(from.account_id, s.api, `/v2/accounts/${from.account_id}/users`);
  assert.equal((await e.client.get('/v2/users/me')).status, 200);
  assert.equal((await s.api.put(`/v2/accounts/${from.account_id}/users/${e.id}/account`, { account_id: to.account_id })).status, 204);
  assertInvalidToken(await e.client.get('/v2/users/me'), 'switched');
});

test("other users' tokens, and the account's own token, keep working", async () => {
  const kept = await editor();
  const gone = await editor();
  assert.equal((await kept.client.get('/v2/roles')).status, 200);
  assert.equal((await s.api.delete(`/v2/users/${gone.id}?action=delete`)).status, 204);
  assert.equal((await kept.client.get('/v2/roles')).status, 200);
  assert.equal((await s.api.get('/v2/roles')).status, 200);
});
