// One signed POST, as Zoom sends it (developers.zoom.us/docs/api/webhooks/):
// compact JSON, `content-type: application/json; charset=utf-8`,
// `user-agent: Zoom Marketplace/1.0a`, `x-zm-request-timestamp` (epoch
// seconds), `x-zm-signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")`
// in hex, `x-zm-trackingid`, `clientid`. The endpoint has `timeoutMs` to answer;
// failures carry Zoom's own codes (-1 read timeout, -2 connection refused, -7 remote error).
import { createHmac } from 'node:crypto';
import { trackingId } from '../core/tracking.ts';

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
  };
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(m.url, { method: 'POST', headers, body: m.body, redirect: 'manual', signal: m.signal ? AbortSignal.any([AbortSignal.timeout(m.timeoutMs), m.signal]) : AbortSignal.timeout(m.timeoutMs) });
    const response = await excerpt(res);
    return { status: res.status, latencyMs: latency(), error: '', response };
  } catch (err) {
    return { ...failure(err), latencyMs: latency(), response: '' };
  }
}

async function excerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    // An endpoint that streams forever costs no more than the excerpt.
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT).toString('utf8');
}

function failure(err: unknown): { status: number; error: string } {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { status: -1, error: 'Read timed out.' };
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return { status: -2, error: 'Connection refused.' };
  return { status: -7, error: `${code ? `${code}: ` : ''}${e.cause?.message ?? e.message ?? String(err)}`.slice(0, 500) };
}
