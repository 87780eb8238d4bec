// Role privileges of user-level tokens (src/api/roles/privileges.ts and
// privilege-rules.ts): scopes say how far a token reaches, the user's role says
// what it may do there. A Member holding every scope of the contract escalates
// nothing and touches no one else; an Admin does what its privileges allow; the
// owner alone changes the owner; a sub account is the master owner's or a
// SubAccount privilege holder's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Operation } from '../src/core/contract.ts';
import type { Actor } from '../src/core/provider.ts';
import { Clock } from '../src/core/clock.ts';
import { PRIVILEGES } from '../src/api/roles/model.ts';
import { privilegesNamed, ruleFor } from '../src/api/roles/privilege-rules.ts';
import { privilegeCheck } from '../src/api/roles/privileges.ts';
import type { TestClient } from './helpers/client.ts';
import { snapshot as snapshotOf } from './helpers/sweep.ts';
import { startServer, type TestServer } from './helpers/server.ts';

const NO_PERMISSION = { code: 200, message: 'No permission.' };
/** Operations whose only scopes are user-level and which act on the caller alone. */
const OWN_ONLY = new Set(['userZak', 'getUserContacts', 'getUserContact', 'sendimmessages']);

let s: TestServer;
let api: TestClient;
let accountId: string;
let ownerId: string;
let subId: string;
let everyScope: string[];
const ids: Record<string, string> = {};

let n = 0;
async function newUser(client: TestClient, prefix = '/v2'): Promise<{ id: string; email: string }> {
  const email = `p${++n}@priv.example.com`;
  const r = await client.post(`${prefix}/users`, { action: 'custCreate', user_info: { email, type: 1, first_name: 'P', last_name: `${n}` } });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.id, email };
}

async function tokenFor(userId: string, scopes: string[], account = accountId): Promise<TestClient> {
  const r = await s.client.post('/_openzoom/tokens', { account_id: account, user_id: userId, scopes });
  assert.equal(r.status, 201, r.raw);
  return s.client.withToken(r.body.access_token);
}

const adminAndMaster = () => everyScope.filter((x) => x.endsWith(':admin') || x.endsWith(':master'));

before(async () => {
  s = await startServer();
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  accountId = acct.body.account_id;
  ownerId = acct.body.owner_id;
  api = await s.client.withCredentials(accountId, acct.body.client_id, acct.body.client_secret);
  everyScope = [...new Set(s.contract.operations.flatMap((o) => [...o.scopes, ...o.granularScopes]))].sort();

  const member = await newUser(api);
  const other = await newUser(api);
  const admin = await newUser(api);
  assert.equal((await api.post('/v2/roles/1/members', { members: [{ id: admin.id }] })).status, 201);
  const groupA = (await api.post('/v2/groups', { name: 'Group A' })).body.id;
  const groupB = (await api.post('/v2/groups', { name: 'Group B' })).body.id;
  await api.post(`/v2/groups/${groupA}/members`, { members: [{ id: other.id }, { id: member.id }] });
  await api.post(`/v2/groups/${groupA}/admins`, { admins: [{ id: other.id }] });
  const role = (await api.post('/v2/roles', { name: 'Helpdesk', privileges: ['User:Read'] })).body.id;
  await api.post(`/v2/users/${other.id}/assistants`, { assistants: [{ id: admin.id }] });
  const policy = await api.post('/v2/information_barriers/policies', {
    policy_name: 'Walls',
    assigned_group_id: groupA,
    to_group_id: groupB,
    status: 1,
    type: 0,
    settings: { complete_phone_calls: true, file_transfer: true, im: true, in_meeting_chat: true, meeting: true, message_via_sms: true, recording: true, screen_share: true },
  });
  const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: accountId });
  subId = sub.body.account_id;
  const subUser = await newUser(api, `/v2/accounts/${subId}`);
  // Team Chat: a channel of another user's, with a message in it.
  const channel = (await api.post(`/v2/chat/users/${other.id}/channels`, { name: 'Theirs', type: 1 })).body.id;
  const message = (await api.post(`/v2/chat/users/${other.id}/messages`, { message: 'Private', to_channel: channel })).body.id;
  const imGroup = (await api.post('/v2/im/groups', { name: 'Directory' })).body.id;
  Object.assign(ids, {
    channel,
    message,
    imGroup,
    member: member.id,
    memberEmail: member.email,
    other: other.id,
    otherEmail: other.email,
    admin: admin.id,
    groupA,
    groupB,
    role,
    policy: policy.body.id,
    subUser: subUser.id,
  });
});
after(() => s.close());

