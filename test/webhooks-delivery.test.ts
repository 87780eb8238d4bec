// Delivery to a real endpoint on loopback: subscriptions on the control plane,
// url validation, Zoom's headers and signature (verified as Zoom's sample
// does), failures, retries when the server clock moves, giving up, redelivery,
// the log, bounded concurrency, and pruning. Nothing sleeps: tests move the
// clock and await the receiver's or the deliverer's promises.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { Receiver } from './helpers/receiver.ts';
import { assertValidEvent } from './helpers/events.ts';
import { DEFAULT_WEBHOOK_OPTIONS, type AttemptNotice } from '../src/webhooks/delivery.ts';
import { loadConfig } from '../src/config.ts';

let s: TestServer;
let rx: Receiver;
let account: { account_id: string; client_id: string; client_secret: string; owner_id: string };

before(async () => {
  s = await startServer({ webhooks: { timeoutMs: 300 } });
  rx = await new Receiver().start();
});
after(async () => {
  await s.close();
  await rx.close();
});
beforeEach(() => {
  rx.mode = 'ok';
});

async function newAccount() {
  const a = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  assert.equal(a.status, 201);
  return { ...a.body, api: await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret) };
}

async function subscribe(body: Record<string, unknown>) {
  return s.client.post('/_openzoom/event_subscriptions', { secret_token: rx.secret, endpoint_url: rx.url, ...body });
}

/** A new account whose app subscribed to group.created at the receiver. */
async function subscribedAccount() {
  const a = await newAccount();
  const sub = (await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] })).body;
  assert.equal(sub.status, 'validated');
  return { a, sub };
}

/** The next attempt the deliverer records that matches. */
function nextAttempt(match: (a: AttemptNotice) => boolean = () => true): Promise<AttemptNotice> {
  return new Promise((resolve) => {
    const stop = s.webhooks.onAttempt((a) => {
      if (!match(a)) return;
      stop();
      resolve(a);
    });
  });
}

/** Control-plane writes are JSON, DELETE too. */
const JSON_BODY = { rawBody: '{}', headers: { 'content-type': 'application/json' } };
const advance = (minutes: number) => s.client.post('/_openzoom/clock', { advance_seconds: minutes * 60 });

describe('options', () => {
  test("Zoom's defaults (3 s, 5/20/60 minutes, 72 hours, 7 days of log), and the server flags that change them", () => {
    assert.equal(DEFAULT_WEBHOOK_OPTIONS.timeoutMs, 3000);
    assert.deepEqual(DEFAULT_WEBHOOK_OPTIONS.retryScheduleMs, [5, 20, 60].map((m) => m * 60_000));
    assert.equal(DEFAULT_WEBHOOK_OPTIONS.revalidateEveryMs, 72 * 3600_000);
    assert.equal(DEFAULT_WEBHOOK_OPTIONS.retentionMs, 7 * 86_400_000);
    assert.deepEqual(loadConfig([], {}).webhooks, {});
    const c = loadConfig(['--webhook-retries', '1,2', '--webhook-timeout', '10', '--webhook-retention', '0.5'], {});
    assert.deepEqual(c.webhooks, { retryScheduleMs: [60_000, 120_000], timeoutMs: 10_000, retentionMs: 43_200_000 });
    assert.deepEqual(loadConfig([], { OPENZOOM_WEBHOOK_RETRIES: 'none' }).webhooks, { retryScheduleMs: [] });
    assert.throws(() => loadConfig(['--webhook-retries', 'soon'], {}), /--webhook-retries/);
    assert.equal(DEFAULT_WEBHOOK_OPTIONS.gatherMs, 20);
    assert.deepEqual(loadConfig(['--webhook-gather', '0'], {}).webhooks, { gatherMs: 0 });
    assert.deepEqual(loadConfig([], { OPENZOOM_WEBHOOK_GATHER: '50' }).webhooks, { gatherMs: 50 });
    assert.throws(() => loadConfig(['--webhook-gather', '2.5'], {}), /--webhook-gather/);
  });
});

