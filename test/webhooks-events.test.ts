// Zoom's event catalogue (contract/events/), the body built from an outbox row
// as it is delivered, and the test helper every category asserts its events with.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { catalogue, eventsSince, expectEmitted, expectEvent, expectNoEvents, markEvents } from './helpers/events.ts';
import { deliveredEvent } from '../src/webhooks/envelope.ts';
import { emitEvent } from '../src/webhooks/emit.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const ISSUE_EVENTS = [
  'user.created', 'user.updated', 'user.deleted', 'user.activated', 'user.deactivated', 'user.disassociated',
  'user.settings_updated', 'user.presence_status_updated', 'user.signed_in', 'user.signed_out',
  'group.created', 'group.updated', 'group.deleted', 'group.member_added', 'group.member_deleted', 'group.admin_added',
  'group.admin_deleted', 'group.settings_updated', 'group.lock_settings_updated',
  'account.created', 'account.updated', 'account.settings_updated', 'account.lock_settings_updated', 'account.disassociated',
  'information_barriers.policy_created', 'information_barriers.policy_updated', 'information_barriers.policy_deleted',
];

describe('the catalogue', () => {
  test("holds every event of Zoom's files, each with its product, and the events of the implemented operations", () => {
    const names = catalogue.names();
    assert.equal(names.length, 314);
    for (const name of ISSUE_EVENTS) assert.ok(catalogue.has(name), name);
    assert.equal(catalogue.product('meeting.created'), 'meetings');
    assert.equal(catalogue.product('user.created'), 'users');
    assert.equal(catalogue.has('endpoint.url_validation'), false);
  });

  test('every event schema compiles, and none keeps prose', () => {
    for (const name of catalogue.names()) {
      assert.ok(Array.isArray(catalogue.check({ event: name })), name);
      assert.equal(JSON.stringify(catalogue.schema(name)).includes('"description":"'), false, name);
    }
  });

  test('a body that breaks its schema is refused with the field named; an unknown event is refused', () => {
    const bad = { event: 'group.created', event_ts: 1, payload: { account_id: 'a', operator: 'x@example.com', operator_id: 'u', object: { id: 'g' } } };
    assert.ok(catalogue.check(bad).some((p) => p.includes('name')), catalogue.check(bad).join());
    assert.deepEqual(catalogue.check({ ...bad, event: 'nothing.happened' }), ['event "nothing.happened" is not in Zoom\'s catalogue']);
  });
});

describe('the delivered body of an outbox row', () => {
  const row = (event: string, payload: object) => ({
    account_id: 'ACC', id: 'x', event, event_ts: '1700000000123', operator: 'admin@example.com', operator_id: 'U1', payload: JSON.stringify(payload),
  });

  test('fills account_id, operator and operator_id where the schema has them, in Zoom\'s order; event_ts is a number', () => {
    const e = deliveredEvent(row('group.created', { object: { id: 'G', name: 'N' } }), catalogue);
    assert.deepEqual(e, { event: 'group.created', payload: { account_id: 'ACC', operator: 'admin@example.com', operator_id: 'U1', object: { id: 'G', name: 'N' } }, event_ts: 1700000000123 });
    assert.deepEqual(Object.keys(e), ['event', 'payload', 'event_ts']);
    assert.deepEqual(catalogue.check(e), []);
  });

  test('leaves out what the schema does not have (user.signed_in has no operator; account.updated no operator_id)', () => {
    const signedIn = deliveredEvent(row('user.signed_in', { object: {} }), catalogue);
    assert.deepEqual(Object.keys(signedIn.payload), ['account_id', 'object']);
    const updated = deliveredEvent(row('account.updated', { object: {} }), catalogue);
    assert.deepEqual(Object.keys(updated.payload), ['account_id', 'operator', 'object']);
  });

  test("the emitter's own operator wins", () => {
    const e = deliveredEvent(row('group.created', { operator: 'other@example.com', object: {} }), catalogue);
    assert.equal(e.payload.operator, 'other@example.com');
    assert.equal(e.payload.operator_id, 'U1');
  });
});