/** Everything the account and its sub account hold, as the account's own app reads it. */
async function snapshot(): Promise<string> {
  const urls = [
    '/v2/users?page_size=300',
    ...[ownerId, ids.member!, ids.other!, ids.admin!].flatMap((u) => [`/v2/users/${u}`, `/v2/users/${u}/settings`, `/v2/users/${u}/assistants`, `/v2/users/${u}/permissions`]),
    '/v2/groups',
    `/v2/groups/${ids.groupA}/members`,
    `/v2/groups/${ids.groupB}/members`,
    `/v2/groups/${ids.groupA}/admins`,
    `/v2/groups/${ids.groupA}/settings`,
    `/v2/groups/${ids.groupA}/lock_settings`,
    '/v2/roles',
    ...['0', '1', '2', ids.role!].flatMap((r) => [`/v2/roles/${r}`, `/v2/roles/${r}/members`]),
    '/v2/information_barriers/policies',
    `/v2/chat/users/${ids.other}/channels`,
    `/v2/chat/users/${ids.other}/channels/${ids.channel}`,
    `/v2/chat/users/${ids.other}/channels/${ids.channel}/members`,
    `/v2/chat/users/${ids.other}/messages?to_channel=${ids.channel}&include_deleted_and_edited_message=true`,
    '/v2/im/groups',
    `/v2/im/groups/${ids.imGroup}/members`,
    '/v2/accounts/me/settings',
    '/v2/accounts/me/lock_settings',
    '/v2/accounts/me/managed_domains',
    '/v2/accounts/me/trusted_domains',
    '/v2/accounts',
    `/v2/accounts/${subId}`,
    `/v2/accounts/${subId}/users`,
    `/v2/accounts/${subId}/users/${ids.subUser}`,
    `/v2/accounts/${subId}/settings`,
  ];
  return snapshotOf(api, urls);
}

/** Path ids that name someone or something other than the caller: on the ordinary path and on the sub account's. */
function urlFor(op: Operation, master: boolean): string | null {
  const path = master ? op.masterPath : op.path;
  if (!path) return null;
  const value: Record<string, string> = {
    accountId: master ? subId : 'me',
    userId: master ? ids.subUser! : ids.other!,
    memberId: op.category === 'Roles' ? ids.admin! : ids.other!,
    groupId: op.category === 'IM Groups' ? ids.imGroup! : ids.groupA!,
    channelId: ids.channel!,
    identifier: ids.other!,
    messageId: ids.message!,
    message_id: ids.message!,
    sessionId: `${ids.channel}@conference.xmpp.zoom.us`,
    roleId: '1',
    assistantId: ids.admin!,
    schedulerId: ids.admin!,
    policyId: ids.policy!,
  };
  // A query the operation requires, so that its provider (not validation) answers.
  const today = new Date().toISOString().slice(0, 10);
  const query = op.operationId === 'imChatMessages' ? `?from=${today}&to=${today}` : '';
  return `/v2${path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(value[name] ?? 'x'))}${query}`;
}

