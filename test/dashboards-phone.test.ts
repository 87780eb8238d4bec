// Zoom Phone dashboards from four calls placed on the control plane, two with
// each end's device and network: call logs metrics (one per ended call, its MOS,
// quality filters, paging), a call's details, its QoS per minute of talk.
// MOS by the simplified E-model, computed by hand below; every answer is
// validated against the contract by the test client. Also: another account's
// calls, a Member, a Pro account.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { advance, giveNumber, phoneUser, placeCall } from './helpers/phone.ts';
import { mosOf } from '../src/phone/calls/qos.ts';

let s: TestServer;
let acct: { account_id: string; client_id: string; client_secret: string };
let api: TestClient;
let alice: { id: string; email: string };
let bob: { id: string; email: string };
const calls: Record<string, string> = {};
const NOV = 'from=2026-11-01&to=2026-11-30';

// Alice on a good network, Bob on a poor one (first call).
const ALICE = { device_type: 'MAC_Client', codec: 'OPUS', isp: 'Acme Fibre', device_private_ip: '10.1.1.1', device_public_ip: '203.0.113.7', headset: 'Jabra Evolve', avg_loss: 1, jitter: 5, network_delay: 40, bitrate: 64 };
const BOB = { device_type: 'Windows_Client', avg_loss: 8, max_loss: 12, jitter: 30, network_delay: 300, bitrate: 32 };

before(async () => {
  s = await startServer();
  await s.client.post('/_openzoom/clock', { set: '2026-11-10T09:00:00Z', freeze: true });
  const r = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
  assert.equal(r.status, 201, r.raw);
  acct = r.body;
  api = await s.client.withCredentials(acct.account_id, acct.client_id, acct.client_secret);
  alice = await phoneUser(api, 'Alice');
  bob = await phoneUser(api, 'Bob');
  const bobNumber = await giveNumber(s, acct.account_id, bob.id);
  const id = acct.account_id;
  // 09:00:00 Alice calls Bob: answered 5 s later, 120 s of talk (two minutes of QoS), ends 09:02:05.
  calls.poor = await placeCall(s, { account_id: id, from: alice.email, to: bobNumber, outcome: 'answered', duration_seconds: 120, qos: { caller: ALICE, callee: BOB } });
  await advance(s, 180);
  // 09:03:00 Bob calls Alice, both on good networks: 60 s of talk.
  calls.good = await placeCall(s, {
    account_id: id,
    from: bob.email,
    to: alice.email,
    outcome: 'answered',
    duration_seconds: 60,
    qos: { caller: { avg_loss: 0, jitter: 2, network_delay: 20, bitrate: 80 }, callee: { avg_loss: 0.5, jitter: 3, network_delay: 30, bitrate: 80 } },
  });
  await advance(s, 120);
  // 09:05:00 Alice calls out, no figures given; 09:07:00 Bob misses Alice's call.
  calls.out = await placeCall(s, { account_id: id, from: alice.email, to: '+14085550100', outcome: 'answered', duration_seconds: 30 });
  await advance(s, 120);
  calls.missed = await placeCall(s, { account_id: id, from: alice.email, to: bobNumber, outcome: 'missed' });
  await advance(s, 120);
});
after(() => s.close());

describe('MOS (the simplified E-model)', () => {
  test('by hand: 40 ms delay, 5 ms jitter, 1% loss → R 89.2, MOS 4.32; 300 ms, 30 ms, 8% → R 48.2, MOS 2.48', () => {
    // Effective latency 40 + 2×5 + 10 = 60 ms < 160: R = 93.2 − 60/40 − 2.5×1 = 89.2; MOS = 1 + 0.035R + 7e-6·R(R−60)(100−R).
    assert.equal(mosOf(ALICE).toFixed(3), '4.319');
    // 300 + 60 + 10 = 370 ms ≥ 160: R = 93.2 − (370 − 120)/10 − 2.5×8 = 48.2.
    assert.equal(mosOf(BOB).toFixed(3), '2.481');
    assert.equal(mosOf({ avg_loss: 60 }), 1);
  });
});

