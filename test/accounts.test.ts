// Accounts: sub accounts (list, create, details, disassociate, options),
// the account owner, managed and trusted domains, and Switch a user's account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
let demoId: string;
before(async () => {
  s = await startServer();
  demoId = s.demo!.accountId;
});
after(() => s.close());

let n = 0;
const createSub = (extra: Record<string, unknown> = {}) =>
  s.api.post('/v2/accounts', { email: `sub-owner-${++n}@sub${n}.example.org`, first_name: 'Sub', last_name: `Owner${n}`, password: 'Tr0ub4dor&3', ...extra });

/** A sub account of the demo account on a paid plan, with a client of its own. */
async function paidSub(): Promise<{ id: string; ownerId: string; client: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: demoId });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.account_id, ownerId: r.body.owner_id, client: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

/** An unrelated account (no master) and a client for it. */
async function otherAccount(): Promise<{ id: string; client: TestClient }> {
  const r = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  return { id: r.body.account_id, client: await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret) };
}

const subCount = async () => (await s.api.get('/v2/accounts?page_size=300')).body.total_records as number;

describe('Create a sub account (accountCreate) and List sub accounts (accounts)', () => {
  test('creates a Free sub account with its owner, listed under the master', async () => {
    const r = await createSub({ account_name: 'Branch office' });
    assert.equal(r.status, 201, r.raw);
    assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r.body.owner_email, `sub-owner-${n}@sub${n}.example.org`);
    const owner = await s.api.get(`/v2/accounts/${r.body.id}/users/${r.body.owner_id}`);
    assert.equal(owner.status, 200, owner.raw);
    assert.equal(owner.body.role_id, '0');
    assert.equal(owner.body.first_name, 'Sub');
    const list = await s.api.get('/v2/accounts?page_size=300');
    const item = list.body.accounts.find((a: { id: string }) => a.id === r.body.id);
    assert.equal(item.account_name, 'Branch office');
    assert.equal(item.account_type, 'Free');
    assert.equal(item.owner_email, r.body.owner_email);
  });

  test('pages through sub accounts', async () => {
    await createSub();
    await createSub();
    const total = await subCount();
    assert.ok(total >= 3);
    const p1 = await s.api.get('/v2/accounts?page_size=2');
    assert.equal(p1.body.accounts.length, 2);
    assert.equal(p1.body.total_records, total);
    const p2 = await s.api.get(`/v2/accounts?page_size=2&next_page_token=${p1.body.next_page_token}`);
    assert.notEqual(p2.body.accounts[0].id, p1.body.accounts[0].id);
  });

  test('an email used anywhere in the master family answers 409/1005 and writes nothing', async () => {
    const before = await subCount();
    const dup = await s.api.post('/v2/accounts', { email: 'owner@example.com', first_name: 'A', last_name: 'B', password: 'Tr0ub4dor&3' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 1005);
    const first = await createSub();
    const again = await s.api.post('/v2/accounts', { email: first.body.owner_email.toUpperCase(), first_name: 'A', last_name: 'B', password: 'Tr0ub4dor&3' });
    assert.equal(again.body.code, 1005);
    assert.equal(await subCount(), before + 1);
  });

  test('bad input answers 300 and writes nothing', async () => {
    const before = await subCount();
    for (const body of [
      { email: 'x@y.org', first_name: 'A', last_name: 'B' },
      { email: 'not-an-email', first_name: 'A', last_name: 'B', password: 'Tr0ub4dor&3' },
      { email: 'x@y.org', first_name: 'A', last_name: 'B', password: 'short' },
      { email: 'x@y.org', first_name: 42, last_name: 'B', password: 'Tr0ub4dor&3' },
      { email: 'x@y.org', first_name: 'A', last_name: 'B', password: 'Tr0ub4dor&3', options: { share_rc: 'yes' } },
    ]) {
      const r = await s.api.post('/v2/accounts', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300, JSON.stringify(body));
    }
    const connectors = await createSub({ options: { meeting_connector_list: ['mc-1'] } });
    assert.equal(connectors.body.code, 2115);
    assert.equal(await subCount(), before);
  });

  test('a sub account is no master: listing and creating answer 400/200', async () => {
    const sub = await paidSub();
    const list = await sub.client.get('/v2/accounts');
    assert.equal(list.status, 400);
    assert.equal(list.body.code, 200);
    const create = await sub.client.post('/v2/accounts', { email: 'nested@x.org', first_name: 'A', last_name: 'B', password: 'Tr0ub4dor&3' });
    assert.equal(create.body.code, 200);
    assert.equal((await sub.client.get(`/v2/users/nested@x.org`)).status, 404);
  });
});

