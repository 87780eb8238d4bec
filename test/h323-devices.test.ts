// H.323/SIP devices: create, list (pages), update, delete, Zoom's validation, master paths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

async function account(): Promise<{ id: string; api: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  return { id: r.body.account_id, api: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

const UNKNOWN = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('H.323/SIP devices (deviceCreate, deviceList, deviceUpdate, deviceDelete)', () => {
  test('create, list, update and delete a device', async () => {
    const { api } = await account();
    const r = await api.post('/v2/h323/devices', { name: 'Board room', protocol: 'H.323', ip: '192.0.2.10', encryption: 'auto' });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body, { id: r.body.id, name: 'Board room', protocol: 'H.323', ip: '192.0.2.10', encryption: 'auto' });
    const list = await api.get('/v2/h323/devices');
    assert.equal(list.body.total_records, 1);
    assert.deepEqual(list.body.devices, [r.body]);
    const u = await api.patch(`/v2/h323/devices/${r.body.id}`, { name: 'Huddle', protocol: 'SIP', ip: 'sip:room@video.example.org', encryption: 'yes' });
    assert.equal(u.status, 204, u.raw);
    assert.deepEqual((await api.get('/v2/h323/devices')).body.devices[0], { id: r.body.id, name: 'Huddle', protocol: 'SIP', ip: 'sip:room@video.example.org', encryption: 'yes' });
    const del = await api.delete(`/v2/h323/devices/${r.body.id}`);
    assert.equal(del.status, 200, del.raw);
    assert.equal((await api.get('/v2/h323/devices')).body.total_records, 0);
    assert.equal((await api.delete(`/v2/h323/devices/${r.body.id}`)).status, 404);
  });

  test('a page answered again follows every write: a device added, changed, removed; pages by token kept apart', async () => {
    const { api } = await account();
    const page = async (q = '') => (await api.get(`/v2/h323/devices${q}`)).body as { total_records: number; next_page_token: string; devices: Array<{ id: string; name: string }> };
    const a = (await api.post('/v2/h323/devices', { name: 'Kept A', protocol: 'H.323', ip: '192.0.2.21', encryption: 'auto' })).body;
    assert.deepEqual(await page(), await page());
    const b = (await api.post('/v2/h323/devices', { name: 'Kept B', protocol: 'SIP', ip: '192.0.2.22', encryption: 'no' })).body;
    const added = await page();
    assert.equal(added.total_records, 2);
    assert.deepEqual(added.devices.map((d) => d.id).sort(), [a.id, b.id].sort());
    assert.equal((await api.patch(`/v2/h323/devices/${a.id}`, { name: 'Kept A2', protocol: 'H.323', ip: '192.0.2.21', encryption: 'auto' })).status, 204);
    assert.equal((await page()).devices.find((d) => d.id === a.id)!.name, 'Kept A2');
    const one = await page('?page_size=1');
    const two = await page(`?page_size=1&next_page_token=${one.next_page_token}`);
    assert.notEqual(two.devices[0]!.id, one.devices[0]!.id);
    assert.equal((await api.delete(`/v2/h323/devices/${b.id}`)).status, 200);
    assert.deepEqual((await page()).devices.map((d) => d.id), [a.id]);
    assert.equal((await page('?page_size=1')).next_page_token, '');
  });

  test('pages by token and by page number: every device once', async () => {
    const { api } = await account();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await api.post('/v2/h323/devices', { name: `Room ${i}`, protocol: 'H.323', ip: `198.51.100.${i + 1}`, encryption: 'no' })).body.id);
    const p1 = await api.get('/v2/h323/devices?page_size=2');
    assert.equal(p1.body.total_records, 5);
    assert.equal(p1.body.page_count, 3);
    const p2 = await api.get(`/v2/h323/devices?page_size=2&next_page_token=${p1.body.next_page_token}`);
    const p3 = await api.get(`/v2/h323/devices?page_size=2&next_page_token=${p2.body.next_page_token}`);
    const walked = [...p1.body.devices, ...p2.body.devices, ...p3.body.devices].map((d: { id: string }) => d.id);
    // Added in the same second, devices follow by id: compare as sets, in the order the list gives.
    assert.deepEqual([...walked].sort(), [...ids].sort());
    assert.equal(p3.body.next_page_token, '');
    const byNumber = await api.get('/v2/h323/devices?page_size=2&page_number=2');
    assert.deepEqual(byNumber.body.devices.map((d: { id: string }) => d.id), walked.slice(2, 4));
  });

  test("Zoom's validation: address formats by protocol, enums, names in use; nothing written", async () => {
    const { api } = await account();
    const good = await api.post('/v2/h323/devices', { name: 'Taken', protocol: 'H.323', ip: 'mcu.example.org:1720', encryption: 'auto' });
    assert.equal(good.status, 201, good.raw);
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ name: 'A', protocol: 'H.323', ip: 'room@video.example.org', encryption: 'auto' }, 300], // a SIP URI is no H.323 address
      [{ name: 'A', protocol: 'SIP', ip: 'not an address', encryption: 'auto' }, 300],
      [{ name: 'A', protocol: 'H.323', ip: '999.1.1.1:99999', encryption: 'auto' }, 300],
      [{ name: 'A', protocol: 'H.264', ip: '192.0.2.1', encryption: 'auto' }, 300],
      [{ name: 'A', protocol: 'SIP', ip: '192.0.2.1', encryption: 'maybe' }, 300],
      [{ name: 'x'.repeat(65), protocol: 'SIP', ip: '192.0.2.1', encryption: 'no' }, 300],
      [{ name: '  ', protocol: 'SIP', ip: '192.0.2.1', encryption: 'no' }, 300],
      [{ protocol: 'SIP', ip: '192.0.2.1', encryption: 'no' }, 300],
      [{ name: ' taken ', protocol: 'SIP', ip: '[2001:db8::1]:5060', encryption: 'no' }, 2020],
    ];
    for (const [body, code] of bad) {
      const r = await api.post('/v2/h323/devices', body);
      assert.equal(r.body.code, code, `${JSON.stringify(body)}: ${r.raw}`);
    }
    assert.equal((await api.get('/v2/h323/devices')).body.total_records, 1);
    const other = await api.post('/v2/h323/devices', { name: 'Other', protocol: 'SIP', ip: '[2001:db8::1]:5060', encryption: 'no' });
    assert.equal(other.status, 201, other.raw);
    const clash = await api.patch(`/v2/h323/devices/${other.body.id}`, { name: 'TAKEN', protocol: 'SIP', ip: '192.0.2.1', encryption: 'no' });
    assert.equal(clash.status, 404);
    assert.equal(clash.body.message, "H.323 device's display name TAKEN is already in use.");
    const partial = await api.patch(`/v2/h323/devices/${other.body.id}`, { name: 'Renamed' });
    assert.equal(partial.body.code, 300, 'every field is required on update');
    assert.equal((await api.get('/v2/h323/devices')).body.devices.find((d: { id: string }) => d.id === other.body.id).name, 'Other');
  });

  test("another account's device is not found; a master manages its sub account's devices", async () => {
    const a = await account();
    const b = await account();
    const d = await a.api.post('/v2/h323/devices', { name: 'Mine', protocol: 'SIP', ip: '192.0.2.5', encryption: 'no' });
    assert.equal((await b.api.patch(`/v2/h323/devices/${d.body.id}`, { name: 'Yours', protocol: 'SIP', ip: '192.0.2.5', encryption: 'no' })).status, 404);
    assert.equal((await b.api.delete(`/v2/h323/devices/${d.body.id}`)).status, 404);
    assert.equal((await b.api.delete(`/v2/h323/devices/${UNKNOWN}`)).status, 404);
    assert.equal((await a.api.get('/v2/h323/devices')).body.total_records, 1);
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: s.demo!.accountId });
    const made = await s.api.post(`/v2/accounts/${sub.body.account_id}/h323/devices`, { name: 'Sub room', protocol: 'H.323', ip: '203.0.113.7', encryption: 'auto' });
    assert.equal(made.status, 201, made.raw);
    assert.equal((await s.api.get(`/v2/accounts/${sub.body.account_id}/h323/devices`)).body.total_records, 1);
    assert.equal((await s.api.get('/v2/h323/devices')).body.devices.some((x: { id: string }) => x.id === made.body.id), false);
    assert.equal((await b.api.get(`/v2/accounts/${sub.body.account_id}/h323/devices`)).status, 404);
  });

  test('three creates of one name at once: one device, the others 2020', async () => {
    const { api } = await account();
    const rs = await Promise.all([1, 2, 3].map((i) => api.post('/v2/h323/devices', { name: 'Raced', protocol: 'SIP', ip: `192.0.2.${i}`, encryption: 'no' })));
    assert.deepEqual(rs.map((r) => r.body.code ?? r.status).sort(), [201, 2020, 2020]);
    assert.equal((await api.get('/v2/h323/devices')).body.total_records, 1);
  });

  test('a Member cannot add or remove devices', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'h323-member@example.org', type: 1 } });
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.post('/v2/h323/devices', { name: 'Nope', protocol: 'SIP', ip: '192.0.2.9', encryption: 'no' })).body.code, 200);
    assert.equal((await m.get('/v2/h323/devices')).body.code, 200);
  });
});
