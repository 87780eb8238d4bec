// Guessing secrets: failed client authentications on /oauth/token and
// /oauth/revoke are throttled per client id and per address (429 in Zoom's
// OAuth error shape, on the server's clock); the consent page can require the
// user's password, with wrong ones throttled the same way.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { Clock } from '../src/core/clock.ts';
import { FailureThrottle } from '../src/oauth/throttle.ts';
import { startServer, type TestServer } from './helpers/server.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('failed client authentications are throttled', () => {
  let s: TestServer;
  let a: { account_id: string; client_id: string; client_secret: string };
  let b: { account_id: string; client_id: string; client_secret: string };
  before(async () => {
    s = await startServer();
    a = (await s.client.post('/_openzoom/accounts', { plan: 'pro' })).body;
    b = (await s.client.post('/_openzoom/accounts', { plan: 'pro' })).body;
  });
  after(() => s.close());

  const token = (app: { account_id: string; client_id: string }, secret: string, remoteAddress = '127.0.0.1') =>
    s.app.inject({
      method: 'POST',
      url: `/oauth/token?grant_type=account_credentials&account_id=${app.account_id}`,
      headers: { authorization: basic(app.client_id, secret) },
      remoteAddress,
    });

  test('ten wrong secrets for a client id, then 429 for the minute even with the right one; other clients unaffected', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await token(a, `guess-${i}`);
      assert.equal(r.statusCode, 400); // Zoom answers bad client credentials with 400
      assert.deepEqual(r.json(), { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    }
    // From another address too: the secret is not even looked at.
    for (const address of ['127.0.0.1', '192.0.2.50']) {
      const r = await token(a, a.client_secret, address);
      assert.equal(r.statusCode, 429);
      assert.equal(r.json().error, 'invalid_client');
      assert.match(r.json().reason, /Too many failed client authentications/);
      const wait = Number(r.headers['retry-after']);
      assert.ok(wait >= 1 && wait <= 60, String(wait));
    }
    const revoke = await s.app.inject({ method: 'POST', url: '/oauth/revoke?token=x', headers: { authorization: basic(a.client_id, a.client_secret) } });
    assert.equal(revoke.statusCode, 429);
    // Someone else's failures for another client id do not block this one.
    assert.equal((await token(b, b.client_secret)).statusCode, 200);
    s.clock.advance(61_000);
    assert.equal((await token(a, a.client_secret)).statusCode, 200);
  });

  test('spraying client ids from one address blocks that address only', async () => {
    const sprayed = await Promise.all(Array.from({ length: 100 }, (_, i) => token({ account_id: a.account_id, client_id: `nobody-${i}` }, 'x', '198.51.100.7')));
    assert.ok(sprayed.every((r) => r.statusCode === 400));
    assert.equal((await token(b, b.client_secret, '198.51.100.7')).statusCode, 429);
    assert.equal((await token(b, b.client_secret, '198.51.100.8')).statusCode, 200);
    assert.equal((await token(b, b.client_secret)).statusCode, 200);
    s.clock.advance(61_000);
    assert.equal((await token(b, b.client_secret, '198.51.100.7')).statusCode, 200);
  });

  test('a reset through the control plane forgets the counts', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, i) => token({ account_id: a.account_id, client_id: `gone-${i}` }, 'x', '203.0.113.9')));
    assert.equal((await token(b, b.client_secret, '203.0.113.9')).statusCode, 429);
    const reset = await s.client.post('/_openzoom/reset', {});
    assert.equal(reset.status, 200);
    const demo = { account_id: reset.body.account_id, client_id: reset.body.client_id };
    assert.equal((await token(demo, reset.body.client_secret, '203.0.113.9')).statusCode, 200);
  });
});

test('the failure map is bounded: ended windows go first, then the oldest keys', () => {
  const clock = new Clock();
  clock.freeze();
  const t = new FailureThrottle(clock, { limit: 2, windowMs: 1000, maxKeys: 3 });
  for (const k of ['a', 'b', 'c']) t.fail(k);
  t.fail('a');
  assert.equal(t.retryAfter('a'), 1);
  t.fail('d');
  assert.equal(t.size, 3);
  assert.equal(t.retryAfter('a'), 0, 'the oldest key made room');
  clock.advance(1000);
  t.fail('e');
  assert.equal(t.size, 1, 'ended windows are swept');
});

