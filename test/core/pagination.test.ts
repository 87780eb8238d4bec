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
