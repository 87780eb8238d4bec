// Contacts (a user's company and external contacts, contact details with
// presence, the company search) and information barriers in Team Chat: each
// policy type the spec defines decides who may write to whom, who may share a
// channel, and who finds whom.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatAccount, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const ids = (body: { contacts: Array<{ id: string }> }) => body.contacts.map((c) => c.id).sort();

describe('Contacts', () => {
  let a: ChatAccount;
  let ann: ChatUser;
  let ben: ChatUser;
  before(async () => {
    a = await chatAccount(s);
    ann = await a.user('Ann');
    ben = await a.user('Ben');
  });

  test("List user's contacts: the account's active users but the caller, paged by token; external contacts added through the control plane", async () => {
    const more = [];
    for (let i = 0; i < 3; i++) more.push(await a.user('Colleague'));
    const pending = await a.api.post('/v2/users', { action: 'create', user_info: { email: 'pending@chat.example.com', type: 1 } });
    const seen: string[] = [];
    let token = '';
    do {
      const r = await ann.api.get(`/v2/chat/users/me/contacts?page_size=2${token ? `&next_page_token=${token}` : ''}`);
      assert.equal(r.status, 200, r.raw);
      assert.ok(r.body.contacts.length <= 2);
      seen.push(...r.body.contacts.map((c: { id: string; member_id: string }) => (assert.equal(c.member_id, c.id.toLowerCase()), c.id)));
      token = r.body.next_page_token;
    } while (token);
    assert.deepEqual(seen.sort(), [a.ownerId, ben.id, ...more.map((u) => u.id)].sort());
    assert.ok(!seen.includes(pending.body.id) && !seen.includes(ann.id));

    const added = await s.client.post('/_openzoom/chat/contacts', { account_id: a.accountId, user: ann.id, email: 'Partner@Elsewhere.example.org', first_name: 'Pat', last_name: 'Ner' });
    assert.equal(added.status, 201, added.raw);
    assert.equal((await s.client.post('/_openzoom/chat/contacts', { account_id: a.accountId, user: ann.id, email: 'partner@elsewhere.example.org' })).status, 409);
    const external = (await ann.api.get('/v2/chat/users/me/contacts?type=external')).body;
    assert.deepEqual(external.contacts, [{ email: 'partner@elsewhere.example.org', first_name: 'Pat', id: added.body.id, member_id: added.body.id.toLowerCase(), last_name: 'Ner' }]);
    assert.deepEqual((await ben.api.get('/v2/chat/users/me/contacts?type=external')).body.contacts, []);
    assert.equal((await ann.api.get(`/v2/chat/users/me/contacts/${added.body.id}`)).body.email, 'partner@elsewhere.example.org');
    // An account-level app has no "me".
    assert.equal((await a.api.get('/v2/chat/users/me/contacts')).body.code, 1001);
  });

  test("Get user's contact details: by email, id or member id, with presence when asked (Zoom's names)", async () => {
    assert.equal((await a.api.put(`/v2/users/${ben.id}/presence_status`, { status: 'Do_No_Disturb', duration: 30 })).status, 204);
    for (const ref of [ben.email, ben.id, ben.id.toLowerCase()]) {
      const r = await ann.api.get(`/v2/chat/users/me/contacts/${encodeURIComponent(ref)}?query_presence_status=true`);
      assert.equal(r.status, 200, r.raw);
      assert.deepEqual([r.body.id, r.body.email, r.body.member_id, r.body.presence_status], [ben.id, ben.email, ben.id.toLowerCase(), 'Do_Not_Disturb']);
    }
    assert.equal((await ann.api.get(`/v2/chat/users/me/contacts/${ben.id}`)).body.presence_status, undefined);
    await a.api.put(`/v2/users/${ben.id}/presence_status`, { status: 'On_A_Call' });
    assert.equal((await ann.api.get(`/v2/chat/users/me/contacts/${ben.id}?query_presence_status=true`)).body.presence_status, 'In_A_Call');
    const unknown = await ann.api.get('/v2/chat/users/me/contacts/nobody@chat.example.com');
    assert.deepEqual([unknown.status, unknown.body.code], [404, 1001]);
  });

  test('Search company contacts: by name or email, active or inactive, with presence in four states', async () => {
    const zed = await a.user('Zedekiah');
    const found = await ann.api.get('/v2/contacts?search_key=zedek&query_presence_status=true&page_size=25');
    assert.equal(found.status, 200, found.raw);
    assert.deepEqual(ids(found.body), [zed.id]);
    assert.deepEqual([found.body.contacts[0].contact_type, found.body.contacts[0].presence_status, found.body.contacts[0].user_status], [1, 'Available', 'active']);
    assert.deepEqual(ids((await ann.api.get(`/v2/contacts?search_key=${encodeURIComponent(zed.email.toUpperCase())}`)).body), [zed.id]);
    await a.api.put(`/v2/users/${ben.id}/presence_status`, { status: 'On_A_Call' });
    assert.equal((await ann.api.get('/v2/contacts?search_key=ben&query_presence_status=true')).body.contacts[0].presence_status, 'Do_Not_Disturb');
    assert.ok((await a.api.put(`/v2/users/${zed.id}/status`, { action: 'deactivate' })).status < 300);
    assert.deepEqual((await ann.api.get('/v2/contacts?search_key=zedek')).body.contacts, []);
    assert.deepEqual(ids((await ann.api.get('/v2/contacts?search_key=zedek&user_status=inactive')).body), [zed.id]);
    assert.equal((await ann.api.get('/v2/contacts')).body.code, 300, 'search_key is required');
    // An admin app searches the whole directory.
    assert.ok((await a.api.get('/v2/contacts?search_key=chat.example.com&page_size=25')).body.contacts.length >= 3);
  });
});

