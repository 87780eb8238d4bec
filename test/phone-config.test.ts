// Zoom Phone configuration: a user's settings by settingType (shared access,
// delegation, desk phone), setting templates, BYOC SIP trunks (master
// operations) and the 2021 account set-up.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let ownerId: string;
before(async () => {
  s = await startServer();
  ownerId = (await s.api.get('/v2/users/owner@example.com')).body.id;
});
after(() => s.close());

/** An app of a sub account, for reading it with its own token. */
async function appOf(accountId: string): Promise<[string, string]> {
  const r = await s.client.post('/_openzoom/apps', { account_id: accountId, scopes: ['phone:read:admin', 'phone:write:admin'] });
  assert.equal(r.status, 201, r.raw);
  return [r.body.client_id, r.body.client_secret];
}

let n = 0;
async function phoneUser(): Promise<string> {
  const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `cfg-${++n}@example.org`, type: 1, first_name: 'Cfg', last_name: `${n}`, feature: { zoom_phone: true } } });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}

describe('user settings by settingType (phoneUserSettings, addUserSetting, updateUserSetting, deleteUserSetting)', () => {
  test('share voicemail with another phone user, change it, remove it; read back in settings and in the policy', async () => {
    const other = await phoneUser();
    const add = await s.api.post(`/v2/phone/users/${ownerId}/settings/voice_mail`, { voice_mail: { access_user_id: other, delete: false, download: true } });
    assert.equal(add.status, 201, add.raw);
    const shared = add.body.voice_mail.shared_id;
    assert.ok(shared);
    assert.equal((await s.api.post(`/v2/phone/users/${ownerId}/settings/voice_mail`, { voice_mail: { access_user_id: other } })).body.message, 'Voicemail has already been shared to the user.');
    assert.equal((await s.api.patch(`/v2/phone/users/${ownerId}/settings/voice_mail`, { voice_mail: { shared_id: shared, delete: true } })).status, 204);
    const settings = (await s.api.get(`/v2/phone/users/${ownerId}/settings`)).body;
    assert.deepEqual(settings.voice_mail.map((v: { access_user_id: string; delete: boolean; download: boolean }) => [v.access_user_id, v.delete, v.download]), [[other, true, true]]);
    const policy = (await s.api.get(`/v2/phone/users/${ownerId}`)).body.policy;
    assert.equal(policy.voicemail_access_members[0].access_user_id, other);
    assert.equal((await s.api.delete(`/v2/phone/users/${ownerId}/settings/voice_mail?shared_id=${shared}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${ownerId}/settings`)).body.voice_mail.length, 0);
    assert.equal((await s.api.delete(`/v2/phone/users/${ownerId}/settings/voice_mail?shared_id=${shared}`)).status, 404);
  });

  test('call recording access members and delegation assistants', async () => {
    const u = await phoneUser();
    const helper = await phoneUser();
    const r = await s.api.post(`/v2/phone/users/${u}/settings/auto_call_recording_access_members`, { auto_call_recording_access_members: [{ access_user_id: helper, allow_download: true }] });
    assert.equal(r.status, 201, r.raw);
    assert.equal((await s.api.get(`/v2/phone/users/${u}`)).body.policy.auto_call_recording_access_members[0].access_user_id, helper);
    const ext = (await s.api.get(`/v2/phone/users/${helper}`)).body.extension_id;
    const d = await s.api.post(`/v2/phone/users/${u}/settings/delegation`, { delegation_assistant_extension_id: ext });
    assert.equal(d.status, 201, d.raw);
    assert.equal(d.body.delegation.assistants[0].id, helper);
    assert.equal((await s.api.post(`/v2/phone/users/${u}/settings/delegation`, {})).body.message, 'Delegation assistant is required.');
    assert.equal((await s.api.patch(`/v2/phone/users/${u}/settings/delegation`, { delegation: { privacy: true, privileges: [1, 2] } })).status, 204);
    assert.deepEqual((await s.api.get(`/v2/phone/users/${u}/settings`)).body.delegation.privileges, [1, 2]);
    assert.equal((await s.api.delete(`/v2/phone/users/${u}/settings/delegation?assistant_extension_id=${ext}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u}/settings`)).body.delegation.assistants.length, 0);
    assert.equal((await s.api.patch(`/v2/phone/users/${u}/settings/desk_phone`, { desk_phone: { pin_code: '12ab' } })).status, 400);
    assert.equal((await s.api.patch(`/v2/phone/users/${u}/settings/nonsense`, {})).body.message, 'Invalid user setting Type: nonsense.');
    // Sharing with someone who is no phone user of the account is refused.
    assert.equal((await s.api.post(`/v2/phone/users/${u}/settings/voice_mail`, { voice_mail: { access_user_id: 'nobody' } })).status, 404);
  });

  test("a user's own token reaches its own settings but not another user's", async () => {
    const me = await phoneUser();
    const token = (await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: me })).body.access_token;
    const m = s.client.withToken(token);
    assert.equal((await m.get(`/v2/phone/users/${me}/settings`)).status, 200);
    assert.equal((await m.patch(`/v2/phone/users/${me}/settings/desk_phone`, { desk_phone: { pin_code: '4821' } })).status, 204);
    assert.equal((await m.get(`/v2/phone/users/${ownerId}/settings`)).body.code, 200);
    assert.equal((await m.post(`/v2/phone/users/${ownerId}/settings/voice_mail`, { voice_mail: { access_user_id: me } })).body.code, 200);
  });
});

