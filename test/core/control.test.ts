// The control plane: health, version, clock, reset, accounts and apps; the
// admin key when the server is not bound to loopback.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

test('health and version', async () => {
  const h = await s.client.get('/_openzoom/health');
  assert.equal(h.status, 200);
  assert.equal(h.body.status, 'ok');
  assert.equal(h.body.database, s.db.dialect);
  const v = await s.client.get('/_openzoom/version');
  // Zoom's 436 reference operations, and apart from them the extras its files define.
  assert.equal(v.body.operations, 436);
  assert.equal(v.body.extra.operations, s.contract.operations.length - 436);
  assert.equal(v.body.implemented, [...s.implemented].filter((id) => !s.contract.byId.get(id)!.extra).length);
  assert.equal(v.body.implemented + v.body.extra.implemented, s.implemented.size);
});

test('the clock can be set, advanced, frozen and reset; API timestamps follow it', async () => {
  const set = await s.client.post('/_openzoom/clock', { set: '2030-01-02T03:04:05Z', freeze: true });
  assert.equal(set.body.now, '2030-01-02T03:04:05Z');
  assert.equal(set.body.frozen, true);
  const adv = await s.client.post('/_openzoom/clock', { advance_seconds: 90 });
  assert.equal(adv.body.now, '2030-01-02T03:05:35Z');
  // A token issued now is valid on the moved clock, and created_at uses it.
  const api = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
  const c = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'future@example.com', type: 1 } });
  assert.equal((await api.get(`/v2/users/${c.body.id}`)).body.created_at, '2030-01-02T03:05:35Z');
  const bad = await s.client.post('/_openzoom/clock', { set: 'yesterday-ish' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 300);
  // A body with one bad part moves nothing: not the reset it also asks for.
  const halfBad = await s.client.post('/_openzoom/clock', { reset: true, set: 'yesterday-ish' });
  assert.equal(halfBad.status, 400);
  assert.equal((await s.client.get('/_openzoom/clock')).body.now, '2030-01-02T03:05:35Z');
  const reset = await s.client.post('/_openzoom/clock', { reset: true });
  assert.equal(reset.body.frozen, false);
  assert.ok(Math.abs(reset.body.now_ms - Date.now()) < 5000);
});

test('reset empties every account and seeds the demo account again; old tokens stop working', async () => {
  const extra = await s.client.post('/_openzoom/accounts', { plan: 'business', account_name: 'Temp' });
  assert.equal(extra.status, 201);
  await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'wiped@example.com', type: 1 } });
  const r = await s.client.post('/_openzoom/reset', {});
  assert.equal(r.body.reset, true);
  assert.equal((await s.api.get('/v2/users')).status, 401);
  const api = await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret);
  const users = await api.get('/v2/users');
  assert.deepEqual(users.body.users.map((u: { email: string }) => u.email), ['owner@example.com']);
  const gone = await s.app.inject({
    method: 'POST',
    url: `/oauth/token?grant_type=account_credentials&account_id=${extra.body.account_id}`,
    headers: { authorization: `Basic ${Buffer.from(`${extra.body.client_id}:${extra.body.client_secret}`).toString('base64')}` },
  });
  assert.equal(gone.statusCode, 400, 'invalid_client, with Zoom\'s status');
});

test('creating apps and accounts validates its input', async () => {
  assert.equal((await s.client.post('/_openzoom/accounts', { plan: 'platinum' })).status, 400);
  assert.equal((await s.client.post('/_openzoom/apps', { account_id: 'nope', scopes: [] })).status, 404);
  // The body is checked before any lookup: a wrong type is 400 naming the field.
  const bad = await s.client.post('/_openzoom/apps', { account_id: 'x', scopes: 'all' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors, [{ field: 'scopes', message: 'Invalid field.' }]);
});

test('bound to a non-loopback address, the control plane needs OPENZOOM_ADMIN_KEY (health excepted)', async () => {
  const open = await startServer({ host: '0.0.0.0' });
  const keyed = await startServer({ host: '0.0.0.0', adminKey: 'k3y' });
  try {
    const r = await open.client.get('/_openzoom/version');
    assert.equal(r.status, 403);
    assert.equal((await keyed.client.get('/_openzoom/version')).status, 403);
    assert.equal((await keyed.client.get('/_openzoom/version', { headers: { 'x-openzoom-admin-key': 'wrong' } })).status, 403);
    assert.equal((await keyed.client.get('/_openzoom/version', { headers: { 'x-openzoom-admin-key': 'k3y' } })).status, 200);
    assert.equal((await keyed.client.get('/_openzoom/version', { token: 'k3y' })).status, 200);
    // Health reveals nothing and answers probes on any address and Host, key or not.
    assert.equal((await open.client.get('/_openzoom/health')).status, 200);
    assert.equal((await keyed.client.get('/_openzoom/health', { headers: { host: 'openzoom:9090' } })).status, 200);
  } finally {
    await open.close();
    await keyed.close();
  }
});
