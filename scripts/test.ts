// `npm test`: the whole suite on SQLite, then the same suite on PostgreSQL
// (127.0.0.1:5432, or OPENZOOM_TEST_PG_URL). Without a reachable PostgreSQL it
// says so and runs the SQLite half only — except in CI, where that fails.
// Extra arguments are test files to run instead of all of them.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureConsoleBuilt } from '../test/helpers/console.ts';

const PG_URL = process.env.OPENZOOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

async function postgresReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

function run(db: 'sqlite' | 'postgres', files: string[]): Promise<{ pass: number; fail: number; code: number }> {
  console.log(`\n=== test suite on ${db} ===`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...files], {
      env: { ...process.env, OPENZOOM_TEST_DB: db, OPENZOOM_TEST_PG_URL: PG_URL },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let pass = 0;
    let fail = 0;
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^(?:ℹ|#) (pass|fail) (\d+)\s*$/.exec(line);
        if (m) m[1] === 'pass' ? (pass = Number(m[2])) : (fail = Number(m[2]));
      }
    });
    child.on('close', (code) => resolve({ pass, fail, code: code ?? 1 }));
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : testFiles('test').sort();
// The console's end-to-end test opens the built console: built once here, before the files run in parallel.
ensureConsoleBuilt();
const results: { db: string; pass: number; fail: number; code: number }[] = [];
results.push({ db: 'sqlite', ...(await run('sqlite', files)) });

const pgProblem = await postgresReachable();
if (pgProblem === null) {
  results.push({ db: 'postgres', ...(await run('postgres', files)) });
} else {
  console.log(`\nPostgreSQL is not reachable at ${PG_URL} (${pgProblem}): ran the SQLite half only.`);
  if (process.env.CI) {
    console.log('CI requires both databases.');
    results.push({ db: 'postgres', pass: 0, fail: 1, code: 1 });
  }
}

const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
console.log(`\n${results.map((r) => `${r.db}: ${r.pass} passed, ${r.fail} failed`).join('; ')}`);
console.log(`total: ${pass} passed, ${fail} failed`);
process.exit(results.every((r) => r.code === 0) && fail === 0 ? 0 : 1);
