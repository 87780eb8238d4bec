// Every event the implemented operations emit: each is triggered here through
// the API (or the OAuth pages), arrives at a real endpoint signed as Zoom signs
// it, and its whole body validates against Zoom's catalogue. Updates carry only
// what changed, in object and old_object.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { Receiver, type Received } from './helpers/receiver.ts';
import { assertValidEvent, eventsSince, expectEvent, expectNoEvents, markEvents } from './helpers/events.ts';

const EVENTS = [
  'user.created', 'user.updated', 'user.deleted', 'user.activated', 'user.deactivated', 'user.disassociated',
  'user.settings_updated', 'user.presence_status_updated', 'user.signed_in', 'user.signed_out',
  'group.created', 'group.updated', 'group.deleted', 'group.member_added', 'group.member_deleted', 'group.admin_added',
  'group.admin_deleted', 'group.settings_updated', 'group.lock_settings_updated',
  'account.created', 'account.settings_updated', 'account.lock_settings_updated', 'account.disassociated',
  'information_barriers.policy_created', 'information_barriers.policy_updated', 'information_barriers.policy_deleted',
];
const REDIRECT = 'https://app.example.com/callback';

let s: TestServer;
let rx: Receiver;
let api: TestClient;
let acct: { account_id: string; client_id: string; owner_id: string; owner_email: string };

before(async () => {
  s = await startServer();
  rx = await new Receiver().start();
  const a = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  acct = a.body;
  api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
  const sub = await s.client.post('/_openzoom/event_subscriptions', {
    account_id: acct.account_id, client_id: acct.client_id, endpoint_url: rx.url, secret_token: rx.secret, events: EVENTS,
  });
  assert.equal(sub.body.status, 'validated', sub.raw);
});
after(async () => {
  await s.close();
  await rx.close();
});

/** Runs `action`, then answers the event named (matching `match`) as emitted, and as it arrived at the endpoint. */
async function expectDelivered(name: string, action: () => Promise<unknown>, match: (e: any) => boolean = () => true): Promise<any> {
  const mark = await markEvents(s);
  const arrived = rx.next((r) => r.body?.event === name && match(r.body));
  await action();
  const emitted = expectEvent(await eventsSince(s, mark, acct.account_id), name, match);
  const r: Received = await arrived;
  assert.equal(r.signed, true, `${name} arrives signed`);
  assert.deepEqual(r.body, emitted, `${name} arrives as emitted`);
  assertValidEvent(r.body);
  assert.equal(r.body.payload.account_id, acct.account_id);
  return r.body;
}

let n = 0;
const newUser = async () => {
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email: `e${++n}@emits.example.com`, type: 1, first_name: 'Ada', last_name: `L${n}` } });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; email: string };
};

