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

  test('a meeting: schedule, host email and live status show on the next read; a deleted one answers 404', async () => {
    const owner = (await s.api.get('/v2/users?page_size=1')).body.users[0];
    const m = (await s.api.post(`/v2/users/${owner.id}/meetings`, { topic: 'Kept meeting', start_time: '2031-03-01T10:00:00Z' })).body;
    const meeting = async () => (await s.api.get(`/v2/meetings/${m.id}`)).body;
    assert.equal((await meeting()).topic, 'Kept meeting');
    assert.equal((await s.api.patch(`/v2/meetings/${m.id}`, { topic: 'Renamed meeting', duration: 45 })).status, 204);
    assert.equal((await meeting()).topic, 'Renamed meeting');
    assert.equal((await meeting()).duration, 45);
    // The answer carries the host's email: a user change reaches it.
    assert.equal((await s.api.put(`/v2/users/${owner.id}/email`, { email: 'kept-host@example.com' })).status, 204);
    assert.equal((await meeting()).host_email, 'kept-host@example.com');
    assert.equal((await s.client.post(`/_openzoom/meetings/${m.id}/start`, {})).status, 201);
    assert.equal((await meeting()).status, 'started');
    assert.equal((await s.api.put(`/v2/meetings/${m.id}/status`, { action: 'end' })).status, 204);
    assert.equal((await meeting()).status, 'waiting');
    assert.equal((await s.api.delete(`/v2/meetings/${m.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/meetings/${m.id}`)).status, 404);
  });

  test("a meeting kept for an admin is still refused to another user's own token", async () => {
    const owner = (await s.api.get('/v2/users?page_size=1')).body.users[0];
    const m = (await s.api.post(`/v2/users/${owner.id}/meetings`, { topic: 'Not yours' })).body;
    assert.equal((await s.api.get(`/v2/meetings/${m.id}`)).status, 200);
    const member = (await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'kept-member@example.com', type: 1 } })).body;
    const accountId = s.demo!.accountId;
    const tok = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: member.id, scopes: ['meeting:read'] });
    const r = await s.client.withToken(tok.body.access_token).get(`/v2/meetings/${m.id}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
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

// Moving the clock ends the tokens of the other tests: a server of its own.
describe('a kept meeting answer follows the clock', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('a recurring meeting kept before an occurrence ends answers without it once the clock passed its end', async () => {
    try {
      assert.equal((await s.client.post('/_openzoom/clock', { set: '2031-05-01T08:00:00Z' })).status, 200);
      // Tokens of the moved clock (one lives an hour of it).
      const api = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
      const owner = (await api.get('/v2/users?page_size=1')).body.users[0];
      const created = await api.post(`/v2/users/${owner.id}/meetings`, { topic: 'Daily', type: 8, start_time: '2031-05-01T09:00:00Z', duration: 30, timezone: 'UTC', recurrence: { type: 1, end_times: 3 } });
      assert.equal(created.status, 201, created.raw);
      const m = created.body;
      const first = (await api.get(`/v2/meetings/${m.id}`)).body;
      assert.equal(first.occurrences.length, 3);
      assert.equal(first.start_time, '2031-05-01T09:00:00Z');
      assert.equal((await s.client.post('/_openzoom/clock', { set: '2031-05-01T09:31:00Z' })).status, 200);
      const later = (await (await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret)).get(`/v2/meetings/${m.id}`)).body;
      assert.equal(later.occurrences.length, 2);
      assert.equal(later.start_time, '2031-05-02T09:00:00Z');
      // Set back: the answer made later is not served for an earlier time.
      assert.equal((await s.client.post('/_openzoom/clock', { set: '2031-05-01T08:30:00Z' })).status, 200);
      const again = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
      const earlier = await again.get(`/v2/meetings/${m.id}`);
      assert.equal(earlier.status, 200, earlier.raw);
      assert.equal(earlier.body.occurrences.length, 3);
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
    }
  });
});