describe('A Member holding every scope of the contract', () => {
  test('is refused every implemented operation that reaches beyond itself (400/200), and nothing changes', async () => {
    const member = await tokenFor(ids.member!, everyScope);
    const before = await snapshot();
    let calls = 0;
    for (const op of s.contract.operations) {
      // These only ever act as the caller on its own things: its ZAK, its contacts, its own IM messages.
      if (!s.implemented.has(op.operationId) || OWN_ONLY.has(op.operationId)) continue;
      for (const master of [false, true]) {
        const url = urlFor(op, master);
        if (!url) continue;
        const withBody = op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';
        const r = await member.request(op.method, url, withBody ? { body: {} } : {});
        calls++;
        assert.equal(r.status, 400, `${op.operationId} ${url} → ${r.status} ${r.raw.slice(0, 200)}`);
        assert.deepEqual(r.body, NO_PERMISSION, `${op.operationId} ${url}`);
      }
    }
    assert.ok(calls > 100, `only ${calls} calls made`);
    assert.equal(await snapshot(), before, 'something changed');
  });

  test('cannot make itself Admin or Owner, rewrite roles, move users between groups, or manage the account', async () => {
    const member = await tokenFor(ids.member!, adminAndMaster());
    const before = await snapshot();
    const attempts: Array<[string, Promise<{ status: number; body: unknown }>]> = [
      ['join the Admin role', member.post('/v2/roles/1/members', { members: [{ id: ids.member }] })],
      ['join the Admin role by email', member.post('/v2/roles/1/members', { members: [{ email: ids.memberEmail }] })],
      ['give the Member role every privilege', member.patch('/v2/roles/2', { privileges: [...PRIVILEGES] })],
      ['create a role', member.post('/v2/roles', { name: 'Mine', privileges: ['Role:Edit'] })],
      ['delete a role', member.delete(`/v2/roles/${ids.role}`)],
      ['remove an Admin', member.delete(`/v2/roles/1/members/${ids.admin}`)],
      ['become the account owner', member.put('/v2/accounts/me/owner', { email: ids.memberEmail })],
      ['move a user to another group', member.patch(`/v2/groups/${ids.groupA}/members/${ids.other}`, { action: 'move', target_group_id: ids.groupB })],
      ['add a user to a group', member.post(`/v2/groups/${ids.groupB}/members`, { members: [{ id: ids.other }] })],
      ['become a group admin', member.post(`/v2/groups/${ids.groupA}/admins`, { admins: [{ id: ids.member }] })],
      ['update another user', member.patch(`/v2/users/${ids.other}`, { first_name: 'Owned' })],
      ["change another user's email", member.put(`/v2/users/${ids.other}/email`, { email: 'taken@priv.example.com' })],
      ['deactivate another user', member.put(`/v2/users/${ids.other}/status`, { action: 'deactivate' })],
      ['create a user', member.post('/v2/users', { action: 'custCreate', user_info: { email: 'new@priv.example.com', type: 1 } })],
      ['change account settings', member.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: true } })],
      ['lock account settings', member.patch('/v2/accounts/me/lock_settings', { schedule_meeting: { host_video: true } })],
      ['create a sub account', member.post('/v2/accounts', { email: 'sub@sub.example.org', first_name: 'S', last_name: 'O', password: 'Tr0ub4dor&3' })],
      ['read a sub account', member.get(`/v2/accounts/${subId}`)],
      ["read a sub account's users", member.get(`/v2/accounts/${subId}/users`)],
      ['change sub account options', member.patch(`/v2/accounts/${subId}/options`, { share_rc: true })],
      ['move itself into the sub account', member.put(`/v2/accounts/me/users/${ids.member}/account`, { account_id: subId })],
      ['write an information barrier', member.delete(`/v2/information_barriers/policies/${ids.policy}`)],
    ];
    for (const [what, call] of attempts) {
      const r = await call;
      assert.equal(r.status, 400, what);
      assert.deepEqual(r.body, NO_PERMISSION, what);
    }
    assert.equal(await snapshot(), before, 'something changed');
  });

  test('edits its own profile but cannot take a license or move itself into a group', async () => {
    const member = await tokenFor(ids.member!, adminAndMaster());
    assert.deepEqual((await member.patch('/v2/users/me', { type: 2 })).body, NO_PERMISSION);
    assert.deepEqual((await member.patch('/v2/users/me', { group_id: ids.groupB, first_name: 'Sneaky' })).body, NO_PERMISSION);
    const me = (await api.get(`/v2/users/${ids.member}`)).body;
    assert.deepEqual([me.type, me.group_ids, me.first_name], [1, [ids.groupA], 'P']);
    assert.equal((await member.patch('/v2/users/me', { job_title: 'Engineer', type: 1 })).status, 204);
    assert.equal((await api.get(`/v2/users/${ids.member}`)).body.job_title, 'Engineer');
  });

  test('with user-level scopes only, cannot manage roles or create users (they name no user of its own)', async () => {
    const member = await tokenFor(ids.member!, everyScope.filter((x) => !x.endsWith(':admin') && !x.endsWith(':master')));
    assert.deepEqual((await member.post('/v2/roles/1/members', { members: [{ id: ids.member }] })).body, NO_PERMISSION);
    assert.deepEqual((await member.post('/v2/roles', { name: 'Mine' })).body, NO_PERMISSION);
    assert.deepEqual((await member.get('/v2/roles')).body, NO_PERMISSION);
    assert.deepEqual((await member.post('/v2/users', { action: 'custCreate', user_info: { email: 'u@priv.example.com', type: 1 } })).body, NO_PERMISSION);
    assert.equal((await api.get(`/v2/users/${ids.member}`)).body.role_id, '2');
    // Its own user stays its own.
    assert.equal((await member.get('/v2/users/me/permissions')).status, 200);
    assert.equal((await member.get('/v2/users/me/zak')).status, 200);
  });

  test("with user-level meeting scopes, keeps to its own meetings: another user's meeting, registrants and polls answer 400/200", async () => {
    const member = await tokenFor(ids.member!, everyScope.filter((x) => !x.endsWith(':admin') && !x.endsWith(':master')));
    const own = await member.post('/v2/users/me/meetings', { topic: 'Mine' });
    assert.equal(own.status, 201, own.raw);
    assert.equal((await member.patch(`/v2/meetings/${own.body.id}`, { topic: 'Still mine' })).status, 204);
    const others = await api.post(`/v2/users/${ids.other}/meetings`, { topic: 'Not yours' });
    const id = others.body.id;
    for (const r of [
      await member.get(`/v2/meetings/${id}`),
      await member.patch(`/v2/meetings/${id}`, { topic: 'Taken' }),
      await member.delete(`/v2/meetings/${id}`),
      await member.put(`/v2/meetings/${id}/status`, { action: 'recover' }),
      await member.get(`/v2/meetings/${id}/registrants`),
      await member.post(`/v2/meetings/${id}/polls`, { title: 'P', questions: [{ name: 'Q', type: 'single', answers: ['a', 'b'] }] }),
      await member.get(`/v2/meetings/${id}/invitation`),
    ]) {
      assert.deepEqual(r.body, NO_PERMISSION);
    }
    assert.equal((await member.get(`/v2/users/${ids.other}/meetings`)).status, 400);
    // Scheduling for another user needs the scheduling privilege (Zoom's 3000).
    assert.equal((await member.post('/v2/users/me/meetings', { schedule_for: ids.other })).body.code, 3000);
    assert.equal((await api.get(`/v2/meetings/${id}`)).body.topic, 'Not yours');
  });

  test('a :master scope on its own account is an :admin scope: the role rule applies', async () => {
    const member = await tokenFor(ids.member!, ['user:master', 'role:master', 'group:master']);
    assert.deepEqual((await member.get('/v2/users')).body, NO_PERMISSION);
    assert.deepEqual((await member.post('/v2/roles/1/members', { members: [{ id: ids.member }] })).body, NO_PERMISSION);
    assert.deepEqual((await member.delete(`/v2/groups/${ids.groupA}/admins/${ids.other}`)).body, NO_PERMISSION);
    assert.equal((await member.get('/v2/users/me')).status, 200);
  });
});

