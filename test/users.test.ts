// Users: List users, Create users, Get a user, Update a user, Delete a user.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const create = (email: string, extra: Record<string, unknown> = {}, action = 'custCreate') =>
  s.api.post('/v2/users', { action, user_info: { email, type: 1, first_name: 'Ada', last_name: 'Lovelace', ...extra } });

describe('Create users (userCreate)', () => {
  test('creates a user and answers 201 with id, email, names and type', async () => {
    const r = await create('ada@example.com');
    assert.equal(r.status, 201);
    assert.equal(r.body.email, 'ada@example.com');
    assert.equal(r.body.first_name, 'Ada');
    assert.equal(r.body.type, 1);
    assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
  });

  test('create leaves the user pending until confirmed; custCreate, autoCreate and ssoCreate are active', async () => {
    const pending = await create('pending@example.com', {}, 'create');
    const got = await s.api.get(`/v2/users/${pending.body.id}`);
    assert.equal(got.body.status, 'pending');
    assert.equal(got.body.verified, 0);
    for (const [action, extra] of [['custCreate', {}], ['autoCreate', { password: 'Secret123!' }], ['ssoCreate', {}]] as const) {
      const r = await create(`${action.toLowerCase()}@example.com`, extra, action);
      assert.equal(r.status, 201, r.raw);
      const u = await s.api.get(`/v2/users/${r.body.id}`);
      assert.equal(u.body.status, 'active', action);
    }
  });

  test('login types follow the action: 99 for API users, 101 for SSO', async () => {
    const api = await create('api-user@example.com', {}, 'custCreate');
    const sso = await create('sso-user@example.com', {}, 'ssoCreate');
    assert.deepEqual((await s.api.get(`/v2/users/${api.body.id}`)).body.login_types, [99]);
    assert.deepEqual((await s.api.get(`/v2/users/${sso.body.id}`)).body.login_types, [101]);
  });

  test('autoCreate without a password is refused with 300', async () => {
    const r = await create('nopass@example.com', {}, 'autoCreate');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });

  test('an email already in the account answers 409/1005, case-insensitively, and writes nothing', async () => {
    await create('dup@example.com');
    const before = (await s.api.get('/v2/users?page_size=300')).body.total_records;
    const r = await create('DUP@example.com');
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 1005);
    assert.equal((await s.api.get('/v2/users?page_size=300')).body.total_records, before);
  });

  test('missing action, missing user_info.email and a wrong type answer 300 naming the fields', async () => {
    const noAction = await s.api.post('/v2/users', { user_info: { email: 'x@example.com', type: 1 } });
    assert.equal(noAction.status, 400);
    assert.deepEqual(noAction.body.errors.map((e: { field: string }) => e.field), ['action']);
    const noEmail = await s.api.post('/v2/users', { action: 'create', user_info: { type: 1 } });
    assert.deepEqual(noEmail.body.errors.map((e: { field: string }) => e.field), ['user_info.email']);
    const badType = await s.api.post('/v2/users', { action: 'create', user_info: { email: 'y@example.com', type: 3 } });
    assert.equal(badType.body.code, 300);
    assert.deepEqual(badType.body.errors.map((e: { field: string }) => e.field), ['user_info.type']);
  });

  test('an invalid email address answers 300', async () => {
    const r = await create('not-an-email');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });

  test('Licensed users are limited by the plan seats (2034), Basic users are not', async () => {
    const small = await s.client.post('/_openzoom/accounts', { plan: 'pro', seats: 2 });
    const api = await s.client.withCredentials(small.body.account_id, small.body.client_id, small.body.client_secret);
    // The owner holds one of the two seats.
    const first = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'l1@example.com', type: 2 } });
    assert.equal(first.status, 201);
    const second = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'l2@example.com', type: 2 } });
    assert.equal(second.status, 400);
    assert.equal(second.body.code, 2034);
    const basic = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'b1@example.com', type: 1 } });
    assert.equal(basic.status, 201);
  });
});