describe('user events', () => {
  test('user.created names the creation type and the user; the operator is the account owner for an account-level token', async () => {
    let id = '';
    const e = await expectDelivered('user.created', async () => (id = (await newUser()).id));
    assert.equal(e.payload.creation_type, 'custCreate');
    assert.deepEqual(e.payload.object, { id, first_name: 'Ada', last_name: `L${n}`, display_name: `Ada L${n}`, email: `e${n}@emits.example.com`, type: 1 });
    assert.equal(e.payload.operator, acct.owner_email);
    assert.equal(e.payload.operator_id, acct.owner_id);
  });

  test('user.updated carries only the changed fields, old and new; an update that changes nothing Zoom reports emits nothing', async () => {
    const u = await newUser();
    const e = await expectDelivered('user.updated', () => api.patch(`/v2/users/${u.id}`, { first_name: 'Grace', dept: 'Research' }));
    assert.deepEqual(e.payload.object, { id: u.id, first_name: 'Grace', display_name: `Grace L${n}`, dept: 'Research' });
    assert.deepEqual(e.payload.old_object, { id: u.id, first_name: 'Ada', display_name: `Ada L${n}`, dept: '' });
    const mark = await markEvents(s);
    assert.equal((await api.patch(`/v2/users/${u.id}`, { dept: 'Research' })).status, 204);
    await expectNoEvents(s, mark);
    const mail = await expectDelivered('user.updated', () => api.put(`/v2/users/${u.id}/email`, { email: `moved${n}@emits.example.com` }));
    assert.deepEqual(mail.payload.object, { id: u.id, email: `moved${n}@emits.example.com` });
  });

  test('user.deactivated and user.activated', async () => {
    const u = await newUser();
    const off = await expectDelivered('user.deactivated', () => api.put(`/v2/users/${u.id}/status`, { action: 'deactivate' }));
    assert.equal(off.payload.object.id, u.id);
    await expectDelivered('user.activated', () => api.put(`/v2/users/${u.id}/status`, { action: 'activate' }));
  });

  test("user.presence_status_updated, in the event's spelling of the status", async () => {
    const u = await newUser();
    const e = await expectDelivered('user.presence_status_updated', () => api.put(`/v2/users/${u.id}/presence_status`, { status: 'Do_No_Disturb', duration: 30 }));
    assert.equal(e.payload.object.presence_status, 'Do_Not_Disturb');
    assert.equal(e.payload.object.email, u.email);
  });

  test('user.settings_updated carries the settings that changed', async () => {
    const u = await newUser();
    const e = await expectDelivered('user.settings_updated', () => api.patch(`/v2/users/${u.id}/settings`, { schedule_meeting: { host_video: true } }));
    assert.deepEqual(e.payload.object, { id: u.id, settings: { schedule_meeting: { host_video: true } } });
    assert.deepEqual(e.payload.old_object, { id: u.id, settings: { schedule_meeting: { host_video: false } } });
  });

  test('user.disassociated (the default action) and user.deleted', async () => {
    const a = await newUser();
    const e = await expectDelivered('user.disassociated', () => api.delete(`/v2/users/${a.id}`));
    assert.equal(e.payload.object.email, a.email);
    const b = await newUser();
    await expectDelivered('user.deleted', () => api.delete(`/v2/users/${b.id}?action=delete`));
  });

  test('user.signed_in when a user approves an app on the consent page; user.signed_out when its token is revoked', async () => {
    const app = (await s.client.post('/_openzoom/apps', { account_id: acct.account_id, app_type: 'oauth', scopes: ['user:read'], redirect_uris: [REDIRECT] })).body;
    const form = (body: Record<string, string>, auth?: string) => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
      payload: new URLSearchParams(body).toString(),
    });
    let code = '';
    const inE = await expectDelivered('user.signed_in', async () => {
      const r = await s.app.inject({ method: 'POST', url: '/oauth/authorize', ...form({ response_type: 'code', client_id: app.client_id, redirect_uri: REDIRECT, email: acct.owner_email, approve: '1' }) });
      assert.equal(r.statusCode, 302, r.body);
      code = new URL(String(r.headers.location)).searchParams.get('code')!;
    });
    assert.equal(inE.payload.object.id, acct.owner_id);
    assert.equal(inE.payload.object.client_type, 'browser');
    const basic = `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`;
    const token = await s.app.inject({ method: 'POST', url: '/oauth/token', ...form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic) });
    const access = JSON.parse(token.body).access_token as string;
    await expectDelivered('user.signed_out', async () => {
      const r = await s.app.inject({ method: 'POST', url: `/oauth/revoke?token=${encodeURIComponent(access)}`, headers: { authorization: basic } });
      assert.equal(r.statusCode, 200, r.body);
    });
  });
});

