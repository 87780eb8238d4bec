// Billing: plans (information, usage, subscribe, update, cancel — base and
// add-ons), billing contact, invoices and their PDF files, upcoming renewals
// and sub accounts' invoice reports; and what plan changes do to the rest.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
let demoId: string;
/** The demo account's client; a new token after each move of the clock (tokens last an hour). */
let api: TestClient;
before(async () => {
  s = await startServer();
  demoId = s.demo!.accountId;
  api = s.api;
});
after(() => s.close());

const CONTACT = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'billing@example.org',
  phone_number: '+1 650 555 0100',
  address: '1 Analytical Way',
  city: 'San Jose',
  state: 'CA',
  zip: '95113',
  country: 'US',
};

let n = 0;
/** A Free sub account of the demo account (created by Zoom's own operation). */
async function freeSub(): Promise<string> {
  const r = await api.post('/v2/accounts', { email: `billing-${++n}@sub${n}.example.org`, first_name: 'Sub', last_name: `Owner${n}`, password: 'Tr0ub4dor&3' });
  assert.equal(r.status, 201, r.raw);
  return r.body.id;
}

/** A sub account subscribed to a base plan of `hosts` (and any add-ons given). */
async function paidSub(hosts = 5, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await freeSub();
  const r = await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'business_monthly', hosts }, ...extra });
  assert.equal(r.status, 201, r.raw);
  return id;
}

async function advanceDays(days: number): Promise<void> {
  const r = await s.client.post('/_openzoom/clock', { advance_seconds: days * 86_400 });
  assert.equal(r.status, 200, r.raw);
  api = await s.client.withCredentials(s.demo!.accountId, s.demo!.clientId, s.demo!.clientSecret);
}

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ');
  }
  return { pages: doc.numPages, text };
}

