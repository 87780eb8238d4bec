// Settings: account and user settings, account lock settings, webinar registration settings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
async function newUser(type = 1): Promise<string> {
  const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `set${++n}@example.com`, type, first_name: 'Set', last_name: 'Tings' } });
  assert.equal(r.status, 201, r.raw);
  return r.body.id as string;
}

/** Every leaf of a document, to prove defaults are complete. */
function leafCount(doc: unknown): number {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 1;
  return Object.values(doc).reduce<number>((a, v) => a + leafCount(v), 0);
}

describe('Get account settings (accountSettings)', () => {
  test('answers every section with realistic defaults', async () => {
    const r = await s.api.get('/v2/accounts/me/settings');
    assert.equal(r.status, 200);
    for (const k of ['schedule_meeting', 'in_meeting', 'email_notification', 'recording', 'telephony', 'feature', 'integration', 'security']) {
      assert.ok(r.body[k] && typeof r.body[k] === 'object', `section ${k}`);
    }
    assert.equal(r.body.in_meeting.chat, true);
    assert.equal(r.body.schedule_meeting.join_before_host, false);
    assert.equal(r.body.schedule_meeting.audio_type, 'both');
    assert.equal(r.body.recording.auto_recording, 'none');
    assert.equal(r.body.recording.local_recording, true);
    assert.ok(leafCount(r.body) > 300, 'every field of the schema has a value');
    assert.equal(r.body.meeting_security, undefined, 'option shapes stay out of the plain answer');
  });

  test('option=meeting_security, security, meeting_authentication, recording_authentication answer their shapes', async () => {
    const ms = await s.api.get('/v2/accounts/me/settings?option=meeting_security');
    assert.deepEqual(Object.keys(ms.body), ['meeting_security']);
    assert.equal(ms.body.meeting_security.waiting_room, true);
    const sec = await s.api.get('/v2/accounts/me/settings?option=security');
    assert.deepEqual(Object.keys(sec.body), ['security']);
    const ma = await s.api.get('/v2/accounts/me/settings?option=meeting_authentication');
    assert.equal(ma.body.meeting_authentication, false);
    assert.equal(ma.body.authentication_options[0].type, 'enforce_login');
    const ra = await s.api.get('/v2/accounts/me/settings?option=recording_authentication');
    assert.equal(ra.body.recording_authentication, false);
    assert.equal(ra.body.authentication_options.length, 1);
  });

  test('custom_query_fields keeps only the named fields', async () => {
    const r = await s.api.get('/v2/accounts/me/settings?custom_query_fields=host_video,auto_recording');
    assert.deepEqual(Object.keys(r.body).sort(), ['recording', 'schedule_meeting']);
    assert.deepEqual(Object.keys(r.body.schedule_meeting), ['host_video']);
    assert.equal(r.body.recording.auto_recording, 'none');
  });

  test('an unknown option answers 300', async () => {
    const r = await s.api.get('/v2/accounts/me/settings?option=bogus');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });
});

