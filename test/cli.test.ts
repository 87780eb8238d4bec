// The `openzoom` command as a user runs it (bin/openzoom.js, in a process of
// its own): help and usage errors, `start` and its request lines, and every
// command against the running server, readable and --json.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { SERVER_OPTIONS } from '../src/config.ts';
import { BIN, cli, freePort, ROOT, serve, type Served } from './helpers/cli.ts';
import { oldNode } from './helpers/old-node.ts';

const KEY = 'cli-test-admin-key';

const PINS = { OPENZOOM_ACCOUNT_ID: 'cliAccount000000000000', OPENZOOM_CLIENT_ID: 'cliClient0000000000000', OPENZOOM_CLIENT_SECRET: 'cli-secret-0123456789' };

describe('help and usage errors', () => {
  test('openzoom --help, openzoom help and openzoom <command> --help list commands and flags', async () => {
    const all = [['--help'], ['help'], ['-h'], []];
    const results = await Promise.all(all.map((args) => cli(args)));
    for (const [i, args] of all.entries()) {
      const r = results[i]!;
      assert.equal(r.code, 0, args.join(' '));
      for (const command of ['start', 'status', 'reset', 'clock', 'accounts create', 'apps create', 'token', 'requests']) assert.match(r.stdout, new RegExp(`\\n  ${command} `));
      assert.match(r.stdout, /--url URL/);
    }
    const clock = await cli(['clock', '--help']);
    assert.equal(clock.code, 0);
    assert.match(clock.stdout, /Usage: openzoom clock \[set TIME \| advance DURATION/);
    assert.equal((await cli(['help', 'clock'])).stdout, clock.stdout);
    const create = await cli(['help', 'accounts', 'create']);
    assert.match(create.stdout, /--plan free\|pro\|business\|enterprise/);
    assert.match((await cli(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('openzoom start --help names every server flag and its environment variable', async () => {
    const r = await cli(['start', '--help']);
    assert.equal(r.code, 0);
    for (const flag of Object.keys(SERVER_OPTIONS)) assert.match(r.stdout, new RegExp(`--${flag} `), flag);
    assert.match(r.stdout, /OPENZOOM_LOG/);
    assert.match(r.stdout, /OPENZOOM_ADMIN_KEY/);
  });

  test('unknown flags, commands and bad values answer a clear message and exit code 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['status', '--bogus'], /openzoom status: Unknown option '--bogus'\.\nSee openzoom status --help\./],
      [['--bogus'], /Unknown option: --bogus/],
      [['frobnicate'], /Unknown command: frobnicate/],
      [['accounts', 'delete'], /Use list, get, create/],
      [['clock', 'advance', 'soon'], /Not a duration: soon/],
      [['clock', 'rewind'], /Unknown clock action: rewind/],
      [['accounts', 'get'], /missing ACCOUNT_ID/],
      [['apps', 'create'], /needs --scopes/],
      [['start', '--bogus'], /openzoom start: Unknown option '--bogus'/],
      [['start', '--port', 'abc'], /Invalid port: abc/],
      [['start', '--log', 'loud'], /--log must be pretty, json or off/],
      [['start', '--db', 'mysql://root@localhost/zoom'], /--db mysql: is not supported\. Give a SQLite file path .*:memory:, or a postgres:\/\//],
      [['status', '--url', 'ftp://x'], /--url must be an http\(s\) URL/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args)));
    cases.forEach(([args, message], i) => {
      assert.equal(results[i]!.code, 2, `${args.join(' ')}: ${results[i]!.stderr}`);
      assert.match(results[i]!.stderr, message, args.join(' '));
    });
  });

  test('no server at --url: exit 1 saying so', async () => {
    const port = await freePort();
    const r = await cli(['status', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`No OpenZoom server answers at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\\. Start one with \`openzoom start\``));
  });
});

describe('against a running server', () => {
  let s: Served;
  const run = (...args: string[]) => cli([...args, '--url', s.url], { env: { OPENZOOM_ADMIN_KEY: KEY } });
  const ok = async (...args: string[]) => {
    const r = await run(...args);
    assert.equal(r.code, 0, `openzoom ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));
  const api = (token: string, path: string) => fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    s = await serve(['--log', 'json'], { ...PINS, OPENZOOM_ADMIN_KEY: KEY });
  });
  after(() => s.stop());

  test('start prints the banner with the demo credentials', () => {
    assert.match(s.output(), /operations {4}\d+ of 436 implemented/);
    assert.match(s.output(), new RegExp(`client secret ${PINS.OPENZOOM_CLIENT_SECRET}`));
  });

  test('status: health, version, database, coverage and clock', async () => {
    const text = await ok('status');
    assert.match(text, /^OpenZoom \d+\.\d+\.\d+ at http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(text, /health {4}ok/);
    assert.match(text, /database {2}(sqlite|postgres)/);
    assert.match(text, /coverage {2}\d+ of 436 operations implemented/);
    assert.match(text, /clock {5}\d{4}-\d\d-\d\dT/);
    const data = await json('status');
    assert.equal(data.health.status, 'ok');
    assert.equal(data.version.operations, 436);
    assert.equal(typeof data.clock.frozen, 'boolean');
    // The admin key is needed: without it, a hint.
    const refused = await cli(['status', '--url', s.url]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /403 .*OPENZOOM_ADMIN_KEY[\s\S]*Set OPENZOOM_ADMIN_KEY \(or --admin-key\)/);
  });

  test('clock: show, set, advance, freeze, unfreeze, reset', async () => {
    assert.match(await ok('clock', 'set', '2030-01-02T03:04:05Z'), /^2030-01-02T03:04:0\dZ {2}running\n$/);
    // The clock runs between `set` and `freeze` (a second or more on a busy machine): advance from where it froze.
    const frozen = await json('clock', 'freeze');
    assert.equal(frozen.frozen, true);
    const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const from = Math.floor(frozen.now_ms / 1000) * 1000;
    assert.equal(await ok('clock', 'advance', '1h30m'), `${at(from + 5_400_000)}  frozen\n`);
    assert.equal((await json('clock', 'advance', '90')).now, at(from + 5_490_000));
    assert.equal((await json('clock')).frozen, true);
    assert.equal((await json('clock', 'unfreeze')).frozen, false);
    const reset = await json('clock', 'reset');
    assert.ok(Math.abs(reset.now_ms - Date.now()) < 10_000);
  });

  test('accounts create, list and get; apps create and list', async () => {
    const made = await json('accounts', 'create', '--plan', 'business', '--name', 'Acme', '--owner-email', 'boss@acme.example', '--seats', '12');
    assert.equal(made.plan, 'business');
    assert.match(await ok('accounts', 'create', '--plan', 'free'), /client secret {2}\S{20,}/);
    const list = await ok('accounts');
    assert.match(list, /ACCOUNT ID +PLAN +NAME +OWNER +APPS/);
    assert.match(list, new RegExp(`${made.account_id} +business +Acme +boss@acme\\.example +${made.client_id}`));
    assert.match(list, new RegExp(`${PINS.OPENZOOM_ACCOUNT_ID} \\(demo\\)`));
    const one = await json('accounts', 'get', made.account_id);
    assert.equal(one.seats, 12);
    assert.match(await ok('accounts', 'get', made.account_id), /seats +12/);
    assert.equal((await run('accounts', 'get', 'nope')).code, 1);

    const app = await json('apps', 'create', '--account', made.account_id, '--scopes', 'user:read:admin,group:read:admin', '--type', 'oauth', '--redirect-uri', 'https://app.example/cb');
    assert.deepEqual(app.scopes, ['user:read:admin', 'group:read:admin']);
    assert.deepEqual(app.redirect_uris, ['https://app.example/cb']);
    const onDemo = await json('apps', 'create', '--scopes', 'user:read:admin');
    assert.equal(onDemo.account_id, PINS.OPENZOOM_ACCOUNT_ID);
    assert.equal((await json('apps', 'list', '--account', made.account_id)).total_records, 2);
    assert.match(await ok('apps', 'list'), /CLIENT ID +ACCOUNT ID +TYPE +SCOPES/);
    // The server's refusal is shown with its fields.
    const bad = await run('apps', 'create', '--scopes', 'x', '--type', 'robot');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /400 \(code 300\): Validation Failed\.\n {2}app_type: Invalid field\./);
  });

  test('token prints a ready access token: the account, a user by email, chosen scopes', async () => {
    const token = (await ok('token')).trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal((await api(token, '/v2/users')).status, 200);
    const user = (await ok('token', '--user', 'owner@example.com')).trim();
    assert.equal(((await (await api(user, '/v2/users/me')).json()) as { email: string }).email, 'owner@example.com');
    const narrow = (await ok('token', '--scopes', 'user:read:admin')).trim();
    assert.equal(((await (await api(narrow, '/v2/groups')).json()) as { code: number }).code, 4711);
    assert.equal((await json('token')).token_type, 'bearer');
  });

  test('the request lines on the server output (JSON when not a terminal), and openzoom requests', async () => {
    const token = (await ok('token')).trim();
    await api(token, '/v2/users/nobody@example.com');
    const line = await s.until(/\{[^\n]*"path":"\/v2\/users\/nobody@example\.com"[^\n]*\}\n/);
    const logged = JSON.parse(line[0]);
    assert.deepEqual(
      { method: logged.method, status: logged.status, code: logged.code, operation: logged.operation, account_id: logged.account_id, msg: logged.msg },
      { method: 'GET', status: 404, code: 1001, operation: 'user', account_id: PINS.OPENZOOM_ACCOUNT_ID, msg: 'request' },
    );
    assert.equal(typeof logged.duration_ms, 'number');
    assert.ok(!s.output().includes(token), 'no token in the server output');

    const text = await ok('requests', '--status', '404', '--limit', '1', '--bodies');
    assert.match(text, /GET {4}\/v2\/users\/nobody@example\.com {2}404 1001 {2}[\d.]+ ms {2}user\n {4}← \{"code":1001/);
    const entries = (await ok('requests', '--operation', 'user', '--json')).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(entries.length >= 1 && entries.every((e: { operation: string }) => e.operation === 'user'));
    const theirs = await ok('requests', '--account', 'nobody-account');
    assert.equal(theirs, '');
  });

  test('requests --follow prints requests as they come', async () => {
    const token = (await ok('token')).trim();
    const follower = spawn(process.execPath, [BIN, 'requests', '--follow', '--limit', '1', '--operation', 'users', '--url', s.url], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', OPENZOOM_ADMIN_KEY: KEY },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let seen = '';
    const saw = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(seen) && resolve();
        follower.stdout.on('data', (d: Buffer) => {
          seen += d.toString();
          check();
        });
        check();
      });
    try {
      await api(token, '/v2/users?page_size=7');
      await saw(/\/v2\/users\?page_size=7 {2}200/);
      await api(token, '/v2/users?page_size=8');
      await saw(/\/v2\/users\?page_size=8 {2}200/);
    } finally {
      follower.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => follower.once('exit', (c) => resolve(c)));
    assert.equal(code, 0);
  });

  test('openapi prints the contract as OpenAPI', async () => {
    const doc = JSON.parse(await ok('openapi'));
    assert.equal(doc.openapi, '3.0.3');
    assert.equal(doc.paths['/users'].get['x-implemented'], true);
  });

  test('reset keeps the credentials the banner showed', async () => {
    await ok('accounts', 'create');
    const text = await ok('reset');
    assert.match(text, new RegExp(`client secret {2}${PINS.OPENZOOM_CLIENT_SECRET}`));
    assert.equal((await json('accounts', 'list')).total_records, 1);
    const token = (await ok('token')).trim();
    assert.equal((await api(token, '/v2/users')).status, 200);
  });
});

describe('where npm puts it', () => {
  test('npx openzoom in a clone runs the command', async () => {
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) =>
      execFile('npx', ['--no-install', 'openzoom', 'help', 'token'], { cwd: ROOT, timeout: 60_000 }, (err, stdout) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
      ),
    );
    assert.equal(r.code, 0);
    assert.match(r.stdout, /openzoom token: print an access token/);
  });

  test('on a Node too old to run OpenZoom, the command starts itself again on the Node 24 the package installs', async (t) => {
    const old = await oldNode();
    if (!old) return t.skip('no Node older than 22.16 on PATH');
    const r = await cli(['--version'], { node: old });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    const s = await serve(['--log', 'off'], {}, old);
    try {
      assert.match(s.output(), /OpenZoom listening on/);
      assert.equal((await cli(['status', '--json', '--url', s.url], { node: old })).code, 0);
    } finally {
      // SIGTERM to the launcher alone reaches the server, which stops cleanly.
      assert.equal(await s.stop(), 0);
    }
    // Without that runtime, it says what is missing.
    const missing = await cli(['--version'], { node: old, env: { OPENZOOM_RELAUNCHED: '1' } });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /openzoom needs Node\.js 22\.16 or newer \(22\.18 to run from a clone\); this is v\d+/);
  });
});
