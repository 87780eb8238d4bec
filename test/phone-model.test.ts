// Zoom Phone's shared model: what a provisioned phone account holds (main
// site, calling plans, a pool of numbers, the owner a phone user with a
// number), the phone licence following the user's feature.zoom_phone, and
// numbers and extensions held by one owner at most.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import * as repo from '../src/phone/repository.ts';
import { callingPlansOf } from '../src/phone/model.ts';
import { getAccount } from '../src/tenancy/repository.ts';

let s: TestServer;
let demo: string;
before(async () => {
  s = await startServer();
  demo = s.demo!.accountId;
});
after(() => s.close());

async function free(accountId: string): Promise<number> {
  const account = (await getAccount(s.db, accountId))!;
  const used = await repo.plansAssigned(s.db, accountId);
  return callingPlansOf(account, s.clock.iso()).reduce((n, p) => n + p.subscribed - (used.get(p.type) ?? 0), 0);
}

describe('a provisioned phone account', () => {
  test('the demo account has a main site, calling plans with free licences, unassigned numbers and its owner a phone user with a number', async () => {
    const site = await repo.mainSite(s.db, demo);
    assert.ok(site, 'main site');
    assert.ok((await free(demo)) >= 10);
    assert.ok((await repo.countNumbers(s.db, demo, { type: 'unassigned' })) >= 20);
    const owner = (await getAccount(s.db, demo))!.data.owner_id;
    const pu = await repo.getPhoneUser(s.db, demo, owner);
    assert.ok(pu);
    assert.equal(pu.site_id, site.id);
    assert.equal((await repo.numbersOf(s.db, demo, 'user', owner)).length, 1);
    assert.equal(pu.calling_plans.length, 1);
    assert.deepEqual(await repo.findPhoneUser(s.db, demo, String(pu.extension_number)), pu);
    assert.deepEqual(await repo.findPhoneUser(s.db, demo, 'owner@example.com'), pu);
  });

  test('POST /_openzoom/accounts with addons.phone true sets up Zoom Phone; without it there is none', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    assert.equal(a.status, 201, a.raw);
    const id = a.body.account_id;
    assert.ok(await repo.mainSite(s.db, id));
    assert.equal(await free(id), 39);
    assert.ok((await repo.countNumbers(s.db, id, { type: 'unassigned' })) >= 20);
    const plain = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    assert.equal(await repo.mainSite(s.db, plain.body.account_id), undefined);
    // Turning phone on later (PATCH) sets it up once.
    assert.equal((await s.client.patch(`/_openzoom/accounts/${plain.body.account_id}`, { addons: { phone: { hosts: 3 } } })).status, 200);
    assert.ok(await repo.mainSite(s.db, plain.body.account_id));
    assert.equal(await free(plain.body.account_id), 2);
  });

  test('a user given feature.zoom_phone becomes a phone user with an extension of the main site; taking it away releases its numbers', async () => {
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'caller@example.com', type: 1, first_name: 'Cal', last_name: 'Ler', feature: { zoom_phone: true } } });
    assert.equal(u.status, 201, u.raw);
    const pu = await repo.getPhoneUser(s.db, demo, u.body.id);
    assert.ok(pu);
    const ext = await repo.getExtensionOf(s.db, demo, 'user', u.body.id);
    assert.equal(ext?.name, 'Cal Ler');
    const number = (await repo.listNumbers(s.db, demo, { type: 'unassigned' }, { size: 1, offset: 0, after: null })).numbers[0]!.number;
    await repo.assignNumbers(s.db, demo, { type: 'user', id: u.body.id, site_id: pu.site_id }, [number.id]);
    // Another assignee cannot take it.
    await assert.rejects(repo.assignNumbers(s.db, demo, { type: 'callQueue', id: 'q1', site_id: null }, [number.number]), (e: { code: number }) => e.code === 300);
    assert.equal((await s.api.patch(`/v2/users/${u.body.id}`, { feature: { zoom_phone: false } })).status, 204);
    assert.equal(await repo.getPhoneUser(s.db, demo, u.body.id), undefined);
    assert.equal((await repo.getNumber(s.db, demo, number.id))?.assignee, null);
  });

  test('extensions are unique per account: a taken number is refused, allocation skips it', async () => {
    const site = (await repo.mainSite(s.db, demo))!;
    const a = await repo.claimExtension(s.db, demo, { type: 'callQueue', id: 'cq-a', name: 'Sales', site }, 't');
    await assert.rejects(repo.claimExtension(s.db, demo, { type: 'callQueue', id: 'cq-b', name: 'Support', site, extension_number: a.extension_number }, 't'), (e: { status: number }) => e.status === 400);
    const b = await repo.claimExtension(s.db, demo, { type: 'callQueue', id: 'cq-b', name: 'Support', site }, 't');
    assert.notEqual(a.extension_number, b.extension_number);
    await repo.releaseExtension(s.db, demo, 'callQueue', 'cq-a');
    await repo.releaseExtension(s.db, demo, 'callQueue', 'cq-b');
  });
});
