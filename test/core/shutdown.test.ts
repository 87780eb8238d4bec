// The real server process (`node src/main.ts`) against clients that stall:
// a slowloris dribbling its headers and a body that never completes are cut by
// the request timeout, and SIGTERM stops the server within its grace period
// whatever its clients do, after letting requests in flight finish.
// `Expect: 100-continue` makes the server say when it has read the headers,
// so every step waits for an event rather than for time to pass.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PG_URL, TEST_DB } from '../helpers/server.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const children: ChildProcessByStdio<null, Readable, null>[] = [];
const schemas: string[] = [];

after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (schemas.length === 0) return;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  for (const schema of schemas) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
});

interface Server {
  port: number;
  child: ChildProcessByStdio<null, Readable, null>;
  /** Resolves with the next stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; at: number }>;
}

/** Starts `node src/main.ts` on a free port and the suite's database. */
async function serve(...flags: string[]): Promise<Server> {
  let db = ':memory:';
  if (TEST_DB === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    db = `${PG_URL}?schema=${schema}`;
  }
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--db', db, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, at: Date.now() }));
  let out = '';
  const waiting: Array<{ pattern: RegExp; resolve: (l: string) => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiting]) {
      const m = w.pattern.exec(out);
      if (m) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m[0]);
      }
    }
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const m = pattern.exec(out);
      if (m) return resolve(m[0]);
      waiting.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`server exited before printing ${pattern}:\n${out}`)));
    });
  const listening = await line(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
  return { port: Number(/:(\d+)$/.exec(listening)![1]), child, line, exited };
}

/** A raw connection that keeps everything the server sends. */
async function open(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  let ended = false;
  // Not events.once: it rejects on 'error', and a reset (ECONNRESET) is just how some connections close here.
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      ended = true;
      resolve(Date.now());
    }),
  );
  socket.on('data', (d: Buffer) => (received += d.toString()));
  socket.on('error', () => undefined);
  const until = async (pattern: RegExp) => {
    while (!pattern.test(received)) {
      if (ended) throw new Error(`connection closed without ${pattern}: ${received}`);
      // A reset is a close like any other here (the 'close' event follows it).
      await Promise.race([once(socket, 'data').catch(() => undefined), closed]);
    }
  };
  return { socket, closed, until, received: () => received };
}

// Padded with JSON whitespace: the control plane refuses unknown fields.
const FIRST_HALF = `{"advance_seconds": 0${' '.repeat(30)}`;
/** The rest of the 100-byte body FIRST_HALF begins. */
const SECOND_HALF = `${' '.repeat(100 - FIRST_HALF.length - 1)}}`;

/** Headers of a control-plane POST announcing a 100-byte body, then the first half of it. */
async function halfBody(port: number) {
  const c = await open(port);
  c.socket.write(`POST /_openzoom/clock HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`);
  await c.until(/100 Continue/);
  c.socket.write(FIRST_HALF);
  return c;
}

describe('stalled clients and shutdown (the real server process)', { concurrency: true }, () => {
  test('slowloris: headers dribbled a byte at a time, or a body that never completes, are cut by --request-timeout', async () => {
    const s = await serve('--request-timeout', '0.5');
    const loris = await open(s.port);
    const request = `GET /_openzoom/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(200)}\r\n\r\n`;
    let i = 0;
    const drip = setInterval(() => loris.socket.writable && i < request.length && loris.socket.write(request[i++]!), 50);
    const started = Date.now();
    const stalled = await halfBody(s.port);
    try {
      const [lorisClosed, stalledClosed] = await Promise.all([loris.closed, stalled.closed]);
      assert.ok(lorisClosed - started < 3000, `slowloris cut after ${lorisClosed - started} ms`);
      assert.ok(stalledClosed - started < 3000, `stalled body cut after ${stalledClosed - started} ms`);
      assert.ok(i < request.length, 'cut before the headers were complete');
      assert.match(stalled.received(), /408 Request Timeout/);
      // The server itself carries on.
      const fresh = await open(s.port);
      fresh.socket.write('GET /_openzoom/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      await fresh.until(/"status":"ok"/);
    } finally {
      clearInterval(drip);
      s.child.kill('SIGKILL');
    }
  });

  test('SIGTERM with a client stalled mid-body: the process exits within --shutdown-grace, not when the client gives up', async () => {
    const s = await serve('--shutdown-grace', '1');
    const stalled = await halfBody(s.port);
    const sent = Date.now();
    s.child.kill('SIGTERM');
    const { code, at } = await s.exited;
    assert.equal(code, 0);
    assert.ok(at - sent < 1000 + 2500, `exited ${at - sent} ms after SIGTERM`);
    await stalled.closed;
  });

  test('SIGTERM lets a request in flight finish and closes idle keep-alive connections at once', async () => {
    const s = await serve('--shutdown-grace', '30');
    const idle = await open(s.port);
    idle.socket.write('GET /_openzoom/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await idle.until(/"status":"ok"/);
    const inFlight = await halfBody(s.port);
    const sent = Date.now();
    s.child.kill('SIGTERM');
    await s.line(/OpenZoom stopping \(SIGTERM\)/);
    await idle.closed;
    inFlight.socket.write(SECOND_HALF);
    await inFlight.until(/"now_ms"/);
    assert.match(inFlight.received(), /HTTP\/1\.1 200 OK/);
    const { code, at } = await s.exited;
    assert.equal(code, 0);
    assert.ok(at - sent < 5000, `exited ${at - sent} ms after SIGTERM, long before the 30 s grace`);
  });
});