describe('subscriptions', () => {
  test('creating one validates the endpoint first: a signed endpoint.url_validation, answered with the HMAC of the plainToken', async () => {
    const a = await newAccount();
    const validation = rx.next((r) => r.body?.event === 'endpoint.url_validation');
    const r = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    assert.equal(r.status, 201, r.raw);
    const v = await validation;
    assert.equal(v.signed, true);
    assert.equal(typeof v.body.payload.plainToken, 'string');
    assert.deepEqual(Object.keys(v.body), ['payload', 'event_ts', 'event']);
    assert.equal(r.body.status, 'validated');
    assert.equal(r.body.type, 'webhook');
    assert.deepEqual(r.body.events, ['group.created']);
    assert.equal('secret_token' in r.body, false);
    assert.equal(r.body.last_validation.ok, true);
    // The next validation is 72 hours of server clock later.
    assert.equal(Date.parse(r.body.next_validation_at) - Date.parse(r.body.validated_at), 72 * 3600_000);
    const shown = await s.client.get(`/_openzoom/event_subscriptions/${r.body.id}`);
    assert.deepEqual(shown.body, r.body);
    const listed = await s.client.get(`/_openzoom/event_subscriptions?client_id=${a.client_id}`);
    assert.deepEqual(listed.body.subscriptions.map((x: { id: string }) => x.id), [r.body.id]);
  });

  test('bad input answers 400 naming the field, and creates nothing', async () => {
    const a = await newAccount();
    const base = { account_id: a.account_id, client_id: a.client_id, events: ['user.created'] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, events: ['user.created', 'user.exploded'] }, 'events[1]'],
      [{ ...base, events: [] }, 'events'],
      [{ ...base, endpoint_url: 'ftp://127.0.0.1/x' }, 'endpoint_url'],
      [{ ...base, endpoint_url: 'not a url' }, 'endpoint_url'],
      [{ ...base, secret_token: '' }, 'secret_token'],
      [{ ...base, surprise: 1 }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const r = await subscribe(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
      assert.ok(r.body.errors.some((e: { field: string }) => e.field === field), `${field}: ${r.raw}`);
    }
    const missing = await s.client.post('/_openzoom/event_subscriptions', { ...base, endpoint_url: rx.url });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.errors, [{ field: 'secret_token', message: 'Missing field.' }]);
    const other = await newAccount();
    assert.equal((await subscribe({ ...base, client_id: other.client_id })).status, 404);
    assert.equal((await subscribe({ ...base, account_id: 'nope' })).status, 404);
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions?account_id=${a.account_id}`)).body.subscriptions, []);
  });

  test('at most 20 subscriptions per app, as in Zoom', async () => {
    const a = await newAccount();
    for (let i = 0; i < 20; i++) assert.equal((await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] })).status, 201);
    const r = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    assert.equal(r.status, 400);
    assert.match(r.body.message, /at most 20/);
  });

  test('an endpoint that fails validation is unvalidated and receives nothing until validated again on demand', async () => {
    const a = await newAccount();
    rx.mode = 'wrong-token';
    const r = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    assert.equal(r.status, 201);
    assert.equal(r.body.status, 'unvalidated');
    assert.match(r.body.last_validation.error, /encryptedToken/);
    rx.mode = 'ok';
    await a.api.post('/v2/groups', { name: 'Unheard' });
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions/${r.body.id}/events`)).body.events, []);
    const again = await s.client.post(`/_openzoom/event_subscriptions/${r.body.id}/validate`, {});
    assert.equal(again.body.status, 'validated');
    const delivered = rx.nextEvent('group.created');
    await a.api.post('/v2/groups', { name: 'Heard' });
    assert.equal((await delivered).body.payload.object.name, 'Heard');
  });

  test('a changed endpoint is validated again; delete removes the subscription and its log', async () => {
    const a = await newAccount();
    const r = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    const validation = rx.next((x) => x.body?.event === 'endpoint.url_validation');
    const moved = await s.client.patch(`/_openzoom/event_subscriptions/${r.body.id}`, { endpoint_url: `${rx.url}?v=2`, events: ['group.created', 'group.deleted'] });
    assert.equal(moved.status, 200, moved.raw);
    await validation;
    assert.equal(moved.body.status, 'validated');
    assert.equal(moved.body.endpoint_url, `${rx.url}?v=2`);
    assert.deepEqual(moved.body.events, ['group.created', 'group.deleted']);
    assert.equal((await s.client.delete(`/_openzoom/event_subscriptions/${r.body.id}`, JSON_BODY)).status, 204);
    assert.equal((await s.client.get(`/_openzoom/event_subscriptions/${r.body.id}`)).status, 404);
  });

  test('re-validation every 72 hours of server clock', async () => {
    const a = await newAccount();
    const r = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    const again = rx.next((x) => x.body?.event === 'endpoint.url_validation');
    await advance(72 * 60);
    await again;
    await s.webhooks.afterNextRun();
    const shown = await s.client.get(`/_openzoom/event_subscriptions/${r.body.id}`);
    assert.ok(Date.parse(shown.body.validated_at) > Date.parse(r.body.validated_at));
  });
});

