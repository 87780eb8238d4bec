// Reports computed from the small team's two days (examples/small-team.json):
// daily usage, active and inactive hosts, meetings per user (2+ participants,
// pastOne, pastJoined), meeting details, participants (rejoins), polls,
// sign-ins, upcoming events; date-range rules, plan gating, another
// account's ids, a Member's refusal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let run: { account_id: string; users: Record<string, string>; meetings: Record<string, string> };
const small = JSON.parse(readFileSync(new URL('../examples/small-team.json', import.meta.url), 'utf8'));

before(async () => {
  s = await startServer();
  const r = await s.client.post('/_openzoom/scenarios', small);
  assert.equal(r.status, 201, r.raw);
  run = r.body;
  api = await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret);
});
after(() => s.close());

const NOV = 'from=2026-11-01&to=2026-11-30';

describe('Daily usage (reportDaily)', () => {
  test('per day: meetings, joins (a rejoin counts), everyone\'s minutes, new users', async () => {
    const r = await api.get('/v2/report/daily?year=2026&month=11');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.dates.length, 30);
    const day = (d: string) => r.body.dates.find((x: { date: string }) => x.date === d);
    // 2 Nov: the stand-up (4 joins, 100 minutes) and Bob's focus time (1 join, 10 minutes); the owner, Ada and Bob were created.
    assert.deepEqual(day('2026-11-02'), { date: '2026-11-02', meetings: 2, participants: 5, meeting_minutes: 110, new_users: 3 });
    // 3 Nov: the stand-up again, Ada and Bob for 30 minutes each.
    assert.deepEqual(day('2026-11-03'), { date: '2026-11-03', meetings: 1, participants: 2, meeting_minutes: 60, new_users: 0 });
    assert.deepEqual(day('2026-11-04'), { date: '2026-11-04', meetings: 0, participants: 0, meeting_minutes: 0, new_users: 0 });
    // By group: Engineering holds Ada and Bob (not the owner).
    const groups = await api.get('/v2/groups');
    const eng = groups.body.groups.find((g: { name: string }) => g.name === 'Engineering').id;
    const byGroup = await api.get(`/v2/report/daily?year=2026&month=11&group_id=${eng}`);
    assert.equal(byGroup.body.dates.find((x: { date: string }) => x.date === '2026-11-02').new_users, 2);
  });

  test('a month outside the recent six answers 300', async () => {
    for (const q of ['year=2026&month=4', 'year=2027&month=1']) {
      const r = await api.get(`/v2/report/daily?${q}`);
      assert.equal(r.status, 400, r.raw);
      assert.equal(r.body.code, 300);
      assert.match(r.body.message, /recent 6 months/);
    }
  });
});

