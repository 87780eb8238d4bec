// Accounts are isolated; scopes are checked per operation; tokens expire on the clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';
import type { TestClient } from '../helpers/client.ts';

let s: TestServer;
let other: TestClient;
let otherAccount: { account_id: string; owner_id: string };
before(async () => {
  s = await startServer();
  const a = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  otherAccount = a.body;
  other = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
});
after(() => s.close());

describe('isolation of the Users operations between two unrelated accounts', () => {
  test('nothing of account A can be read, changed or deleted with a token of account B', async () => {
    const a = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'isolated@example.com', type: 1 } });
    const id = a.body.id;
    const base = `/v2/accounts/${s.demo!.accountId}`;
    // Get a user, by id and by email, on the ordinary and the master path.
    for (const url of [`/v2/users/${id}`, '/v2/users/isolated@example.com', `${base}/users/${id}`]) {
      const r = await other.get(url);
      assert.equal(r.status, 404, url);
    }
    // List users shows only B's own.
    const list = await other.get('/v2/users?page_size=300');
    assert.deepEqual(list.body.users.map((u: { id: string }) => u.id), [otherAccount.owner_id]);
    assert.equal((await other.get(`${base}/users`)).status, 404);
    // Update and delete do nothing to A's user.
    assert.equal((await other.patch(`/v2/users/${id}`, { first_name: 'Mallory' })).status, 404);
    assert.equal((await other.patch(`${base}/users/${id}`, { first_name: 'Mallory' })).status, 404);
    assert.equal((await other.delete(`/v2/users/${id}`)).status, 404);
    assert.equal((await other.delete(`${base}/users/${id}`)).status, 404);
    // Create on A's master path is refused.
    assert.equal((await other.post(`${base}/users`, { action: 'custCreate', user_info: { email: 'sneaky@example.com', type: 1 } })).status, 404);
    const after = await s.api.get(`/v2/users/${id}`);
    assert.equal(after.body.first_name, '');
    assert.equal((await s.api.get('/v2/users/sneaky@example.com')).status, 404);
  });

  test('the same email may exist in two accounts: each account sees its own user', async () => {
    const a = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'shared@example.com', type: 1, first_name: 'A' } });
    const b = await other.post('/v2/users', { action: 'custCreate', user_info: { email: 'shared@example.com', type: 1, first_name: 'B' } });
    assert.equal(b.status, 201);
    assert.equal((await s.api.get('/v2/users/shared@example.com')).body.id, a.body.id);
    assert.equal((await other.get('/v2/users/shared@example.com')).body.id, b.body.id);
  });

  test('an unknown account and an unrelated existing account answer the same 404 on master paths', async () => {
    const unrelated = await other.get(`/v2/accounts/${s.demo!.accountId}/users`);
    const unknown = await other.get('/v2/accounts/noSuchAccount000000000/users');
    assert.equal(unrelated.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(unrelated.body.code, unknown.body.code);
  });

  test('a master account reaches its sub account through /accounts/{accountId}/…, and the sub cannot reach the master', async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
    const created = await s.api.post(`/v2/accounts/${sub.body.account_id}/users`, { action: 'custCreate', user_info: { email: 'in-sub@example.com', type: 1 } });
    assert.equal(created.status, 201);
    const subApi = await s.client.withCredentials(sub.body.account_id, sub.body.client_id, sub.body.client_secret);
    assert.equal((await subApi.get(`/v2/users/${created.body.id}`)).status, 200);
    assert.equal((await s.api.get(`/v2/users/${created.body.id}`)).status, 404, 'the master\'s own path stays on the master');
    assert.equal((await subApi.get(`/v2/accounts/${s.demo!.accountId}/users`)).status, 404);
  });
});

