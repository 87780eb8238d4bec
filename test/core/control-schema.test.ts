// The control plane says what it did: bodies and queries checked against a
// schema (400 naming the field, nothing written), read endpoints for what it
// creates, a reset that keeps the demo credentials, the contract as OpenAPI.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

test('unknown fields, wrong types and missing fields are 400/300 naming each; nothing is written', async () => {
  const before = (await s.client.get('/_openzoom/accounts')).body.total_records;
  const cases: Array<[string, unknown, Array<{ field: string; message: string }>]> = [
    ['/_openzoom/accounts', { plan: 'business', colour: 'red' }, [{ field: 'colour', message: 'Unknown field.' }]],
    ['/_openzoom/accounts', { plan: 'platinum' }, [{ field: 'plan', message: 'Invalid field.' }]],
    ['/_openzoom/accounts', { seats: '5' }, [{ field: 'seats', message: 'Invalid field.' }]],
    ['/_openzoom/accounts', { owner_email: 'not an email' }, [{ field: 'owner_email', message: 'Invalid field.' }]],
    ['/_openzoom/apps', { scopes: ['user:read:admin'] }, [{ field: 'account_id', message: 'Missing field.' }]],
    ['/_openzoom/apps', { account_id: s.demo!.accountId, scopes: [1] }, [{ field: 'scopes.0', message: 'Invalid field.' }]],
    ['/_openzoom/apps', { account_id: s.demo!.accountId, scopes: [], redirect_uris: ['ftp://x'] }, [{ field: 'redirect_uris.0', message: 'Invalid field.' }]],
    ['/_openzoom/clock', { advance: 3600 }, [{ field: 'advance', message: 'Unknown field.' }]],
    ['/_openzoom/clock', { freeze: 'yes' }, [{ field: 'freeze', message: 'Invalid field.' }]],
    ['/_openzoom/clock', { advance_seconds: -1 }, [{ field: 'advance_seconds', message: 'Invalid field.' }]],
    ['/_openzoom/reset', { everything: true }, [{ field: 'everything', message: 'Unknown field.' }]],
    ['/_openzoom/tokens', { account_id: s.demo!.accountId, user: 'x' }, [{ field: 'user', message: 'Unknown field.' }]],
    ['/_openzoom/users/x/collaboration_devices', { account_id: s.demo!.accountId }, [{ field: 'device_name', message: 'Missing field.' }]],
  ];
  for (const [url, body, errors] of cases) {
    const r = await s.client.post(url, body);
    assert.equal(r.status, 400, `${url} ${JSON.stringify(body)}`);
    assert.equal(r.body.code, 300);
    assert.deepEqual(r.body.errors, errors, `${url} ${JSON.stringify(body)}`);
  }
  // A body that is not an object, and a missing content type, are refused too.
  assert.equal((await s.client.post('/_openzoom/clock', undefined, { rawBody: '[1]' })).body.code, 300);
  const untyped = await s.app.inject({ method: 'POST', url: '/_openzoom/accounts', payload: '{}' });
  assert.equal(untyped.statusCode, 415);
  assert.equal((await s.client.get('/_openzoom/accounts')).body.total_records, before);
  // Query strings too.
  const q = await s.client.get('/_openzoom/apps?acount_id=x');
  assert.deepEqual(q.body.errors, [{ field: 'acount_id', message: 'Unknown field.' }]);
  assert.deepEqual((await s.client.get('/_openzoom/requests?status=abc')).body.errors, [{ field: 'status', message: 'Invalid field.' }]);
});

