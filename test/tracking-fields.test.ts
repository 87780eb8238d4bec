// Tracking fields: CRUD, the one-name rule, master paths, and the rules meetings and webinars apply with them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { applyTrackingFields } from '../src/api/tracking-fields/model.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const UNKNOWN = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('Tracking fields (trackingfieldCreate, trackingfieldGet, trackingfieldList, trackingfieldUpdate, trackingfieldDelete)', () => {
  test('create, read, list, update and delete', async () => {
    const r = await s.api.post('/v2/tracking_fields', { field: 'Cost center', recommended_values: ['R&D', 'Sales', 'R&D'], required: true });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body, { id: r.body.id, field: 'Cost center', recommended_values: ['R&D', 'Sales'], required: true, visible: true });
    assert.deepEqual((await s.api.get(`/v2/tracking_fields/${r.body.id}`)).body, r.body);
    const list = await s.api.get('/v2/tracking_fields');
    assert.equal(list.body.total_records, list.body.tracking_fields.length);
    assert.ok(list.body.tracking_fields.some((f: { id: string }) => f.id === r.body.id));
    const u = await s.api.patch(`/v2/tracking_fields/${r.body.id}`, { visible: false, recommended_values: ['Ops'] });
    assert.equal(u.status, 204, u.raw);
    assert.deepEqual((await s.api.get(`/v2/tracking_fields/${r.body.id}`)).body, { ...r.body, visible: false, recommended_values: ['Ops'] });
    assert.equal((await s.api.delete(`/v2/tracking_fields/${r.body.id}`)).status, 204);
    const gone = await s.api.get(`/v2/tracking_fields/${r.body.id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, { code: 5110, message: `Tracking field does not exist: ${r.body.id}.` });
    assert.equal((await s.api.delete(`/v2/tracking_fields/${r.body.id}`)).body.code, 5110);
  });

  test('an answer read again follows every change of the field; kept answers reach no Member without the privilege and no other account', async () => {
    const f = (await s.api.post('/v2/tracking_fields', { field: 'Kept field', recommended_values: ['a'] })).body;
    const read = async () => (await s.api.get(`/v2/tracking_fields/${f.id}`)).body;
    assert.deepEqual(await read(), f);
    assert.deepEqual(await read(), f);
    assert.equal((await s.api.patch(`/v2/tracking_fields/${f.id}`, { field: 'Kept renamed', required: true })).status, 204);
    assert.deepEqual(await read(), { ...f, field: 'Kept renamed', required: true });
    assert.equal((await s.api.patch(`/v2/tracking_fields/${f.id}`, { recommended_values: ['b', 'c'], visible: false })).status, 204);
    assert.deepEqual(await read(), { ...f, field: 'Kept renamed', required: true, recommended_values: ['b', 'c'], visible: false });
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'tf-kept-member@example.org', type: 1 } });
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.get(`/v2/tracking_fields/${f.id}`)).body.code, 200);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.get(`/v2/tracking_fields/${f.id}`)).body.code, 5110);
    assert.equal((await s.api.delete(`/v2/tracking_fields/${f.id}`)).status, 204);
    assert.equal((await read()).code, 5110);
  });

  test('one field of a name per account (any case); renaming onto another field is refused', async () => {
    const a = await s.api.post('/v2/tracking_fields', { field: 'Region' });
    const dup = await s.api.post('/v2/tracking_fields', { field: ' region ' });
    assert.equal(dup.status, 400);
    assert.deepEqual(dup.body, { code: 200, message: 'Tracking field region already exists.' });
    const b = await s.api.post('/v2/tracking_fields', { field: 'Team' });
    const clash = await s.api.patch(`/v2/tracking_fields/${b.body.id}`, { field: 'REGION' });
    assert.equal(clash.body.code, 200);
    assert.equal((await s.api.patch(`/v2/tracking_fields/${a.body.id}`, { field: 'region' })).status, 204, 'its own name in another case');
    assert.equal((await s.api.get(`/v2/tracking_fields/${b.body.id}`)).body.field, 'Team');
  });

  test('two creates of one name at once: one field, the other refused', async () => {
    const rs = await Promise.all([1, 2, 3].map(() => s.api.post('/v2/tracking_fields', { field: 'Raced' })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 400, 400]);
    const all = (await s.api.get('/v2/tracking_fields')).body.tracking_fields.filter((f: { field: string }) => f.field === 'Raced');
    assert.equal(all.length, 1);
  });

  test('bad input writes nothing', async () => {
    const before = (await s.api.get('/v2/tracking_fields')).body.total_records;
    for (const body of [{}, { field: '   ' }, { field: 'x'.repeat(65) }, { field: 'ok', required: 'yes' }, { field: 'ok', recommended_values: 'a' }]) {
      const r = await s.api.post('/v2/tracking_fields', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
    }
    assert.equal((await s.api.get('/v2/tracking_fields')).body.total_records, before);
    assert.equal((await s.api.patch(`/v2/tracking_fields/${UNKNOWN}`, { field: 'x' })).body.code, 5110);
  });

  test("a master manages a sub account's fields; another account's field is not found", async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
    const f = await s.api.post(`/v2/accounts/${sub.body.account_id}/tracking_fields`, { field: 'Sub field' });
    assert.equal(f.status, 201, f.raw);
    assert.equal((await s.api.get(`/v2/tracking_fields/${f.body.id}`)).status, 404, 'not the master\'s own');
    assert.equal((await s.api.get(`/v2/accounts/${sub.body.account_id}/tracking_fields/${f.body.id}`)).status, 200);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.delete(`/v2/tracking_fields/${f.body.id}`)).body.code, 5110);
    assert.equal((await api.get(`/v2/accounts/${sub.body.account_id}/tracking_fields`)).status, 404);
  });

  test('a Member without the tracking field privileges reads and writes nothing', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'tf-member@example.org', type: 1 } });
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token;
    const m = s.client.withToken(token);
    assert.equal((await m.get('/v2/tracking_fields')).body.code, 200);
    assert.equal((await m.post('/v2/tracking_fields', { field: 'Nope' })).body.code, 200);
  });
});

describe('Tracking fields on meetings and webinars (applyTrackingFields)', () => {
  const defined = [
    { id: '1', field: 'Cost center', recommended_values: ['R&D'], required: true, visible: true },
    { id: '2', field: 'Region', recommended_values: [], required: false, visible: false },
  ];
  test('answers the defined name and its visibility', () => {
    assert.deepEqual(applyTrackingFields(defined, [{ field: 'cost center', value: 'Ops' }, { field: 'Region', value: 'EU' }], true), [
      { field: 'Cost center', value: 'Ops', visible: true },
      { field: 'Region', value: 'EU', visible: false },
    ]);
  });
  test('a required field is needed on create, not on update; an undefined field is refused', () => {
    assert.throws(() => applyTrackingFields(defined, [{ field: 'Region', value: 'EU' }], true), /required: Cost center/);
    assert.deepEqual(applyTrackingFields(defined, [{ field: 'Region', value: 'EU' }], false), [{ field: 'Region', value: 'EU', visible: false }]);
    assert.throws(() => applyTrackingFields(defined, [{ field: 'Cost center', value: ' ' }], false), /required/);
    assert.throws(() => applyTrackingFields(defined, [{ field: 'Planet', value: 'Mars' }], false), /does not exist: Planet/);
  });
});

describe('Meetings take the tracking fields the account defines', () => {
  let m: TestServer;
  before(async () => {
    m = await startServer();
  });
  after(() => m.close());

  test('required fields on create, unknown fields refused, answered with their visibility; an update may change them', async () => {
    const owner = (await m.api.get('/v2/users')).body.users[0].id;
    const region = await m.api.post('/v2/tracking_fields', { field: 'Region', required: true, visible: false });
    assert.equal(region.status, 201, region.raw);
    const create = (body: object) => m.api.post(`/v2/users/${owner}/meetings`, { topic: 'Tracked', start_time: '2035-03-01T10:00:00Z', ...body });
    const missing = await create({});
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, { code: 300, message: 'Tracking field is required: Region.' });
    const unknown = await create({ tracking_fields: [{ field: 'Region', value: 'EMEA' }, { field: 'Nope', value: 'x' }] });
    assert.deepEqual(unknown.body, { code: 300, message: 'Tracking field does not exist: Nope.' });
    const made = await create({ tracking_fields: [{ field: 'region', value: 'EMEA' }] });
    assert.equal(made.status, 201, made.raw);
    assert.deepEqual(made.body.tracking_fields, [{ field: 'Region', value: 'EMEA', visible: false }]);
    assert.equal((await m.api.patch(`/v2/meetings/${made.body.id}`, { tracking_fields: [{ field: 'Region', value: 'APAC' }] })).status, 204);
    assert.deepEqual((await m.api.get(`/v2/meetings/${made.body.id}`)).body.tracking_fields, [{ field: 'Region', value: 'APAC', visible: false }]);
    assert.equal((await m.api.delete(`/v2/tracking_fields/${region.body.id}`)).status, 204);
    assert.equal((await create({})).status, 201, 'no required field left');
  });
});
