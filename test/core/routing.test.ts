// Every contract operation is routed — its own path, its master path and its
// 2021 path — and an operation without behaviour answers the clear 501.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
// Every operation is implemented; this server serves three as Zoom's missing features, to prove the 501 path.
const LEFT_OUT = ['reportTelephone', 'dashboardCRC', 'meetingCreate'];
before(async () => {
  s = await startServer({}, undefined, LEFT_OUT);
});
after(() => s.close());

function concrete(path: string, accountId: string): string {
  return `/v2${path.replace('{accountId}', accountId).replace(/\{[^}]+\}/g, 'x1')}`;
}

test('every operation is routed on all its paths: implemented ones never answer 2300, the others answer 501 naming the operation', async () => {
  let notImplemented = 0;
  for (const op of s.contract.operations) {
    const paths = [op.path, op.masterPath, op.legacyPath].filter((p): p is string => Boolean(p));
    for (const path of paths) {
      const url = concrete(path, s.demo!.accountId);
      const r = await s.api.request(op.method, url, op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} });
      assert.notEqual(r.body?.code, 2300, `${op.method} ${url} (${op.operationId}) is not routed`);
      if (!s.implemented.has(op.operationId)) {
        assert.equal(r.status, 501, `${op.operationId}: ${r.raw}`);
        assert.deepEqual(r.body, { code: 501, message: `Not implemented yet: ${op.operationId}` });
        notImplemented++;
      }
    }
  }
  assert.deepEqual(LEFT_OUT.filter((id) => s.implemented.has(id)), []);
  assert.ok(notImplemented >= LEFT_OUT.length);
});

test('an unknown path answers 404/2300 in Zoom shape, with a tracking id', async () => {
  const r = await s.api.get('/v2/no/such/endpoint');
  assert.equal(r.status, 404);
  assert.deepEqual(r.body, { code: 2300, message: 'This API endpoint is not recognized.' });
  assert.match(String(r.headers['x-zm-trackingid']), /^v=2\.0;clid=us06;rid=WEB_[0-9a-f]+$/);
  const wrongMethod = await s.api.request('PUT', '/v2/users');
  assert.equal(wrongMethod.body.code, 2300);
});

test('the master path reaches the same operation on the caller\'s own account', async () => {
  const own = await s.api.get(`/v2/accounts/${s.demo!.accountId}/users`);
  assert.equal(own.status, 200);
  const me = await s.api.get('/v2/accounts/me/users');
  assert.equal(me.status, 200);
  assert.deepEqual(own.body.users, me.body.users);
});

test('an unimplemented operation still authenticates first: no token answers 401/124', async () => {
  const op = s.contract.operations.find((o) => !s.implemented.has(o.operationId) && o.method === 'GET')!;
  const r = await s.client.get(concrete(op.path, 'me'));
  assert.equal(r.status, 401);
  assert.equal(r.body.code, 124);
});
