// Single reads answered from kept answers (src/core/read-cache.ts) are never
// stale on the instance that wrote: every way the API changes a user or a group
// (or what their answers count) is followed by a read that shows it.
// Two instances on one PostgreSQL: test/multi-instance.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

describe('kept single-read answers follow every change', () => {
  let s: TestServer;
  let userId: string;
  before(async () => {
    s = await startServer();
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'cached@example.com', type: 1, first_name: 'First', last_name: 'Read' } });
    assert.equal(r.status, 201, r.raw);
    userId = r.body.id;
  });
  after(() => s.close());

  const user = async () => (await s.api.get(`/v2/users/${userId}`)).body;

  test('profile, email, status, license and role changes show on the next read', async () => {
    assert.equal((await user()).first_name, 'First');
    assert.equal((await s.api.patch(`/v2/users/${userId}`, { first_name: 'Second', type: 2 })).status, 204);
    const u = await user();
    assert.equal(u.first_name, 'Second');
    assert.equal(u.type, 2);
    assert.equal((await s.api.put(`/v2/users/${userId}/status`, { action: 'deactivate' })).status, 200);
    assert.equal((await user()).status, 'inactive');
    assert.equal((await s.api.put(`/v2/users/${userId}/status`, { action: 'activate' })).status, 200);
    assert.equal((await user()).status, 'active');
    assert.equal((await s.api.put(`/v2/users/${userId}/email`, { email: 'renamed@example.com' })).status, 204);
    assert.equal((await user()).email, 'renamed@example.com');
    const role = await s.api.post('/v2/roles', { name: 'Cache role', privileges: ['User:Read'] });
    assert.equal((await s.api.post(`/v2/roles/${role.body.id}/members`, { members: [{ id: userId }] })).status, 201);
    assert.equal((await user()).role_id, role.body.id);
  });

  test('group membership shows in the user and in the group, added and removed', async () => {
    const g = await s.api.post('/v2/groups', { name: 'Cache group' });
    assert.equal((await s.api.get(`/v2/groups/${g.body.id}`)).body.total_members, 0);
    assert.deepEqual((await user()).group_ids, []);
    assert.equal((await s.api.post(`/v2/groups/${g.body.id}/members`, { members: [{ id: userId }] })).status, 201);
    assert.equal((await s.api.get(`/v2/groups/${g.body.id}`)).body.total_members, 1);
    assert.deepEqual((await user()).group_ids, [g.body.id]);
    assert.equal((await s.api.delete(`/v2/groups/${g.body.id}/members/${userId}`)).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.body.id}`)).body.total_members, 0);
    assert.deepEqual((await user()).group_ids, []);
    assert.equal((await s.api.patch(`/v2/groups/${g.body.id}`, { name: 'Renamed group' })).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.body.id}`)).body.name, 'Renamed group');
    assert.equal((await s.api.delete(`/v2/groups/${g.body.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.body.id}`)).status, 404);
  });

  test('an unknown id is not kept: a user created later under a looked-up email answers', async () => {
    assert.equal((await s.api.get('/v2/users/later@example.com')).status, 404);
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'later@example.com', type: 1 } });
    assert.equal((await s.api.get('/v2/users/later@example.com')).body.id, r.body.id);
    assert.equal((await s.api.get(`/v2/users/${r.body.id}`)).body.email, 'later@example.com');
  });

  test('a deleted user answers 404 on the next read', async () => {
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'gone@example.com', type: 1 } });
    assert.equal((await s.api.get(`/v2/users/${r.body.id}`)).status, 200);
    assert.equal((await s.api.delete(`/v2/users/${r.body.id}?action=delete`)).status, 204);
    assert.equal((await s.api.get(`/v2/users/${r.body.id}`)).status, 404);
  });

  test("a role's member count and its sub-account privileges follow users and sub accounts", async () => {
    const role = await s.api.post('/v2/roles', { name: 'Counted role', privileges: ['User:Read'] });
    const read = async () => (await s.api.get(`/v2/roles/${role.body.id}`)).body;
    assert.equal((await read()).total_members, 0);
    assert.equal((await read()).sub_account_privileges, undefined);
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'holder@example.com', type: 1 } });
    assert.equal((await s.api.post(`/v2/roles/${role.body.id}/members`, { members: [{ id: u.body.id }] })).status, 201);
    assert.equal((await read()).total_members, 1);
    assert.equal((await s.api.patch(`/v2/roles/${role.body.id}`, { name: 'Counted role 2' })).status, 204);
    assert.equal((await read()).name, 'Counted role 2');
    assert.equal((await s.api.delete(`/v2/users/${u.body.id}?action=delete`)).status, 204);
    assert.equal((await read()).total_members, 0);
    const sub = await s.api.post('/v2/accounts', { email: 'owner@sub-counted.example.org', first_name: 'Sub', last_name: 'Owner', password: 'Tr0ub4dor&3' });
    assert.equal(sub.status, 201, sub.raw);
    assert.notEqual((await read()).sub_account_privileges, undefined, 'the account now has a sub account');
  });
});