describe('Get sub account details (GetSubAccountDetails) and Update options (UpdateOptions)', () => {
  test('details carry the owner, every field Zoom defines and Zoom\'s default options', async () => {
    const c = await createSub();
    const d = await s.api.get(`/v2/accounts/${c.body.id}`);
    assert.equal(d.status, 200);
    assert.equal(d.body.id, c.body.id);
    assert.equal(d.body.owner_id, c.body.owner_id);
    assert.equal(d.body.account_type, 'Free');
    // No subscription: Zoom's documented empty strings. No resellers here.
    assert.equal(d.body.subscription_start_time, '');
    assert.equal(d.body.subscription_end_time, '');
    assert.equal(d.body.reseller, false);
    assert.deepEqual(d.body.options, {
      share_rc: false, room_connector_list: [], share_mc: false, meeting_connector_list: [], pay_mode: 'master', billing_auto_renew: false,
      resource_share_mc: false, resource_share_mh: false, resource_meeting_connector_list: [], resource_meeting_hybrid_list: [],
    });
    const item = (await s.api.get('/v2/accounts?page_size=300')).body.accounts.find((a: { id: string }) => a.id === c.body.id);
    assert.deepEqual(
      [item.subscription_start_time, item.subscription_end_time, item.reseller, item.bulk_license],
      ['', '', false, false],
    );
  });

  test('options set at creation and updated later are kept', async () => {
    const c = await createSub({ options: { share_rc: true, pay_mode: 'sub' } });
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}`)).body.options.pay_mode, 'sub');
    const u = await s.api.patch(`/v2/accounts/${c.body.id}/options`, { share_mc: true, room_connector_list: ['rc-1'], billing_auto_renew: true });
    assert.equal(u.status, 204, u.raw);
    const o = (await s.api.get(`/v2/accounts/${c.body.id}`)).body.options;
    assert.equal(o.share_rc, true);
    assert.equal(o.share_mc, true);
    assert.deepEqual(o.room_connector_list, ['rc-1']);
    assert.equal(o.billing_auto_renew, true);
    assert.equal(o.pay_mode, 'sub');
    assert.equal((await s.api.patch(`/v2/accounts/${c.body.id}/options`, { billing_auto_renew: false })).status, 204);
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}`)).body.options.billing_auto_renew, false);
    assert.equal((await s.api.patch(`/v2/accounts/${c.body.id}/options`, { billing_auto_renew: 'yes' })).body.code, 300);
  });

  test('wrong types, unknown connectors and a paid plan\'s pay mode are refused, writing nothing', async () => {
    const c = await createSub();
    assert.equal((await s.api.patch(`/v2/accounts/${c.body.id}/options`, { share_rc: 'yes' })).body.code, 300);
    assert.equal((await s.api.patch(`/v2/accounts/${c.body.id}/options`, { pay_mode: 'nobody' })).body.code, 300);
    assert.equal((await s.api.patch(`/v2/accounts/${c.body.id}/options`, { share_rc: true, meeting_connector_list: ['x'] })).body.code, 2115);
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}`)).body.options.share_rc, false);
    const paid = await paidSub();
    const r = await s.api.patch(`/v2/accounts/${paid.id}/options`, { pay_mode: 'sub' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}`)).body.options.pay_mode, 'master');
  });

  test('unknown accounts answer 404/2001; options of the master itself too', async () => {
    assert.equal((await s.api.get('/v2/accounts/nope')).body.code, 2001);
    assert.equal((await s.api.patch('/v2/accounts/nope/options', { share_rc: true })).body.code, 2001);
    const self = await s.api.patch('/v2/accounts/me/options', { share_rc: true });
    assert.equal(self.status, 404);
    assert.equal(self.body.code, 2001);
  });
});

describe('Disassociate a sub account (DisassociateASubAccount)', () => {
  test('a Free sub account leaves the master: it is no longer listed nor reachable', async () => {
    const c = await createSub();
    const r = await s.api.delete(`/v2/accounts/${c.body.id}`);
    assert.equal(r.status, 204, r.raw);
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}`)).body.code, 2001);
    const list = await s.api.get('/v2/accounts?page_size=300');
    assert.ok(!list.body.accounts.some((a: { id: string }) => a.id === c.body.id));
    assert.equal((await s.api.delete(`/v2/accounts/${c.body.id}`)).body.code, 2001);
  });

  test('a paid sub account answers 404/2000 and stays', async () => {
    const paid = await paidSub();
    const r = await s.api.delete(`/v2/accounts/${paid.id}`);
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 2000);
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}`)).status, 200);
  });

  test('the master itself cannot be disassociated', async () => {
    assert.equal((await s.api.delete('/v2/accounts/me')).body.code, 2001);
  });
});