describe('Active and inactive hosts (reportUsers)', () => {
  test('hosts with their meetings, joins and minutes; the totals; inactive users', async () => {
    const r = await api.get(`/v2/report/users?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    const byId = new Map(r.body.users.map((u: { id: string }) => [u.id, u]));
    assert.deepEqual(pick(byId.get(run.users.ada)), { meetings: 2, participants: 6, meeting_minutes: 160 });
    assert.deepEqual(pick(byId.get(run.users.bob)), { meetings: 1, participants: 1, meeting_minutes: 10 });
    assert.equal(r.body.total_meetings, 3);
    assert.equal(r.body.total_participants, 7);
    assert.equal(r.body.total_meeting_minutes, 170);
    assert.equal(r.body.total_records, 2);
    const inactive = await api.get(`/v2/report/users?${NOV}&type=inactive`);
    assert.deepEqual(inactive.body.users.map((u: { id: string }) => u.id), [run.users.owner]);
    const paged = await api.get(`/v2/report/users?${NOV}&page_size=1`);
    assert.equal(paged.body.users.length, 1);
    assert.ok(paged.body.next_page_token);
    const next = await api.get(`/v2/report/users?${NOV}&page_size=1&next_page_token=${paged.body.next_page_token}`);
    assert.notEqual(next.body.users[0].id, paged.body.users[0].id);
  });

  test('date ranges: to before from, more than a month, older than six months answer 300', async () => {
    for (const q of ['from=2026-11-10&to=2026-11-01', 'from=2026-09-01&to=2026-11-01', 'from=2026-01-01&to=2026-01-31']) {
      const r = await api.get(`/v2/report/users?${q}`);
      assert.equal(r.status, 400, `${q} ${r.raw}`);
      assert.equal(r.body.code, 300);
    }
  });
});

const pick = (u: any) => ({ meetings: u.meetings, participants: u.participants, meeting_minutes: u.meeting_minutes });

describe('Meetings of a user (reportMeetings)', () => {
  test('past: hosted with 2+ participants; pastOne: alone; pastJoined: meetings the user joined', async () => {
    const ada = await api.get(`/v2/report/users/${run.users.ada}/meetings?${NOV}`);
    assert.equal(ada.status, 200, ada.raw);
    assert.deepEqual(ada.body.meetings.map((m: { total_minutes: number; participants_count: number }) => [m.participants_count, m.total_minutes]), [[4, 100], [2, 60]]);
    assert.equal(ada.body.meetings[0].has_screen_share, true);
    assert.equal(ada.body.meetings[1].has_screen_share, false);
    const bob = await api.get(`/v2/report/users/${run.users.bob}/meetings?${NOV}`);
    assert.equal(bob.body.meetings.length, 0);
    const alone = await api.get(`/v2/report/users/${run.users.bob}/meetings?${NOV}&type=pastOne`);
    assert.deepEqual(alone.body.meetings.map((m: { topic: string }) => m.topic), ['Focus time']);
    const joined = await api.get(`/v2/report/users/${run.users.bob}/meetings?${NOV}&type=pastJoined`);
    // Bob was in his own focus time too (as its host).
    assert.deepEqual(joined.body.meetings.map((m: { topic: string }) => m.topic), ['Stand-up', 'Focus time', 'Stand-up']);
    assert.equal(joined.body.meetings[0].join_time, '2026-11-02T09:00:00Z');
    const unknown = await api.get(`/v2/report/users/nobody/meetings?${NOV}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
  });
});

describe('A meeting (details, participants, polls)', () => {
  test('details of the last instance; by UUID the first; participants one per stint; poll answers', async () => {
    const id = run.meetings.standup;
    const last = await api.get(`/v2/report/meetings/${id}`);
    assert.equal(last.status, 200, last.raw);
    assert.equal(last.body.participants_count, 2);
    assert.equal(last.body.total_minutes, 60);
    const instances = await api.get(`/v2/past_meetings/${id}/instances`);
    const uuid = encodeURIComponent(instances.body.meetings[0].uuid);
    const first = await api.get(`/v2/report/meetings/${uuid}`);
    assert.equal(first.body.duration, 40);
    assert.equal(first.body.total_minutes, 100);
    const people = await api.get(`/v2/report/meetings/${uuid}/participants?page_size=300`);
    assert.equal(people.status, 200, people.raw);
    // Ada, Bob, Cy, Bob again: Bob's two stints are 20 and 15 minutes.
    assert.equal(people.body.total_records, 4);
    const bob = people.body.participants.filter((p: { name: string }) => p.name === 'Bob Byte');
    assert.deepEqual(bob.map((p: { duration: number }) => p.duration), [1200, 900]);
    assert.equal(bob[0].participant_user_id, run.users.bob);
    const polls = await api.get(`/v2/report/meetings/${uuid}/polls`);
    assert.equal(polls.status, 200, polls.raw);
    const tally: Record<string, number> = {};
    for (const q of polls.body.questions) for (const d of q.question_details) tally[d.answer] = (tally[d.answer] ?? 0) + 1;
    assert.deepEqual(tally, { Pizza: 1, Sushi: 1 });
    const missing = await api.get('/v2/report/meetings/99999999999');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 3001);
  });
});

