// The summary columns reports and dashboards add up instead of reading every
// instance's document (joins and seconds attended, each join's client version
// and its instance's start, QoS grades per participant and per instance): a
// generated fortnight answers the same after its columns are taken away and
// the migrations fill them again from the stored documents and totals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDb } from '../src/storage/db.ts';
import { migrate, schemaModules } from '../src/storage/migrations.ts';
import { sharedDatabase, startServer, TEST_DB, type TestServer } from './helpers/server.ts';

let shared: Awaited<ReturnType<typeof sharedDatabase>>;
let run: { account_id: string; client_id: string; client_secret: string; users: Record<string, string>; groups: Record<string, string> };
let paths: string[];

before(async () => {
  shared = await sharedDatabase();
});
after(() => shared.drop());

/** Every path's answer through a server on the shared database (started, read, closed). */
async function answers(): Promise<Record<string, unknown>> {
  const s: TestServer = await startServer({}, shared.target);
  try {
    const api = await s.client.withCredentials(run.account_id, run.client_id, run.client_secret);
    const out: Record<string, unknown> = {};
    for (const path of paths) {
      const r = await api.get(path);
      assert.equal(r.status, 200, `${path} ${r.raw}`);
      out[path] = r.body;
    }
    return out;
  } finally {
    await s.close();
  }
}

const version = (name: string) => schemaModules.find((m) => m.name === name)!.migrations.length;

test('reports and dashboards answer the same from summary columns filled by the migrations', async () => {
  const s = await startServer({}, shared.target);
  try {
    const r = await s.client.post('/_openzoom/scenarios', { generate: { users: 12, days: 14, seed: 3 } });
    assert.equal(r.status, 201, r.raw);
    run = r.body;
    const today = String((await s.client.get('/_openzoom/clock')).body.now).slice(0, 10);
    const from = new Date(Date.parse(today) - 13 * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${from}&to=${today}`;
    const group = Object.values(run.groups)[0];
    paths = [
      `/v2/report/daily?year=${today.slice(0, 4)}&month=${Number(today.slice(5, 7))}`,
      `/v2/report/daily?year=${from.slice(0, 4)}&month=${Number(from.slice(5, 7))}&group_id=${group}`,
      `/v2/report/users?${range}&page_size=300`,
      `/v2/report/users?${range}&page_size=300&type=inactive`,
      `/v2/report/users/${run.users.u1}/meetings?${range}&page_size=300`,
      `/v2/report/users/${run.users.u1}/meetings?${range}&page_size=300&type=pastOne`,
      `/v2/metrics/meetings?type=past&${range}&page_size=300`,
      `/v2/metrics/meetings?type=pastOne&${range}&page_size=300`,
      `/v2/metrics/meetings?type=past&${range}&page_size=300&group_id=${group}`,
      `/v2/metrics/client/satisfaction?${range}`,
      `/v2/metrics/quality?${range}`,
      `/v2/metrics/quality?${range}&type=participants`,
      '/v2/metrics/client_versions',
    ];
  } finally {
    await s.close();
  }
  const kept = await answers();
  // What the figures are made of is there: meetings, joins, graded QoS, several versions.
  const daily = kept[paths[0]!] as { dates: Array<{ meetings: number; participants: number; meeting_minutes: number }> };
  assert.ok(daily.dates.some((d) => d.meetings > 0 && d.participants > d.meetings && d.meeting_minutes > 0), JSON.stringify(daily));
  const quality = (kept[paths[10]!] as { quality: Record<string, Record<string, number>> }).quality;
  assert.ok(Object.values(quality.audio!).reduce((a, b) => a + b) > 0, JSON.stringify(quality));
  assert.ok((kept['/v2/metrics/client_versions'] as { client_versions: unknown[] }).client_versions.length >= 2);

  // A database from before the columns: they are taken away and their migrations marked not applied.
  const db = await openDb(shared.target);
  try {
    await db.run('DROP INDEX live_participants_versions');
    await db.run('DROP INDEX live_instances_time_totals');
    await db.run('CREATE INDEX live_instances_time ON live_instances (account_id, kind, start_time, uuid)');
    await db.run('DROP INDEX live_instances_host_totals');
    await db.run('CREATE INDEX live_instances_host_time ON live_instances (account_id, kind, host_id, start_time, uuid)');
    const columns = {
      live_instances: ['participants', 'attended_seconds', 'audio_quality', 'video_quality', 'screen_share_quality'],
      live_participants: ['version', 'instance_start'],
      live_qos_totals: ['audio_quality', 'video_quality', 'screen_share_quality'],
    };
    for (const [table, names] of Object.entries(columns)) for (const c of names) await db.run(`ALTER TABLE ${table} DROP COLUMN ${c}`);
    const back = { live: version('live') - 2, live_quality: version('live_quality') - 1, reports: version('reports') - 1 };
    for (const [name, v] of Object.entries(back)) await db.run('UPDATE meta SET value = ? WHERE key = ?', [String(v), `schema_version:${name}`]);
    await migrate(db);
    const graded = await db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM live_instances WHERE audio_quality <> ''");
    assert.ok(Number(graded?.n) > 0);
  } finally {
    await db.close();
  }
  assert.deepEqual(await answers(), kept, `on ${TEST_DB}`);
});
