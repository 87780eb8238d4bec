// A scripted day of calls through an auto receptionist and a call queue, its
// distribution type changed during the day, against a hand-computed
// expectation of the call logs, recordings, voicemails and events it leaves.
//
// Monday 2026-11-30, UTC. The auto receptionist (timezone UTC, open Mon–Fri
// 09:00–17:00) sends calls to the queue while open and to its own voicemail
// when closed. The queue "Support" has members A, B, C (added in that order),
// rings each member 20 s, and records every call it takes.
//
//   #  time   caller  dials  distribution   outcome            who rings (in order)   result
//   1  08:30  X1      AR     sequential     voicemail 30 s     — (closed)             AR voicemail
//   2  09:15  X2      AR     sequential     answered 120 s     A                      A takes it, recorded
//   3  10:00  X3      queue  sequential     answered 60 s      A                      A takes it, recorded
//   4  11:00  X4      queue  rotating       answered 90 s      B (after A)            B takes it, recorded
//   5  11:30  X5      queue  rotating       missed             C, A, B                no answer
//   6  13:00  X6      queue  longest idle   answered 30 s      C (never called)       C takes it, recorded
//   7  14:00  X7      queue  longest idle   voicemail 20 s     A, B, C                queue voicemail
//   8  15:00  X8      queue  simultaneous   answered 45 s      A, B, C at once        A takes it, recorded
//   9  17:30  X9      AR     simultaneous   voicemail 10 s     — (closed)             AR voicemail
//
// Logs: the AR logs calls 1, 2, 9 (3); the queue logs 2–8 (7); users log what
// they took: A 2, 3, 8; B 4; C 6 — 15 in all, 5 of them user logs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { eventsSince, markEvents, assertValidEvent } from './helpers/events.ts';
import { freeNumbers, phoneUser, placeCall } from './helpers/phone.ts';

let s: TestServer;
let demo: string;
before(async () => {
  s = await startServer();
  demo = s.demo!.accountId;
});
after(() => s.close());

/** Sets the frozen server clock; a fresh token, since tokens age with the clock. */
async function at(time: string): Promise<TestClient> {
  const r = await s.client.post('/_openzoom/clock', { set: `2026-11-30T${time}:00Z`, freeze: true });
  assert.equal(r.status, 200, r.raw);
  return s.client.withCredentials(demo, s.demo!.clientId, s.demo!.clientSecret);
}

