// Webhook figures for `npm run bench`: the write path with one subscription
// against none (the same PATCH, measured before any subscription existed), and
// deliveries per second from a backlog to a local receiver.
import { setTimeout as sleep } from 'node:timers/promises';
import { openDb } from '../src/storage/db.ts';
import { queueEvent } from '../src/webhooks/emit.ts';
import type { Goal, Row } from './report.ts';
import { freePort, start, stop, waitUntilUp } from './servers.ts';

const SECRET = 'bench-webhook-secret';
/** Pairs of short paced rounds, without then with a subscription. */
const PACED_PAIRS = 8;
const PACED_SECONDS = 3;

export interface WebhookBench {
  base: string;
  db: string;
  accountId: string;
  clientId: string;
  /** The PATCH /v2/users/{userId} row measured with no subscription. */
  without: Row;
  /** Measures the same PATCH again. */
  patch(name: string): Promise<Row>;
  /** The same PATCH at a fixed moderate rate: its latency below saturation. */
  paced(name: string, seconds?: number): Promise<Row>;
  call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any>;
  backlog: number;
}

/**
 * The endpoint, a process of its own (bench/receiver.ts), as an app is: its
 * work does not share the load generator's event loop, whose timings it would
 * otherwise spoil.
 */
async function receiver() {
  const port = await freePort();
  const child = start(['bench/receiver.ts', String(port), SECRET]);
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, `${base}/stats`);
  const stats = async () => (await (await fetch(`${base}/stats`)).json()) as { count: number; first: number; last: number };
  return {
    url: `${base}/webhook`,
    reset: async () => void (await fetch(`${base}/reset`, { method: 'POST' })),
    /** Resolves once n events have arrived (polled: this is a benchmark, not a test); answers the seconds from the first to the last. */
    until: async (n: number) => {
      for (;;) {
        const s = await stats();
        if (s.count >= n) return (s.last - s.first) / 1000;
        await sleep(20);
      }
    },
    close: () => stop(child),
  };
}

export async function webhookTargets(b: WebhookBench, rows: Row[]): Promise<Goal[]> {
  const rx = await receiver();
  const control = (path: string) => `${b.base}/_openzoom${path}`;
  try {
    const subscribe = async () => {
      const sub = await b.call('POST', control('/event_subscriptions'), {}, { account_id: b.accountId, client_id: b.clientId, endpoint_url: rx.url, secret_token: SECRET, events: ['user.updated'] });
      if (sub.status !== 'validated') throw new Error(`the bench receiver failed validation: ${JSON.stringify(sub.last_validation)}`);
      return sub as { id: string };
    };
    // Short rounds without and with a subscription, alternated, compared pair by pair: this
    // machine's speed drifts by more than the effect over a run (rounds without a subscription
    // differ by ±15%), and a pair's two rounds share the same moment.
    const none: Row[] = [];
    const one: Row[] = [];
    for (let pair = 1; pair <= PACED_PAIRS; pair++) {
      none.push(await b.paced(`PATCH /v2/users/{userId} at 200 writes/s, no subscription (pair ${pair})`, PACED_SECONDS));
      const sub = await subscribe();
      one.push(await b.paced(`PATCH /v2/users/{userId} at 200 writes/s, 1 webhook subscription (pair ${pair})`, PACED_SECONDS));
      await b.call('DELETE', control(`/event_subscriptions/${sub.id}`), {}, {});
    }
    rows.push(...none, ...one);
    const median = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
    };
    const ratios = none.map((r, i) => one[i]!.p50Ms! / r.p50Ms!);
    const added = median(ratios) - 1;
    const calm = { p50: median(none.map((r) => r.p50Ms!)), p99: median(none.map((r) => r.p99Ms)) };
    const calmWithOne = { p50: median(one.map((r) => r.p50Ms!)), p99: median(one.map((r) => r.p99Ms)) };

    const sub = await subscribe();
    const withOne = await b.patch('PATCH /v2/users/{userId}, 1 webhook subscription');
    withOne.ratio = withOne.reqPerSec / b.without.reqPerSec;
    rows.push(withOne);

    // A backlog written in one transaction, as many writes would; the server takes it from the database.
    await rx.reset();
    const db = await openDb(b.db);
    try {
      const { now_ms: now } = await b.call('GET', control('/clock'), {});
      await db.transaction(async (tx) => {
        const source = { accountId: b.accountId, operatorUserId: null, clientId: b.clientId, now };
        for (let i = 0; i < b.backlog; i++) await queueEvent(tx, source, 'user.updated', { time_stamp: now, object: { id: `bench${i}`, dept: `Dept ${i}` }, old_object: { id: `bench${i}`, dept: '' } });
      });
    } finally {
      await db.close();
    }
    const seconds = await rx.until(b.backlog);
    const perSecond = (b.backlog - 1) / seconds;
    rows.push({ target: `webhook deliveries to a local receiver (${b.backlog} queued)`, url: rx.url, reqPerSec: perSecond, p99Ms: 0, non2xx: 0, errors: 0, bytes: 0 });
    await b.call('DELETE', control(`/event_subscriptions/${sub.id}`), {}, {});
    return [
      {
        goal: 'a write with 1 webhook subscription: median latency < 10% more than with none (at 200 writes/s)',
        actual: `${(added * 100).toFixed(1)}% (median of ${PACED_PAIRS} alternated pairs' p50 ratios, ${ratios.map((r) => `${((r - 1) * 100).toFixed(0)}%`).join(' ')}; medians p50 ${calmWithOne.p50.toFixed(2)} vs ${calm.p50.toFixed(2)} ms, p99 ${calmWithOne.p99.toFixed(2)} vs ${calm.p99.toFixed(2)} ms; saturated: ${withOne.reqPerSec.toFixed(0)} vs ${b.without.reqPerSec.toFixed(0)} req/s)`,
        met: added < 0.1,
      },
      { goal: 'webhook deliveries ≥ 1,000/s sustained to a local receiver', actual: `${perSecond.toFixed(0)}/s (${b.backlog} in ${seconds.toFixed(2)} s)`, met: perSecond >= 1000 },
    ];
  } finally {
    await rx.close();
  }
}
