// Roles: List roles, Create a role, Get role information, Update role information, Delete a role,
// List members in a role, Assign a role, Unassign a role; Get user permissions; and the role
// privileges the pipeline enforces on user-level tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let accountId: string;
let ownerId: string;
before(async () => {
  s = await startServer();
  const me = await s.api.get('/v2/users?page_size=300&role_id=0');
  ownerId = me.body.users[0].id;
  accountId = (await s.api.get(`/v2/users/${ownerId}`)).body.account_id;
});
after(() => s.close());

let n = 0;
async function newUser(): Promise<string> {
  const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `r${++n}@example.com`, type: 1, first_name: 'R', last_name: `${n}` } });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}
const roleCount = async () => (await s.api.get('/v2/roles')).body.total_records as number;

describe('Built-in roles (roles, getRoleInformation)', () => {
  test('every account lists Owner "0", Admin "1" and Member "2" with member counts', async () => {
    const r = await s.api.get('/v2/roles');
    assert.equal(r.status, 200);
    const byId = new Map(r.body.roles.map((x: { id: string }) => [x.id, x]));
    assert.equal((byId.get('0') as { name: string }).name, 'Owner');
    assert.equal((byId.get('1') as { name: string }).name, 'Admin');
    assert.equal((byId.get('2') as { name: string }).name, 'Member');
    assert.equal((byId.get('0') as { total_members: number }).total_members, 1);
  });

  test('Owner holds every privilege, Admin all but owner-only ones, Member none', async () => {
    const owner = (await s.api.get('/v2/roles/0')).body.privileges as string[];
    const admin = (await s.api.get('/v2/roles/1')).body.privileges as string[];
    const member = (await s.api.get('/v2/roles/2')).body.privileges as string[];
    assert.ok(owner.includes('User:Read') && owner.includes('Role:Edit') && owner.includes('SubAccount:Edit'));
    assert.ok(admin.includes('User:Read') && admin.includes('User:Edit') && admin.includes('Group:Read'));
    assert.ok(!admin.includes('SubAccount:Edit') && !admin.includes('Role:Edit'));
    assert.ok(admin.length < owner.length);
    assert.deepEqual(member, []);
  });

  test('privilege_scopes is answered (empty: no privilege is limited to groups); sub_account_privileges only in a master/sub structure', async () => {
    // Zoom's getRoleInformation: sub_account_privileges "will only be displayed to accounts enrolled in a
    // partner plan and following the master accounts and sub-accounts structure".
    const alone = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const single = await s.client.withCredentials(alone.body.account_id, alone.body.client_id, alone.body.client_secret);
    const plain = (await single.get('/v2/roles/1')).body;
    assert.deepEqual(plain.privilege_scopes, []);
    assert.equal(plain.sub_account_privileges, undefined);

    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: alone.body.account_id });
    for (const client of [single, await s.client.withCredentials(sub.body.account_id, sub.body.client_id, sub.body.client_secret)]) {
      assert.deepEqual((await client.get('/v2/roles/0')).body.sub_account_privileges, { second_level: 1 }, 'the owner manages sub accounts as owner');
      assert.deepEqual((await client.get('/v2/roles/1')).body.sub_account_privileges, { second_level: 2 });
    }
    const custom = (await single.post('/v2/roles', { name: 'Partners' })).body.id;
    assert.equal((await single.patch(`/v2/roles/${custom}`, { sub_account_privileges: { second_level: 3 } })).status, 204);
    const got = (await single.get(`/v2/roles/${custom}`)).body;
    assert.deepEqual([got.sub_account_privileges, got.privilege_scopes], [{ second_level: 3 }, []]);
    assert.deepEqual((await single.get(`/v2/accounts/${sub.body.account_id}/roles/2`)).body.sub_account_privileges, { second_level: 2 });
  });

  test('type=iq lists no common roles; an unknown role id answers 400/1034', async () => {
    assert.equal((await s.api.get('/v2/roles?type=iq')).body.total_records, 0);
    const r = await s.api.get('/v2/roles/nope');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 1034);
    assert.equal((await s.api.get('/v2/roles?type=bogus')).body.code, 300);
  });
});