describe('Call logs metrics (listCallLogsMetrics)', () => {
  test('one entry per ended call, newest first, with its MOS (the worse direction)', async () => {
    const r = await api.get(`/v2/phone/metrics/call_logs?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 4);
    assert.deepEqual(
      r.body.call_logs.map((c: any) => [c.call_id, c.direction, c.duration, c.mos, c.date_time]),
      [
        // Missed: 30 s of ringing, no talk, no MOS.
        [calls.missed, 'internal', 30, '', '2026-11-10T09:07:00Z'],
        [calls.out, 'outbound', 35, '', '2026-11-10T09:05:00Z'],
        // Both near 4.4: 4.392 (Bob's end heard by Alice) and 4.358.
        [calls.good, 'internal', 65, '4.4', '2026-11-10T09:03:00Z'],
        [calls.poor, 'internal', 125, '2.5', '2026-11-10T09:00:00Z'],
      ],
    );
    const poor = r.body.call_logs[3];
    assert.deepEqual(poor.caller, {
      codec: 'OPUS',
      device_private_ip: '10.1.1.1',
      device_public_ip: '203.0.113.7',
      device_type: 'MAC_Client',
      headset: 'Jabra Evolve',
      isp: 'Acme Fibre',
      extension_number: poor.caller.extension_number,
      phone_number: poor.caller.phone_number,
      site_id: poor.caller.site_id,
    });
    assert.match(poor.caller.extension_number, /^\d+$/);
    assert.equal(poor.callee.device_type, 'Windows_Client');
  });

  test('quality_type: good (MOS ≥ 3.5), bad, all; anything else is refused', async () => {
    const good = await api.get(`/v2/phone/metrics/call_logs?${NOV}&quality_type=good`);
    assert.deepEqual(good.body.call_logs.map((c: { call_id: string }) => c.call_id), [calls.good]);
    const bad = await api.get(`/v2/phone/metrics/call_logs?${NOV}&quality_type=bad`);
    assert.deepEqual(bad.body.call_logs.map((c: { call_id: string }) => c.call_id), [calls.poor]);
    assert.equal((await api.get(`/v2/phone/metrics/call_logs?${NOV}&quality_type=all`)).body.total_records, 4);
    const wrong = await api.get(`/v2/phone/metrics/call_logs?${NOV}&quality_type=great`);
    assert.deepEqual([wrong.status, wrong.body.code], [400, 300], wrong.raw);
    const badDate = await api.get('/v2/phone/metrics/call_logs?from=2026-13-01&to=2026-11-30');
    assert.equal(badDate.status, 400, badDate.raw);
  });

  test('paged by next_page_token; the past day without dates; a month with no calls is empty', async () => {
    const first = await api.get(`/v2/phone/metrics/call_logs?${NOV}&page_size=3`);
    assert.equal(first.body.call_logs.length, 3);
    assert.ok(first.body.next_page_token);
    const second = await api.get(`/v2/phone/metrics/call_logs?${NOV}&page_size=3&next_page_token=${first.body.next_page_token}`);
    assert.equal(second.status, 200, second.raw);
    assert.deepEqual(second.body.call_logs.map((c: { call_id: string }) => c.call_id), [calls.poor]);
    const day = await api.get('/v2/phone/metrics/call_logs');
    assert.deepEqual([day.body.from, day.body.to, day.body.total_records], ['2026-11-09', '2026-11-10', 4]);
    const october = await api.get('/v2/phone/metrics/call_logs?from=2026-10-01&to=2026-10-31');
    assert.equal(october.body.total_records, 0);
  });

  test('site_id keeps the calls with an end in that site', async () => {
    const all = await api.get(`/v2/phone/metrics/call_logs?${NOV}`);
    const site = all.body.call_logs[0].caller.site_id;
    assert.equal((await api.get(`/v2/phone/metrics/call_logs?${NOV}&site_id=${site}`)).body.total_records, 4);
    assert.equal((await api.get(`/v2/phone/metrics/call_logs?${NOV}&site_id=nosuchsite`)).body.total_records, 0);
  });
});

describe("A call's details and QoS (getCallLogMetricsDetails, getCallQoS)", () => {
  test('details name each end', async () => {
    const r = await api.get(`/v2/phone/metrics/call_logs/${calls.poor}`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual([r.body.caller.id, r.body.caller.extension_type, r.body.callee.id, r.body.callee.extension_type], [alice.id, 'user', bob.id, 'user']);
    assert.match(r.body.caller.display_name, /^Alice/);
    assert.deepEqual([r.body.mos, r.body.duration], ['2.5', 125]);
    const out = await api.get(`/v2/phone/metrics/call_logs/${calls.out}`);
    assert.deepEqual([out.body.callee.phone_number, out.body.callee.id, out.body.direction], ['+14085550100', undefined, 'outbound']);
  });

  test('QoS per minute of talk: each end sends its own figures and receives the other end’s', async () => {
    const r = await api.get(`/v2/phone/metrics/call_logs/${calls.poor}/qos`);
    assert.equal(r.status, 200, r.raw);
    const minutes = ['2026-11-10T09:00:05Z', '2026-11-10T09:01:05Z'];
    const alices = { avg_loss: '1.00%', max_loss: '1.00%', bitrate: '64.00kbps', jitter: '5.00ms', network_delay: '40.00ms', mos: '4.3' };
    const bobs = { avg_loss: '8.00%', max_loss: '12.00%', bitrate: '32.00kbps', jitter: '30.00ms', network_delay: '300.00ms', mos: '2.5' };
    assert.deepEqual(r.body.caller_qos, {
      device_private_ip: '10.1.1.1',
      device_public_ip: '203.0.113.7',
      sending: minutes.map((date_time) => ({ date_time, qos: alices })),
      receiving: minutes.map((date_time) => ({ date_time, qos: bobs })),
    });
    assert.deepEqual(r.body.callee_qos.sending, r.body.caller_qos.receiving);
    assert.deepEqual(r.body.callee_qos.receiving, r.body.caller_qos.sending);
    // A call without figures, or without talk, has no samples.
    for (const id of [calls.out, calls.missed]) {
      const q = await api.get(`/v2/phone/metrics/call_logs/${id}/qos`);
      assert.deepEqual([q.body.caller_qos.sending, q.body.callee_qos.receiving], [[], []]);
    }
  });

  test('a call under way, an unknown id, another account’s call: not found', async () => {
    const ringing = await placeCall(s, { account_id: acct.account_id, from: alice.email, to: bob.email, outcome: 'answered' });
    for (const id of [ringing, '7000000000000000000']) {
      const r = await api.get(`/v2/phone/metrics/call_logs/${id}/qos`);
      assert.deepEqual([r.status, r.body.code], [404, 404], r.raw);
    }
    assert.equal((await api.get(`/v2/phone/metrics/call_logs/${ringing}`)).status, 404);
    await advance(s, 600);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const them = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    for (const path of [`/v2/phone/metrics/call_logs/${calls.poor}`, `/v2/phone/metrics/call_logs/${calls.poor}/qos`]) {
      const r = await them.get(path);
      assert.deepEqual([r.status, r.body.code], [404, 404], `${path} ${r.raw}`);
    }
    assert.equal((await them.get(`/v2/phone/metrics/call_logs?${NOV}`)).body.total_records, 0);
  });
});

describe('Roles and plans', () => {
  test('a Member is refused', async () => {
    const c = await s.client.withCredentials(acct.account_id, acct.client_id, acct.client_secret);
    const token = await s.client.post('/_openzoom/tokens', { account_id: acct.account_id, user_id: bob.id });
    assert.equal(token.status, 201, token.raw);
    const member = s.client.withToken(token.body.access_token);
    for (const path of [`/v2/phone/metrics/call_logs?${NOV}`, `/v2/phone/metrics/call_logs/${calls.poor}/qos`]) {
      const r = await member.get(path);
      assert.deepEqual([r.status, r.body.code], [400, 200], `${path} ${r.raw}`);
    }
    assert.equal((await c.get(`/v2/phone/metrics/call_logs/${calls.poor}`)).status, 200);
  });

  test('Business or higher, with Zoom Phone', async () => {
    const pro = await s.client.post('/_openzoom/accounts', { plan: 'pro', addons: { phone: true } });
    const p = await s.client.withCredentials(pro.body.account_id, pro.body.client_id, pro.body.client_secret);
    const r = await p.get(`/v2/phone/metrics/call_logs?${NOV}`);
    assert.deepEqual([r.status, r.body.code], [400, 200], r.raw);
    const none = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const n = await s.client.withCredentials(none.body.account_id, none.body.client_id, none.body.client_secret);
    const q = await n.get(`/v2/phone/metrics/call_logs?${NOV}`);
    assert.deepEqual([q.status, q.body.code], [403, 2031], q.raw);
  });
});
