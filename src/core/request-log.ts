// What happened: one line per request on standard output (pretty on a
// terminal, JSON lines otherwise) and the last N requests kept in memory for
// GET /_openzoom/requests (request-history.ts). Capture is one Fastify onSend
// hook; masking waits until someone reads the history, and lines are written
// in batches. Measured with `npm run bench` (README).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fstatSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { maskUrl } from './masking.ts';
import type { RequestHistory, RequestLine } from './request-history.ts';

/** Polling or following the history, health checks and the console's static files are not themselves recorded. */
const UNRECORDED = ['/_openzoom/requests', '/_openzoom/health', '/_openzoom/console'];

/** Zoom's `code` (or OAuth's `error`) from the start of an error body. */
function errorCode(payload: string): number | string | undefined {
  const zoom = /^\{"code":(-?\d+)/.exec(payload);
  if (zoom) return Number(zoom[1]);
  const oauth = /"error":"([a-z_]+)"/.exec(payload);
  return oauth?.[1];
}

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
    /** Zoom's operationId, on API routes (set by the route, see operationRoute). */
    operationId: string | null;
  }
}

/** An API route's handler that names its operation on the request first (cheaper than reading the route's options back). */
export function operationRoute<H extends (req: FastifyRequest, reply: FastifyReply) => Promise<void>>(operationId: string, handler: H) {
  return (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    req.operationId = operationId;
    return handler(req, reply);
  };
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
  app.decorateRequest('operationId', null);
  app.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    const url = req.url;
    if (url.startsWith('/_openzoom/') && UNRECORDED.some((p) => url.startsWith(p))) return done(null, payload);
    const status = reply.statusCode;
    const text = typeof payload === 'string' ? payload : undefined;
    const entry: RequestLine = {
      time: Date.now(),
      method: req.method,
      url,
      status,
      code: status >= 400 && text !== undefined ? errorCode(text) : undefined,
      durationMs: reply.elapsedTime,
      operation: req.operationId ?? undefined,
      accountId: accountOf(req, deps),
      trackingId: reply.getHeader('x-zm-trackingid') as string | undefined,
      requestBody: req.bodyText ?? undefined,
      responseBody: text ?? (Buffer.isBuffer(payload) ? `<${payload.length} bytes>` : undefined),
    };
    deps.history.push(entry);
    if (deps.sink) deps.sink(entry);
    done(null, payload);
  });
}

/**
 * Lines gathered and written in one go: a write to standard output is a
 * system call (synchronous on Linux), too dear once per request under load.
 * Written when 16 KB are waiting or 50 ms after the first line, whichever
 * comes first, and on close.
 */
export class LineBuffer {
  private readonly out: { write(chunk: Uint8Array): unknown };
  // Lines are encoded into this as they come (no string joins, no growing arrays).
  private readonly bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(out: { write(chunk: Uint8Array): unknown }) {
    this.out = out;
  }
  write(line: string): void {
    if (this.used + 3 * line.length > this.bytes.length) this.flush();
    if (3 * line.length > this.bytes.length) {
      this.out.write(Buffer.from(line));
      return;
    }
    this.used += this.bytes.write(line, this.used);
    if (this.used >= 16_384) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 50);
  }
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.used === 0) return;
    // A copy: the stream may write it later, and these bytes are reused at once.
    const chunk = Buffer.from(this.bytes.subarray(0, this.used));
    this.used = 0;
    this.out.write(chunk);
  }
}

/** Standard output thrown away (`> /dev/null`, or a supervisor's `stdio: ignore`): no line is worth formatting. */
function discarded(out: { fd?: unknown }): boolean {
  if (typeof out.fd !== 'number' || process.platform === 'win32') return false;
  try {
    const st = fstatSync(out.fd);
    return st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/**
 * The request line writer for a format, or null for none. `auto`: pretty on
 * a terminal, JSON lines to a file or pipe, none when standard output is
 * /dev/null.
 */
export function lineSink(
  format: 'auto' | 'pretty' | 'json' | 'off',
  out: Writable & { isTTY?: boolean; fd?: unknown } = process.stdout,
): { sink: LineSink | null; flush(): void } {
  if (format === 'off' || (format === 'auto' && discarded(out))) return { sink: null, flush() {} };
  const tty = out.isTTY === true;
  const buffer = new LineBuffer(out);
  const flush = () => buffer.flush();
  if (format === 'pretty' || (format === 'auto' && tty)) {
    const colour = tty && !process.env.NO_COLOR;
    return { sink: (e) => buffer.write(prettyLine(e, colour)), flush };
  }
  return { sink: (e) => buffer.write(jsonLine(e)), flush };
}

/**
 * One request as a JSON line with pino's level, time and msg fields, so
 * tools that read pino's (Fastify's) lines read these. Written by hand: the
 * shape is fixed, and pino's generic serializer cost three times as much per
 * line. Operation and tracking ids are this server's own (no escaping needed);
 * the path and the account id come from the client.
 */
export function jsonLine(e: RequestLine): string {
  const code = e.code === undefined ? '' : `,"code":${typeof e.code === 'number' ? e.code : JSON.stringify(e.code)}`;
  const op = e.operation === undefined ? '' : `,"operation":"${e.operation}"`;
  const account = e.accountId === undefined ? '' : `,"account_id":${JSON.stringify(e.accountId)}`;
  const tracking = e.trackingId === undefined ? '' : `,"tracking_id":"${e.trackingId}"`;
  return `{"level":30,"time":${e.time},"msg":"request","method":"${e.method}","path":${JSON.stringify(maskUrl(e.url))},"status":${e.status}${code},"duration_ms":${Math.round(e.durationMs * 10) / 10}${op}${account}${tracking}}\n`;
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