describe('Update the account owner (UpdateTheAccountOwner)', () => {
  test('hands a sub account to one of its users: new owner role 0, old owner Admin', async () => {
    const paid = await paidSub();
    const u = await s.api.post(`/v2/accounts/${paid.id}/users`, {
      action: 'autoCreate',
      user_info: { email: 'heir@corp.example.net', type: 2, first_name: 'Heir', last_name: 'Apparent', password: 'Secret123!' },
    });
    assert.equal(u.status, 201, u.raw);
    const r = await s.api.put(`/v2/accounts/${paid.id}/owner`, { email: 'heir@corp.example.net' });
    assert.equal(r.status, 204, r.raw);
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}/users/${u.body.id}`)).body.role_id, '0');
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}/users/${paid.ownerId}`)).body.role_id, '1');
    const d = await s.api.get(`/v2/accounts/${paid.id}`);
    assert.equal(d.body.owner_id, u.body.id);
    assert.equal(d.body.owner_email, 'heir@corp.example.net');
    // The sub account's own token sees the change at once (no stale cache).
    assert.equal((await paid.client.get(`/v2/users/${u.body.id}`)).body.role_id, '0');
    // Managed domains stay those the account had.
    assert.notEqual((await s.api.get(`/v2/accounts/${paid.id}/managed_domains`)).body.domains[0].domain, 'corp.example.net');
  });

  test('outside users, the current owner, API users and bad input are refused, changing nothing', async () => {
    const paid = await paidSub();
    const outside = await s.api.put(`/v2/accounts/${paid.id}/owner`, { email: 'owner@example.com' });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.code, 200);
    const owner = (await s.api.get(`/v2/accounts/${paid.id}`)).body.owner_email;
    assert.equal((await s.api.put(`/v2/accounts/${paid.id}/owner`, { email: owner })).body.code, 200);
    const api = await s.api.post(`/v2/accounts/${paid.id}/users`, { action: 'custCreate', user_info: { email: 'api@corp.example.net', type: 2 } });
    const r = await s.api.put(`/v2/accounts/${paid.id}/owner`, { email: 'api@corp.example.net' });
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}/users/${api.body.id}`)).body.role_id, '2');
    assert.equal((await s.api.put(`/v2/accounts/${paid.id}/owner`, { email: 12 })).body.code, 300);
    assert.equal((await s.api.put(`/v2/accounts/${paid.id}/owner`, {})).body.code, 300);
    assert.equal((await s.api.put('/v2/accounts/nope/owner', { email: 'a@b.org' })).body.code, 2001);
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}`)).body.owner_id, paid.ownerId);
  });
});

