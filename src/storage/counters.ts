// Rate-limit counters that every instance shares, so N instances allow an
// account Zoom's limit and not N times it:
// - Redis (`--redis`, src/storage/redis-counters.ts): one Lua script per
//   request adds to each counter and stops after the first one past its limit,
//   atomically. A counter's key names its window and expires a minute after
//   the window ends.
// - PostgreSQL alone: the same in one call of `openzoom_hit` (an upsert per
//   counter on an UNLOGGED table, src/storage/coherence-schema.ts).
// Keys are prefixed with the deployment's id, so deployments (or test
// schemas) sharing one Redis never count together.
import type { Config } from '../config.ts';
import { MemoryCounters, type Counter, type CounterStore } from '../core/ratelimit.ts';
import type { Db, Param } from './db.ts';

/** The store a server counts in: Redis when configured, else PostgreSQL when it runs on it, else memory (one process). */
export async function openCounters(config: Pick<Config, 'redis'>, db: Db, deployment: string): Promise<CounterStore> {
  if (config.redis) {
    // Loaded only when used: the client is not needed (nor its start-up cost paid) otherwise.
    const { RedisCounters } = await import('./redis-counters.ts');
    return RedisCounters.open(config.redis, deployment);
  }
  return db.dialect === 'postgres' ? new PgCounters(db) : new MemoryCounters();
}

export class PgCounters implements CounterStore {
  readonly name = 'PostgreSQL';
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }
  async hit(counters: readonly Counter[]): Promise<number[]> {
    // node-postgres binds JS arrays as PostgreSQL arrays (the Db interface names only scalars).
    const params = [counters.map((c) => c.key), counters.map((c) => c.windowStart), counters.map((c) => c.windowMs), counters.map((c) => c.limit)];
    const row = await this.db.get<{ counts: number[] }>('SELECT openzoom_hit(?::text[], ?::bigint[], ?::bigint[], ?::integer[]) AS counts', params as unknown as Param[]);
    return row!.counts;
  }
  async clear(): Promise<void> {
    await this.db.run('DELETE FROM rate_counters');
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
