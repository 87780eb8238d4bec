// SIP phones: today's /sip_phones/phones operations and the 2021 /sip_phones ones over the same phones.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

let n = 0;
async function user(api: TestClient = s.api): Promise<{ id: string; email: string }> {
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email: `sip-${++n}@example.org`, type: 1, first_name: 'S', last_name: `P${n}` } });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}

/** What both shapes share: the user and their SIP account. */
const account = (email: string) => ({ user_email: email, user_name: `ext${n}`, password: 'secret', authorization_name: `auth${n}`, domain: 'pbx.example.org', voice_mail: '*97' });

const phone = (email: string, extra: Record<string, unknown> = {}) => ({
  ...account(email),
  server: { proxy_server: 'proxy.example.org', register_server: 'reg.example.org:5060', transport_protocol: 'TLS' },
  ...extra,
});

const legacy = (email: string, extra: Record<string, unknown> = {}) => ({
  ...account(email),
  register_server: 'reg.example.org',
  proxy_server: 'proxy.example.org',
  transport_protocol: 'UDP',
  ...extra,
});

describe('SIP phones (EnableSIPPhonePhones, ListSIPPhonePhones, UpdateSIPPhonePhones, deleteSIPPhonePhones)', () => {
  test('enable, list, update and delete, read back in both shapes', async () => {
    const u = await user();
    const r = await s.api.post('/v2/sip_phones/phones', phone(u.email, { display_number: '+16505550101' }));
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.user_email, u.email);
    assert.equal(r.body.registration_expire_time, 60);
    assert.deepEqual(r.body.server, { proxy_server: 'proxy.example.org', register_server: 'reg.example.org:5060', transport_protocol: 'TLS' });
    const list = await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`);
    assert.deepEqual(list.body.phones, [r.body]);
    const old = await s.api.get(`/v2/sip_phones?search_key=${encodeURIComponent(u.email)}`);
    assert.equal(old.body.total_records, 1);
    assert.equal(old.body.phones[0].id, r.body.phone_id);
    assert.equal(old.body.phones[0].register_server, 'reg.example.org:5060');
    assert.equal(old.body.phones[0].transport_protocol, 'TLS');
    const u2 = await s.api.patch(`/v2/sip_phones/phones/${r.body.phone_id}`, { registration_expire_time: 30, server_2: { register_server: 'backup.example.org' } });
    assert.equal(u2.status, 204, u2.raw);
    const after = (await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`)).body.phones[0];
    assert.equal(after.registration_expire_time, 30);
    assert.deepEqual(after.server_2, { proxy_server: 'backup.example.org', register_server: 'backup.example.org', transport_protocol: 'UDP' });
    assert.equal(after.password, 'secret');
    assert.equal((await s.api.delete(`/v2/sip_phones/phones/${r.body.phone_id}`)).status, 204);
    const gone = await s.api.delete(`/v2/sip_phones/phones/${r.body.phone_id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 2305);
  });

  test('a page answered again follows every write: enabled, changed (both shapes), deleted, its user removed', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons: { sip_phone: true } });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const page = async (q = '') => (await api.get(`/v2/sip_phones/phones${q}`)).body as { next_page_token: string; phones: Array<{ phone_id: string; password: string; user_email: string }> };
    const [u1, u2] = [await user(api), await user(api)];
    const p1 = (await api.post('/v2/sip_phones/phones', phone(u1.email))).body;
    assert.deepEqual(await page(), await page());
    const p2 = (await api.post('/v2/sip_phones', legacy(u2.email))).status;
    assert.equal(p2, 201);
    const both = await page();
    assert.deepEqual(both.phones.map((p) => p.user_email).sort(), [u1.email, u2.email].sort());
    assert.equal((await api.patch(`/v2/sip_phones/phones/${p1.phone_id}`, { password: 'today' })).status, 204);
    assert.equal((await page()).phones.find((p) => p.phone_id === p1.phone_id)!.password, 'today');
    const full = legacy(u1.email, { password: 'legacy', register_server2: '', proxy_server2: '', register_server3: '', proxy_server3: '' });
    delete (full as Record<string, unknown>).user_email;
    const patched = await api.patch(`/v2/sip_phones/${p1.phone_id}`, full);
    assert.equal(patched.status, 204, patched.raw);
    assert.equal((await page()).phones.find((p) => p.phone_id === p1.phone_id)!.password, 'legacy');
    const one = await page('?page_size=1');
    assert.notEqual((await page(`?page_size=1&next_page_token=${one.next_page_token}`)).phones[0]!.phone_id, one.phones[0]!.phone_id);
    assert.equal((await api.delete(`/v2/sip_phones/phones/${p1.phone_id}`)).status, 204);
    assert.deepEqual((await page()).phones.map((p) => p.user_email), [u2.email]);
    assert.equal((await api.delete(`/v2/users/${u2.id}?action=delete`)).status, 204);
    assert.deepEqual((await page()).phones, []);
  });

  test('one phone per user; an unknown user; bad servers and values; nothing written', async () => {
    const u = await user();
    assert.equal((await s.api.post('/v2/sip_phones/phones', phone(u.email))).status, 201);
    const twice = await s.api.post('/v2/sip_phones/phones', phone(u.email));
    assert.deepEqual(twice.body, { code: 300, message: 'SIP phone with the same email already exists.' });
    const ghost = await s.api.post('/v2/sip_phones/phones', phone('ghost@example.org'));
    assert.equal(ghost.status, 404);
    assert.equal(ghost.body.code, 1001);
    const v = await user();
    for (const extra of [{ server: { register_server: 'not a host' } }, { registration_expire_time: 500 }, { domain: 'bad domain' }, { server: { transport_protocol: 'UDP' } }]) {
      const r = await s.api.post('/v2/sip_phones/phones', phone(v.email, extra));
      assert.equal(r.status, 400, JSON.stringify(extra));
      assert.equal(r.body.code, 300);
    }
    assert.equal((await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(v.email)}`)).body.phones.length, 0);
  });

  test('pages by token; search_key matches email or user name, not SQL wildcards', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons: { sip_phone: true } });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post('/v2/sip_phones/phones', phone((await user(api)).email, { user_name: `desk_${i}` }))).body.phone_id);
    const p1 = await api.get('/v2/sip_phones/phones?page_size=2');
    const p2 = await api.get(`/v2/sip_phones/phones?page_size=2&next_page_token=${p1.body.next_page_token}`);
    const walked = [...p1.body.phones, ...p2.body.phones].map((p: { phone_id: string }) => p.phone_id);
    assert.deepEqual([...walked].sort(), [...ids].sort(), 'every phone once');
    assert.equal((await api.get('/v2/sip_phones/phones?search_key=DESK_1')).body.phones.length, 1);
    assert.equal((await api.get('/v2/sip_phones/phones?search_key=%25')).body.phones.length, 0);
    const old = await api.get('/v2/sip_phones?page_size=2&page_number=2');
    assert.deepEqual(old.body.phones.map((p: { id: string }) => p.id), [walked[2]]);
    assert.equal(old.body.total_records, 3);
  });

  test('an account without SIP phone integration, and another account\'s phone', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const r = await api.get('/v2/sip_phones/phones');
    assert.deepEqual(r.body, { code: 200, message: 'Permission missing. Enable SIP phone integration by contacting a Zoom admin first.' });
    assert.equal((await api.get('/v2/sip_phones')).body.code, 200);
    const u = await user();
    const mine = await s.api.post('/v2/sip_phones/phones', phone(u.email));
    const b = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons: { sip_phone: true } });
    const other = await s.client.withCredentials(b.body.account_id, b.body.client_id, b.body.client_secret);
    assert.equal((await other.delete(`/v2/sip_phones/phones/${mine.body.phone_id}`)).body.code, 2305);
    assert.equal((await other.patch(`/v2/sip_phones/${mine.body.phone_id}`, legacy(u.email))).body.code, 300);
    assert.equal((await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`)).body.phones.length, 1);
  });

  test('three enables for one user at once: one phone', async () => {
    const u = await user();
    const rs = await Promise.all([1, 2, 3].map(() => s.api.post('/v2/sip_phones/phones', phone(u.email))));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 400, 400]);
    assert.equal((await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`)).body.phones.length, 1);
  });

  test("a removed user's phone is gone with the user", async () => {
    const u = await user();
    const p = await s.api.post('/v2/sip_phones/phones', phone(u.email));
    assert.equal((await s.api.delete(`/v2/users/${u.id}?action=delete`)).status, 204);
    assert.equal((await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`)).body.phones.length, 0);
    assert.equal((await s.api.delete(`/v2/sip_phones/phones/${p.body.phone_id}`)).body.code, 2305);
  });
});

describe('SIP phones, 2021 paths (createSIPPhone, listSipPhones, updateSIPPhone, deleteSIPPhone)', () => {
  test('create, update and delete through the 2021 paths; today\'s list sees the same phone', async () => {
    const u = await user();
    const r = await s.api.post('/v2/sip_phones', legacy(u.email, { register_server2: 'b.example.org', proxy_server2: 'b.example.org', transport_protocol2: 'TCP' }));
    assert.equal(r.status, 201, r.raw);
    const now = (await s.api.get(`/v2/sip_phones/phones?search_key=${encodeURIComponent(u.email)}`)).body.phones[0];
    assert.deepEqual(now.server_2, { proxy_server: 'b.example.org', register_server: 'b.example.org', transport_protocol: 'TCP' });
    const full = legacy(u.email, { password: 'changed', register_server2: '', proxy_server2: '', register_server3: '', proxy_server3: '' });
    delete (full as Record<string, unknown>).user_email;
    const u2 = await s.api.patch(`/v2/sip_phones/${now.phone_id}`, full);
    assert.equal(u2.status, 204, u2.raw);
    const after = (await s.api.get(`/v2/sip_phones?search_key=${encodeURIComponent(u.email)}`)).body.phones[0];
    assert.equal(after.password, 'changed');
    assert.equal(after.register_server2, undefined, 'the second server was cleared');
    assert.equal((await s.api.delete(`/v2/sip_phones/${now.phone_id}`)).status, 204);
    const gone = await s.api.delete(`/v2/sip_phones/${now.phone_id}`);
    assert.deepEqual(gone.body, { code: 300, message: 'The SIP phone with this phoneId was not found on this account.' });
    const twice = await s.api.post('/v2/sip_phones', legacy(u.email));
    assert.equal(twice.status, 201);
    assert.equal((await s.api.post('/v2/sip_phones', legacy(u.email))).body.message, 'SIP Phone with the same email already exists.');
  });

  test('a Member without the SIP phone privilege cannot enable phones', async () => {
    const u = await user();
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.id })).body.access_token);
    assert.equal((await m.post('/v2/sip_phones/phones', phone(u.email))).body.code, 200);
    assert.equal((await m.get('/v2/sip_phones')).body.code, 200);
  });
});
