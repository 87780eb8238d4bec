// What happened: one line per request on standard output (pretty on a
// terminal, JSON lines otherwise) and the last N requests kept in memory for
// GET /_openzoom/requests. Capture is one Fastify onSend hook that keeps
// references and short strings; masking and formatting of bodies wait until
// someone reads the history, so a request costs little more than a push.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Writable } from 'node:stream';
import { maskBody, maskUrl } from './masking.ts';

/** Characters of a body kept per request. */
export const BODY_LIMIT = 4096;

/** Polling the history, and health checks, are not themselves recorded. */
const UNRECORDED = ['/_openzoom/requests', '/_openzoom/health'];

interface Captured {
  id: number;
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
  requestBytes: number;
  responseBody: string | undefined;
  responseBytes: number;
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
  /** At most this many, the newest. */
  limit?: number;
}

/** A ring of the last `capacity` requests. */
export class RequestHistory {
  readonly capacity: number;
  private readonly ring: Array<Captured | undefined>;
  private seen = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.ring = new Array<Captured | undefined>(capacity);
  }

  push(entry: RequestLine): void {
    if (this.capacity === 0) return;
    const id = ++this.seen;
    this.ring[id % this.capacity] = { id, ...entry };
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
      const c = this.ring[id % this.capacity];
      if (c && c.id === id && matches(c, filter)) out.push(view(c));
    };
    if (filter.after !== undefined) {
      for (let id = oldest; id <= this.seen && out.length < limit; id++) at(id);
      return out;
    }
    for (let id = this.seen; id >= oldest && out.length < limit; id--) at(id);
    return out.reverse();
  }
}

function matches(c: Captured, f: RequestFilter): boolean {
  if (f.status !== undefined) {
    if (typeof f.status === 'number' ? c.status !== f.status : String(c.status)[0] !== f.status[0]) return false;
  }
  if (f.operation !== undefined && c.operation !== f.operation) return false;
  if (f.account_id !== undefined && c.accountId !== f.account_id) return false;
  if (f.method !== undefined && c.method !== f.method.toUpperCase()) return false;
  return true;
}

function bodyView(text: string | undefined, bytes: number): string | null {
  if (text === undefined) return null;
  const masked = maskBody(text);
  return bytes > text.length ? `${masked}… (${bytes} characters)` : masked;
}

function view(c: Captured): RequestView {
  return {
    id: c.id,
    time: new Date(c.time).toISOString(),
    method: c.method,
    path: maskUrl(c.url),
    status: c.status,
    ...(c.code !== undefined ? { code: c.code } : {}),
    duration_ms: Math.round(c.durationMs * 10) / 10,
    operation: c.operation ?? null,
    account_id: c.accountId ?? null,
    tracking_id: c.trackingId ?? null,
    request_body: bodyView(c.requestBody, c.requestBytes),
    response_body: bodyView(c.responseBody, c.responseBytes),
  };
}

/**
 * A prefix of a long body, copied: a slice would keep the whole string alive
 * for as long as the history holds the entry.
 */
function keep(text: string): string {
  return text.length <= BODY_LIMIT ? text : Buffer.from(text.slice(0, BODY_LIMIT)).toString();
}

/** Zoom's `code` (or OAuth's `error`) from the start of an error body. */
function errorCode(payload: string): number | string | undefined {
  const zoom = /^\{"code":(-?\d+)/.exec(payload);
  if (zoom) return Number(zoom[1]);
  const oauth = /"error":"([a-z_]+)"/.exec(payload);
  return oauth?.[1];
}

/** One answered request, before it has an id. */
export type RequestLine = Omit<Captured, 'id'>;

/** Where one request line goes. */
export type LineSink = (entry: RequestLine) => void;

export interface RecordDeps {
  history: RequestHistory;
  sink: LineSink | null;
  /** The account a bearer token belongs to, when this server has already checked it. */
  accountOfToken(authorization: string | undefined): string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received (before parsing), for the history. */
    bodyText: string | null;
    /** Zoom's operationId of an API request, set by the API router. */
    operationId: string | undefined;
  }
  interface FastifyContextConfig {
    /** Zoom's operationId of an API route. */
    operationId?: string;
  }
}

/** Keeps the text of a parsed body on the request, for the history. Called by the body parsers. */
export function keepBodyText(req: FastifyRequest, text: string): void {
  req.bodyText = text;
}