describe('Users whose role holds the privileges', () => {
  test('an Admin manages users, groups and settings, but neither roles (Role:Edit is the owner\'s) nor the owner', async () => {
    const admin = await tokenFor(ids.admin!, adminAndMaster());
    const user = await newUser(api);
    await api.post(`/v2/groups/${ids.groupA}/members`, { members: [{ id: user.id }] });
    assert.equal((await admin.patch(`/v2/groups/${ids.groupA}/members/${user.id}`, { action: 'move', target_group_id: ids.groupB })).status, 204);
    assert.deepEqual((await api.get(`/v2/users/${user.id}`)).body.group_ids, [ids.groupB]);
    assert.equal((await admin.patch(`/v2/users/${user.id}`, { first_name: 'Renamed', type: 2 })).status, 204);
    assert.equal((await admin.get('/v2/users?page_size=300')).status, 200);
    assert.equal((await admin.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: true } })).status, 204);
    assert.equal((await admin.get('/v2/roles')).status, 200, 'Admin holds Role:Read');
    assert.deepEqual((await admin.post('/v2/roles/1/members', { members: [{ id: user.id }] })).body, NO_PERMISSION);
    assert.deepEqual((await admin.put('/v2/accounts/me/owner', { email: user.email })).body, NO_PERMISSION);
    assert.deepEqual((await admin.get(`/v2/accounts/${subId}`)).body, NO_PERMISSION, 'SubAccount privileges are the owner\'s');
  });

  test('a role given Role:Edit assigns roles and manages them; one given SubAccount:Read reads sub accounts only', async () => {
    const managers = (await api.post('/v2/roles', { name: 'Role managers', privileges: ['Role:Edit'] })).body.id;
    const subReaders = (await api.post('/v2/roles', { name: 'Sub readers', privileges: ['SubAccount:Read'] })).body.id;
    const manager = await newUser(api);
    const reader = await newUser(api);
    const target = await newUser(api);
    await api.post(`/v2/roles/${managers}/members`, { members: [{ id: manager.id }] });
    await api.post(`/v2/roles/${subReaders}/members`, { members: [{ id: reader.id }] });

    const m = await tokenFor(manager.id, adminAndMaster());
    assert.equal((await m.post('/v2/roles/1/members', { members: [{ id: target.id }] })).status, 201);
    assert.equal((await api.get(`/v2/users/${target.id}`)).body.role_id, '1');
    const made = await m.post('/v2/roles', { name: 'Temporary' });
    assert.equal(made.status, 201, made.raw);
    assert.equal((await m.delete(`/v2/roles/${made.body.id}`)).status, 204);
    assert.deepEqual((await m.put('/v2/accounts/me/owner', { email: target.email })).body, NO_PERMISSION);

    const r = await tokenFor(reader.id, adminAndMaster());
    assert.equal((await r.get(`/v2/accounts/${subId}/users`)).status, 200);
    assert.deepEqual((await r.patch(`/v2/accounts/${subId}/users/${ids.subUser}`, { first_name: 'X' })).body, NO_PERMISSION);
    assert.deepEqual((await r.get('/v2/users')).body, NO_PERMISSION, 'SubAccount:Read is not User:Read');
  });

  test('a role given BillingInformation:Read reads billing but buys and cancels nothing; SipPhone:Read/Edit manage SIP phones only', async () => {
    const billing = (await api.post('/v2/roles', { name: 'Billing readers', privileges: ['BillingInformation:Read'] })).body.id;
    const phones = (await api.post('/v2/roles', { name: 'SIP phone admins', privileges: ['SipPhone:Read', 'SipPhone:Edit'] })).body.id;
    const reader = await newUser(api);
    const phoneAdmin = await newUser(api);
    await api.post(`/v2/roles/${billing}/members`, { members: [{ id: reader.id }] });
    await api.post(`/v2/roles/${phones}/members`, { members: [{ id: phoneAdmin.id }] });
    const r = await tokenFor(reader.id, adminAndMaster());
    assert.equal((await r.get('/v2/accounts/me/billing')).status, 200);
    assert.deepEqual((await r.patch('/v2/accounts/me/billing', { city: 'Paris' })).body, NO_PERMISSION);
    assert.deepEqual((await r.put('/v2/accounts/me/plans/base', { type: 'business_monthly', hosts: 5000 })).body, NO_PERMISSION);
    assert.deepEqual((await r.patch('/v2/accounts/me/plans/base/status', { action: 'cancel' })).body, NO_PERMISSION);
    assert.deepEqual((await r.post('/v2/tracking_fields', { field: 'Escalated' })).body, NO_PERMISSION);
    const p = await tokenFor(phoneAdmin.id, adminAndMaster());
    // The account has no SIP phone integration: the privilege passes and the provider answers the feature's refusal.
    assert.equal((await p.get('/v2/sip_phones/phones')).body.code, 200);
    assert.match((await p.get('/v2/sip_phones/phones')).body.message, /SIP phone integration/);
    assert.deepEqual((await p.post('/v2/h323/devices', { name: 'X', protocol: 'SIP', ip: '192.0.2.1', encryption: 'no' })).body, NO_PERMISSION);
    assert.deepEqual((await p.get('/v2/tsp')).body, NO_PERMISSION);
  });

  test('a role given only an Edit privilege also views (Group:Edit lists groups), and gains nothing else', async () => {
    const editors = (await api.post('/v2/roles', { name: 'Group editors only', privileges: ['Group:Edit'] })).body.id;
    const editor = await newUser(api);
    await api.post(`/v2/roles/${editors}/members`, { members: [{ id: editor.id }] });
    const e = await tokenFor(editor.id, adminAndMaster());
    assert.equal((await e.get('/v2/groups')).status, 200);
    assert.deepEqual((await e.get('/v2/users')).body, NO_PERMISSION, 'Group:Edit is not User:Read');
  });

  test("only :master scopes reach a sub account, even the owner's (4711 naming them)", async () => {
    const owner = await tokenFor(ownerId, everyScope.filter((x) => !x.endsWith(':master')));
    const r = await owner.get(`/v2/accounts/${subId}/users/${ids.subUser}`);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:user:master].' });
    const master = await tokenFor(ownerId, ['user:master']);
    assert.equal((await master.get(`/v2/accounts/${subId}/users/${ids.subUser}`)).status, 200);
    assert.equal((await master.patch(`/v2/accounts/${subId}/users/${ids.subUser}`, { job_title: 'Branch lead' })).status, 204);
  });

  test('the owner alone hands the account over; then the former owner is an Admin and may not take it back', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const own = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    // An API user (custCreate) cannot own an account: the heir signs in with its email.
    const heirEmail = 'heir@priv.example.com';
    const heir = { id: (await own.post('/v2/users', { action: 'autoCreate', user_info: { email: heirEmail, type: 2, password: 'Tr0ub4dor&3' } })).body.id, email: heirEmail };
    const owner = await tokenFor(acct.body.owner_id, ['account:write:admin'], acct.body.account_id);
    const handed = await owner.put('/v2/accounts/me/owner', { email: heir.email });
    assert.equal(handed.status, 204, handed.raw);
    assert.equal((await own.get(`/v2/users/${heir.id}`)).body.role_id, '0');
    const former = await tokenFor(acct.body.owner_id, ['account:write:admin'], acct.body.account_id);
    assert.deepEqual((await former.put('/v2/accounts/me/owner', { email: acct.body.owner_email })).body, NO_PERMISSION);
  });
});

