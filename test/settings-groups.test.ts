// Group settings: getGroupSettings, updateGroupSettings, getGroupLockSettings,
// groupLockedSettings, groupSettingsRegistration, groupSettingsRegistrationUpdate,
// and the account ← group ← user inheritance with locks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
async function newGroup(): Promise<string> {
  const r = await s.api.post('/v2/groups', { name: `Settings group ${++n}` });
  assert.equal(r.status, 201, r.raw);
  return r.body.id as string;
}
async function newMember(groupId: string): Promise<string> {
  const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `gs${++n}@example.com`, type: 1 } });
  assert.equal(u.status, 201, u.raw);
  const m = await s.api.post(`/v2/groups/${groupId}/members`, { members: [{ id: u.body.id }] });
  assert.equal(m.status, 201, m.raw);
  return u.body.id as string;
}

describe('Group settings (getGroupSettings, updateGroupSettings)', () => {
  test('a group sees the account values, then its own; its members follow it', async () => {
    const groupId = await newGroup();
    const userId = await newMember(groupId);
    await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: true } });
    let g = await s.api.get(`/v2/groups/${groupId}/settings`);
    assert.equal(g.status, 200);
    assert.equal(g.body.schedule_meeting.host_video, true);
    assert.equal(g.body.in_meeting.waiting_room, true);
    const u = await s.api.patch(`/v2/groups/${groupId}/settings`, { schedule_meeting: { host_video: false, mute_upon_entry: true } });
    assert.equal(u.status, 204, u.raw);
    g = await s.api.get(`/v2/groups/${groupId}/settings`);
    assert.equal(g.body.schedule_meeting.host_video, false);
    assert.equal(g.body.schedule_meeting.mute_upon_entry, true);
    const user = await s.api.get(`/v2/users/${userId}/settings`);
    assert.equal(user.body.schedule_meeting.host_video, false, 'the member follows its group over the account');
    assert.equal((await s.api.get('/v2/accounts/me/settings')).body.schedule_meeting.host_video, true);
    await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: false } });
  });

  test('every option shape answers and updates for groups', async () => {
    const groupId = await newGroup();
    for (const option of ['meeting_authentication', 'recording_authentication', 'meeting_security']) {
      assert.equal((await s.api.get(`/v2/groups/${groupId}/settings?option=${option}`)).status, 200, option);
    }
    const r = await s.api.patch(`/v2/groups/${groupId}/settings?option=meeting_security`, { meeting_security: { meeting_password: false } });
    assert.equal(r.status, 204);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings?option=meeting_security`)).body.meeting_security.meeting_password, false);
    const ra = await s.api.patch(`/v2/groups/${groupId}/settings?option=recording_authentication`, { recording_authentication: true });
    assert.equal(ra.status, 204);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings?option=recording_authentication`)).body.recording_authentication, true);
    const f = await s.api.get(`/v2/groups/${groupId}/settings?custom_query_fields=meeting_password`);
    assert.deepEqual(Object.keys(f.body), []);
  });

  test('unknown groups answer 4130; wrong types answer 300 and write nothing', async () => {
    assert.equal((await s.api.get('/v2/groups/nogroup/settings')).body.code, 4130);
    assert.equal((await s.api.patch('/v2/groups/nogroup/settings', { in_meeting: { chat: true } })).body.code, 4130);
    const groupId = await newGroup();
    const bad = await s.api.patch(`/v2/groups/${groupId}/settings`, { in_meeting: { polling: false, chat: 'no' } });
    assert.equal(bad.body.code, 300);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings`)).body.in_meeting.polling, true);
  });
});

describe('Group lock settings (getGroupLockSettings, groupLockedSettings)', () => {
  test('a group lock holds its members to the group value', async () => {
    const groupId = await newGroup();
    const userId = await newMember(groupId);
    const outsider = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `out${++n}@example.com`, type: 1 } });
    await s.api.patch(`/v2/groups/${groupId}/settings`, { in_meeting: { private_chat: false } });
    assert.equal((await s.api.patch(`/v2/groups/${groupId}/lock_settings`, { in_meeting: { private_chat: true } })).status, 204);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/lock_settings`)).body.in_meeting.private_chat, true);
    const r = await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { private_chat: true } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.in_meeting.private_chat, false);
    // Users outside the group are not bound by it.
    assert.equal((await s.api.patch(`/v2/users/${outsider.body.id}/settings`, { in_meeting: { private_chat: false } })).status, 204);
  });

  test('an account lock binds groups and their members', async () => {
    const groupId = await newGroup();
    const userId = await newMember(groupId);
    await s.api.patch('/v2/accounts/me/lock_settings', { recording: { auto_recording: true } });
    const r = await s.api.patch(`/v2/groups/${groupId}/settings`, { recording: { auto_recording: 'cloud' } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings`)).body.recording.auto_recording, 'none');
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.recording.auto_recording, 'none');
    await s.api.patch('/v2/accounts/me/lock_settings', { recording: { auto_recording: false } });
    assert.equal((await s.api.patch(`/v2/groups/${groupId}/settings`, { recording: { auto_recording: 'cloud' } })).status, 204);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.recording.auto_recording, 'cloud');
  });

  test('option=meeting_security; unknown groups 4130; wrong types 300', async () => {
    const groupId = await newGroup();
    const ms = await s.api.get(`/v2/groups/${groupId}/lock_settings?option=meeting_security`);
    assert.deepEqual(Object.keys(ms.body), ['meeting_security']);
    assert.equal((await s.api.get('/v2/groups/nogroup/lock_settings')).body.code, 4130);
    assert.equal((await s.api.patch('/v2/groups/nogroup/lock_settings', { in_meeting: { chat: true } })).body.code, 4130);
    const bad = await s.api.patch(`/v2/groups/${groupId}/lock_settings`, { in_meeting: { chat: 1 }, schedule_meeting: { host_video: true } });
    assert.equal(bad.body.code, 300);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/lock_settings`)).body.schedule_meeting.host_video, false);
  });
});