test('accounts and apps can be read back, with the apps of each account', async () => {
  const made = await s.client.post('/_openzoom/accounts', { plan: 'business', account_name: 'Readback', owner_email: 'boss@readback.example' });
  assert.equal(made.status, 201);
  const extra = await s.client.post('/_openzoom/apps', { account_id: made.body.account_id, scopes: ['user:read:admin'], app_type: 'oauth', redirect_uris: ['https://app.example/cb'] });
  assert.equal(extra.status, 201);

  const list = await s.client.get('/_openzoom/accounts');
  assert.equal(list.status, 200);
  const entry = list.body.accounts.find((a: { id: string }) => a.id === made.body.account_id);
  assert.equal(entry.plan, 'business');
  assert.equal(entry.owner_email, 'boss@readback.example');
  assert.deepEqual(entry.apps.map((a: { client_id: string }) => a.client_id).sort(), [made.body.client_id, extra.body.client_id].sort());
  assert.equal(list.body.accounts.find((a: { demo: boolean }) => a.demo).id, s.demo!.accountId);
  assert.ok(!JSON.stringify(list.body).includes(made.body.client_secret), 'no client secret in the list');

  const one = await s.client.get(`/_openzoom/accounts/${made.body.account_id}`);
  assert.equal(one.body.account_name, 'Readback');
  const oauthApp = one.body.apps.find((a: { client_id: string }) => a.client_id === extra.body.client_id);
  assert.deepEqual(oauthApp.scopes, ['user:read:admin']);
  assert.deepEqual(oauthApp.redirect_uris, ['https://app.example/cb']);
  assert.equal((await s.client.get('/_openzoom/accounts/nope')).status, 404);

  const apps = await s.client.get(`/_openzoom/apps?account_id=${made.body.account_id}`);
  assert.equal(apps.body.total_records, 2);
  assert.ok((await s.client.get('/_openzoom/apps')).body.total_records >= 3);

  const demo = await s.client.get('/_openzoom/demo');
  assert.deepEqual(demo.body, { account_id: s.demo!.accountId, client_id: s.demo!.clientId, client_secret: s.demo!.clientSecret });
});

test('tokens: a user by email, or the account itself; scopes default to all', async () => {
  const byEmail = await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, email: 'OWNER@example.com' });
  assert.equal(byEmail.status, 201);
  const me = await s.client.withToken(byEmail.body.access_token).get('/v2/users/me');
  assert.equal(me.body.email, 'owner@example.com');
  const account = await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, scopes: ['user:read:admin'] });
  const api = s.client.withToken(account.body.access_token);
  assert.equal((await api.get('/v2/users')).status, 200);
  assert.equal((await api.get('/v2/users/me')).status, 404); // an account-level token has no user
  assert.equal((await api.get('/v2/groups')).body.code, 4711);
  assert.equal((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, email: 'nobody@example.com' })).status, 404);
  const both = await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, email: 'owner@example.com', user_id: 'x' });
  assert.equal(both.status, 400);
});

test('reset keeps the demo credentials the banner showed: scripts holding them go on working', async () => {
  const r = await s.client.post('/_openzoom/reset', {});
  assert.deepEqual(
    { account_id: r.body.account_id, client_id: r.body.client_id, client_secret: r.body.client_secret },
    { account_id: s.demo!.accountId, client_id: s.demo!.clientId, client_secret: s.demo!.clientSecret },
  );
  const api = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
  assert.equal((await api.get('/v2/users')).body.total_records, 1);
  assert.equal((await s.client.get('/_openzoom/accounts')).body.total_records, 1);
  // An empty body with the JSON type is an empty object.
  const empty = await s.app.inject({ method: 'POST', url: '/_openzoom/reset', headers: { 'content-type': 'application/json' } });
  assert.equal(empty.statusCode, 200);
});

test('GET /_openzoom/openapi.json: every operation, with x-implemented', async () => {
  const r = await s.client.get('/_openzoom/openapi.json');
  assert.equal(r.status, 200);
  const doc = r.body;
  assert.equal(doc.openapi, '3.0.3');
  assert.equal(doc.servers[0].url, 'http://127.0.0.1:9090/v2');
  const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string; 'x-implemented': boolean }>>).flatMap((p) => Object.values(p));
  assert.equal(ops.length, s.contract.operations.length);
  assert.equal(new Set(ops.map((o) => o.operationId)).size, ops.length);
  assert.equal(ops.filter((o) => o['x-implemented']).length, s.implemented.size);
  const getUser = doc.paths['/users/{userId}'].get;
  assert.equal(getUser['x-implemented'], true);
  assert.equal(getUser.parameters[0].name, 'userId');
  assert.ok(getUser.responses['200'].content['application/json'].schema);
  assert.match(getUser.responses['404'].description, /1001/);
  const create = doc.paths['/users'].post;
  assert.ok(create.requestBody.content['application/json'].schema.properties.user_info);
  assert.ok(doc.components.securitySchemes.zoom_oauth.flows.authorizationCode.scopes['user:read:admin'] !== undefined);
  assert.equal(doc.paths['/users/{userId}/meetings'].post['x-implemented'], true);
  assert.equal(doc.paths['/phone/users/{userId}'].get['x-implemented'], true);
});