describe('Update account settings (accountSettingsUpdate)', () => {
  test('PATCH merges: changed fields change, the rest stays', async () => {
    const r = await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: true }, recording: { auto_recording: 'cloud' } });
    assert.equal(r.status, 204, r.raw);
    const got = await s.api.get('/v2/accounts/me/settings');
    assert.equal(got.body.schedule_meeting.host_video, true);
    assert.equal(got.body.schedule_meeting.audio_type, 'both');
    assert.equal(got.body.recording.auto_recording, 'cloud');
    await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { host_video: false }, recording: { auto_recording: 'none' } });
  });

  test('option=meeting_security updates that shape', async () => {
    const r = await s.api.patch('/v2/accounts/me/settings?option=meeting_security', { meeting_security: { pmi_password: false } });
    assert.equal(r.status, 204, r.raw);
    const got = await s.api.get('/v2/accounts/me/settings?option=meeting_security');
    assert.equal(got.body.meeting_security.pmi_password, false);
    assert.equal(got.body.meeting_security.waiting_room, true);
  });

  test('option=meeting_authentication adds, updates and deletes authentication profiles', async () => {
    const add = await s.api.patch('/v2/accounts/me/settings?option=meeting_authentication', {
      meeting_authentication: true,
      authentication_option: { action: 'add', name: 'Example staff', type: 'enforce_login_with_domains', domains: 'example.com' },
    });
    assert.equal(add.status, 204, add.raw);
    let got = await s.api.get('/v2/accounts/me/settings?option=meeting_authentication');
    assert.equal(got.body.meeting_authentication, true);
    const added = got.body.authentication_options.find((o: { name: string }) => o.name === 'Example staff');
    assert.equal(added.domains, 'example.com');
    await s.api.patch('/v2/accounts/me/settings?option=meeting_authentication', { authentication_option: { action: 'update', id: added.id, name: 'Staff' } });
    got = await s.api.get('/v2/accounts/me/settings?option=meeting_authentication');
    assert.ok(got.body.authentication_options.some((o: { name: string }) => o.name === 'Staff'));
    await s.api.patch('/v2/accounts/me/settings?option=meeting_authentication', {
      meeting_authentication: false,
      authentication_option: { action: 'delete', id: added.id },
    });
    got = await s.api.get('/v2/accounts/me/settings?option=meeting_authentication');
    assert.equal(got.body.authentication_options.length, 1);
    const missing = await s.api.patch('/v2/accounts/me/settings?option=meeting_authentication', { authentication_option: { action: 'delete', id: 'nope' } });
    assert.equal(missing.status, 400);
  });

  test('wrong types answer 300 and write nothing', async () => {
    const r = await s.api.patch('/v2/accounts/me/settings', { in_meeting: { chat: 'yes' }, schedule_meeting: { host_video: true } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
    const enumBad = await s.api.patch('/v2/accounts/me/settings', { recording: { auto_recording: 'somewhere' } });
    assert.equal(enumBad.body.code, 300);
    const got = await s.api.get('/v2/accounts/me/settings');
    assert.equal(got.body.schedule_meeting.host_video, false);
    assert.equal(got.body.recording.auto_recording, 'none');
  });
});

describe('Account lock settings (getAccountLockSettings, UpdateLockedSettings)', () => {
  test('nothing is locked by default; a lock is stored and answered', async () => {
    const r = await s.api.get('/v2/accounts/me/lock_settings');
    assert.equal(r.status, 200);
    assert.equal(r.body.schedule_meeting.host_video, false);
    assert.equal(r.body.recording.cloud_recording, false);
    const ms = await s.api.get('/v2/accounts/me/lock_settings?option=meeting_security');
    assert.deepEqual(Object.keys(ms.body), ['meeting_security']);
  });

  test('a locked value reaches users and cannot be changed below; unlocking lets it go', async () => {
    const userId = await newUser();
    await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { chat: false } });
    await s.api.patch('/v2/accounts/me/settings', { in_meeting: { chat: true } });
    assert.equal((await s.api.patch('/v2/accounts/me/lock_settings', { in_meeting: { chat: true } })).status, 204);
    const seen = await s.api.get(`/v2/users/${userId}/settings`);
    assert.equal(seen.body.in_meeting.chat, true, 'the lock wins over the user value set before it');
    const change = await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { chat: false } });
    assert.equal(change.status, 400);
    assert.equal(change.body.code, 200);
    assert.match(change.body.message, /locked/);
    const same = await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { chat: true } });
    assert.equal(same.status, 204, 'sending the locked value is accepted');
    const locks = await s.api.get('/v2/accounts/me/lock_settings');
    assert.equal(locks.body.in_meeting.chat, true);
    await s.api.patch('/v2/accounts/me/lock_settings', { in_meeting: { chat: false } });
    const freed = await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { chat: false } });
    assert.equal(freed.status, 204);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.in_meeting.chat, false);
  });

  test('wrong types answer 300 and lock nothing', async () => {
    const r = await s.api.patch('/v2/accounts/me/lock_settings', { recording: { cloud_recording: 'on' }, schedule_meeting: { host_video: true } });
    assert.equal(r.body.code, 300);
    assert.equal((await s.api.get('/v2/accounts/me/lock_settings')).body.schedule_meeting.host_video, false);
  });

  test('free accounts answer Zoom\'s paid-only error', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const c = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const r = await c.get('/v2/accounts/me/lock_settings');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    const settings = await c.get('/v2/accounts/me/settings');
    assert.equal(settings.body.recording.cloud_recording, false, 'no cloud recording on free plans');
  });
});

