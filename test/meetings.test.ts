// Meetings: create, get, update, delete, list, status (recover), settings from
// the host's effective settings, passcodes, schedule_for and alternative hosts, events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { assertValidEvent, eventsSince } from './helpers/events.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let accountId: string;
let ownerId: string;

let seq = 0;
async function newUser(type = 2, client = api): Promise<{ id: string; email: string }> {
  const email = `host${++seq}@meet.example.com`;
  const r = await client.post('/v2/users', { action: 'custCreate', user_info: { email, type, first_name: 'Ada', last_name: `L${seq}` } });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.id, email };
}

/** The account's events of that name (their payloads), each checked against Zoom's catalogue as delivered. */
async function events(name: string): Promise<Array<Record<string, any>>> {
  const all = (await eventsSince(s, { after: '' }, accountId)).filter((e) => e.event === name);
  for (const e of all) assertValidEvent(e);
  return all.map((e) => e.payload as Record<string, any>);
}

async function create(body: Record<string, unknown>, userId = 'me', client = api) {
  const r = await client.post(`/v2/users/${userId === 'me' ? ownerId : userId}/meetings`, body);
  assert.equal(r.status, 201, r.raw);
  return r.body as Record<string, any>;
}

let credentials: [string, string, string];

before(async () => {
  s = await startServer();
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  accountId = acct.body.account_id;
  ownerId = acct.body.owner_id;
  credentials = [accountId, acct.body.client_id, acct.body.client_secret];
  api = await s.client.withCredentials(...credentials);
});

/** Runs `fn` with the server clock frozen at `iso` (and a token issued then), then puts the clock back. */
async function at(iso: string, fn: () => Promise<void>): Promise<void> {
  await s.client.post('/_openzoom/clock', { set: iso, freeze: true });
  try {
    api = await s.client.withCredentials(...credentials);
    await fn();
  } finally {
    await s.client.post('/_openzoom/clock', { reset: true });
    // A new token of the app replaces the one before.
    api = await s.client.withCredentials(...credentials);
  }
}
after(() => s.close());