describe('Privilege rules', () => {
  test('every operation of the contract resolves to a rule, and every privilege a rule names exists', () => {
    const missing = s.contract.operations.filter((op) => ruleFor(op) === undefined).map((op) => op.operationId);
    assert.deepEqual(missing, []);
    const known = new Set(PRIVILEGES);
    assert.deepEqual([...privilegesNamed(s.contract.operations)].filter((p) => !known.has(p)), []);
    assert.equal(s.contract.operations.filter((op) => !op.extra).length, 436);
  });

  const actorOf = (userId: string, scopes: string[]): Actor => ({ clientId: 'c', accountId, userId, scopes: new Set(scopes) });
  const check = privilegeCheck(new Clock());
  const refused = async (p: Promise<void>) => assert.deepEqual(await p.then(() => 'allowed', (e: { toJSON(): unknown }) => e.toJSON()), NO_PERMISSION);

  test('an operation without a rule is refused to everyone but the owner (fail closed)', async () => {
    const op = { ...s.contract.operations.find((o) => o.operationId === 'roles')!, operationId: 'unruled', category: 'Nowhere' };
    assert.equal(ruleFor(op), undefined);
    await refused(check(s.db, op, actorOf(ids.admin!, ['role:read:admin']), undefined, accountId));
    await refused(check(s.db, op, actorOf(ids.member!, ['role:read:admin']), undefined, accountId));
    await check(s.db, op, actorOf(ownerId, ['role:read:admin']), undefined, accountId);
  });

  test("resource operations (a meeting by its id): user-level scopes are the provider's to keep to own meetings; :admin needs the privilege", async () => {
    const op = s.contract.operations.find((o) => o.operationId === 'meeting')!;
    assert.deepEqual(ruleFor(op), { needs: ['User:Read'], own: 'resource', source: 'zoom' });
    await check(s.db, op, actorOf(ids.member!, ['meeting:read']), undefined, accountId);
    await refused(check(s.db, op, actorOf(ids.member!, ['meeting:read:admin']), undefined, accountId));
    await check(s.db, op, actorOf(ids.admin!, ['meeting:read:admin']), undefined, accountId);
  });
});