describe('Webinar registration settings (accountSettingsRegistration, accountSettingsRegistrationUpdate)', () => {
  test('defaults, then PATCH merges options and replaces questions', async () => {
    const r = await s.api.get('/v2/accounts/me/settings/registration?type=webinar');
    assert.equal(r.status, 200);
    assert.equal(r.body.approve_type, 0);
    assert.equal(r.body.options.allow_participants_to_join_from_multiple_devices, true);
    const u = await s.api.patch('/v2/accounts/me/settings/registration?type=webinar', {
      approve_type: 1,
      options: { close_registration: true },
      questions: [{ field_name: 'org', required: true, selected: true }],
    });
    assert.equal(u.status, 204, u.raw);
    const got = await s.api.get('/v2/accounts/me/settings/registration');
    assert.equal(got.body.approve_type, 1);
    assert.equal(got.body.options.close_registration, true);
    assert.equal(got.body.options.show_social_share_buttons, true);
    assert.deepEqual(got.body.questions, [{ field_name: 'org', required: true, selected: true }]);
  });

  test('wrong types answer 300 and write nothing', async () => {
    const r = await s.api.patch('/v2/accounts/me/settings/registration', { approve_type: 7 });
    assert.equal(r.body.code, 300);
    assert.equal((await s.api.get('/v2/accounts/me/settings/registration')).body.approve_type, 1);
  });
});