/** Everything about one policy type, between group G1 (assigned) and group G2. */
async function barrierScene(type: 0 | 1 | 2 | 3, im = true) {
  const a = await chatAccount(s);
  const one = await a.user('One');
  const two = await a.user('Two');
  const free = await a.user('Free');
  const g1 = (await a.api.post('/v2/groups', { name: 'G1' })).body.id;
  const g2 = (await a.api.post('/v2/groups', { name: 'G2' })).body.id;
  await a.api.post(`/v2/groups/${g1}/members`, { members: [{ id: one.id }] });
  await a.api.post(`/v2/groups/${g2}/members`, { members: [{ id: two.id }] });
  const policy = await a.api.post('/v2/information_barriers/policies', {
    id: 'x',
    policy_name: `Type ${type}`,
    assigned_group_id: g1,
    to_group_id: g2,
    status: 1,
    type,
    settings: { complete_phone_calls: false, file_transfer: false, im, in_meeting_chat: false, meeting: false, message_via_sms: false, recording: false, screen_share: false },
  });
  assert.equal(policy.status, 201, policy.raw);
  return { a, one, two, free, policy: policy.body.id as string };
}

const canSend = async (from: ChatUser, to: ChatUser) => {
  const r = await from.api.post('/v2/chat/users/me/messages', { message: 'hi', to_contact: to.email });
  if (r.status !== 201) assert.deepEqual(r.body, { code: 5418, message: 'The user can not chat with others.' });
  return r.status === 201;
};
const finds = async (viewer: ChatUser, other: ChatUser) => {
  const search = (await viewer.api.get(`/v2/contacts?search_key=${encodeURIComponent(other.email)}`)).body.contacts.length === 1;
  const details = (await viewer.api.get(`/v2/chat/users/me/contacts/${other.id}`)).status === 200;
  assert.equal(search, details, 'search and details agree');
  return search;
};

