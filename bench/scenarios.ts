// Scenarios and the reports read over them: generating a month for an account
// (goal: 500 users and ~20,000 meeting instances in under 60 s) through
// POST /_openzoom/scenarios, then the heaviest report and dashboard queries
// over that month, one request at a time (goal: p99 < 200 ms).
// In `npm run bench` (bench/run.ts) it runs last: the month moves the server
// clock, which is reset afterwards. Alone, at a smoke size:
//   node bench/scenarios.ts --users 20 --days 3
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import type { Goal } from './report.ts';

export const SCENARIO_GOALS = { generateSeconds: 60, queryP99Ms: 200 };

async function json(res: Response): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** One POST that may take many minutes (fetch gives up on an answer after 300 s). */
function longPost(url: string, body: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 0 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => (res.statusCode! < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Generates the month, times it, then times each heavy read `requests` times in a row. */
export async function scenarioTargets(base: string, o: { users: number; days: number; seed?: number; requests?: number } = { users: 500, days: 30 }): Promise<Goal[]> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(json);
  const t0 = performance.now();
  const run = await longPost(`${base}/_openzoom/scenarios`, { generate: { users: o.users, days: o.days, seed: o.seed ?? 7 } });
  const generateS = (performance.now() - t0) / 1000;
  const clock = await fetch(`${base}/_openzoom/clock`).then(json);
  const basic = Buffer.from(`${run.client_id}:${run.client_secret}`).toString('base64');
  const token = (await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${run.account_id}`, { method: 'POST', headers: { authorization: `Basic ${basic}` } }).then(json)).access_token;
  const auth = { authorization: `Bearer ${token}` };
  const today = String(clock.now).slice(0, 10);
  const from = new Date(Date.parse(today) - (o.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const month = new Date(Date.parse(today));
  const range = `from=${from}&to=${today}`;
  const targets = [
    `/v2/report/daily?year=${month.getUTCFullYear()}&month=${month.getUTCMonth() + 1}`,
    `/v2/report/users?${range}&page_size=300`,
    `/v2/report/users/${run.users.u1}/meetings?${range}&page_size=300`,
    `/v2/metrics/meetings?type=past&${range}&page_size=300`,
    `/v2/metrics/client/satisfaction?${range}`,
    `/v2/metrics/quality?${range}`,
    '/v2/metrics/client_versions',
  ];
  const goals: Goal[] = [
    {
      goal: `generate a month (${o.users} users, ${o.days} days) in < ${SCENARIO_GOALS.generateSeconds} s`,
      actual: `${generateS.toFixed(1)} s, ${run.events} events`,
      met: o.users >= 500 ? generateS < SCENARIO_GOALS.generateSeconds : null,
    },
  ];
  for (const path of targets) {
    const times: number[] = [];
    for (let n = 0; n < (o.requests ?? 50); n++) {
      const t = performance.now();
      await fetch(`${base}${path}`, { headers: auth }).then(json);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]!;
    goals.push({ goal: `GET ${path.split('?')[0]} over the month, p99 < ${SCENARIO_GOALS.queryP99Ms} ms`, actual: `p99 ${p99.toFixed(1)} ms, median ${times[times.length >> 1]!.toFixed(1)} ms`, met: p99 < SCENARIO_GOALS.queryP99Ms });
  }
  // Back to the real time: tokens and targets measured after this keep working.
  await post('/_openzoom/clock', { reset: true });
  return goals;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { users: { type: 'string', default: '20' }, days: { type: 'string', default: '3' }, requests: { type: 'string', default: '20' }, profile: { type: 'boolean', default: false } } });
  const { startOpenZoom, stop, ROOT } = await import('./servers.ts');
  const { printGoals } = await import('./report.ts');
  const db = join(ROOT, 'bench', '.data', `scenarios-${process.pid}.db`);
  const profile = values.profile ? { dir: join(ROOT, 'bench', 'profiles'), name: 'scenarios' } : undefined;
  // Generating a month is one long request: the socket may stay silent up to twice the request timeout.
  const oz = await startOpenZoom({ db, rateLimits: false, extraArgs: ['--request-timeout', '3600'], profile });
  try {
    printGoals(await scenarioTargets(oz.base, { users: Number(values.users), days: Number(values.days), requests: Number(values.requests) }));
  } finally {
    await stop(oz.child);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  }
}