describe('Plans of the demo account (GetAccountPlanInformation)', () => {
  test('the demo account holds its base plan and every add-on from the start', async () => {
    const r = await api.get('/v2/accounts/me/plans');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.plan_base.type, 'monthly');
    assert.equal(r.body.plan_base.status, 'active');
    assert.equal(r.body.plan_webinar[0].type, 'webinar500_monthly');
    assert.equal(r.body.plan_large_meeting[0].type, 'large500_monthly');
    assert.equal(r.body.plan_recording, 'cmr_monthly_commitment_100');
    assert.equal(r.body.plan_zoom_rooms.hosts, 1);
    assert.equal(r.body.plan_phone.plan_calling.length, 2);
    assert.equal(r.body.plan_audio.type, 'audio_monthly');
    assert.match(r.body.plan_base.next_invoice_date, /^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('Subscribe plans (SubscribeAccountToAPlan) and invoices', () => {
  test('a master subscribes a Free sub account: plans, tier, seats and an invoice at once, with a real PDF', async () => {
    const id = await freeSub();
    const r = await api.post(`/v2/accounts/${id}/plans`, {
      contact: CONTACT,
      plan_base: { type: 'business_monthly', hosts: 5 },
      plan_webinar: [{ type: 'webinar500_monthly', hosts: 1 }],
      plan_recording: 'cmr_monthly_commitment_40',
    });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.plan_base, { type: 'business_monthly', hosts: 5 });
    assert.deepEqual(r.body.plan_webinar, [{ type: 'webinar500_monthly', hosts: 1 }]);
    const details = await api.get(`/v2/accounts/${id}`);
    assert.equal(details.body.account_type, 'Business');
    const plans = await api.get(`/v2/accounts/${id}/plans`);
    assert.equal(plans.body.plan_base.hosts, 5);
    assert.equal(plans.body.plan_base.active_hosts, 0, 'the sub account owner is Basic');
    assert.equal(plans.body.plan_recording_status, 'active');

    const list = await api.get(`/v2/accounts/${id}/billing/invoices`);
    assert.equal(list.status, 200, list.raw);
    assert.equal(list.body.currency, 'USD');
    assert.equal(list.body.invoices.length, 1);
    const inv = list.body.invoices[0];
    assert.equal(inv.total_amount, Math.round((5 * 21.99 + 79 + 40) * 100) / 100);
    assert.equal(inv.balance, inv.total_amount);
    const one = await api.get(`/v2/accounts/${id}/billing/invoices/${inv.id}`);
    assert.equal(one.status, 200, one.raw);
    assert.equal(one.body.invoice_items.length, 3);
    assert.deepEqual(one.body.invoice_items.map((i: { quantity: number }) => i.quantity).sort(), [1, 1, 5]);

    const pdf = await api.get(`/v2/api/download/billing/invoices/${inv.id}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
    const parsed = await pdfText(pdf.bytes);
    assert.equal(parsed.pages, 1);
    assert.ok(parsed.text.includes(inv.invoice_number), parsed.text);
    assert.ok(parsed.text.includes('Business Monthly'), parsed.text);
    assert.ok(parsed.text.includes('Ada Lovelace'), parsed.text);
  });

  test('an unknown plan code, a second base plan, a product not sold and a bad country are refused, writing nothing', async () => {
    const id = await freeSub();
    const bad = await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'platinum', hosts: 5 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 2100);
    assert.equal(bad.body.message, 'Invalid plan type.');
    const product = await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'monthly', hosts: 2 }, plan_zoom_events: [{ type: 'x', hosts: 1 }] });
    assert.equal(product.body.code, 2100);
    const country = await api.post(`/v2/accounts/${id}/plans`, { contact: { ...CONTACT, country: 'ZZ' }, plan_base: { type: 'monthly', hosts: 2 } });
    assert.equal(country.body.code, 2100);
    assert.equal(country.body.message, 'Invalid country parameter: ZZ.');
    const missing = await api.post(`/v2/accounts/${id}/plans`, { plan_base: { type: 'monthly', hosts: 2 } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 300);
    assert.deepEqual((await api.get(`/v2/accounts/${id}/plans`)).body, {});
    assert.equal((await api.get(`/v2/accounts/${id}/billing/invoices`)).body.code, 200);
    await paidSubOn(id);
    const again = await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'monthly', hosts: 2 } });
    assert.equal(again.body.code, 2100);
  });

  test('each new paid period is invoiced on its first day of the server clock; paid on the due date', async () => {
    const id = await paidSub(2);
    const first = (await api.get(`/v2/accounts/${id}/billing/invoices`)).body.invoices;
    assert.equal(first.length, 1);
    await advanceDays(32);
    const later = (await api.get(`/v2/accounts/${id}/billing/invoices`)).body.invoices;
    assert.equal(later.length, 2);
    assert.equal(later[1].id, first[0].id);
    assert.equal(later[1].balance, 0, 'the first invoice was charged on its due date');
    assert.ok(later[0].invoice_date > later[1].invoice_date);
    const to = later[1].invoice_date;
    const filtered = await api.get(`/v2/accounts/${id}/billing/invoices?from=${to}&to=${to}`);
    assert.deepEqual(filtered.body.invoices.map((i: { id: string }) => i.id), [first[0].id]);
  });

  test("another account's invoice and an unknown one answer 2001", async () => {
    const id = await paidSub(1);
    const other = await paidSub(1);
    const theirs = (await api.get(`/v2/accounts/${other}/billing/invoices`)).body.invoices[0].id;
    const r = await api.get(`/v2/accounts/${id}/billing/invoices/${theirs}`);
    assert.equal(r.body.code, 2001);
    assert.equal((await api.get(`/v2/accounts/${id}/billing/invoices/nope`)).body.code, 2001);
    const stranger = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const theirApi = await s.client.withCredentials(stranger.body.account_id, stranger.body.client_id, stranger.body.client_secret);
    const pdf = await theirApi.get(`/v2/api/download/billing/invoices/${theirs}`);
    assert.equal(pdf.status, 400);
    assert.equal(pdf.body.code, 2001);
    const plans = await theirApi.get(`/v2/accounts/${other}/plans`);
    assert.equal(plans.status, 404);
    assert.equal(plans.body.code, 2001);
  });
});

async function paidSubOn(id: string): Promise<void> {
  const r = await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'monthly', hosts: 3 } });
  assert.equal(r.status, 201, r.raw);
}

describe('Plans decide what the account allows', () => {
  const licensed = (api: TestClient, accountId: string) =>
    api.post(`/v2/accounts/${accountId}/users`, { action: 'custCreate', user_info: { email: `lic-${++n}@example.org`, type: 2, first_name: 'L', last_name: 'U' } });

  test('licensed users are limited by the base plan hosts; updating the base plan lifts the limit at once', async () => {
    const id = await paidSub(2);
    assert.equal((await licensed(api, id)).status, 201);
    assert.equal((await licensed(api, id)).status, 201);
    const over = await licensed(api, id);
    assert.equal(over.status, 400, over.raw);
    assert.equal(over.body.code, 2034);
    assert.match(over.body.message, /maximum number of 2 users/);
    const down = await api.put(`/v2/accounts/${id}/plans/base`, { type: 'business_monthly', hosts: 1 });
    assert.equal(down.status, 400);
    assert.equal(down.body.code, 2100);
    assert.match(down.body.message, /"2" paid users/);
    const up = await api.put(`/v2/accounts/${id}/plans/base`, { type: 'business_monthly', hosts: 3 });
    assert.equal(up.status, 204, up.raw);
    assert.equal((await licensed(api, id)).status, 201);
    const usage = await api.get(`/v2/accounts/${id}/plans/usage`);
    assert.deepEqual(usage.body.plan_base, { type: 'business_monthly', hosts: 3, usage: 3, pending: 0 });
  });

  test('plan information read again follows every change: plans, licensed users, the clock past a next invoice date; a kept answer reaches no sub account', async () => {
    const id = await paidSub(3);
    const read = async () => (await api.get(`/v2/accounts/${id}/plans`)).body;
    const first = await read();
    assert.deepEqual(await read(), first);
    const user = await licensed(api, id);
    assert.equal(user.status, 201, user.raw);
    assert.equal((await read()).plan_base.active_hosts, first.plan_base.active_hosts + 1);
    assert.equal((await api.patch(`/v2/accounts/${id}/users/${user.body.id}`, { type: 1 })).status, 204);
    assert.equal((await read()).plan_base.active_hosts, first.plan_base.active_hosts);
    assert.equal((await api.put(`/v2/accounts/${id}/plans/base`, { type: 'business_monthly', hosts: 4 })).status, 204);
    assert.equal((await read()).plan_base.hosts, 4);
    assert.equal((await api.post(`/v2/accounts/${id}/plans/addons`, { type: 'webinar500_monthly', hosts: 1 })).status, 201);
    assert.deepEqual((await read()).plan_webinar.map((p: { type: string }) => p.type), ['webinar500_monthly']);
    const due = (await read()).plan_base.next_invoice_date as string;
    await advanceDays(32);
    assert.ok(((await read()).plan_base.next_invoice_date as string) > due, 'the next invoice date moved with the clock');
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: demoId });
    assert.equal((await api.get(`/v2/accounts/${sub.body.account_id}/plans`)).status, 200);
    const subApi = await s.client.withCredentials(sub.body.account_id, sub.body.client_id, sub.body.client_secret);
    assert.equal((await subApi.get('/v2/accounts/me/plans')).body.code, 200, 'its own plans are its master\'s to read');
  });

  test('a cancelled base plan stays until the end of its period, then the account is Free (paid-only operations refuse it)', async () => {
    const id = await paidSub(2, { plan_webinar: [{ type: 'webinar500_monthly', hosts: 1 }] });
    const groups = await api.post(`/v2/accounts/${id}/groups`, { name: 'Paid only' });
    assert.equal(groups.status, 201, groups.raw);
    const early = await api.patch(`/v2/accounts/${id}/plans/base/status`, { action: 'cancel', reason: 1 });
    assert.equal(early.status, 400);
    assert.equal(early.body.code, 200, 'add-ons first');
    const addon = await api.patch(`/v2/accounts/${id}/plans/addons/status`, { action: 'cancel', type: 'webinar500_monthly', reason: 2 });
    assert.equal(addon.status, 200, addon.raw);
    const cancel = await api.patch(`/v2/accounts/${id}/plans/base/status`, { action: 'cancel', reason: 1 });
    assert.equal(cancel.status, 200, cancel.raw);
    const plans = await api.get(`/v2/accounts/${id}/plans`);
    assert.equal(plans.body.plan_base.status, 'cancelled');
    assert.equal(plans.body.plan_webinar[0].status, 'cancelled');
    assert.equal((await api.get(`/v2/accounts/${id}/groups`)).status, 200, 'still paid until the period ends');
    await advanceDays(32);
    assert.deepEqual((await api.get(`/v2/accounts/${id}/plans`)).body, {});
    const after = await api.get(`/v2/accounts/${id}/groups`);
    assert.equal(after.status, 400);
    assert.equal(after.body.code, 200);
    assert.equal((await api.get(`/v2/accounts/${id}`)).body.account_type, 'Free');
    const usage = await api.get(`/v2/accounts/${id}/plans/usage`);
    assert.equal(usage.body.code, 200);
    // The cancelled plans were never renewed.
    assert.equal((await api.get(`/v2/accounts/${id}/billing/invoices`)).body.invoices.length, 1);
  });

  test('add-ons: subscribe, update, cancel; webinar licences in use are counted', async () => {
    const id = await paidSub(3);
    const noType = await api.post(`/v2/accounts/${id}/plans/addons`, { type: 'monthly', hosts: 1 });
    assert.equal(noType.body.code, 2100, noType.raw);
    const add = await api.post(`/v2/accounts/${id}/plans/addons`, { type: 'webinar1000_monthly', hosts: 2 });
    assert.equal(add.status, 201, add.raw);
    assert.deepEqual(add.body, { plan_webinar: [{ type: 'webinar1000_monthly', hosts: 2 }] });
    const twice = await api.post(`/v2/accounts/${id}/plans/addons`, { type: 'webinar1000_monthly', hosts: 1 });
    assert.equal(twice.body.message, 'This subaccount already has the additional plan: webinar1000_monthly.');
    const host = await licensed(api, id);
    assert.equal(host.status, 201, host.raw);
    const feature = await api.post(`/v2/accounts/${id}/users/features`, { feature_type: 'webinar', feature_value: '1024', users: [{ id: host.body.id }] });
    assert.equal(feature.status, 201, feature.raw);
    assert.deepEqual(feature.body.success_user_ids, [host.body.id]);
    const usage = await api.get(`/v2/accounts/${id}/plans/usage`);
    assert.deepEqual(usage.body.plan_webinar, [{ type: 'webinar1000_monthly', hosts: 2, usage: 1, pending: 0 }]);
    const update = await api.put(`/v2/accounts/${id}/plans/addons`, { type: 'webinar1000_monthly', hosts: 4 });
    assert.equal(update.status, 200, update.raw);
    assert.equal((await api.get(`/v2/accounts/${id}/plans`)).body.plan_webinar[0].hosts, 4);
    const none = await api.patch(`/v2/accounts/${id}/plans/addons/status`, { action: 'cancel', type: 'large500_monthly' });
    assert.equal(none.body.message, 'You do not have a "large500_monthly" plan subscription.');
    // Lines of the same second share an invoice: count the lines.
    const invoices = (await api.get(`/v2/accounts/${id}/billing/invoices`)).body.invoices as Array<{ id: string }>;
    const items = [];
    for (const i of invoices) items.push(...(await api.get(`/v2/accounts/${id}/billing/invoices/${i.id}`)).body.invoice_items);
    assert.deepEqual(items.map((i: { quantity: number }) => i.quantity).sort(), [2, 3, 4], 'base, the add-on, and its update each invoiced');
  });

  test('webinar licences are the webinar plans\' hosts: one more host than licences is refused until the plan grows', async () => {
    const id = await paidSub(3, { plan_webinar: [{ type: 'webinar500_monthly', hosts: 1 }] });
    const a = (await licensed(api, id)).body.id;
    const b = (await licensed(api, id)).body.id;
    const r = await api.post(`/v2/accounts/${id}/users/features`, { feature_type: 'webinar', feature_value: '512', users: [{ id: a }, { id: b }] });
    assert.deepEqual(r.body, { success_user_ids: [a], fail_details: [{ user_ids: [b], reason: 'Not enough seats' }] });
    assert.equal((await api.put(`/v2/accounts/${id}/plans/addons`, { type: 'webinar500_monthly', hosts: 2 })).status, 200);
    const again = await api.post(`/v2/accounts/${id}/users/features`, { feature_type: 'webinar', feature_value: '512', users: [{ id: b }] });
    assert.deepEqual(again.body.success_user_ids, [b]);
    assert.deepEqual((await api.get(`/v2/accounts/${id}/plans/usage`)).body.plan_webinar, [{ type: 'webinar500_monthly', hosts: 2, usage: 2, pending: 0 }]);
  });

  test('a Free sub account has no add-ons to buy or cancel', async () => {
    const id = await freeSub();
    assert.equal((await api.post(`/v2/accounts/${id}/plans/addons`, { type: 'webinar500_monthly', hosts: 1 })).body.code, 2100);
    assert.equal((await api.patch(`/v2/accounts/${id}/plans/addons/status`, { action: 'cancel', type: 'webinar500_monthly' })).body.code, 200);
    assert.equal((await api.put(`/v2/accounts/${id}/plans/base`, { type: 'monthly', hosts: 2 })).body.code, 3261);
    assert.equal((await api.patch(`/v2/accounts/${id}/billing`, { city: 'Paris' })).body.message, 'Please subscribe a plan for this sub account first.');
  });
});

describe('Billing information (GetBillingInformation, UpdateBillingInformation)', () => {
  test('reads the contact given at subscription, updates it, refuses an unknown country', async () => {
    const id = await paidSub(1);
    const got = await api.get(`/v2/accounts/${id}/billing`);
    assert.equal(got.status, 200, got.raw);
    assert.equal(got.body.first_name, 'Ada');
    assert.equal(got.body.country, 'US');
    const upd = await api.patch(`/v2/accounts/${id}/billing`, { city: 'Paris', country: 'FR', state: 'IDF' });
    assert.equal(upd.status, 200, upd.raw);
    const back = await api.get(`/v2/accounts/${id}/billing`);
    assert.equal(back.body.city, 'Paris');
    assert.equal(back.body.first_name, 'Ada');
    const bad = await api.patch(`/v2/accounts/${id}/billing`, { country: 'Atlantis' });
    assert.equal(bad.body.code, 2100);
    const special = await api.patch(`/v2/accounts/${id}/billing`, { address: '<script>' });
    assert.equal(special.body.code, 300);
    assert.equal((await api.get(`/v2/accounts/${id}/billing`)).body.city, 'Paris');
  });

  test('a sub account paying for itself answers 2100 to its master', async () => {
    const id = await freeSub();
    const opt = await api.patch(`/v2/accounts/${id}/options`, { pay_mode: 'sub' });
    assert.equal(opt.status, 204, opt.raw);
    const r = await api.get(`/v2/accounts/${id}/billing`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 2100);
    assert.equal((await api.post(`/v2/accounts/${id}/plans`, { contact: CONTACT, plan_base: { type: 'monthly', hosts: 1 } })).body.code, 2100);
  });

  test('a sub account cannot buy plans for itself', async () => {
    const sub = await s.client.post('/_openzoom/accounts', { plan: 'pro', master_account_id: demoId });
    const subApi = await s.client.withCredentials(sub.body.account_id, sub.body.client_id, sub.body.client_secret);
    const r = await subApi.post('/v2/accounts/me/plans/addons', { type: 'webinar500_monthly', hosts: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
  });
});

describe('Upcoming renewals and invoice reports (master operations)', () => {
  test('lists sub accounts renewing within the interval', async () => {
    const id = await paidSub(4);
    const r = await api.get('/v2/accounts/billing/renewals?interval=60&page_size=50');
    assert.equal(r.status, 200, r.raw);
    const mine = r.body.results.find((x: { account_id: string }) => x.account_id === id);
    assert.ok(mine, 'the sub account renews within 60 days');
    assert.equal(mine.renewable_subscriptions[0].quantity, 4);
    assert.equal(mine.renewable_subscriptions[0].billing_cycle, 'Monthly');
    assert.equal(r.body.interval, 60);
    const page = await api.get('/v2/accounts/billing/renewals?page_size=1');
    assert.equal(page.body.results.length, 1);
    assert.ok(page.body.total_records >= 1);
  });

  test('generated, processing, then available as CSV, then deleted', async () => {
    const id = await paidSub(2);
    const today = (await s.client.get('/_openzoom/clock')).body.now.slice(0, 10);
    const end = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
    const span = await api.post('/v2/accounts/billing/invoice_reports', { start_date: '2020-01-01', end_date: '2020-03-01', account_ids: [id] });
    assert.equal(span.body.code, 2100);
    assert.equal((await api.post('/v2/accounts/billing/invoice_reports', { start_date: today, end_date: end, account_ids: [] })).body.code, 2100);
    assert.equal((await api.post('/v2/accounts/billing/invoice_reports', { start_date: today, end_date: end, account_ids: ['nope'] })).body.code, 10102);
    const r = await api.post('/v2/accounts/billing/invoice_reports', { start_date: today, end_date: end, account_ids: [id] });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.status, 'Processing');
    assert.equal(r.body.accounts_total_number, 1);
    const listed = await api.get('/v2/accounts/billing/invoice_reports');
    assert.equal(listed.body.invoice_reports.find((x: { id: string }) => x.id === r.body.id).status, 'Processing');
    const early = await api.get(`/v2/accounts/billing/invoice_reports/${r.body.id}?download=true`);
    assert.equal(early.body.status, 'Processing');
    await s.client.post('/_openzoom/clock', { advance_seconds: 31 * 60 });
    const ready = await api.get(`/v2/accounts/billing/invoice_reports/${r.body.id}?download=false`);
    assert.equal(ready.body.status, 'Available');
    const csv = await api.get(`/v2/accounts/billing/invoice_reports/${r.body.id}?download=true`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.bytes.toString().trim().split('\n');
    assert.equal(lines.length, 2, csv.bytes.toString());
    assert.ok(lines[1]!.startsWith(`${id},`));
    assert.ok(lines[1]!.includes('Business Monthly'));
    const del = await api.delete(`/v2/accounts/billing/invoice_reports/${r.body.id}`);
    assert.equal(del.status, 204);
    assert.equal((await api.get(`/v2/accounts/billing/invoice_reports/${r.body.id}?download=false`)).body.code, 2001);
    assert.equal((await api.delete(`/v2/accounts/billing/invoice_reports/${r.body.id}`)).body.code, 2001);
  });

  test("another master's report is not found", async () => {
    const id = await paidSub(1);
    const today = (await s.client.get('/_openzoom/clock')).body.now.slice(0, 10);
    const r = await api.post('/v2/accounts/billing/invoice_reports', { start_date: today, end_date: today, account_ids: [id] });
    const stranger = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const theirApi = await s.client.withCredentials(stranger.body.account_id, stranger.body.client_id, stranger.body.client_secret);
    assert.equal((await theirApi.get(`/v2/accounts/billing/invoice_reports/${r.body.id}?download=false`)).body.code, 2001);
    assert.equal((await theirApi.delete(`/v2/accounts/billing/invoice_reports/${r.body.id}`)).body.code, 2001);
  });
});

describe('Control-plane add-ons', () => {
  test('POST /_openzoom/accounts `addons` become plans; PATCH changes them and the features', async () => {
    const a = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { webinar: { hosts: 2, capacity: 1000 }, tsp: true } });
    assert.equal(a.status, 201, a.raw);
    const ownApi = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
    const plans = await ownApi.get('/v2/accounts/me/plans');
    assert.deepEqual(plans.body.plan_webinar.map((p: { type: string; hosts: number }) => [p.type, p.hosts]), [['webinar1000_monthly', 2]]);
    assert.equal(plans.body.plan_base.type, 'business_monthly');
    const view = await s.client.get(`/_openzoom/accounts/${a.body.account_id}`);
    assert.deepEqual(view.body.addons, { tsp: true, webinar: { hosts: 2, capacity: 1000 }, cloud_recording: { storage_gb: 1250 } });
    const patch = await s.client.patch(`/_openzoom/accounts/${a.body.account_id}`, { addons: { webinar: false, sip_phone: true, tsp: false } });
    assert.equal(patch.status, 200, patch.raw);
    assert.deepEqual(patch.body.addons, { sip_phone: true, cloud_recording: { storage_gb: 1250 } });
    assert.equal((await ownApi.get('/v2/accounts/me/plans')).body.plan_webinar, undefined);
    const unfit = await s.client.patch(`/_openzoom/accounts/${a.body.account_id}`, { addons: { webinar: { capacity: 1_000_000 } } });
    assert.equal(unfit.status, 400);
    assert.equal(unfit.body.code, 300);
    const wrong = await s.client.post('/_openzoom/accounts', { addons: { teleport: true } });
    assert.equal(wrong.status, 400);
  });
});