describe('the events helper', () => {
  test('an account-level token: the operator is the account owner (what Zoom names for server-to-server apps)', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const owner = (await api.get('/v2/users/' + acct.body.owner_id)).body;
    const mark = await markEvents(s);
    const r = await api.post('/v2/groups', { name: 'Sales' });
    const e = await expectEmitted(s, mark, 'group.created', (e) => e.payload.object.id === r.body.id);
    assert.deepEqual(e.payload, { account_id: acct.body.account_id, operator: owner.email, operator_id: owner.id, time_stamp: e.payload.time_stamp, object: { id: r.body.id, name: 'Sales' } });
    assert.ok(Math.abs(e.event_ts - s.clock.now()) < 60_000);
  });

  test("a user-level token: the operator is the token's user", async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const admin = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'ada@example.com', type: 1 } });
    assert.equal((await api.post('/v2/roles/1/members', { members: [{ id: admin.body.id }] })).status, 201);
    const t = await s.client.post('/_openzoom/tokens', { account_id: acct.body.account_id, user_id: admin.body.id, scopes: ['group:write:admin', 'group:read:admin'] });
    const asAdmin = s.client.withToken(t.body.access_token);
    const group = await api.post('/v2/groups', { name: 'Old' });
    const mark = await markEvents(s);
    assert.equal((await asAdmin.patch(`/v2/groups/${group.body.id}`, { name: 'New' })).status, 204);
    const e = await expectEmitted(s, mark, 'group.updated');
    assert.equal(e.payload.operator, 'ada@example.com');
    assert.equal(e.payload.operator_id, admin.body.id);
    assert.deepEqual(e.payload.object, { id: group.body.id, name: 'New' });
    assert.deepEqual(e.payload.old_object, { id: group.body.id, name: 'Old' });
  });

  test('events come in the order emitted, per account if asked; a refused write emits nothing', async () => {
    const mark = await markEvents(s);
    const a = await s.api.post('/v2/groups', { name: 'First' });
    await s.api.delete(`/v2/groups/${a.body.id}`);
    const events = await eventsSince(s, mark);
    assert.deepEqual(events.map((e) => e.event), ['group.created', 'group.deleted']);
    expectEvent(events, 'group.deleted', (e) => e.payload.object.name === 'First');
    assert.deepEqual(await eventsSince(s, mark, 'another-account'), []);

    const again = await markEvents(s);
    await s.api.post('/v2/groups', { name: 'Second' });
    const dup = await s.api.post('/v2/groups', { name: 'Second' });
    assert.equal(dup.status, 409);
    assert.equal((await eventsSince(s, again)).length, 1);
  });

  test('a rolled-back write emits nothing', async () => {
    const mark = await markEvents(s);
    await assert.rejects(
      s.db.transaction(async (tx) => {
        await emitEvent(tx, { accountId: s.demo!.accountId, operatorUserId: null, clientId: null, now: s.clock.now() }, 'group.created', { object: { id: 'g', name: 'n' } });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await expectNoEvents(s, mark);
  });

  test('expectEvent fails on a missing event, on two of them, and on a body the catalogue refuses', async () => {
    const e = { event: 'group.created', event_ts: 1, payload: { account_id: 'a', operator: 'a@example.com', operator_id: 'u', object: { id: 'g', name: 'n' } } };
    assert.throws(() => expectEvent([], 'group.created'), /expected one group.created event, found 0/);
    assert.throws(() => expectEvent([e, e], 'group.created'), /found 2/);
    assert.throws(() => expectEvent([{ ...e, payload: { ...e.payload, object: { id: 'g' } } }], 'group.created'), /does not validate/);
    assert.equal(expectEvent([e], 'group.created'), e);
  });
});
