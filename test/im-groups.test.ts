// IM directory groups: create, read, update, delete, list, and their members
// (add, list by token or page number, remove), with the users' im_group_ids.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chatAccount, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let a: ChatAccount;
before(async () => {
  s = await startServer();
  a = await chatAccount(s);
});
after(() => s.close());

test('create, read, rename, list and delete IM groups; names are unique (409/4132); unknown ids are 404/4130', async () => {
  const r = await a.api.post('/v2/im/groups', { name: 'Engineering', search_by_domain: true });
  assert.equal(r.status, 201, r.raw);
  assert.deepEqual(r.body, { id: r.body.id, name: 'Engineering', total_members: 0, type: 'normal', search_by_account: true, search_by_domain: true, search_by_ma_account: false });
  assert.deepEqual((await a.api.get(`/v2/im/groups/${r.body.id}`)).body, r.body);
  assert.deepEqual((await a.api.post('/v2/im/groups', { name: ' engineering ' })).body, { code: 4132, message: 'Group name engineering is already in use.' });
  const other = (await a.api.post('/v2/im/groups', { name: 'Sales', type: 'restricted' })).body;
  assert.equal(other.type, 'restricted');
  assert.equal((await a.api.patch(`/v2/im/groups/${other.id}`, { name: 'Engineering' })).status, 409);
  assert.equal((await a.api.patch(`/v2/im/groups/${other.id}`, { name: 'Field sales', search_by_ma_account: true })).status, 204);
  const list = (await a.api.get('/v2/im/groups')).body;
  assert.deepEqual(list.groups.map((g: { name: string }) => g.name), ['Engineering', 'Field sales']);
  assert.equal(list.total_records, 2);
  assert.equal((await a.api.delete(`/v2/im/groups/${other.id}`)).status, 204);
  assert.deepEqual((await a.api.get(`/v2/im/groups/${other.id}`)).body, { code: 4130, message: `IM group does not exist: ${other.id}.` });
  assert.equal((await a.api.post('/v2/im/groups', { name: '  ' })).body.code, 300);
  assert.equal((await a.api.post('/v2/im/groups', { name: 'x', type: 'odd' })).body.code, 300);
  assert.equal((await a.api.get('/v2/im/groups')).body.total_records, 1);
});

test('members: add by id or email (at most 10), list by token and by page number, remove; im_group_ids follow', async () => {
  const g = (await a.api.post('/v2/im/groups', { name: 'Members' })).body.id;
  const users: ChatUser[] = [];
  for (let i = 0; i < 4; i++) users.push(await a.user('Im'));
  const added = await a.api.post(`/v2/im/groups/${g}/members`, { members: [{ id: users[0]!.id }, { email: users[1]!.email }, { id: users[2]!.id }, { id: users[3]!.id }] });
  assert.equal(added.status, 201, added.raw);
  assert.equal(added.body.ids.split(',').length, 4);
  assert.equal((await a.api.post(`/v2/im/groups/${g}/members`, { members: [{ id: users[0]!.id }] })).body.ids, '');
  assert.deepEqual((await a.api.get(`/v2/users/${users[0]!.id}`)).body.im_group_ids, [g]);
  const first = (await a.api.get(`/v2/im/groups/${g}/members?page_size=3`)).body;
  assert.deepEqual([first.total_records, first.page_count, first.members.length], [4, 2, 3]);
  const next = (await a.api.get(`/v2/im/groups/${g}/members?page_size=3&next_page_token=${first.next_page_token}`)).body;
  const page2 = (await a.api.get(`/v2/im/groups/${g}/members?page_size=3&page_number=2`)).body;
  assert.deepEqual(next.members, page2.members);
  assert.deepEqual([...first.members, ...next.members].map((m: { id: string }) => m.id).sort(), users.map((u) => u.id).sort());
  assert.equal((await a.api.delete(`/v2/im/groups/${g}/members/${users[0]!.id}`)).status, 204);
  assert.deepEqual((await a.api.get(`/v2/users/${users[0]!.id}`)).body.im_group_ids, []);
  assert.equal((await a.api.delete(`/v2/im/groups/${g}/members/${users[0]!.id}`)).body.code, 4131);
  // Bad input adds nobody.
  const many = Array.from({ length: 11 }, () => ({ id: users[1]!.id }));
  assert.equal((await a.api.post(`/v2/im/groups/${g}/members`, { members: many })).body.code, 300);
  assert.equal((await a.api.post(`/v2/im/groups/${g}/members`, { members: [{ id: users[0]!.id }, { email: 'nobody@chat.example.com' }] })).body.code, 1001);
  assert.equal((await a.api.post(`/v2/im/groups/${g}/members`, { members: [] })).body.code, 300);
  assert.equal((await a.api.get(`/v2/im/groups/${g}/members`)).body.total_records, 3);
  // Deleting the group clears every member's im_group_ids.
  assert.equal((await a.api.delete(`/v2/im/groups/${g}`)).status, 204);
  assert.deepEqual((await a.api.get(`/v2/users/${users[1]!.id}`)).body.im_group_ids, []);
});

test('free accounts are refused (400/200); a Member cannot manage IM groups (400/200)', async () => {
  const free = await chatAccount(s, 'free');
  assert.deepEqual((await free.api.post('/v2/im/groups', { name: 'Nope' })).body, { code: 200, message: 'Only available for Paid account.' });
  assert.equal((await free.api.get('/v2/im/groups')).body.code, 200);
  const member = await a.user('Plain', ['imgroup:write:admin', 'imgroup:read:admin']);
  assert.deepEqual((await member.api.post('/v2/im/groups', { name: 'Mine' })).body, { code: 200, message: 'No permission.' });
  assert.deepEqual((await member.api.get('/v2/im/groups')).body, { code: 200, message: 'No permission.' });
});
