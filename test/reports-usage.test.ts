// The usage reports computed from stored state: cloud recording storage per day
// (recordings of known size on known days, the plans' storage that day),
// telephone legs of participants who joined by phone (durations, rates,
// totals, Zoom's type and query_date_type), and department billing reports
// from the account's invoices (a price table with tax). Plan gating, date
// ranges, another account's ids, a Member without the report privilege.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { liveAccount, type Live } from './helpers/live.ts';
import { advance, recordMeeting } from './helpers/recordings.ts';
import { DEFAULT_TELEPHONE_RATES, loadTelephoneRates } from '../src/api/reports/telephone.ts';

let s: TestServer;
let live: Live;
const GiB = 1024 ** 3;

/** Moves the server clock (and takes a new token: an hour-long one expires with the move). */
const setClock = async (at: string) => {
  const r = await s.client.post('/_openzoom/clock', { set: at, freeze: true });
  assert.equal(r.status, 200, r.raw);
  if (live) live.api = await s.client.withCredentials(...live.credentials);
};

before(async () => {
  // Invoices with 10 % tax: the billing reports carry it.
  const dir = mkdtempSync(join(tmpdir(), 'openzoom-prices-'));
  writeFileSync(join(dir, 'prices.json'), JSON.stringify({ tax_rate: 0.1 }));
  process.env.OPENZOOM_PRICE_TABLE = join(dir, 'prices.json');
  s = await startServer();
  delete process.env.OPENZOOM_PRICE_TABLE;
  await setClock('2026-11-10T08:00:00Z');
  // Business, 250 licences, 5 GB of cloud storage each: 1250 GB included.
  live = await liveAccount(s, 'business');
});
after(() => s.close());

/** The other account and the free one, made once. */
async function otherAccount(plan: string) {
  const acct = await s.client.post('/_openzoom/accounts', { plan });
  assert.equal(acct.status, 201, acct.raw);
  return s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
}

describe('Cloud recording usage (reportCloudRecording)', () => {
  let sizes: [number, number];

  test('storage in use at the end of each day up to yesterday, trash included; the plans\' storage that day', async () => {
    // One recording on 10 Nov, one on 11 Nov.
    await setClock('2026-11-10T09:00:00Z');
    const first = await recordMeeting(s, live);
    await setClock('2026-11-11T09:00:00Z');
    const second = await recordMeeting(s, live);
    const sizeOf = async (meetingId: string) => {
      const r = await live.api.get(`/v2/meetings/${meetingId}/recordings`);
      assert.equal(r.status, 200, r.raw);
      return r.body.recording_files.reduce((n: number, f: { file_size: number }) => n + f.file_size, 0) as number;
    };
    sizes = [await sizeOf(first.meetingId), await sizeOf(second.meetingId)];
    assert.ok(sizes[0] > 1024 && sizes[1] > 1024);
    // 12 Nov: the first goes to the trash (it still counts); a 30 GB storage plan replaces the included storage.
    await setClock('2026-11-12T09:00:00Z');
    assert.equal((await live.api.delete(`/v2/meetings/${first.meetingId}/recordings?action=trash`)).status, 204);
    const plan = await live.api.post('/v2/accounts/me/plans/addons', { type: 'cmr_monthly_commitment_40', hosts: 1 });
    assert.equal(plan.status, 201, plan.raw);
    await setClock('2026-11-14T10:00:00Z');

    const r = await live.api.get('/v2/report/cloud_recording?from=2026-11-09&to=2026-11-14');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.from, '2026-11-09');
    assert.equal(r.body.to, '2026-11-14');
    // Hand-computed: KB with two decimals at most (each recording is well under a megabyte… or in MB if over).
    const text = (bytes: number) => (bytes === 0 ? '0 B' : bytes < 1024 ** 2 ? `${Math.round((bytes / 1024) * 100) / 100} KB` : `${Math.round((bytes / 1024 ** 2) * 100) / 100} MB`);
    // Today (14 Nov) is not reported yet: 9–13 Nov. On 9 Nov the account had no plan yet (created 10 Nov).
    assert.deepEqual(
      r.body.cloud_recording_storage.map((d: Record<string, string>) => [d.date, d.usage, d.plan_usage, d.free_usage]),
      [
        ['2026-11-09', '0 B', '0 B', '0 B'],
        ['2026-11-10', text(sizes[0]), '0 B', '1.22 TB'],
        ['2026-11-11', text(sizes[0] + sizes[1]), '0 B', '1.22 TB'],
        ['2026-11-12', text(sizes[0] + sizes[1]), '30 GB', '0 B'],
        ['2026-11-13', text(sizes[0] + sizes[1]), '30 GB', '0 B'],
      ],
    );
  });

  test('by group: only the recordings of its members\' meetings; an unknown group is 404', async () => {
    const group = await live.api.post('/v2/groups', { name: 'Nobody records' });
    assert.equal(group.status, 201, group.raw);
    const r = await live.api.get(`/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13&group_id=${group.body.id}`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.cloud_recording_storage.map((d: { usage: string }) => d.usage), ['0 B', '0 B', '0 B', '0 B']);
    // With the host (the owner) in it: every recording.
    assert.equal((await live.api.post(`/v2/groups/${group.body.id}/members`, { members: [{ id: live.ownerId }] })).status, 201);
    const all = await live.api.get('/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13');
    const mine = await live.api.get(`/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13&group_id=${group.body.id}`);
    assert.deepEqual(mine.body.cloud_recording_storage, all.body.cloud_recording_storage);
    assert.notEqual(all.body.cloud_recording_storage[0].usage, '0 B');
    const unknown = await live.api.get('/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13&group_id=nope');
    assert.equal(unknown.status, 404, unknown.raw);
  });

  test('another account sees none of this storage', async () => {
    const other = await otherAccount('business');
    const r = await other.get('/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13');
    assert.equal(r.status, 200, r.raw);
    assert.ok(r.body.cloud_recording_storage.every((d: { usage: string }) => d.usage === '0 B'));
  });
});