describe('Group webinar registration (groupSettingsRegistration, groupSettingsRegistrationUpdate)', () => {
  test('inherits the account, then keeps its own; type is required', async () => {
    const groupId = await newGroup();
    await s.api.patch('/v2/accounts/me/settings/registration', { approve_type: 1 });
    let r = await s.api.get(`/v2/groups/${groupId}/settings/registration?type=webinar`);
    assert.equal(r.status, 200);
    assert.equal(r.body.approve_type, 1);
    const u = await s.api.patch(`/v2/groups/${groupId}/settings/registration?type=webinar`, { approve_type: 0, options: { host_email_notification: true } });
    assert.equal(u.status, 204, u.raw);
    r = await s.api.get(`/v2/groups/${groupId}/settings/registration?type=webinar`);
    assert.equal(r.body.approve_type, 0);
    assert.equal(r.body.options.host_email_notification, true);
    assert.equal((await s.api.get('/v2/accounts/me/settings/registration')).body.approve_type, 1);
    const missing = await s.api.get(`/v2/groups/${groupId}/settings/registration`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 300);
    assert.equal((await s.api.get('/v2/groups/nogroup/settings/registration?type=webinar')).body.code, 4130);
    const bad = await s.api.patch(`/v2/groups/${groupId}/settings/registration?type=webinar`, { approve_type: 'x' });
    assert.equal(bad.body.code, 300);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings/registration?type=webinar`)).body.approve_type, 0);
  });
});

describe('Isolation (groups)', () => {
  test('another account can neither read nor change a group\'s settings', async () => {
    const groupId = await newGroup();
    await s.api.patch(`/v2/groups/${groupId}/settings`, { in_meeting: { polling: false } });
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const other = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const demoAccount = (s as unknown as { demo: { accountId: string } }).demo.accountId;
    const urls = [
      [`/v2/groups/${groupId}/settings`, { in_meeting: { polling: true } }],
      [`/v2/groups/${groupId}/lock_settings`, { in_meeting: { polling: true } }],
      [`/v2/groups/${groupId}/settings/registration?type=webinar`, { approve_type: 1 }],
    ] as const;
    for (const [url, body] of urls) {
      assert.equal((await other.get(url)).body.code, 4130, url);
      assert.equal((await other.patch(url, body)).body.code, 4130, url);
      const master = url.replace('/v2/', `/v2/accounts/${demoAccount}/`);
      assert.equal((await other.get(master)).status, 404, master);
      assert.equal((await other.patch(master, body)).status, 404, master);
    }
    assert.equal((await s.api.get(`/v2/groups/${groupId}/settings`)).body.in_meeting.polling, false);
    assert.equal((await s.api.get(`/v2/groups/${groupId}/lock_settings`)).body.in_meeting.polling, false);
    // The own account id works as a master path.
    assert.equal((await s.api.get(`/v2/accounts/${demoAccount}/groups/${groupId}/settings`)).body.in_meeting.polling, false);
  });
});
