// Scenarios: the example file plays through the server's own routes (the
// clock moves, nothing waits), its figures show in past meetings; bad files
// are refused naming the field; the generator is deterministic with a seed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { SCENARIO_SCHEMA, parseScenario, scenarioErrors } from '../src/scenarios/format.ts';
import { generateScenario } from '../src/scenarios/generate.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
const small = JSON.parse(readFileSync(new URL('../examples/small-team.json', import.meta.url), 'utf8'));

before(async () => {
  s = await startServer();
});
after(() => s.close());

describe('The published schema', () => {
  test('schemas/scenario.schema.json is the schema the server validates with, and every example passes it', async () => {
    const published = JSON.parse(readFileSync(new URL('../schemas/scenario.schema.json', import.meta.url), 'utf8'));
    assert.deepEqual(published, SCENARIO_SCHEMA);
    assert.deepEqual(scenarioErrors(small), []);
    const yaml = await parseScenario(readFileSync(new URL('../examples/small-team.yaml', import.meta.url), 'utf8'), 'small-team.yaml');
    assert.deepEqual(yaml, small);
  });

  test('an unknown action, a bad time or an unknown field is named', () => {
    assert.match(JSON.stringify(scenarioErrors({ events: [{ action: 'dance' }] })), /events\.0/);
    assert.match(JSON.stringify(scenarioErrors({ start: 'yesterday' })), /start/);
    assert.match(JSON.stringify(scenarioErrors({ users: [{ key: 'a', colour: 'red' }] })), /users\.0/);
  });
});

describe('POST /_openzoom/scenarios', () => {
  test('plays the file: an account with its users, meetings and instances, the clock where the last event left it', async () => {
    const r = await s.client.post('/_openzoom/scenarios', small);
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.events, small.events.length);
    assert.equal(r.body.clock, '2026-11-03T17:00:00.000Z');
    assert.deepEqual(Object.keys(r.body.users).sort(), ['ada', 'bob', 'owner']);
    const api = await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret);
    // The stand-up's first instance: 40 minutes; host 40 + Bob 20 + 15 (a rejoin) + Cy 25 = 100 minutes; 4 joins.
    const instances = await api.get(`/v2/past_meetings/${r.body.meetings.standup}/instances`);
    assert.equal(instances.body.meetings.length, 2);
    const first = await api.get(`/v2/past_meetings/${encodeURIComponent(instances.body.meetings[0].uuid)}`);
    assert.equal(first.body.duration, 40);
    assert.equal(first.body.total_minutes, 100);
    assert.equal(first.body.participants_count, 4);
    const clock = await s.client.get('/_openzoom/clock');
    assert.equal(clock.body.frozen, true);
  });

  test('a failing event is answered 400/300 naming the event, and an invalid file names the field', async () => {
    const bad = await s.client.post('/_openzoom/scenarios', { start: '2026-11-10T08:00:00Z', meetings: [{ key: 'm' }], events: [{ action: 'leave', meeting: 'm', as: 'nobody' }] });
    assert.equal(bad.status, 400, bad.raw);
    assert.equal(bad.body.code, 300);
    assert.match(bad.body.message, /nobody/);
    // A live action played in process answers as its route would: the engine's refusal, its status and code.
    const refused = await s.client.post('/_openzoom/scenarios', {
      start: '2026-11-10T08:00:00Z',
      meetings: [{ key: 'm' }],
      events: [
        { action: 'start', meeting: 'm' },
        { after: 60, action: 'record', meeting: 'm', recording: 'pause' },
      ],
    });
    assert.equal(refused.status, 400, refused.raw);
    assert.match(refused.body.message, /event 1 \(record\): POST \/_openzoom\/meetings\/\d+\/recording\/pause answered 400 \{"code":3000,"message":"The meeting is not being recorded\."\}/);
    const invalid = await s.client.post('/_openzoom/scenarios', { events: [{ action: 'join' }] });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 300);
    assert.ok(invalid.body.errors.length > 0);
  });

  test('generate: a small generated week plays, and the generator gives the same file for the same seed', async () => {
    const a = generateScenario({ users: 12, days: 7, seed: 7, start: '2026-11-09' });
    const b = generateScenario({ users: 12, days: 7, seed: 7, start: '2026-11-09' });
    assert.deepEqual(a, b);
    assert.notDeepEqual(generateScenario({ users: 12, days: 7, seed: 8, start: '2026-11-09' }).events, a.events);
    assert.deepEqual(scenarioErrors(a), []);
    // A Basic host's meetings end before the 40-minute limit (else the limit ends them and their later events fail).
    const month = generateScenario({ users: 60, days: 5, seed: 7, start: '2026-10-01' });
    const basic = new Set(month.users!.filter((u) => u.type === 1).map((u) => `m-${u.key}`));
    assert.ok(basic.size > 0);
    const begun = new Map<string, number>();
    for (const e of month.events!) {
      if (!basic.has(String(e.meeting))) continue;
      if (e.action === 'start') begun.set(String(e.meeting), Date.parse(e.at!));
      if (e.action === 'end') assert.ok(Date.parse(e.at!) - begun.get(String(e.meeting))! < 40 * 60_000, `${String(e.meeting)} ends at ${e.at}`);
    }
    const r = await s.client.post('/_openzoom/scenarios', { generate: { users: 6, days: 2, seed: 3, start: '2026-11-16' } });
    assert.equal(r.status, 201, r.raw);
    assert.ok(r.body.events > 10);
  });
});

describe('Playing is repeatable', () => {
  // Events of one instant run side by side (one lane per meeting) and recordings are processed
  // beside the events: the figures must still be the same every time the seed is played.
  test('the same generated week played twice gives the same reports, meetings and recordings', async () => {
    const figures = async () => {
      const run = await s.client.post('/_openzoom/scenarios', { generate: { users: 14, days: 5, seed: 11, start: '2026-11-02' } });
      assert.equal(run.status, 201, run.raw);
      const api = await s.client.withCredentials(run.body.account_id, run.body.client_id, run.body.client_secret);
      const daily = await api.get('/v2/report/daily?year=2026&month=11');
      assert.equal(daily.status, 200, daily.raw);
      const past = await api.get('/v2/metrics/meetings?type=past&from=2026-11-01&to=2026-11-30&page_size=300');
      assert.equal(past.status, 200, past.raw);
      const meetings = (past.body.meetings as Array<{ topic: string; start_time: string; participants: number; duration: string }>)
        .map((m) => `${m.start_time} ${m.topic} ${m.participants} ${m.duration}`)
        .sort();
      const recorded: string[] = [];
      for (const key of Object.keys(run.body.users)) {
        const list = await api.get(`/v2/users/${run.body.users[key]}/recordings?from=2026-11-01&to=2026-11-30&page_size=300`);
        assert.equal(list.status, 200, list.raw);
        for (const m of list.body.meetings as Array<{ topic: string; start_time: string; total_size: number; recording_files: Array<{ file_type: string; file_size: number; recording_start: string }> }>) {
          recorded.push(`${m.start_time} ${m.topic} ${m.total_size} ${m.recording_files.map((f) => `${f.file_type}:${f.file_size}:${f.recording_start}`).sort().join(',')}`);
        }
      }
      return { days: daily.body.dates, meetings, recorded: recorded.sort(), events: run.body.events };
    };
    const first = await figures();
    assert.ok(first.meetings.length > 10, `${first.meetings.length} past meetings`);
    assert.ok(first.recorded.length > 0, 'the week records something');
    assert.deepEqual(await figures(), first);
  });
});
