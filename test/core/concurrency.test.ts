// A busy CI: many requests at once on the same rows, through one server and
// through two servers on one database. Every acknowledged update survives,
// and racing duplicate creates answer Zoom's duplicate errors, never 500.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sharedDatabase, startServer, type TestServer } from '../helpers/server.ts';
import type { TestClient } from '../helpers/client.ts';

// in_meeting switches a Pro account's user may change freely.
const SWITCHES = [
  'annotation',
  'attendee_on_hold',
  'auto_saving_chat',
  'breakout_room',
  'chat',
  'closed_caption',
  'co_host',
  'far_end_camera_control',
  'feedback',
  'file_transfer',
  'group_hd',
  'join_from_desktop',
  'join_from_mobile',
  'meeting_reactions',
  'non_verbal_feedback',
  'polling',
  'private_chat',
  'remote_control',
  'remote_support',
  'screen_sharing',
  'share_dual_camera',
  'virtual_background',
  'waiting_room',
  'whiteboard',
];
const PROFILE = ['first_name', 'last_name', 'dept', 'company', 'job_title', 'cost_center', 'location', 'pronouns'];

/**
 * Sends every update at once: half through `a`, half through `b`. Each is
 * acknowledged (204) or, past 30 lost races on a starved machine, answered 429
 * to be retried — never anything else. Answers the names acknowledged.
 */
async function updateTogether(a: TestClient, b: TestClient, userId: string, current: Record<string, boolean>): Promise<Set<string>> {
  const names = [...SWITCHES, ...PROFILE];
  const requests = [
    ...SWITCHES.map((name, i) => (i % 2 ? a : b).patch(`/v2/users/${userId}/settings`, { in_meeting: { [name]: !current[name] } })),
    ...PROFILE.map((name, i) => (i % 2 ? b : a).patch(`/v2/users/${userId}`, { [name]: `${name} value` })),
  ];
  const statuses = (await Promise.all(requests)).map((r) => r.status);
  assert.deepEqual(statuses.filter((x) => x !== 204 && x !== 429), []);
  const acknowledged = new Set(names.filter((_, i) => statuses[i] === 204));
  assert.ok(acknowledged.size >= names.length / 2, `only ${acknowledged.size} acknowledged`);
  return acknowledged;
}

/** Every acknowledged update is there. */
async function expectAllSurvived(client: TestClient, userId: string, current: Record<string, boolean>, acknowledged: Set<string>): Promise<void> {
  const settings = await client.get(`/v2/users/${userId}/settings`);
  const lost = SWITCHES.filter((name) => acknowledged.has(name) && settings.body.in_meeting[name] !== !current[name]);
  assert.deepEqual(lost, [], 'settings updates lost');
  const user = await client.get(`/v2/users/${userId}`);
  assert.deepEqual(
    PROFILE.filter((name) => acknowledged.has(name) && user.body[name] !== `${name} value`),
    [],
    'profile updates lost',
  );
}

