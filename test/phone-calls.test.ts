// Calls that happen: placed on the control plane, moved by the server clock
// (never waited for), leaving call logs, recordings and voicemails, and
// Zoom's phone.* events, each valid against the catalogue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { eventsSince, markEvents, assertValidEvent, expectEvent } from './helpers/events.ts';
import { parseMedia } from './helpers/media.ts';
import { advance, giveNumber, phoneUser, placeCall } from './helpers/phone.ts';

let s: TestServer;
let demo: string;
before(async () => {
  s = await startServer();
  demo = s.demo!.accountId;
  await s.client.post('/_openzoom/clock', { freeze: true });
});
after(() => s.close());

/** Moves the clock, then every event since the mark, each checked against Zoom's catalogue. */
async function validEventsAfter(mark: Awaited<ReturnType<typeof markEvents>>, seconds: number) {
  await advance(s, seconds);
  const events = await eventsSince(s, mark, demo);
  for (const e of events) assertValidEvent(e);
  return events;
}

describe('a call between two users', () => {
  test('rings, is answered, is held, ends on the clock; both users get a call log; the recording is a real MP3', async () => {
    const alice = await phoneUser(s.api, 'Alice');
    const bob = await phoneUser(s.api, 'Bob');
    const bobNumber = await giveNumber(s, demo, bob.id);
    const mark = await markEvents(s);
    const callId = await placeCall(s, { account_id: demo, from: alice.email, to: bobNumber, outcome: 'answered', duration_seconds: 120, hold_seconds: 20, record: true });
    assert.match(callId, /^\d{19}$/);
    let events = await eventsSince(s, mark, demo);
    assert.deepEqual(events.map((e) => e.event), ['phone.caller_ringing', 'phone.callee_ringing']);
    // Not over until the clock says so.
    const live = await s.client.get(`/_openzoom/phone/calls/${callId}?account_id=${demo}`);
    assert.equal(live.body.status, 'ringing');
    assert.equal((await s.api.get(`/v2/phone/users/${alice.id}/call_logs`)).body.call_logs.length, 0);
    await advance(s, 5);
    events = await eventsSince(s, mark, demo);
    const answered = expectEvent(events, 'phone.callee_answered');
    assert.equal(answered.payload.object.callee.user_id, bob.id);
    expectEvent(events, 'phone.caller_connected');
    events = await validEventsAfter(mark, 200);
    assert.deepEqual(events.map((e) => e.event), [
      'phone.caller_ringing',
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.caller_connected',
      'phone.callee_hold',
      'phone.callee_unhold',
      'phone.callee_ended',
      'phone.caller_ended',
      'phone.caller_call_log_completed',
      'phone.callee_call_log_completed',
      'phone.recording_completed',
    ]);
    const hold = expectEvent(events, 'phone.callee_hold');
    const unhold = expectEvent(events, 'phone.callee_unhold');
    assert.equal(Date.parse(unhold.payload.object.date_time) - Date.parse(hold.payload.object.date_time), 20_000);
    const aliceLogs = (await s.api.get(`/v2/phone/users/${alice.id}/call_logs`)).body.call_logs;
    assert.equal(aliceLogs.length, 1);
    assert.equal(aliceLogs[0].direction, 'outbound');
    assert.equal(aliceLogs[0].duration, 120);
    assert.equal(aliceLogs[0].result, 'Call connected');
    assert.equal(aliceLogs[0].hold_time, 20);
    assert.equal(aliceLogs[0].callee_number, bobNumber);
    const bobLogs = (await s.api.get(`/v2/phone/users/${bob.email}/call_logs`)).body.call_logs;
    assert.equal(bobLogs[0].direction, 'inbound');
    assert.equal(bobLogs[0].call_id, callId);
    const recs = (await s.api.get(`/v2/phone/users/${bob.id}/recordings`)).body.recordings;
    assert.equal(recs.length, 1);
    assert.equal(recs[0].duration, 120);
    const file = await s.app.inject({ method: 'GET', url: new URL(recs[0].download_url).pathname, headers: { authorization: `Bearer ${s.api.token}` } });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'audio/mpeg');
    const media = await parseMedia(file.rawPayload);
    assert.equal(Math.round(media.durationSeconds), 120);
    assert.equal((await s.client.get(`/_openzoom/phone/calls/${callId}?account_id=${demo}`)).body.status, 'ended');
  });
});

