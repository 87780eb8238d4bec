// Rate limits per account, plan and label; daily caps; the per-user meeting
// create/update cap; Zoom's 429 bodies and X-RateLimit-* headers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';
import type { TestClient } from '../helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer({ rateLimits: true });
  s.clock.freeze();
});
after(() => s.close());

async function account(plan: string): Promise<TestClient> {
  const a = await s.client.post('/_openzoom/accounts', { plan });
  return s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
}

test('Free plan, Medium label: 2 per second, then 429 with QPS headers; the next second is open again', async () => {
  const api = await account('free');
  const ok1 = await api.get('/v2/users');
  assert.equal(ok1.headers['x-ratelimit-category'], 'Medium');
  assert.equal(ok1.headers['x-ratelimit-type'], 'QPS');
  assert.equal(ok1.headers['x-ratelimit-limit'], '2');
  assert.equal(ok1.headers['x-ratelimit-remaining'], '1');
  assert.equal((await api.get('/v2/users')).status, 200);
  const limited = await api.get('/v2/users');
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.body, { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
  assert.equal(limited.headers['x-ratelimit-remaining'], '0');
  s.clock.advance(1000);
  assert.equal((await api.get('/v2/users')).status, 200);
});

test('limits are per account: one account at its limit does not limit another', async () => {
  const a = await account('free');
  const b = await account('free');
  s.clock.advance(1000);
  await a.get('/v2/users');
  await a.get('/v2/users');
  assert.equal((await a.get('/v2/users')).status, 429);
  assert.equal((await b.get('/v2/users')).status, 200);
});

test('Pro plan allows 20 Medium requests a second', async () => {
  const api = await account('pro');
  s.clock.advance(1000);
  for (let i = 0; i < 20; i++) assert.equal((await api.get('/v2/users')).status, 200, `request ${i + 1}`);
  assert.equal((await api.get('/v2/users')).status, 429);
});

test('Free plan daily cap (Medium 2,000/day): 429 with Retry-After at the next UTC midnight', async () => {
  // Tokens live an hour: move the clock first, then sign in.
  s.clock.set(Date.parse('2026-11-21T23:20:00Z'));
  const api = await account('free');
  for (let i = 0; i < 2000; i++) {
    if (i % 2 === 0) s.clock.advance(1000);
    const r = await api.get('/v2/users');
    assert.equal(r.status, 200, `request ${i + 1}: ${r.raw}`);
  }
  s.clock.advance(1000);
  const r = await api.get('/v2/users');
  assert.equal(r.status, 429);
  assert.equal(r.body.message, 'You have reached the maximum daily rate limit for this API. Retry at 2026-11-22T00:00:00Z.');
  assert.equal(r.headers['x-ratelimit-type'], 'Daily-limit');
  assert.equal(r.headers['retry-after'], '2026-11-22T00:00:00Z');
  s.clock.set(Date.parse('2026-11-22T00:00:01Z'));
  assert.equal((await api.get('/v2/users')).status, 200);
});

test('per user: 100 meeting create/update requests a day, then Zoom\'s user-daily 429', async () => {
  s.clock.set(Date.parse('2026-11-23T08:00:00Z'));
  const api = await account('business');
  const owner = (await api.get('/v2/users')).body.users[0].id;
  for (let i = 0; i < 100; i++) {
    if (i % 40 === 0) s.clock.advance(1000);
    const r = await api.post(`/v2/users/${owner}/meetings`, { topic: 't' });
    assert.notEqual(r.status, 429, `request ${i + 1}`);
  }
  s.clock.advance(1000);
  const r = await api.post(`/v2/users/${owner}/meetings`, { topic: 't' });
  assert.equal(r.status, 429);
  assert.match(r.body.message, /daily rate limit \(100\) of Meeting Create\/Update API requests/);
});

test("per user: updates count against the meeting host's 100 a day, as creates do; another host is not held back", async () => {
  s.clock.set(Date.parse('2026-11-24T08:00:00Z'));
  const api = await account('business');
  const owner = (await api.get('/v2/users')).body.users[0].id;
  const other = await api.post('/v2/users', { action: 'custCreate', user_info: { email: `cap-${Date.now()}@example.com`, type: 2 } });
  assert.equal(other.status, 201, other.raw);
  const m = await api.post(`/v2/users/${owner}/meetings`, { topic: 'capped' });
  for (let i = 1; i < 100; i++) {
    if (i % 40 === 0) s.clock.advance(1000);
    const r = await api.patch(`/v2/meetings/${m.body.id}`, { topic: `update ${i}` });
    assert.equal(r.status, 204, `update ${i}: ${r.raw}`);
  }
  s.clock.advance(1000);
  const r = await api.patch(`/v2/meetings/${m.body.id}`, { topic: 'one too many' });
  assert.equal(r.status, 429);
  assert.match(r.body.message, /daily rate limit \(100\) of Meeting Create\/Update API requests/);
  assert.equal((await api.post(`/v2/users/${other.body.id}/meetings`, { topic: 'other host' })).status, 201);
});

test('past the limit, every further request of the window answers the same 429, until the next window', async () => {
  const api = await account('free');
  s.clock.advance(1000);
  await api.get('/v2/users');
  await api.get('/v2/users');
  const first = await api.get('/v2/users');
  const later = await api.get('/v2/users');
  assert.equal(later.status, 429);
  assert.deepEqual(later.body, first.body);
  for (const h of ['x-ratelimit-category', 'x-ratelimit-type', 'x-ratelimit-limit', 'x-ratelimit-remaining']) assert.equal(later.headers[h], first.headers[h], h);
  s.clock.advance(1000);
  assert.equal((await api.get('/v2/users')).status, 200);
});

test('--rate-limits off sends no limit headers and never answers 429', async () => {
  const off = await startServer({ rateLimits: false });
  try {
    off.clock.freeze();
    for (let i = 0; i < 50; i++) assert.equal((await off.api.get('/v2/users')).status, 200);
    assert.equal((await off.api.get('/v2/users')).headers['x-ratelimit-limit'], undefined);
  } finally {
    await off.close();
  }
});
