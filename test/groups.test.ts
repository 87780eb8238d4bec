// Groups: groups, group members (add, list, delete, move, set primary) and group admins.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let seq = 0;
const newUser = async (prefix = 'member') => {
  const r = await s.api.post('/v2/users', {
    action: 'custCreate',
    user_info: { email: `${prefix}${++seq}@example.com`, type: 1, first_name: 'Grace', last_name: `Hopper${seq}` },
  });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; email: string };
};
const newGroup = async (name = `Group ${++seq}`) => {
  const r = await s.api.post('/v2/groups', { name });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; name: string; total_members: number };
};
const groupIdsOf = async (userId: string) => (await s.api.get(`/v2/users/${userId}`)).body.group_ids as string[];
const UNKNOWN = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('Create a group (groupCreate)', () => {
  test('creates a group with a 22-character id and no members', async () => {
    const r = await s.api.post('/v2/groups', { name: 'Developers' });
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r.body.name, 'Developers');
    assert.equal(r.body.total_members, 0);
    const got = await s.api.get(`/v2/groups/${r.body.id}`);
    assert.deepEqual(got.body, { id: r.body.id, name: 'Developers', total_members: 0 });
  });

  test('a name already used in the account answers 409/4132, case-insensitively, and writes nothing', async () => {
    await newGroup('Sales');
    const before = (await s.api.get('/v2/groups?page_size=300')).body.total_records;
    const r = await s.api.post('/v2/groups', { name: ' sales ' });
    assert.equal(r.status, 409);
    assert.equal(r.body.code, 4132);
    assert.equal(r.body.message, 'The group name "sales" is already in use.');
    assert.equal((await s.api.get('/v2/groups?page_size=300')).body.total_records, before);
  });

  test('a missing or blank name answers 300 "Invalid parameter: name."; a wrong type answers 300', async () => {
    const before = (await s.api.get('/v2/groups?page_size=300')).body.total_records;
    for (const body of [{}, { name: '   ' }]) {
      const r = await s.api.post('/v2/groups', body);
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 300);
      assert.equal(r.body.message, 'Invalid parameter: name.');
    }
    const wrong = await s.api.post('/v2/groups', { name: 42 });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 300);
    assert.equal((await s.api.get('/v2/groups?page_size=300')).body.total_records, before);
  });

  test('free accounts answer 400/200 "Only available for Paid account."', async () => {
    const free = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const api = await s.client.withCredentials(free.body.account_id, free.body.client_id, free.body.client_secret);
    const r = await api.post('/v2/groups', { name: 'Nope' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await api.get('/v2/groups')).body.code, 200);
  });
});

