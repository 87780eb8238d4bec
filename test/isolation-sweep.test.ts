// Isolation, swept across every implemented operation of the organisation
// model (Accounts, Users, Groups, Roles, Information Barriers): account B calls
// each operation with account A's ids in the path — on the ordinary path and
// on A's master path — and nothing of A is read or changed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { snapshot as snapshotOf } from './helpers/sweep.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

const CATEGORIES = new Set(['Accounts', 'Users', 'Groups', 'Roles', 'Information Barriers', 'Meetings']);

let s: TestServer;
let a: TestClient;
let b: TestClient;
const ids: Record<string, string> = {};

before(async () => {
  s = await startServer();
  const make = async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    return { acct: acct.body, api: await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret) };
  };
  const A = await make();
  const B = await make();
  a = A.api;
  b = B.api;
  const user = await a.post('/v2/users', { action: 'custCreate', user_info: { email: 'a-user@example.com', type: 1 } });
  const other = await a.post('/v2/users', { action: 'custCreate', user_info: { email: 'a-other@example.com', type: 1 } });
  const group = await a.post('/v2/groups', { name: 'A group' });
  const group2 = await a.post('/v2/groups', { name: 'A group 2' });
  await a.post(`/v2/groups/${group.body.id}/members`, { members: [{ id: user.body.id }] });
  await a.post(`/v2/groups/${group.body.id}/admins`, { admins: [{ id: other.body.id }] });
  const role = await a.post('/v2/roles', { name: 'A role', privileges: ['User:Read'] });
  await a.post(`/v2/roles/${role.body.id}/members`, { members: [{ id: other.body.id }] });
  await a.post(`/v2/users/${user.body.id}/assistants`, { assistants: [{ id: other.body.id }] });
  const device = await s.client.post(`/_openzoom/users/${user.body.id}/collaboration_devices`, { account_id: A.acct.account_id, device_name: 'Room TV' });
  const policy = await a.post('/v2/information_barriers/policies', {
    policy_name: 'A policy',
    assigned_group_id: group.body.id,
    to_group_id: group2.body.id,
    status: 1,
    type: 0,
    settings: { complete_phone_calls: true, file_transfer: true, im: true, in_meeting_chat: true, meeting: true, message_via_sms: true, recording: true, screen_share: true },
  });
  const host = await a.post('/v2/users', { action: 'custCreate', user_info: { email: 'a-host@example.com', type: 2 } });
  const meeting = await a.post(`/v2/users/${host.body.id}/meetings`, { topic: 'A meeting', start_time: '2035-01-01T10:00:00Z', settings: { approval_type: 0 } });
  const registrant = await a.post(`/v2/meetings/${meeting.body.id}/registrants`, { first_name: 'A', email: 'a-registrant@example.com' });
  const poll = await a.post(`/v2/meetings/${meeting.body.id}/polls`, { title: 'A poll', questions: [{ name: 'Q', type: 'single', answers: ['a', 'b'] }] });
  Object.assign(ids, {
    hostId: host.body.id,
    meetingId: String(meeting.body.id),
    registrantId: registrant.body.registrant_id,
    pollId: poll.body.id,
    accountId: A.acct.account_id,
    userId: user.body.id,
    groupId: group.body.id,
    memberId: user.body.id,
    roleId: role.body.id,
    assistantId: other.body.id,
    schedulerId: user.body.id,
    policyId: policy.body.id,
    collaborationDeviceId: device.body?.id ?? 'none',
  });
});
after(() => s.close());

/** Everything A can see of itself. */
async function snapshot(): Promise<string> {
  const urls = [
    '/v2/users?page_size=300',
    `/v2/users/${ids.userId}`,
    `/v2/users/${ids.userId}/settings`,
    `/v2/users/${ids.userId}/assistants`,
    `/v2/users/${ids.assistantId}/schedulers`,
    `/v2/users/${ids.userId}/collaboration_devices`,
    '/v2/groups',
    `/v2/groups/${ids.groupId}/members`,
    `/v2/groups/${ids.groupId}/admins`,
    `/v2/groups/${ids.groupId}/settings`,
    `/v2/groups/${ids.groupId}/lock_settings`,
    '/v2/roles',
    `/v2/roles/${ids.roleId}/members`,
    '/v2/information_barriers/policies',
    '/v2/accounts/me/settings',
    '/v2/accounts/me/lock_settings',
    '/v2/accounts/me/managed_domains',
    '/v2/accounts/me/trusted_domains',
    `/v2/users/${ids.hostId}/meetings`,
    `/v2/meetings/${ids.meetingId}`,
    `/v2/meetings/${ids.meetingId}/registrants`,
    `/v2/meetings/${ids.meetingId}/registrants/questions`,
    `/v2/meetings/${ids.meetingId}/polls`,
    `/v2/meetings/${ids.meetingId}/survey`,
    `/v2/meetings/${ids.meetingId}/livestream`,
  ];
  // A start_url carries a fresh token on every read: left out.
  return (await snapshotOf(a, urls)).replace(/"start_url":"[^"]*"/g, '');
}

test('account B cannot read or change anything of account A through any operation of the organisation model', async () => {
  const before = await snapshot();
  let calls = 0;
  for (const op of s.contract.operations) {
    if (!CATEGORIES.has(op.category) || !s.implemented.has(op.operationId)) continue;
    const paths = [op.path, op.masterPath].filter((p): p is string => Boolean(p));
    for (const path of paths) {
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      // Paths naming none of A's resources act on B's own account: nothing to cross.
      if (params.length === 0) continue;
      const url = `/v2${path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? 'x'))}`;
      const withBody = op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';
      const r = await b.request(op.method, url, withBody ? { body: {} } : {});
      calls++;
      if (op.method === 'GET') assert.ok(r.status >= 400, `B read A's data: ${op.operationId} ${url} → ${r.status} ${r.raw.slice(0, 200)}`);
      assert.ok(r.status < 500, `${op.operationId} ${url} → ${r.status}`);
    }
  }
  assert.ok(calls > 60, `only ${calls} calls made`);
  assert.equal(await snapshot(), before, 'account A changed');
});
