// Phone Call Queues, Auto Receptionists and Shared Line Groups: CRUD, members
// (phone users of the account), numbers (one assignee at most), another
// account's ids, a Member's refusal, bad input, races, the operation log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { freeNumbers, phoneUser } from './helpers/phone.ts';

let s: TestServer;
let demo: string;
before(async () => {
  s = await startServer();
  demo = s.demo!.accountId;
});
after(() => s.close());

async function queue(api: TestClient = s.api, body: Record<string, unknown> = {}) {
  const site = (await s.db.get<{ id: string }>('SELECT id FROM phone_sites WHERE account_id = ? AND main = 1', [demo]))!.id;
  const r = await api.post('/v2/phone/call_queues', { name: `Sales ${Math.random().toString(36).slice(2, 8)}`, site_id: site, ...body });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; name: string; extension_number: number; status: string };
}

describe('call queues', () => {
  test('create, read, list, update and delete; an extension of the site; Zoom\'s not-found answers', async () => {
    const q = await queue(s.api, { description: 'Front desk', cost_center: 'CC1', department: 'Sales' });
    assert.equal(q.status, 'active');
    assert.ok(q.extension_number >= 1000);
    const got = await s.api.get(`/v2/phone/call_queues/${q.id}`);
    assert.equal(got.status, 200, got.raw);
    assert.equal(got.body.name, q.name);
    assert.equal(got.body.extension_number, q.extension_number);
    assert.equal(got.body.site.name.length > 0, true);
    assert.deepEqual(got.body.members, { users: [], common_areas: [] });
    assert.equal(got.body.cost_center, 'CC1');
    const list = await s.api.get('/v2/phone/call_queues?department=Sales');
    assert.ok(list.body.call_queues.some((x: { id: string }) => x.id === q.id));
    assert.equal((await s.api.get('/v2/phone/call_queues?department=Nobody')).body.total_records, 0);
    const up = await s.api.patch(`/v2/phone/call_queues/${q.id}`, { name: 'Support', extension_number: 4321, timezone: 'Europe/Paris', status: 'inactive' });
    assert.equal(up.status, 204, up.raw);
    const again = (await s.api.get(`/v2/phone/call_queues/${q.id}`)).body;
    assert.equal(again.name, 'Support');
    assert.equal(again.extension_number, 4321);
    assert.equal(again.timezone, 'Europe/Paris');
    assert.equal(again.status, 'inactive');
    const tz = await s.api.patch(`/v2/phone/call_queues/${q.id}`, { timezone: 'Mars/Olympus' });
    assert.deepEqual(tz.body, { code: 300, message: 'Timezone not found in the system.' });
    // The extension is the directory's: another queue cannot take it.
    const taken = await s.api.post('/v2/phone/call_queues', { name: 'Dup', site_id: again.site.id, extension_number: 4321 });
    assert.deepEqual(taken.body, { code: 400, message: 'Extension number 4321 is already used.' });
    assert.equal((await s.api.delete(`/v2/phone/call_queues/${q.id}`)).status, 204);
    const gone = await s.api.get(`/v2/phone/call_queues/${q.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 13000);
    const del = await s.api.delete(`/v2/phone/call_queues/${q.id}`);
    assert.deepEqual(del.body, { code: 400, message: `The group does not exist, groupId:${q.id}.` });
    // The extension is free again.
    assert.equal((await s.api.post('/v2/phone/call_queues', { name: 'Reuse', site_id: again.site.id, extension_number: 4321 })).status, 201);
  });

  test('members are phone users of the account; the first is the manager; the manager stays until replaced', async () => {
    const q = await queue();
    const a = await phoneUser(s.api);
    const b = await phoneUser(s.api);
    const plain = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `nophone${Date.now()}@example.com`, type: 1 } });
    const add = await s.api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: [{ id: a.id }, { email: b.email }] } });
    assert.equal(add.status, 201, add.raw);
    const members = (await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.members.users;
    assert.deepEqual(members.map((m: { id: string; level: string }) => [m.id, m.level]), [[a.id, 'manager'], [b.id, 'user']]);
    const notPhone = await s.api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: [{ id: plain.body.id }] } });
    assert.deepEqual(notPhone.body, { code: 1001, message: `User not found: ${plain.body.id}.` });
    assert.equal(notPhone.status, 404);
    const manager = await s.api.delete(`/v2/phone/call_queues/${q.id}/members/${a.id}`);
    assert.deepEqual(manager.body, { code: 400, message: 'Unable to delete manager' });
    assert.equal((await s.api.put(`/v2/phone/call_queues/${q.id}/manager`, { member_id: b.email })).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/call_queues/${q.id}/members/${a.id}`)).status, 204);
    const left = (await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.members.users;
    assert.deepEqual(left.map((m: { id: string; level: string }) => [m.id, m.level]), [[b.id, 'manager']]);
    const many = await s.api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: Array.from({ length: 11 }, () => ({ id: a.id })) } });
    // Zoom's schema allows ten users a request: more is refused before anything is written.
    assert.equal(many.status, 400);
    assert.equal(many.body.code, 300);
    assert.equal((await s.api.delete(`/v2/phone/call_queues/${q.id}/members`)).status, 204);
    assert.deepEqual((await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.members.users, []);
  });

  test('numbers: assigned to one assignee at most, listed, unassigned one by one or all', async () => {
    const q1 = await queue();
    const q2 = await queue();
    const [n1, n2] = await freeNumbers(s, demo, 2);
    assert.equal((await s.api.post(`/v2/phone/call_queues/${q1.id}/phone_numbers`, { phone_numbers: [{ id: n1!.id }, { number: n2!.number }] })).status, 204);
    const got = (await s.api.get(`/v2/phone/call_queues/${q1.id}`)).body;
    assert.deepEqual(got.phone_numbers.map((n: { id: string }) => n.id).sort(), [n1!.id, n2!.id].sort());
    const taken = await s.api.post(`/v2/phone/call_queues/${q2.id}/phone_numbers`, { phone_numbers: [{ id: n1!.id }] });
    assert.equal(taken.status, 400);
    const none = await s.api.post(`/v2/phone/call_queues/${q2.id}/phone_numbers`, { phone_numbers: [] });
    assert.deepEqual(none.body, { code: 400, message: 'Need to specify at least one phone number' });
    assert.equal((await s.api.delete(`/v2/phone/call_queues/${q1.id}/phone_numbers/${n1!.id}`)).status, 204);
    const notHeld = await s.api.delete(`/v2/phone/call_queues/${q1.id}/phone_numbers/${n1!.id}`);
    assert.deepEqual(notHeld.body, { code: 404, message: 'Phone number not belong to call queue.' });
    assert.equal((await s.api.delete(`/v2/phone/call_queues/${q1.id}/phone_numbers`)).status, 204);
    assert.deepEqual((await s.api.get(`/v2/phone/call_queues/${q1.id}`)).body.phone_numbers, []);
    // Free again: the other queue takes it.
    assert.equal((await s.api.post(`/v2/phone/call_queues/${q2.id}/phone_numbers`, { phone_numbers: [{ id: n1!.id }] })).status, 204);
  });

  test('two requests taking one number at once: one holds it, the other gets Zoom\'s error', async () => {
    const [q1, q2] = [await queue(), await queue()];
    const [n] = await freeNumbers(s, demo, 1);
    const rs = await Promise.all([q1, q2].map((q) => s.api.post(`/v2/phone/call_queues/${q.id}/phone_numbers`, { phone_numbers: [{ id: n!.id }] })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [204, 400]);
    const holders = [];
    for (const q of [q1, q2]) if ((await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.phone_numbers.length === 1) holders.push(q.id);
    assert.equal(holders.length, 1);
  });

  test('two queues asking for one extension number at once: one gets it', async () => {
    const site = (await s.db.get<{ id: string }>('SELECT id FROM phone_sites WHERE account_id = ? AND main = 1', [demo]))!.id;
    const rs = await Promise.all([1, 2, 3].map((i) => s.api.post('/v2/phone/call_queues', { name: `Race ${i}`, site_id: site, extension_number: 5555 })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 400, 400]);
    for (const r of rs.filter((x) => x.status === 400)) assert.deepEqual(r.body, { code: 400, message: 'Extension number 5555 is already used.' });
  });

  test('another account\'s queue answers as an unknown one; a Member is refused; an account without Zoom Phone is told so', async () => {
    const q = await queue();
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api2 = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api2.get(`/v2/phone/call_queues/${q.id}`)).status, 404);
    assert.equal((await api2.patch(`/v2/phone/call_queues/${q.id}`, { name: 'Stolen' })).status, 400);
    assert.equal((await api2.delete(`/v2/phone/call_queues/${q.id}`)).status, 400);
    assert.equal((await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.name, q.name);
    // Another account's phone user is no member here.
    const theirs = await phoneUser(api2);
    const add = await s.api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: [{ id: theirs.id }] } });
    assert.equal(add.status, 404);
    // A Member with every scope.
    const m = await phoneUser(s.api, 'Member');
    const tok = await s.client.post('/_openzoom/tokens', { account_id: demo, user_id: m.id });
    const member = s.client.withToken(tok.body.access_token);
    const refused = await member.post('/v2/phone/call_queues', { name: 'Mine', site_id: (await s.api.get(`/v2/phone/call_queues/${q.id}`)).body.site.id });
    assert.deepEqual(refused.body, { code: 200, message: 'No permission.' });
    assert.equal((await member.get(`/v2/phone/call_queues/${q.id}`)).status, 400);
    const none = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const api3 = await s.client.withCredentials(none.body.account_id, none.body.client_id, none.body.client_secret);
    const off = await api3.get('/v2/phone/call_queues');
    assert.equal(off.status, 403);
    assert.equal(off.body.code, 2031);
  });

  test('bad input writes nothing', async () => {
    const before = (await s.api.get('/v2/phone/call_queues?page_size=100')).body.total_records;
    for (const body of [{}, { name: 'x'.repeat(33), site_id: 'a' }, { name: 'ok', site_id: 'no-such-site' }, { name: 'ok', site_id: 'a', extension_number: 'abc' }]) {
      const r = await s.api.post('/v2/phone/call_queues', body);
      assert.equal(r.status, 400, JSON.stringify(body));
    }
    assert.equal((await s.api.get('/v2/phone/call_queues?page_size=100')).body.total_records, before);
  });
});