describe('Create a meeting (meetingCreate)', () => {
  test('a scheduled meeting: 11-digit id, UTC start beside its time zone, passcode and links, meeting.created', async () => {
    const m = await create({ topic: 'Planning', type: 2, start_time: '2030-06-01T09:30:00', timezone: 'Europe/Paris', duration: 45, agenda: 'Roadmap' });
    assert.match(String(m.id), /^\d{11}$/);
    assert.equal(m.start_time, '2030-06-01T07:30:00Z');
    assert.equal(m.timezone, 'Europe/Paris');
    assert.equal(m.duration, 45);
    assert.equal(m.type, 2);
    assert.equal(m.status, 'waiting');
    assert.equal(m.host_id, ownerId);
    assert.match(m.password, /^\d{6}$/, 'the account requires passcodes: six digits by default');
    assert.notEqual(m.encrypted_password, m.password);
    assert.equal(m.join_url, `http://127.0.0.1:9090/j/${m.id}?pwd=${m.encrypted_password}`);
    assert.match(m.start_url, new RegExp(`/s/${m.id}\\?zak=`));
    assert.equal(m.pstn_password, m.password);
    assert.equal(m.settings.waiting_room, true, 'from the host settings');
    assert.equal(m.settings.approval_type, 2);
    const got = await api.get(`/v2/meetings/${m.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.topic, 'Planning');
    assert.equal(got.body.agenda, 'Roadmap');
    assert.equal(got.body.host_email.length > 0, true);
    const created = (await events('meeting.created')).find((e) => e.object.id === m.id);
    assert.ok(created, 'meeting.created emitted');
    assert.equal(created.object.topic, 'Planning');
    assert.equal(created.object.settings.use_pmi, false);
  });

  test('defaults: type 2, topic, 60 minutes, start now, the host time zone', async () => {
    await at('2030-01-10T10:00:00Z', async () => {
      const m = await create({});
      assert.equal(m.type, 2);
      assert.equal(m.topic, 'Zoom Meeting');
      assert.equal(m.duration, 60);
      assert.equal(m.start_time, '2030-01-10T10:00:00Z');
      assert.equal(m.timezone, (await api.get(`/v2/users/${ownerId}`)).body.timezone);
    });
  });

  test('instant (1) has no start_time and is not listed; type 3 has neither start_time nor occurrences', async () => {
    const i = await create({ type: 1, topic: 'Now' });
    assert.equal(i.start_time, undefined);
    const t3 = await create({ type: 3, topic: 'Whenever' });
    assert.equal(t3.start_time, undefined);
    assert.equal(t3.occurrences, undefined);
    const list = await api.get(`/v2/users/${ownerId}/meetings?page_size=300`);
    const ids = list.body.meetings.map((x: { id: number }) => x.id);
    assert.ok(!ids.includes(i.id));
    assert.ok(ids.includes(t3.id));
  });

  test('bad input answers 300 and writes nothing', async () => {
    const before = (await api.get(`/v2/users/${ownerId}/meetings?page_size=300`)).body.total_records;
    for (const body of [
      { start_time: 'tomorrow' },
      { timezone: 'Mars/Olympus' },
      { type: 8 },
      { type: 8, start_time: '2030-01-01T10:00:00Z', recurrence: { type: 1, repeat_interval: 91 } },
      { type: 8, start_time: '2030-01-01T10:00:00Z', recurrence: { type: 1, end_times: 51 } },
      { type: 8, start_time: '2030-01-01T10:00:00Z', recurrence: { type: 1, end_times: 3, end_date_time: '2030-02-01T00:00:00Z' } },
      { type: 8, start_time: '2030-01-01T10:00:00Z', recurrence: { type: 3, monthly_week: 5, monthly_week_day: 2 } },
      { password: 'has space' },
      { password: '12' },
      { type: 5 },
      { duration: 'long' },
    ]) {
      const r = await api.post(`/v2/users/${ownerId}/meetings`, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)} → ${r.raw}`);
      assert.equal(r.body.code, 300, r.raw);
    }
    assert.equal((await api.get(`/v2/users/${ownerId}/meetings?page_size=300`)).body.total_records, before);
  });

  test('an unknown user answers 404/1001', async () => {
    const r = await api.post('/v2/users/nobody@meet.example.com/meetings', {});
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1001);
  });
});

describe('schedule_for and alternative hosts', () => {
  test('scheduling for another user needs scheduling privilege (3000); an assistant may', async () => {
    const host = await newUser();
    const r = await api.post(`/v2/users/${ownerId}/meetings`, { schedule_for: host.email });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 3000);
    assert.equal(r.body.message, `You cannot schedule a meeting for ${host.email}`);
    assert.equal((await api.post(`/v2/users/${host.id}/assistants`, { assistants: [{ id: ownerId }] })).status, 201);
    const m = await create({ schedule_for: host.email, topic: 'For you' });
    assert.equal(m.host_id, host.id);
    assert.equal(m.assistant_id, ownerId);
    const unknown = await api.post(`/v2/users/${ownerId}/meetings`, { schedule_for: 'ghost@meet.example.com' });
    assert.equal(unknown.body.code, 300);
    const instant = await api.post(`/v2/users/${ownerId}/meetings`, { type: 1, schedule_for: host.email });
    assert.equal(instant.body.code, 3000);
  });

  test('alternative hosts are licensed users of the account, answered as emails', async () => {
    const alt = await newUser(2);
    const basic = await newUser(1);
    const m = await create({ settings: { alternative_hosts: `${alt.id}` } });
    assert.equal(m.settings.alternative_hosts, alt.email);
    const r = await api.post(`/v2/users/${ownerId}/meetings`, { settings: { alternative_hosts: basic.email } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 1114);
  });
});

