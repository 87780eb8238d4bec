// The `openzoom` command as a user runs it: bin/openzoom.js in a process of
// its own (in a clone it runs the sources). `serve` starts a server with
// `openzoom start` on the suite's database; `cli` runs a command to its end.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sharedDatabase } from './server.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/openzoom.js', import.meta.url));

/** A port nothing listens on (just closed). */
export { freePort } from '../../bench/ports.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `openzoom ...args` to its end (with `node`: the suite's Node unless given). */
export function cli(args: string[], options: { env?: Record<string, string | undefined>; node?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      options.node ?? process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Served {
  url: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything the server printed so far. */
  output(): string;
  /** Resolves once the output matches. */
  until(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

const servers: Served[] = [];
const drops: Array<() => Promise<void>> = [];
after(async () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  for (const drop of drops) await drop();
});

/** `openzoom start --port 0` on a fresh database of the suite's kind (unless --db is given). */
export async function serve(args: string[] = [], env: Record<string, string | undefined> = {}, node = process.execPath): Promise<Served> {
  const db = args.includes('--db') || env.OPENZOOM_DB ? null : await sharedDatabase();
  if (db) drops.push(db.drop);
  const child = spawn(node, [BIN, 'start', ...(env.OPENZOOM_PORT ? [] : ['--port', '0']), ...(db ? ['--db', db.target] : []), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiting: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const feed = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiting]) {
      const m = w.pattern.exec(out);
      if (m) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  const until = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const m = pattern.exec(out);
      if (m) return resolve(m);
      waiting.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`the server exited before printing ${pattern}:\n${out}`)));
    });
  const served: Served = {
    url: '',
    child,
    output: () => out,
    until,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  servers.push(served);
  served.url = (await until(/listening on (http:\/\/\S+)/))[1]!;
  return served;
}

/** A served instance behind an admin key, the CLI pointed at it, and its API called with a token the CLI issued. */
export async function servedWithApi(key: string): Promise<{
  s: Served;
  run(...args: string[]): Promise<CliResult>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}> {
  const s = await serve([], { OPENZOOM_ADMIN_KEY: key });
  const run = (...args: string[]) => cli([...args, '--url', s.url], { env: { OPENZOOM_ADMIN_KEY: key } });
  const t = await run('token');
  if (t.code !== 0) throw new Error(`openzoom token failed: ${t.stderr}`);
  const token = t.stdout.trim();
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${s.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: r.status, body: (await r.json()) as any };
  };
  return { s, run, api };
}