describe('Get managed domains (accountManagedDomain) and trusted domains (accountTrustedDomain)', () => {
  test('a paid account manages its owner\'s email domain; trusted domains start empty', async () => {
    const m = await s.api.get('/v2/accounts/me/managed_domains');
    assert.equal(m.status, 200);
    assert.deepEqual(m.body, { domains: [{ domain: 'example.com', status: 'verified' }], total_records: 1 });
    const t = await s.api.get(`/v2/accounts/${demoId}/trusted_domains`);
    assert.deepEqual(t.body, { trusted_domains: [] });
  });

  test('a Free account answers 400/200 for managed domains; unknown accounts 404/2001', async () => {
    const c = await createSub();
    const r = await s.api.get(`/v2/accounts/${c.body.id}/managed_domains`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}/trusted_domains`)).status, 200);
    assert.equal((await s.api.get('/v2/accounts/nope/managed_domains')).body.code, 2001);
    assert.equal((await s.api.get('/v2/accounts/nope/trusted_domains')).body.code, 2001);
  });
});

describe("Switch a user's account (SwitchAUser'sAccount)", () => {
  test('moves a user from one sub account to another, keeping its id', async () => {
    const from = await paidSub();
    const to = await paidSub();
    const u = await s.api.post(`/v2/accounts/${from.id}/users`, { action: 'custCreate', user_info: { email: 'mover@x.org', type: 1, first_name: 'Mo' } });
    // Its picture goes along.
    const pic = new FormData();
    pic.append('pic_file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], { type: 'image/png' }), 'p.png');
    const up = await s.app.inject({ method: 'POST', url: `/v2/accounts/${from.id}/users/${u.body.id}/picture`, headers: { authorization: `Bearer ${s.api.token}` }, payload: pic });
    assert.equal(up.statusCode, 201, up.body);
    const r = await s.api.put(`/v2/accounts/${from.id}/users/${u.body.id}/account`, { account_id: to.id });
    assert.equal(r.status, 204, r.raw);
    assert.equal((await s.api.get(`/v2/accounts/${from.id}/users/${u.body.id}`)).status, 404);
    const moved = await s.api.get(`/v2/accounts/${to.id}/users/${u.body.id}`);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.first_name, 'Mo');
    assert.equal(moved.body.role_id, '2');
    assert.ok(moved.body.pic_url.includes(`/p/${to.id}/${u.body.id}/`), moved.body.pic_url);
    const served = await s.app.inject({ method: 'GET', url: new URL(moved.body.pic_url).pathname });
    assert.deepEqual([...served.rawPayload], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    // ... and into the master account itself.
    const back = await s.api.put(`/v2/accounts/${to.id}/users/mover@x.org/account`, { account_id: demoId });
    assert.equal(back.status, 204, back.raw);
    assert.equal((await s.api.get(`/v2/users/${u.body.id}`)).status, 200);
  });

  test('owners and admins, unknown users and accounts outside the family are refused', async () => {
    const from = await paidSub();
    const to = await paidSub();
    const owner = await s.api.put(`/v2/accounts/${from.id}/users/${from.ownerId}/account`, { account_id: to.id });
    assert.equal(owner.status, 400);
    assert.equal(owner.body.code, 1117);
    const unknown = await s.api.put(`/v2/accounts/${from.id}/users/nobody/account`, { account_id: to.id });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
    const other = await otherAccount();
    const u = await s.api.post(`/v2/accounts/${from.id}/users`, { action: 'custCreate', user_info: { email: 'stay@x.org', type: 1 } });
    const outside = await s.api.put(`/v2/accounts/${from.id}/users/${u.body.id}/account`, { account_id: other.id });
    assert.equal(outside.status, 404);
    assert.equal(outside.body.code, 2001);
    assert.equal((await s.api.put(`/v2/accounts/${from.id}/users/${u.body.id}/account`, { account_id: 7 })).body.code, 300);
    assert.equal((await s.api.put(`/v2/accounts/${from.id}/users/${u.body.id}/account`, {})).body.code, 300);
    assert.equal((await s.api.get(`/v2/accounts/${from.id}/users/${u.body.id}`)).status, 200);
    // A sub account cannot move users at all.
    const self = await from.client.put(`/v2/accounts/me/users/${u.body.id}/account`, { account_id: to.id });
    assert.equal(self.body.code, 200);
    assert.equal((await s.api.get(`/v2/accounts/${from.id}/users/${u.body.id}`)).status, 200);
  });
});

describe('isolation', () => {
  test('another account can neither see nor change the demo account\'s sub accounts', async () => {
    const c = await createSub();
    const paid = await paidSub();
    const u = await s.api.post(`/v2/accounts/${paid.id}/users`, { action: 'custCreate', user_info: { email: 'iso@x.org', type: 1 } });
    const other = await otherAccount();
    const o = other.client;
    assert.equal((await o.get('/v2/accounts')).body.total_records, 0);
    for (const id of [c.body.id, paid.id, demoId]) {
      for (const r of [
        await o.get(`/v2/accounts/${id}`),
        await o.delete(`/v2/accounts/${id}`),
        await o.patch(`/v2/accounts/${id}/options`, { share_rc: true }),
        await o.put(`/v2/accounts/${id}/owner`, { email: 'owner@example.com' }),
        await o.get(`/v2/accounts/${id}/managed_domains`),
        await o.get(`/v2/accounts/${id}/trusted_domains`),
        await o.put(`/v2/accounts/${id}/users/${u.body.id}/account`, { account_id: other.id }),
      ]) {
        assert.equal(r.status, 404, r.raw);
        assert.equal(r.body.code, 2001);
      }
    }
    // Its own user list never gains the demo family's users, and nothing changed.
    assert.equal((await s.api.get(`/v2/accounts/${paid.id}/users/${u.body.id}`)).status, 200);
    assert.equal((await s.api.get(`/v2/accounts/${c.body.id}`)).body.options.share_rc, false);
    assert.equal((await s.api.get('/v2/users/owner@example.com')).body.role_id, '0');
  });
});