describe('Settings from the host', () => {
  test("the host's effective settings are the defaults; a lock above the host keeps its value", async () => {
    const host = await newUser();
    assert.equal((await api.patch(`/v2/users/${host.id}/settings`, { schedule_meeting: { host_video: true, join_before_host: true } })).status, 204);
    const m = await create({ settings: { mute_upon_entry: true } }, host.id);
    assert.equal(m.settings.host_video, true);
    assert.equal(m.settings.join_before_host, true);
    assert.equal(m.settings.mute_upon_entry, true);
    // The account locks auto recording at 'cloud': a request cannot change it.
    assert.equal((await api.patch('/v2/accounts/me/settings', { recording: { auto_recording: 'cloud' } })).status, 204);
    assert.equal((await api.patch('/v2/accounts/me/lock_settings', { recording: { auto_recording: true } })).status, 204);
    try {
      const locked = await create({ settings: { auto_recording: 'none' } }, host.id);
      assert.equal(locked.settings.auto_recording, 'cloud');
    } finally {
      await api.patch('/v2/accounts/me/lock_settings', { recording: { auto_recording: false } });
      await api.patch('/v2/accounts/me/settings', { recording: { auto_recording: 'none' } });
    }
  });

  test('passcode rules of the account apply to given passcodes and generated ones', async () => {
    assert.equal(
      (await api.patch('/v2/accounts/me/settings', { meeting_security: { meeting_password_requirement: { length: 8, only_allow_numeric: true } } })).status,
      204,
    );
    try {
      const m = await create({});
      assert.match(m.password, /^\d{8}$/);
      const short = await api.post(`/v2/users/${ownerId}/meetings`, { password: '1234567' });
      assert.equal(short.body.code, 300);
      assert.equal(short.body.errors[0].field, 'password');
      const letters = await api.post(`/v2/users/${ownerId}/meetings`, { password: 'abcd1234' });
      assert.equal(letters.body.code, 300);
      assert.equal((await create({ password: '80246813' })).password, '80246813');
    } finally {
      await api.patch('/v2/accounts/me/settings', { meeting_security: { meeting_password_requirement: { length: 6, only_allow_numeric: false } } });
    }
  });
});