describe('Information barriers in Team Chat', () => {
  test('type 0 with im: no messages either way, no shared channel, neither finds the other; others unaffected', async () => {
    const { a, one, two, free } = await barrierScene(0);
    assert.deepEqual([await canSend(one, two), await canSend(two, one), await canSend(one, free), await canSend(free, two)], [false, false, true, true]);
    assert.deepEqual([await finds(one, two), await finds(two, one), await finds(one, free)], [false, false, true]);
    assert.ok(!(await one.api.get('/v2/chat/users/me/contacts?page_size=50')).body.contacts.some((c: { id: string }) => c.id === two.id));
    const create = await one.api.post('/v2/chat/users/me/channels', { name: 'Mixed', type: 1, members: [{ email: two.email }] });
    assert.deepEqual(create.body, { code: 5301, message: 'Request to create a channel failed.' });
    const c = (await one.api.post('/v2/chat/users/me/channels', { name: 'Ones', type: 3, members: [{ email: free.email }] })).body.id;
    const invite = await a.api.post(`/v2/chat/users/${one.id}/channels/${c}/members`, { members: [{ email: two.email }] });
    assert.deepEqual(invite.body, { code: 5301, message: 'Request to invite channel members failed.' });
    assert.equal((await two.api.post(`/v2/chat/channels/${c}/members/me`)).body.code, 5301);
    assert.equal((await a.api.get(`/v2/chat/users/${one.id}/channels/${c}/members`)).body.total_records, 2);
    // An admin app is not a party: it searches everyone.
    assert.equal((await a.api.get(`/v2/contacts?search_key=${encodeURIComponent(two.email)}`)).body.contacts.length, 1);
  });

  test('types 1 and 2 with im: group 1 writes to group 2, group 2 may not answer nor find group 1', async () => {
    for (const type of [1, 2] as const) {
      const { one, two } = await barrierScene(type);
      assert.deepEqual([await canSend(one, two), await canSend(two, one)], [true, false], `type ${type}`);
      assert.deepEqual([await finds(one, two), await finds(two, one)], [true, false], `type ${type}`);
      const c = await one.api.post('/v2/chat/users/me/channels', { name: `T${type}`, type: 1, members: [{ email: two.email }] });
      assert.equal(c.body.code, 5301, 'a channel is a conversation both ways');
    }
  });

  test('type 3, im off, or an inactive policy block nothing; deleting the policy lifts a barrier', async () => {
    for (const scene of [await barrierScene(3), await barrierScene(0, false)]) {
      assert.deepEqual([await canSend(scene.one, scene.two), await canSend(scene.two, scene.one)], [true, true]);
    }
    const { a, one, two, policy } = await barrierScene(0);
    const got = (await a.api.get(`/v2/information_barriers/policies/${policy}`)).body;
    assert.equal((await a.api.patch(`/v2/information_barriers/policies/${policy}`, { ...got, status: 0 })).status, 200);
    assert.equal(await canSend(one, two), true);
    assert.equal((await a.api.patch(`/v2/information_barriers/policies/${policy}`, { ...got, status: 1 })).status, 200);
    assert.equal(await canSend(one, two), false);
    assert.equal((await a.api.delete(`/v2/information_barriers/policies/${policy}`)).status, 204);
    assert.equal(await canSend(two, one), true);
  });

  test('a channel holding both sides (made before the policy) refuses posts across it', async () => {
    const a = await chatAccount(s);
    const one = await a.user('One');
    const two = await a.user('Two');
    const c = (await one.api.post('/v2/chat/users/me/channels', { name: 'Before', type: 1, members: [{ email: two.email }] })).body.id;
    const g1 = (await a.api.post('/v2/groups', { name: 'G1' })).body.id;
    const g2 = (await a.api.post('/v2/groups', { name: 'G2' })).body.id;
    await a.api.post(`/v2/groups/${g1}/members`, { members: [{ id: one.id }] });
    await a.api.post(`/v2/groups/${g2}/members`, { members: [{ id: two.id }] });
    await a.api.post('/v2/information_barriers/policies', {
      id: 'x', policy_name: 'Late', assigned_group_id: g1, to_group_id: g2, status: 1, type: 0,
      settings: { complete_phone_calls: false, file_transfer: false, im: true, in_meeting_chat: false, meeting: false, message_via_sms: false, recording: false, screen_share: false },
    });
    assert.equal((await one.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: c })).body.code, 5418);
  });
});