describe('delivery', () => {
  test("an event arrives signed as Zoom signs it, with Zoom's headers, and validates against the catalogue", async () => {
    const a = await newAccount();
    await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'] });
    const arrived = rx.nextEvent('group.created');
    const g = await a.api.post('/v2/groups', { name: 'Delivered' });
    const r = await arrived;
    assert.equal(r.signed, true);
    assert.equal(r.headers['user-agent'], 'Zoom Marketplace/1.0a');
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers.clientid, a.client_id);
    assert.ok(r.headers['x-zm-trackingid']);
    assert.match(String(r.headers['x-zm-request-timestamp']), /^\d{10}$/);
    assert.ok(Math.abs(Number(r.headers['x-zm-request-timestamp']) - s.clock.now() / 1000) < 60);
    // Compact JSON: what JSON.stringify gives back is what was sent and signed.
    assert.equal(r.raw, JSON.stringify(r.body));
    assert.equal(r.body.payload.object.id, g.body.id);
    assert.equal(r.body.payload.account_id, a.account_id);
    assertValidEvent(r.body);
  });

  test("another account's events never reach a subscription", async () => {
    const { sub } = await subscribedAccount();
    const other = await newAccount();
    await other.api.post('/v2/groups', { name: 'Not yours' });
    await s.webhooks.afterNextRun();
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events, []);
  });

  test('only the events subscribed, and for listed users only their events', async () => {
    const a = await newAccount();
    const u = await a.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'listed@example.com', type: 1 } });
    await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.deleted'] });
    const narrow = await subscribe({ account_id: a.account_id, client_id: a.client_id, events: ['group.created'], user_ids: [u.body.id] });
    await a.api.post('/v2/groups', { name: 'By the owner' });
    const deleted = rx.nextEvent('group.deleted');
    const g = await a.api.post('/v2/groups', { name: 'Doomed' });
    await a.api.delete(`/v2/groups/${g.body.id}`);
    await deleted;
    // The owner made the groups (an account-level token): the listed user's subscription got none.
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions/${narrow.body.id}/events`)).body.events, []);
  });

  test('a 500 is retried after 5, 20 and 60 minutes of server clock, then the event is failed; redeliver sends it again', async () => {
    const { a, sub } = await subscribedAccount();
    rx.mode = 'error';
    const first = nextAttempt((x) => x.subscription_id === sub.id);
    await a.api.post('/v2/groups', { name: 'Flaky' });
    assert.equal((await first).status_code, 500);
    const log = async () => (await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events[0];
    const d = await log();
    assert.equal(d.status, 'pending');
    assert.equal(d.attempts, 1);
    assert.equal(Date.parse(d.next_attempt_at) - Date.parse(d.updated_at), 5 * 60_000);

    // Four minutes on nothing is due; a fifth minute makes the retry go out at once.
    await advance(4);
    assert.equal((await log()).attempts, 1);
    for (const [minutes, attempt] of [[1, 2], [20, 3], [60, 4]] as const) {
      const next = nextAttempt((x) => x.delivery_id === d.id);
      await advance(minutes);
      await next;
      assert.equal((await log()).attempts, attempt);
    }
    const gaveUp = await log();
    assert.equal(gaveUp.status, 'failed');
    assert.equal(gaveUp.next_attempt_at, null);

    const shown = await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events/${d.id}`);
    assert.deepEqual(shown.body.attempts.map((x: { status_code: number }) => x.status_code), [500, 500, 500, 500]);
    assert.equal(shown.body.attempts[0].response, 'nope');
    assertValidEvent(shown.body.body);

    rx.mode = 'ok';
    const again = rx.nextEvent('group.created');
    const recorded = nextAttempt((x) => x.delivery_id === d.id);
    const re = await s.client.post(`/_openzoom/event_subscriptions/${sub.id}/events/${d.id}/redeliver`, {});
    assert.equal(re.status, 202);
    assert.equal((await again).signed, true);
    assert.equal((await recorded).status_code, 200);
    const done = await log();
    assert.equal(done.status, 'delivered');
    assert.equal(done.attempts, 5);
  });

  test('3xx and 4xx answers are not retried (as Zoom documents); a timeout is', async () => {
    const { a, sub } = await subscribedAccount();
    rx.mode = 'not-found';
    const refused = nextAttempt((x) => x.subscription_id === sub.id);
    await a.api.post('/v2/groups', { name: 'Lost' });
    assert.equal((await refused).status_code, 404);
    const events = async () => (await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events;
    assert.equal((await events())[0].status, 'failed');

    rx.mode = 'hang';
    const timedOut = nextAttempt((x) => x.subscription_id === sub.id);
    await a.api.post('/v2/groups', { name: 'Slow' });
    assert.equal((await timedOut).status_code, -1);
    rx.release();
    const attempts = (await s.client.get(`/_openzoom/webhook_attempts?subscription_id=${sub.id}`)).body.attempts;
    assert.deepEqual(attempts.map((x: { status_code: number }) => x.status_code), [404, -1]);
    assert.equal(attempts[1].error, 'Read timed out.');
    assert.equal((await events())[1].status, 'pending');
  });

  test('an endpoint that is gone (connection refused) is retried', async () => {
    const gone = await new Receiver(rx.secret).start();
    const a = await newAccount();
    const sub = (await s.client.post('/_openzoom/event_subscriptions', { account_id: a.account_id, client_id: a.client_id, endpoint_url: gone.url, secret_token: rx.secret, events: ['group.created'] })).body;
    assert.equal(sub.status, 'validated');
    await gone.close();
    const refused = nextAttempt((x) => x.subscription_id === sub.id);
    await a.api.post('/v2/groups', { name: 'Nobody home' });
    assert.equal((await refused).status_code, -2);
    const [d] = (await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events;
    assert.equal(d.status, 'pending');
    const [attempt] = (await s.client.get(`/_openzoom/webhook_attempts?subscription_id=${sub.id}`)).body.attempts;
    assert.equal(attempt.error, 'Connection refused.');
  });

  test('an endpoint that never answers holds at most its concurrency, and never delays the API or other endpoints', async () => {
    // A server of its own: two requests at most per endpoint, and a timeout longer than the test.
    const own = await startServer({ webhooks: { concurrency: 2, timeoutMs: 30_000 } });
    const slow = await new Receiver(rx.secret).start();
    try {
      const demo = own.demo!;
      const subscribe = (url: string) => own.client.post('/_openzoom/event_subscriptions', { account_id: demo.accountId, client_id: demo.clientId, endpoint_url: url, secret_token: rx.secret, events: ['group.created'] });
      assert.equal((await subscribe(slow.url)).body.status, 'validated');
      assert.equal((await subscribe(rx.url)).body.status, 'validated');
      slow.mode = 'hang';
      const held = slow.eventCount(2);
      const arrivals = Promise.all(Array.from({ length: 6 }, (_, i) => rx.next((r) => r.body?.payload?.object?.name === `Busy ${i}`)));
      for (let i = 0; i < 6; i++) assert.equal((await own.api.post('/v2/groups', { name: `Busy ${i}` })).status, 201);
      // The healthy endpoint gets everything while the other holds its two.
      await arrivals;
      await held;
      await own.webhooks.afterNextRun();
      await own.webhooks.afterNextRun();
      assert.equal(slow.events().length, 2);
      assert.equal(slow.maxInFlight, 2);
      // Once it answers, the rest follow.
      const rest = slow.eventCount(6);
      slow.mode = 'ok';
      slow.release();
      await rest;
      assert.equal(slow.events().length, 6);
    } finally {
      await own.close();
      await slow.close();
    }
  });

  test('delivered events are pruned after the retention period of server clock', async () => {
    const { a, sub } = await subscribedAccount();
    const arrived = nextAttempt((x) => x.subscription_id === sub.id);
    await a.api.post('/v2/groups', { name: 'Old news' });
    await arrived;
    assert.equal((await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events.length, 1);
    await advance(6 * 24 * 60);
    await s.webhooks.afterNextRun();
    assert.equal((await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events.length, 1);
    // The clock's move wakes the deliverer, whose chores prune.
    await advance(2 * 24 * 60);
    await s.webhooks.afterNextRun();
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events, []);
    const left = await s.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM webhook_events WHERE account_id = ?', [a.account_id]);
    assert.equal(Number(left!.n), 0);
  });
});
