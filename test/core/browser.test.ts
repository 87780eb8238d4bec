// What a web page open in the user's browser can make the server do, sent as
// the browser would send it: cross-site POSTs (text/plain, forms, no-cors
// fetches without a body) and DNS rebinding (the page's own host name,
// rebound to 127.0.0.1, arrives as the Host). The control plane and the
// consent page refuse them and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BrowserGuard } from '../../src/core/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
const REDIRECT = 'https://app.example.com/callback';
let oauthApp: { client_id: string; account_id: string };
let ownerEmail: string;

before(async () => {
  s = await startServer();
  const acct = (await s.client.post('/_openzoom/accounts', { plan: 'pro' })).body;
  ownerEmail = acct.owner_email;
  oauthApp = (await s.client.post('/_openzoom/apps', { account_id: acct.account_id, app_type: 'oauth', scopes: ['user:read'], redirect_uris: [REDIRECT] })).body;
});
after(() => s.close());

const raw = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: string) =>
  s.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });

/** The demo account still has its data: a reset would have removed this user. */
async function survives(email: string) {
  assert.equal((await s.api.get(`/v2/users/${email}`)).status, 200, 'the reset must not have happened');
}

describe('the control plane refuses what a web page can send', () => {
  before(async () => {
    await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'keep@example.com', type: 1 } });
  });

  test('a cross-site text/plain POST to /reset (no preflight needed) is refused before anything happens', async () => {
    const r = await raw('POST', '/_openzoom/reset', { host: '127.0.0.1:9090', origin: 'https://evil.example', 'content-type': 'text/plain' }, '{}');
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 200);
    assert.doesNotMatch(r.body, /client_secret/);
    await survives('keep@example.com');
  });

  test('without an Origin (older browsers, no-cors fetches) text/plain, form and bodiless POSTs answer 415', async () => {
    for (const [type, payload] of [
      ['text/plain', '{}'],
      ['application/x-www-form-urlencoded', 'a=1'],
      ['multipart/form-data; boundary=x', '--x--'],
      [undefined, undefined],
    ] as const) {
      const headers: Record<string, string> = { host: 'localhost:9090' };
      if (type) headers['content-type'] = type;
      const r = await raw('POST', '/_openzoom/reset', headers, payload);
      assert.equal(r.statusCode, 415, String(type));
      assert.deepEqual(Object.keys(r.json()).sort(), ['code', 'message']);
      assert.equal(r.json().code, 300);
      assert.doesNotMatch(r.body, /client_secret/);
    }
    await survives('keep@example.com');
    const clock = await raw('POST', '/_openzoom/clock', { host: '127.0.0.1', 'content-type': 'text/plain' }, '{"advance_seconds":86400}');
    assert.equal(clock.statusCode, 415);
  });

  test('DNS rebinding: a name that is not this server\'s is refused, reads included', async () => {
    const rebound = { host: 'evil.example:9090', origin: 'http://evil.example:9090', 'content-type': 'application/json' };
    const reset = await raw('POST', '/_openzoom/reset', rebound, '{}');
    assert.equal(reset.statusCode, 403);
    assert.match(reset.json().message, /Host not allowed: evil\.example:9090/);
    await survives('keep@example.com');
    for (const host of ['evil.example:9090', 'evil.example', '127.0.0.1.nip.io:9090', 'localhost.evil.example']) {
      assert.equal((await raw('GET', '/_openzoom/version', { host })).statusCode, 403, host);
      assert.equal((await raw('GET', '/_openzoom/version', { host })).statusCode, 403, host);
    }
  });

  test('a foreign or opaque Origin is refused even on a loopback Host; the server\'s own origin is not', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:9091', 'http://localhost:9090.evil.example', 'null', 'file://']) {
      const r = await raw('POST', '/_openzoom/clock', { host: '127.0.0.1:9090', origin, 'content-type': 'application/json' }, '{}');
      assert.equal(r.statusCode, 403, origin);
      assert.match(r.json().message, /Cross-origin request refused/);
    }
    const own = await raw('POST', '/_openzoom/clock', { host: '127.0.0.1:9090', origin: 'http://127.0.0.1:9090', 'content-type': 'application/json; charset=utf-8' }, '{}');
    assert.equal(own.statusCode, 200);
  });

  test('loopback names, IP addresses and *.localhost are this server; JSON writes from tools work', async () => {
    for (const host of ['127.0.0.1:9090', 'localhost', 'LOCALHOST:1', '[::1]:9090', 'app.localhost:9090', '10.0.0.7:9090', '[fe80::1]']) {
      assert.equal((await raw('GET', '/_openzoom/version', { host })).statusCode, 200, host);
    }
    assert.equal((await s.client.post('/_openzoom/clock', {})).status, 200);
  });

  test('--allowed-hosts and the base URL\'s host add names; * allows any', async () => {
    const named = await startServer({ allowedHosts: ['openzoom', 'zoom.internal'], baseUrl: 'https://zoom.example.org' });
    const any = await startServer({ allowedHosts: ['*'] });
    try {
      for (const host of ['openzoom:9090', 'zoom.internal', 'zoom.example.org']) {
        assert.equal((await named.app.inject({ method: 'GET', url: '/_openzoom/version', headers: { host } })).statusCode, 200, host);
      }
      assert.equal((await named.app.inject({ method: 'GET', url: '/_openzoom/version', headers: { host: 'evil.example' } })).statusCode, 403);
      // A page served under the base URL (TLS ended at a proxy) is the server's own origin.
      const viaProxy = await named.app.inject({ method: 'POST', url: '/_openzoom/clock', headers: { host: 'openzoom:9090', origin: 'https://zoom.example.org', 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(viaProxy.statusCode, 200);
      assert.equal((await any.app.inject({ method: 'GET', url: '/_openzoom/version', headers: { host: 'anything.example' } })).statusCode, 200);
      // Any Host, but still no foreign Origin.
      const cross = await any.app.inject({ method: 'POST', url: '/_openzoom/clock', headers: { host: 'a.example', origin: 'https://evil.example', 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(cross.statusCode, 403);
    } finally {
      await named.close();
      await any.close();
    }
  });

  test('with an admin key the Host and Origin rules still hold, and a key of another length is refused', async () => {
    const keyed = await startServer({ host: '0.0.0.0', adminKey: 'k3y-k3y-k3y' });
    try {
      const ask = (headers: Record<string, string>) => keyed.app.inject({ method: 'GET', url: '/_openzoom/version', headers: { host: '192.0.2.1:9090', ...headers } });
      assert.equal((await ask({ 'x-openzoom-admin-key': 'k3y-k3y-k3y' })).statusCode, 200);
      for (const key of ['k3y', 'k3y-k3y-k3y-', 'K3Y-K3Y-K3Y', '']) assert.equal((await ask({ 'x-openzoom-admin-key': key })).statusCode, 403, key);
      assert.equal((await ask({ 'x-openzoom-admin-key': 'k3y-k3y-k3y', host: 'evil.example' })).statusCode, 403);
      assert.equal((await ask({ 'x-openzoom-admin-key': 'k3y-k3y-k3y', origin: 'https://evil.example' })).statusCode, 403);
    } finally {
      await keyed.close();
    }
  });
});

describe('the consent page refuses cross-site approvals and foreign hosts', () => {
  const form = (extra: Record<string, string> = {}) =>
    new URLSearchParams({ response_type: 'code', client_id: oauthApp.client_id, redirect_uri: REDIRECT, state: 's', email: ownerEmail, approve: '1', ...extra }).toString();
  const post = (headers: Record<string, string>) =>
    raw('POST', '/oauth/authorize', { 'content-type': 'application/x-www-form-urlencoded', ...headers }, form());

  test('a page elsewhere auto-submitting approve=1 gets no code (CSRF)', async () => {
    const r = await post({ host: '127.0.0.1:9090', origin: 'https://evil.example' });
    assert.equal(r.statusCode, 403);
    assert.equal(r.headers.location, undefined);
    assert.match(r.body, /Cross-origin request refused/);
    const json = await raw('POST', '/oauth/authorize', { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', host: '127.0.0.1', origin: 'null' }, form());
    assert.equal(json.statusCode, 403);
    assert.equal(json.json().error, 'access_denied');
  });

  test('a rebound host name can neither read the page nor approve', async () => {
    const page = await raw('GET', `/oauth/authorize?response_type=code&client_id=${oauthApp.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}`, { host: 'evil.example:9090' });
    assert.equal(page.statusCode, 403);
    assert.doesNotMatch(page.body, /<form/);
    const approve = await post({ host: 'evil.example:9090', origin: 'http://evil.example:9090' });
    assert.equal(approve.statusCode, 403);
    assert.equal(approve.headers.location, undefined);
  });

  test('the form posted from the page itself (same origin) and scripts without an Origin still approve', async () => {
    const own = await post({ host: '127.0.0.1:9090', origin: 'http://127.0.0.1:9090' });
    assert.equal(own.statusCode, 302, own.body);
    assert.ok(new URL(String(own.headers.location)).searchParams.get('code'));
    assert.equal((await post({ host: 'localhost:9090' })).statusCode, 302);
  });

  test('the page may not be framed (clickjacking) and loads nothing from elsewhere', async () => {
    const page = await raw('GET', `/oauth/authorize?response_type=code&client_id=${oauthApp.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}`, { host: 'localhost:9090' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
  });
});

test('BrowserGuard: malformed Host headers are refused', () => {
  const g = new BrowserGuard([], 'http://127.0.0.1:9090');
  for (const host of [undefined, '', 'a b', 'evil.example@127.0.0.1', '127.0.0.1/x', 'localhost:99999']) assert.equal(g.hostAllowed(host), false, String(host));
  assert.equal(g.hostAllowed('localhost.:9090'), true);
  assert.equal(g.originAllowed('http://localhost:80', 'localhost'), true);
  assert.equal(g.originAllowed('https://localhost', 'localhost:443'), true);
  assert.equal(g.originAllowed('ftp://localhost', 'localhost'), false);
});
