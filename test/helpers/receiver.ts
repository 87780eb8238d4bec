// A real webhook endpoint on loopback, as an app writes one from Zoom's sample
// (github.com/zoom/webhook-sample): it parses the JSON, rebuilds the signed
// message with `JSON.stringify(body)`, and compares `v0=HMAC-SHA256` with the
// `x-zm-signature` header; it answers `endpoint.url_validation` challenges.
// Tests choose how it answers next (200, 500, 404, a wrong token, never) and
// wait for a request with `next()` — a promise, never a sleep.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  /** The signature matched, verified the way Zoom's sample does. */
  signed: boolean;
  answered: number;
}

export type Mode = 'ok' | 'error' | 'not-found' | 'wrong-token' | 'hang';

export class Receiver {
  secret: string;
  mode: Mode = 'ok';
  readonly received: Received[] = [];
  private readonly waiters: { match: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private inFlight = 0;
  /** Most requests it held at once (the deliverer's concurrency). */
  maxInFlight = 0;
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.handle(req.headers, Buffer.concat(chunks).toString('utf8'), res));
  });
  url = '';

  constructor(secret = 'shh-secret-token') {
    this.secret = secret;
  }

  async start(path = '/webhook'): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this;
  }

  /** Answers every held request, then closes. */
  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Answers the requests held in `hang` mode (with 200). */
  release(): void {
    for (const res of this.hanging) res.writeHead(200).end();
    this.hanging.clear();
  }

  /** The next request that matches (already received ones count when `past` is true). */
  next(match: (r: Received) => boolean = () => true, past = false): Promise<Received> {
    if (past) {
      const found = this.received.find(match);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Resolves once `count` events (not url validations) have arrived in all. */
  eventCount(count: number): Promise<void> {
    if (this.events().length >= count) return Promise.resolve();
    return this.next(() => this.events().length >= count).then(() => undefined);
  }

  /** The next delivery of an event (not a url validation). */
  nextEvent(name?: string): Promise<Received> {
    return this.next((r) => r.body?.event !== 'endpoint.url_validation' && (name === undefined || r.body?.event === name));
  }

  events(name?: string): Received[] {
    return this.received.filter((r) => r.body?.event !== 'endpoint.url_validation' && (name === undefined || r.body?.event === name));
  }

  private handle(headers: IncomingHttpHeaders, raw: string, res: ServerResponse): void {
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    // Zoom's sample: the message is rebuilt from the parsed body.
    const message = `v0:${headers['x-zm-request-timestamp']}:${JSON.stringify(body)}`;
    const signed = headers['x-zm-signature'] === `v0=${createHmac('sha256', this.secret).update(message).digest('hex')}`;
    const r: Received = { headers, raw, body, signed, answered: 0 };
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    const answer = (status: number, json?: unknown) => {
      r.answered = status;
      res.writeHead(status, json ? { 'content-type': 'application/json' } : {}).end(json ? JSON.stringify(json) : status >= 400 ? 'nope' : '');
    };
    if (this.mode === 'hang') this.hanging.add(res);
    else if (this.mode === 'error') answer(500);
    else if (this.mode === 'not-found') answer(404);
    else if (body?.event === 'endpoint.url_validation') {
      const plainToken = String(body.payload?.plainToken);
      const key = this.mode === 'wrong-token' ? 'not-the-secret' : this.secret;
      answer(200, { plainToken, encryptedToken: createHmac('sha256', key).update(plainToken).digest('hex') });
    } else answer(200);
    this.received.push(r);
    // Waiters see the request already counted.
    const done = this.waiters.filter((w) => w.match(r));
    for (const w of done) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(r);
    }
  }
}
