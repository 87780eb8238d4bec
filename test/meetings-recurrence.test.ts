// Recurring meetings (type 8): occurrences across DST changes and month ends,
// monthly by weekday (the last week), end_times / end_date_time and their
// limits, per-occurrence update and delete, show_previous_occurrences, and
// PATCH replacing the recurrence as a whole.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RECURRENCE_LIMITS, checkRecurrence, normalize, occurrenceStarts, parseStart } from '../src/shared/recurrence/recurrence.ts';
import type { TestClient } from './helpers/client.ts';
import { assertValidEvent, eventsSince } from './helpers/events.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let ownerId: string;
let accountId: string;
let secretPair: [string, string];

before(async () => {
  s = await startServer();
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  ownerId = acct.body.owner_id;
  accountId = acct.body.account_id;
  secretPair = [acct.body.client_id, acct.body.client_secret];
  api = await s.client.withCredentials(accountId, ...secretPair);
});
after(() => s.close());

async function series(body: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await api.post(`/v2/users/${ownerId}/meetings`, { type: 8, duration: 30, ...body });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}
/** The account's events of that name (their payloads), each checked against Zoom's catalogue as delivered. */
async function events(name: string): Promise<Array<Record<string, any>>> {
  const all = (await eventsSince(s, { after: '' }, accountId)).filter((e) => e.event === name);
  for (const e of all) assertValidEvent(e);
  return all.map((e) => e.payload as Record<string, any>);
}
const starts = (m: Record<string, any>) => (m.occurrences as Array<{ start_time: string }>).map((o) => o.start_time);