describe('Create, update and delete a role (createRole, updateRole, deleteRole)', () => {
  test('creates a custom role with a Zoom-like id and the given privileges: 201 with the role (2021-08 definition)', async () => {
    const r = await s.api.post('/v2/roles', { name: 'Helpdesk', description: 'Help', privileges: ['User:Read', 'Group:Read'] });
    assert.equal(r.status, 201, r.raw);
    assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(r.body, { id: r.body.id, name: 'Helpdesk', description: 'Help', total_members: 0, privileges: ['Group:Read', 'User:Read'] });
    const got = await s.api.get(`/v2/roles/${r.body.id}`);
    assert.equal(got.body.name, 'Helpdesk');
    assert.deepEqual(got.body.privileges, ['Group:Read', 'User:Read']);
    assert.equal(got.body.total_members, 0);
  });

  test('a name already used (case-insensitive, built-ins included) answers 1224 and writes nothing', async () => {
    await s.api.post('/v2/roles', { name: 'Auditors' });
    const before = await roleCount();
    for (const name of ['auditors', 'admin']) {
      const r = await s.api.post('/v2/roles', { name });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 1224);
    }
    assert.equal(await roleCount(), before);
  });

  test('bad input answers 300 and writes nothing: wrong types, unknown privileges, missing name', async () => {
    const before = await roleCount();
    for (const body of [{ name: 5 }, { name: 'X', privileges: 'User:Read' }, { name: 'Y', privileges: ['Nope:Read'] }, { description: 'no name' }]) {
      const r = await s.api.post('/v2/roles', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
    }
    assert.equal(await roleCount(), before);
  });

  test('updates name, description and privileges; the owner role cannot be changed', async () => {
    const id = (await s.api.post('/v2/roles', { name: 'Editors' })).body.id;
    const r = await s.api.patch(`/v2/roles/${id}`, { name: 'Chief Editors', description: 'd', privileges: ['User:Edit'] });
    assert.equal(r.status, 204, r.raw);
    const got = (await s.api.get(`/v2/roles/${id}`)).body;
    assert.deepEqual([got.name, got.description, got.privileges], ['Chief Editors', 'd', ['User:Edit']]);
    assert.equal((await s.api.patch('/v2/roles/0', { description: 'x' })).body.code, 300);
    assert.equal((await s.api.patch('/v2/roles/nope', { description: 'x' })).body.code, 1034);
    assert.equal((await s.api.patch(`/v2/roles/${id}`, { name: 'Member' })).body.code, 1224);
    assert.equal((await s.api.patch(`/v2/roles/${id}`, { privileges: [1] })).body.code, 300);
    assert.equal((await s.api.get(`/v2/roles/${id}`)).body.name, 'Chief Editors');
  });

  test('deletes an unused custom role; built-in roles, unknown ids and roles with members are refused', async () => {
    const id = (await s.api.post('/v2/roles', { name: 'Temp' })).body.id;
    const user = await newUser();
    await s.api.post(`/v2/roles/${id}/members`, { members: [{ id: user }] });
    const busy = await s.api.delete(`/v2/roles/${id}`);
    assert.equal(busy.status, 400);
    assert.equal(busy.body.code, 300);
    await s.api.delete(`/v2/roles/${id}/members/${user}`);
    assert.equal((await s.api.delete(`/v2/roles/${id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/roles/${id}`)).body.code, 1034);
    assert.equal((await s.api.delete(`/v2/roles/${id}`)).body.code, 1034);
    assert.equal((await s.api.delete('/v2/roles/1')).body.code, 300);
  });

  test('free accounts cannot create roles (200)', async () => {
    const free = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const api = await s.client.withCredentials(free.body.account_id, free.body.client_id, free.body.client_secret);
    const r = await api.post('/v2/roles', { name: 'Nope' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
  });
});

describe('Role members (AddRoleMembers, roleMembers, roleMemberDelete, userPermission)', () => {
  test('assigning changes the user role, counts and member list; unassigning returns them to Member', async () => {
    const role = (await s.api.post('/v2/roles', { name: 'Support', privileges: ['User:Read'] })).body.id;
    const [a, b] = [await newUser(), await newUser()];
    const email = (await s.api.get(`/v2/users/${b}`)).body.email;
    const r = await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: a }, { email }] });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.ids.split(','), [a, b]);
    assert.equal((await s.api.get(`/v2/users/${a}`)).body.role_id, role);
    assert.equal((await s.api.get(`/v2/roles/${role}`)).body.total_members, 2);
    const members = await s.api.get(`/v2/roles/${role}/members?page_size=1`);
    assert.equal(members.body.total_records, 2);
    assert.equal(members.body.members.length, 1);
    const next = await s.api.get(`/v2/roles/${role}/members?page_size=1&next_page_token=${members.body.next_page_token}`);
    // Users created in the same second are ordered by id: compare as sets.
    assert.deepEqual([members.body.members[0].id, next.body.members[0].id].sort(), [a, b].sort());
    assert.deepEqual((await s.api.get(`/v2/users/${a}/permissions`)).body.permissions, ['User:Read']);
    assert.equal((await s.api.delete(`/v2/roles/${role}/members/${a}`)).status, 204);
    assert.equal((await s.api.get(`/v2/users/${a}`)).body.role_id, '2');
    assert.equal((await s.api.delete(`/v2/roles/${role}/members/${a}`)).status, 404);
  });

  test('a page of role members answered again follows a member renamed, another assigned, one unassigned', async () => {
    const role = (await s.api.post('/v2/roles', { name: 'Kept pages', privileges: ['User:Read'] })).body.id;
    const [a, b] = [await newUser(), await newUser()];
    const names = async () => ((await s.api.get(`/v2/roles/${role}/members`)).body.members as Array<{ id: string; last_name: string }>).map((m) => `${m.id}:${m.last_name}`).sort();
    await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: a }] });
    const before = await names();
    assert.equal(before.length, 1);
    assert.equal((await s.api.patch(`/v2/users/${a}`, { last_name: 'Renamed' })).status, 204);
    assert.deepEqual(await names(), [`${a}:Renamed`]);
    await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: b }] });
    assert.equal((await names()).length, 2);
    assert.equal((await s.api.delete(`/v2/roles/${role}/members/${a}`)).status, 204);
    assert.deepEqual((await names()).map((x) => x.split(':')[0]), [b]);
  });

  test('the owner role cannot change; Owner/Member roles take no members; unknown users and roles are refused', async () => {
    const role = (await s.api.post('/v2/roles', { name: 'Ops' })).body.id;
    const user = await newUser();
    assert.equal((await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: ownerId }] })).body.code, 300);
    assert.equal((await s.api.get(`/v2/users/${ownerId}`)).body.role_id, '0');
    assert.equal((await s.api.post('/v2/roles/0/members', { members: [{ id: user }] })).body.code, 300);
    assert.equal((await s.api.post('/v2/roles/2/members', { members: [{ id: user }] })).body.code, 300);
    assert.equal((await s.api.post('/v2/roles/nope/members', { members: [{ id: user }] })).body.code, 1034);
    const unknown = await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: user }, { id: 'nobody' }] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
    assert.equal((await s.api.get(`/v2/users/${user}`)).body.role_id, '2', 'nothing written');
    assert.equal((await s.api.post(`/v2/roles/${role}/members`, { members: 'x' })).body.code, 300);
    assert.equal((await s.api.get('/v2/roles/nope/members')).body.code, 1034);
    assert.equal((await s.api.get('/v2/users/nobody/permissions')).body.code, 1001);
  });
});

