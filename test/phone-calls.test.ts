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
    await advance(s, 200);
    events = await eventsSince(s, mark, demo);
    for (const e of events) assertValidEvent(e);
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
