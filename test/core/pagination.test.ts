// next_page_token: opaque, bound to the query, valid 15 minutes, "" on the
// last page; page_number where the operation has it; page_size capped.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
  for (let i = 0; i < 11; i++) {
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `page${i}@example.com`, type: 1 } });
    assert.equal(r.status, 201);
  }
});
after(() => s.close());

test('walking next_page_token visits every user once, ending with ""', async () => {
  const seen: string[] = [];
  let token = '';
  let pages = 0;
  do {
    const r = await s.api.get(`/v2/users?page_size=5${token ? `&next_page_token=${token}` : ''}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.page_size, 5);
    assert.equal(r.body.total_records, 12);
    seen.push(...r.body.users.map((u: { id: string }) => u.id));
    token = r.body.next_page_token;
    pages++;
  } while (token !== '');
  assert.equal(pages, 3);
  assert.equal(new Set(seen).size, 12);
});

test('page_number pages and page_count', async () => {
  const r = await s.api.get('/v2/users?page_size=5&page_number=3');
  assert.equal(r.body.page_number, 3);
  assert.equal(r.body.page_count, 3);
  assert.equal(r.body.users.length, 2);
  const beyond = await s.api.get('/v2/users?page_size=5&page_number=9');
  assert.deepEqual(beyond.body.users, []);
  const zero = await s.api.get('/v2/users?page_number=0');
  assert.equal(zero.body.code, 300);
});

test('page_size defaults to 30 and is capped at the operation maximum', async () => {
  assert.equal((await s.api.get('/v2/users')).body.page_size, 30);
  assert.equal((await s.api.get('/v2/users?page_size=5000')).body.page_size, 2000);
});

test('a token is bound to its query: another filter or a forged token answers 300', async () => {
  const first = await s.api.get('/v2/users?page_size=5');
  const other = await s.api.get(`/v2/users?page_size=5&status=pending&next_page_token=${first.body.next_page_token}`);
  assert.equal(other.status, 400);
  assert.deepEqual(other.body, { code: 300, message: 'The next page token is invalid or expired.' });
  const forged = await s.api.get('/v2/users?next_page_token=IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2');
  assert.equal(forged.body.code, 300);
});

test("a list is also its path: one group's total or token never answers for another group", async () => {
  const users = (await s.api.get('/v2/users?page_size=5')).body.users.map((u: { id: string }) => ({ id: u.id }));
  const a = (await s.api.post('/v2/groups', { name: 'Paged A' })).body.id;
  const b = (await s.api.post('/v2/groups', { name: 'Paged B' })).body.id;
  assert.equal((await s.api.post(`/v2/groups/${a}/members`, { members: users })).status, 201);
  assert.equal((await s.api.post(`/v2/groups/${b}/members`, { members: users.slice(0, 2) })).status, 201);
  const pageA = await s.api.get(`/v2/groups/${a}/members?page_size=2`);
  assert.equal(pageA.body.total_records, 5);
  // Within the seconds A's count is kept, B counts its own members.
  assert.equal((await s.api.get(`/v2/groups/${b}/members?page_size=2`)).body.total_records, 2);
  const crossed = await s.api.get(`/v2/groups/${b}/members?page_size=2&next_page_token=${pageA.body.next_page_token}`);
  assert.equal(crossed.status, 400);
  assert.deepEqual(crossed.body, { code: 300, message: 'The next page token is invalid or expired.' });
});

test('a token expires after 15 minutes on the server clock', async () => {
  const first = await s.api.get('/v2/users?page_size=5');
  const fresh = await s.api.get(`/v2/users?page_size=5&next_page_token=${first.body.next_page_token}`);
  assert.equal(fresh.status, 200);
  s.clock.advance(15 * 60 * 1000 + 1000);
  try {
    const stale = await s.api.get(`/v2/users?page_size=5&next_page_token=${first.body.next_page_token}`);
    // The bearer token (1 hour) is still valid; the page token is not.
    assert.equal(stale.status, 400);
    assert.equal(stale.body.code, 300);
  } finally {
    s.clock.reset();
  }
});

test('a token of one account does not page another account', async () => {
  const first = await s.api.get('/v2/users?page_size=5');
  const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
  const r = await api.get(`/v2/users?page_size=5&next_page_token=${first.body.next_page_token}`);
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 300);
});

test('keyset pages: a user created or removed mid-walk neither repeats nor skips the others; the walk keeps its total', async () => {
  const first = await s.api.get('/v2/users?page_size=5');
  const firstIds = first.body.users.map((u: { id: string }) => u.id);
  // A row that sorts before the cursor (removed) and one that sorts after it (created).
  const removed = first.body.users.find((u: { email: string }) => u.email.startsWith('page')).id;
  assert.equal((await s.api.delete(`/v2/users/${removed}?action=delete`)).status, 204);
  // Created a second later, so it sorts after every user already listed (ties go by id).
  s.clock.advance(1000);
  const added = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'midwalk@example.com', type: 1 } });
  const rest: string[] = [];
  let token = first.body.next_page_token;
  while (token) {
    const r = await s.api.get(`/v2/users?page_size=5&next_page_token=${token}`);
    assert.equal(r.body.total_records, first.body.total_records, 'the total travels with the token');
    rest.push(...r.body.users.map((u: { id: string }) => u.id));
    token = r.body.next_page_token;
  }
  const all = [...firstIds, ...rest];
  assert.equal(new Set(all).size, all.length, 'no user twice');
  assert.ok(rest.includes(added.body.id), 'the new user, sorting last, is on a later page');
  // A new first page counts again after the writes.
  assert.equal((await s.api.get('/v2/users?page_size=5')).body.total_records, first.body.total_records);
  await s.api.delete(`/v2/users/${added.body.id}?action=delete`);
  assert.equal((await s.api.get('/v2/users?page_size=5')).body.total_records, first.body.total_records - 1);
});

test('list entries follow every change of the user: profile, status, role', async () => {
  const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'fresh@example.com', type: 1 } });
  const find = async (query = '') =>
    (await s.api.get(`/v2/users?page_size=300${query}`)).body.users.find((x: { id: string }) => x.id === u.body.id);
  await s.api.patch(`/v2/users/${u.body.id}`, { first_name: 'Renamed', dept: 'Listing' });
  assert.deepEqual([(await find()).first_name, (await find()).dept], ['Renamed', 'Listing']);
  const roles = await s.api.get('/v2/roles');
  const admin = roles.body.roles.find((r: { name: string }) => r.name === 'Admin');
  await s.api.post(`/v2/roles/${admin.id}/members`, { members: [{ id: u.body.id }] });
  assert.equal((await find(`&role_id=${admin.id}`)).role_id, admin.id);
  const member = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'leaving@example.com', type: 1 } });
  assert.ok((await s.api.put(`/v2/users/${member.body.id}/status`, { action: 'deactivate' })).status < 300);
  const listed = async (id: string, query: string) =>
    (await s.api.get(`/v2/users?page_size=300${query}`)).body.users.find((x: { id: string }) => x.id === id);
  assert.equal(await listed(member.body.id, ''), undefined);
  assert.equal((await listed(member.body.id, '&status=inactive')).status, 'inactive');
});
