// The deliverer: takes due deliveries from the database, sends them signed,
// records every attempt, and schedules retries on the server clock. It runs
// beside the API, never in a request: a commit that queued deliveries wakes
// it, and so does the clock moving (due retries go out at once).
//
// Durable and shared: a delivery is claimed in a transaction (PostgreSQL:
// `FOR UPDATE SKIP LOCKED`, so instances on one database never take the same
// row) with a lease in real time; an instance that dies mid-send leaves a
// lease that expires and the row is sent again (at least once). Nothing is
// kept only in memory: on start the deliverer resumes what the database holds.
import { randomId } from '../core/ids.ts';
import type { Clock } from '../core/clock.ts';
import type { Db, Param, Queryable } from '../storage/db.ts';
import type { EventCatalogue } from './catalogue.ts';
import { INSERT_EVENT, eventId } from './emit.ts';
import { deliveredEvent, type OutboxRow } from './envelope.ts';
import { delivered, encryptedToken, retryable, sendSigned, type SendResult } from './send.ts';
import { getSubscription, recordValidation, type Subscription, type ValidationResult } from './subscriptions.ts';

export interface WebhookOptions {
  /** Waits before each retry, on the server clock (Zoom: 5, 20 and 60 minutes), then the event is failed. */
  retryScheduleMs: number[];
  /** How long an endpoint has to answer (Zoom: 3 s). */
  timeoutMs: number;
  /** Requests in flight to one subscription's endpoint at most. */
  concurrency: number;
  /** Delivered and failed events are pruned this long (server clock) after their last attempt. */
  retentionMs: number;
  /** Endpoints are validated again this often (Zoom: 72 hours). */
  revalidateEveryMs: number;
  /** Periodic validations failed in a row before a subscription is unvalidated (Zoom: 6). */
  revalidationStrikes: number;
  /** Real-time interval at which the database is looked at for work other instances queued. */
  pollMs: number;
  /** Real time a claimed delivery is this instance's before another may take it. */
  leaseMs: number;
  /** Real time a WebSocket client may stay without a heartbeat before it is closed. */
  webSocketIdleMs: number;
  /**
   * Real time the deliverer gathers commits before it claims what they queued:
   * one claim and one record for all of them, and the sends kept apart from
   * the answers to the writes that caused them. Zoom itself delivers later.
   */
  gatherMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  retryScheduleMs: [5 * MINUTE, 20 * MINUTE, 60 * MINUTE],
  timeoutMs: 3000,
  concurrency: 8,
  retentionMs: 7 * 24 * 60 * MINUTE,
  revalidateEveryMs: 72 * 60 * MINUTE,
  revalidationStrikes: 6,
  pollMs: 1000,
  leaseMs: 60_000,
  webSocketIdleMs: 90_000,
  gatherMs: 20,
};

/** Live WebSocket connections (websocket.ts): the deliverer hands them their subscriptions' events. */
export interface SocketHub {
  subscriptionIds(): string[];
  send(subscriptionId: string, text: string): boolean;
}

export interface AttemptNotice {
  delivery_id: string;
  subscription_id: string;
  event: string;
  status_code: number;
}

interface Claimed {
  id: string;
  subscription_id: string;
  attempts: number | string;
  ladder: number | string;
  endpoint_url: string;
  secret_token: string;
  client_id: string;
  row: OutboxRow;
}

interface Outcome {
  claimed: Claimed;
  lease: string;
  at: number;
  result: SendResult;
}

/**
 * The deliverer's transactions on PostgreSQL: READ COMMITTED (it must be the
 * first statement), claims skipping rows another instance holds, and commits
 * that do not wait for the WAL to reach the disk. A crash may lose the last of
 * them, which only sends something again (claims and outcomes are leases, and
 * made deliveries go with their event's mark): at least once, as Zoom is.
 */
async function delivererMode(tx: Queryable): Promise<string> {
  if (tx.dialect !== 'postgres') return '';
  await tx.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await tx.run('SET LOCAL synchronous_commit = off');
  return ' FOR UPDATE SKIP LOCKED';
}

