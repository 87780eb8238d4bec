// Races on Team Chat's unique things: one channel name, one membership, one IM
// group name, one external contact. Exactly one writer wins; the others get
// Zoom's answer for the duplicate, never a 500, and nothing is written twice.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chatAccount, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let a: ChatAccount;
let ann: ChatUser;
before(async () => {
  s = await startServer();
  a = await chatAccount(s);
  ann = await a.user('Ann');
});
after(() => s.close());

const N = 8;
const tally = (rs: Array<{ status: number; body: { code?: number } }>) => rs.map((r) => (r.status < 300 ? 'ok' : `${r.status}/${r.body.code}`)).sort();

test('eight creates of one channel name: one channel, the others 400/300', async () => {
  const rs = await Promise.all(Array.from({ length: N }, () => a.api.post(`/v2/chat/users/${ann.id}/channels`, { name: 'Race', type: 3 })));
  assert.deepEqual(tally(rs), ['400/300', '400/300', '400/300', '400/300', '400/300', '400/300', '400/300', 'ok']);
  const names = (await ann.api.get('/v2/chat/users/me/channels?page_size=100')).body.channels.filter((c: { name: string }) => c.name === 'Race');
  assert.equal(names.length, 1);
});

test('eight joins of one user to one public channel: one membership, the others 400/5301', async () => {
  const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Joinable', type: 3 })).body.id;
  const ben = await a.user('Ben');
  const rs = await Promise.all(Array.from({ length: N }, () => ben.api.post(`/v2/chat/channels/${c}/members/me`)));
  assert.deepEqual(tally(rs).filter((x) => x === 'ok').length, 1);
  assert.ok(tally(rs).every((x) => x === 'ok' || x === '400/5301'), tally(rs).join());
  assert.equal((await a.api.get(`/v2/chat/users/${ann.id}/channels/${c}/members`)).body.total_records, 2);
});

test('eight creates of one IM group name: one group, the others 409/4132; eight adds of one external contact: one', async () => {
  const rs = await Promise.all(Array.from({ length: N }, () => a.api.post('/v2/im/groups', { name: 'Racers' })));
  assert.equal(tally(rs).filter((x) => x === 'ok').length, 1);
  assert.ok(tally(rs).every((x) => x === 'ok' || x === '409/4132'), tally(rs).join());
  assert.equal((await a.api.get('/v2/im/groups')).body.groups.filter((g: { name: string }) => g.name === 'Racers').length, 1);
  const adds = await Promise.all(Array.from({ length: N }, () => s.client.post('/_openzoom/chat/contacts', { account_id: a.accountId, user: ann.id, email: 'same@elsewhere.example.org' })));
  assert.equal(adds.filter((r) => r.status === 201).length, 1);
  assert.ok(adds.every((r) => r.status === 201 || r.status === 409), adds.map((r) => r.status).join());
  assert.equal((await ann.api.get('/v2/chat/users/me/contacts?type=external')).body.contacts.length, 1);
});

test('eight senders at once in one channel: every message kept, each listed once', async () => {
  const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Chatty', type: 1 })).body.id;
  const rs = await Promise.all(Array.from({ length: N }, (_, i) => ann.api.post('/v2/chat/users/me/messages', { message: `m${i}`, to_channel: c })));
  assert.ok(rs.every((r) => r.status === 201));
  const listed = (await ann.api.get(`/v2/chat/users/me/messages?to_channel=${c}&page_size=50`)).body.messages.map((m: { id: string }) => m.id);
  assert.deepEqual(listed.sort(), rs.map((r) => r.body.id).sort());
});