describe('the consent page with --consent-password on', () => {
  let s: TestServer;
  const REDIRECT = 'https://app.example.com/callback';
  let clientId: string;
  let userId: string;
  const email = 'consent@example.com';
  before(async () => {
    s = await startServer({ consentPassword: true });
    userId = (await s.api.post('/v2/users', { action: 'custCreate', user_info: { email, type: 1 } })).body.id;
    clientId = (await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, app_type: 'oauth', scopes: ['user:read'], redirect_uris: [REDIRECT] })).body.client_id;
  });
  after(() => s.close());

  const approve = (fields: Record<string, string>) =>
    s.app.inject({
      method: 'POST',
      url: '/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, state: 's', email, approve: '1', ...fields }).toString(),
    });

  test('the page asks for the password', async () => {
    const r = await s.app.inject({ method: 'GET', url: `/oauth/authorize?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}` });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /<input type="password" id="password" name="password" required/);
  });

  test('a user without a password cannot approve, and the page says why', async () => {
    const r = await approve({ password: 'anything1' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.headers.location, undefined);
    assert.match(r.body, /has no password/);
  });

  test('a wrong or missing password shows the page again with no code; the right one approves', async () => {
    assert.equal((await s.api.put(`/v2/users/${userId}/password`, { password: 'Tr0ub4dor&3' })).status, 204);
    for (const fields of [{ password: 'Tr0ub4dor&4' }, {}] as Array<Record<string, string>>) {
      const r = await approve(fields);
      assert.equal(r.statusCode, 400);
      assert.equal(r.headers.location, undefined);
      assert.match(r.body, /Incorrect email or password/);
      assert.match(r.body, /name="password"/);
    }
    const ok = await approve({ password: 'Tr0ub4dor&3' });
    assert.equal(ok.statusCode, 302, ok.body);
    assert.ok(new URL(String(ok.headers.location)).searchParams.get('code'));
  });

  // With the two failures above, eight more make ten.
  test('guessing is throttled: after ten wrong passwords even the right one waits out the minute', async () => {
    for (let i = 0; i < 8; i++) assert.equal((await approve({ password: `guess-${i}-x1` })).statusCode, 400);
    const blocked = await approve({ password: 'Tr0ub4dor&3' });
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.headers.location, undefined);
    assert.match(blocked.body, /Too many failed sign-in attempts/);
    s.clock.advance(61_000);
    assert.equal((await approve({ password: 'Tr0ub4dor&3' })).statusCode, 302);
  });
});

test('--consent-password is on by default off loopback, off on loopback, and can be set either way', () => {
  assert.equal(loadConfig([], {}).consentPassword, false);
  assert.equal(loadConfig(['--host', '0.0.0.0'], {}).consentPassword, true);
  assert.equal(loadConfig(['--host', '0.0.0.0', '--consent-password', 'off'], {}).consentPassword, false);
  assert.equal(loadConfig([], { OPENZOOM_CONSENT_PASSWORD: 'on' }).consentPassword, true);
  assert.throws(() => loadConfig(['--consent-password', 'maybe'], {}), /on or off/);
});

test('timeouts and allowed hosts come from flags or the environment', () => {
  const c = loadConfig(['--request-timeout', '0.5', '--allowed-hosts', 'OpenZoom, zoom.internal'], { OPENZOOM_SHUTDOWN_GRACE: '2' });
  assert.equal(c.requestTimeout, 500);
  assert.equal(c.shutdownGrace, 2000);
  assert.deepEqual(c.allowedHosts, ['openzoom', 'zoom.internal']);
  assert.equal(loadConfig([], {}).requestTimeout, 30_000);
  assert.throws(() => loadConfig(['--request-timeout', '0'], {}), /seconds/);
  assert.throws(() => loadConfig(['--shutdown-grace', 'soon'], {}), /seconds/);
});
