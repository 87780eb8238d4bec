// `openzoom phone call` against a running server: an outside number calls the
// demo account's owner; moving the clock ends the call, which is then in the
// owner's call logs. Bad use exits 2; a refused call exits 1 with Zoom's error.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cli, serve, type Served } from './helpers/cli.ts';

const KEY = 'phone-cli-admin-key';
let s: Served;
let token: string;
const run = (...args: string[]) => cli([...args, '--url', s.url], { env: { OPENZOOM_ADMIN_KEY: KEY } });
const api = async (path: string) => {
  const r = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, body: (await r.json()) as any };
};

before(async () => {
  s = await serve([], { OPENZOOM_ADMIN_KEY: KEY });
  const t = await run('token');
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
});
after(() => s.stop());

test('phone call: an outside number calls the owner, the clock ends it, the owner has its call log', async () => {
  const placed = await run('phone', 'call', '+19995550999', 'owner@example.com', '--outcome', 'answered', '--duration', '42', '--json');
  assert.equal(placed.code, 0, placed.stderr);
  const id = JSON.parse(placed.stdout).call_id;
  assert.match(id, /^\d{19}$/);
  assert.equal((await run('clock', 'advance', '60s')).code, 0);
  const logs = await api('/v2/phone/users/owner@example.com/call_logs');
  const log = logs.body.call_logs.find((l: { call_id: string }) => l.call_id === id);
  assert.equal(log.duration, 42);
  assert.equal(log.caller_number, '+19995550999');
});

test('phone call refuses bad use (exit 2) and passes on Zoom\'s refusal (exit 1)', async () => {
  assert.equal((await run('phone', 'call', '+19995550999')).code, 2);
  assert.equal((await run('phone', 'call', '+19995550999', 'owner@example.com', '--outcome', 'ringing')).code, 2);
  assert.equal((await run('phone', 'call', '+19995550999', 'owner@example.com', '--duration', '0')).code, 2);
  const refused = await run('phone', 'call', '+19995550999', 'nobody@example.com');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /1001/);
});
