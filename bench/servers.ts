// The processes `npm run bench` starts: OpenZoom (one or two instances) and the
// plain node:http baseline, each a child that dies with the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Fixed credentials, so the token request needs nothing from the server's output.
export const ACCOUNT_ID = 'benchAccount0000000000';
export const CLIENT_ID = 'benchClient00000000000';
export const CLIENT_SECRET = 'benchSecret00000000000';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
export const killAll = () => children.forEach((c) => c.kill('SIGKILL'));

export { freePort };

export function start(args: string[], nodeFlags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, ...args], {
    cwd: ROOT,
    env: { ...process.env, OPENZOOM_ACCOUNT_ID: ACCOUNT_ID, OPENZOOM_CLIENT_ID: CLIENT_ID, OPENZOOM_CLIENT_SECRET: CLIENT_SECRET },
    stdio: ['ignore', 'ignore', 'inherit'], // keep stderr: a crash should be visible
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface OpenZoomOptions {
  db: string;
  rateLimits: boolean;
  redis?: string | undefined;
  /** Write a CPU profile named NAME.cpuprofile into DIR when the process stops. */
  profile?: { dir: string; name: string } | undefined;
  extraArgs?: string[];
  /** `src/main.ts` (a clone: Node strips the types) or `dist/main.js` (the installed package's built code). */
  entry?: string;
}

export interface Server {
  child: ChildProcess;
  base: string;
}

export async function startOpenZoom(o: OpenZoomOptions): Promise<Server> {
  const port = await freePort();
  const args = [o.entry ?? 'src/main.ts', '--port', String(port), '--db', o.db, '--rate-limits', o.rateLimits ? 'on' : 'off', ...(o.extraArgs ?? [])];
  if (o.redis) args.push('--redis', o.redis);
  const flags = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.profile.dir}`, `--cpu-prof-name=${o.profile.name}.cpuprofile`] : [];
  const child = start(args, flags);
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, `${base}/_openzoom/health`);
  return { child, base };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

// Poll every ~5 ms until the URL answers 2xx; fail fast if the child dies.
export async function waitUntilUp(child: ChildProcess, url: string, timeoutMs = 15_000): Promise<void> {
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

/** Spawn → first answered request, on an empty in-memory database (every operation routed). */
export async function coldStartMs(entry = 'src/main.ts'): Promise<number> {
  const t0 = performance.now();
  const { child } = await startOpenZoom({ db: ':memory:', rateLimits: false, entry });
  const ms = performance.now() - t0;
  await stop(child);
  return ms;
}

/** Resident memory of a child process in MB (Linux /proc). */
export function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