describe('Update and delete (meetingUpdate, meetingDelete, meetingStatus recover)', () => {
  test('PATCH is partial; meeting.updated carries only the changed fields and the old values', async () => {
    const m = await create({ topic: 'Before', start_time: '2030-03-01T10:00:00Z', duration: 30 });
    const r = await api.patch(`/v2/meetings/${m.id}`, { topic: 'After', settings: { host_video: true } });
    assert.equal(r.status, 204);
    const got = (await api.get(`/v2/meetings/${m.id}`)).body;
    assert.equal(got.topic, 'After');
    assert.equal(got.duration, 30);
    assert.equal(got.start_time, '2030-03-01T10:00:00Z');
    assert.equal(got.settings.host_video, true);
    const ev = (await events('meeting.updated')).find((e) => e.object.id === m.id);
    assert.ok(ev);
    assert.deepEqual(ev.object, { id: m.id, uuid: m.uuid, topic: 'After', settings: { host_video: true } });
    assert.deepEqual(ev.old_object, { id: m.id, uuid: m.uuid, topic: 'Before', settings: { host_video: false } });
    assert.equal(typeof ev.time_stamp, 'number');
  });

  test('concurrent updates of one meeting all survive', async () => {
    const m = await create({ topic: 'Race' });
    const fields = ['host_video', 'participant_video', 'join_before_host', 'mute_upon_entry', 'watermark', 'cn_meeting'];
    const answers = await Promise.all(fields.map((f) => api.patch(`/v2/meetings/${m.id}`, { settings: { [f]: true } })));
    for (const r of answers) assert.equal(r.status, 204, r.raw);
    const got = (await api.get(`/v2/meetings/${m.id}`)).body.settings;
    for (const f of fields) assert.equal(got[f], true, f);
  });

  test('delete hides the meeting (404/3001), recover brings it back within the window, meeting.deleted / recovered', async () => {
    const m = await create({ topic: 'Gone soon' });
    assert.equal((await api.delete(`/v2/meetings/${m.id}`)).status, 204);
    const gone = await api.get(`/v2/meetings/${m.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 3001);
    assert.equal(gone.body.message, `Meeting does not exist: ${m.id}.`);
    assert.equal((await api.delete(`/v2/meetings/${m.id}`)).status, 404);
    const del = (await events('meeting.deleted')).find((e) => e.object.id === m.id);
    assert.equal(del?.operation, 'all');
    assert.equal((await api.put(`/v2/meetings/${m.id}/status`, { action: 'recover' })).status, 204);
    assert.equal((await api.get(`/v2/meetings/${m.id}`)).body.topic, 'Gone soon');
    assert.ok((await events('meeting.recovered')).some((e) => e.object.id === m.id));
  });

  test('recover after the 7-day window answers 404/3001', async () => {
    const m = await create({ topic: 'Too late' });
    await api.delete(`/v2/meetings/${m.id}`);
    await at(new Date(Date.now() + 8 * 24 * 3600_000).toISOString(), async () => {
      const r = await api.put(`/v2/meetings/${m.id}/status`, { action: 'recover' });
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 3001);
    });
  });

  test('end on a meeting that is not live answers 204 and changes nothing', async () => {
    const m = await create({});
    assert.equal((await api.put(`/v2/meetings/${m.id}/status`, { action: 'end' })).status, 204);
    assert.equal((await api.get(`/v2/meetings/${m.id}`)).body.status, 'waiting');
  });

  test('unknown ids and ids of another account answer 404/3001', async () => {
    const m = await create({});
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api2 = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    for (const [method, url] of [
      ['GET', `/v2/meetings/${m.id}`],
      ['PATCH', `/v2/meetings/${m.id}`],
      ['DELETE', `/v2/meetings/${m.id}`],
      ['GET', '/v2/meetings/12345678901'],
    ] as const) {
      const r = await api2.request(method, url, method === 'PATCH' ? { body: { topic: 'x' } } : {});
      assert.equal(r.status, 404, `${method} ${url}`);
      assert.equal(r.body.code, 3001);
    }
    assert.equal((await api.get(`/v2/meetings/${m.id}`)).body.topic, 'Zoom Meeting');
  });
});

describe('Master account paths', () => {
  test('a master account schedules and reads meetings of its sub account; the sub account sees them too', async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: accountId });
    assert.equal(sub.status, 201, sub.raw);
    const subId = sub.body.account_id;
    const made = await api.post(`/v2/accounts/${subId}/users/${sub.body.owner_id}/meetings`, { topic: 'Sub meeting', start_time: '2031-05-05T05:00:00Z' });
    assert.equal(made.status, 201, made.raw);
    const got = await api.get(`/v2/accounts/${subId}/meetings/${made.body.id}`);
    assert.equal(got.body.topic, 'Sub meeting');
    assert.equal((await api.get(`/v2/meetings/${made.body.id}`)).status, 404, 'not a meeting of the master account itself');
    const subApi = await s.client.withCredentials(subId, sub.body.client_id, sub.body.client_secret);
    assert.equal((await subApi.get(`/v2/meetings/${made.body.id}`)).body.host_id, sub.body.owner_id);
    assert.equal((await api.delete(`/v2/accounts/${subId}/meetings/${made.body.id}`)).status, 204);
    assert.equal((await subApi.get(`/v2/meetings/${made.body.id}`)).status, 404);
  });
});

describe('Personal meeting rooms', () => {
  test("a user's PMI reads as a type-4 meeting of that user; it cannot be deleted (3018)", async () => {
    const host = await newUser();
    const pmi = String((await api.get(`/v2/users/${host.id}`)).body.pmi);
    assert.match(pmi, /^\d{10}$/);
    const r = await api.get(`/v2/meetings/${pmi}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.type, 4);
    assert.equal(String(r.body.id), pmi);
    assert.equal(r.body.host_id, host.id);
    assert.equal(r.body.start_time, undefined);
    const del = await api.delete(`/v2/meetings/${pmi}`);
    assert.equal(del.status, 400);
    assert.equal(del.body.code, 3018);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api2 = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api2.get(`/v2/meetings/${pmi}`)).body.code, 3001);
  });
});

