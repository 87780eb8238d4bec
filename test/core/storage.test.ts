// Storage: transactions roll back, migrations are idempotent, and an
// acknowledged write survives the process being killed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { openDb } from '../../src/storage/db.ts';
import type { MigrationStep } from '../../src/storage/schema.ts';
import { DUPLICATE_INDEXES, duplicateError, migrate, schemaModules } from '../../src/storage/migrations.ts';
import { UniqueViolation } from '../../src/storage/errors.ts';
import { publishingTables } from '../../src/storage/coherence-schema.ts';
import { PG_URL, TEST_DB } from '../helpers/server.ts';

const schema = `s_${randomBytes(6).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'openzoom-'));
const target = TEST_DB === 'postgres' ? `${PG_URL}?schema=${schema}` : join(dir, 'test.db');

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (TEST_DB === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
});

test('migrations run once and are recorded per schema module; running them again changes nothing', async () => {
  const db = await openDb(target);
  try {
    await migrate(db);
    await migrate(db);
    for (const m of schemaModules) {
      const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [`schema_version:${m.name}`]);
      assert.equal(row?.value, String(m.migrations.length), m.name);
    }
  } finally {
    await db.close();
  }
});

test('every table with a trigger in the migrated database is one whose writes the caches watch', async () => {
  const db = await openDb(target);
  try {
    await migrate(db);
    const rows =
      db.dialect === 'postgres'
        ? await db.all<{ tbl: string; events: string }>("SELECT event_object_table AS tbl, string_agg(event_manipulation, ',') AS events FROM information_schema.triggers WHERE trigger_schema = current_schema() GROUP BY event_object_table")
        : await db.all<{ tbl: string; events: string }>("SELECT tbl_name AS tbl, group_concat(sql, ',') AS events FROM sqlite_master WHERE type = 'trigger' GROUP BY tbl_name");
    assert.ok(rows.length > 5);
    const watched = publishingTables();
    for (const r of rows) {
      assert.ok(watched.changes.has(r.tbl), `${r.tbl} has a trigger but its writes are not watched`);
      if (/AFTER INSERT|^INSERT|,INSERT/i.test(r.events)) assert.ok(watched.inserts.has(r.tbl), `${r.tbl} has an insert trigger but its inserts are not watched`);
    }
  } finally {
    await db.close();
  }
});

test('a transaction that throws writes nothing', async () => {
  const db = await openDb(target);
  try {
    await migrate(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO meta (key, value) VALUES ('rollback-probe', 'x')");
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await db.get("SELECT value FROM meta WHERE key = 'rollback-probe'"), undefined);
    await db.transaction((tx) => tx.run("INSERT INTO meta (key, value) VALUES ('commit-probe', 'y')"));
    assert.equal((await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'commit-probe'"))?.value, 'y');
  } finally {
    await db.close();
  }
});

function startProcess(env: Record<string, string>): Promise<{ url: string; kill: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/main.ts', '--port', '0', '--db', target], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, kill: () => child.kill('SIGKILL') });
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => code !== null && code !== 0 && reject(new Error(`exited ${code}: ${out}`)));
  });
}

test('an acknowledged write survives SIGKILL: the restarted server answers it', async () => {
  const env = { OPENZOOM_ACCOUNT_ID: 'crashAccount0000000000', OPENZOOM_CLIENT_ID: 'crashClient00000000000', OPENZOOM_CLIENT_SECRET: 'crash-secret' };
  const token = async (url: string) => {
    const r = await fetch(`${url}/oauth/token?grant_type=account_credentials&account_id=${env.OPENZOOM_ACCOUNT_ID}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${env.OPENZOOM_CLIENT_ID}:${env.OPENZOOM_CLIENT_SECRET}`).toString('base64')}` },
    });
    return ((await r.json()) as { access_token: string }).access_token;
  };
  const first = await startProcess(env);
  let id: string;
  try {
    const t = await token(first.url);
    const r = await fetch(`${first.url}/v2/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'custCreate', user_info: { email: 'durable@example.com', type: 1 } }),
    });
    assert.equal(r.status, 201);
    id = ((await r.json()) as { id: string }).id;
  } finally {
    first.kill();
  }
  const second = await startProcess(env);
  try {
    const t = await token(second.url);
    const r = await fetch(`${second.url}/v2/users/${id}`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal(r.status, 200);
    assert.equal(((await r.json()) as { email: string }).email, 'durable@example.com');
  } finally {
    second.kill();
  }
});

test('every unique index declares the Zoom error that answers a duplicate', () => {
  const sqlOf = (step: MigrationStep) => (typeof step === 'string' ? [step] : [...(step.sqlite ?? []), ...(step.postgres ?? [])]);
  const indexes = schemaModules.flatMap((m) => m.migrations.flatMap(sqlOf).flatMap((sql) => [...sql.matchAll(/CREATE UNIQUE INDEX (\w+)/g)].map((x) => x[1]!)));
  assert.ok(indexes.length >= 4);
  assert.deepEqual(indexes.filter((i) => !DUPLICATE_INDEXES.has(i)), []);
});

test('a unique index refusing a row is a UniqueViolation naming the index on both engines, answered with its Zoom error', async () => {
  const db = await openDb(target);
  try {
    await migrate(db);
    const insert = (id: string, name = 'Dup') =>
      db.transaction((tx) => tx.run('INSERT INTO groups (account_id, id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)', ['acc', id, name, name.toLowerCase(), 'now']));
    await insert('g1');
    const err = await insert('g2').then(
      () => assert.fail('the duplicate was stored'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof UniqueViolation, String(err));
    assert.equal(err.index, 'groups_name');
    assert.deepEqual([duplicateError(err).status, duplicateError(err).code], [409, 4132]);
    const pk = await insert('g1', 'Other').then(
      () => assert.fail('the duplicate key was stored'),
      (e: unknown) => e,
    );
    assert.ok(pk instanceof UniqueViolation && pk.index === 'groups_pkey', String(pk));
    assert.equal((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM groups WHERE account_id = 'acc'"))?.n, 1);
  } finally {
    await db.close();
  }
});