describe('Occurrences (engine and API)', () => {
  test('daily across the US DST change keeps 09:00 New York time (UTC moves from 14:00 to 13:00)', async () => {
    const m = await series({ start_time: '2030-03-08T09:00:00', timezone: 'America/New_York', recurrence: { type: 1, end_times: 4 } });
    assert.deepEqual(starts(m), ['2030-03-08T14:00:00Z', '2030-03-09T14:00:00Z', '2030-03-10T13:00:00Z', '2030-03-11T13:00:00Z']);
    assert.equal(m.start_time, '2030-03-08T14:00:00Z');
    for (const o of m.occurrences) {
      assert.equal(o.occurrence_id, String(Date.parse(o.start_time)), 'occurrence_id is the start in epoch ms');
      assert.equal(o.status, 'available');
      assert.equal(o.duration, 30);
    }
    assert.deepEqual(m.recurrence, { type: 1, repeat_interval: 1, end_times: 4 });
  });

  test('a wall-clock time DST skips moves forward (02:30 on the spring-forward day in Berlin)', () => {
    const first = parseStart('2030-03-30T02:30:00', 'Europe/Berlin')!;
    const got = occurrenceStarts(normalize({ type: 1, end_times: 2 }, first, 'Europe/Berlin'), first, 'Europe/Berlin').map((d) => d.toISO());
    assert.deepEqual(got, ['2030-03-30T01:30:00.000Z', '2030-03-31T01:30:00.000Z']);
  });

  test('monthly on day 31 falls on the last day of shorter months', async () => {
    const m = await series({ start_time: '2030-01-31T10:00:00Z', timezone: 'UTC', recurrence: { type: 3, monthly_day: 31, end_times: 4 } });
    assert.deepEqual(starts(m), ['2030-01-31T10:00:00Z', '2030-02-28T10:00:00Z', '2030-03-31T10:00:00Z', '2030-04-30T10:00:00Z']);
  });

  test('monthly on the last (-1) Friday picks the fifth Friday where a month has one; week 5 is refused', async () => {
    const m = await series({ start_time: '2030-01-01T18:00:00Z', timezone: 'UTC', recurrence: { type: 3, monthly_week: -1, monthly_week_day: 6, end_times: 3 } });
    // March 2030 has five Fridays (1, 8, 15, 22, 29): the last is the fifth.
    assert.deepEqual(starts(m), ['2030-01-25T18:00:00Z', '2030-02-22T18:00:00Z', '2030-03-29T18:00:00Z']);
    const second = await series({ start_time: '2030-01-01T18:00:00Z', timezone: 'UTC', recurrence: { type: 3, monthly_week: 2, monthly_week_day: 2, end_times: 2 } });
    assert.deepEqual(starts(second), ['2030-01-14T18:00:00Z', '2030-02-11T18:00:00Z']);
    const r = await api.post(`/v2/users/${ownerId}/meetings`, { type: 8, start_time: '2030-01-01T18:00:00Z', recurrence: { type: 3, monthly_week: 5, monthly_week_day: 6 } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });

  test('weekly on several days (1 = Sunday), every 2 weeks, until end_date_time (exclusive)', async () => {
    const m = await series({
      start_time: '2030-01-06T08:00:00Z', // a Sunday
      timezone: 'UTC',
      recurrence: { type: 2, weekly_days: '2,4', repeat_interval: 2, end_date_time: '2030-01-30T08:00:00Z' },
    });
    assert.deepEqual(starts(m), ['2030-01-07T08:00:00Z', '2030-01-09T08:00:00Z', '2030-01-21T08:00:00Z', '2030-01-23T08:00:00Z']);
    assert.equal(m.recurrence.end_date_time, '2030-01-30T08:00:00Z');
    assert.equal(m.recurrence.end_times, undefined);
  });

  test('end_times limits: 50 by default (Zoom recurrence page), 60 with the spec limits; intervals 90/12/3 vs 99/50/10', async () => {
    const fifty = await series({ start_time: '2030-01-01T10:00:00Z', timezone: 'UTC', recurrence: { type: 1, end_times: 50 } });
    assert.equal(fifty.occurrences.length, 50);
    for (const rec of [{ type: 1, end_times: 51 }, { type: 1, repeat_interval: 91 }, { type: 2, repeat_interval: 13 }, { type: 3, repeat_interval: 4 }, { type: 1, end_times: 0 }]) {
      const r = await api.post(`/v2/users/${ownerId}/meetings`, { type: 8, start_time: '2030-01-01T10:00:00Z', recurrence: rec });
      assert.equal(r.status, 400, JSON.stringify(rec));
      assert.equal(r.body.code, 300);
      assert.match(r.body.errors[0].field, /^recurrence\./);
    }
    assert.deepEqual(checkRecurrence({ type: 1, end_times: 60, repeat_interval: 99 }, RECURRENCE_LIMITS.spec), []);
    assert.deepEqual(checkRecurrence({ type: 3, repeat_interval: 10 }, RECURRENCE_LIMITS.spec), []);
    assert.equal(checkRecurrence({ type: 1, end_times: 61 }, RECURRENCE_LIMITS.spec).length, 1);
  });

  test('--recurrence-limits spec takes the OpenAPI limits (60 occurrences, every 10 months)', async () => {
    const spec = await startServer({ recurrenceLimits: 'spec' });
    try {
      const a = await spec.client.post('/_openzoom/accounts', { plan: 'business' });
      const c = await spec.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
      const base = { type: 8, start_time: '2030-01-01T10:00:00Z', timezone: 'UTC' };
      const sixty = await c.post(`/v2/users/${a.body.owner_id}/meetings`, { ...base, recurrence: { type: 1, end_times: 60 } });
      assert.equal(sixty.status, 201, sixty.raw);
      assert.equal(sixty.body.occurrences.length, 60);
      assert.equal((await c.post(`/v2/users/${a.body.owner_id}/meetings`, { ...base, recurrence: { type: 3, repeat_interval: 10 } })).status, 201);
      assert.equal((await c.post(`/v2/users/${a.body.owner_id}/meetings`, { ...base, recurrence: { type: 3, repeat_interval: 11 } })).body.code, 300);
    } finally {
      await spec.close();
    }
  });

  test('a series whose start is in the past starts now (observed Zoom behaviour)', async () => {
    const before = Date.now();
    const m = await series({ start_time: '2001-01-01T10:00:00Z', timezone: 'UTC', recurrence: { type: 1, end_times: 2 } });
    assert.ok(Date.parse(m.occurrences[0].start_time) >= before - 1000);
  });
});

describe('One occurrence: update, delete, get; the whole series', () => {
  test('PATCH with occurrence_id moves one occurrence (its id stays); DELETE with occurrence_id marks it deleted', async () => {
    const m = await series({ start_time: '2030-06-03T15:00:00Z', timezone: 'UTC', recurrence: { type: 1, end_times: 3 } });
    const [a, b, c] = m.occurrences as Array<{ occurrence_id: string }>;
    const moved = await api.patch(`/v2/meetings/${m.id}?occurrence_id=${b!.occurrence_id}`, { start_time: '2030-06-04T17:00:00Z', duration: 90 });
    assert.equal(moved.status, 204, moved.raw);
    const one = (await api.get(`/v2/meetings/${m.id}?occurrence_id=${b!.occurrence_id}`)).body;
    assert.deepEqual(one.occurrences, [{ occurrence_id: b!.occurrence_id, start_time: '2030-06-04T17:00:00Z', duration: 90, status: 'available' }]);
    assert.equal(one.start_time, '2030-06-04T17:00:00Z');
    const updated = (await events('meeting.updated')).find((p) => p.object.id === m.id)!;
    assert.equal(updated.scope, 'single');

    assert.equal((await api.delete(`/v2/meetings/${m.id}?occurrence_id=${c!.occurrence_id}`)).status, 204);
    const after = (await api.get(`/v2/meetings/${m.id}`)).body;
    assert.deepEqual(after.occurrences.map((o: any) => o.status), ['available', 'available', 'deleted']);
    const del = (await events('meeting.deleted')).find((p) => p.object.id === m.id)!;
    assert.equal(del.operation, 'single');
    assert.deepEqual(del.object.occurrences, [{ occurrence_id: c!.occurrence_id, start_time: '2030-06-05T15:00:00Z' }]);
    // Unknown or already deleted occurrences: 300 "Invalid parameter: occurrence_id."
    for (const id of [c!.occurrence_id, '123', 'x']) {
      const r = await api.delete(`/v2/meetings/${m.id}?occurrence_id=${id}`);
      assert.equal(r.status, 400);
      assert.equal(r.body.message, 'Validation Failed.');
      assert.equal(r.body.errors[0].message, 'Invalid parameter: occurrence_id.');
    }
    const topic = await api.patch(`/v2/meetings/${m.id}?occurrence_id=${a!.occurrence_id}`, { topic: 'Only this one' });
    assert.equal(topic.status, 400);
    assert.equal((await api.get(`/v2/meetings/${m.id}`)).body.occurrences.length, 3);
  });

  test('one occurrence takes its own agenda and the settings the spec names; the series keeps its own', async () => {
    const m = await series({ start_time: '2030-07-01T15:00:00Z', timezone: 'UTC', agenda: 'Series agenda', recurrence: { type: 1, end_times: 3 }, settings: { waiting_room: false, host_video: false } });
    const b = (m.occurrences as Array<{ occurrence_id: string }>)[1]!.occurrence_id;
    const r = await api.patch(`/v2/meetings/${m.id}?occurrence_id=${b}`, { agenda: 'Guest speaker', settings: { waiting_room: true, host_video: true } });
    assert.equal(r.status, 204, r.raw);
    const one = (await api.get(`/v2/meetings/${m.id}?occurrence_id=${b}`)).body;
    assert.equal(one.agenda, 'Guest speaker');
    assert.equal(one.settings.waiting_room, true);
    assert.equal(one.settings.host_video, true);
    const whole = (await api.get(`/v2/meetings/${m.id}`)).body;
    assert.equal(whole.agenda, 'Series agenda');
    assert.equal(whole.settings.waiting_room, false);
    assert.equal(whole.settings.host_video, false);
    // A setting the spec does not list for one occurrence: 300 naming it, nothing written.
    const refused = await api.patch(`/v2/meetings/${m.id}?occurrence_id=${b}`, { settings: { mute_upon_entry: true, audio: 'voip' } });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors.map((e: { field: string }) => e.field), ['settings.audio']);
    assert.equal((await api.get(`/v2/meetings/${m.id}?occurrence_id=${b}`)).body.settings.mute_upon_entry, whole.settings.mute_upon_entry);
  });

  test('show_previous_occurrences includes the ones already over', async () => {
    const m = await series({ start_time: new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z'), timezone: 'UTC', recurrence: { type: 1, end_times: 3 } });
    assert.equal((await s.client.post('/_openzoom/clock', { advance_seconds: 2 * 86400 })).status, 200);
    try {
      const fresh = await s.client.withCredentials(accountId, ...secretPair);
      assert.equal((await fresh.get(`/v2/meetings/${m.id}`)).body.occurrences.length, 1);
      assert.equal((await fresh.get(`/v2/meetings/${m.id}?show_previous_occurrences=true`)).body.occurrences.length, 3);
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
      api = await s.client.withCredentials(accountId, ...secretPair);
    }
  });

  test('PATCH replaces the recurrence as a whole (type is required) and recomputes occurrences', async () => {
    const m = await series({ start_time: '2030-09-02T09:00:00Z', timezone: 'UTC', recurrence: { type: 2, weekly_days: '2,3,4', end_times: 6 } });
    const partial = await api.patch(`/v2/meetings/${m.id}`, { recurrence: { end_times: 2 } });
    assert.equal(partial.status, 400);
    assert.equal(partial.body.errors[0].field, 'recurrence.type');
    assert.equal((await api.patch(`/v2/meetings/${m.id}`, { recurrence: { type: 2, weekly_days: '4', end_times: 2 } })).status, 204);
    const got = (await api.get(`/v2/meetings/${m.id}`)).body;
    assert.deepEqual(got.recurrence, { type: 2, repeat_interval: 1, weekly_days: '4', end_times: 2 });
    assert.deepEqual(starts(got), ['2030-09-04T09:00:00Z', '2030-09-11T09:00:00Z']);
    assert.equal((await api.patch(`/v2/meetings/${m.id}`, { type: 2 })).status, 204);
    const single = (await api.get(`/v2/meetings/${m.id}`)).body;
    assert.equal(single.type, 2);
    assert.equal(single.recurrence, undefined);
    assert.equal(single.occurrences, undefined);
  });

  test('List meetings shows a series once, with its first occurrence', async () => {
    const m = await series({ start_time: '2031-02-02T09:00:00Z', timezone: 'Asia/Tokyo', recurrence: { type: 1, end_times: 3 } });
    const list = await api.get(`/v2/users/${ownerId}/meetings?page_size=300`);
    const items = list.body.meetings.filter((x: any) => x.id === m.id);
    assert.equal(items.length, 1);
    assert.equal(items[0].start_time, '2031-02-02T09:00:00Z');
    assert.equal(items[0].timezone, 'Asia/Tokyo');
    assert.equal(items[0].type, 8);
  });
});