describe('one server', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('32 concurrent updates of one user (settings and profile fields) all survive', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'busy@example.com', type: 2 } });
    const current = (await s.api.get(`/v2/users/${u.body.id}/settings`)).body.in_meeting as Record<string, boolean>;
    const acknowledged = await updateTogether(s.api, s.api, u.body.id, current);
    await expectAllSurvived(s.api, u.body.id, current, acknowledged);
  });

  test('60 clients updating one field of one user at once: each answered 204 (or 429 to retry, never 500), the last acknowledged value stays', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'hot@example.com', type: 1 } });
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => s.api.patch(`/v2/users/${u.body.id}`, { dept: `Dept ${i}` })));
    const statuses = new Set(replies.map((r) => r.status));
    assert.ok([...statuses].every((x) => x === 204 || x === 429), [...statuses].join());
    for (const r of replies.filter((x) => x.status === 429)) assert.equal(r.body.code, 429);
    const acknowledged = replies.flatMap((r, i) => (r.status === 204 ? [`Dept ${i}`] : []));
    assert.ok(acknowledged.length >= 30, `only ${acknowledged.length} acknowledged`);
    assert.ok(acknowledged.includes((await s.api.get(`/v2/users/${u.body.id}`)).body.dept));
  });

  test('concurrent account settings updates all survive', async () => {
    const current = (await s.api.get('/v2/accounts/me/settings')).body.in_meeting as Record<string, boolean>;
    const names = SWITCHES.slice(0, 12);
    const replies = await Promise.all(names.map((name) => s.api.patch('/v2/accounts/me/settings', { in_meeting: { [name]: !current[name] } })));
    assert.deepEqual([...new Set(replies.map((r) => r.status))], [204]);
    const after = (await s.api.get('/v2/accounts/me/settings')).body.in_meeting as Record<string, boolean>;
    assert.deepEqual(names.filter((n) => after[n] !== !current[n]), []);
  });

  test('30 concurrent creates of one email: one 201, the rest 409/1005, one user stored', async () => {
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'Twin@Example.com', type: 1 } })),
    );
    assert.equal(replies.filter((r) => r.status === 201).length, 1);
    for (const r of replies.filter((r) => r.status !== 201)) {
      assert.equal(r.status, 409);
      assert.deepEqual(r.body, { code: 1005, message: 'Email "twin@example.com" has already been used.' });
    }
    const created = replies.find((r) => r.status === 201)!;
    assert.equal((await s.api.get('/v2/users/twin@example.com')).body.id, created.body.id);
  });

  test('30 concurrent creates of one group name: one 201, the rest 409/4132', async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, () => s.api.post('/v2/groups', { name: 'Racers' })));
    assert.equal(replies.filter((r) => r.status === 201).length, 1);
    for (const r of replies.filter((r) => r.status !== 201)) {
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 4132);
    }
    const groups = await s.api.get('/v2/groups');
    assert.equal(groups.body.groups.filter((g: { name: string }) => g.name === 'Racers').length, 1);
  });

  test('30 concurrent creates of one role name: one created, the rest 400/1224', async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, () => s.api.post('/v2/roles', { name: 'Racer role', privileges: ['User:Read'] })));
    const created = replies.filter((r) => r.status < 300);
    assert.equal(created.length, 1);
    for (const r of replies.filter((r) => r.status >= 300)) assert.deepEqual([r.status, r.body.code], [400, 1224]);
    const roles = await s.api.get('/v2/roles?type=common');
    assert.equal(roles.body.roles.filter((r: { name: string }) => r.name === 'Racer role').length, 1);
  });
});

describe('two servers on one database', () => {
  let a: TestServer;
  let b: TestServer;
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  before(async () => {
    shared = await sharedDatabase();
    a = await startServer({}, shared.target);
    b = await startServer({}, shared.target);
  });
  after(async () => {
    await a.close();
    await b.close();
    await shared.drop();
  });

  test('updates of one user sent to both servers at once all survive', async () => {
    const u = await a.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'shared@example.com', type: 2 } });
    const current = (await b.api.get(`/v2/users/${u.body.id}/settings`)).body.in_meeting as Record<string, boolean>;
    const acknowledged = await updateTogether(a.api, b.api, u.body.id, current);
    await expectAllSurvived(b.api, u.body.id, current, acknowledged);
    await expectAllSurvived(a.api, u.body.id, current, acknowledged);
  });

  test('duplicate creates sent to both servers at once: one 201, the rest 409/1005', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).api.post('/v2/users', { action: 'custCreate', user_info: { email: 'both@example.com', type: 1 } }),
      ),
    );
    assert.equal(replies.filter((r) => r.status === 201).length, 1);
    assert.deepEqual([...new Set(replies.filter((r) => r.status !== 201).map((r) => `${r.status}/${r.body.code}`))], ['409/1005']);
  });
});