describe('scopes', () => {
  test('a token without the operation\'s scope answers 400/4711 listing the scopes it needs; with one, it passes', async () => {
    const app = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['meeting:read:meeting:admin'] });
    const api = await s.client.withCredentials(s.demo!.accountId, app.body.client_id, app.body.client_secret);
    const r = await api.get('/v2/users');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 4711);
    // An account-level app with granular scopes is told the :admin granular scope, as Zoom does.
    assert.equal(r.body.message, 'Invalid access token, does not contain scopes:[user:read:list_users:admin].');
    // An app holding classic scopes is told the classic ones it could hold (never :master on its own account).
    const old = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['meeting:read:admin'] });
    const o = await s.client.withCredentials(s.demo!.accountId, old.body.client_id, old.body.client_secret);
    assert.match((await o.get('/v2/users')).body.message, /^Invalid access token, does not contain scopes:\[user:read:admin(, [a-z_]+:[a-z_]+:admin)*\]\.$/);
    const granular = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['user:read:list_users:admin'] });
    const g = await s.client.withCredentials(s.demo!.accountId, granular.body.client_id, granular.body.client_secret);
    assert.equal((await g.get('/v2/users')).status, 200);
    const classic = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['user:read:admin'] });
    const c = await s.client.withCredentials(s.demo!.accountId, classic.body.client_id, classic.body.client_secret);
    assert.equal((await c.get('/v2/users')).status, 200);
    assert.equal((await c.post('/v2/users', { action: 'custCreate', user_info: { email: 'noscope@example.com', type: 1 } })).body.code, 4711);
    assert.equal((await s.api.get('/v2/users/noscope@example.com')).status, 404);
  });
});

describe('scope errors name what Zoom names for the app asking', () => {
  test('a user\'s token: its own and the :admin granular scopes (devforum.zoom.us/t/108207); never :master on its own account', async () => {
    const owner = (await s.api.get('/v2/users/owner@example.com')).body.id;
    const t = await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: owner, scopes: ['meeting:read:meeting'] });
    const r = await s.client.withToken(t.body.access_token).get('/v2/users/me');
    assert.deepEqual(r.body, { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin].' });
  });

  test('acting on a sub account names the :master scopes', async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
    const app = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['meeting:read:meeting:admin'] });
    const api = await s.client.withCredentials(s.demo!.accountId, app.body.client_id, app.body.client_secret);
    const r = await api.get(`/v2/accounts/${sub.body.account_id}/users`);
    assert.deepEqual(r.body, { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:list_users:master].' });
  });
});

describe('access tokens', () => {
  test('the token endpoint answers Zoom\'s shape, with query or form parameters', async () => {
    const { accountId, clientId, clientSecret } = s.demo!;
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const q = await s.app.inject({ method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${accountId}`, headers: { authorization: basic } });
    const body = JSON.parse(q.body);
    assert.equal(q.statusCode, 200);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(typeof body.scope, 'string');
    assert.equal(body.api_url, 'http://127.0.0.1:9090');
    assert.equal(body.access_token.split('.').length, 3);
    const form = await s.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=account_credentials&account_id=${accountId}`,
    });
    assert.equal(form.statusCode, 200);
  });

  test('token errors use OAuth\'s shape', async () => {
    const { accountId, clientId } = s.demo!;
    const bad = `Basic ${Buffer.from(`${clientId}:wrong`).toString('base64')}`;
    const r = await s.app.inject({ method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${accountId}`, headers: { authorization: bad } });
    assert.equal(r.statusCode, 400);
    assert.deepEqual(JSON.parse(r.body), { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    const wrongAccount = await s.app.inject({
      method: 'POST',
      url: `/oauth/token?grant_type=account_credentials&account_id=${otherAccount.account_id}`,
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${s.demo!.clientSecret}`).toString('base64')}` },
    });
    assert.deepEqual(JSON.parse(wrongAccount.body), { reason: 'Account does not exist', error: 'invalid_request' });
  });

  test('a token expires after an hour on the server clock: 401/124 "Access token is expired."', async () => {
    const api = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
    assert.equal((await api.get('/v2/users')).status, 200);
    s.clock.advance(3600 * 1000);
    try {
      const r = await api.get('/v2/users');
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, { code: 124, message: 'Access token is expired.' });
    } finally {
      s.clock.reset();
    }
  });
});

describe('token housekeeping', () => {
  test('issuing a token drops the app\'s tokens that expired over a day ago, and keeps the others', async () => {
    const count = async () => Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM access_tokens WHERE client_id = ?', [s.demo!.clientId]))!.n);
    await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
    const before = await count();
    assert.ok(before >= 1);
    s.clock.advance(26 * 3600 * 1000);
    try {
      await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
      assert.equal(await count(), 1);
    } finally {
      s.clock.reset();
    }
  });
});
