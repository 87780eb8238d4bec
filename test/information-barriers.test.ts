// Information Barriers: list, create, get, update and remove policies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const settings = { complete_phone_calls: true, file_transfer: false, im: true, in_meeting_chat: false, meeting: true, message_via_sms: false, recording: false, screen_share: true };
const policy = (assigned: string, to: string, extra: Record<string, unknown> = {}) => ({
  id: 'ignored',
  policy_name: `${assigned} to ${to}`,
  assigned_group_id: assigned,
  to_group_id: to,
  status: 1,
  type: 0,
  settings,
  ...extra,
});
const P = '/v2/information_barriers/policies';
const count = async () => (await s.api.get(P)).body.total_records as number;

describe('Create and get policies (InformationBarriersCreate, InformationBarriersGet)', () => {
  test('creates a policy with its own id and Zoom fields, and reads it back', async () => {
    const r = await s.api.post(P, policy('g1', 'g2'));
    assert.equal(r.status, 201, r.raw);
    assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r.body.policy_name, 'g1 to g2');
    assert.deepEqual(r.body.settings, settings);
    const got = await s.api.get(`${P}/${r.body.id}`);
    assert.deepEqual(got.body, r.body);
  });

  test('duplicates (7002), empty or equal groups and empty names (300) and wrong types write nothing', async () => {
    await s.api.post(P, policy('d1', 'd2'));
    const before = await count();
    const dup = await s.api.post(P, policy('d1', 'd2', { policy_name: 'other' }));
    assert.equal(dup.status, 400);
    assert.equal(dup.body.code, 7002);
    for (const body of [policy('x', 'x'), policy('', 'y'), policy('a', 'b', { policy_name: ' ' }), policy('a', 'b', { status: 'on' }), policy('a', 'b', { settings: { im: true } })]) {
      const r = await s.api.post(P, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
    }
    assert.equal(await count(), before);
  });

  test('an unknown policy answers 400/7001', async () => {
    const r = await s.api.get(`${P}/nope`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 7001);
  });

  test('free accounts are refused (200)', async () => {
    const free = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const api = await s.client.withCredentials(free.body.account_id, free.body.client_id, free.body.client_secret);
    const r = await api.post(P, policy('a', 'b'));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
  });
});

describe('List, update and remove (InformationBarriersList, InformationBarriersUpdate, InformationBarriersDelete)', () => {
  test('lists with next_page_token paging', async () => {
    for (let i = 0; i < 3; i++) await s.api.post(P, policy(`l${i}`, 'lz'));
    const total = await count();
    const first = await s.api.get(`${P}?page_size=2`);
    assert.equal(first.body.policies.length, 2);
    assert.equal(first.body.total_records, total);
    assert.notEqual(first.body.next_page_token, '');
    const rest = await s.api.get(`${P}?page_size=2&next_page_token=${first.body.next_page_token}`);
    assert.equal(first.body.policies.length + rest.body.policies.length + (total > 4 ? total - 4 : 0), total);
    assert.equal((await s.api.get(`${P}?page_size=0`)).body.code, 300);
  });

  test('list items carry the chaperone_group_id Zoom\'s list defines (none set here: ""); Get answers its own shape', async () => {
    const made = (await s.api.post(P, policy('c1', 'c2'))).body;
    const item = (await s.api.get(`${P}?page_size=300`)).body.policies.find((p: { id: string }) => p.id === made.id);
    assert.deepEqual(item, { ...made, chaperone_group_id: '' });
    assert.equal((await s.api.get(`${P}/${made.id}`)).body.chaperone_group_id, undefined);
  });

  test('updates every field; refuses a pair another policy holds; removes', async () => {
    const id = (await s.api.post(P, policy('u1', 'u2'))).body.id;
    await s.api.post(P, policy('u3', 'u4'));
    const r = await s.api.patch(`${P}/${id}`, policy('u1', 'u5', { policy_name: 'Renamed', status: 0 }));
    assert.equal(r.status, 200, r.raw);
    const got = (await s.api.get(`${P}/${id}`)).body;
    assert.deepEqual([got.policy_name, got.to_group_id, got.status, got.id], ['Renamed', 'u5', 0, id]);
    assert.equal((await s.api.patch(`${P}/${id}`, policy('u3', 'u4'))).body.code, 7002);
    assert.equal((await s.api.patch(`${P}/${id}`, { policy_name: 'partial' })).body.code, 300);
    assert.equal((await s.api.patch(`${P}/nope`, policy('z1', 'z2'))).body.code, 7001);
    assert.equal((await s.api.get(`${P}/${id}`)).body.policy_name, 'Renamed');
    assert.equal((await s.api.delete(`${P}/${id}`)).status, 204);
    assert.equal((await s.api.get(`${P}/${id}`)).body.code, 7001);
    assert.equal((await s.api.delete(`${P}/${id}`)).body.code, 7001);
  });
});

describe('Isolation', () => {
  test('another account can neither read nor change this account policies', async () => {
    const mine = (await s.api.post(P, policy('i1', 'i2'))).body;
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.get(P)).body.total_records, 0);
    assert.equal((await api.get(`${P}/${mine.id}`)).body.code, 7001);
    assert.equal((await api.patch(`${P}/${mine.id}`, policy('h1', 'h2'))).body.code, 7001);
    assert.equal((await api.delete(`${P}/${mine.id}`)).body.code, 7001);
    assert.equal((await api.post(P, policy('i1', 'i2'))).status, 201, 'pairs are per account');
    const accountId = (await s.api.get('/v2/users/' + (await s.api.get('/v2/users?role_id=0')).body.users[0].id)).body.account_id;
    for (const path of ['', `/${mine.id}`]) {
      assert.equal((await api.get(`/v2/accounts/${accountId}/information_barriers/policies${path}`)).status, 404);
    }
    assert.equal((await api.delete(`/v2/accounts/${accountId}/information_barriers/policies/${mine.id}`)).status, 404);
    assert.deepEqual((await s.api.get(`${P}/${mine.id}`)).body, mine);
  });
});
