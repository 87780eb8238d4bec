// User-level OAuth: authorization code with PKCE, refresh token rotation,
// revoke, chatbot client_credentials, and the account_credentials grant's errors.
// Reply and error shapes follow Zoom's OAuth guide and OAuth error messages page
// (developers.zoom.us/docs/integrations/oauth-error-messages/).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let accountId: string;
let ownerId: string;
let ownerEmail: string;
let app: { client_id: string; client_secret: string };
const REDIRECT = 'https://app.example.com/callback';

before(async () => {
  s = await startServer();
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro', account_name: 'Acme Corp' });
  assert.equal(acct.status, 201);
  ({ account_id: accountId, owner_id: ownerId, owner_email: ownerEmail } = acct.body);
  const created = await s.client.post('/_openzoom/apps', {
    account_id: accountId,
    app_type: 'oauth',
    name: 'Calendar Sync',
    scopes: ['user:read', 'user:read:admin'],
    redirect_uris: [REDIRECT, 'https://app.example.com/other'],
  });
  assert.equal(created.status, 201, created.raw);
  assert.deepEqual(created.body.redirect_uris, [REDIRECT, 'https://app.example.com/other']);
  app = created.body;
});
after(() => s.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

interface Raw {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  json: any;
}

async function call(method: 'GET' | 'POST', url: string, opts: { form?: Record<string, string>; auth?: string; accept?: string } = {}): Promise<Raw> {
  const headers: Record<string, string> = {};
  if (opts.auth) headers.authorization = opts.auth;
  if (opts.accept) headers.accept = opts.accept;
  if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const r = await s.app.inject({ method, url, headers, ...(opts.form ? { payload: new URLSearchParams(opts.form).toString() } : {}) });
  assert.notEqual(r.statusCode, 500, r.body);
  let json: unknown;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = undefined;
  }
  return { status: r.statusCode, headers: r.headers, body: r.body, json };
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** Approves through the form POST and answers the code from the 302's Location. */
async function approve(extra: Record<string, string> = {}, client = app.client_id): Promise<string> {
  const r = await call('POST', '/oauth/authorize', {
    form: { response_type: 'code', client_id: client, redirect_uri: REDIRECT, state: 'xyz', email: ownerEmail, approve: '1', ...extra },
  });
  assert.equal(r.status, 302, r.body);
  const loc = new URL(String(r.headers.location));
  assert.equal(`${loc.origin}${loc.pathname}`, REDIRECT);
  return loc.searchParams.get('code')!;
}

const exchange = (code: string, extra: Record<string, string> = {}, auth = basic(app.client_id, app.client_secret)) =>
  call('POST', '/oauth/token', { auth, form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...extra } });

/** A server-to-server app of the account, to read users back. */
async function s2sApp(): Promise<[string, string]> {
  const r = await s.client.post('/_openzoom/apps', { account_id: accountId, scopes: ['user:read:admin'] });
  return [r.body.client_id, r.body.client_secret];
}

const refresh = (token: string) => call('POST', '/oauth/token', { auth: basic(app.client_id, app.client_secret), form: { grant_type: 'refresh_token', refresh_token: token } });

