// `npm run bench`: cold start and read throughput of OpenZoom, next to a bare
// node:http baseline loaded the same way. Prints a table and writes
// bench/results.json. Exits 1 if any OpenZoom response was not 2xx.
// BENCH_SECONDS overrides the 10 s measured duration per target; BENCH_SERVER_ARGS
// adds server flags (`--log off --request-history 0` to measure without the request log).
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './ports.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const COLD_STARTS = 3;
const EXTRA_USERS = 40;
const LOAD = { connections: 50, pipelining: 1 };
const TARGET_RATIO = 0.4;
const TARGET_COLD_MS = 500;

// Fixed credentials, so the token request needs nothing from the server's output.
const ACCOUNT_ID = 'benchAccount0000000000';
const CLIENT_ID = 'benchClient00000000000';
const CLIENT_SECRET = 'benchSecret00000000000';

if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error(`BENCH_SECONDS must be a positive number, not ${process.env.BENCH_SECONDS}`);

// Every child we start, so they die with us whatever happens.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, OPENZOOM_ACCOUNT_ID: ACCOUNT_ID, OPENZOOM_CLIENT_ID: CLIENT_ID, OPENZOOM_CLIENT_SECRET: CLIENT_SECRET },
    stdio: ['ignore', 'ignore', 'inherit'], // keep stderr: a crash should be visible
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function startOpenZoom(port: number): ChildProcess {
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
  return start(['src/main.ts', '--port', String(port), '--db', ':memory:', '--rate-limits', 'off', ...extra]);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// Poll every ~5 ms until the URL answers 2xx; fail fast if the child dies.
async function waitUntilUp(child: ChildProcess, url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering ${url}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

async function coldStartMs(): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = startOpenZoom(port);
  try {
    await waitUntilUp(child, `http://127.0.0.1:${port}/_openzoom/health`);
    return performance.now() - t0;
  } finally {
    await stop(child);
  }
}

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

interface Row {
  target: string;
  url: string;
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  ratio?: number;
}

// Warm-up run first (discarded) so JIT and connection setup don't count.
async function load(target: string, url: string, headers: Record<string, string>): Promise<Row> {
  await autocannon({ url, headers, ...LOAD, duration: WARMUP_SECONDS });
  const r = await autocannon({ url, headers, ...LOAD, duration: SECONDS });
  return { target, url, reqPerSec: r.requests.average, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  // 1. Cold start, a few times, each in a fresh process.
  const coldStarts: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) coldStarts.push(await coldStartMs());
  const coldMedian = median(coldStarts);

  // The long-lived servers for the load tests.
  const ozPort = await freePort();
  const oz = startOpenZoom(ozPort);
  const base = `http://127.0.0.1:${ozPort}`;
  await waitUntilUp(oz, `${base}/_openzoom/health`);
  const basePort = await freePort();
  const baseline = start(['bench/baseline.ts', String(basePort)]);
  await waitUntilUp(baseline, `http://127.0.0.1:${basePort}/`);

  try {
    // 2. Token, a realistic user list, and the owner's id.
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const { access_token } = await call('POST', `${base}/oauth/token?grant_type=account_credentials&account_id=${ACCOUNT_ID}`, {
      authorization: `Basic ${basic}`,
    });
    const auth = { authorization: `Bearer ${access_token}` };
    // Before adding users, the owner is the only (hence first) one.
    const ownerId: string = (await call('GET', `${base}/v2/users`, auth)).users[0].id;
    for (let n = 1; n <= EXTRA_USERS; n++) {
      await call('POST', `${base}/v2/users`, auth, {
        action: 'custCreate',
        user_info: { email: `bench${n}@example.com`, type: 1, first_name: 'Bench', last_name: `User${n}` },
      });
    }
    const list = await call('GET', `${base}/v2/users?page_size=30`, auth);
    if (list.total_records < EXTRA_USERS + 1) throw new Error(`expected ≥ ${EXTRA_USERS + 1} users, got ${list.total_records}`);

    // 3–4. Same load on each target, one after another (they share the CPUs).
    const rows: Row[] = [];
    rows.push(await load('baseline node:http', `http://127.0.0.1:${basePort}/`, auth));
    rows.push(await load('GET /v2/users/{ownerId}', `${base}/v2/users/${ownerId}`, auth));
    rows.push(await load('GET /v2/users?page_size=30', `${base}/v2/users?page_size=30`, auth));
    const baseRps = rows[0]!.reqPerSec;
    for (const r of rows.slice(1)) r.ratio = r.reqPerSec / baseRps;

    // 5. Report.
    const single = rows[1]!;
    const goals = {
      singleReadRatio: { target: `>= ${TARGET_RATIO}`, actual: round(single.ratio!, 3), met: single.ratio! >= TARGET_RATIO },
      coldStartMs: { target: `< ${TARGET_COLD_MS}`, actual: round(coldMedian, 1), met: coldMedian < TARGET_COLD_MS },
    };
    const env = { node: process.version, cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown' };
    printReport(env, rows, coldStarts, coldMedian, goals);

    const results = {
      date: new Date().toISOString(),
      env,
      settings: { ...LOAD, durationSeconds: SECONDS, warmupSeconds: WARMUP_SECONDS, usersInAccount: list.total_records },
      coldStartMs: { runs: coldStarts.map((x) => round(x, 1)), median: round(coldMedian, 1) },
      targets: rows.map((r) => ({ ...r, reqPerSec: round(r.reqPerSec, 0), ratio: r.ratio === undefined ? undefined : round(r.ratio, 3) })),
      goals,
    };
    await writeFile(new URL('results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
    console.log('\nwrote bench/results.json');

    const bad = rows.slice(1).filter((r) => r.non2xx > 0 || r.errors > 0);
    if (bad.length > 0) {
      console.error(`FAIL: non-2xx or errored responses from ${bad.map((r) => r.target).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    // 6. Leave nothing running.
    await Promise.all([stop(oz), stop(baseline)]);
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function printReport(
  env: { node: string; cpus: number; cpuModel: string },
  rows: Row[],
  coldStarts: number[],
  coldMedian: number,
  goals: Record<string, { target: string; actual: number; met: boolean }>,
): void {
  console.log(`\nnode ${env.node}, ${env.cpus} CPUs (${env.cpuModel}); load generator shares them with the server`);
  console.log(`${LOAD.connections} connections, pipelining ${LOAD.pipelining}, ${SECONDS} s per target after a ${WARMUP_SECONDS} s warm-up\n`);
  const table = [['target', 'req/s', 'p99 ms', 'non-2xx', 'vs baseline']];
  for (const r of rows) {
    table.push([r.target, r.reqPerSec.toFixed(0), r.p99Ms.toFixed(1), String(r.non2xx), r.ratio === undefined ? '1.00' : r.ratio.toFixed(2)]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  console.log(`\ncold start (spawn → first /_openzoom/health): median ${coldMedian.toFixed(0)} ms of ${coldStarts.map((x) => x.toFixed(0)).join(', ')}`);
  for (const [name, g] of Object.entries(goals)) console.log(`goal ${name} ${g.target}: ${g.actual} → ${g.met ? 'met' : 'NOT met'}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
  for (const c of children) c.kill('SIGKILL');
});