describe('Live and past meetings', () => {
  test("a Member's user-level token neither controls nor reads another's meeting; an Admin (User:Edit, User:Read) does", async () => {
    const meeting = (await api.post(`/v2/users/${ids.other}/meetings`, { topic: 'Not yours', type: 2, start_time: '2031-01-01T09:00:00Z', settings: { waiting_room: false } })).body;
    assert.equal((await s.client.post(`/_openzoom/meetings/${meeting.id}/start`, {})).status, 201);
    const member = await tokenFor(ids.member!, ['meeting:read', 'meeting:write']);
    const record = await member.patch(`/v2/live_meetings/${meeting.id}/events`, { method: 'recording.start' });
    assert.equal(record.status, 400, record.raw);
    assert.deepEqual(record.body, NO_PERMISSION);
    const endIt = await member.put(`/v2/meetings/${meeting.id}/status`, { action: 'end' });
    assert.equal(endIt.status, 400, endIt.raw);
    assert.equal((await s.client.get(`/_openzoom/meetings/${meeting.id}/live`)).body.recording, 'off');
    assert.equal((await s.client.get(`/_openzoom/meetings/${meeting.id}/live`)).body.status, 'started');
    const admin = await tokenFor(ids.admin!, adminAndMaster());
    assert.equal((await admin.patch(`/v2/live_meetings/${meeting.id}/events`, { method: 'recording.start' })).status, 202);
    assert.equal((await admin.put(`/v2/meetings/${meeting.id}/status`, { action: 'end' })).status, 204);
    assert.deepEqual((await member.get(`/v2/past_meetings/${meeting.id}`)).body, NO_PERMISSION);
    assert.deepEqual((await member.get(`/v2/past_meetings/${meeting.id}/participants`)).body, NO_PERMISSION);
    assert.equal((await admin.get(`/v2/past_meetings/${meeting.id}`)).status, 200);
  });
});
