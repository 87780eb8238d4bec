// Zoom's own Node SDK (@zoom/rivet) pointed at OpenZoom, as the README shows
// it: `baseUrl` for the API, and a token store that gets its tokens from
// OpenZoom, since Rivet requests tokens from https://zoom.us whatever the
// base URL. The store hands Rivet a token with more than Rivet's 60 s margin
// left, so Rivet never asks zoom.us.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { UsersS2SAuthClient } from '@zoom/rivet/users';
import { startServer, type TestServer } from './helpers/server.ts';

interface RivetToken {
  accessToken: string;
  expirationTimeIso: string;
  scopes: string[];
}

/** The README's token store: server-to-server tokens from OpenZoom's /oauth/token. */
class OpenZoomTokenStore {
  private token: RivetToken | undefined;
  private readonly base: string;
  private readonly accountId: string;
  private readonly clientId: string;
  private readonly clientSecret: string;
  constructor(base: string, accountId: string, clientId: string, clientSecret: string) {
    this.base = base;
    this.accountId = accountId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }
  async getLatestToken(): Promise<RivetToken> {
    if (!this.token || Date.parse(this.token.expirationTimeIso) - Date.now() < 5 * 60_000) {
      const res = await fetch(`${this.base}/oauth/token?grant_type=account_credentials&account_id=${this.accountId}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}` },
      });
      const t = (await res.json()) as { access_token: string; expires_in: number; scope: string };
      this.token = { accessToken: t.access_token, expirationTimeIso: new Date(Date.now() + t.expires_in * 1000).toISOString(), scopes: t.scope.split(' ') };
    }
    return this.token;
  }
  storeToken(token: RivetToken): void {
    this.token = token;
  }
}

let s: TestServer;
let base: string;
before(async () => {
  s = await startServer();
  base = await s.app.listen({ host: '127.0.0.1', port: 0 });
});
after(() => s.close());

test('@zoom/rivet: list, create and get users against OpenZoom; Zoom errors come back as Rivet errors', async () => {
  const client = new UsersS2SAuthClient({
    clientId: s.demo!.clientId,
    clientSecret: s.demo!.clientSecret,
    accountId: s.demo!.accountId,
    tokenStore: new OpenZoomTokenStore(base, s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret),
    baseUrl: `${base}/v2`,
    disableReceiver: true,
  });
  const users = client.endpoints.users;

  const listed = await users.listUsers({ query: { page_size: 10 } });
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(listed.data?.users?.map((u) => u.email), ['owner@example.com']);
  assert.match(String(listed.trackingId), /^v=2\.0;clid=us06;rid=WEB_/);

  const created = await users.createUsers({ body: { action: 'custCreate', user_info: { email: 'rivet@example.com', type: 1, first_name: 'Rivet' } } });
  assert.equal(created.statusCode, 201);
  const got = await users.getUser({ path: { userId: created.data!.id! } });
  assert.equal(got.data?.first_name, 'Rivet');

  await assert.rejects(users.getUser({ path: { userId: 'nobody@example.com' } }), (err: Error) => {
    assert.equal(err.name, 'ApiResponseError');
    assert.match(err.message, /^\[404\/1001\]: "User does not exist: nobody@example\.com\."$/);
    return true;
  });
  // Every request reached OpenZoom, the token request included.
  const seen = (await s.client.get('/_openzoom/requests?limit=10')).body.requests.map((r: { method: string; path: string }) => `${r.method} ${r.path.split('?')[0]}`);
  assert.ok(seen.includes('POST /oauth/token'));
  assert.ok(seen.includes('POST /v2/users'));
});
