// The Docker image, as far as it can be tried without Docker (base images
// cannot be pulled here): the Dockerfile's final stage is read, and its
// ENTRYPOINT + CMD run with its ENV (the /data volume becomes a temporary
// directory, the port a free one) and its HEALTHCHECK command is run against
// it. The clone's layout stands in for the image's (sources instead of dist/;
// the packaged dist/ is tried by scripts/package-check.ts).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort, ROOT, serve } from './helpers/cli.ts';

interface FinalStage {
  from: string;
  env: Record<string, string>;
  user: string | undefined;
  volumes: string[];
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[];
}

/** The last stage of the Dockerfile: its base, ENV, USER, VOLUME, ENTRYPOINT, CMD and HEALTHCHECK. */
function finalStage(text: string): FinalStage {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const last = instructions.map((l) => l.startsWith('FROM ')).lastIndexOf(true);
  const stage: FinalStage = { from: instructions[last]!.slice(5).trim(), env: {}, user: undefined, volumes: [], entrypoint: [], cmd: [], healthcheck: [] };
  for (const line of instructions.slice(last + 1)) {
    const [word, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (word === 'ENV') for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
    if (word === 'USER') stage.user = args;
    if (word === 'VOLUME') stage.volumes = JSON.parse(args) as string[];
    if (word === 'ENTRYPOINT') stage.entrypoint = JSON.parse(args) as string[];
    if (word === 'CMD') stage.cmd = JSON.parse(args) as string[];
    if (word === 'HEALTHCHECK') stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD ') + 4)) as string[];
  }
  return stage;
}

const run = (command: string[], env: Record<string, string>) =>
  new Promise<number>((resolve) => {
    const [bin, ...args] = command;
    execFile(bin === 'node' ? process.execPath : bin!, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 10_000 }, (err) =>
      resolve(err ? Number((err as { code?: number }).code ?? 1) : 0),
    );
  });

test('the image: Node 24 slim, a non-root user, /data for SQLite, bound to every interface, with a health check', () => {
  const stage = finalStage(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  assert.match(stage.from, /^node:24-.*slim$/);
  assert.ok(stage.user && stage.user !== 'root' && stage.user !== '0');
  assert.deepEqual(stage.volumes, ['/data']);
  assert.equal(stage.env.OPENZOOM_HOST, '0.0.0.0');
  assert.match(stage.env.OPENZOOM_DB!, /^\/data\//);
  assert.deepEqual([...stage.entrypoint, ...stage.cmd].slice(0, 3), ['node', 'bin/openzoom.js', 'start']);
  assert.equal(stage.healthcheck[0], 'node');
});

test("the image's command and environment: the server starts, says its control plane is closed, and passes the health check", async () => {
  const stage = finalStage(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const dir = await mkdtemp(join(tmpdir(), 'openzoom-docker-'));
  const env = {
    ...stage.env,
    OPENZOOM_DB: stage.env.OPENZOOM_DB!.replace(/^\/data/, dir),
    OPENZOOM_PORT: String(await freePort()),
    OPENZOOM_ADMIN_KEY: '',
  };
  try {
    assert.deepEqual(stage.entrypoint.slice(1, 2), ['bin/openzoom.js']);
    const s = await serve(stage.cmd.slice(1), env);
    assert.match(s.output(), /control plane CLOSED: bound to 0\.0\.0\.0 without OPENZOOM_ADMIN_KEY, only \/_openzoom\/health answers/);
    assert.equal(await run(stage.healthcheck, env), 0, 'the HEALTHCHECK command passes');
    const base = `http://127.0.0.1:${env.OPENZOOM_PORT}`;
    assert.equal((await fetch(`${base}/_openzoom/version`)).status, 403);
    // The API answers with the banner's credentials, and the request lines are JSON.
    const [, accountId, clientId, clientSecret] = /account id +(\S+)\n +client id +(\S+)\n +client secret (\S+)/.exec(s.output())!;
    const token = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${accountId}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    });
    assert.equal(token.status, 200);
    await s.until(/\{"level":30,[^\n]*"path":"\/oauth\/token\?[^\n]*"status":200/);
    assert.ok(existsSync(env.OPENZOOM_DB), 'the database is on the volume');
    // `docker stop` sends SIGTERM: a clean exit.
    assert.equal(await s.stop(), 0);
    assert.notEqual(await run(stage.healthcheck, env), 0, 'the health check fails once the server is gone');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