function accountOf(req: FastifyRequest, deps: RecordDeps): string | undefined {
  const fromPath = (req.params as Record<string, unknown> | undefined)?.accountId;
  if (typeof fromPath === 'string' && fromPath !== 'me') return fromPath;
  const fromQuery = (req.query as Record<string, unknown> | undefined)?.account_id;
  if (typeof fromQuery === 'string') return fromQuery;
  const body = req.body as Record<string, unknown> | undefined | null;
  if (body && typeof body === 'object' && typeof body.account_id === 'string') return body.account_id;
  return deps.accountOfToken(req.headers.authorization);
}

/** Records every request the app answers (registered before the routes). */
export function recordRequests(app: FastifyInstance, deps: RecordDeps): void {
  if (deps.history.capacity === 0 && !deps.sink) return;
  app.decorateRequest('bodyText', null);
  app.decorateRequest('operationId', undefined);
  app.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    const url = req.url;
    if (url.startsWith('/_openzoom/') && UNRECORDED.some((p) => url.startsWith(p))) return done(null, payload);
    const status = reply.statusCode;
    const text = typeof payload === 'string' ? payload : undefined;
    const bodyText = req.bodyText;
    const entry: RequestLine = {
      time: Date.now(),
      method: req.method,
      url,
      status,
      code: status >= 400 && text !== undefined ? errorCode(text) : undefined,
      durationMs: reply.elapsedTime,
      operation: req.operationId ?? req.routeOptions.config?.operationId,
      accountId: accountOf(req, deps),
      trackingId: reply.getHeader('x-zm-trackingid') as string | undefined,
      requestBody: bodyText === null ? undefined : keep(bodyText),
      requestBytes: bodyText?.length ?? 0,
      responseBody: text === undefined ? (Buffer.isBuffer(payload) ? `<${payload.length} bytes>` : undefined) : keep(text),
      responseBytes: text?.length ?? 0,
    };
    deps.history.push(entry);
    if (deps.sink) deps.sink(entry);
    done(null, payload);
  });
}

/** The request line writer for a format, or null for `off`. `auto` is pretty on a terminal. */
export async function lineSink(
  format: 'auto' | 'pretty' | 'json' | 'off',
  out: Writable & { fd?: number; isTTY?: boolean } = process.stdout,
): Promise<{ sink: LineSink | null; flush(): void }> {
  if (format === 'off') return { sink: null, flush() {} };
  const tty = out.isTTY === true;
  const pretty = format === 'pretty' || (format === 'auto' && tty);
  // pino's destination batches writes while one is in flight: a line costs no syscall of its own under load.
  const { default: pino } = await import('pino');
  const dest = typeof out.fd === 'number' ? pino.destination({ dest: out.fd, sync: false }) : out;
  const flush = () => {
    try {
      if ('flushSync' in dest && typeof dest.flushSync === 'function') dest.flushSync();
    } catch {
      // nothing buffered, or the stream is gone
    }
  };
  if (pretty) {
    const colour = tty && !process.env.NO_COLOR;
    return { sink: (e) => dest.write(prettyLine(e, colour)), flush };
  }
  const logger = pino({ base: null }, dest);
  return {
    sink: (e) =>
      logger.info(
        {
          method: e.method,
          path: maskUrl(e.url),
          status: e.status,
          code: e.code,
          duration_ms: Math.round(e.durationMs * 10) / 10,
          operation: e.operation,
          account_id: e.accountId,
          tracking_id: e.trackingId,
        },
        'request',
      ),
    flush,
  };
}

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function prettyLine(e: RequestLine, colour: boolean): string {
  const t = new Date(e.time);
  const clock = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}:${String(t.getSeconds()).padStart(2, '0')}.${String(t.getMilliseconds()).padStart(3, '0')}`;
  const statusColour = e.status >= 500 ? 31 : e.status >= 400 ? 33 : e.status >= 300 ? 36 : 32;
  const status = paint(colour, statusColour, `${e.status}${e.code !== undefined ? ` ${e.code}` : ''}`);
  const duration = `${e.durationMs < 10 ? e.durationMs.toFixed(1) : Math.round(e.durationMs)} ms`;
  const op = e.operation ? `  ${paint(colour, 2, e.operation)}` : '';
  return `${paint(colour, 2, clock)} ${e.method.padEnd(6)} ${maskUrl(e.url)}  ${status}  ${paint(colour, 2, duration)}${op}\n`;
}
