// Rate-limit counters in Redis (see src/storage/counters.ts): one atomic Lua
// script per request through ioredis. The script, not a rate-limiter library,
// because the windows are fixed windows of the app's movable clock and the
// counters chain (per second, per day, per user) with Zoom's stop-at-first-refusal.
import { Redis } from 'ioredis';
import type { Counter, CounterStore } from '../core/ratelimit.ts';

const HIT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ARGV[2 * i - 1]) end
  counts[i] = n
  if n > tonumber(ARGV[2 * i]) then break end
end
return counts
`;
/** A window's counter outlives it by a minute: instances' clocks may straddle its end. */
const EXPIRY_MARGIN_MS = 60_000;

type HitCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number[]>;

export class RedisCounters implements CounterStore {
  readonly name = 'Redis';
  private readonly redis: Redis;
  private readonly prefix: string;
  private constructor(redis: Redis, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  /** Connects (throws when Redis cannot be reached); later outages fail fast while ioredis reconnects. */
  static async open(url: string, deployment: string): Promise<RedisCounters> {
    const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    redis.on('error', () => undefined); // reported by the requests that fail; ioredis reconnects by itself
    redis.defineCommand('openzoomHit', { lua: HIT });
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new Error(`Redis at ${shown(url)} cannot be reached: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new RedisCounters(redis, `openzoom:${deployment}:`);
  }

  hit(counters: readonly Counter[]): Promise<number[]> {
    const keys = counters.map((c) => `${this.prefix}${c.key}|${c.windowStart}`);
    const args = counters.flatMap((c) => [c.windowMs + EXPIRY_MARGIN_MS, c.limit]);
    return (this.redis as unknown as { openzoomHit: HitCommand }).openzoomHit(keys.length, ...keys, ...args);
  }

  async clear(): Promise<void> {
    const stream = this.redis.scanStream({ match: `${this.prefix}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await this.redis.unlink(...keys);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
