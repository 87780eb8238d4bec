// Zoom's rate limits: per account, by plan and the operation's label, per
// second (per minute for Resource-intensive) and per day, plus the per-user
// daily cap on meeting create/update. Counters sit behind CounterStore: in
// memory for one process; in Redis or PostgreSQL (src/storage/counters.ts)
// when several instances must share one limit.
import type { Operation, RateLimitLabel } from './contract.ts';
import { Errors } from './errors.ts';

export type Plan = 'free' | 'pro' | 'business' | 'enterprise';

/** One counter to count a request in: fixed windows of `windowMs` on the app's clock. */
export interface Counter {
  key: string;
  windowStart: number;
  windowMs: number;
  limit: number;
}

export interface CounterStore {
  /** Shown in the start-up banner. */
  readonly name: string;
  /**
   * Adds one to each counter in order, atomically with other instances, and
   * stops after the first one past its limit (the later ones are not counted);
   * answers the counts reached.
   */
  hit(counters: readonly Counter[]): Promise<number[]>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export class MemoryCounters implements CounterStore {
  readonly name = 'memory';
  private readonly counters = new Map<string, { window: number; count: number }>();
  hit(counters: readonly Counter[]): Promise<number[]> {
    const counts: number[] = [];
    for (const { key, windowStart, limit } of counters) {
      const c = this.counters.get(key);
      let n = 1;
      if (!c || c.window !== windowStart) this.counters.set(key, { window: windowStart, count: 1 });
      else n = ++c.count;
      counts.push(n);
      if (n > limit) break;
    }
    return Promise.resolve(counts);
  }
  clear(): Promise<void> {
    this.counters.clear();
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Limit {
  perWindow: number;
  windowMs: number;
  /** Daily cap and the name of the bucket it counts in (Heavy and Resource-intensive share one). */
  daily?: { cap: number; bucket: string };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

type Tier = 'free' | 'pro' | 'business';
const tierOf = (plan: Plan): Tier => (plan === 'enterprise' ? 'business' : plan);

// Zoom's published table (docs/zoom-behaviour.md, "Rate limits").
const LIMITS: Record<Tier, Record<RateLimitLabel, Limit>> = {
  free: {
    Light: { perWindow: 4, windowMs: SECOND, daily: { cap: 6000, bucket: 'Light' } },
    Medium: { perWindow: 2, windowMs: SECOND, daily: { cap: 2000, bucket: 'Medium' } },
    Heavy: { perWindow: 1, windowMs: SECOND, daily: { cap: 1000, bucket: 'Heavy' } },
    'Resource-intensive': { perWindow: 10, windowMs: MINUTE, daily: { cap: 30000, bucket: 'Resource-intensive' } },
  },
  pro: {
    Light: { perWindow: 30, windowMs: SECOND },
    Medium: { perWindow: 20, windowMs: SECOND },
    Heavy: { perWindow: 10, windowMs: SECOND, daily: { cap: 30000, bucket: 'Heavy' } },
    'Resource-intensive': { perWindow: 10, windowMs: MINUTE, daily: { cap: 30000, bucket: 'Heavy' } },
  },
  business: {
    Light: { perWindow: 80, windowMs: SECOND },
    Medium: { perWindow: 60, windowMs: SECOND },
    Heavy: { perWindow: 40, windowMs: SECOND, daily: { cap: 60000, bucket: 'Heavy' } },
    'Resource-intensive': { perWindow: 20, windowMs: MINUTE, daily: { cap: 60000, bucket: 'Heavy' } },
  },
};

// Zoom Phone has its own per-second table; Free accounts have no phone, so they share Pro's.
const PHONE: Record<Tier, Partial<Record<RateLimitLabel, number>>> = {
  free: { Light: 20, Medium: 10, Heavy: 5 },
  pro: { Light: 20, Medium: 10, Heavy: 5 },
  business: { Light: 40, Medium: 20, Heavy: 10 },
};

/** Operations that count against the per-user daily meeting create/update cap. */
export const USER_DAILY_OPERATIONS = new Set(['meetingCreate', 'meetingUpdate']);
export const USER_DAILY_CAP = 100;

/** Zoom Phone's operations (their own table and their own per-second counters), on every path they are served at. */
const isPhone = (op: Operation): boolean => op.path.startsWith('/phone') || op.path.includes('/phone/') || op.category.startsWith('Phone') || op.category === 'Common Area Phones';

function limitFor(op: Operation, plan: Plan): Limit {
  const tier = tierOf(plan);
  const label = op.rateLimit ?? 'Light';
  const base = LIMITS[tier][label];
  const phone = isPhone(op) ? PHONE[tier][label] : undefined;
  return phone ? { ...base, perWindow: phone } : base;
}

function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY) * DAY + DAY;
}

/** How often an unreachable counter store is reported while requests pass unlimited. */
const STORE_WARNING_EVERY_MS = 10_000;
const SPENT_LIMIT = 10_000;

export class RateLimiter {
  private readonly store: CounterStore;
  readonly enabled: boolean;
  private warnedAt = -Infinity;
  /**
   * Windows known to be spent (counter key → window start). A count never
   * falls within its window, so the rest of the window answers 429 here
   * without asking a shared store: past its limit, an account costs the store
   * nothing. Forgotten on reset and whenever the clock moves (forgetWindows).
   */
  private readonly spent = new Map<string, number>();
  constructor(store: CounterStore, enabled: boolean) {
    this.store = store;
    this.enabled = enabled;
  }

  get storeName(): string {
    return this.store.name;
  }

  /**
   * Counts one request; throws Zoom's 429 when over a limit. Answers the
   * X-RateLimit-* headers to send with the response. A shared store that
   * cannot be reached lets requests through (reported every 10 s) rather than
   * failing them all.
   */
  async check(op: Operation, accountId: string, plan: Plan, userId: string | null, now: number): Promise<Record<string, string> | null> {
    if (!this.enabled) return null;
    const label = op.rateLimit ?? 'Light';
    const limit = limitFor(op, plan);
    const day = Math.floor(now / DAY) * DAY;
    const counters: Counter[] = [
      { key: `${accountId}|${isPhone(op) ? 'phone|' : ''}${label}|${limit.windowMs}`, windowStart: Math.floor(now / limit.windowMs) * limit.windowMs, windowMs: limit.windowMs, limit: limit.perWindow },
    ];
    if (limit.daily) counters.push({ key: `${accountId}|daily|${limit.daily.bucket}`, windowStart: day, windowMs: DAY, limit: limit.daily.cap });
    const perUser = userId !== null && USER_DAILY_OPERATIONS.has(op.operationId);
    if (perUser) counters.push({ key: `${accountId}|user|${userId}`, windowStart: day, windowMs: DAY, limit: USER_DAILY_CAP });
    const qps = (used: number) => ({
      'X-RateLimit-Category': label,
      'X-RateLimit-Type': 'QPS',
      'X-RateLimit-Limit': String(limit.perWindow),
      'X-RateLimit-Remaining': String(Math.max(0, limit.perWindow - used)),
    });
    const first = counters[0]!;
    if (this.spent.get(first.key) === first.windowStart) throw Errors.rateLimitedPerSecond(qps(Infinity));

    let counts: number[];
    try {
      counts = await this.store.hit(counters);
    } catch (err) {
      if (now - this.warnedAt >= STORE_WARNING_EVERY_MS || now < this.warnedAt) {
        this.warnedAt = now;
        console.error(`rate limits not enforced: the ${this.store.name} counter store failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      return null;
    }

    const used = counts[0]!;
    const headers: Record<string, string> = qps(used);
    if (used > limit.perWindow) {
      if (this.spent.size >= SPENT_LIMIT) this.spent.clear();
      this.spent.set(first.key, first.windowStart);
      throw Errors.rateLimitedPerSecond(headers);
    }
    if (this.spent.size > 0) this.spent.delete(first.key); // another window is open: the spent one is history

    const retryAt = new Date(nextUtcMidnight(now)).toISOString().replace('.000Z', 'Z');
    let next = 1;
    if (limit.daily) {
      const usedToday = counts[next++]!;
      if (usedToday > limit.daily.cap) {
        const daily = {
          ...headers,
          'X-RateLimit-Type': 'Daily-limit',
          'X-RateLimit-Limit': String(limit.daily.cap),
          'X-RateLimit-Remaining': '0',
          'Retry-After': retryAt,
        };
        throw Errors.rateLimitedDaily(retryAt, daily);
      }
    }
    if (perUser && counts[next]! > USER_DAILY_CAP) {
      throw Errors.rateLimitedUserMeetings({
        ...headers,
        'X-RateLimit-Type': 'Daily-limit',
        'X-RateLimit-Limit': String(USER_DAILY_CAP),
        'X-RateLimit-Remaining': '0',
        'Retry-After': retryAt,
      });
    }
    return headers;
  }

  reset(): Promise<void> {
    this.forgetWindows();
    return this.store.clear();
  }

  /** The clock moved (here or on another instance, which also follows a reset): spent windows may be open again. */
  forgetWindows(): void {
    this.spent.clear();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