describe('setting templates', () => {
  test('add, get, update, list by site; a bad type is refused', async () => {
    const t = await s.api.post('/v2/phone/setting_templates', { name: 'Sales users', type: 'user', description: 'Recorded' });
    assert.equal(t.status, 201, t.raw);
    assert.equal((await s.api.patch(`/v2/phone/setting_templates/${t.body.id}`, { policy: { auto_call_recording: { enable: true, recording_calls: 'both' } }, profile: { area_code: '415', country: 'US' } })).status, 204);
    const got = (await s.api.get(`/v2/phone/setting_templates/${t.body.id}`)).body;
    assert.deepEqual([got.name, got.policy.auto_call_recording.enable, got.profile.area_code], ['Sales users', true, '415']);
    assert.ok((await s.api.get('/v2/phone/setting_templates')).body.templates.some((x: { id: string }) => x.id === t.body.id));
    assert.equal((await s.api.post('/v2/phone/setting_templates', { name: 'x', type: 'robot' })).status, 400);
    // A template applied to a phone user sets its policy.
    const u = await phoneUser();
    assert.equal((await s.api.patch(`/v2/phone/users/${u}`, { template_id: t.body.id })).status, 204);
    assert.equal((await s.api.get(`/v2/phone/users/${u}`)).body.policy.auto_call_recording.enable, true);
    assert.equal((await s.api.get('/v2/phone/setting_templates/nope')).status, 404);
  });
});

