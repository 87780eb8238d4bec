// Failed sign-ins counted in memory on the server's clock: after `limit`
// failures under one key within a window, that key is refused until the
// window ends. Checking costs a map lookup; nothing waits or sleeps, so a
// flood of bad guesses never holds up the event loop. The map is bounded:
// when full, ended windows go first, then the oldest keys.
import type { Clock } from '../core/clock.ts';

interface Window {
  start: number;
  failures: number;
}

export class FailureThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly clock: Clock;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(clock: Clock, options: { limit: number; windowMs: number; maxKeys?: number }) {
    this.clock = clock;
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  private current(key: string, now: number): Window | undefined {
    const w = this.windows.get(key);
    if (w && (now - w.start >= this.windowMs || now < w.start)) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfter(key: string): number {
    const now = this.clock.now();
    const w = this.current(key, now);
    return w && w.failures >= this.limit ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  fail(key: string): void {
    const now = this.clock.now();
    const w = this.current(key, now);
    if (w) {
      w.failures++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.evict(now);
    this.windows.set(key, { start: now, failures: 1 });
  }

  private evict(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs || now < w.start) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }

  get size(): number {
    return this.windows.size;
  }

  reset(): void {
    this.windows.clear();
  }
}

/**
 * Failed client authentications on /oauth/token and /oauth/revoke: ten per
 * client_id a minute (guessing one app's secret), a hundred per remote address
 * (spraying many client ids). Another client id's failures never block a
 * client, unless they come from the same address in such numbers.
 */
export class SignInFailures {
  readonly perKey: FailureThrottle;
  readonly perAddress: FailureThrottle;

  constructor(clock: Clock, limits: { perKey: number; perAddress: number } = { perKey: 10, perAddress: 100 }) {
    this.perKey = new FailureThrottle(clock, { limit: limits.perKey, windowMs: 60_000 });
    this.perAddress = new FailureThrottle(clock, { limit: limits.perAddress, windowMs: 60_000 });
  }

  /** Seconds to wait before `key` from `address` may try again; 0 when it may now. */
  retryAfter(key: string, address: string): number {
    return Math.max(this.perKey.retryAfter(key), this.perAddress.retryAfter(address));
  }

  fail(key: string, address: string): void {
    this.perKey.fail(key);
    this.perAddress.fail(address);
  }

  reset(): void {
    this.perKey.reset();
    this.perAddress.reset();
  }
}