describe('GET /oauth/authorize (consent page)', () => {
  test('renders an HTML form naming the app, carrying the request, with no external assets', async () => {
    const { challenge } = pkce();
    const r = await call('GET', `/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s%3C1&code_challenge=${challenge}&code_challenge_method=S256`);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.match(r.body, /Calendar Sync/);
    assert.match(r.body, /Acme Corp/);
    assert.match(r.body, /<form method="post" action="\/oauth\/authorize">/);
    assert.match(r.body, /name="email"/);
    assert.match(r.body, new RegExp(`name="code_challenge" value="${challenge}"`));
    assert.match(r.body, /name="state" value="s&lt;1"/, 'state is carried, HTML-escaped');
    assert.doesNotMatch(r.body, /<script|<link|src=|https?:\/\/(?!app\.example)/);
  });

  test('unknown client_id: Zoom error page, or JSON {reason, error} when asked; never redirects', async () => {
    const html = await call('GET', `/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    assert.equal(html.status, 400);
    assert.match(html.body, /Invalid client_id: nope \(4,702\)/);
    assert.equal(html.headers.location, undefined);
    const json = await call('GET', `/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}`, { accept: 'application/json' });
    assert.deepEqual(json.json, { reason: 'Invalid client_id: nope', error: 'invalid_client' });
  });

  test('redirect_uri not registered (or missing): 4709 Redirect URI mismatch, no redirect', async () => {
    for (const q of [`&redirect_uri=${encodeURIComponent('https://evil.example.com/cb')}`, `&redirect_uri=${encodeURIComponent(REDIRECT + '/')}`, '']) {
      const r = await call('GET', `/oauth/authorize?response_type=code&client_id=${app.client_id}${q}`, { accept: 'application/json' });
      assert.equal(r.status, 400, q);
      assert.deepEqual(r.json, { reason: 'Redirect URI mismatch.', error: 'invalid_request' });
      assert.equal(r.headers.location, undefined);
    }
  });

  test('a server-to-server app cannot use the authorize page', async () => {
    const s2s = await s.client.post('/_openzoom/apps', { account_id: accountId, scopes: ['user:read:admin'], redirect_uris: [REDIRECT] });
    const r = await call('GET', `/oauth/authorize?response_type=code&client_id=${s2s.body.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}`, { accept: 'application/json' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_client');
  });

  test('bad response_type or PKCE method goes back to the app as an error with the state', async () => {
    const r = await call('GET', `/oauth/authorize?response_type=token&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=abc`);
    assert.equal(r.status, 302);
    const loc = new URL(String(r.headers.location));
    assert.equal(loc.searchParams.get('error'), 'unsupported_response_type');
    assert.equal(loc.searchParams.get('state'), 'abc');
    const m = await call('GET', `/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&code_challenge=${pkce().challenge}&code_challenge_method=S512`);
    assert.equal(new URL(String(m.headers.location)).searchParams.get('error'), 'invalid_request');
  });
});

describe('POST /oauth/authorize (approve)', () => {
  test('approve answers 302 to redirect_uri with a code and the state', async () => {
    const r = await call('POST', '/oauth/authorize', {
      form: { response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, state: 'st-1', email: ownerEmail.toUpperCase(), approve: '1' },
    });
    assert.equal(r.status, 302);
    const loc = new URL(String(r.headers.location));
    assert.equal(loc.searchParams.get('state'), 'st-1');
    assert.match(loc.searchParams.get('code')!, /^[A-Za-z0-9_-]{43}$/);
  });

  test('decline answers access_denied; an unknown email re-renders the page and issues nothing', async () => {
    const d = await call('POST', '/oauth/authorize', { form: { response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, state: 'q', approve: '0' } });
    assert.equal(d.status, 302);
    const loc = new URL(String(d.headers.location));
    assert.equal(loc.searchParams.get('error'), 'access_denied');
    assert.equal(loc.searchParams.get('code'), null);
    const u = await call('POST', '/oauth/authorize', { form: { response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, email: 'ghost@example.com', approve: '1' } });
    assert.equal(u.status, 400);
    assert.match(u.body, /User does not exist: ghost@example.com\./);
    assert.equal(u.headers.location, undefined);
  });

  test('a user of another account cannot approve for this app', async () => {
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const r = await call('POST', '/oauth/authorize', { form: { response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, email: other.body.owner_email, approve: '1' } });
    assert.equal(r.status, 400);
    assert.equal(r.headers.location, undefined);
  });

  test('codes are stored hashed, with the account id', async () => {
    const code = await approve();
    const row = await s.db.get<{ token_hash: string; account_id: string }>('SELECT token_hash, account_id FROM oauth_grants WHERE token_hash = ?', [createHash('sha256').update(code).digest('hex')]);
    assert.equal(row?.account_id, accountId);
    const plain = await s.db.get('SELECT token_hash FROM oauth_grants WHERE token_hash = ?', [code]);
    assert.equal(plain, undefined);
  });
});

describe('POST /oauth/token grant_type=authorization_code', () => {
  test('full flow with PKCE S256: wrong verifier fails, right one answers tokens, /users/me is the user, code is single-use', async () => {
    const { verifier, challenge } = pkce();
    const code = await approve({ code_challenge: challenge, code_challenge_method: 'S256' });

    const missing = await exchange(code);
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error, 'invalid_request');
    const wrong = await exchange(code, { code_verifier: pkce().verifier });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json, { reason: 'Invalid code verifier', error: 'invalid_request' });
    const badRedirect = await exchange(code, { code_verifier: verifier, redirect_uri: 'https://app.example.com/other' });
    assert.deepEqual(badRedirect.json, { reason: 'Redirect URI mismatch.', error: 'invalid_request' });

    const ok = await exchange(code, { code_verifier: verifier });
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual(Object.keys(ok.json).sort(), ['access_token', 'api_url', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    assert.equal(ok.json.token_type, 'bearer');
    assert.ok(ok.json.expires_in === 3600 || ok.json.expires_in === 3599);
    assert.equal(ok.json.scope, 'user:read user:read:admin');
    assert.equal(ok.json.api_url, 'http://127.0.0.1:9090');
    assert.equal(ok.headers['cache-control'], 'no-store');

    const me = await s.client.withToken(ok.json.access_token).get('/v2/users/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.id, ownerId);
    assert.equal(me.body.email, ownerEmail);

    const reused = await exchange(code, { code_verifier: verifier });
    assert.equal(reused.status, 400);
    assert.deepEqual(reused.json, { reason: 'Invalid authorization code', error: 'invalid_grant' });
  });

  test('plain PKCE and no PKCE both work', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const plain = await exchange(await approve({ code_challenge: verifier, code_challenge_method: 'plain' }), { code_verifier: verifier });
    assert.equal(plain.status, 200, plain.body);
    const none = await exchange(await approve());
    assert.equal(none.status, 200, none.body);
  });

  test('wrong redirect_uri fails; unknown code fails; another app cannot redeem the code', async () => {
    const code = await approve();
    const r = await exchange(code, { redirect_uri: 'https://evil.example.com/cb' });
    assert.equal(r.status, 400);
    assert.equal(r.json.reason, 'Redirect URI mismatch.');
    const unknown = await exchange('not-a-code');
    assert.deepEqual(unknown.json, { reason: 'Invalid authorization code', error: 'invalid_grant' });
    const other = await s.client.post('/_openzoom/apps', { account_id: accountId, app_type: 'oauth', scopes: ['user:read'], redirect_uris: [REDIRECT] });
    const stolen = await exchange(code, {}, basic(other.body.client_id, other.body.client_secret));
    assert.equal(stolen.status, 400);
    assert.equal(stolen.json.error, 'invalid_grant');
    assert.equal((await exchange(code)).status, 200, 'still redeemable by its own app');
  });

  test('bad client secret: 400 invalid_client (Zoom answers 400 on the token endpoint)', async () => {
    const r = await exchange(await approve(), {}, basic(app.client_id, 'wrong'));
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });

  test('a code expires after 10 minutes on the server clock', async () => {
    const code = await approve();
    const clock = await s.client.post('/_openzoom/clock', { advance_seconds: 601 });
    assert.equal(clock.status, 200);
    const r = await exchange(code);
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { reason: 'Invalid authorization code', error: 'invalid_grant' });
  });
});

describe('Sign-ins through OAuth', () => {
  test("exchanging a code signs the user in: last_login_time and last_client_version (Zoom's \"<version>(<platform>)\"); a refresh does not", async () => {
    const api = await s.client.withCredentials(accountId, ...(await s2sApp()));
    const code = await approve();
    await s.client.post('/_openzoom/clock', { advance_seconds: 60 });
    const at = s.clock.iso();
    const tokens = (await exchange(code)).json;
    const user = (await api.get(`/v2/users/${ownerId}`)).body;
    assert.ok(user.last_login_time >= at && user.last_login_time <= s.clock.iso(), `${user.last_login_time} at ${at}`);
    assert.match(user.last_client_version, /^\d+\.\d+\.\d+\(web\)$/);
    const listed = (await api.get('/v2/users?page_size=300')).body.users.find((u: { id: string }) => u.id === ownerId);
    assert.deepEqual([listed.last_login_time, listed.last_client_version], [user.last_login_time, user.last_client_version]);

    await s.client.post('/_openzoom/clock', { advance_seconds: 120 });
    assert.equal((await refresh(tokens.refresh_token)).status, 200);
    assert.equal((await api.get(`/v2/users/${ownerId}`)).body.last_login_time, user.last_login_time, 'refreshing is not signing in');
  });
});

describe('POST /oauth/token grant_type=refresh_token', () => {
  test('rotates: new access and refresh tokens; the old refresh token then fails', async () => {
    const first = (await exchange(await approve())).json;
    const r = await refresh(first.refresh_token);
    assert.equal(r.status, 200, r.body);
    assert.notEqual(r.json.refresh_token, first.refresh_token);
    assert.notEqual(r.json.access_token, first.access_token);
    assert.equal(r.json.token_type, 'bearer');
    const me = await s.client.withToken(r.json.access_token).get('/v2/users/me');
    assert.equal(me.body.id, ownerId);

    const old = await refresh(first.refresh_token);
    assert.equal(old.status, 400);
    assert.deepEqual(old.json, { reason: 'Invalid Token!', error: 'invalid_grant' });
    assert.equal((await refresh(r.json.refresh_token)).status, 200, 'the newest one works');
  });

  test('refresh tokens outlive access tokens (90 days) and then expire', async () => {
    const first = (await exchange(await approve())).json;
    await s.client.post('/_openzoom/clock', { advance_seconds: 3601 });
    const expired = await s.client.withToken(first.access_token).get('/v2/users/me');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 124);
    const r = await refresh(first.refresh_token);
    assert.equal(r.status, 200, r.body);
    await s.client.post('/_openzoom/clock', { advance_seconds: 90 * 24 * 3600 + 1 });
    assert.equal((await refresh(r.json.refresh_token)).status, 400);
  });

  test('missing refresh_token: invalid_request; a chatbot secret cannot refresh this app\'s token', async () => {
    const r = await call('POST', '/oauth/token', { auth: basic(app.client_id, app.client_secret), form: { grant_type: 'refresh_token' } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_request');
    const tokens = (await exchange(await approve())).json;
    const bot = await s.client.post('/_openzoom/apps', { account_id: accountId, app_type: 'chatbot', scopes: ['user:read'] });
    const stolen = await call('POST', '/oauth/token', { auth: basic(bot.body.client_id, bot.body.client_secret), form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token } });
    assert.deepEqual(stolen.json, { reason: 'Invalid Token!', error: 'invalid_grant' });
    assert.equal((await refresh(tokens.refresh_token)).status, 200, 'the failed attempt did not spend it');
  });
});

describe('POST /oauth/revoke', () => {
  test('revoking an access token makes it answer 401/124 at once', async () => {
    const tokens = (await exchange(await approve())).json;
    const api = s.client.withToken(tokens.access_token);
    assert.equal((await api.get('/v2/users/me')).status, 200, 'cached before revoking');
    const r = await call('POST', `/oauth/revoke?token=${encodeURIComponent(tokens.access_token)}`, { auth: basic(app.client_id, app.client_secret) });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'success' });
    const after = await api.get('/v2/users/me');
    assert.equal(after.status, 401);
    assert.deepEqual(after.body, { code: 124, message: 'Invalid access token.' });
    const row = await s.db.get<{ revoked: number }>('SELECT revoked FROM access_tokens WHERE account_id = ? AND revoked = 1', [accountId]);
    assert.equal(Number(row?.revoked), 1);
  });

  test('revoking a refresh token (form body) stops it working', async () => {
    const tokens = (await exchange(await approve())).json;
    const r = await call('POST', '/oauth/revoke', { auth: basic(app.client_id, app.client_secret), form: { token: tokens.refresh_token } });
    assert.deepEqual(r.json, { status: 'success' });
    assert.equal((await refresh(tokens.refresh_token)).status, 400);
  });

  test('needs the app\'s credentials; another app cannot revoke this app\'s token; unknown tokens are refused', async () => {
    const tokens = (await exchange(await approve())).json;
    const noAuth = await call('POST', `/oauth/revoke?token=${encodeURIComponent(tokens.access_token)}`);
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.json.error, 'invalid_client');
    const other = await s.client.post('/_openzoom/apps', { account_id: accountId, app_type: 'oauth', scopes: ['user:read'] });
    const foreign = await call('POST', `/oauth/revoke?token=${encodeURIComponent(tokens.access_token)}`, { auth: basic(other.body.client_id, other.body.client_secret) });
    assert.equal(foreign.status, 400);
    assert.equal((await s.client.withToken(tokens.access_token).get('/v2/users/me')).status, 200, 'still valid');
    const missing = await call('POST', '/oauth/revoke', { auth: basic(app.client_id, app.client_secret) });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error, 'invalid_request');
  });
});

describe('POST /oauth/token grant_type=client_credentials', () => {
  test('a chatbot app gets a token with no user (me answers 1001) and no refresh token', async () => {
    const bot = await s.client.post('/_openzoom/apps', { account_id: accountId, app_type: 'chatbot', scopes: ['user:read:admin'] });
    const r = await call('POST', '/oauth/token', { auth: basic(bot.body.client_id, bot.body.client_secret), form: { grant_type: 'client_credentials' } });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.token_type, 'bearer');
    assert.equal(r.json.refresh_token, undefined);
    assert.equal(r.json.scope, 'user:read:admin');
    const me = await s.client.withToken(r.json.access_token).get('/v2/users/me');
    assert.equal(me.status, 404);
    assert.equal(me.body.code, 1001);
    const users = await s.client.withToken(r.json.access_token).get(`/v2/users/${ownerId}`);
    assert.equal(users.status, 200, 'acts on its own account');
  });

  test('fails for a server-to-server app and for an OAuth app', async () => {
    const s2s = await s.client.post('/_openzoom/apps', { account_id: accountId, scopes: ['user:read:admin'] });
    for (const c of [s2s.body, app]) {
      const r = await call('POST', '/oauth/token', { auth: basic(c.client_id, c.client_secret), form: { grant_type: 'client_credentials' } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error, 'unauthorized_client');
    }
  });
});

describe('POST /oauth/token grant_type=account_credentials errors', () => {
  const demo = () => s.demo!;
  test('bad secret or unknown client → 400 invalid_client (Zoom\'s status and body)', async () => {
    const r = await call('POST', `/oauth/token?grant_type=account_credentials&account_id=${demo().accountId}`, { auth: basic(demo().clientId, 'wrong') });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    const unknown = await call('POST', `/oauth/token?grant_type=account_credentials&account_id=${demo().accountId}`, { auth: basic('nosuchclient', 'x') });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    const none = await call('POST', `/oauth/token?grant_type=account_credentials&account_id=${demo().accountId}`);
    assert.equal(none.status, 400);
    assert.deepEqual(r.json, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });
  test('unknown account, or another account → 400 invalid_request "Account does not exist"', async () => {
    for (const id of ['nosuchaccount', accountId]) {
      const r = await call('POST', `/oauth/token?grant_type=account_credentials&account_id=${id}`, { auth: basic(demo().clientId, demo().clientSecret) });
      assert.equal(r.status, 400);
      assert.deepEqual(r.json, { reason: 'Account does not exist', error: 'invalid_request' });
    }
  });
  test('unsupported or missing grant type', async () => {
    const r = await call('POST', '/oauth/token?grant_type=password', { auth: basic(demo().clientId, demo().clientSecret) });
    assert.equal(r.status, 400);
    // Zoom's words, in its lower case.
    assert.deepEqual(r.json, { reason: 'unsupported grant type', error: 'unsupported_grant_type' });
    const m = await call('POST', '/oauth/token', { auth: basic(demo().clientId, demo().clientSecret) });
    assert.equal(m.status, 400);
    assert.equal(m.json.error, 'invalid_request');
  });
  test('an OAuth app cannot use account_credentials; form body works like the query string', async () => {
    const r = await call('POST', '/oauth/token', { auth: basic(app.client_id, app.client_secret), form: { grant_type: 'account_credentials', account_id: accountId } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'unauthorized_client');
    const ok = await call('POST', '/oauth/token', { auth: basic(demo().clientId, demo().clientSecret), form: { grant_type: 'account_credentials', account_id: demo().accountId } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.refresh_token, undefined);
  });
});

describe('control plane: redirect_uris', () => {
  test('rejects non-URL redirect URIs with 300 and creates nothing', async () => {
    const count = async () => Number((await s.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM apps WHERE account_id = ?', [accountId]))?.n);
    const before = await count();
    for (const redirect_uris of [['not a url'], 'https://a.example.com', ['ftp://a.example.com/x'], [42]]) {
      const r = await s.client.post('/_openzoom/apps', { account_id: accountId, app_type: 'oauth', scopes: [], redirect_uris });
      assert.equal(r.status, 400, JSON.stringify(redirect_uris));
      assert.equal(r.body.code, 300);
    }
    assert.equal(await count(), before);
  });
});