describe('List groups (groups)', () => {
  test('lists every group by name with total_members and pages by next_page_token', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const ids: string[] = [];
    for (const name of ['One', 'Two', 'Three']) ids.push((await api.post('/v2/groups', { name })).body.id);
    const add = await api.post(`/v2/groups/${ids[1]}/members`, { members: [{ id: a.body.owner_id }] });
    assert.equal(add.status, 201, add.raw);
    const first = await api.get('/v2/groups?page_size=2');
    assert.equal(first.status, 200);
    assert.equal(first.body.total_records, 3);
    assert.equal(first.body.groups.length, 2);
    assert.notEqual(first.body.next_page_token, '');
    const second = await api.get(`/v2/groups?page_size=2&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.body.groups.length, 1);
    assert.equal(second.body.next_page_token, '');
    const all = [...first.body.groups, ...second.body.groups];
    // Listed by name: One, Three, Two.
    assert.deepEqual(all.map((g: { id: string }) => g.id), [ids[0], ids[2], ids[1]]);
    assert.deepEqual(all.map((g: { total_members: number }) => g.total_members), [0, 0, 1]);
  });

  test('a forged next_page_token answers 300', async () => {
    const r = await s.api.get('/v2/groups?next_page_token=forged');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });
});

describe('Get, update and delete a group (group, groupUpdate, groupDelete)', () => {
  test('unknown ids answer 404/4130 on get, update and delete', async () => {
    for (const r of [
      await s.api.get(`/v2/groups/${UNKNOWN}`),
      await s.api.patch(`/v2/groups/${UNKNOWN}`, { name: 'x' }),
      await s.api.delete(`/v2/groups/${UNKNOWN}`),
    ]) {
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 4130);
    }
  });

  test('renames a group; a name taken by another group answers 409/4132 and changes nothing', async () => {
    const g = await newGroup();
    const other = await newGroup();
    const r = await s.api.patch(`/v2/groups/${g.id}`, { name: 'Renamed group' });
    assert.equal(r.status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.name, 'Renamed group');
    // Renaming to its own name (different case) is allowed.
    assert.equal((await s.api.patch(`/v2/groups/${g.id}`, { name: 'RENAMED GROUP' })).status, 204);
    const clash = await s.api.patch(`/v2/groups/${g.id}`, { name: other.name });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.code, 4132);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.name, 'RENAMED GROUP');
    const bad = await s.api.patch(`/v2/groups/${g.id}`, { name: 7 });
    assert.equal(bad.body.code, 300);
    const blank = await s.api.patch(`/v2/groups/${g.id}`, { name: '' });
    assert.equal(blank.body.code, 300);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.name, 'RENAMED GROUP');
  });

  test('deleting a group removes its memberships and the id from members\' group_ids; the next group becomes primary', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    await s.api.post(`/v2/groups/${g2.id}/members`, { members: [{ id: u.id }] });
    assert.deepEqual(await groupIdsOf(u.id), [g1.id, g2.id]);
    const r = await s.api.delete(`/v2/groups/${g1.id}`);
    assert.equal(r.status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g1.id}`)).body.code, 4130);
    assert.deepEqual(await groupIdsOf(u.id), [g2.id]);
    // Set primary on g2 works only because g2 is now the (only, primary) group: setting it again is fine.
    assert.equal((await s.api.patch(`/v2/groups/${g2.id}/members/${u.id}`, { action: 'set_primary', target_group_id: g2.id })).status, 204);
    // The name is free again.
    assert.equal((await s.api.post('/v2/groups', { name: g1.name })).status, 201);
  });
});

