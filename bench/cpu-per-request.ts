// `npm run bench:cpu`: the server's CPU time per request (read from /proc,
// Linux only) for a few sets of server flags, measured in turns. Throughput on
// a shared machine swings with other load; CPU time per request swings less,
// so this compares flags (the request log on or off) more reliably.
// BENCH_CONFIGS separates flag sets with `|` (an empty one is the defaults);
// BENCH_ROUNDS turns (3), BENCH_AMOUNT requests per measure (100000).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './ports.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PINS = { OPENZOOM_ACCOUNT_ID: 'benchAccount0000000000', OPENZOOM_CLIENT_ID: 'benchClient00000000000', OPENZOOM_CLIENT_SECRET: 'benchSecret00000000000' };
const AMOUNT = Number(process.env.BENCH_AMOUNT ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function measure(args: string[]): Promise<number> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts', '--port', String(port), '--db', ':memory:', '--rate-limits', 'off', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...PINS },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      try {
        if ((await fetch(`${base}/_openzoom/health`)).ok) break;
      } catch {
        await sleep(20);
      }
    }
    const basic = Buffer.from(`${PINS.OPENZOOM_CLIENT_ID}:${PINS.OPENZOOM_CLIENT_SECRET}`).toString('base64');
    const t = (await (await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${PINS.OPENZOOM_ACCOUNT_ID}`, { method: 'POST', headers: { authorization: `Basic ${basic}` } })).json()) as { access_token: string };
    const headers = { authorization: `Bearer ${t.access_token}` };
    const owner = ((await (await fetch(`${base}/v2/users`, { headers })).json()) as { users: Array<{ id: string }> }).users[0]!.id;
    const url = `${base}/v2/users/${owner}`;
    await autocannon({ url, headers, connections: 50, amount: 20_000 });
    const before = cpuTicks(child.pid!);
    const r = await autocannon({ url, headers, connections: 50, amount: AMOUNT });
    const ticks = cpuTicks(child.pid!) - before;
    if (r.non2xx > 0) throw new Error('non-2xx answers');
    return (ticks * 10_000) / AMOUNT; // µs of CPU per request (100 ticks a second)
  } finally {
    child.kill('SIGTERM');
  }
}

const configs = (process.env.BENCH_CONFIGS ?? '|--log json|--log off --request-history 0').split('|');
const results = new Map<string, number[]>(configs.map((c) => [c, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of configs) results.get(c)!.push(await measure(c.split(' ').filter(Boolean)));
}
for (const [c, xs] of results) console.log(`${(c || '(default)').padEnd(34)} ${xs.map((x) => x.toFixed(1)).join('  ')}  µs CPU per request`);