describe('Get a user (user)', () => {
  test('by id and by email, with the full Zoom shape', async () => {
    const c = await create('grace@example.com', { first_name: 'Grace', last_name: 'Hopper' });
    const byId = await s.api.get(`/v2/users/${c.body.id}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.display_name, 'Grace Hopper');
    assert.equal(byId.body.account_id, s.demo!.accountId);
    assert.equal(byId.body.role_name, 'Member');
    assert.match(String(byId.body.pmi), /^\d{10}$/);
    assert.ok(byId.body.personal_meeting_url.endsWith(`/j/${byId.body.pmi}`));
    const byEmail = await s.api.get('/v2/users/grace@example.com');
    assert.equal(byEmail.body.id, c.body.id);
  });

  test('an unknown id answers 404/1001 naming it', async () => {
    const r = await s.api.get('/v2/users/doesNotExist000000000a');
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 1001, message: 'User does not exist: doesNotExist000000000a.' });
  });

  test('`me` with an account-level token is an unknown user, as in Zoom', async () => {
    const r = await s.api.get('/v2/users/me');
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { code: 1001, message: 'User does not exist: me.' });
  });
});

describe('Update a user (userUpdate)', () => {
  test('updates profile fields and answers 204; a GET shows them', async () => {
    const c = await create('update-me@example.com');
    const r = await s.api.patch(`/v2/users/${c.body.id}`, { first_name: 'Augusta', dept: 'Engineering', job_title: 'Analyst', timezone: 'Europe/London' });
    assert.equal(r.status, 204);
    const u = await s.api.get(`/v2/users/${c.body.id}`);
    assert.equal(u.body.first_name, 'Augusta');
    assert.equal(u.body.display_name, 'Augusta Lovelace');
    assert.equal(u.body.dept, 'Engineering');
    assert.equal(u.body.job_title, 'Analyst');
    assert.equal(u.body.timezone, 'Europe/London');
  });

  test('phone numbers read back with verified: false (nothing here verifies numbers); verified cannot be set', async () => {
    const c = await create('phones@example.com');
    const numbers = [{ code: '+1', country: 'US', label: 'Mobile', number: '8005550100' }, { country: 'GB', label: 'Office', number: '2079460000' }];
    assert.equal((await s.api.patch(`/v2/users/${c.body.id}`, { phone_numbers: numbers.map((x, i) => (i === 0 ? { ...x, verified: true } : x)) })).status, 204);
    const got = (await s.api.get(`/v2/users/${c.body.id}`)).body.phone_numbers;
    assert.deepEqual(got, numbers.map((x) => ({ ...x, verified: false })));
  });

  test('a PMI must be 10 digits; a wrong type answers 300 and writes nothing', async () => {
    const c = await create('pmi@example.com');
    const before = (await s.api.get(`/v2/users/${c.body.id}`)).body;
    const ok = await s.api.patch(`/v2/users/${c.body.id}`, { pmi: 3216549870 });
    assert.equal(ok.status, 204);
    assert.equal((await s.api.get(`/v2/users/${c.body.id}`)).body.pmi, 3216549870);
    const bad = await s.api.patch(`/v2/users/${c.body.id}`, { pmi: 123, first_name: 'Changed' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 300);
    const wrongType = await s.api.patch(`/v2/users/${c.body.id}`, { first_name: 42 });
    assert.equal(wrongType.body.code, 300);
    const afterBad = (await s.api.get(`/v2/users/${c.body.id}`)).body;
    assert.equal(afterBad.first_name, before.first_name);
  });

  test('an unknown group id answers 404/4130', async () => {
    const c = await create('group@example.com');
    const r = await s.api.patch(`/v2/users/${c.body.id}`, { group_id: 'noSuchGroup' });
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 4130);
  });

  test('an unknown user answers 404/1001', async () => {
    const r = await s.api.patch('/v2/users/nobody000000000000000x', { first_name: 'X' });
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1001);
  });
});

describe('Delete a user (userDelete)', () => {
  test('deletes (and disassociates) a user: 204, then 404', async () => {
    for (const action of ['delete', 'disassociate']) {
      const c = await create(`gone-${action}@example.com`);
      const r = await s.api.delete(`/v2/users/${c.body.id}?action=${action}`);
      assert.equal(r.status, 204);
      assert.equal((await s.api.get(`/v2/users/${c.body.id}`)).status, 404);
    }
  });

  test('the account owner cannot be deleted', async () => {
    const owner = (await s.api.get('/v2/users?role_id=0')).body.users[0];
    const r = await s.api.delete(`/v2/users/${owner.id}`);
    assert.equal(r.status, 400);
    assert.equal((await s.api.get(`/v2/users/${owner.id}`)).status, 200);
  });

  test('transfer_email must be another user of the account', async () => {
    const c = await create('transfer-from@example.com');
    const same = await s.api.delete(`/v2/users/${c.body.id}?transfer_email=transfer-from@example.com&transfer_meeting=true`);
    assert.equal(same.status, 400);
    const unknown = await s.api.delete(`/v2/users/${c.body.id}?transfer_email=nobody@example.com`);
    assert.equal(unknown.status, 404);
    assert.equal((await s.api.get(`/v2/users/${c.body.id}`)).status, 200);
    const invalidAction = await s.api.delete(`/v2/users/${c.body.id}?action=vaporize`);
    assert.equal(invalidAction.body.code, 300);
  });
});

describe('List users (users)', () => {
  test('lists active users by default; status and role_id filter', async () => {
    const p = await create('list-pending@example.com', {}, 'create');
    const active = await s.api.get('/v2/users?page_size=300');
    assert.ok(active.body.users.every((u: { status: string }) => u.status === 'active'));
    assert.ok(!active.body.users.some((u: { id: string }) => u.id === p.body.id));
    const pending = await s.api.get('/v2/users?status=pending');
    assert.ok(pending.body.users.some((u: { id: string }) => u.id === p.body.id));
    const owners = await s.api.get('/v2/users?role_id=0');
    assert.equal(owners.body.users.length, 1);
    assert.equal(owners.body.users[0].email, 'owner@example.com');
  });

  test('include_fields=host_key adds the host key', async () => {
    const r = await s.api.get('/v2/users?include_fields=host_key');
    assert.match(r.body.users[0].host_key, /^\d{6}$/);
    const plain = await s.api.get('/v2/users');
    assert.equal(plain.body.users[0].host_key, undefined);
  });

  test('a page answered again is the same page until a user changes: added, updated, moved to a group, deleted', async () => {
    const page = async (q = 'page_size=300') => (await s.api.get(`/v2/users?${q}`)).body as { users: Array<{ email: string; dept: string; group_ids?: string[] }>; total_records: number; next_page_token: string };
    const first = await page();
    assert.deepEqual(await page(), first);
    const u = await create('list-kept@example.com');
    const added = await page();
    assert.equal(added.total_records, first.total_records + 1);
    assert.ok(added.users.some((x) => x.email === 'list-kept@example.com'));
    assert.equal((await s.api.patch(`/v2/users/${u.body.id}`, { dept: 'Kept' })).status, 204);
    assert.equal((await page()).users.find((x) => x.email === 'list-kept@example.com')!.dept, 'Kept');
    const g = await s.api.post('/v2/groups', { name: 'Kept list group' });
    assert.equal((await s.api.post(`/v2/groups/${g.body.id}/members`, { members: [{ id: u.body.id }] })).status, 201);
    assert.deepEqual((await page()).users.find((x) => x.email === 'list-kept@example.com')!.group_ids, [g.body.id]);
    // Pages by token are kept apart: the second page is not the first.
    const one = await page('page_size=1');
    const two = await page(`page_size=1&next_page_token=${one.next_page_token}`);
    assert.notEqual(two.users[0]!.email, one.users[0]!.email);
    assert.equal((await s.api.delete(`/v2/users/${u.body.id}?action=delete`)).status, 204);
    assert.ok(!(await page()).users.some((x) => x.email === 'list-kept@example.com'));
  });

  test('an invalid status answers 300', async () => {
    const r = await s.api.get('/v2/users?status=sleeping');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });
});