describe('SIP trunks and set-up (postPhoneSIPTrunk, updatePhoneSIPTrunk, listBYOCSIPTrunk, setUpAccount)', () => {
  test('a master gives its sub account SIP trunks; the sub account lists them; a BYOC number joins a trunk', async () => {
    const sub = await s.api.post('/v2/accounts', { first_name: 'Sub', last_name: 'Owner', email: 'sub-owner@example.org', password: 'Passw0rd!x', phone_country: 'US', phone_number: '+16505550100' });
    assert.equal(sub.status, 201, sub.raw);
    const subId = sub.body.id;
    // A sub account without Zoom Phone: 403/2031.
    assert.equal((await s.api.post(`/v2/accounts/${subId}/phone/sip_trunk/trunks`, { sip_trunks: [{ name: 'x' }] })).status, 403);
    assert.equal((await s.client.patch(`/_openzoom/accounts/${subId}`, { addons: { phone: true } })).status, 200);
    const r = await s.api.post(`/v2/accounts/${subId}/phone/sip_trunk/trunks`, { sip_trunks: [{ name: 'Carrier A', carrier_account: 'acc-1' }] });
    assert.equal(r.status, 201, r.raw);
    const id = r.body.sip_trunks[0].id;
    assert.equal((await s.api.patch(`/v2/accounts/${subId}/phone/sip_trunk/trunks/${id}`, { name: 'Carrier B' })).status, 204);
    assert.equal((await s.api.patch(`/v2/accounts/${subId}/phone/sip_trunk/trunks/nope`, { name: 'x' })).status, 404);
    // The demo account's own trunks: none until it is given one.
    assert.equal((await s.api.get('/v2/phone/sip_trunk/trunks')).body.byoc_sip_trunk.length, 0);
    const mine = await s.api.post(`/v2/accounts/${s.demo!.accountId}/phone/sip_trunk/trunks`, { sip_trunks: [{ name: 'Own trunk' }] });
    assert.equal(mine.status, 201, mine.raw);
    const trunks = (await s.api.get('/v2/phone/sip_trunk/trunks')).body.byoc_sip_trunk;
    assert.equal(trunks[0].name, 'Own trunk');
    const byoc = await s.api.post('/v2/phone/byoc_numbers', { carrier: 'Carrier', phone_numbers: ['+13125550188'], sip_group_id: trunks[0].id });
    assert.equal(byoc.status, 201, byoc.raw);
    assert.equal((await s.api.get(`/v2/phone/numbers/${byoc.body.phone_numbers[0].id}`)).body.sip_group.display_name, 'Own trunk');
  });

  test('set-up needs a phone plan, refuses reserved extensions, and sets the account up once', async () => {
    const plain = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const api = await s.client.withCredentials(plain.body.account_id, plain.body.client_id, plain.body.client_secret);
    const body = { extension_number: '800', emergency_address: { country: 'US', address_line1: '1 Market St', city: 'San Francisco', state_code: 'CA', zip: '94105' } };
    assert.equal((await api.post('/v2/accounts/me/phone/setup', body)).body.message, 'This account is not enrolled in a Zoom Phone plan. Subscribe to a Zoom Phone plan and try again.');
    // A sub account that buys phone plans through billing holds them, but is not set up yet.
    const sub = await s.api.post('/v2/accounts', { email: 'setup-sub@example.org', first_name: 'Set', last_name: 'Up', password: 'Tr0ub4dor&3' });
    const bought = await s.api.post(`/v2/accounts/${sub.body.id}/plans`, {
      contact: { first_name: 'Ada', last_name: 'Lovelace', email: 'billing@example.org', phone_number: '+1 650 555 0100', address: '1 Analytical Way', city: 'San Jose', state: 'CA', zip: '95113', country: 'US' },
      plan_base: { type: 'monthly', hosts: 2 },
      plan_phone: { plan_calling: [{ type: 'phone_unlimited_monthly', hosts: 5 }] },
    });
    assert.equal(bought.status, 201, bought.raw);
    const at = `/v2/accounts/${sub.body.id}/phone/setup`;
    assert.equal((await s.api.post(at, { ...body, extension_number: '911' })).status, 400);
    const ok = await s.api.post(at, body);
    assert.equal(ok.status, 201, ok.raw);
    const subApi = await s.client.withCredentials(sub.body.id, ...(await appOf(sub.body.id)));
    const heldApi = subApi;
    const sites = (await heldApi.get('/v2/phone/sites')).body.sites;
    // The extension number given is the owner's (the 2021 definition).
    assert.equal((await heldApi.get('/v2/phone/users/setup-sub@example.org')).body.extension_number, 800);
    assert.equal(sites[0].country.code, 'US');
    assert.ok((await heldApi.get('/v2/phone/numbers?type=unassigned')).body.total_records >= 20);
    assert.equal((await heldApi.post('/v2/accounts/me/phone/setup', body)).status, 400);
  });
});

describe('bad input is refused and writes nothing', () => {
  test('wrong types, malformed JSON, NUL bytes and unknown settingTypes', async () => {
    const before = (await s.api.get('/v2/phone/devices?type=unassigned')).body.total_records;
    assert.equal((await s.api.post('/v2/phone/devices', { display_name: 'x', mac_address: 12, type: 'poly' })).body.code, 300);
    assert.equal((await s.api.post('/v2/phone/devices', { display_name: 'x\u0000', mac_address: '64:16:7f:00:10:01', type: 'poly' })).status, 400);
    const raw = await s.api.request('POST', '/v2/phone/blocked_list', { rawBody: '{"phone_number": ', headers: { 'content-type': 'application/json' } });
    assert.deepEqual([raw.status, raw.body.code], [400, 300]);
    assert.equal((await s.api.get('/v2/phone/blocked_list')).body.total_records, 0);
    assert.equal((await s.api.get('/v2/phone/devices?type=unassigned')).body.total_records, before);
    assert.equal((await s.api.patch(`/v2/phone/users/${ownerId}`, { extension_number: 'abc' })).status, 400);
    assert.equal((await s.api.post(`/v2/phone/users/${ownerId}/calling_plans`, { calling_plans: [{ type: 'unlimited' }] })).body.code, 300);
    assert.equal((await s.api.get('/v2/phone/numbers?type=everything')).body.code, 300);
    assert.equal((await s.api.get('/v2/phone/devices')).body.code, 300);
  });
});
