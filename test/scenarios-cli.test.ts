// `openzoom simulate` against a running server: a YAML example plays (its
// figures show in the daily report), --generate --out writes a valid file,
// usage errors exit 2.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { scenarioErrors } from '../src/scenarios/format.ts';
import { cli, ROOT, serve, type Served } from './helpers/cli.ts';

let s: Served;
const run = (...args: string[]) => cli([...args, '--url', s.url]);

before(async () => {
  s = await serve();
});
after(() => s.stop());

test('simulate FILE (YAML) plays it; the account it made reports the days it held', async () => {
  const r = await run('simulate', join(ROOT, 'examples/small-team.yaml'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.events, 22);
  const basic = Buffer.from(`${summary.client_id}:${summary.client_secret}`).toString('base64');
  const token = await (await fetch(`${s.url}/oauth/token?grant_type=account_credentials&account_id=${summary.account_id}`, { method: 'POST', headers: { authorization: `Basic ${basic}` } })).json();
  const daily = await (await fetch(`${s.url}/v2/report/daily?year=2026&month=11`, { headers: { authorization: `Bearer ${token.access_token}` } })).json();
  assert.equal(daily.dates.find((d: { date: string }) => d.date === '2026-11-02').meeting_minutes, 110);
});

test('simulate --generate --out writes a valid scenario, the same for the same seed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oz-sim-'));
  for (const name of ['a.json', 'b.json']) {
    const r = await run('simulate', '--generate', '--users', '8', '--days', '3', '--seed', '7', '--start', '2026-11-09', '--out', join(dir, name));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Wrote .*8 users/);
  }
  const a = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
  assert.deepEqual(scenarioErrors(a), []);
  assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), readFileSync(join(dir, 'b.json'), 'utf8'));
});

test('usage errors exit 2: no file, a bad file, a bad number', async () => {
  assert.equal((await run('simulate')).code, 2);
  const dir = mkdtempSync(join(tmpdir(), 'oz-sim-'));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ events: [{ action: 'dance' }] }));
  const bad = await run('simulate', join(dir, 'bad.json'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /events\.0/);
  assert.equal((await run('simulate', '--generate', '--users', 'many')).code, 2);
});