describe('Group members (groupMembersCreate, groupMembers, groupMembersDelete)', () => {
  test('adds members by id or email, answers ids and added_at, and shows them in Get a user and List users', async () => {
    const g = await newGroup();
    const a = await newUser();
    const b = await newUser();
    const r = await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id }, { email: b.email.toUpperCase() }] });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.ids.split(','), [a.id, b.id]);
    assert.ok(!Number.isNaN(Date.parse(r.body.added_at)));
    assert.deepEqual(await groupIdsOf(a.id), [g.id]);
    const list = await s.api.get('/v2/users?page_size=300');
    const listed = list.body.users.find((u: { id: string }) => u.id === b.id);
    assert.deepEqual(listed.group_ids, [g.id]);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.total_members, 2);
    // Adding an existing member again adds nothing.
    const again = await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id }] });
    assert.equal(again.body.ids, '');
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.total_members, 2);
  });

  test('the id wins over the email when both are given', async () => {
    const g = await newGroup();
    const a = await newUser();
    const b = await newUser();
    const r = await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id, email: b.email }] });
    assert.equal(r.body.ids, a.id);
    assert.deepEqual(await groupIdsOf(b.id), []);
  });

  test('more than 30 members, no members, an entry with neither id nor email, or an unknown user write nothing', async () => {
    const g = await newGroup();
    const a = await newUser();
    const many = Array.from({ length: 31 }, () => ({ id: a.id }));
    const tooMany = await s.api.post(`/v2/groups/${g.id}/members`, { members: many });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.code, 300);
    assert.equal((await s.api.post(`/v2/groups/${g.id}/members`, { members: [] })).body.code, 300);
    assert.equal((await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id }, {}] })).body.code, 300);
    assert.equal((await s.api.post(`/v2/groups/${g.id}/members`, { members: 'x' })).body.code, 300);
    const unknown = await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id }, { id: UNKNOWN }] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.total_members, 0);
    assert.deepEqual(await groupIdsOf(a.id), []);
    const noGroup = await s.api.post(`/v2/groups/${UNKNOWN}/members`, { members: [{ id: a.id }] });
    assert.equal(noGroup.status, 404);
    assert.equal(noGroup.body.code, 4130);
  });

  test('30 members in one call are accepted', async () => {
    const g = await newGroup();
    const users = [];
    for (let i = 0; i < 30; i++) users.push(await newUser('bulk'));
    const r = await s.api.post(`/v2/groups/${g.id}/members`, { members: users.map((u) => ({ id: u.id })) });
    assert.equal(r.status, 201);
    assert.equal(r.body.ids.split(',').length, 30);
  });

  test('a page of members answered again follows every change: a member added, renamed, removed, the group deleted', async () => {
    const g = await newGroup();
    const [a, b] = [await newUser(), await newUser()];
    const names = async () => ((await s.api.get(`/v2/groups/${g.id}/members`)).body.members as Array<{ id: string; first_name: string }>).map((m) => `${m.id}:${m.first_name}`).sort();
    await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: a.id }] });
    assert.deepEqual(await names(), [`${a.id}:Grace`]);
    await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: b.id }] });
    assert.deepEqual(await names(), [`${a.id}:Grace`, `${b.id}:Grace`].sort());
    assert.equal((await s.api.patch(`/v2/users/${a.id}`, { first_name: 'Ada' })).status, 204);
    assert.deepEqual(await names(), [`${a.id}:Ada`, `${b.id}:Grace`].sort());
    assert.equal((await s.api.delete(`/v2/groups/${g.id}/members/${b.id}`)).status, 204);
    assert.deepEqual(await names(), [`${a.id}:Ada`]);
    assert.equal((await s.api.delete(`/v2/groups/${g.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/members`)).status, 404);
  });

  test('lists members with page_number and next_page_token', async () => {
    const g = await newGroup();
    const users = [await newUser(), await newUser(), await newUser()];
    for (const u of users) await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: u.id }] });
    const p1 = await s.api.get(`/v2/groups/${g.id}/members?page_size=2`);
    assert.equal(p1.status, 200);
    assert.equal(p1.body.total_records, 3);
    assert.equal(p1.body.page_count, 2);
    assert.equal(p1.body.page_number, 1);
    assert.equal(p1.body.members.length, 2);
    const byId = new Map(users.map((u) => [u.id, u]));
    const m0 = p1.body.members[0];
    assert.equal(m0.email, byId.get(m0.id)!.email);
    assert.equal(m0.first_name, 'Grace');
    assert.equal(m0.type, 1);
    const p2 = await s.api.get(`/v2/groups/${g.id}/members?page_size=2&page_number=2`);
    assert.equal(p2.body.members.length, 1);
    assert.equal(p2.body.page_number, 2);
    assert.equal(p2.body.next_page_token, '');
    const ids = (r: { body: { members: Array<{ id: string }> } }) => r.body.members.map((m) => m.id);
    assert.deepEqual([...ids(p1), ...ids(p2)].sort(), users.map((u) => u.id).sort());
    const t2 = await s.api.get(`/v2/groups/${g.id}/members?page_size=2&next_page_token=${p1.body.next_page_token}`);
    assert.deepEqual(ids(t2), ids(p2));
    assert.equal((await s.api.get(`/v2/groups/${UNKNOWN}/members`)).body.code, 4130);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/members?page_number=abc`)).body.code, 300);
  });

  test('a deleted user drops out of the member list and the count', async () => {
    const g = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: u.id }] });
    assert.equal((await s.api.delete(`/v2/users/${u.id}?action=delete`)).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.total_members, 0);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/members`)).body.members.length, 0);
  });

  test('removes a member; a non-member answers 404/4131 and an unknown group 404/4130', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    await s.api.post(`/v2/groups/${g2.id}/members`, { members: [{ id: u.id }] });
    const r = await s.api.delete(`/v2/groups/${g1.id}/members/${u.id}`);
    assert.equal(r.status, 204);
    assert.deepEqual(await groupIdsOf(u.id), [g2.id]);
    assert.equal((await s.api.get(`/v2/groups/${g1.id}`)).body.total_members, 0);
    const again = await s.api.delete(`/v2/groups/${g1.id}/members/${u.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 4131);
    assert.equal((await s.api.delete(`/v2/groups/${UNKNOWN}/members/${u.id}`)).body.code, 4130);
  });
});

describe('Update a group member (updateAGroupMember)', () => {
  test('the first group is primary; set_primary reorders group_ids with the primary first', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    await s.api.post(`/v2/groups/${g2.id}/members`, { members: [{ id: u.id }] });
    assert.deepEqual(await groupIdsOf(u.id), [g1.id, g2.id]);
    const r = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'set_primary', target_group_id: g2.id });
    assert.equal(r.status, 204);
    assert.deepEqual(await groupIdsOf(u.id), [g2.id, g1.id]);
  });

  test('move takes the member out of one group into another, keeping it primary', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const g3 = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    await s.api.post(`/v2/groups/${g2.id}/members`, { members: [{ id: u.id }] });
    const r = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'move', target_group_id: g3.id });
    assert.equal(r.status, 204);
    assert.deepEqual(await groupIdsOf(u.id), [g3.id, g2.id]);
    assert.equal((await s.api.get(`/v2/groups/${g1.id}`)).body.total_members, 0);
    assert.equal((await s.api.get(`/v2/groups/${g3.id}`)).body.total_members, 1);
  });

  test('errors: empty target 300, unknown target or group 4130, non-member 4131, bad action 300; nothing written', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const u = await newUser();
    const outsider = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    const empty = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'move' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.code, 300);
    assert.equal(empty.body.message, 'The target_group_id can not be empty.');
    const unknownTarget = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'move', target_group_id: UNKNOWN });
    assert.equal(unknownTarget.status, 404);
    assert.equal(unknownTarget.body.code, 4130);
    const unknownGroup = await s.api.patch(`/v2/groups/${UNKNOWN}/members/${u.id}`, { action: 'move', target_group_id: g2.id });
    assert.equal(unknownGroup.body.code, 4130);
    const notMember = await s.api.patch(`/v2/groups/${g1.id}/members/${outsider.id}`, { action: 'move', target_group_id: g2.id });
    assert.equal(notMember.status, 404);
    assert.equal(notMember.body.code, 4131);
    const primaryElsewhere = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'set_primary', target_group_id: g2.id });
    assert.equal(primaryElsewhere.body.code, 4131);
    const badAction = await s.api.patch(`/v2/groups/${g1.id}/members/${u.id}`, { action: 'jump', target_group_id: g2.id });
    assert.equal(badAction.body.code, 300);
    assert.deepEqual(await groupIdsOf(u.id), [g1.id]);
    assert.deepEqual(await groupIdsOf(outsider.id), []);
  });
});

describe('Update a user: group_id (userUpdate)', () => {
  test('a known group id makes the user a member with that primary group; an unknown id answers 404/4130', async () => {
    const g1 = await newGroup();
    const g2 = await newGroup();
    const u = await newUser();
    await s.api.post(`/v2/groups/${g1.id}/members`, { members: [{ id: u.id }] });
    const r = await s.api.patch(`/v2/users/${u.id}`, { group_id: g2.id, job_title: 'Engineer' });
    assert.equal(r.status, 204);
    const got = await s.api.get(`/v2/users/${u.id}`);
    assert.deepEqual(got.body.group_ids, [g2.id, g1.id]);
    assert.equal(got.body.job_title, 'Engineer');
    assert.equal((await s.api.get(`/v2/groups/${g2.id}`)).body.total_members, 1);
    const bad = await s.api.patch(`/v2/users/${u.id}`, { group_id: UNKNOWN, job_title: 'Nope' });
    assert.equal(bad.status, 404);
    assert.equal(bad.body.code, 4130);
    assert.equal((await s.api.get(`/v2/users/${u.id}`)).body.job_title, 'Engineer');
  });
});

describe('Group admins (groupAdminsCreate, groupAdmins, groupAdminsDelete)', () => {
  test('adds admins by id or email (members or not), lists and removes them', async () => {
    const g = await newGroup();
    const a = await newUser('admin');
    const b = await newUser('admin');
    // Zoom's group admins need not be members (support.zoom.com KB0062584 "How to add group admins").
    const r = await s.api.post(`/v2/groups/${g.id}/admins`, { admins: [{ id: a.id }, { email: b.email }] });
    assert.equal(r.status, 201);
    assert.deepEqual(r.body.ids.split(','), [a.id, b.id]);
    assert.ok(!Number.isNaN(Date.parse(r.body.added_at)));
    assert.equal((await s.api.get(`/v2/groups/${g.id}`)).body.total_members, 0);
    const list = await s.api.get(`/v2/groups/${g.id}/admins?page_size=1`);
    assert.equal(list.status, 200);
    assert.equal(list.body.total_records, 2);
    assert.equal(list.body.admins.length, 1);
    const rest = await s.api.get(`/v2/groups/${g.id}/admins?page_size=1&next_page_token=${list.body.next_page_token}`);
    assert.equal(rest.body.next_page_token, '');
    const admins = [...list.body.admins, ...rest.body.admins].sort((x, y) => x.email.localeCompare(y.email));
    const expected = [a, b]
      .map((u) => ({ email: u.email, name: `Grace Hopper${u.email.match(/\d+/)![0]}` }))
      .sort((x, y) => x.email.localeCompare(y.email));
    assert.deepEqual(admins, expected);
    assert.equal((await s.api.delete(`/v2/groups/${g.id}/admins/${a.id}`)).status, 204);
    assert.equal((await s.api.delete(`/v2/groups/${g.id}/admins/${b.email}`)).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/admins`)).body.total_records, 0);
  });

  test('errors: not an admin 400/4138, unknown group 404/4130, too many or unknown admins 300/1001, nothing written', async () => {
    const g = await newGroup();
    const a = await newUser('admin');
    const notAdmin = await s.api.delete(`/v2/groups/${g.id}/admins/${a.id}`);
    assert.equal(notAdmin.status, 400);
    assert.equal(notAdmin.body.code, 4138);
    assert.equal((await s.api.delete(`/v2/groups/${g.id}/admins/${UNKNOWN}`)).body.code, 4138);
    assert.equal((await s.api.get(`/v2/groups/${UNKNOWN}/admins`)).body.code, 4130);
    assert.equal((await s.api.post(`/v2/groups/${UNKNOWN}/admins`, { admins: [{ id: a.id }] })).body.code, 4130);
    assert.equal((await s.api.delete(`/v2/groups/${UNKNOWN}/admins/${a.id}`)).body.code, 4130);
    const eleven = Array.from({ length: 11 }, () => ({ id: a.id }));
    assert.equal((await s.api.post(`/v2/groups/${g.id}/admins`, { admins: eleven })).body.code, 300);
    assert.equal((await s.api.post(`/v2/groups/${g.id}/admins`, { admins: [] })).body.code, 300);
    const unknown = await s.api.post(`/v2/groups/${g.id}/admins`, { admins: [{ id: a.id }, { email: 'nobody@example.com' }] });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/admins`)).body.total_records, 0);
  });
});

describe('Isolation between accounts', () => {
  test('a second account can neither read nor change the first account\'s groups, members or admins', async () => {
    const g = await newGroup();
    const u = await newUser();
    const g2 = await newGroup();
    await s.api.post(`/v2/groups/${g.id}/members`, { members: [{ id: u.id }] });
    await s.api.post(`/v2/groups/${g.id}/admins`, { admins: [{ id: u.id }] });
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    const own = (await api.post('/v2/groups', { name: g.name })).body; // same name is fine in another account
    assert.match(own.id, /^[A-Za-z0-9_-]{22}$/);

    assert.deepEqual((await api.get('/v2/groups')).body.groups.map((x: { id: string }) => x.id), [own.id]);
    const attempts = [
      await api.get(`/v2/groups/${g.id}`),
      await api.patch(`/v2/groups/${g.id}`, { name: 'Hijacked' }),
      await api.get(`/v2/groups/${g.id}/members`),
      await api.post(`/v2/groups/${g.id}/members`, { members: [{ id: other.body.owner_id }] }),
      await api.delete(`/v2/groups/${g.id}/members/${u.id}`),
      await api.patch(`/v2/groups/${g.id}/members/${u.id}`, { action: 'move', target_group_id: g2.id }),
      await api.get(`/v2/groups/${g.id}/admins`),
      await api.post(`/v2/groups/${g.id}/admins`, { admins: [{ id: other.body.owner_id }] }),
      await api.delete(`/v2/groups/${g.id}/admins/${u.id}`),
      await api.delete(`/v2/groups/${g.id}`),
    ];
    for (const r of attempts) {
      assert.equal(r.status, 404, r.raw);
      assert.equal(r.body.code, 4130);
    }
    // The other account's own group cannot take in a user of the first account.
    const foreign = await api.post(`/v2/groups/${own.id}/members`, { members: [{ id: u.id }] });
    assert.equal(foreign.body.code, 1001);
    const foreignAdmin = await api.post(`/v2/groups/${own.id}/admins`, { admins: [{ email: u.email }] });
    assert.equal(foreignAdmin.body.code, 1001);
    const foreignMove = await api.patch(`/v2/users/${other.body.owner_id}`, { group_id: g.id });
    assert.equal(foreignMove.body.code, 4130);

    // Master paths of an unrelated account answer 404.
    const demoAccount = s.demo!.accountId;
    for (const r of [
      await api.get(`/v2/accounts/${demoAccount}/groups`),
      await api.get(`/v2/accounts/${demoAccount}/groups/${g.id}`),
      await api.post(`/v2/accounts/${demoAccount}/groups`, { name: 'Intruders' }),
      await api.patch(`/v2/accounts/${demoAccount}/groups/${g.id}`, { name: 'Intruders' }),
      await api.delete(`/v2/accounts/${demoAccount}/groups/${g.id}`),
      await api.get(`/v2/accounts/${demoAccount}/groups/${g.id}/members`),
      await api.post(`/v2/accounts/${demoAccount}/groups/${g.id}/members`, { members: [{ id: u.id }] }),
      await api.delete(`/v2/accounts/${demoAccount}/groups/${g.id}/members/${u.id}`),
      await api.patch(`/v2/accounts/${demoAccount}/groups/${g.id}/members/${u.id}`, { action: 'move', target_group_id: g2.id }),
      await api.get(`/v2/accounts/${demoAccount}/groups/${g.id}/admins`),
      await api.post(`/v2/accounts/${demoAccount}/groups/${g.id}/admins`, { admins: [{ id: u.id }] }),
      await api.delete(`/v2/accounts/${demoAccount}/groups/${g.id}/admins/${u.id}`),
    ]) {
      assert.equal(r.status, 404, r.raw);
    }

    // Nothing of the first account changed.
    assert.deepEqual((await s.api.get(`/v2/groups/${g.id}`)).body, { id: g.id, name: g.name, total_members: 1 });
    assert.deepEqual(await groupIdsOf(u.id), [g.id]);
    assert.equal((await s.api.get(`/v2/groups/${g.id}/admins`)).body.total_records, 1);
    assert.equal((await s.api.get('/v2/groups?page_size=300')).body.groups.some((x: { name: string }) => x.name === 'Intruders'), false);
  });
});
