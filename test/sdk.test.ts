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

test('@zoom/rivet phone client: call queues, shared line groups, call logs, recordings, voicemails and the operation log against OpenZoom', async () => {
  const { PhoneS2SAuthClient } = await import('@zoom/rivet/phone');
  const client = new PhoneS2SAuthClient({
    clientId: s.demo!.clientId,
    clientSecret: s.demo!.clientSecret,
    accountId: s.demo!.accountId,
    tokenStore: new OpenZoomTokenStore(base, s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret),
    baseUrl: `${base}/v2`,
    disableReceiver: true,
  });
  const { callQueues, sharedLineGroup, callLogs, recordings, voicemails, reports } = client.endpoints;
  const site = await s.db.get<{ id: string }>('SELECT id FROM phone_sites WHERE account_id = ? AND main = 1', [s.demo!.accountId]);
  const created = await callQueues.createCallQueue({ body: { name: 'Rivet queue', site_id: site!.id, members: { users: [{ email: 'owner@example.com' }] } } });
  assert.equal(created.statusCode, 201);
  const got = await callQueues.getCallQueueDetails({ path: { callQueueId: created.data!.id! } });
  assert.equal(got.data?.members?.users?.[0]?.level, 'manager');
  assert.ok((await callQueues.listCallQueues({ query: { page_size: 10 } })).data?.call_queues?.some((q) => q.id === created.data!.id));
  const slg = await sharedLineGroup.createSharedLineGroup({ body: { display_name: 'Rivet line' } });
  assert.equal((await sharedLineGroup.getSharedLineGroup({ path: { sharedLineGroupId: slg.data!.id! } })).data?.display_name, 'Rivet line');
  // An outside caller reaches the queue and leaves a message; the clock moves past it.
  const call = await s.client.post('/_openzoom/phone/calls', { account_id: s.demo!.accountId, from: '+19995550777', to: created.data!.id, outcome: 'voicemail', duration_seconds: 8 });
  assert.equal(call.status, 201, call.raw);
  await s.client.post('/_openzoom/clock', { advance_seconds: 120 });
  const owner = (await s.api.get('/v2/users/owner@example.com')).body.id as string;
  const logs = await callLogs.getAccountsCallLogs({ query: { page_size: 30 } });
  assert.ok(logs.data?.call_logs?.some((l) => l.call_id === call.body.call_id));
  assert.equal((await callLogs.getUsersCallLogs({ path: { userId: owner }, query: {} })).statusCode, 200);
  assert.equal((await recordings.getUsersRecordings({ path: { userId: owner }, query: {} })).statusCode, 200);
  assert.equal((await recordings.getCallRecordings({ query: { owner_type: 'callQueue' } })).statusCode, 200);
  const vms = await voicemails.getUsersVoicemails({ path: { userId: owner }, query: {} });
  const vm = vms.data?.voice_mails?.find((v) => v.call_id === call.body.call_id);
  assert.equal(vm?.status, 'unread');
  assert.equal((await voicemails.deleteVoicemail({ path: { voicemailId: vm!.id! } })).statusCode, 204);
  const ops = await reports.getOperationLogsReport({ query: {} });
  assert.ok((ops.data as { operation_logs?: Array<{ category_type: string }> }).operation_logs?.some((o) => o.category_type === 'Call Queue'));
  await assert.rejects(callQueues.getCallQueueDetails({ path: { callQueueId: 'nope' } }), /\[404\/13000\]/);
});
