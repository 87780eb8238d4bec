// SIP Connected Audio: a master account's SIP trunks, trunk numbers, internal
// numbers and call-out countries on its sub accounts (and its own).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

/** A sub account of the demo account, enrolled in SIP Connected Audio unless asked otherwise. */
async function sub(enroll = true): Promise<string> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
  assert.equal(r.status, 201, r.raw);
  if (enroll) assert.equal((await s.api.patch(`/v2/accounts/${r.body.account_id}/sip_trunk/settings`, { enable: true })).status, 204);
  return r.body.account_id;
}

async function stranger(addons: Record<string, unknown> = {}): Promise<{ id: string; api: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons });
  return { id: r.body.account_id, api: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

const NUMBER = { number: '+16505550123', display_number: '+1 650 555 0123', country: 'US', labels: 'HQ', languages: 'en-US', type: 0 };

describe('SIP trunk configuration (GetSIPTrunkConfiguration, AssignSIPTrunkConfiguration)', () => {
  test('enrolls a sub account and sets what its users see', async () => {
    const id = await sub(false);
    const before = await s.api.get(`/v2/accounts/${id}/sip_trunk/settings`);
    assert.deepEqual(before.body, { code: 300, message: 'Request failed because this account is not enrolled in SIP Connected Audio plan.' });
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/settings`, { show_callout_internal_number: true })).body.code, 300, 'settings need enrolment');
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/settings`, { enable: true, show_zoom_provided_numbers: 2 })).status, 204);
    const got = await s.api.get(`/v2/accounts/${id}/sip_trunk/settings`);
    assert.deepEqual(got.body, { show_callout_internal_number: false, show_zoom_provided_callout_countries: 1, show_zoom_provided_numbers: 2 });
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/settings`, { show_zoom_provided_numbers: 7 })).body.code, 300);
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/settings`)).body.show_zoom_provided_numbers, 2);
  });

  test("copies the master's settings", async () => {
    const id = await sub();
    const master = await s.api.get('/v2/accounts/me/sip_trunk/settings');
    assert.equal(master.status, 200, master.raw);
    await s.api.patch(`/v2/accounts/${id}/sip_trunk/settings`, { show_callout_internal_number: true, show_zoom_provided_numbers: 0 });
    await s.api.patch(`/v2/accounts/${id}/sip_trunk/settings`, { enable_all_settings_from_master_account: true });
    assert.deepEqual((await s.api.get(`/v2/accounts/${id}/sip_trunk/settings`)).body, master.body);
  });
});

describe('SIP trunks (ListSIPTrunks, AssignSIPTrunks, DeleteASIPTrunk)', () => {
  test("the master's trunk is assigned to a sub account with its own DNIS, listed, and deleted", async () => {
    const mine = await s.api.get('/v2/accounts/me/sip_trunk/trunks');
    assert.equal(mine.body.total_records, 1, 'the demo account has one trunk');
    const trunk = mine.body.sip_trunks[0];
    assert.match(trunk.dnis, /^\d{5,8}$/);
    const id = await sub();
    const r = await s.api.post(`/v2/accounts/${id}/sip_trunk/trunks`, { sip_trunks: [{ id: trunk.id, dnis: '55501', outbound_caller_id: '+16505550000' }] });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.sip_trunks, [{ id: trunk.id, name: trunk.name, number_prefix: trunk.number_prefix, sip_server_address: trunk.sip_server_address, dnis: '55501' }]);
    const list = await s.api.get(`/v2/accounts/${id}/sip_trunk/trunks`);
    assert.equal(list.body.sip_trunks[0].dnis, '55501');
    assert.equal(list.body.sip_trunks[0].outbound_caller_id, '+16505550000');
    const unknown = await s.api.post(`/v2/accounts/${id}/sip_trunk/trunks`, { sip_trunks: [{ id: 'nope' }] });
    assert.equal(unknown.body.message, 'One or more parameters provided in the sip_trunks object are invalid.');
    for (const dnis of ['12', '12a45']) {
      const b = await s.api.post(`/v2/accounts/${id}/sip_trunk/trunks`, { sip_trunks: [{ id: trunk.id, dnis }] });
      assert.equal(b.body.code, 300, dnis);
    }
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/trunks`)).body.sip_trunks[0].dnis, '55501');
    assert.equal((await s.api.delete(`/v2/accounts/${id}/sip_trunk/trunks/${trunk.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/trunks`)).body.total_records, 0);
    const again = await s.api.delete(`/v2/accounts/${id}/sip_trunk/trunks/${trunk.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 2301);
    assert.equal((await s.api.get('/v2/accounts/me/sip_trunk/trunks')).body.total_records, 1, "the master's configuration stays");
  });

  test('not on the master itself, not on a sub account not enrolled', async () => {
    const mine = (await s.api.get('/v2/accounts/me/sip_trunk/trunks')).body.sip_trunks[0];
    const self = await s.api.post('/v2/accounts/me/sip_trunk/trunks', { sip_trunks: [{ id: mine.id }] });
    assert.equal(self.body.code, 300);
    assert.match(self.body.message, /Only a master account can perform this action on a subaccount/);
    const id = await sub(false);
    assert.equal((await s.api.post(`/v2/accounts/${id}/sip_trunk/trunks`, { sip_trunks: [{ id: mine.id }] })).body.code, 300);
  });
});

