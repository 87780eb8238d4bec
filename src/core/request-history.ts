// The last N requests, for GET /_openzoom/requests. Kept in columns: numbers
// in typed arrays, the first bytes of each body copied into one buffer, so
// that holding a thousand requests adds nothing for the garbage collector to
// move (objects kept that long would be promoted and slow every collection;
// measured, that cost more than the rest of the request log). Bodies are
// masked and decoded only when someone reads them.
import { maskBody, maskUrl } from './masking.ts';

/** Bytes of each body kept per request. */
export const BODY_LIMIT = 4096;

/** The most requests a history keeps (each holds up to 2 × BODY_LIMIT bytes of bodies). */
export const HISTORY_MAX = 100_000;

/** One answered request, as the request log captures it. */
export interface RequestLine {
  time: number;
  method: string;
  url: string;
  status: number;
  code: number | string | undefined;
  durationMs: number;
  operation: string | undefined;
  accountId: string | undefined;
  trackingId: string | undefined;
  requestBody: string | undefined;
  responseBody: string | undefined;
}

/** A request as GET /_openzoom/requests answers it. */
export interface RequestView {
  id: number;
  time: string;
  method: string;
  path: string;
  status: number;
  code?: number | string;
  duration_ms: number;
  operation: string | null;
  account_id: string | null;
  tracking_id: string | null;
  request_body: string | null;
  response_body: string | null;
}

export interface RequestFilter {
  status?: number | `${1 | 2 | 3 | 4 | 5}xx`;
  operation?: string;
  account_id?: string;
  method?: string;
  /** Only requests with a larger id (for following). */
  after?: number;
  /** At most this many. */
  limit?: number;
}

/** A body's slot: its bytes in the shared buffer, and its length in characters (-1: no body). */
class Bodies {
  private readonly bytes: Buffer;
  private readonly used: Uint16Array;
  private readonly chars: Float64Array;
  constructor(capacity: number) {
    // Not zero-filled: pages are touched only as requests fill them.
    this.bytes = Buffer.allocUnsafeSlow(capacity * BODY_LIMIT);
    this.used = new Uint16Array(capacity);
    this.chars = new Float64Array(capacity);
  }
  put(slot: number, text: string | undefined): void {
    if (text === undefined) {
      this.chars[slot] = -1;
      return;
    }
    this.used[slot] = this.bytes.write(text, slot * BODY_LIMIT, BODY_LIMIT, 'utf8');
    this.chars[slot] = text.length;
  }
  view(slot: number): string | null {
    const chars = this.chars[slot]!;
    if (chars < 0) return null;
    const text = this.bytes.toString('utf8', slot * BODY_LIMIT, slot * BODY_LIMIT + this.used[slot]!);
    const masked = maskBody(text);
    return text.length < chars ? `${masked}… (${chars} characters)` : masked;
  }
}

/** A ring of the last `capacity` requests. */
export class RequestHistory {
  readonly capacity: number;
  private seen = 0;
  private readonly ids: Float64Array;
  private readonly times: Float64Array;
  private readonly durations: Float64Array;
  private readonly statuses: Uint16Array;
  private readonly methods: string[];
  private readonly urls: string[];
  private readonly codes: Array<number | string | undefined>;
  private readonly operations: Array<string | undefined>;
  private readonly accounts: Array<string | undefined>;
  private readonly trackings: Array<string | undefined>;
  private readonly requests: Bodies;
  private readonly responses: Bodies;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > HISTORY_MAX) throw new Error(`a request history keeps 0 to ${HISTORY_MAX} requests, not ${capacity}`);
    this.capacity = capacity;
    this.ids = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.durations = new Float64Array(capacity);
    this.statuses = new Uint16Array(capacity);
    this.methods = new Array<string>(capacity).fill('');
    this.urls = new Array<string>(capacity).fill('');
    this.codes = new Array<number | string | undefined>(capacity).fill(undefined);
    this.operations = new Array<string | undefined>(capacity).fill(undefined);
    this.accounts = new Array<string | undefined>(capacity).fill(undefined);
    this.trackings = new Array<string | undefined>(capacity).fill(undefined);
    this.requests = new Bodies(capacity);
    this.responses = new Bodies(capacity);
  }

  push(e: RequestLine): void {
    if (this.capacity === 0) return;
    const id = ++this.seen;
    const i = id % this.capacity;
    this.ids[i] = id;
    this.times[i] = e.time;
    this.durations[i] = e.durationMs;
    this.statuses[i] = e.status;
    this.methods[i] = e.method;
    this.urls[i] = e.url;
    this.codes[i] = e.code;
    this.operations[i] = e.operation;
    this.accounts[i] = e.accountId;
    this.trackings[i] = e.trackingId;
    this.requests.put(i, e.requestBody);
    this.responses.put(i, e.responseBody);
  }

  /** Requests recorded so far (the id of the newest). */
  get lastId(): number {
    return this.seen;
  }

  /**
   * Matching requests, oldest first: the newest `limit` of them, or with
   * `after` the first `limit` that came after it (so a follower never skips any).
   */
  list(filter: RequestFilter = {}): RequestView[] {
    const out: RequestView[] = [];
    const limit = filter.limit ?? this.capacity;
    const oldest = Math.max(this.seen - this.capacity + 1, (filter.after ?? 0) + 1, 1);
    const at = (id: number) => {
      const i = id % this.capacity;
      if (this.ids[i] === id && this.matches(i, filter)) out.push(this.view(i));
    };
    if (filter.after !== undefined) {
      for (let id = oldest; id <= this.seen && out.length < limit; id++) at(id);
      return out;
    }
    for (let id = this.seen; id >= oldest && out.length < limit; id--) at(id);
    return out.reverse();
  }

  private matches(i: number, f: RequestFilter): boolean {
    const status = this.statuses[i]!;
    if (f.status !== undefined && (typeof f.status === 'number' ? status !== f.status : String(status)[0] !== f.status[0])) return false;
    if (f.operation !== undefined && this.operations[i] !== f.operation) return false;
    if (f.account_id !== undefined && this.accounts[i] !== f.account_id) return false;
    if (f.method !== undefined && this.methods[i] !== f.method.toUpperCase()) return false;
    return true;
  }

  private view(i: number): RequestView {
    const code = this.codes[i];
    return {
      id: this.ids[i]!,
      time: new Date(this.times[i]!).toISOString(),
      method: this.methods[i]!,
      path: maskUrl(this.urls[i]!),
      status: this.statuses[i]!,
      ...(code !== undefined ? { code } : {}),
      duration_ms: Math.round(this.durations[i]! * 10) / 10,
      operation: this.operations[i] ?? null,
      account_id: this.accounts[i] ?? null,
      tracking_id: this.trackings[i] ?? null,
      request_body: this.requests.view(i),
      response_body: this.responses.view(i),
    };
  }
}