describe('Privileges of user-level tokens', () => {
  const tokenFor = async (userId: string, scopes: string[]): Promise<TestClient> => {
    const r = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes });
    assert.equal(r.status, 201, r.raw);
    return s.client.withToken(r.body.access_token);
  };

  test('a Member with user:read:admin cannot list users (400/200 No permission.); an Admin can', async () => {
    const member = await newUser();
    const admin = await newUser();
    await s.api.post('/v2/roles/1/members', { members: [{ id: admin }] });
    const m = await (await tokenFor(member, ['user:read:admin'])).get('/v2/users');
    assert.equal(m.status, 400);
    assert.deepEqual(m.body, { code: 200, message: 'No permission.' });
    const a = await (await tokenFor(admin, ['user:read:admin'])).get('/v2/users');
    assert.equal(a.status, 200);
    // With an :admin scope a Member still reads itself.
    assert.equal((await (await tokenFor(member, ['user:read:admin'])).get(`/v2/users/${member}`)).status, 200);
  });

  test('a Member with user:read reads itself (me, id, email) but not another user (4711)', async () => {
    const member = await newUser();
    const other = await newUser();
    const email = (await s.api.get(`/v2/users/${member}`)).body.email;
    const c = await tokenFor(member, ['user:read']);
    assert.equal((await c.get('/v2/users/me')).body.id, member);
    assert.equal((await c.get(`/v2/users/${member}`)).status, 200);
    assert.equal((await c.get(`/v2/users/${email}`)).status, 200);
    const r = await c.get(`/v2/users/${other}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 4711);
  });

  test('changing a role privileges takes effect at once (cache invalidated)', async () => {
    const role = (await s.api.post('/v2/roles', { name: 'Readers', privileges: ['User:Read'] })).body.id;
    const user = await newUser();
    await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: user }] });
    const c = await tokenFor(user, ['user:read:admin']);
    assert.equal((await c.get('/v2/users')).status, 200);
    await s.api.patch(`/v2/roles/${role}`, { privileges: ['Group:Read'] });
    assert.equal((await c.get('/v2/users')).body.code, 200);
    await s.api.patch(`/v2/roles/${role}`, { privileges: ['User:Read'] });
    assert.equal((await c.get('/v2/users')).status, 200);
  });
});

describe('Isolation', () => {
  test('another account can neither read nor change roles, members or permissions of this one', async () => {
    const role = (await s.api.post('/v2/roles', { name: 'Private' })).body.id;
    const user = await newUser();
    await s.api.post(`/v2/roles/${role}/members`, { members: [{ id: user }] });
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.ok(!(await api.get('/v2/roles')).body.roles.some((r: { id: string }) => r.id === role));
    assert.equal((await api.get(`/v2/roles/${role}`)).body.code, 1034);
    assert.equal((await api.patch(`/v2/roles/${role}`, { name: 'Hacked' })).body.code, 1034);
    assert.equal((await api.get(`/v2/roles/${role}/members`)).body.code, 1034);
    assert.equal((await api.post(`/v2/roles/${role}/members`, { members: [{ id: user }] })).body.code, 1034);
    assert.equal((await api.post('/v2/roles/1/members', { members: [{ id: user }] })).body.code, 1001);
    assert.equal((await api.delete(`/v2/roles/${role}/members/${user}`)).body.code, 1034);
    assert.equal((await api.delete(`/v2/roles/${role}`)).body.code, 1034);
    assert.equal((await api.get(`/v2/users/${user}/permissions`)).body.code, 1001);
    assert.equal((await api.get('/v2/roles/1/members')).body.total_records, 0);
    assert.equal((await api.post('/v2/roles', { name: 'Private' })).status, 201, 'names are per account');
    for (const path of ['/roles', `/roles/${role}`, `/roles/${role}/members`, `/users/${user}/permissions`]) {
      assert.equal((await api.get(`/v2/accounts/${accountId}${path}`)).status, 404, path);
    }
    assert.equal((await api.post(`/v2/accounts/${accountId}/roles`, { name: 'X' })).status, 404);
    assert.equal((await api.delete(`/v2/accounts/${accountId}/roles/${role}`)).status, 404);
    const mine = (await s.api.get(`/v2/roles/${role}`)).body;
    assert.deepEqual([mine.name, mine.total_members], ['Private', 1]);
  });
});
