// Deleting a user or a group leaves nothing of it behind: memberships, admin
// rows and settings go with it; the account follows its owner's email.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
let api: TestClient;
let accountId: string;
before(async () => {
  s = await startServer();
  const a = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  accountId = a.body.account_id;
  api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
});
after(() => s.close());

async function rows(table: string, column: string, id: string): Promise<number> {
  const r = await s.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = ? AND ${column} = ?`, [accountId, id]);
  return Number(r?.n ?? 0);
}

test('deleting a user removes its group memberships, admin rows and settings', async () => {
  const u = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'leaver@example.com', type: 1 } });
  const g = await api.post('/v2/groups', { name: 'Leavers' });
  assert.equal((await api.post(`/v2/groups/${g.body.id}/members`, { members: [{ id: u.body.id }] })).status, 201);
  assert.equal((await api.post(`/v2/groups/${g.body.id}/admins`, { admins: [{ id: u.body.id }] })).status, 201);
  assert.equal((await api.patch(`/v2/users/${u.body.id}/settings`, { schedule_meeting: { host_video: true } })).status, 204);
  assert.equal(await rows('settings', 'owner_id', u.body.id), 1);

  assert.equal((await api.delete(`/v2/users/${u.body.id}?action=delete`)).status, 204);
  assert.equal((await api.get(`/v2/groups/${g.body.id}`)).body.total_members, 0);
  assert.equal(await rows('group_members', 'user_id', u.body.id), 0);
  assert.equal(await rows('group_admins', 'user_id', u.body.id), 0);
  assert.equal(await rows('settings', 'owner_id', u.body.id), 0);
});

test('deleting a group removes its settings', async () => {
  const g = await api.post('/v2/groups', { name: 'Short-lived' });
  assert.equal((await api.patch(`/v2/groups/${g.body.id}/settings`, { schedule_meeting: { host_video: true } })).status, 204);
  assert.equal(await rows('settings', 'owner_id', g.body.id), 1);
  assert.equal((await api.delete(`/v2/groups/${g.body.id}`)).status, 204);
  assert.equal(await rows('settings', 'owner_id', g.body.id), 0);
});

test("changing the owner's email changes the account's owner_email", async () => {
  const sub = await api.post('/v2/accounts', {
    first_name: 'Sub',
    last_name: 'Owner',
    email: 'sub-owner@example.com',
    password: 'Passw0rd!x',
    options: { share_rc: true, share_mc: false, pay_mode: 'master' },
  });
  assert.equal(sub.status, 201, sub.raw);
  const ownerId = sub.body.owner_id;
  assert.equal((await api.put(`/v2/accounts/${sub.body.id}/users/${ownerId}/email`, { email: 'renamed-owner@example.com' })).status, 204);
  const details = await api.get(`/v2/accounts/${sub.body.id}`);
  assert.equal(details.body.owner_email, 'renamed-owner@example.com');
});
