// Zoom's rate limits: per account, by plan and the operation's label, per
// second (per minute for Resource-intensive) and per day, plus the per-user
// daily cap on meeting create/update. Counters sit behind CounterStore so a
// shared store can replace the in-memory one for several instances.
import type { Operation, RateLimitLabel } from './contract.ts';
import { Errors } from './errors.ts';

export type Plan = 'free' | 'pro' | 'business' | 'enterprise';

export interface CounterStore {
  /** Adds one to the counter `key` for the window starting at `windowStart`; answers the new count. */
  increment(key: string, windowStart: number): number;
  clear(): void;
}

export class MemoryCounters implements CounterStore {
  private readonly counters = new Map<string, { window: number; count: number }>();
  increment(key: string, windowStart: number): number {
    const c = this.counters.get(key);
    if (!c || c.window !== windowStart) {
      this.counters.set(key, { window: windowStart, count: 1 });
      return 1;
    }
    return ++c.count;
  }
  clear(): void {
    this.counters.clear();
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

function limitFor(op: Operation, plan: Plan): Limit {
  const tier = tierOf(plan);
  const label = op.rateLimit ?? 'Light';
  const base = LIMITS[tier][label];
  const phone = op.path.startsWith('/phone') ? PHONE[tier][label] : undefined;
  return phone ? { ...base, perWindow: phone } : base;
}

function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY) * DAY + DAY;
}

export class RateLimiter {
  private readonly store: CounterStore;
  readonly enabled: boolean;
  constructor(store: CounterStore, enabled: boolean) {
    this.store = store;
    this.enabled = enabled;
  }

  /**
   * Counts one request; throws Zoom's 429 when over a limit. Answers the
   * X-RateLimit-* headers to send with the response.
   */
  check(op: Operation, accountId: string, plan: Plan, userId: string | null, now: number): Record<string, string> | null {
    if (!this.enabled) return null;
    const label = op.rateLimit ?? 'Light';
    const limit = limitFor(op, plan);
    const window = Math.floor(now / limit.windowMs) * limit.windowMs;
    const used = this.store.increment(`${accountId}|${label}|${limit.windowMs}`, window);
    const headers: Record<string, string> = {
      'X-RateLimit-Category': label,
      'X-RateLimit-Type': 'QPS',
      'X-RateLimit-Limit': String(limit.perWindow),
      'X-RateLimit-Remaining': String(Math.max(0, limit.perWindow - used)),
    };
    if (used > limit.perWindow) throw Errors.rateLimitedPerSecond(headers);

    const day = Math.floor(now / DAY) * DAY;
    const retryAt = new Date(nextUtcMidnight(now)).toISOString().replace('.000Z', 'Z');
    if (limit.daily) {
      const usedToday = this.store.increment(`${accountId}|daily|${limit.daily.bucket}`, day);
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
    if (userId && USER_DAILY_OPERATIONS.has(op.operationId)) {
      const usedByUser = this.store.increment(`${accountId}|user|${userId}`, day);
      if (usedByUser > USER_DAILY_CAP) {
        throw Errors.rateLimitedUserMeetings({
          ...headers,
          'X-RateLimit-Type': 'Daily-limit',
          'X-RateLimit-Limit': String(USER_DAILY_CAP),
          'X-RateLimit-Remaining': '0',
          'Retry-After': retryAt,
        });
      }
    }
    return headers;
  }

  reset(): void {
    this.store.clear();
  }
}