describe('List meetings (meetings)', () => {
  test('types, from/to, agenda truncated to 250, keyset pages', async () => {
    const host = await newUser();
    await at('2030-05-15T12:00:00Z', async () => {
      const past = await create({ topic: 'Past', start_time: '2030-05-01T10:00:00Z', agenda: 'x'.repeat(300) }, host.id);
      const soon = await create({ topic: 'Soon', start_time: '2030-05-20T10:00:00Z' }, host.id);
      const later = await create({ topic: 'Later', start_time: '2030-07-01T10:00:00Z' }, host.id);
      const all = await api.get(`/v2/users/${host.id}/meetings`);
      assert.deepEqual(all.body.meetings.map((x: any) => x.topic), ['Past', 'Soon', 'Later']);
      assert.equal(all.body.meetings[0].agenda.length, 250);
      assert.equal(all.body.meetings[0].start_time, '2030-05-01T10:00:00Z');
      const upcoming = await api.get(`/v2/users/${host.id}/meetings?type=upcoming`);
      assert.deepEqual(upcoming.body.meetings.map((x: any) => x.id), [soon.id, later.id]);
      const previous = await api.get(`/v2/users/${host.id}/meetings?type=previous_meetings`);
      assert.deepEqual(previous.body.meetings.map((x: any) => x.id), [past.id]);
      const window = await api.get(`/v2/users/${host.id}/meetings?from=2030-05-10&to=2030-06-30`);
      assert.deepEqual(window.body.meetings.map((x: any) => x.id), [soon.id]);
      const live = await api.get(`/v2/users/${host.id}/meetings?type=live`);
      assert.equal(live.body.total_records, 0);
      const p1 = await api.get(`/v2/users/${host.id}/meetings?page_size=2`);
      assert.equal(p1.body.total_records, 3);
      assert.equal(p1.body.meetings.length, 2);
      const p2 = await api.get(`/v2/users/${host.id}/meetings?page_size=2&next_page_token=${p1.body.next_page_token}`);
      assert.deepEqual(p2.body.meetings.map((x: any) => x.id), [later.id]);
      const bad = await api.get(`/v2/users/${host.id}/meetings?from=May`);
      assert.equal(bad.body.code, 300);
    });
  });

  test('a kept page follows meetings created, updated, started and deleted, and the host\'s time zone', async () => {
    const host = await newUser();
    const topics = async (q = '') => ((await api.get(`/v2/users/${host.id}/meetings?page_size=30${q}`)).body.meetings as Array<{ topic: string }>).map((x) => x.topic);
    assert.deepEqual(await topics(), []);
    const m = await create({ topic: 'Kept list', start_time: '2031-04-20T02:00:00Z', timezone: 'UTC' }, host.id);
    assert.deepEqual(await topics(), ['Kept list']);
    assert.deepEqual(await topics(), ['Kept list'], 'answered again');
    assert.equal((await api.patch(`/v2/meetings/${m.id}`, { topic: 'Renamed list' })).status, 204);
    assert.deepEqual(await topics(), ['Renamed list']);
    assert.deepEqual(await topics('&type=live'), []);
    assert.equal((await s.client.post(`/_openzoom/meetings/${m.id}/start`, {})).status, 201);
    assert.deepEqual(await topics('&type=live'), ['Renamed list']);
    assert.equal((await api.put(`/v2/meetings/${m.id}/status`, { action: 'end' })).status, 204);
    assert.deepEqual(await topics('&type=live'), []);
    // from/to are days of the host's time zone: its user row is part of the page.
    assert.equal((await api.patch(`/v2/users/${host.id}`, { timezone: 'UTC' })).status, 204);
    assert.deepEqual(await topics('&from=2031-04-20'), ['Renamed list']);
    assert.equal((await api.patch(`/v2/users/${host.id}`, { timezone: 'America/Los_Angeles' })).status, 204);
    assert.deepEqual(await topics('&from=2031-04-20'), []);
    assert.equal((await api.delete(`/v2/meetings/${m.id}`)).status, 204);
    assert.deepEqual(await topics(), []);
    // `me` is each caller's own list: a page kept for one user is not another's.
    const as = async (userId: string) => s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes: ['meeting:read'] })).body.access_token);
    const other = await newUser();
    await create({ topic: 'Their own' }, other.id);
    assert.deepEqual(((await (await as(other.id)).get('/v2/users/me/meetings')).body.meetings as Array<{ topic: string }>).map((x) => x.topic), ['Their own']);
    assert.deepEqual((await (await as(host.id)).get('/v2/users/me/meetings')).body.meetings, []);
  });

  test('a kept upcoming page drops a meeting the moment it ends (the clock, not a write)', async () => {
    const host = await newUser();
    await at('2031-06-01T10:59:50Z', async () => {
      await create({ topic: 'Ending', start_time: '2031-06-01T10:00:00Z', duration: 60, timezone: 'UTC' }, host.id);
      await create({ topic: 'Tomorrow', start_time: '2031-06-02T10:00:00Z', duration: 60, timezone: 'UTC' }, host.id);
      const topics = async (type: string) => ((await api.get(`/v2/users/${host.id}/meetings?type=${type}`)).body.meetings as Array<{ topic: string }>).map((x) => x.topic);
      assert.deepEqual(await topics('upcoming'), ['Ending', 'Tomorrow']);
      assert.deepEqual(await topics('previous_meetings'), []);
      // 15 s later, within the time a page is kept at most: the first meeting has ended.
      assert.equal((await s.client.post('/_openzoom/clock', { set: '2031-06-01T11:00:05Z', freeze: true })).status, 200);
      assert.deepEqual(await topics('upcoming'), ['Tomorrow']);
      assert.deepEqual(await topics('previous_meetings'), ['Ending']);
    });
  });
});

describe('Privileges', () => {
  test("a user-level token acts on its own meetings only; a Member cannot act on others' meetings", async () => {
    const member = await newUser(1);
    const tok = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: member.id, scopes: ['meeting:read', 'meeting:write'] });
    const mine = s.client.withToken(tok.body.access_token);
    const own = await mine.post('/v2/users/me/meetings', { topic: 'Mine' });
    assert.equal(own.status, 201, own.raw);
    assert.equal((await mine.patch(`/v2/meetings/${own.body.id}`, { topic: 'Still mine' })).status, 204);
    const others = await create({ topic: 'Owner only' });
    for (const r of [await mine.get(`/v2/meetings/${others.id}`), await mine.patch(`/v2/meetings/${others.id}`, { topic: 'x' }), await mine.delete(`/v2/meetings/${others.id}`)]) {
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 200);
    }
    const list = await mine.get(`/v2/users/${ownerId}/meetings`);
    assert.equal(list.status, 400);
    const admin = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: member.id, scopes: ['meeting:read:admin', 'meeting:write:admin'] });
    const r = await s.client.withToken(admin.body.access_token).patch(`/v2/meetings/${others.id}`, { topic: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await api.get(`/v2/meetings/${others.id}`)).body.topic, 'Owner only');
  });
});