describe('group events', () => {
  test('created, updated (old and new name), members and admins added and removed, settings and lock settings, deleted', async () => {
    let id = '';
    await expectDelivered('group.created', async () => (id = (await api.post('/v2/groups', { name: 'Emitters' })).body.id));
    const up = await expectDelivered('group.updated', () => api.patch(`/v2/groups/${id}`, { name: 'Emitters 2' }));
    assert.deepEqual(up.payload.old_object, { id, name: 'Emitters' });
    const u = await newUser();
    const added = await expectDelivered('group.member_added', () => api.post(`/v2/groups/${id}/members`, { members: [{ id: u.id }] }));
    assert.deepEqual(added.payload.object, { id, members: [{ id: u.id, email: u.email }] });
    await expectDelivered('group.admin_added', () => api.post(`/v2/groups/${id}/admins`, { admins: [{ id: u.id }] }));
    await expectDelivered('group.admin_deleted', () => api.delete(`/v2/groups/${id}/admins/${u.id}`));
    await expectDelivered('group.member_deleted', () => api.delete(`/v2/groups/${id}/members/${u.id}`));
    const set = await expectDelivered('group.settings_updated', () => api.patch(`/v2/groups/${id}/settings`, { schedule_meeting: { host_video: true } }));
    assert.deepEqual(set.payload.object.settings, { schedule_meeting: { host_video: true } });
    await expectDelivered('group.lock_settings_updated', () => api.patch(`/v2/groups/${id}/lock_settings`, { schedule_meeting: { host_video: true } }));
    await expectDelivered('group.deleted', () => api.delete(`/v2/groups/${id}`));
  });
});

describe('account events', () => {
  test('settings and lock settings updated', async () => {
    const e = await expectDelivered('account.settings_updated', () => api.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: true } }));
    assert.deepEqual(e.payload.object, { id: acct.account_id, settings: { schedule_meeting: { host_video: true } } });
    await expectDelivered('account.lock_settings_updated', () => api.patch('/v2/accounts/me/lock_settings', { schedule_meeting: { host_video: true } }));
  });

  test("a sub account created and disassociated: the master's apps hear of both", async () => {
    let sub = '';
    const created = await expectDelivered('account.created', async () => {
      const r = await api.post('/v2/accounts', { email: 'sub-owner@sub.example.org', first_name: 'Sub', last_name: 'Owner', password: 'Tr0ub4dor&3' });
      assert.equal(r.status, 201, r.raw);
      sub = r.body.id;
    });
    assert.equal(created.payload.object.id, sub);
    assert.equal(created.payload.object.email, 'sub-owner@sub.example.org');
    const gone = await expectDelivered('account.disassociated', () => api.delete(`/v2/accounts/${sub}`));
    assert.equal(gone.payload.object.id, sub);
  });

  test('information barrier policies created, updated and deleted', async () => {
    const g1 = (await api.post('/v2/groups', { name: 'Wall A' })).body.id;
    const g2 = (await api.post('/v2/groups', { name: 'Wall B' })).body.id;
    const settings = { complete_phone_calls: true, file_transfer: true, im: true, in_meeting_chat: true, meeting: true, message_via_sms: true, recording: true, screen_share: true };
    const body = { id: 'ignored', policy_name: 'Walls', assigned_group_id: g1, to_group_id: g2, status: 1, type: 0, settings };
    let id = '';
    await expectDelivered('information_barriers.policy_created', async () => (id = (await api.post('/v2/information_barriers/policies', body)).body.id));
    const up = await expectDelivered('information_barriers.policy_updated', () => api.patch(`/v2/information_barriers/policies/${id}`, { ...body, policy_name: 'Taller walls' }));
    assert.equal(up.payload.object.policy_name, 'Taller walls');
    await expectDelivered('information_barriers.policy_deleted', () => api.delete(`/v2/information_barriers/policies/${id}`));
  });
});

describe('every event of the subscription list was triggered', () => {
  test('the receiver got each one, signed', () => {
    const got = new Set(rx.events().filter((r) => r.signed).map((r) => r.body.event));
    assert.deepEqual(EVENTS.filter((e) => !got.has(e)), []);
  });
});