describe('outside callers, missed calls, voicemail, rejection', () => {
  test('an outside number calls a user: missed, then voicemail (unread until played; deleted to the trash, then for good), then rejected', async () => {
    const carol = await phoneUser(s.api, 'Carol');
    const number = await giveNumber(s, demo, carol.id);
    const mark = await markEvents(s);
    await placeCall(s, { account_id: demo, from: '+19995550100', to: number, outcome: 'missed' });
    await advance(s, 29);
    assert.equal((await eventsSince(s, mark, demo)).filter((e) => e.event === 'phone.callee_missed').length, 0);
    await advance(s, 1);
    const missed = expectEvent(await eventsSince(s, mark, demo), 'phone.callee_missed');
    assert.equal(missed.payload.object.caller.phone_number, '+19995550100');
    const logs = (await s.api.get(`/v2/phone/users/${carol.id}/call_logs?type=missed`)).body.call_logs;
    assert.equal(logs.length, 1);
    assert.equal(logs[0].result, 'No Answer');
    assert.equal(logs[0].caller_number_type, 2);
    assert.equal(logs[0].call_type, 'pstn');

    const vm = await markEvents(s);
    await placeCall(s, { account_id: demo, from: '+19995550101', to: carol.id, outcome: 'voicemail', duration_seconds: 15 });
    await advance(s, 45);
    const received = expectEvent(await eventsSince(s, vm, demo), 'phone.voicemail_received');
    assert.equal(received.payload.object.callee_user_id, carol.id);
    assert.equal(received.payload.object.duration, 15);
    const list = await s.api.get(`/v2/phone/users/${carol.id}/voice_mails?status=unread`);
    assert.equal(list.body.voice_mails.length, 1);
    const v = list.body.voice_mails[0];
    assert.equal(v.status, 'unread');
    const file = await s.app.inject({ method: 'GET', url: new URL(v.download_url).pathname, headers: { authorization: `Bearer ${s.api.token}` } });
    assert.equal(file.statusCode, 200);
    assert.equal(Math.round((await parseMedia(file.rawPayload)).durationSeconds), 15);
    assert.equal((await s.api.get(`/v2/phone/users/${carol.id}/voice_mails?status=unread`)).body.voice_mails.length, 0);
    assert.equal((await s.api.get(`/v2/phone/users/${carol.id}/voice_mails?status=read`)).body.voice_mails[0].id, v.id);
    const noToken = await s.app.inject({ method: 'GET', url: new URL(v.download_url).pathname });
    assert.equal(noToken.statusCode, 401);
    const del = await markEvents(s);
    assert.equal((await s.api.delete(`/v2/phone/voice_mails/${v.id}`)).status, 204);
    expectEvent(await eventsSince(s, del, demo), 'phone.voicemail_deleted');
    assert.equal((await s.api.get(`/v2/phone/users/${carol.id}/voice_mails`)).body.voice_mails.length, 0);
    assert.equal((await s.api.get(`/v2/phone/users/${carol.id}/voice_mails?trash=true`)).body.voice_mails.length, 1);
    assert.equal((await s.api.delete(`/v2/phone/voice_mails/${v.id}`)).status, 204);
    expectEvent(await eventsSince(s, del, demo), 'phone.voicemail_permanently_deleted');
    assert.equal((await s.api.delete(`/v2/phone/voice_mails/${v.id}`)).status, 404);

    const rj = await markEvents(s);
    await placeCall(s, { account_id: demo, from: '+19995550102', to: String(carol.email), outcome: 'rejected' });
    await advance(s, 5);
    expectEvent(await eventsSince(s, rj, demo), 'phone.callee_rejected');
    const all = (await s.api.get(`/v2/phone/users/${carol.id}/call_logs`)).body;
    assert.deepEqual(all.call_logs.map((l: { result: string }) => l.result), ['Rejected', 'Voicemail', 'No Answer']);
  });

  test('a user deletes a call log from its history; the account\'s list keeps it', async () => {
    const dan = await phoneUser(s.api, 'Dan');
    const id = await placeCall(s, { account_id: demo, from: '+19995550103', to: dan.email, outcome: 'answered', duration_seconds: 10 });
    await advance(s, 20);
    const log = (await s.api.get(`/v2/phone/users/${dan.id}/call_logs`)).body.call_logs[0];
    assert.equal(log.call_id, id);
    const mark = await markEvents(s);
    assert.equal((await s.api.delete(`/v2/phone/users/${dan.id}/call_logs/${log.id}`)).status, 204);
    const e = expectEvent(await eventsSince(s, mark, demo), 'phone.call_log_deleted');
    assert.deepEqual(e.payload.object, { user_id: dan.id, call_logs: [{ id: log.id, call_id: id }] });
    assert.equal((await s.api.get(`/v2/phone/users/${dan.id}/call_logs`)).body.call_logs.length, 0);
    const again = await s.api.delete(`/v2/phone/users/${dan.id}/call_logs/${log.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 404);
    const account = (await s.api.get('/v2/phone/call_logs?page_size=300')).body.call_logs;
    assert.ok(account.some((l: { id: string }) => l.id === log.id));
  });

  test('bad calls are refused and leave nothing', async () => {
    const before = (await s.api.get('/v2/phone/call_logs?page_size=300')).body.total_records;
    const bad = [
      { account_id: demo, from: '+19995550104', to: '+19995550105', outcome: 'answered' },
      { account_id: demo, from: 'nobody@example.com', to: '+19995550105', outcome: 'answered' },
      { account_id: demo, from: '+19995550104', to: '99999', outcome: 'answered' },
      { account_id: demo, from: '+19995550104', to: 'x', outcome: 'ringing' },
      { account_id: demo, from: '+19995550104', to: 'x', outcome: 'answered', duration_seconds: -1 },
      { account_id: 'nope', from: '+19995550104', to: 'x', outcome: 'answered' },
      { account_id: demo, from: '+19995550104', outcome: 'answered' },
    ];
    for (const body of bad) {
      const r = await s.client.post('/_openzoom/phone/calls', body);
      assert.ok(r.status === 400 || r.status === 404, `${JSON.stringify(body)} → ${r.status} ${r.raw}`);
    }
    const dave = await phoneUser(s.api, 'Dave');
    const hold = await s.client.post('/_openzoom/phone/calls', { account_id: demo, from: '+19995550104', to: dave.id, outcome: 'missed', hold_seconds: 5 });
    assert.equal(hold.status, 400);
    await advance(s, 600);
    assert.equal((await s.api.get('/v2/phone/call_logs?page_size=300')).body.total_records, before);
  });
});

describe('the lists', () => {
  test('filters, pages with next_page_token, dates; another account sees none of it; a Member reads only its own', async () => {
    const erin = await phoneUser(s.api, 'Erin');
    for (let i = 0; i < 5; i++) {
      await placeCall(s, { account_id: demo, from: `+1999555020${i}`, to: erin.id, outcome: i % 2 ? 'missed' : 'answered', duration_seconds: 30 });
      await advance(s, 60);
    }
    const p1 = await s.api.get(`/v2/phone/users/${erin.id}/call_logs?page_size=2`);
    assert.equal(p1.body.total_records, 5);
    assert.equal(p1.body.call_logs.length, 2);
    const p2 = await s.api.get(`/v2/phone/users/${erin.id}/call_logs?page_size=2&next_page_token=${p1.body.next_page_token}`);
    const p3 = await s.api.get(`/v2/phone/users/${erin.id}/call_logs?page_size=2&next_page_token=${p2.body.next_page_token}`);
    assert.equal(p3.body.next_page_token, '');
    const ids = [...p1.body.call_logs, ...p2.body.call_logs, ...p3.body.call_logs].map((l: { id: string }) => l.id);
    assert.equal(new Set(ids).size, 5);
    const times = [...p1.body.call_logs, ...p2.body.call_logs, ...p3.body.call_logs].map((l: { date_time: string }) => Date.parse(l.date_time));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    assert.equal((await s.api.get(`/v2/phone/users/${erin.id}/call_logs?type=missed`)).body.total_records, 2);
    assert.equal((await s.api.get(`/v2/phone/users/${erin.id}/call_logs?phone_number=19995550203`)).body.total_records, 1);
    const today = s.clock.iso().slice(0, 10);
    assert.equal((await s.api.get(`/v2/phone/users/${erin.id}/call_logs?from=2001-01-01&to=2001-01-31`)).body.total_records, 0);
    const window = (await s.api.get(`/v2/phone/users/${erin.id}/call_logs?from=${today}&to=${today}`)).body;
    assert.equal(window.from, today);
    assert.ok(window.total_records >= 1);
    assert.equal((await s.api.get('/v2/phone/call_logs?path=pstn&type=missed')).body.call_logs.every((l: { path: string; result: string }) => l.path === 'pstn' && l.result !== 'Call connected'), true);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api2 = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api2.get('/v2/phone/call_logs')).body.total_records, 0);
    assert.equal((await api2.get(`/v2/phone/users/${erin.id}/call_logs`)).status, 404);
    const log = p1.body.call_logs[0];
    assert.equal((await api2.delete(`/v2/phone/users/${erin.id}/call_logs/${log.id}`)).status, 404);
    // A Member: its own history, not another user's, and not the account's.
    const tok = await s.client.post('/_openzoom/tokens', { account_id: demo, user_id: erin.id });
    const member = s.client.withToken(tok.body.access_token);
    assert.equal((await member.get('/v2/phone/users/me/call_logs')).body.total_records, 5);
    const frank = await phoneUser(s.api, 'Frank');
    assert.equal((await member.get(`/v2/phone/users/${frank.id}/call_logs`)).status, 400);
    assert.equal((await member.get('/v2/phone/call_logs')).status, 400);
  });

  test('a Member deletes its own voicemail, not another user\'s', async () => {
    const gail = await phoneUser(s.api, 'Gail');
    const hank = await phoneUser(s.api, 'Hank');
    await placeCall(s, { account_id: demo, from: '+19995550300', to: gail.id, outcome: 'voicemail', duration_seconds: 5 });
    await placeCall(s, { account_id: demo, from: '+19995550301', to: hank.id, outcome: 'voicemail', duration_seconds: 5 });
    await advance(s, 60);
    const gv = (await s.api.get(`/v2/phone/users/${gail.id}/voice_mails`)).body.voice_mails[0];
    const hv = (await s.api.get(`/v2/phone/users/${hank.id}/voice_mails`)).body.voice_mails[0];
    const tok = await s.client.post('/_openzoom/tokens', { account_id: demo, user_id: gail.id, scopes: ['phone:read', 'phone:write'] });
    const member = s.client.withToken(tok.body.access_token);
    assert.equal((await member.delete(`/v2/phone/voice_mails/${hv.id}`)).status, 404);
    assert.equal((await s.api.get(`/v2/phone/users/${hank.id}/voice_mails`)).body.voice_mails.length, 1);
    assert.equal((await member.delete(`/v2/phone/voice_mails/${gv.id}`)).status, 204);
  });
});

describe('concurrency', () => {
  test('calls placed at once each ring, end and leave their logs; moving the clock from several requests at once emits each step once', async () => {
    const ivy = await phoneUser(s.api, 'Ivy');
    const mark = await markEvents(s);
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => placeCall(s, { account_id: demo, from: `+1999555040${String(i).padStart(2, '0')}`, to: ivy.id, outcome: 'answered', duration_seconds: 20 + i })));
    assert.equal(new Set(ids).size, 12);
    await Promise.all([
      s.client.post('/_openzoom/clock', { advance_seconds: 40 }),
      s.client.get(`/_openzoom/phone/calls/${ids[0]}?account_id=${demo}`),
      s.client.get(`/_openzoom/phone/calls/${ids[1]}?account_id=${demo}`),
      s.client.post('/_openzoom/clock', { advance_seconds: 1 }),
    ]);
    await advance(s, 1);
    const events = await eventsSince(s, mark, demo);
    for (const name of ['phone.callee_ringing', 'phone.callee_answered', 'phone.callee_ended', 'phone.callee_call_log_completed']) {
      assert.equal(events.filter((e) => e.event === name).length, 12, name);
    }
    const logs = (await s.api.get(`/v2/phone/users/${ivy.id}/call_logs?page_size=100`)).body.call_logs as Array<{ call_id: string; duration: number }>;
    assert.deepEqual(logs.map((l) => l.call_id).sort(), [...ids].sort());
  });
});

describe('transfers', () => {
  test('whoever answers blind-transfers the call: the first leg ends, the target rings and talks, each logs its own part', async () => {
    const jo = await phoneUser(s.api, 'Jo');
    const kim = await phoneUser(s.api, 'Kim');
    const mark = await markEvents(s);
    const id = await placeCall(s, { account_id: demo, from: '+19995550500', to: jo.id, outcome: 'answered', duration_seconds: 30, transfer_to: kim.email, transfer_duration_seconds: 90 });
    await advance(s, 34);
    assert.equal((await eventsSince(s, mark, demo)).filter((e) => e.event === 'phone.blind_transfer_initiated').length, 0);
    await advance(s, 1);
    const t = expectEvent(await eventsSince(s, mark, demo), 'phone.blind_transfer_initiated');
    assert.equal(t.payload.object.owner.id, jo.id);
    const events = await validEventsAfter(mark, 200);
    assert.deepEqual(events.map((e) => e.event), [
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.blind_transfer_initiated',
      'phone.callee_ended',
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.callee_ended',
      'phone.callee_call_log_completed',
      'phone.callee_call_log_completed',
    ]);
    assert.deepEqual(events.filter((e) => e.event === 'phone.callee_ended').map((e) => e.payload.object.callee.user_id), [jo.id, kim.id]);
    const joLog = (await s.api.get(`/v2/phone/users/${jo.id}/call_logs`)).body.call_logs[0];
    const kimLog = (await s.api.get(`/v2/phone/users/${kim.id}/call_logs`)).body.call_logs[0];
    assert.deepEqual([joLog.call_id, joLog.duration, kimLog.call_id, kimLog.duration], [id, 30, id, 90]);
    const bad = await s.client.post('/_openzoom/phone/calls', { account_id: demo, from: '+19995550501', to: jo.id, outcome: 'missed', transfer_to: kim.id });
    assert.equal(bad.status, 400);
  });
});

describe("kept pages of the account's call logs (accountCallLogs)", () => {
  type Logs = { from: string; to: string; total_records: number; call_logs: Array<{ id: string; call_id: string }> };
  const page = async (api = s.api) => (await api.get('/v2/phone/call_logs?page_size=300')).body as Logs;

  test('a page answered again follows every call that leaves a log, a log hidden by its user, and the window moving with the clock', async () => {
    const gil = await phoneUser(s.api, 'Gil');
    const first = await page();
    assert.deepEqual(await page(), first);
    const callId = await placeCall(s, { account_id: demo, from: '+19995550301', to: gil.email, outcome: 'answered', duration_seconds: 10 });
    await advance(s, 20);
    const ended = await page();
    assert.equal(ended.total_records, first.total_records + 1);
    assert.ok(ended.call_logs.some((l) => l.call_id === callId));
    const log = (await s.api.get(`/v2/phone/users/${gil.id}/call_logs`)).body.call_logs[0];
    assert.equal((await s.api.delete(`/v2/phone/users/${gil.id}/call_logs/${log.id}`)).status, 204);
    assert.deepEqual(await page(), ended, "the account's list keeps a log its user hid");
    // Kept ten seconds before midnight (UTC) tomorrow, read again ten seconds after it: the window is the new day's.
    const eve = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 23, 59, 50);
    try {
      assert.equal((await s.client.post('/_openzoom/clock', { set: eve, freeze: true })).status, 200);
      const api = await s.client.withCredentials(demo, s.demo!.clientId, s.demo!.clientSecret);
      const late = await page(api);
      await advance(s, 20);
      const next = await page(api);
      assert.notEqual(next.to, late.to);
      assert.notEqual(next.from, late.from);
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
      await s.client.post('/_openzoom/clock', { freeze: true });
    }
  });
});
