// Delivery is durable: a server restarted in the middle of a retry ladder
// resumes it from the database (SQLite and PostgreSQL), and two instances on
// one PostgreSQL deliver each event once (claims use FOR UPDATE SKIP LOCKED).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sharedDatabase, startServer, TEST_DB, type TestServer } from './helpers/server.ts';
import { Receiver } from './helpers/receiver.ts';
import type { AttemptNotice } from '../src/webhooks/delivery.ts';

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function nextAttempt(s: TestServer, match: (a: AttemptNotice) => boolean): Promise<AttemptNotice> {
  return new Promise((resolve) => {
    const stop = s.webhooks.onAttempt((a) => {
      if (match(a)) (stop(), resolve(a));
    });
  });
}

async function subscribedDemo(s: TestServer, rx: Receiver) {
  const demo = s.demo!;
  const r = await s.client.post('/_openzoom/event_subscriptions', {
    account_id: demo.accountId, client_id: demo.clientId, endpoint_url: rx.url, secret_token: rx.secret, events: ['group.created'],
  });
  assert.equal(r.body.status, 'validated', r.raw);
  return r.body as { id: string };
}

describe('durability', () => {
  test('a restart in the middle of a retry ladder loses nothing: the next retry goes out when the clock reaches it', async () => {
    const shared = await sharedDatabase();
    cleanups.push(() => shared.drop());
    const rx = await new Receiver().start();
    cleanups.push(() => rx.close());

    const first = await startServer({}, shared.target);
    const sub = await subscribedDemo(first, rx);
    rx.mode = 'error';
    const failed = nextAttempt(first, (a) => a.subscription_id === sub.id);
    await first.api.post('/v2/groups', { name: 'Survivor' });
    assert.equal((await failed).status_code, 500);
    await first.close();

    rx.mode = 'ok';
    const second = await startServer({}, shared.target);
    cleanups.push(() => second.close());
    const arrived = rx.nextEvent('group.created');
    const retried = nextAttempt(second, (a) => a.subscription_id === sub.id);
    await second.client.post('/_openzoom/clock', { advance_seconds: 300 });
    const r = await arrived;
    assert.equal(r.signed, true);
    assert.equal(r.body.payload.object.name, 'Survivor');
    assert.equal((await retried).status_code, 200);
    const log = (await second.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events;
    assert.equal(log.length, 1);
    assert.equal(log[0].status, 'delivered');
    assert.equal(log[0].attempts, 2);
    assert.equal(rx.events('group.created').length, 2);
  });

  test('an event committed while its deliveries were not yet made is delivered after a restart', async () => {
    const shared = await sharedDatabase();
    cleanups.push(() => shared.drop());
    const rx = await new Receiver().start();
    cleanups.push(() => rx.close());
    // A gathering window longer than the test: the first server stops before it makes the delivery.
    const first = await startServer({ webhooks: { gatherMs: 1000 } }, shared.target);
    const sub = await subscribedDemo(first, rx);
    await first.api.post('/v2/groups', { name: 'Pending' });
    const made = await first.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscription_id = ?', [sub.id]);
    assert.equal(Number(made!.n), 0);
    await first.close();
    assert.equal(rx.received.filter((r) => r.body?.event === 'group.created').length, 0);

    const arrived = rx.nextEvent('group.created');
    const second = await startServer({}, shared.target);
    cleanups.push(() => second.close());
    assert.equal((await arrived).body.payload.object.name, 'Pending');
  });

  test('commits within the gathering window go out together; an event for a subscription deleted before then goes nowhere', async () => {
    const rx = await new Receiver().start();
    cleanups.push(() => rx.close());
    const s = await startServer({ webhooks: { gatherMs: 60_000 } });
    cleanups.push(() => s.close());
    const sub = await subscribedDemo(s, rx);
    for (const name of ['One', 'Two', 'Three']) await s.api.post('/v2/groups', { name });
    assert.equal(rx.received.filter((r) => r.body?.event === 'group.created').length, 0);
    const three = Promise.all(['One', 'Two', 'Three'].map(() => nextAttempt(s, (a) => a.subscription_id === sub.id)));
    await s.webhooks.afterNextRun();
    assert.deepEqual((await three).map((a) => a.status_code), [200, 200, 200]);

    await s.api.post('/v2/groups', { name: 'Orphan' });
    assert.equal((await s.client.request('DELETE', `/_openzoom/event_subscriptions/${sub.id}`, { body: {} })).status, 204);
    await s.webhooks.afterNextRun();
    const left = await s.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscription_id = ?', [sub.id]);
    assert.equal(Number(left!.n), 0);
    assert.equal(rx.received.some((r) => r.body?.payload?.object?.name === 'Orphan'), false);
  });

  test('two instances on one PostgreSQL deliver each event once', { skip: TEST_DB !== 'postgres' && 'instances share a database only on PostgreSQL' }, async () => {
    const shared = await sharedDatabase();
    cleanups.push(() => shared.drop());
    const rx = await new Receiver().start();
    cleanups.push(() => rx.close());
    // Both look for work often, so both contend for every row.
    const one = await startServer({ webhooks: { pollMs: 5 } }, shared.target);
    const two = await startServer({ webhooks: { pollMs: 5 } }, shared.target);
    cleanups.push(() => one.close(), () => two.close());
    await subscribedDemo(one, rx);
    const names = Array.from({ length: 40 }, (_, i) => `Once ${i}`);
    const all = Promise.all(names.map((n) => rx.next((r) => r.body?.payload?.object?.name === n)));
    await Promise.all(names.map((name, i) => (i % 2 ? one : two).api.post('/v2/groups', { name })));
    await all;
    // Every delivery recorded: both instances have finished their rounds.
    await Promise.all([one.webhooks.afterNextRun(), two.webhooks.afterNextRun()]);
    const counts = new Map<string, number>();
    for (const r of rx.events('group.created')) counts.set(r.body.payload.object.name, (counts.get(r.body.payload.object.name) ?? 0) + 1);
    assert.deepEqual([...counts.values()].filter((n) => n !== 1), []);
    assert.equal(counts.size, 40);
  });
});
