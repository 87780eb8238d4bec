// Team Chat channels: create (every type), read, update, delete, a user's
// channel list, join and leave, invite, list and remove members, roles, and
// the chat_channel.* events each change queues.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatAccount, events, everyScope, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { expectNoEvents, markEvents } from './helpers/events.ts';

let s: TestServer;
let a: ChatAccount;
let owner: ChatUser;
let bob: ChatUser;
let carol: ChatUser;
before(async () => {
  s = await startServer();
  a = await chatAccount(s);
  owner = await a.user('Olive');
  bob = await a.user('Bob');
  carol = await a.user('Carol');
});
after(() => s.close());

let n = 0;
async function channel(by: ChatUser, body: Record<string, unknown> = {}) {
  const r = await by.api.post('/v2/chat/users/me/channels', { name: `Channel ${++n}`, type: 1, ...body });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; jid: string; name: string; type: number; channel_url: string };
}
const memberEmails = async (id: string, as = owner) =>
  (await a.api.get(`/v2/chat/users/${as.id}/channels/${id}/members?page_size=100`)).body.members.map((m: { email: string }) => m.email).sort();

describe('Create a channel (createChannel)', () => {
  test('answers Zoom\'s id, JID and launch URL; the creator owns it, members join as members; chat_channel.created', async () => {
    const r = await owner.api.post('/v2/chat/users/me/channels', { name: 'Launch', type: 1, members: [{ email: bob.email }, { email: carol.email }] });
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^[0-9a-f]{32}$/);
    assert.equal(r.body.jid, `${r.body.id}@conference.xmpp.zoom.us`);
    assert.match(r.body.channel_url, /^https:\/\/zoom\.us\/launch\/chat\/v2\/[A-Za-z0-9_-]+$/);
    assert.equal(JSON.parse(Buffer.from(r.body.channel_url.split('/').at(-1), 'base64url').toString()).sid, r.body.jid);
    const members = (await a.api.get(`/v2/chat/users/${owner.id}/channels/${r.body.id}/members`)).body;
    assert.equal(members.total_records, 3);
    assert.deepEqual(
      members.members.map((m: { email: string; role: string; member_id: string; id: string }) => [m.email, m.role, m.member_id === m.id.toLowerCase()]).sort(),
      [[owner.email, 'owner', true], [bob.email, 'member', true], [carol.email, 'member', true]].sort(),
    );
    const created = (await events(s, a.accountId, 'chat_channel.created')).at(-1)!.payload.object;
    assert.equal(created.id, r.body.id);
    assert.equal(created.name, 'Launch');
    assert.equal(created.type, 1);
    assert.equal(created.members.length, 3);
    assert.match(created.date_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('each type keeps Zoom\'s fixed settings; defaults as documented', async () => {
    for (const type of [1, 2, 3, 4] as const) {
      const c = await channel(owner, { type, channel_settings: { add_member_permissions: 2, posting_permissions: 2 } });
      const got = (await owner.api.get(`/v2/chat/channels/${c.id}`)).body;
      assert.equal(got.type, type);
      assert.equal(got.channel_settings.add_member_permissions, type >= 3 ? 1 : 2, `type ${type}`);
      assert.equal(got.channel_settings.posting_permissions, 2);
      assert.equal(got.channel_settings.mention_all_permissions, 1);
      assert.equal(got.channel_settings.new_members_can_see_previous_messages_files, true);
      assert.equal(got.channel_settings.allow_to_add_external_users, { 1: 2, 2: 0, 3: 0, 4: 1 }[type]);
      assert.deepEqual(got.channel_settings.designated_posting_members, []);
    }
  });

  test('a new chat (type 4) needs no name; other types do; names are unique per account (300)', async () => {
    const instant = await owner.api.post('/v2/chat/users/me/channels', { type: 4, members: [{ email: bob.email }] });
    assert.equal(instant.status, 201, instant.raw);
    assert.equal(instant.body.name, 'Olive, Bob');
    const unnamed = await owner.api.post('/v2/chat/users/me/channels', { type: 1 });
    assert.equal(unnamed.status, 400);
    assert.equal(unnamed.body.code, 300);
    await channel(owner, { name: 'Unique' });
    const dup = await bob.api.post('/v2/chat/users/me/channels', { name: ' unique ', type: 3 });
    assert.deepEqual(dup.body, { code: 300, message: 'The channel name already exists.' });
  });

  test('bad input writes nothing: unknown member 1001, more than 20 members, a shared space 5407, a bad type 300', async () => {
    const before = (await owner.api.get('/v2/chat/users/me/channels?page_size=1000')).body.total_records;
    const mark = await markEvents(s);
    const unknown = await owner.api.post('/v2/chat/users/me/channels', { name: 'X1', type: 1, members: [{ email: 'nobody@chat.example.com' }] });
    assert.deepEqual([unknown.status, unknown.body.code], [404, 1001]);
    const many = Array.from({ length: 21 }, (_, i) => ({ email: `m${i}@chat.example.com` }));
    assert.equal((await owner.api.post('/v2/chat/users/me/channels', { name: 'X2', type: 1, members: many })).body.code, 300);
    const space = await owner.api.post('/v2/chat/users/me/channels', { name: 'X3', type: 1, shared_space: { space_id: 'abc' } });
    assert.deepEqual([space.status, space.body.code], [404, 5407]);
    assert.equal((await owner.api.post('/v2/chat/users/me/channels', { name: 'X4', type: 9 })).body.code, 300);
    assert.equal((await owner.api.post('/v2/chat/users/me/channels', { name: 'X5', type: 1, members: [{ email: 'not-an-email' }] })).body.code, 300);
    assert.equal((await owner.api.get('/v2/chat/users/me/channels?page_size=1000')).body.total_records, before);
    await expectNoEvents(s, mark);
  });

  test('an admin app creates a channel for any user; an unknown user is 404/1001', async () => {
    const r = await a.api.post(`/v2/chat/users/${carol.id}/channels`, { name: 'For Carol', type: 3 });
    assert.equal(r.status, 201);
    const list = (await carol.api.get('/v2/chat/users/me/channels?page_size=1000')).body.channels.map((c: { id: string }) => c.id);
    assert.ok(list.includes(r.body.id));
    assert.equal((await a.api.post('/v2/chat/users/nobody@chat.example.com/channels', { name: 'Nope', type: 1 })).body.code, 1001);
  });
});

describe("List user's channels (getChannels)", () => {
  test('pages by next_page_token over the channels the user belongs to, without repeats', async () => {
    const u = await a.user('Pager');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await channel(u)).id);
    const seen: string[] = [];
    let token = '';
    do {
      const r = await u.api.get(`/v2/chat/users/me/channels?page_size=2${token ? `&next_page_token=${token}` : ''}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.total_records, 5);
      seen.push(...r.body.channels.map((c: { id: string }) => c.id));
      token = r.body.next_page_token;
    } while (token);
    // Channels joined in the same millisecond come in id order.
    assert.deepEqual([...seen].sort(), [...ids].sort());
    assert.equal(new Set(seen).size, 5);
    assert.equal((await u.api.get('/v2/chat/users/me/channels?next_page_token=garbage')).body.code, 300);
  });
});

describe('Get, update and delete a channel', () => {
  test('members read it; a non-member of a private channel is refused 400/200; a public one any user reads; unknown ids 404/4130', async () => {
    const c = await channel(owner, { members: [{ email: bob.email }] });
    assert.equal((await bob.api.get(`/v2/chat/channels/${c.id}`)).body.name, c.name);
    const refused = await carol.api.get(`/v2/chat/channels/${c.id}`);
    assert.deepEqual([refused.status, refused.body.code], [400, 200]);
    const pub = await channel(owner, { type: 3 });
    assert.equal((await carol.api.get(`/v2/chat/channels/${pub.id}`)).status, 200);
    const unknown = await owner.api.get('/v2/chat/channels/0123456789abcdef0123456789abcdef');
    assert.deepEqual(unknown.body, { code: 4130, message: 'Channel does not exist: 0123456789abcdef0123456789abcdef.' });
    // Account-level: on behalf of a member, or refused for a user outside it.
    assert.equal((await a.api.get(`/v2/chat/users/${bob.id}/channels/${c.id}`)).status, 200);
    assert.equal((await a.api.get(`/v2/chat/users/${carol.id}/channels/${c.id}`)).body.code, 200);
  });

  test('the owner renames it and changes its settings (chat_channel.updated); a member may not (403/200); designated posters must be members', async () => {
    const c = await channel(owner, { members: [{ email: bob.email }] });
    const r = await owner.api.patch(`/v2/chat/channels/${c.id}`, {
      name: 'Renamed',
      channel_settings: { posting_permissions: 3, designated_posting_members: [{ user_id: bob.id }], mention_all_permissions: 2 },
    });
    assert.equal(r.status, 204, r.raw);
    const got = (await owner.api.get(`/v2/chat/channels/${c.id}`)).body;
    assert.equal(got.name, 'Renamed');
    assert.equal(got.channel_settings.posting_permissions, 3);
    assert.deepEqual(got.channel_settings.designated_posting_members, [{ user_id: bob.id, member_id: bob.id.toLowerCase() }]);
    assert.equal((await events(s, a.accountId, 'chat_channel.updated')).at(-1)!.payload.object.name, 'Renamed');
    const byMember = await bob.api.patch(`/v2/chat/channels/${c.id}`, { name: 'Mine now' });
    assert.deepEqual([byMember.status, byMember.body.code], [403, 200]);
    const outsider = await owner.api.patch(`/v2/chat/channels/${c.id}`, { channel_settings: { designated_posting_members: [{ user_id: carol.id }] } });
    assert.deepEqual([outsider.status, outsider.body.code], [400, 5301]);
    assert.equal((await owner.api.get(`/v2/chat/channels/${c.id}`)).body.name, 'Renamed');
    // Account-level update on behalf of the owner.
    assert.equal((await a.api.patch(`/v2/chat/users/${owner.id}/channels/${c.id}`, { type: 3 })).status, 204);
    assert.equal((await owner.api.get(`/v2/chat/channels/${c.id}`)).body.channel_settings.add_member_permissions, 1);
  });

  test('only the owner deletes it (chat_channel.deleted); its members and messages go with it', async () => {
    const c = await channel(owner, { members: [{ email: bob.email }] });
    await owner.api.post('/v2/chat/users/me/messages', { message: 'bye', to_channel: c.id });
    assert.equal((await bob.api.delete(`/v2/chat/channels/${c.id}`)).body.code, 200);
    assert.equal((await owner.api.delete(`/v2/chat/channels/${c.id}`)).status, 204);
    assert.equal((await owner.api.get(`/v2/chat/channels/${c.id}`)).status, 404);
    assert.equal((await events(s, a.accountId, 'chat_channel.deleted')).at(-1)!.payload.object.id, c.id);
    const c2 = await channel(owner);
    assert.equal((await a.api.delete(`/v2/chat/users/${owner.id}/channels/${c2.id}`)).status, 204);
  });
});

describe('Join and leave', () => {
  test('anyone joins a public channel once (chat_channel.member_joined); private channels need an invitation (5301)', async () => {
    const pub = await channel(owner, { type: 3 });
    const joined = await carol.api.post(`/v2/chat/channels/${pub.id}/members/me`);
    assert.equal(joined.status, 201);
    assert.deepEqual([joined.body.id, joined.body.member_id], [carol.id, carol.id.toLowerCase()]);
    assert.equal((await carol.api.post(`/v2/chat/channels/${pub.id}/members/me`)).body.code, 5301);
    assert.equal((await events(s, a.accountId, 'chat_channel.member_joined')).at(-1)!.payload.operator_id, carol.id);
    const priv = await channel(owner);
    assert.deepEqual((await carol.api.post(`/v2/chat/channels/${priv.id}/members/me`)).body, { code: 5301, message: 'The request to join the channel failed.' });
    assert.deepEqual(await memberEmails(priv.id), [owner.email]);
    // An account-level app has no "me".
    assert.equal((await a.api.post(`/v2/chat/channels/${pub.id}/members/me`)).body.code, 1001);
  });

  test('a member leaves (chat_channel.member_left); the owner and non-members cannot (5301)', async () => {
    const c = await channel(owner, { members: [{ email: bob.email }] });
    assert.equal((await bob.api.delete(`/v2/chat/channels/${c.id}/members/me`)).status, 204);
    assert.deepEqual(await memberEmails(c.id), [owner.email]);
    assert.equal((await bob.api.delete(`/v2/chat/channels/${c.id}/members/me`)).body.code, 5301);
    assert.equal((await owner.api.delete(`/v2/chat/channels/${c.id}/members/me`)).body.code, 5301);
    assert.equal((await events(s, a.accountId, 'chat_channel.member_left')).at(-1)!.payload.object.id, c.id);
  });
});

describe('Invite, list and remove members', () => {
  test('members invite by email (chat_channel.member_invited); present members are skipped; add_member_permissions 2 keeps it to the owner and admins', async () => {
    const c = await channel(owner);
    const r = await a.api.post(`/v2/chat/users/${owner.id}/channels/${c.id}/members`, { members: [{ email: bob.email }] });
    assert.equal(r.status, 201);
    assert.deepEqual([r.body.ids, r.body.member_ids], [bob.id, bob.id.toLowerCase()]);
    const again = await a.api.post(`/v2/chat/users/${bob.id}/channels/${c.id}/members`, { members: [{ email: bob.email }, { email: carol.email }] });
    assert.equal(again.body.ids, carol.id);
    const invited = (await events(s, a.accountId, 'chat_channel.member_invited')).at(-1)!.payload.object.members;
    assert.deepEqual(invited.map((m: { id: string }) => m.id), [carol.id]);
    assert.match(invited[0].display_name, /^Carol/);
    const locked = await channel(owner, { channel_settings: { add_member_permissions: 2 }, members: [{ email: bob.email }] });
    const dave = await a.user('Dave');
    const refused = await a.api.post(`/v2/chat/users/${bob.id}/channels/${locked.id}/members`, { members: [{ email: dave.email }] });
    assert.equal(refused.body.code, 200);
    assert.deepEqual(await memberEmails(locked.id), [owner.email, bob.email].sort());
  });

  test('the owner removes a member by email, id or member id (chat_channel.member_removed); members cannot remove; the owner stays', async () => {
    const dave = await a.user('Dave');
    const c = await channel(owner, { members: [{ email: bob.email }, { email: carol.email }, { email: dave.email }] });
    assert.equal((await bob.api.delete(`/v2/chat/channels/${c.id}/members/${carol.id}`)).body.code, 200);
    assert.equal((await owner.api.delete(`/v2/chat/channels/${c.id}/members/${carol.email}`)).status, 204);
    const byMemberId = await owner.api.delete(`/v2/chat/channels/${c.id}/members/${bob.id.toLowerCase()}`);
    assert.equal(byMemberId.status, 204, byMemberId.raw + bob.id);
    assert.equal((await a.api.delete(`/v2/chat/users/${owner.id}/channels/${c.id}/members/${dave.id}`)).status, 204);
    assert.deepEqual(await memberEmails(c.id), [owner.email]);
    assert.equal((await owner.api.delete(`/v2/chat/channels/${c.id}/members/${owner.id}`)).body.code, 5301);
    assert.equal((await owner.api.delete(`/v2/chat/channels/${c.id}/members/${carol.id}`)).body.code, 5301);
    const removed = (await events(s, a.accountId, 'chat_channel.member_removed')).at(-1)!.payload.object;
    assert.deepEqual(removed.members.map((m: { id: string }) => m.id), [dave.id]);
  });

  test('member lists page by next_page_token; a user outside a private channel may not list it (400/200)', async () => {
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await a.user('Member'));
    const c = await channel(owner, { members: users.map((u) => ({ email: u.email })) });
    const first = (await a.api.get(`/v2/chat/users/${owner.id}/channels/${c.id}/members?page_size=3`)).body;
    assert.equal(first.total_records, 5);
    const second = (await a.api.get(`/v2/chat/users/${owner.id}/channels/${c.id}/members?page_size=3&next_page_token=${first.next_page_token}`)).body;
    assert.equal(second.members.length, 2);
    assert.equal(second.next_page_token, '');
    assert.equal((await a.api.get(`/v2/chat/users/${carol.id}/channels/${c.id}/members`)).body.code, 200);
  });

  test('a deleted user drops out of the member list', async () => {
    const gone = await a.user('Gone');
    const c = await channel(owner, { members: [{ email: gone.email }] });
    assert.equal((await a.api.delete(`/v2/users/${gone.id}?action=delete`)).status, 204);
    assert.deepEqual(await memberEmails(c.id), [owner.email]);
  });
});

describe('Admins and Members of the account', () => {
  test("an Admin's user-level token with admin scopes reads and manages any channel; a Member's with admin scopes is refused 400/200", async () => {
    const admin = await a.user('Admin');
    assert.equal((await a.api.post('/v2/roles/1/members', { members: [{ id: admin.id }] })).status, 201);
    const adminApi = await a.token(admin.id, everyScope(s).filter((x) => x.endsWith(':admin')));
    const memberApi = await a.token(carol.id, everyScope(s).filter((x) => x.endsWith(':admin')));
    const c = await channel(owner, { members: [{ email: bob.email }] });
    assert.equal((await adminApi.get(`/v2/chat/channels/${c.id}`)).status, 200);
    assert.equal((await adminApi.get(`/v2/chat/users/${bob.id}/channels`)).status, 200);
    assert.equal((await adminApi.delete(`/v2/chat/channels/${c.id}/members/${bob.id}`)).status, 204);
    for (const r of [
      await memberApi.get(`/v2/chat/channels/${c.id}`),
      await memberApi.get(`/v2/chat/users/${owner.id}/channels`),
      await memberApi.delete(`/v2/chat/channels/${c.id}`),
      await memberApi.post(`/v2/chat/users/${owner.id}/channels/${c.id}/members`, { members: [{ email: carol.email }] }),
    ]) assert.deepEqual(r.body, { code: 200, message: 'No permission.' });
    assert.deepEqual(await memberEmails(c.id), [owner.email]);
  });
});

describe('Reach of a user-level token', () => {
  test("the admin scopes the providers honour are exactly each operation's in the contract", async () => {
    const { ADMIN_SCOPES } = await import('../src/api/chat/common.ts');
    for (const [operationId, scopes] of Object.entries(ADMIN_SCOPES)) {
      const op = s.contract.operations.find((o) => o.operationId === operationId)!;
      assert.deepEqual([...scopes].sort(), [...op.scopes, ...op.granularScopes].filter((x) => x.endsWith(':admin')).sort(), operationId);
    }
  });

  test("an admin scope of another operation does not open another user's private channel", async () => {
    const c = await channel(owner);
    const sneaky = await a.token(carol.id, ['chat_channel:read', 'team_chat:read:channel', 'team_chat:read:list_user_messages:admin', 'chat_message:read:admin']);
    assert.deepEqual((await sneaky.get(`/v2/chat/channels/${c.id}`)).body.code, 200);
  });
});

describe('Get a channel answers from its kept answer, never stale', () => {
  test('every way the API changes a channel shows on the next read; a deleted one answers 404', async () => {
    const c = await channel(owner, { members: [{ email: bob.email }, { email: carol.email }] });
    const read = async () => (await a.api.get(`/v2/chat/channels/${c.id}`)).body;
    const readAs = async (u: ChatUser) => (await a.api.get(`/v2/chat/users/${u.id}/channels/${c.id}`)).body;
    assert.equal((await read()).name, c.name);
    assert.equal((await readAs(bob)).name, c.name);
    await owner.api.patch(`/v2/chat/channels/${c.id}`, { name: 'Kept 1' });
    assert.equal((await read()).name, 'Kept 1');
    await a.api.patch(`/v2/chat/users/${owner.id}/channels/${c.id}`, { channel_settings: { posting_permissions: 3, designated_posting_members: [{ user_id: bob.id }, { user_id: carol.id }] } });
    assert.deepEqual((await readAs(bob)).channel_settings.designated_posting_members.map((m: { user_id: string }) => m.user_id), [bob.id, carol.id]);
    // Leaving and removal drop a designated poster.
    await bob.api.delete(`/v2/chat/channels/${c.id}/members/me`);
    await owner.api.delete(`/v2/chat/channels/${c.id}/members/${carol.id}`);
    assert.deepEqual((await read()).channel_settings.designated_posting_members, []);
    await owner.api.patch(`/v2/chat/channels/${c.id}`, { type: 3 });
    assert.equal((await read()).type, 3);
    // A user who left reads the (now public) channel; a private one would be refused.
    assert.equal((await readAs(bob)).name, 'Kept 1');
    await owner.api.patch(`/v2/chat/channels/${c.id}`, { type: 1 });
    assert.equal((await readAs(bob)).code, 200);
    await owner.api.delete(`/v2/chat/channels/${c.id}`);
    assert.equal((await a.api.get(`/v2/chat/channels/${c.id}`)).status, 404);
  });
});
