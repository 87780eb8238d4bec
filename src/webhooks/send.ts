// One signed POST, as Zoom sends it (developers.zoom.us/docs/api/webhooks/):
// compact JSON, `content-type: application/json; charset=utf-8`,
// `user-agent: Zoom Marketplace/1.0a`, `x-zm-request-timestamp` (epoch
// seconds), `x-zm-signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")`
// in hex, `x-zm-trackingid`, `clientid`. The endpoint has `timeoutMs` to answer;
// failures carry Zoom's own codes (-1 read timeout, -2 connection refused, -7 remote error).
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import { trackingId } from '../core/tracking.ts';

// Required rather than imported: an ES import of node:http builds its whole namespace, whose
// lazy WebSocket export loads Node's bundled fetch stack (~25 ms of every start).
const require = createRequire(import.meta.url);
const { Agent: HttpAgent, request: httpRequest } = require('node:http') as typeof import('node:http');
const { Agent: HttpsAgent, request: httpsRequest } = require('node:https') as typeof import('node:https');

// Connections to endpoints are kept open between deliveries (node:http is
// several times cheaper per request than fetch here; keep-alive spares the handshakes).
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

export const USER_AGENT = 'Zoom Marketplace/1.0a';
/** How much of an endpoint's answer the log keeps. */
export const RESPONSE_EXCERPT = 1024;

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The url validation answer: HMAC-SHA256 of the plain token with the secret, hex. */
export function encryptedToken(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken).digest('hex');
}

export interface SendResult {
  /** The HTTP status, or Zoom's negative code for a failure before one. */
  status: number;
  latencyMs: number;
  error: string;
  /** The start of the answer's body. */
  response: string;
}

/** 2xx is delivered; Zoom retries >= 500 and failures without an answer, never 3xx or 4xx. */
export const delivered = (status: number) => status >= 200 && status < 300;
export const retryable = (status: number) => status >= 500 || status < 0;

export interface Signed {
  url: string;
  body: string;
  secret: string;
  clientId: string;
  /** Epoch ms of the server clock: the signature's timestamp is its seconds. */
  now: number;
  timeoutMs: number;
  /** Cuts the request (the server is stopping). */
  signal?: AbortSignal;
}

export async function sendSigned(m: Signed): Promise<SendResult> {
  const timestamp = Math.floor(m.now / 1000);
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': USER_AGENT,
    clientid: m.clientId,
    'x-zm-request-timestamp': String(timestamp),
    'x-zm-signature': signature(m.secret, timestamp, m.body),
    'x-zm-trackingid': trackingId(),
    'content-length': String(Buffer.byteLength(m.body)),
  };
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(m.url);
  } catch {
    return { status: -7, error: 'Invalid URL.', latencyMs: 0, response: '' };
  }
  const secure = url.protocol === 'https:';
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (r: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: latency() });
    };
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers, agent: secure ? agents.https : agents.http, ...(m.signal ? { signal: m.signal } : {}) },
      (res) => void excerpt(res).then((response) => done({ status: res.statusCode ?? -7, error: '', response }), (err) => done({ ...failure(err), response: '' })),
    );
    // The whole exchange must end in time: a connection that never answers is cut.
    const timer = setTimeout(() => {
      done({ status: -1, error: 'Read timed out.', response: '' });
      req.destroy();
    }, m.timeoutMs);
    req.on('error', (err) => done({ ...failure(err), response: '' }));
    req.end(m.body);
  });
}

/** The start of an answer's body; the rest is not read (an endless answer costs no more). */
function excerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT).toString('utf8'));
    res.on('data', (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= RESPONSE_EXCERPT) {
        finish();
        res.destroy();
      }
    });
    res.on('end', finish);
    res.on('error', reject);
  });
}

function failure(err: unknown): { status: number; error: string } {
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'AbortError') return { status: -1, error: 'Read timed out.' };
  if (e.code === 'ECONNREFUSED') return { status: -2, error: 'Connection refused.' };
  return { status: -7, error: `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`.slice(0, 500) };
}
