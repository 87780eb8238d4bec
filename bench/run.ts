// `npm run bench`: OpenZoom's request path next to a plain node:http server in
// the same run, on the same machine, loaded the same way (autocannon, 50
// connections). Every figure the read-path goals name, each with its goal:
// single reads against a 1 KB answer; lists against a plain server sending the
// same bytes; page cost over 1,000 and 1,000,000 users; writes; memory; cold
// start; on PostgreSQL also two instances against one. Writes bench/results*.json.
//
//   npm run bench -- [--db sqlite|postgres] [--seconds N] [--quick] [--profile]
//                    [--rate-limits] [--redis redis://…] [--million N]
//                    [--scenario-users N --scenario-days N] [--only a,b]
//
// --only runs some sections: cold, singles, lists, pages, writes, webhooks
// (runs writes too), two, memory, download, scenarios.
// --quick leaves out the million-user list and the repeated memory rounds;
// --profile runs each target against its own server process and writes its CPU
// profile and a summary to bench/profiles/. Environment: BENCH_SECONDS,
// BENCH_DB, BENCH_RATE_LIMITS=on, BENCH_REDIS, OPENZOOM_TEST_PG_URL.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDb } from '../src/storage/db.ts';
import { bulkMeetings, bulkUsers } from './bulk.ts';
import { printGoals, printTable, summariseProfile, type Goal, type Row } from './report.ts';
import { webhookTargets } from './webhooks.ts';
import { ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, coldStartMs, freePort, killAll, ROOT, rssMb, start, startOpenZoom, stop, waitUntilUp, type Server } from './servers.ts';
import { pastMeetingTargets } from './live.ts';
import { recordingTargets } from './recordings.ts';
import { webinarTargets } from './webinars.ts';
import { phoneTargets } from './phone.ts';
import { phoneCallTargets } from './phone-calls.ts';
import { roomsTargets } from './rooms.ts';
import { scenarioTargets } from './scenarios.ts';

const { values: flags } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.BENCH_DB ?? 'sqlite' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'rate-limits': { type: 'boolean', default: process.env.BENCH_RATE_LIMITS === 'on' },
    redis: { type: 'string', default: process.env.BENCH_REDIS },
    million: { type: 'string', default: '1000000' },
    // The generated month of the scenarios goal (500 × 30) plays about 60 events a second today: over an hour. Asked for, not by default.
    'scenario-users': { type: 'string', default: '50' },
    'scenario-days': { type: 'string', default: '7' },
    only: { type: 'string' },
  },
});
const SECTIONS = ['cold', 'singles', 'lists', 'pages', 'writes', 'webhooks', 'two', 'memory', 'download', 'scenarios'];
const ONLY = flags.only === undefined ? null : new Set(flags.only.split(',').map((x) => x.trim()));
for (const x of ONLY ?? []) if (!SECTIONS.includes(x)) throw new Error(`--only takes ${SECTIONS.join(', ')}; not ${x}`);
/** Whether a section of the run is wanted (all of them without --only). */
const want = (section: string): boolean => ONLY === null || ONLY.has(section) || (section === 'writes' && ONLY.has('webhooks'));
const SECONDS = Number(flags.seconds);
const WARMUP_SECONDS = 2;
const LOAD = { connections: 50, pipelining: 1 };
/** Latency figures below saturation (the webhook write path): requests a second, and the clients sending them. */
const PACED_RATE = 200;
const PACED_CLIENTS = 4;
const POSTGRES = flags.db === 'postgres';
const MILLION = Number(flags.million);
if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error(`--seconds must be a positive number, not ${flags.seconds}`);
if (!['sqlite', 'postgres'].includes(flags.db!)) throw new Error(`--db must be sqlite or postgres, not ${flags.db}`);