describe('SIP trunk numbers (listSipTrunkNumbers, AssignNumbers, DeleteAllNumbers)', () => {
  test("the master's numbers are assigned to a sub account and removed", async () => {
    const numbers = await s.api.get('/v2/sip_trunk/numbers');
    assert.equal(numbers.status, 200, numbers.raw);
    assert.equal(numbers.body.total_records, 1);
    const number = numbers.body.phone_numbers[0].number;
    const id = await sub();
    const r = await s.api.post(`/v2/accounts/${id}/sip_trunk/numbers`, { phone_numbers: [number] });
    assert.equal(r.status, 201, r.raw);
    const foreign = await s.api.post(`/v2/accounts/${id}/sip_trunk/numbers`, { phone_numbers: ['+15555550199'] });
    assert.deepEqual(foreign.body, { code: 400, message: 'This number does not belong to master account: +15555550199.' });
    assert.equal((await s.api.delete(`/v2/accounts/${id}/sip_trunk/numbers`)).status, 204);
    const notEnrolled = await sub(false);
    assert.deepEqual((await s.api.post(`/v2/accounts/${notEnrolled}/sip_trunk/numbers`, { phone_numbers: [number] })).body, {
      code: 2100,
      message: 'This subaccount has no SIP trunk plan.',
    });
  });
});

describe('Internal numbers (ListInternalNumbers, AddInternalNumbers, UpdateAnInternalNumber, DeleteAnInternalNumber)', () => {
  test('add, list in pages, update and delete', async () => {
    const id = await sub();
    const r = await s.api.post(`/v2/accounts/${id}/sip_trunk/internal_numbers`, {
      internal_numbers: [NUMBER, { ...NUMBER, number: '+16505550124', display_number: '+1 650 555 0124', type: 1, visible: false }, { ...NUMBER, number: '+16505550125' }],
    });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.internal_numbers.length, 3);
    assert.equal(r.body.internal_numbers[0].allow_join, true);
    const p1 = await s.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers?page_size=2`);
    assert.equal(p1.body.total_records, 3);
    const p2 = await s.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers?page_size=2&next_page_token=${p1.body.next_page_token}`);
    const all = [...p1.body.internal_numbers, ...p2.body.internal_numbers].map((x: { id: string }) => x.id).sort();
    assert.deepEqual(all, r.body.internal_numbers.map((x: { id: string }) => x.id).sort());
    const target = r.body.internal_numbers[1].id;
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/internal_numbers/${target}`, { labels: 'Branch', visible: true })).status, 204);
    const after = (await s.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers?page_size=300`)).body.internal_numbers.find((x: { id: string }) => x.id === target);
    assert.equal(after.labels, 'Branch');
    assert.equal(after.visible, true);
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/internal_numbers/${target}`, { number: '+16505550123' })).body.code, 300, 'a number in use');
    assert.equal((await s.api.patch(`/v2/accounts/${id}/sip_trunk/internal_numbers/${target}`, { country: 'ZZ' })).body.code, 2);
    assert.equal((await s.api.delete(`/v2/accounts/${id}/sip_trunk/internal_numbers/${target}`)).status, 204);
    const gone = await s.api.delete(`/v2/accounts/${id}/sip_trunk/internal_numbers/${target}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 2303);
  });

  test('a number used twice, an unknown country or a bad number is refused; nothing written', async () => {
    const id = await sub();
    await s.api.post(`/v2/accounts/${id}/sip_trunk/internal_numbers`, { internal_numbers: [NUMBER] });
    const cases = [[NUMBER], [{ ...NUMBER, number: '+1650555019' }, { ...NUMBER, number: '+1650555019' }], [{ ...NUMBER, number: '+16505550999', country: 'ZZ' }], [{ ...NUMBER, number: 'call me' }]];
    for (const internal_numbers of cases) {
      const r = await s.api.post(`/v2/accounts/${id}/sip_trunk/internal_numbers`, { internal_numbers });
      assert.equal(r.status, 400, JSON.stringify(internal_numbers));
      assert.equal(r.body.code, 300);
    }
    const missing = await s.api.post(`/v2/accounts/${id}/sip_trunk/internal_numbers`, { internal_numbers: [{ number: '+16505550777' }] });
    assert.equal(missing.body.code, 300);
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers`)).body.total_records, 1);
  });

  test('two adds of one number at once: one number', async () => {
    const id = await sub();
    const rs = await Promise.all([1, 2, 3].map(() => s.api.post(`/v2/accounts/${id}/sip_trunk/internal_numbers`, { internal_numbers: [{ ...NUMBER, number: '+4930555000' }] })));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 400, 400]);
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers`)).body.total_records, 1);
  });
});