describe('auto receptionists', () => {
  test('create, update, numbers; a site\'s main one is there from the start; unknown ids', async () => {
    const r = await s.api.post('/v2/phone/auto_receptionists', { name: 'After hours' });
    assert.equal(r.status, 201, r.raw);
    assert.ok(r.body.extension_number > 0);
    assert.equal((await s.api.patch(`/v2/phone/auto_receptionists/${r.body.id}`, { name: 'Night line', extension_number: 7070, timezone: 'Asia/Tokyo' })).status, 204);
    const [n] = await freeNumbers(s, demo, 1);
    assert.equal((await s.api.post(`/v2/phone/auto_receptionists/${r.body.id}/phone_numbers`, { phone_numbers: [{ id: n!.id }] })).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/auto_receptionists/${r.body.id}/phone_numbers/${n!.id}`)).status, 204);
    const again = await s.api.delete(`/v2/phone/auto_receptionists/${r.body.id}/phone_numbers/${n!.id}`);
    assert.deepEqual(again.body, { code: 400, message: 'Phone number does not belong to auto receptionist.' });
    assert.equal((await s.api.delete(`/v2/phone/auto_receptionists/${r.body.id}/phone_numbers`)).status, 204);
    const main = (await s.db.get<{ data: string }>('SELECT data FROM phone_sites WHERE account_id = ? AND main = 1', [demo]))!;
    const mainAr = (JSON.parse(main.data) as { main_auto_receptionist_id: string }).main_auto_receptionist_id;
    assert.equal((await s.api.patch(`/v2/phone/auto_receptionists/${mainAr}`, { audio_prompt_language: 'fr-FR' })).status, 204);
    const unknown = await s.api.patch('/v2/phone/auto_receptionists/nope', { name: 'x' });
    assert.deepEqual(unknown.body, { code: 300, message: 'Validation Failed. AutoReceptionist does not exist, AutoReceptionistId: nope' });
    const bad = await s.api.patch(`/v2/phone/auto_receptionists/${r.body.id}`, { timezone: 'Nowhere/Land' });
    assert.deepEqual(bad.body, { code: 300, message: 'Time zone is invalid:Nowhere/Land' });
  });
});

describe('shared line groups', () => {
  test('create, list, read, update, members and numbers, delete', async () => {
    const r = await s.api.post('/v2/phone/shared_line_groups', { display_name: 'Reception', description: 'Front' });
    assert.equal(r.status, 201, r.raw);
    const a = await phoneUser(s.api);
    assert.equal((await s.api.post(`/v2/phone/shared_line_groups/${r.body.id}/members`, { members: { users: [{ id: a.id }] } })).status, 201);
    const [n] = await freeNumbers(s, demo, 1);
    assert.equal((await s.api.post(`/v2/phone/shared_line_groups/${r.body.id}/phone_numbers`, { phone_numbers: [{ number: n!.number }] })).status, 201);
    assert.equal((await s.api.patch(`/v2/phone/shared_line_groups/${r.body.id}`, { display_name: 'Lobby', primary_number: n!.number })).status, 204);
    const got = await s.api.get(`/v2/phone/shared_line_groups/${r.body.id}`);
    assert.equal(got.body.display_name, 'Lobby');
    assert.equal(got.body.primary_number, n!.number);
    assert.deepEqual(got.body.members.users.map((u: { id: string }) => u.id), [a.id]);
    const list = await s.api.get('/v2/phone/shared_line_groups');
    assert.ok(list.body.shared_line_groups.some((g: { id: string; phone_numbers: unknown[] }) => g.id === r.body.id && g.phone_numbers.length === 1));
    assert.equal((await s.api.delete(`/v2/phone/shared_line_groups/${r.body.id}/members/${a.id}`)).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/shared_line_groups/${r.body.id}/members`)).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/shared_line_groups/${r.body.id}/phone_numbers/${n!.id}`)).status, 204);
    assert.equal((await s.api.delete(`/v2/phone/shared_line_groups/${r.body.id}`)).status, 204);
    const gone = await s.api.get(`/v2/phone/shared_line_groups/${r.body.id}`);
    assert.deepEqual(gone.body, { code: 404, message: `Shared line group does not exist: ${r.body.id}.` });
  });
});

describe('operation log', () => {
  test('admin changes through the phone API are in the report, with their operator and category', async () => {
    const q = await queue(s.api, { name: 'Logged queue' });
    await s.api.patch(`/v2/phone/call_queues/${q.id}`, { name: 'Logged queue 2' });
    const r = await s.api.get('/v2/phone/reports/operationlogs?category_type=Call%20Queue&page_size=300');
    assert.equal(r.status, 200, r.raw);
    const details = r.body.operation_logs.map((l: { operation_detail: string }) => l.operation_detail);
    assert.ok(details.some((d: string) => d.includes('Add Call Queue Logged queue')));
    assert.ok(details.some((d: string) => d.includes('Update Call Queue Logged queue 2')));
    for (const l of r.body.operation_logs) {
      assert.equal(l.category_type, 'Call Queue');
      assert.equal(l.operator, 'owner@example.com');
    }
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api2 = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api2.get('/v2/phone/reports/operationlogs')).body.total_records, 0);
  });
});

describe('a call queue\'s kept answer', () => {
  test('every write that changes what Get a call queue shows is in the next read', async () => {
    const q = await queue();
    const read = async () => (await s.api.get(`/v2/phone/call_queues/${q.id}`)).body;
    await read();
    await s.api.patch(`/v2/phone/call_queues/${q.id}`, { name: 'Kept 2', extension_number: 6543, department: 'Ops' });
    let r = await read();
    assert.deepEqual([r.name, r.extension_number, r.department], ['Kept 2', 6543, 'Ops']);
    const a = await phoneUser(s.api, 'Keep');
    const b = await phoneUser(s.api, 'Keep');
    await s.api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: [{ id: a.id }, { id: b.id }] } });
    r = await read();
    assert.deepEqual(r.members.users.map((u: { id: string }) => u.id), [a.id, b.id]);
    await s.api.put(`/v2/phone/call_queues/${q.id}/manager`, { member_id: b.id });
    assert.equal((await read()).members.users[1].level, 'manager');
    await s.api.delete(`/v2/phone/call_queues/${q.id}/members/${a.id}`);
    assert.deepEqual((await read()).members.users.map((u: { id: string }) => u.id), [b.id]);
    const [n] = await freeNumbers(s, demo, 1);
    await s.api.post(`/v2/phone/call_queues/${q.id}/phone_numbers`, { phone_numbers: [{ id: n!.id }] });
    assert.equal((await read()).phone_numbers[0].id, n!.id);
    await s.api.delete(`/v2/phone/call_queues/${q.id}/phone_numbers/${n!.id}`);
    assert.deepEqual((await read()).phone_numbers, []);
    // A member's directory entry and the site's name are part of the answer.
    await s.db.transaction((tx) => tx.run("UPDATE phone_extensions SET name = 'Renamed member' WHERE account_id = ? AND owner_type = 'user' AND owner_id = ?", [demo, b.id]));
    assert.equal((await read()).members.users[0].name, 'Renamed member');
    const site = (await read()).site.id;
    const renamed = await s.api.patch(`/v2/phone/sites/${site}`, { name: 'Head office' });
    assert.equal(renamed.status, 204, renamed.raw);
    assert.equal((await read()).site.name, 'Head office');
    await s.api.delete(`/v2/phone/call_queues/${q.id}/members`);
    assert.deepEqual((await read()).members.users, []);
    await s.api.delete(`/v2/phone/call_queues/${q.id}`);
    assert.equal((await s.api.get(`/v2/phone/call_queues/${q.id}`)).status, 404);
  });
});