describe('Telephone usage (reportTelephone)', () => {
  let meetingId: string;
  let uuid: string;

  before(async () => {
    // 14 Nov 10:00: a meeting with three people on the phone and one on a computer.
    await setClock('2026-11-14T10:00:00Z');
    meetingId = await live.meeting({ topic: 'Phones' });
    uuid = (await live.start(meetingId)).uuid;
    await live.join(meetingId, 'Laptop Lee');
    const phone = async (name: string, audio: Record<string, string>) => {
      const r = await live.control(`${meetingId}/participants`, { name, audio });
      assert.equal(r.status, 201, r.raw);
      assert.equal(r.body.audio.type, audio.type);
      return r.body.participant_id as string;
    };
    const tollFree = await phone('+1 415 555 0100', { type: 'toll_free', phone_number: '+14155550100', country: 'US', zoom_number: '+18335480282' });
    const callOut = await phone('Gwen', { type: 'call_out', phone_number: '+442071838750', country: 'GB' });
    const toll = await phone('+49 30 1234567', { type: 'toll', phone_number: '+49301234567', country: 'DE', zoom_number: '+496971049922' });
    const sip = await phone('Front desk', { type: 'sip', phone_number: '+14155550150', zoom_number: '+16465588656' });
    const leave = (p: string) => live.control(`${meetingId}/participants/${p}/leave`);
    await advance(s, 45);
    assert.equal((await leave(sip)).status, 200); // 45 s: 1 minute
    await advance(s, 15);
    assert.equal((await leave(toll)).status, 200); // 60 s: 1 minute
    await advance(s, 30);
    assert.equal((await leave(tollFree)).status, 200); // 90 s: 2 minutes
    await advance(s, 60);
    assert.equal((await leave(callOut)).status, 200); // 150 s: 3 minutes
    // Someone still on the phone has no ended leg yet: not reported.
    await phone('Late caller', { type: 'call_me', phone_number: '+14155550199' });
    await advance(s, 30);
  });

  test('type 1: toll-free dial-in and call-outs, by call start; duration in started minutes × rate', async () => {
    const r = await live.api.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 2);
    assert.equal(r.body.page_count, 1);
    const [a, b] = r.body.telephony_usage;
    assert.deepEqual(
      { type: a.type, call_in_number: a.call_in_number, phone_number: a.phone_number, signaled_number: a.signaled_number, country_name: a.country_name, start_time: a.start_time, end_time: a.end_time, duration: a.duration, rate: a.rate, total: a.total },
      { type: 'toll-free', call_in_number: '+14155550100', phone_number: '+18335480282', signaled_number: '+14155550100', country_name: 'US', start_time: '2026-11-14T10:00:00Z', end_time: '2026-11-14T10:01:30Z', duration: 2, rate: 0.05, total: 0.1 },
    );
    assert.deepEqual(
      { type: b.type, call_in_number: b.call_in_number, phone_number: b.phone_number, country_name: b.country_name, duration: b.duration, rate: b.rate, total: b.total },
      { type: 'call-out', call_in_number: undefined, phone_number: '+442071838750', country_name: 'GB', duration: 3, rate: 0.03, total: 0.09 },
    );
    assert.equal(a.meeting_id, Number(meetingId));
    assert.equal(a.uuid, uuid);
    assert.equal(a.meeting_type, 'Meeting');
    assert.equal(a.host_id, live.ownerId);
    const sum = r.body.telephony_usage.reduce((n: number, l: { total: number }) => n + l.total, 0);
    assert.equal(Math.round(sum * 100) / 100, 0.19);
  });

  test('type 2: toll dial-in outside the US; type 3: SIP Connected Audio', async () => {
    const toll = await live.api.get('/v2/report/telephone?type=2&from=2026-11-14&to=2026-11-14');
    assert.equal(toll.status, 200, toll.raw);
    assert.deepEqual(
      toll.body.telephony_usage.map((l: Record<string, unknown>) => [l.type, l.country_name, l.duration, l.rate, l.total]),
      [['global toll-number', 'DE', 1, 0, 0]],
    );
    const sip = await live.api.get('/v2/report/telephone?type=3&from=2026-11-14&to=2026-11-14');
    assert.deepEqual(
      sip.body.telephony_usage.map((l: Record<string, unknown>) => [l.type, l.call_in_number, l.phone_number, l.duration, l.total]),
      [['call-in', '+14155550150', '+16465588656', 1, 0]],
    );
  });

  test('paging by next_page_token; by meeting times the counts are left out; by end time', async () => {
    const first = await live.api.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14&page_size=1');
    assert.equal(first.body.telephony_usage.length, 1);
    assert.ok(first.body.next_page_token);
    const second = await live.api.get(`/v2/report/telephone?from=2026-11-14&to=2026-11-14&page_size=1&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.status, 200, second.raw);
    assert.equal(second.body.telephony_usage[0].type, 'call-out');
    assert.equal(second.body.next_page_token, '');
    const byMeeting = await live.api.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14&query_date_type=meeting_start_time');
    assert.equal(byMeeting.status, 200, byMeeting.raw);
    assert.equal(byMeeting.body.telephony_usage.length, 2);
    assert.equal(byMeeting.body.total_records, undefined);
    assert.equal(byMeeting.body.page_count, undefined);
    // The meeting has not ended: nothing by its end time.
    const byEnd = await live.api.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14&query_date_type=meeting_end_time');
    assert.deepEqual(byEnd.body.telephony_usage, []);
    const otherDay = await live.api.get('/v2/report/telephone?from=2026-11-13&to=2026-11-13&query_date_type=end_time');
    assert.deepEqual(otherDay.body.telephony_usage, []);
  });

  test('the join: email or audio is needed; an unknown country is refused', async () => {
    const none = await live.control(`${meetingId}/participants`, { name: 'Nobody' });
    assert.equal(none.status, 400, none.raw);
    assert.equal(none.body.code, 300);
    const country = await live.control(`${meetingId}/participants`, { name: 'X', audio: { type: 'toll', phone_number: '+1555', country: 'ZZ' } });
    assert.equal(country.status, 400, country.raw);
    const type = await live.control(`${meetingId}/participants`, { name: 'X', audio: { type: 'pigeon', phone_number: '+15555550100' } });
    assert.equal(type.status, 400, type.raw);
  });

  test("another account has no legs; a bad page token answers 300", async () => {
    const other = await otherAccount('business');
    const r = await other.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14');
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.telephony_usage, []);
    const bad = await live.api.get('/v2/report/telephone?from=2026-11-14&to=2026-11-14&next_page_token=nonsense');
    assert.equal(bad.status, 400, bad.raw);
    assert.equal(bad.body.code, 300);
  });
});

describe('Telephone rates', () => {
  test('OPENZOOM_TELEPHONE_RATES replaces the rates it names; a bad one stops the server from starting', () => {
    assert.deepEqual(loadTelephoneRates(undefined), DEFAULT_TELEPHONE_RATES);
    assert.deepEqual(loadTelephoneRates('{"toll": 0.01, "toll_free": 0.04}'), { ...DEFAULT_TELEPHONE_RATES, toll: 0.01, toll_free: 0.04 });
    assert.throws(() => loadTelephoneRates('{"pigeon": 1}'), /pigeon/);
    assert.throws(() => loadTelephoneRates('{"toll": -1}'), /toll/);
  });
});

describe('Department billing (getBillingReport, getBillingInvoicesReports)', () => {
  test('one report per billing period (month) with its invoices\' totals and tax; the lines of a period', async () => {
    // 15 Dec: the base plan renewed on 10 Dec, the storage plan on 12 Dec.
    await setClock('2026-12-15T09:00:00Z');
    const r = await live.api.get('/v2/report/billing');
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.currency, 'USD');
    // Each month: Business Monthly 250 × 21.99 = 5497.50 + 10 % = 6047.25; Cloud Recording 30 GB 40 + 4 = 44.
    assert.deepEqual(
      r.body.billing_reports.map((b: Record<string, unknown>) => [b.start_date, b.end_date, b.total_amount, b.tax_amount, b.type]),
      [
        ['2026-12-01', '2026-12-31', '6091.25', '553.75', 0],
        ['2026-11-01', '2026-11-30', '6091.25', '553.75', 0],
      ],
    );
    const nov = r.body.billing_reports[1].id;
    const lines = await live.api.get(`/v2/report/billing/invoices?billing_id=${nov}`);
    assert.equal(lines.status, 200, lines.raw);
    assert.deepEqual(
      lines.body.invoices.map((l: Record<string, unknown>) => [l.invoice_charge_name, l.quantity, l.start_date, l.end_date, l.tax_amount, l.total_amount]),
      [
        ['Business Monthly', 250, '2026-11-10', '2026-12-10', '549.75', '6047.25'],
        ['Cloud Recording 30 GB Monthly', 1, '2026-11-12', '2026-12-12', '4.00', '44.00'],
      ],
    );
    // The invoice numbers are those of the account's invoices.
    const invoices = await live.api.get('/v2/accounts/me/billing/invoices?from=2026-11-01&to=2026-11-30');
    assert.equal(invoices.status, 200, invoices.raw);
    assert.deepEqual(new Set(lines.body.invoices.map((l: { invoice_number: string }) => l.invoice_number)), new Set(invoices.body.invoices.map((i: { invoice_number: string }) => i.invoice_number)));
  });

  test('a bad billing_id answers 300; an unknown one or another account\'s 5010', async () => {
    const bad = await live.api.get('/v2/report/billing/invoices?billing_id=xyz');
    assert.equal(bad.status, 400, bad.raw);
    assert.equal(bad.body.code, 300);
    const unknown = await live.api.get(`/v2/report/billing/invoices?billing_id=${'0'.repeat(24)}`);
    assert.equal(unknown.status, 404, unknown.raw);
    assert.equal(unknown.body.code, 5010);
    const mine = (await live.api.get('/v2/report/billing')).body.billing_reports[0].id;
    const other = await otherAccount('pro');
    const theirs = await other.get(`/v2/report/billing/invoices?billing_id=${mine}`);
    assert.equal(theirs.status, 404, theirs.raw);
    assert.equal(theirs.body.code, 5010);
    // Their own: one period, 9 Pro licences at 15.99 + 10 %.
    const own = await other.get('/v2/report/billing');
    assert.deepEqual(own.body.billing_reports.map((b: Record<string, string>) => [b.total_amount, b.tax_amount]), [['158.30', '14.39']]);
  });
});

describe('Plans, ranges, privileges', () => {
  const paths = ['/v2/report/cloud_recording?from=2026-11-10&to=2026-11-13', '/v2/report/telephone?from=2026-11-14&to=2026-11-14', '/v2/report/billing', `/v2/report/billing/invoices?billing_id=${'0'.repeat(24)}`];

  test('a free account gets "Only available for Paid account"', async () => {
    const free = await otherAccount('free');
    for (const path of paths) {
      const r = await free.get(path);
      assert.equal(r.status, 400, `${path} ${r.raw}`);
      assert.equal(r.body.code, 200);
      assert.match(r.body.message, /Only available for Paid account/);
    }
  });

  test('date ranges: missing, to before from, more than a month, older than six months answer 300', async () => {
    for (const report of ['cloud_recording', 'telephone']) {
      for (const q of ['from=2026-11-10', 'from=2026-11-10&to=2026-11-01', 'from=2026-10-01&to=2026-12-01', 'from=2026-01-01&to=2026-01-31', 'from=2026-13-01&to=2026-12-01']) {
        const r = await live.api.get(`/v2/report/${report}?${q}`);
        assert.equal(r.status, 400, `${report} ${q} ${r.raw}`);
        assert.equal(r.body.code, 300);
      }
    }
  });

  test('a Member without the usage report privilege is refused', async () => {
    const bob = await live.newUser();
    const token = await s.client.post('/_openzoom/tokens', { account_id: live.accountId, user_id: bob.id });
    assert.equal(token.status, 201, token.raw);
    const member = s.client.withToken(token.body.access_token);
    for (const path of paths) {
      const r = await member.get(path);
      assert.equal(r.status, 400, `${path} ${r.raw}`);
      assert.equal(r.body.code, 200);
    }
  });
});