test('a day of calls through an auto receptionist and a queue leaves exactly the expected logs, recordings, voicemails and events', async () => {
  let api = await at('07:00');
  const [a, b, c] = [await phoneUser(api, 'A'), await phoneUser(api, 'B'), await phoneUser(api, 'C')];
  const q = (await api.post('/v2/phone/call_queues', { name: 'Support', site_id: (await s.db.get<{ id: string }>('SELECT id FROM phone_sites WHERE account_id = ? AND main = 1', [demo]))!.id })).body;
  assert.equal((await api.post(`/v2/phone/call_queues/${q.id}/members`, { members: { users: [{ id: a.id }, { id: b.id }, { id: c.id }] } })).status, 201);
  const ar = (await api.post('/v2/phone/auto_receptionists', { name: 'Main line' })).body;
  assert.equal((await api.patch(`/v2/phone/auto_receptionists/${ar.id}`, { timezone: 'UTC' })).status, 204);
  const [qNumber, arNumber] = await freeNumbers(s, demo, 2);
  await api.post(`/v2/phone/call_queues/${q.id}/phone_numbers`, { phone_numbers: [{ id: qNumber!.id }] });
  await api.post(`/v2/phone/auto_receptionists/${ar.id}/phone_numbers`, { phone_numbers: [{ id: arNumber!.id }] });
  const route = await s.client.patch(`/_openzoom/phone/auto_receptionists/${ar.id}`, {
    account_id: demo,
    business_hours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' },
    business_target: { type: 'callQueue', id: q.id },
    closed_target: { type: 'voicemail' },
  });
  assert.equal(route.status, 200, route.raw);
  const distribute = async (distribution: string) => assert.equal((await s.client.patch(`/_openzoom/phone/call_queues/${q.id}`, { account_id: demo, distribution, ring_seconds: 20, record: true })).status, 200);
  await distribute('sequential');
  const mark = await markEvents(s);

  const call = (n: number, to: string, outcome: string, duration?: number) =>
    placeCall(s, { account_id: demo, from: `+1999666010${n}`, to, outcome, ...(duration ? { duration_seconds: duration } : {}) });
  await at('08:30');
  await call(1, arNumber!.number, 'voicemail', 30);
  await at('09:15');
  await call(2, arNumber!.number, 'answered', 120);
  await at('10:00');
  await call(3, qNumber!.number, 'answered', 60);
  await distribute('rotating');
  await at('11:00');
  await call(4, qNumber!.number, 'answered', 90);
  await at('11:30');
  await call(5, qNumber!.number, 'missed');
  await distribute('longest_idle');
  await at('13:00');
  await call(6, qNumber!.number, 'answered', 30);
  await at('14:00');
  await call(7, qNumber!.number, 'voicemail', 20);
  await distribute('simultaneous');
  await at('15:00');
  await call(8, qNumber!.number, 'answered', 45);
  await at('17:30');
  await call(9, arNumber!.number, 'voicemail', 10);
  api = await at('23:00');

  // Call logs.
  const all = (await api.get('/v2/phone/call_logs?from=2026-11-30&to=2026-11-30&page_size=300')).body.call_logs as Array<Record<string, any>>;
  assert.equal(all.length, 15);
  const byOwner = (id: string) => all.filter((l) => l.owner.id === id).map((l) => [l.caller_number, l.result]).reverse();
  assert.deepEqual(byOwner(ar.id), [
    ['+19996660101', 'Voicemail'],
    ['+19996660102', 'Call connected'],
    ['+19996660109', 'Voicemail'],
  ]);
  assert.deepEqual(byOwner(q.id), [
    ['+19996660102', 'Call connected'],
    ['+19996660103', 'Call connected'],
    ['+19996660104', 'Call connected'],
    ['+19996660105', 'No Answer'],
    ['+19996660106', 'Call connected'],
    ['+19996660107', 'Voicemail'],
    ['+19996660108', 'Call connected'],
  ]);
  const took = async (userId: string) => ((await api.get(`/v2/phone/users/${userId}/call_logs?from=2026-11-30&to=2026-11-30`)).body.call_logs as Array<{ caller_number: string; duration: number }>).map((l) => [l.caller_number, l.duration]).reverse();
  assert.deepEqual(await took(a.id), [['+19996660102', 120], ['+19996660103', 60], ['+19996660108', 45]]);
  assert.deepEqual(await took(b.id), [['+19996660104', 90]]);
  assert.deepEqual(await took(c.id), [['+19996660106', 30]]);
  // Missed: the calls nobody took (1, 5, 7, 9), each logged once by the AR or the queue.
  assert.equal((await api.get('/v2/phone/call_logs?from=2026-11-30&to=2026-11-30&type=missed')).body.total_records, 4);

  // Recordings: the queue's, one per call it took.
  const recs = (await api.get(`/v2/phone/call_queues/${q.id}/recordings?from=2026-11-30&to=2026-11-30`)).body.recordings as Array<{ duration: number; caller_number: string }>;
  assert.deepEqual(recs.map((r) => [r.caller_number, r.duration]).reverse(), [['+19996660102', 120], ['+19996660103', 60], ['+19996660104', 90], ['+19996660106', 30], ['+19996660108', 45]]);
  assert.equal((await api.get('/v2/phone/recordings?from=2026-11-30&to=2026-11-30&owner_type=callQueue')).body.total_records, 5);
  assert.equal((await api.get('/v2/phone/recordings?from=2026-11-30&to=2026-11-30&owner_type=user')).body.total_records, 0);

  // Voicemails: the queue's reaches its members; the auto receptionist's none of them.
  for (const u of [a, b, c]) {
    const vms = (await api.get(`/v2/phone/users/${u.id}/voice_mails?from=2026-11-30&to=2026-11-30`)).body.voice_mails as Array<{ caller_number: string; duration: number; status: string }>;
    assert.deepEqual(vms.map((v) => [v.caller_number, v.duration, v.status]), [['+19996660107', 20, 'unread']]);
  }
  const arMail = await s.db.all<{ duration: number }>('SELECT duration FROM phone_voicemails WHERE account_id = ? AND owner_id = ? ORDER BY start_ms', [demo, ar.id]);
  assert.deepEqual(arMail.map((v) => Number(v.duration)), [30, 10]);

  // Events, each valid against Zoom's catalogue.
  const events = await eventsSince(s, mark, demo);
  for (const e of events) assertValidEvent(e);
  const count = (name: string) => events.filter((e) => e.event === name).length;
  assert.deepEqual(
    Object.fromEntries(['phone.callee_ringing', 'phone.callee_answered', 'phone.callee_missed', 'phone.callee_ended', 'phone.voicemail_received', 'phone.recording_completed', 'phone.callee_call_log_completed', 'phone.caller_call_log_completed', 'phone.caller_ringing'].map((n) => [n, count(n)])),
    {
      'phone.callee_ringing': 13,
      'phone.callee_answered': 5,
      'phone.callee_missed': 6,
      'phone.callee_ended': 5,
      'phone.voicemail_received': 3,
      'phone.recording_completed': 5,
      'phone.callee_call_log_completed': 5,
      'phone.caller_call_log_completed': 0,
      'phone.caller_ringing': 0,
    },
  );
  // Who each answered call went to, in order.
  assert.deepEqual(events.filter((e) => e.event === 'phone.callee_answered').map((e) => e.payload.object.callee.user_id), [a.id, a.id, b.id, c.id, a.id]);
  // The missed call rang C, A, B in turn, 20 s apart.
  const missed = events.filter((e) => e.event === 'phone.callee_missed').slice(0, 3);
  assert.deepEqual(missed.map((e) => e.payload.object.callee.user_id), [c.id, a.id, b.id]);
  assert.deepEqual(missed.map((e) => e.payload.object.ringing_start_time), ['2026-11-30T11:30:00Z', '2026-11-30T11:30:20Z', '2026-11-30T11:30:40Z']);
  // Events carry the time their step happened, not the time the clock was moved.
  const first = events.find((e) => e.event === 'phone.callee_answered')!;
  assert.equal(first.event_ts, Date.parse('2026-11-30T09:15:15Z'));
});