describe('Internal call-out countries (ListInternalCall-outCountries, AddInternalCall-outCountries, DeleteInternalCall-outCountry)', () => {
  test('add, list, delete', async () => {
    const id = await sub();
    const r = await s.api.post(`/v2/accounts/${id}/sip_trunk/callout_countries`, { callout_countries: [{ id: 'US' }, { id: 'de' }] });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.callout_countries, [
      { id: 'US', name: 'United States', code: '1' },
      { id: 'DE', name: 'Germany', code: '49' },
    ]);
    assert.equal((await s.api.get(`/v2/accounts/${id}/sip_trunk/callout_countries`)).body.total_records, 2);
    assert.equal((await s.api.post(`/v2/accounts/${id}/sip_trunk/callout_countries`, { callout_countries: [{ id: 'XX' }] })).body.code, 300);
    assert.equal((await s.api.delete(`/v2/accounts/${id}/sip_trunk/callout_countries/DE`)).status, 204);
    const gone = await s.api.delete(`/v2/accounts/${id}/sip_trunk/callout_countries/DE`);
    assert.deepEqual(gone.body, { code: 2302, message: 'Callout Country does not exist: DE.' });
    assert.deepEqual((await s.api.get(`/v2/accounts/${id}/sip_trunk/callout_countries`)).body.callout_countries.map((c: { id: string }) => c.id), ['US']);
  });
});

describe('Master accounts only', () => {
  test('another master reaches no sub account of ours; a sub account is no master; an account without the plan is refused', async () => {
    const id = await sub();
    const other = await stranger({ sip_connected_audio: true });
    const r = await other.api.get(`/v2/accounts/${id}/sip_trunk/internal_numbers`);
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 2001);
    const theirs = (await other.api.get('/v2/accounts/me/sip_trunk/trunks')).body.sip_trunks[0].id;
    assert.equal((await s.api.post(`/v2/accounts/${id}/sip_trunk/trunks`, { sip_trunks: [{ id: theirs }] })).body.code, 300, "another master's trunk");
    const plain = await stranger();
    assert.equal((await plain.api.get('/v2/accounts/me/sip_trunk/callout_countries')).body.message, 'Request failed because this account is not enrolled in SIP Connected Audio plan.');
    const child = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
    const childApi = await s.client.withCredentials(child.body.account_id, child.body.client_id, child.body.client_secret);
    const self = await childApi.get('/v2/accounts/me/sip_trunk/internal_numbers');
    assert.equal(self.status, 400);
    assert.match(self.body.message, /not a master account/);
  });

  test('a Member cannot change SIP trunk configuration', async () => {
    const id = await sub();
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'sip-audio-member@example.org', type: 1 } });
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.patch(`/v2/accounts/${id}/sip_trunk/settings`, { enable: false })).body.code, 200);
  });
});
