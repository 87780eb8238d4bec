// Zoom Phone's own rate-limit table (docs/zoom-behaviour.md): per second,
// Light 20 (Pro) / 40 (Business), Medium 10 / 20, Heavy 5 / 10, counted
// apart from the account's other operations of the same label.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer({ rateLimits: true });
  s.clock.freeze();
});
after(() => s.close());

async function account(plan: string): Promise<TestClient> {
  const a = await s.client.post('/_openzoom/accounts', { plan, addons: { phone: true } });
  return s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
}

async function burst(api: TestClient, url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await api.get(url)).status);
  return out;
}

test('Pro, Medium phone list: 10 per second, then 429; other Medium operations keep their own 20', async () => {
  const api = await account('pro');
  s.clock.advance(1000);
  const first = await api.get('/v2/phone/numbers');
  assert.deepEqual([first.headers['x-ratelimit-category'], first.headers['x-ratelimit-limit']], ['Medium', '10']);
  const rest = await burst(api, '/v2/phone/numbers', 10);
  assert.deepEqual(rest, [...Array(9).fill(200), 429]);
  // The account's users list (Medium, not phone) is not spent by the phone burst.
  const users = await api.get('/v2/users');
  assert.deepEqual([users.status, users.headers['x-ratelimit-limit']], [200, '20']);
});

test('Business, Light phone read: 40 per second', async () => {
  const api = await account('business');
  s.clock.advance(1000);
  const statuses = await burst(api, '/v2/phone/calling_plans', 1);
  assert.equal(statuses[0], 200);
  const r = await api.get('/v2/phone/sites/none');
  assert.equal(r.headers['x-ratelimit-limit'], '40');
  assert.equal(r.headers['x-ratelimit-category'], 'Light');
});