describe('User settings (userSettings, userSettingsUpdate)', () => {
  test('a user sees the account values until changing their own', async () => {
    const userId = await newUser();
    // Accounts spell it participant_video, users participants_video: one setting.
    await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { participant_video: true } });
    let r = await s.api.get(`/v2/users/${userId}/settings`);
    assert.equal(r.status, 200);
    assert.equal(r.body.schedule_meeting.participants_video, true);
    assert.equal(r.body.in_meeting.waiting_room, true);
    assert.ok(r.body.feature.meeting_capacity > 0);
    const u = await s.api.patch(`/v2/users/${userId}/settings`, { schedule_meeting: { participants_video: false } });
    assert.equal(u.status, 204, u.raw);
    r = await s.api.get(`/v2/users/${userId}/settings`);
    assert.equal(r.body.schedule_meeting.participants_video, false);
    const other = await newUser();
    assert.equal((await s.api.get(`/v2/users/${other}/settings`)).body.schedule_meeting.participants_video, true);
    await s.api.patch('/v2/accounts/me/settings', { schedule_meeting: { participant_video: false } });
  });

  test('every option shape answers for users', async () => {
    const userId = await newUser();
    for (const option of ['meeting_authentication', 'recording_authentication', 'meeting_security']) {
      const r = await s.api.get(`/v2/users/${userId}/settings?option=${option}`);
      assert.equal(r.status, 200, option);
    }
    const ms = await s.api.patch(`/v2/users/${userId}/settings?option=meeting_security`, { meeting_security: { waiting_room: false } });
    assert.equal(ms.status, 204);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings?option=meeting_security`)).body.meeting_security.waiting_room, false);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.in_meeting.waiting_room, false, 'one waiting room setting');
    const auth = await s.api.get(`/v2/users/${userId}/settings?option=meeting_authentication`);
    const first = auth.body.authentication_options.meeting_authentication.authentication_options[0];
    const hide = await s.api.patch(`/v2/users/${userId}/settings?option=meeting_authentication`, { authentication_option: { action: 'hide', id: first.id } });
    assert.equal(hide.status, 204, hide.raw);
    const after = await s.api.get(`/v2/users/${userId}/settings?option=meeting_authentication`);
    assert.equal(after.body.authentication_options.meeting_authentication.authentication_options[0].visible, false);
  });

  test('me answers the token user\'s settings', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const tok = await s.client.post('/_openzoom/tokens', { account_id: acct.body.account_id, user_id: acct.body.owner_id, scopes: ['user:read', 'user:write'] });
    const c = s.client.withToken(tok.body.access_token);
    assert.equal((await c.patch('/v2/users/me/settings', { in_meeting: { polling: false } })).status, 204);
    assert.equal((await c.get('/v2/users/me/settings')).body.in_meeting.polling, false);
  });

  test('webinar and large meeting need a licensed user (1122, 1108)', async () => {
    const basic = await newUser(1);
    const r = await s.api.patch(`/v2/users/${basic}/settings`, { feature: { webinar: true } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 1122);
    const l = await s.api.patch(`/v2/users/${basic}/settings`, { feature: { large_meeting: true } });
    assert.equal(l.body.code, 1108);
  });

  test('unknown users answer 1001; wrong types answer 300 and write nothing', async () => {
    assert.equal((await s.api.get('/v2/users/nobody123/settings')).body.code, 1001);
    assert.equal((await s.api.patch('/v2/users/nobody123/settings', { in_meeting: { chat: true } })).body.code, 1001);
    const userId = await newUser();
    const bad = await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { co_host: false, chat: 3 } });
    assert.equal(bad.body.code, 300);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.in_meeting.co_host, true);
  });
});

describe('Isolation', () => {
  test('another account can neither read nor change anything of this one', async () => {
    const userId = await newUser();
    await s.api.patch(`/v2/users/${userId}/settings`, { in_meeting: { annotation: false } });
    await s.api.patch('/v2/accounts/me/settings', { in_meeting: { whiteboard: false } });
    await s.api.patch('/v2/accounts/me/lock_settings', { recording: { cloud_recording: true } });
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const other = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const demoAccount = (s as unknown as { demo: { accountId: string } }).demo.accountId;

    assert.equal((await other.get(`/v2/users/${userId}/settings`)).body.code, 1001);
    assert.equal((await other.patch(`/v2/users/${userId}/settings`, { in_meeting: { annotation: true } })).body.code, 1001);
    // Its own settings are its own: nothing of the first account shows.
    assert.equal((await other.get('/v2/accounts/me/settings')).body.in_meeting.whiteboard, true);
    assert.equal((await other.get('/v2/accounts/me/lock_settings')).body.recording.cloud_recording, false);
    await other.patch('/v2/accounts/me/settings', { in_meeting: { whiteboard: true, breakout_room: false } });
    await other.patch('/v2/accounts/me/lock_settings', { in_meeting: { whiteboard: true } });
    await other.patch('/v2/accounts/me/settings/registration', { approve_type: 0 });
    assert.equal((await s.api.get('/v2/accounts/me/settings')).body.in_meeting.whiteboard, false);
    assert.equal((await s.api.get('/v2/accounts/me/settings')).body.in_meeting.breakout_room, true);
    assert.equal((await s.api.get('/v2/accounts/me/lock_settings')).body.in_meeting.whiteboard, false);
    assert.equal((await s.api.get(`/v2/users/${userId}/settings`)).body.in_meeting.annotation, false);

    // Master paths of an unrelated account answer 404.
    for (const [method, url, body] of [
      ['GET', `/v2/accounts/${demoAccount}/settings`],
      ['PATCH', `/v2/accounts/${demoAccount}/settings`, { in_meeting: { whiteboard: true } }],
      ['GET', `/v2/accounts/${demoAccount}/lock_settings`],
      ['PATCH', `/v2/accounts/${demoAccount}/lock_settings`, { in_meeting: { whiteboard: true } }],
      ['GET', `/v2/accounts/${demoAccount}/settings/registration`],
      ['PATCH', `/v2/accounts/${demoAccount}/settings/registration`, { approve_type: 0 }],
      ['GET', `/v2/accounts/${demoAccount}/users/${userId}/settings`],
      ['PATCH', `/v2/accounts/${demoAccount}/users/${userId}/settings`, { in_meeting: { annotation: true } }],
    ] as const) {
      const r = method === 'GET' ? await other.get(url) : await other.patch(url, body);
      assert.equal(r.status, 404, `${method} ${url}`);
    }
    assert.equal((await s.api.get('/v2/accounts/me/settings')).body.in_meeting.whiteboard, false);
    assert.equal((await s.api.get('/v2/accounts/me/settings/registration')).body.approve_type, 1);
    assert.equal((await s.api.get('/v2/accounts/me/lock_settings')).body.recording.cloud_recording, true);
    await s.api.patch('/v2/accounts/me/lock_settings', { recording: { cloud_recording: false } });
    await s.api.patch('/v2/accounts/me/settings', { in_meeting: { whiteboard: true } });
  });

  test('the own account id works as a master path', async () => {
    const demoAccount = (s as unknown as { demo: { accountId: string } }).demo.accountId;
    const r = await s.api.get(`/v2/accounts/${demoAccount}/settings?custom_query_fields=chat`);
    assert.equal(r.status, 200);
    assert.equal(r.body.in_meeting.chat, true);
  });
});