const PG_URL = process.env.OPENZOOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `bench_${process.pid}`;
const DATA_DIR = join(ROOT, 'bench', '.data');
const DB = POSTGRES ? `${PG_URL}?schema=${PG_SCHEMA}` : join(DATA_DIR, `bench-${process.pid}.db`);
const PROFILE_DIR = join(ROOT, 'bench', 'profiles');
// BENCH_SERVER_ARGS adds server flags (`--log json` to measure with request lines).
// The generated month (last) is one long request: the socket may stay silent up to twice the request timeout.
const serverOptions = { db: DB, rateLimits: flags['rate-limits']!, redis: flags.redis, extraArgs: ['--request-timeout', '3600', ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)] };

const GOALS = {
  singleRatio: POSTGRES ? 0.3 : 0.5,
  singleP99: 5,
  listRatio: 0.25,
  listP99: 25,
  pageCost: 1.5,
  writeRatio: 0.2,
  twoInstances: 1.7,
  rssMb: 300,
  coldMs: 300,
};

// ---- HTTP helpers -------------------------------------------------------------------------

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<any> {
  for (;;) {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // With rate limits on, set-up moves the server's clock to the next window rather than wait.
    if (res.status === 429) {
      await fetch(`${new URL(url).origin}/_openzoom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advance_seconds":1}' });
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

async function tokenFor(base: string, accountId: string, clientId: string, secret: string): Promise<Record<string, string>> {
  const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
  const { access_token } = await call('POST', `${base}/oauth/token?grant_type=account_credentials&account_id=${accountId}`, { authorization: `Basic ${basic}` });
  return { authorization: `Bearer ${access_token}` };
}

type Request = { method: string; path: string; headers: Record<string, string>; setupRequest?: (r: any) => any };

async function load(target: string, url: string, headers: Record<string, string>, requests?: Request[]): Promise<Row> {
  const options = { url, headers, ...LOAD, ...(requests ? { requests } : {}) };
  await autocannon({ ...options, duration: WARMUP_SECONDS });
  const r = await autocannon({ ...options, duration: SECONDS });
  // With rate limits on, Zoom's 429 is the expected answer past the account's limit.
  const non2xx = flags['rate-limits'] ? r.non2xx - (r.statusCodeStats['429']?.count ?? 0) : r.non2xx;
  const bytes = Math.round(r.throughput.total / Math.max(1, r.requests.total));
  return { target, url, reqPerSec: r.requests.average, p99Ms: r.latency.p99, non2xx, errors: r.errors, bytes };
}

// ---- The run ------------------------------------------------------------------------------

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  if (flags.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }
  // Cold start of what an installed package runs (the built JavaScript), and of a clone (`npm start`: Node strips the types first).
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  const coldStarts: number[] = [];
  const coldFromSource: number[] = [];
  for (let i = 0; i < (want('cold') ? 3 : 0); i++) {
    coldStarts.push(await coldStartMs('dist/main.js'));
    coldFromSource.push(await coldStartMs('src/main.ts'));
  }

  let oz: Server = await startOpenZoom(serverOptions);
  const auth = await tokenFor(oz.base, ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET);
  const url = (path: string) => `${oz.base}${path}`;

  // A realistic account: 40 users, a group and a custom role with 30 members each.
  const userIds: string[] = [];
  for (let n = 1; n <= 40; n++) {
    const u = await call('POST', url('/v2/users'), auth, { action: 'custCreate', user_info: { email: `bench${n}@example.com`, type: 1, first_name: 'Bench', last_name: `User${n}` } });
    userIds.push(u.id);
  }
  const members = userIds.slice(0, 30).map((id) => ({ id }));
  const group = await call('POST', url('/v2/groups'), auth, { name: 'Bench group' });
  await call('POST', url(`/v2/groups/${group.id}/members`), auth, { members });
  const role = await call('POST', url('/v2/roles'), auth, { name: 'Bench role', description: 'Benchmark role', privileges: ['User:Read'] });
  await call('POST', url(`/v2/roles/${role.id}/members`), auth, { members });
  // The account's add-ons: a tracking field, 30 H.323/SIP devices and 30 SIP phones.
  const field = await call('POST', url('/v2/tracking_fields'), auth, { field: 'Cost center', recommended_values: ['R&D', 'Sales'] });
  for (let n = 1; n <= 30; n++) {
    await call('POST', url('/v2/h323/devices'), auth, { name: `Room ${n}`, protocol: 'H.323', ip: `198.51.100.${n}`, encryption: 'auto' });
    const phone = { user_email: `bench${n}@example.com`, user_name: `ext${n}`, password: 'secret', authorization_name: `auth${n}`, domain: 'pbx.example.org' };
    await call('POST', url('/v2/sip_phones/phones'), auth, { ...phone, server: { register_server: 'reg.example.org', proxy_server: 'proxy.example.org' } });
  }
  // Team Chat: a channel of 20 members holding 60 messages from 5 senders (today's, as the list reads by default).
  const channel = await call('POST', url(`/v2/chat/users/${userIds[0]}/channels`), auth, { name: 'Bench channel', type: 1, members: userIds.slice(1, 20).map((_, i) => ({ email: `bench${i + 2}@example.com` })) });
  for (let n = 0; n < 60; n++) await call('POST', url(`/v2/chat/users/${userIds[n % 5]}/messages`), auth, { message: `Bench message ${n}: the quick brown fox jumps over the lazy dog`, to_channel: channel.id });
  // 40 meetings of one host, a few of them recurring.
  const meetingIds: string[] = [];
  for (let n = 1; n <= 40; n++) {
    const recurring = n % 8 === 0 ? { type: 8, recurrence: { type: 2, weekly_days: '2,4', end_times: 10 } } : {};
    const m = await call('POST', url(`/v2/users/${userIds[0]}/meetings`), auth, { topic: `Bench meeting ${n}`, start_time: `2031-01-${String((n % 28) + 1).padStart(2, '0')}T15:00:00Z`, timezone: 'Europe/Berlin', agenda: 'Agenda', ...recurring });
    meetingIds.push(String(m.id));
  }

  // A meeting that happened, of another host (the meetings list above stays 40 meetings).
  const past = await pastMeetingTargets(call, url, auth, userIds[1]!);
  const recordings = await recordingTargets(call, url, auth);
  const webinars = await webinarTargets(call, url, auth, userIds[2]!);
  const phone = await phoneTargets(call, url, auth, userIds);
  const phoneCalls = await phoneCallTargets(call, url, auth, ACCOUNT_ID);
  const rooms = await roomsTargets(call, url, auth);
  const singles = [
    ['GET /v2/users/{userId}', `/v2/users/${userIds[0]}`],
    ['GET /v2/groups/{groupId}', `/v2/groups/${group.id}`],
    ['GET /v2/roles/{roleId}', `/v2/roles/${role.id}`],
    ['GET /v2/tracking_fields/{fieldId}', `/v2/tracking_fields/${field.id}`],
    ['GET /v2/accounts/me/plans', '/v2/accounts/me/plans'],
    ['GET /v2/chat/channels/{channelId}', `/v2/chat/channels/${channel.id}`],
    ['GET /v2/meetings/{meetingId}', `/v2/meetings/${meetingIds[7]}`],
    past.single,
    recordings.single,
    webinars.single,
    phone.single,
    phoneCalls.single,
    rooms.single,
  ] as const;
  const lists = [
    ['GET /v2/users?page_size=30', '/v2/users?page_size=30', '/same/users'],
    ['GET /v2/groups/{groupId}/members', `/v2/groups/${group.id}/members?page_size=30`, '/same/group-members'],
    ['GET /v2/roles/{roleId}/members', `/v2/roles/${role.id}/members?page_size=30`, '/same/role-members'],
    ['GET /v2/h323/devices', '/v2/h323/devices?page_size=30', '/same/h323-devices'],
    ['GET /v2/sip_phones/phones', '/v2/sip_phones/phones?page_size=30', '/same/sip-phones'],
    ['GET /v2/chat/users/{userId}/messages', `/v2/chat/users/${userIds[0]}/messages?to_channel=${channel.id}&page_size=30`, '/same/chat-messages'],
    ['GET /v2/users/{userId}/meetings', `/v2/users/${userIds[0]}/meetings?page_size=30`, '/same/meetings'],
    past.list,
    recordings.list,
    webinars.list,
    phone.list,
    phoneCalls.list,
    rooms.list,
  ] as const;

  // The plain server answers 1 KB at `/` and each list's exact bytes at its own path.
  const bodies: Record<string, string> = {};
  for (const [, path, same] of lists) bodies[same] = await (await fetch(url(path), { headers: auth })).text();
  const bodiesFile = join(DATA_DIR, `bodies-${process.pid}.json`);
  writeFileSync(bodiesFile, JSON.stringify(bodies));
  const basePort = await freePort();
  const baseline = start(['bench/baseline.ts', String(basePort), bodiesFile]);
  const plain = `http://127.0.0.1:${basePort}`;
  await waitUntilUp(baseline, `${plain}/`);

  /** Runs one target; with --profile on a server process of its own, whose profile is then summarised. */
  async function measure(name: string, fn: () => Promise<Row>): Promise<Row> {
    if (!flags.profile) return fn();
    const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    await stop(oz.child);
    oz = await startOpenZoom({ ...serverOptions, profile: { dir: PROFILE_DIR, name: slug } });
    const row = await fn();
    await stop(oz.child);
    console.log(`\nprofile of ${name} (bench/profiles/${slug}.cpuprofile):\n${summariseProfile(join(PROFILE_DIR, `${slug}.cpuprofile`), 12)}`);
    oz = await startOpenZoom(serverOptions);
    return row;
  }

  const rows: Row[] = [];
  const goals: Goal[] = [];
  try {
    const oneKb = await load('plain node:http, 1 KB', `${plain}/`, auth);
    rows.push(oneKb);
    for (const [name, path] of want('singles') ? singles : []) {
      const r = await measure(name, () => load(name, url(path), auth));
      r.ratio = r.reqPerSec / oneKb.reqPerSec;
      rows.push(r);
      goals.push({ goal: `${name} ≥ ${GOALS.singleRatio} × plain 1 KB, p99 < ${GOALS.singleP99} ms`, actual: `${r.ratio.toFixed(2)} ×, p99 ${r.p99Ms} ms`, met: r.ratio >= GOALS.singleRatio && r.p99Ms < GOALS.singleP99 });
    }
    for (const [name, path, same] of want('lists') ? lists : []) {
      const baselineRow = await load(`plain node:http, same bytes as ${name}`, `${plain}${same}`, auth);
      const r = await measure(name, () => load(name, url(path), auth));
      r.ratio = r.reqPerSec / baselineRow.reqPerSec;
      rows.push(baselineRow, r);
      goals.push({ goal: `${name} ≥ ${GOALS.listRatio} × plain same bytes, p99 < ${GOALS.listP99} ms`, actual: `${r.ratio.toFixed(2)} ×, p99 ${r.p99Ms} ms`, met: r.ratio >= GOALS.listRatio && r.p99Ms < GOALS.listP99 });
    }

    if (want('pages')) {
      goals.push(...(await pageCost(oz, rows, measure, USERS_PAGES)));
      goals.push(...(await pageCost(oz, rows, measure, MEETINGS_PAGES)));
    }
    if (want('writes')) {
      const written = await writes(oz, auth, userIds[1]!, oneKb, rows, measure);
      goals.push(...written.goals);
      // Webhooks: the same update with one subscription, and deliveries per second from a backlog.
      if (want('webhooks')) goals.push(...(await webhookTargets({ base: oz.base, db: DB, accountId: ACCOUNT_ID, clientId: CLIENT_ID, without: written.patch, patch: written.again, paced: written.paced, call, backlog: flags.quick ? 5000 : 20000 }, rows)));
    }
    if (want('two') && POSTGRES && !flags.quick) goals.push(await twoInstances(oz, auth, userIds[0]!, rows));
    if (want('memory')) goals.push(...(await memory(oz, auth, userIds[0]!)));
    if (want('download')) goals.push(await recordings.download());
    // Last: the generated month moves the clock (reset afterwards).
    if (want('scenarios')) goals.push(...(await scenarioTargets(oz.base, { users: Number(flags['scenario-users']), days: Number(flags['scenario-days']) })));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    if (want('cold')) goals.push({ goal: `cold start < ${GOALS.coldMs} ms (installed package, spawn → first answer, ${coldStarts.length} runs)`, actual: `median ${median(coldStarts).toFixed(0)} ms of ${runs(coldStarts)}`, met: median(coldStarts) < GOALS.coldMs });
    if (want('cold')) goals.push({ goal: `cold start < ${GOALS.coldMs} ms (a clone's sources, types stripped at load)`, actual: `median ${median(coldFromSource).toFixed(0)} ms of ${runs(coldFromSource)}`, met: median(coldFromSource) < GOALS.coldMs });

    const env = { node: process.version, cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown' };
    console.log(`\ndatabase ${POSTGRES ? 'PostgreSQL' : 'SQLite (file, WAL)'}, rate limits ${flags['rate-limits'] ? `on (${flags.redis ? 'Redis' : POSTGRES ? 'PostgreSQL' : 'memory'} counters)` : 'off'}`);
    console.log(`node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}); the load generator shares them with the servers`);
    console.log(`${LOAD.connections} connections, ${SECONDS} s per target after a ${WARMUP_SECONDS} s warm-up\n`);
    printTable(rows);
    printGoals(goals);

    const variant = [POSTGRES ? 'postgres' : '', flags['rate-limits'] ? 'ratelimits' : '', flags.redis ? 'redis' : '', flags.quick ? 'quick' : '', ONLY ? `only-${[...ONLY].sort().join('-')}` : ''].filter(Boolean).join('-');
    const file = variant ? `results-${variant}.json` : 'results.json';
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const results = { date: new Date().toISOString(), variant: variant || 'default', env, settings: { ...LOAD, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS }, targets: rows.map((r) => ({ ...r, reqPerSec: Math.round(r.reqPerSec), ...(r.ratio !== undefined ? { ratio: round(r.ratio) } : {}) })), goals };
    writeFileSync(join(ROOT, 'bench', file), JSON.stringify(results, null, 2) + '\n');
    console.log(`\nwrote bench/${file}`);
    const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (bad.length > 0) {
      console.error(`FAIL: non-2xx or errored responses from ${bad.map((r) => r.target).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await Promise.all([stop(oz.child), stop(baseline)]);
    rmSync(bodiesFile, { force: true });
    await dropDatabase();
  }
}

type Measure = (name: string, fn: () => Promise<Row>) => Promise<Row>;

/** A list whose page cost is measured over a small and a big stored set. */
interface PagedList {
  what: string;
  sizes: readonly [number, number];
  /** Stores `size` items in a new account (through `auth`); answers the list's first-page path. */
  fill(db: Awaited<ReturnType<typeof openDb>>, base: string, accountId: string, auth: Record<string, string>, size: number): Promise<string>;
}

const USERS_PAGES: PagedList = {
  what: 'users',
  sizes: flags.quick ? [1_000, 100_000] : [1_000, MILLION],
  async fill(db, base, accountId, auth, size) {
    const template = await call('POST', `${base}/v2/users`, auth, { action: 'custCreate', user_info: { email: 'template@example.com', type: 1, first_name: 'Bulk', last_name: 'User' } });
    await bulkUsers(db, accountId, template.id, size - 2);
    return '/v2/users?page_size=30';
  },
};

/** List meetings over 100 and 100,000 meetings of one host. */
const MEETINGS_PAGES: PagedList = {
  what: 'meetings',
  sizes: [100, 100_000],
  async fill(db, base, accountId, auth, size) {
    const host = await call('POST', `${base}/v2/users`, auth, { action: 'custCreate', user_info: { email: 'host@example.com', type: 2 } });
    const template = await call('POST', `${base}/v2/users/${host.id}/meetings`, auth, { topic: 'Bulk meeting', start_time: '2031-01-01T15:00:00Z', agenda: 'Agenda' });
    // Meeting numbers are unique across accounts: each size numbers its copies from its own start.
    await bulkMeetings(db, accountId, String(template.id), size - 1, size * 10);
    return `/v2/users/${host.id}/meetings?page_size=30`;
  },
};

/** The first and a deep page of a list over a small and a big stored set: a page must cost the same. */
async function pageCost(oz: Server, rows: Row[], measure: Measure, list: PagedList): Promise<Goal[]> {
  const sizes = list.sizes;
  const db = await openDb(DB);
  const pages: Record<number, { first: string; deep: string; deepNumber: number; auth: Record<string, string> }> = {};
  try {
    for (const size of sizes) {
      const made = await call('POST', `${oz.base}/_openzoom/accounts`, {}, { plan: 'business', account_name: `Bench ${list.what} ${size}` });
      const auth = await tokenFor(oz.base, made.account_id, made.client_id, made.client_secret);
      const first = await list.fill(db, oz.base, made.account_id, auth, size);
      // The 1,000th page (or the last one, for a list shorter than that), reached by walking its tokens.
      const deepNumber = Math.min(1000, Math.ceil(size / 30));
      let token = '';
      for (let n = 1; n < deepNumber; n++) token = (await call('GET', `${oz.base}${first}${token ? `&next_page_token=${token}` : ''}`, auth)).next_page_token;
      pages[size] = { first, deep: `${first}&next_page_token=${token}`, deepNumber, auth };
    }
  } finally {
    await db.close();
  }
  const [small, big] = sizes;
  const label = (n: number) => n.toLocaleString('en-US');
  const goals: Goal[] = [];
  for (const which of ['first', 'deep'] as const) {
    const out: Row[] = [];
    for (const size of sizes) {
      const p = pages[size]!;
      const name = `List ${list.what} page ${which === 'first' ? 1 : p.deepNumber} of ${label(size)} ${list.what}`;
      out.push(await measure(name, () => load(name, `${oz.base}${p[which]}`, p.auth)));
    }
    rows.push(...out);
    const cost = out[0]!.reqPerSec / out[1]!.reqPerSec;
    goals.push({ goal: `${which === 'first' ? 'first' : 'deep'} page over ${label(big)} ${list.what} within ${GOALS.pageCost} × of over ${label(small)}`, actual: `${cost.toFixed(2)} × (${out.map((r) => r.reqPerSec.toFixed(0)).join(' vs ')} req/s)`, met: cost <= GOALS.pageCost });
  }
  return goals;
}

/** Create and update users, acknowledged only once committed. Answers the update's row, and how to measure it again. */
/**
 * A target's latency below saturation: requests sent at a fixed rate
 * (PACED_RATE a second, spread over a few clients, each sent on time whatever
 * the answers before it), timed one by one (autocannon's histogram keeps whole
 * milliseconds, too coarse for a write of about one).
 */
async function paced(target: string, url: string, headers: Record<string, string>, requests: Request[], seconds = SECONDS, warmupSeconds = WARMUP_SECONDS): Promise<Row> {
  const request = requests[0]!;
  const times: number[] = [];
  let non2xx = 0;
  const t0 = performance.now();
  const warm = t0 + warmupSeconds * 1000;
  const deadline = warm + seconds * 1000;
  const interval = (1000 * PACED_CLIENTS) / PACED_RATE;
  await Promise.all(
    Array.from({ length: PACED_CLIENTS }, async (_, c) => {
      for (let k = 0; ; k++) {
        const due = t0 + (c / PACED_CLIENTS + k) * interval;
        if (due >= deadline) break;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const { body } = request.setupRequest ? request.setupRequest({}) : { body: undefined };
        const sent = performance.now();
        const res = await fetch(url, { method: request.method, headers: request.headers, body });
        await res.arrayBuffer();
        if (!res.ok) non2xx++;
        if (sent >= warm) times.push(performance.now() - sent);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 100) / 100;
  return { target, url, reqPerSec: times.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), non2xx, errors: 0, bytes: 0 };
}

async function writes(oz: Server, auth: Record<string, string>, userId: string, oneKb: Row, rows: Row[], measure: Measure): Promise<{ goals: Goal[]; patch: Row; again: (name: string) => Promise<Row>; paced: (name: string, seconds?: number) => Promise<Row> }> {
  let n = 0;
  const run = Date.now().toString(36);
  const create: Request = {
    method: 'POST',
    path: '/v2/users',
    headers: { ...auth, 'content-type': 'application/json' },
    setupRequest: (r: any) => ({ ...r, body: JSON.stringify({ action: 'custCreate', user_info: { email: `w${run}-${n++}@example.com`, type: 1 } }) }),
  };
  const update: Request = { method: 'PATCH', path: `/v2/users/${userId}`, headers: { ...auth, 'content-type': 'application/json' }, setupRequest: (r: any) => ({ ...r, body: JSON.stringify({ dept: `Dept ${n++}` }) }) };
  const goals: Goal[] = [];
  const measured: Row[] = [];
  for (const [name, request] of [['POST /v2/users', create], ['PATCH /v2/users/{userId}', update]] as const) {
    const r = await measure(name, () => load(name, `${oz.base}${request.path}`, auth, [request]));
    r.ratio = r.reqPerSec / oneKb.reqPerSec;
    rows.push(r);
    measured.push(r);
    goals.push({ goal: `${name} ≥ ${GOALS.writeRatio} × plain 1 KB${POSTGRES ? '' : ' (durable: WAL, acknowledged = committed)'}`, actual: `${r.ratio.toFixed(2)} ×`, met: POSTGRES ? null : r.ratio >= GOALS.writeRatio });
  }
  return {
    goals,
    patch: measured[1]!,
    again: (name) => measure(name, () => load(name, `${oz.base}${update.path}`, auth, [update])),
    paced: (name, seconds) => paced(name, `${oz.base}${update.path}`, auth, [update], seconds, seconds === undefined ? WARMUP_SECONDS : 0.5),
  };
}

/** Two instances on one PostgreSQL against one: the sum of both under load, each loaded by its own generator. */
async function twoInstances(oz: Server, auth: Record<string, string>, userId: string, rows: Row[]): Promise<Goal> {
  const path = `/v2/users/${userId}`;
  const one = await load('one instance: GET /v2/users/{userId}', `${oz.base}${path}`, auth);
  const second = await startOpenZoom(serverOptions);
  try {
    const both = await Promise.all([load('instance A of two', `${oz.base}${path}`, auth), load('instance B of two', `${second.base}${path}`, auth)]);
    rows.push(one, ...both);
    const ratio = (both[0].reqPerSec + both[1].reqPerSec) / one.reqPerSec;
    const fits = availableParallelism() >= 6;
    return {
      goal: `two instances ≥ ${GOALS.twoInstances} × one`,
      actual: `${ratio.toFixed(2)} ×${fits ? '' : ` (only ${availableParallelism()} CPUs for two servers, PostgreSQL and the load generator: the machine, not the design, bounds this)`}`,
      met: fits ? ratio >= GOALS.twoInstances : null,
    };
  } finally {
    await stop(second.child);
  }
}

/** Resident memory after the run, and across three more rounds of reads: no growth. */
async function memory(oz: Server, auth: Record<string, string>, userId: string): Promise<Goal[]> {
  const after = rssMb(oz.child);
  const goals: Goal[] = [{ goal: `server RSS after the benchmark < ${GOALS.rssMb} MB`, actual: `${after.toFixed(0)} MB`, met: after < GOALS.rssMb }];
  if (flags.quick) return goals;
  const rounds: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const path of [`/v2/users/${userId}`, '/v2/users?page_size=30']) await autocannon({ url: `${oz.base}${path}`, headers: auth, ...LOAD, duration: 3 });
    rounds.push(rssMb(oz.child));
  }
  const growth = rounds[2]! - rounds[0]!;
  goals.push({ goal: 'no RSS growth across three repeated rounds (< 10 MB)', actual: `${rounds.map((x) => x.toFixed(0)).join(' → ')} MB`, met: growth < 10 });
  return goals;
}

async function dropDatabase(): Promise<void> {
  if (!POSTGRES) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB}${suffix}`, { force: true });
    return;
  }
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await c.end();
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
  killAll();
  await dropDatabase().catch(() => undefined);
});