describe('Sign-in and sign-out activity, upcoming events', () => {
  test('activities newest first; upcoming events are scheduled meetings in the range', async () => {
    const r = await api.get(`/v2/report/activities?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.activity_logs.map((a: { type: string; time: string }) => [a.type, a.time]), [['Sign out', '2026-11-03T17:00:00Z'], ['Sign in', '2026-11-02T08:30:00Z']]);
    assert.equal(r.body.activity_logs[0].email, 'ada@small-team.example.com');
    const soon = await api.post(`/v2/users/${run.users.ada}/meetings`, { topic: 'Planning', type: 2, start_time: '2026-11-20T10:00:00Z', duration: 60 });
    assert.equal(soon.status, 201, soon.raw);
    const up = await api.get('/v2/report/upcoming_events?from=2026-11-04&to=2026-11-30');
    assert.equal(up.status, 200, up.raw);
    assert.deepEqual(up.body.upcoming_events.map((e: { topic: string }) => e.topic), ['Planning']);
    assert.equal(up.body.upcoming_events[0].host_id, run.users.ada);
  });
});

describe('Operation logs (reportOperationLogs)', () => {
  test('the admin operations the API recorded, by category, newest first; a refused write leaves none', async () => {
    const r = await api.get(`/v2/report/operationlogs?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    // The scenario added Ada and Bob and set their departments, as the account's app (the owner operates).
    const owner = (await api.get(`/v2/users/${run.users.owner}`)).body.email;
    assert.deepEqual(r.body.operation_logs.map((l: any) => `${l.category_type} ${l.action} ${l.operator === owner}`).sort(), ['user Add true', 'user Add true', 'user Update true', 'user Update true']);
    assert.ok(r.body.operation_logs.some((l: any) => l.operation_detail === 'User: ada@small-team.example.com'));
    const taken = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'ada@small-team.example.com', type: 1 } });
    assert.equal(taken.status, 409, taken.raw);
    const role = await api.post('/v2/roles', { name: 'Auditors', privileges: ['UsageReport:Read'] });
    assert.equal(role.status, 201, role.raw);
    const roles = await api.get(`/v2/report/operationlogs?${NOV}&category_type=role`);
    assert.deepEqual(roles.body.operation_logs.map((l: any) => [l.action, l.operation_detail]), [['Add', 'Role: Auditors']]);
    const all = await api.get(`/v2/report/operationlogs?${NOV}`);
    assert.equal(all.body.operation_logs.length, 5);
    assert.equal(all.body.operation_logs[0].category_type, 'role');
  });
});

describe('Plans, accounts, roles', () => {
  test('a free account gets "Only available for Paid account"', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const free = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    for (const path of ['/v2/report/daily', `/v2/report/users?${NOV}`, `/v2/report/activities?${NOV}`]) {
      const r = await free.get(path);
      assert.equal(r.status, 400, `${path} ${r.raw}`);
      assert.equal(r.body.code, 200);
      assert.match(r.body.message, /Only available for Paid account/);
    }
  });

  test("another account sees none of this account's meetings or users", async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const other = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    assert.equal((await other.get(`/v2/report/meetings/${run.meetings.standup}`)).status, 404);
    assert.equal((await other.get(`/v2/report/meetings/${run.meetings.standup}/participants`)).status, 404);
    assert.equal((await other.get(`/v2/report/users/${run.users.ada}/meetings?${NOV}`)).status, 404);
    const daily = await other.get('/v2/report/daily?year=2026&month=11');
    assert.equal(daily.body.dates.reduce((n: number, d: { meetings: number }) => n + d.meetings, 0), 0);
  });

  test('a Member holding every scope is refused', async () => {
    const token = await s.client.post('/_openzoom/tokens', { account_id: run.account_id, user_id: run.users.bob });
    assert.equal(token.status, 201, token.raw);
    const member = s.client.withToken(token.body.access_token);
    const r = await member.get(`/v2/report/users?${NOV}`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
  });
});