/**
 * Claimed rows per subscription: this many times its concurrency, so sends
 * never wait on a claim. Even an endpoint that never answers gets through
 * them (PREFETCH × timeout) well within a lease.
 */
const PREFETCH = 8;

/** Events turned into deliveries per transaction, and delivery rows per INSERT (9 parameters each). */
const MAKE_BATCH = 500;
const INSERT_ROWS = 500;
const INSERT_DELIVERIES = "INSERT INTO webhook_deliveries (id, account_id, subscription_id, kind, event_id, event, status, due_at, updated_at, lease_until) VALUES";
const DELIVERY_VALUES = "(?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)";

/** Real-time milliseconds a WebSocket event waits for a connected client. */
const WEBSOCKET_WAIT_MS = 30_000;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class Deliverer {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly catalogue: EventCatalogue;
  readonly options: WebhookOptions;
  sockets: SocketHub | undefined;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private gathering: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = true;
  /** Claimed and not yet recorded, per subscription. */
  private readonly held = new Map<string, number>();
  private readonly queues = new Map<string, { claimed: Claimed; lease: string }[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly aborts = new Set<AbortController>();
  private outcomes: Outcome[] = [];
  private flushing: Promise<void> | undefined;
  /** Ends the wait of the flush that is gathering outcomes. */
  private flushNow: (() => void) | undefined;
  private lastChores = 0;
  /** Whether the last claim took any row. */
  private tookAny = false;
  private readonly roundWaiters: (() => void)[] = [];
  private readonly attemptListeners = new Set<(a: AttemptNotice) => void>();

  constructor(deps: { db: Db; clock: Clock; catalogue: EventCatalogue; options?: Partial<WebhookOptions> }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.catalogue = deps.catalogue;
    this.options = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  }

  /** Calls `fn` after each attempt this instance recorded (tests wait on it instead of sleeping); answers how to stop. */
  onAttempt(fn: (a: AttemptNotice) => void): () => void {
    this.attemptListeners.add(fn);
    return () => this.attemptListeners.delete(fn);
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks for work now (after a commit that queued deliveries, or a clock change). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Stopped meanwhile: the database may be closed already.
      if (!this.stopped) void this.run();
    });
  }

  /** A commit queued deliveries: they go out with whatever else commits within the gathering window. */
  committed(): void {
    if (this.stopped || this.gathering) return;
    if (this.options.gatherMs <= 0) return this.wake();
    this.gathering = setTimeout(() => {
      this.gathering = undefined;
      this.wake();
    }, this.options.gatherMs);
  }

  /** Stops: sends in flight are cut (their rows go out again later), claimed rows not sent are released. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.gathering);
    this.gathering = undefined;
    this.flushNow?.();
    for (const a of this.aborts) a.abort();
    while (this.running || this.flushing) await (this.flushing ?? new Promise((r) => setImmediate(r)));
    const unsent = [...this.queues.values()].flat();
    this.queues.clear();
    if (unsent.length > 0) {
      await this.db
        .transaction((tx) => tx.run(`UPDATE webhook_deliveries SET status = 'pending', lease = '', lease_until = 0 WHERE status = 'sending' AND id IN (${marks(unsent.length)})`, unsent.map((u) => u.claimed.id)))
        .catch(() => undefined);
    }
  }

  /** Resolves once a whole round of work that starts after the call is done (tests wait on it instead of sleeping). */
  afterNextRun(): Promise<void> {
    const done = new Promise<void>((resolve) => this.roundWaiters.push(resolve));
    this.wake();
    return done;
  }

  /** The server clock moved: due retries, re-validations and pruning happen now. */
  clockMoved(): void {
    this.lastChores = 0;
    this.wake();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        const waiters = this.roundWaiters.splice(0);
        try {
          await this.round();
        } finally {
          for (const w of waiters) w();
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      if (!this.stopped) console.error('webhook delivery:', err);
    } finally {
      this.running = false;
      if (!this.stopped) await this.arm().catch(() => this.rearm(this.options.pollMs));
    }
  }

  private async round(): Promise<void> {
    const wall = Date.now();
    if (wall - this.lastChores >= this.options.pollMs) {
      this.lastChores = wall;
      await this.chores();
    }
    await this.makeDeliveries();
    await this.claimWebhooks();
    await this.deliverToSockets();
  }

  /**
   * Turns events that name subscribers into delivery rows, a batch per
   * transaction (writes only name them: their own transactions stay small).
   * A subscription deleted meanwhile gets none.
   */
  private async makeDeliveries(): Promise<void> {
    // Ordered by id so that PostgreSQL walks the partial index (a bare LIMIT 1 may scan the table).
    if (!(await this.db.get('SELECT 1 AS waiting FROM webhook_events WHERE subscribers IS NOT NULL ORDER BY id LIMIT 1'))) return;
    const made = await this.db.transaction(async (tx) => {
      const lock = await delivererMode(tx);
      const events = await tx.all<{ account_id: string; id: string; event: string; event_ts: number | string; subscribers: string }>(
        `SELECT account_id, id, event, event_ts, subscribers FROM webhook_events WHERE subscribers IS NOT NULL ORDER BY id LIMIT ${MAKE_BATCH}${lock}`,
      );
      if (events.length === 0) return 0;
      const named = events.map((e) => JSON.parse(e.subscribers) as string[]);
      const ids = new Set(named.flat());
      const kinds = new Map(
        (await tx.all<{ id: string; kind: string }>(`SELECT id, kind FROM webhook_subscriptions WHERE id IN (${marks(ids.size)})`, [...ids])).map((r) => [r.id, r.kind]),
      );
      const rows: Param[][] = [];
      for (const [i, e] of events.entries()) {
        for (const subId of named[i]!) {
          const kind = kinds.get(subId);
          if (kind === undefined) continue;
          // A WebSocket event waits this long (real time) for a connected client to take it; then it is dropped, as Zoom does.
          const lease = kind === 'websocket' ? Date.now() + WEBSOCKET_WAIT_MS : 0;
          rows.push([eventId(), e.account_id, subId, kind, e.id, e.event, e.event_ts, e.event_ts, lease]);
        }
      }
      // A statement per INSERT_ROWS rows and one for the events' marks (each a round trip on PostgreSQL); event ids are unique across accounts.
      for (let i = 0; i < rows.length; i += INSERT_ROWS) {
        const part = rows.slice(i, i + INSERT_ROWS);
        await tx.run(`${INSERT_DELIVERIES} ${part.map(() => DELIVERY_VALUES).join(', ')}`, part.flat());
      }
      await tx.run(`UPDATE webhook_events SET subscribers = NULL WHERE id IN (${marks(events.length)}) AND subscribers IS NOT NULL`, events.map((e) => e.id));
      return events.length;
    });
    if (made === MAKE_BATCH) this.again = true;
  }

  /** Sleeps until the next retry falls due on the server clock, or the poll interval, whichever is first. */
  private async arm(): Promise<void> {
    const row = await this.db.get<{ due: number | string | null }>("SELECT MIN(due_at) AS due FROM webhook_deliveries WHERE status = 'pending' AND kind = 'webhook'");
    let due = row?.due === null || row?.due === undefined ? Infinity : Number(row.due) - this.clock.now();
    // Due rows the last claim could not take (their subscription's sends are all in flight, whose
    // outcomes wake the deliverer; or another instance holds them) are not a reason to spin.
    if (due <= 0 && !this.tookAny) due = this.options.pollMs;
    this.rearm(this.clock.frozen ? this.options.pollMs : Math.max(0, Math.min(due, this.options.pollMs)));
  }

  private rearm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), ms);
    this.timer.unref();
  }

  /** Expired leases, WebSocket events nobody took, due re-validations, and pruning. */
  private async chores(): Promise<void> {
    const wall = Date.now();
    await this.db.transaction(async (tx) => {
      await delivererMode(tx);
      await tx.run("UPDATE webhook_deliveries SET status = 'pending', lease = '', lease_until = 0 WHERE status = 'sending' AND lease_until < ?", [wall]);
      // Deliveries made for a subscription deleted at the same moment have nobody to go to.
      await tx.run(
        "DELETE FROM webhook_deliveries WHERE status = 'pending' AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = webhook_deliveries.subscription_id)",
      );
      await tx.run(
        "UPDATE webhook_deliveries SET status = 'failed', last_status = -2, updated_at = ? WHERE kind = 'websocket' AND status = 'pending' AND lease_until < ?",
        [this.clock.now(), wall],
      );
    });
    await this.revalidateDue();
    await this.prune();
  }

  private async prune(): Promise<void> {
    const cutoff = this.clock.now() - this.options.retentionMs;
    await this.db.transaction(async (tx) => {
      await delivererMode(tx);
      await tx.run(
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND updated_at < ?)",
        [cutoff],
      );
      await tx.run("DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND updated_at < ?", [cutoff]);
      await tx.run(
        'DELETE FROM webhook_events WHERE event_ts < ? AND subscribers IS NULL AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)',
        [cutoff],
      );
    });
  }

  private async revalidateDue(): Promise<void> {
    const now = this.clock.now();
    for (;;) {
      const ids = await this.db.transaction(async (tx) => {
        const lock = await delivererMode(tx);
        const rows = await tx.all<{ id: string }>(
          `SELECT id FROM webhook_subscriptions WHERE kind = 'webhook' AND next_validation_at IS NOT NULL AND next_validation_at <= ? ORDER BY next_validation_at LIMIT 20${lock}`,
          [now],
        );
        if (rows.length > 0) {
          // Claimed by moving the next one on; the outcome sets it again.
          await tx.run(`UPDATE webhook_subscriptions SET next_validation_at = ? WHERE id IN (${marks(rows.length)})`, [now + this.options.revalidateEveryMs, ...rows.map((r) => r.id)]);
        }
        return rows.map((r) => r.id);
      });
      await Promise.all(ids.map((id) => this.validate(id, { periodic: true })));
      if (ids.length < 20 || this.stopped) return;
    }
  }

  /**
   * Sends `endpoint.url_validation` and checks the answer: 200 with
   * `{plainToken, encryptedToken}`, the latter HMAC-SHA256 hex of the plain
   * token with the secret. Records the outcome on the subscription.
   */
  async validate(subscriptionId: string, opts: { periodic: boolean } = { periodic: false }): Promise<ValidationResult | undefined> {
    const sub = await getSubscription(this.db, subscriptionId);
    if (!sub || sub.kind !== 'webhook') return undefined;
    const result = await this.challenge(sub);
    await this.db.transaction((tx) =>
      recordValidation(tx, sub.id, result, { periodic: opts.periodic, strikes: this.options.revalidationStrikes, intervalMs: this.options.revalidateEveryMs }),
    );
    return result;
  }

  private async challenge(sub: Subscription): Promise<ValidationResult> {
    const at = this.clock.now();
    const plainToken = randomId(16).toString('base64url');
    const body = JSON.stringify({ payload: { plainToken }, event_ts: at, event: 'endpoint.url_validation' });
    const r = await sendSigned({ url: sub.endpoint_url, body, secret: sub.secret_token, clientId: sub.client_id, now: at, timeoutMs: this.options.timeoutMs });
    const fail = (error: string): ValidationResult => ({ at, ok: false, status_code: r.status, error });
    if (r.status < 0) return fail(r.error);
    if (r.status !== 200) return fail(`The endpoint answered ${r.status}, not 200.`);
    let answer: { plainToken?: unknown; encryptedToken?: unknown };
    try {
      answer = JSON.parse(r.response) as typeof answer;
    } catch {
      return fail('The answer is not JSON.');
    }
    if (answer?.plainToken !== plainToken) return fail('The answer does not hold the plainToken sent.');
    if (answer.encryptedToken !== encryptedToken(sub.secret_token, plainToken)) return fail('The encryptedToken is not the HMAC-SHA256 of the plainToken with the secret token.');
    return { at, ok: true, status_code: 200, error: '' };
  }

  /** Sends one event again now, on a new retry ladder (the log keeps counting its attempts). */
  async redeliver(deliveryId: string): Promise<boolean> {
    const now = this.clock.now();
    const changed = await this.db.transaction((tx) =>
      tx.run("UPDATE webhook_deliveries SET status = 'pending', ladder = 0, due_at = ?, updated_at = ?, lease = '', lease_until = 0 WHERE id = ? AND kind = 'webhook' AND status <> 'sending'", [now, now, deliveryId]),
    );
    this.wake();
    return changed.changes > 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Webhooks: claim, send with bounded concurrency per subscription, record in batches.

  private capacity(subId: string): number {
    return this.options.concurrency * PREFETCH - (this.held.get(subId) ?? 0);
  }

  private async claimWebhooks(): Promise<void> {
    const now = this.clock.now();
    this.tookAny = false;
    // A read first: most rounds (after each recorded batch, each poll) find nothing due, and a
    // claim is a write transaction that would queue behind the API's writes for nothing.
    if (!(await this.db.get("SELECT 1 AS due FROM webhook_deliveries WHERE status = 'pending' AND kind = 'webhook' AND due_at <= ? ORDER BY status, due_at LIMIT 1", [now]))) return;
    const lease = randomId(9).toString('base64url');
    const claimed = await this.db.transaction(async (tx) => {
      const lock = await delivererMode(tx);
      // Subscriptions are few: one index probe each finds whether it has anything due.
      const subs = await tx.all<{ subscription_id: string }>(
        `SELECT s.id AS subscription_id FROM webhook_subscriptions s WHERE s.kind = 'webhook' AND EXISTS
           (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.due_at <= ?)`,
        [now],
      );
      const ids: string[] = [];
      for (const { subscription_id } of subs) {
        const room = this.capacity(subscription_id);
        if (room <= 0) continue;
        const rows = await tx.all<{ id: string }>(
          `SELECT id FROM webhook_deliveries WHERE subscription_id = ? AND status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ${room}${lock}`,
          [subscription_id, now],
        );
        ids.push(...rows.map((r) => r.id));
      }
      if (ids.length > 0) {
        await tx.run(`UPDATE webhook_deliveries SET status = 'sending', lease = ?, lease_until = ? WHERE id IN (${marks(ids.length)})`, [lease, Date.now() + this.options.leaseMs, ...ids]);
      }
      return ids;
    });
    this.tookAny = claimed.length > 0;
    if (claimed.length === 0) return;
    const rows = await this.db.all<Claimed & { attempts: number; account_id: string; event_id: string; event: string; event_ts: number; operator: string | null; operator_id: string | null; payload: string; top: string | null }>(
      `SELECT d.id, d.subscription_id, d.attempts, d.ladder, s.endpoint_url, s.secret_token, s.client_id,
              e.account_id, e.id AS event_id, e.event, e.event_ts, e.operator, e.operator_id, e.payload, e.top
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
         JOIN webhook_events e ON e.account_id = d.account_id AND e.id = d.event_id
        WHERE d.id IN (${marks(claimed.length)}) ORDER BY d.due_at, d.id`,
      claimed,
    );
    for (const r of rows) {
      const c: Claimed = {
        id: r.id,
        subscription_id: r.subscription_id,
        attempts: r.attempts,
        ladder: r.ladder,
        endpoint_url: r.endpoint_url,
        secret_token: r.secret_token,
        client_id: r.client_id,
        row: { account_id: r.account_id, id: r.event_id, event: r.event, event_ts: r.event_ts, operator: r.operator, operator_id: r.operator_id, payload: r.payload, top: r.top },
      };
      this.held.set(c.subscription_id, (this.held.get(c.subscription_id) ?? 0) + 1);
      const q = this.queues.get(c.subscription_id) ?? [];
      q.push({ claimed: c, lease });
      this.queues.set(c.subscription_id, q);
    }
    for (const subId of new Set(rows.map((r) => r.subscription_id))) this.pump(subId);
  }

  private pump(subId: string): void {
    const q = this.queues.get(subId);
    while (q && q.length > 0 && (this.inFlight.get(subId) ?? 0) < this.options.concurrency && !this.stopped) {
      const next = q.shift()!;
      this.inFlight.set(subId, (this.inFlight.get(subId) ?? 0) + 1);
      void this.send(next.claimed, next.lease).finally(() => {
        this.inFlight.set(subId, (this.inFlight.get(subId) ?? 1) - 1);
        this.pump(subId);
      });
    }
    if (q && q.length === 0) this.queues.delete(subId);
  }

  private async send(c: Claimed, lease: string): Promise<void> {
    const at = this.clock.now();
    const body = JSON.stringify(deliveredEvent(c.row, this.catalogue));
    const abort = new AbortController();
    this.aborts.add(abort);
    const result = await sendSigned({ url: c.endpoint_url, body, secret: c.secret_token, clientId: c.client_id, now: at, timeoutMs: this.options.timeoutMs, signal: abort.signal });
    this.aborts.delete(abort);
    if (this.stopped && abort.signal.aborted) return;
    this.outcomes.push({ claimed: c, lease, at, result });
    this.flushSoon();
  }

  /**
   * Outcomes are recorded together: after the gathering window, or at once when
   * enough wait that holding them would hold back claims (a backlog).
   */
  private flushSoon(): void {
    if (!this.flushing) this.flushing = this.gathered().then(() => this.flush()).finally(() => {
      this.flushing = undefined;
      if (this.outcomes.length > 0) this.flushSoon();
    });
    if (this.outcomes.length >= (this.options.concurrency * PREFETCH) / 2 || this.stopped) this.flushNow?.();
  }

  /** Resolves after the gathering window, or when flushNow cuts it short. */
  private gathered(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.options.gatherMs <= 0) return void setImmediate(resolve);
      const timer = setTimeout(() => this.flushNow?.(), this.options.gatherMs);
      this.flushNow = () => {
        this.flushNow = undefined;
        clearTimeout(timer);
        setImmediate(resolve);
      };
    });
  }

  /** Records a batch of attempts in one transaction: the attempt, and the delivery's next state. */
  private async flush(): Promise<void> {
    const batch = this.outcomes;
    this.outcomes = [];
    if (batch.length === 0) return;
    const schedule = this.options.retryScheduleMs;
    const recorded: Outcome[] = [];
    try {
      await this.db.transaction(async (tx) => {
        // Read committed: each row is guarded by its lease, and a serializable run would conflict
        // with the writes queuing events beside it (index pages they share) and make them retry.
        await delivererMode(tx);
        recorded.length = 0;
        for (const o of batch) {
          const { claimed: c, result, at } = o;
          const attempts = Number(c.attempts) + 1;
          const ladder = Number(c.ladder) + 1;
          const ok = delivered(result.status);
          const retry = !ok && retryable(result.status) && ladder <= schedule.length;
          const status = ok ? 'delivered' : retry ? 'pending' : 'failed';
          const due = retry ? at + schedule[ladder - 1]! : at;
          const done = await tx.run(
            "UPDATE webhook_deliveries SET status = ?, attempts = ?, ladder = ?, due_at = ?, updated_at = ?, lease = '', lease_until = 0, last_status = ? WHERE id = ? AND lease = ? AND status = 'sending'",
            [status, attempts, ladder, due, at, result.status, c.id, o.lease],
          );
          // A lease that expired meanwhile belongs to whoever took the row since: its attempt is theirs to record.
          if (done.changes === 0) continue;
          await tx.run(
            'INSERT INTO webhook_attempts (id, delivery_id, attempt, account_id, subscription_id, event, at, status_code, latency_ms, error, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [eventId(), c.id, attempts, c.row.account_id, c.subscription_id, c.row.event, at, result.status, result.latencyMs, result.error, result.response],
          );
          recorded.push(o);
        }
      });
    } catch (err) {
      // The leases expire and the rows go out again: at least once.
      if (!this.stopped) console.error('webhook delivery: recording attempts failed:', err);
    }
    for (const o of batch) {
      const left = (this.held.get(o.claimed.subscription_id) ?? 1) - 1;
      if (left > 0) this.held.set(o.claimed.subscription_id, left);
      else this.held.delete(o.claimed.subscription_id);
    }
    for (const o of recorded) {
      const notice: AttemptNotice = { delivery_id: o.claimed.id, subscription_id: o.claimed.subscription_id, event: o.claimed.row.event, status_code: o.result.status };
      for (const fn of this.attemptListeners) fn(notice);
    }
    this.wake();
  }

  // ---------------------------------------------------------------------------------------------
  // WebSockets: the instance holding a subscription's connection takes its events and frames them.

  private async deliverToSockets(): Promise<void> {
    const subs = this.sockets?.subscriptionIds() ?? [];
    if (subs.length === 0) return;
    const now = this.clock.now();
    const rows = await this.db.transaction(async (tx) => {
      const lock = await delivererMode(tx);
      const found = await tx.all<OutboxRow & { delivery_id: string; subscription_id: string }>(
        `SELECT d.id AS delivery_id, d.subscription_id, e.account_id, e.id, e.event, e.event_ts, e.operator, e.operator_id, e.payload, e.top
           FROM webhook_deliveries d JOIN webhook_events e ON e.account_id = d.account_id AND e.id = d.event_id
          WHERE d.status = 'pending' AND d.kind = 'websocket' AND d.subscription_id IN (${marks(subs.length)})
          ORDER BY d.id LIMIT 500${lock ? ' FOR UPDATE OF d SKIP LOCKED' : ''}`,
        subs,
      );
      if (found.length > 0) {
        await tx.run(`UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, updated_at = ?, last_status = 200 WHERE id IN (${marks(found.length)})`, [now, ...found.map((r) => r.delivery_id)]);
      }
      return found;
    });
    for (const r of rows) {
      const content = JSON.stringify(deliveredEvent(r, this.catalogue));
      this.sockets?.send(r.subscription_id, JSON.stringify({ module: 'message', content }));
    }
    if (rows.length === 500) this.again = true;
  }

  /** A client connected: what was emitted while none was is not delivered (Zoom documents it so). */
  async dropUndelivered(subscriptionId: string): Promise<void> {
    await this.makeDeliveries();
    await this.db.transaction((tx) =>
      tx.run("UPDATE webhook_deliveries SET status = 'failed', last_status = -2, updated_at = ? WHERE subscription_id = ? AND kind = 'websocket' AND status = 'pending'", [this.clock.now(), subscriptionId]),
    );
  }
}

/**
 * The database as the app uses it, waking the deliverer after every commit
 * that queued an event for a subscription (emitEvent's INSERT_EVENT), so delivery starts
 * right after the commit and never inside the request's transaction.
 */
export function wakingDb(db: Db, wake: () => void): Db {
  const waking: Pick<Db, 'transaction'> = {
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, lane?: string): Promise<T> {
      let queued = false;
      const out = await db.transaction(
        (inner) =>
          fn({
            dialect: inner.dialect,
            all: (sql, params) => inner.all(sql, params),
            get: (sql, params) => inner.get(sql, params),
            run: (sql, params) => ((queued ||= sql === INSERT_EVENT && params?.at(-1) != null), inner.run(sql, params)),
          }),
        lane,
      );
      if (queued) wake();
      return out;
    },
  };
  // Everything else is the database's own.
  return Object.assign(Object.create(db) as Db, waking);
}
