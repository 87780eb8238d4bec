// `npm run check:package`: the package as a user gets it. Packs it (which
// builds dist/), installs the tarball into an empty project with the
// machine's own Node and npm (outside npm's PATH, so Node 20 where that is
// what the machine has), then runs `npx openzoom` there: help, a server on a
// free port, status, a token and an API call, the request history, and a
// clean stop. Needs the npm registry (or its cache) for the dependencies.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The machine's PATH, without the node_modules/.bin npm puts first (where the pinned Node 24 is).
const PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((d) => !d.includes('node_modules'))
  .join(delimiter);
const env: NodeJS.ProcessEnv = { ...process.env, PATH, NO_COLOR: '1' };
for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`package check failed: ${what}`);
  console.log(`ok  ${what}`);
}

const dir = await mkdtemp(join(tmpdir(), 'openzoom-package-'));
let server: ReturnType<typeof spawn> | undefined;
try {
  const systemNode = sh('node', ['-p', 'process.version'], dir).trim();
  console.log(`system node ${systemNode}, npm ${sh('npm', ['--version'], dir).trim()}`);

  sh('npm', ['pack', '--pack-destination', dir], ROOT);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  check(tarball, `npm pack: ${tarball}`);
  const files = sh('tar', ['-tzf', join(dir, tarball)], dir).split('\n');
  check(files.includes('package/dist/cli.js') && files.includes('package/contract/operations.json'), 'the tarball holds dist/ and the contract');
  check(!files.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/')), 'and no sources or tests');
  check(files.includes('package/dist/console/index.html') && files.some((f) => /^package\/dist\/console\/assets\/.+\.js$/.test(f)) && !files.some((f) => f.startsWith('package/console/')), 'and the built web console (not its sources)');

  const app = join(dir, 'app');
  sh('mkdir', ['-p', app], dir);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'tryout', version: '1.0.0', private: true }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)], app);
  check(existsSync(join(app, 'node_modules/.bin/openzoom')), 'npm install of the tarball links the openzoom command');
  check(existsSync(join(app, 'node_modules/node/bin/node')), 'and installs the Node 24 runtime it brings');

  check(/openzoom token: print an access token/.test(sh('npx', ['openzoom', 'help', 'token'], app)), 'npx openzoom help token');
  check(/^\d+\.\d+\.\d+\n$/.test(sh('node', ['node_modules/.bin/openzoom', '--version'], app)), `openzoom --version on the system Node (${systemNode})`);

  // A server from the installed package on the system Node: the command starts
  // itself again on the Node 24 it brings, and passes SIGTERM on. (npx would
  // not: it runs the command through a shell that does not forward signals.)
  server = spawn('node', ['node_modules/.bin/openzoom', 'start', '--port', '0', '--db', ':memory:', '--log', 'json'], {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 30 s:\n${out}`)), 30_000);
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server!.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)));
  });
  check(url, `openzoom start on the system Node: ${url}`);
  const status = JSON.parse(sh('npx', ['openzoom', 'status', '--json', '--url', url], app)) as { health: { status: string }; version: { implemented: number } };
  check(status.health.status === 'ok' && status.version.implemented > 0, 'npx openzoom status');
  const token = sh('npx', ['openzoom', 'token', '--url', url], app).trim();
  const users = await fetch(`${url}/v2/users`, { headers: { authorization: `Bearer ${token}` } });
  check(users.status === 200, 'npx openzoom token, then GET /v2/users with it');
  const consolePage = await fetch(`${url}/_openzoom/console`);
  const script = /src="(\/_openzoom\/console\/assets\/[^"]+\.js)"/.exec(await consolePage.text())?.[1];
  check(consolePage.status === 200 && script && (await fetch(`${url}${script}`)).status === 200, 'the web console at /_openzoom/console, with its script');
  check(/GET {4}\/v2\/users {2}200/.test(sh('npx', ['openzoom', 'requests', '--url', url], app)), 'npx openzoom requests');
  // Request lines are written in batches (at most 50 ms late): wait for the line, up to 5 s.
  const line = /"path":"\/v2\/users","status":200/;
  const logged = line.test(out) || (await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    server!.stdout!.on('data', () => {
      if (line.test(out)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  }));
  check(logged, 'the request line on the server output');
  const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
  server.kill('SIGTERM');
  check((await exited) === 0, 'SIGTERM stops it cleanly');
  server = undefined;
} finally {
  // The launcher and the server it started, if a check failed.
  if (server?.pid) process.kill(-server.pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
}
