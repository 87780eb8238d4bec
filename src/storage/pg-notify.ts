// One LISTEN connection per instance: it receives the lines the database's
// triggers publish on this schema's channel (src/storage/coherence-schema.ts)
// and hands them to the instance's Coherence. When the connection drops, the
// instance may miss changes: it drops every cache, caches nothing new, and
// reconnects (backing off to 5 s); once listening again it drops every cache
// once more (changes committed meanwhile) and resumes caching. A heartbeat
// finds a connection that died silently (a network cut sends no close).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Coherence } from '../core/coherence.ts';
import type { Db } from './db.ts';

const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;
const SYNC_PREFIX = 'sync:';

export class PgListener {
  private readonly config: pg.ClientConfig;
  private readonly coherence: Coherence;
  private client: pg.Client | undefined;
  /** The listener's queries (heartbeats, syncs) run one after another: a pg client takes one query at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private channel = '';
  private closed = false;
  private retryMs = 100;
  private timer: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly syncs = new Map<string, () => void>();
  /** The sync queued behind the listener's current query, not sent yet. */
  private waiting: { client: pg.Client; done: Promise<void> } | undefined;

  private constructor(db: Db, coherence: Coherence) {
    this.config = { ...db.connection!, keepAlive: true };
    this.coherence = coherence;
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS).unref();
  }

  /** Listens before the caller reads anything it will cache; throws if PostgreSQL cannot be reached. */
  static async start(db: Db, coherence: Coherence): Promise<PgListener> {
    const listener = new PgListener(db, coherence);
    try {
      await listener.connect();
    } catch (err) {
      await listener.close();
      throw err;
    }
    coherence.sync = () => listener.sync();
    return listener;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || msg.payload === undefined) return;
      if (!msg.payload.startsWith(SYNC_PREFIX)) return this.coherence.applyLines(msg.payload);
      this.syncs.get(msg.payload)?.();
      this.syncs.delete(msg.payload);
    });
    await client.connect();
    try {
      // The triggers name the channel after the schema of the table that changed: the schema tables are created in.
      const row = await client.query<{ channel: string }>("SELECT left('openzoom_' || current_schema(), 63) AS channel");
      this.channel = row.rows[0]!.channel;
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      // Named in pg_stat_activity (its last query is often a heartbeat, not the LISTEN).
      await client.query('SELECT set_config($1, $2, false)', ['application_name', `openzoom listener ${this.channel}`.slice(0, 63)]);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.retryMs = 100;
  }

  private serial<T>(query: () => Promise<T>): Promise<T> {
    const run = this.queue.then(query, query);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private beat(): void {
    const client = this.client;
    if (!client) return;
    const silent = setTimeout(() => this.lost(client), HEARTBEAT_TIMEOUT_MS).unref();
    this.serial(() => client.query('SELECT 1')).then(
      () => clearTimeout(silent),
      () => clearTimeout(silent), // the client's 'error' reports a broken connection
    );
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.coherence.live = false;
    this.coherence.apply({ kind: 'everything' });
    this.releaseSyncs(); // every cache was just emptied: nothing is left to wait for
    this.reconnect();
  }

  private releaseSyncs(): void {
    for (const done of this.syncs.values()) done();
    this.syncs.clear();
  }

  /**
   * Resolves once this listener has received every notification committed
   * before the call: PostgreSQL delivers them in commit order, and the nonce
   * notified now commits after them. Without a connection there is nothing
   * to wait for (caches keep nothing then).
   */
  sync(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    // A sync whose nonce is not sent yet covers every commit made before it is
    // sent, this caller's included: under load, writers share one round trip.
    if (this.waiting?.client === client) return this.waiting.done;
    const nonce = `${SYNC_PREFIX}${randomBytes(8).toString('hex')}`;
    const received = new Promise<void>((resolve) => this.syncs.set(nonce, resolve));
    const waiting = { client, done: Promise.resolve() };
    this.waiting = waiting;
    waiting.done = this.serial(() => {
      if (this.waiting === waiting) this.waiting = undefined;
      return client.query('SELECT pg_notify($1, $2)', [this.channel, nonce]);
    }).then(
      () => received,
      () => this.releaseSyncs(), // the connection broke: lost() drops every cache
    );
    return waiting.done;
  }

  private reconnect(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connect().then(
        () => {
          if (this.closed) return void this.client?.end().catch(() => undefined);
          this.coherence.live = true;
          this.coherence.apply({ kind: 'everything' });
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 5000);
          if (!this.closed) this.reconnect();
        },
      );
    }, this.retryMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
    this.releaseSyncs();
  }
}
