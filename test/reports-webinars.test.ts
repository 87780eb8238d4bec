// Webinar reports from a small live webinar (helpers/webinar-session.ts):
// details (joins with the rejoin, everyone's minutes), participants one per
// stint, poll answers, Q&A (answered in text and live, dismissed, open,
// anonymous); by number and by UUID; another account's webinar, a Member,
// the plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestServer } from './helpers/server.ts';
import { serverWithWebinar, type DrivenWebinar } from './helpers/webinar-session.ts';
import { webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;
let w: DrivenWebinar;

before(async () => {
  ({ s, a, w } = await serverWithWebinar());
});
after(() => s.close());

describe('A past webinar (reportWebinarDetails, reportWebinarParticipants)', () => {
  test('details: 5 joins (Ann rejoined), 30 minutes long, 30 + 30 + 10 + 15 + 30 = 115 minutes', async () => {
    const r = await a.api.get(`/v2/report/webinars/${w.id}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.participants_count, 5);
    assert.equal(r.body.duration, 30);
    assert.equal(r.body.total_minutes, 115);
    assert.equal(r.body.type, 5);
    assert.equal(r.body.topic, 'Quarterly update');
    assert.equal(r.body.start_time, '2026-11-16T10:00:00Z');
    assert.equal(r.body.end_time, '2026-11-16T10:30:00Z');
    const byUuid = await a.api.get(`/v2/report/webinars/${encodeURIComponent(w.uuid)}`);
    assert.equal(byUuid.status, 200, byUuid.raw);
    assert.equal(byUuid.body.uuid, w.uuid);
  });

  test('participants: one record per stint, in order; Ann\'s two stints are 10 and 15 minutes; paged', async () => {
    const r = await a.api.get(`/v2/report/webinars/${w.id}/participants?page_size=300`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 5);
    const ann = r.body.participants.filter((p: any) => p.name === 'Ann Attendee');
    assert.deepEqual(ann.map((p: any) => [p.join_time, p.leave_time, p.duration]), [
      ['2026-11-16T10:00:00Z', '2026-11-16T10:10:00Z', 600],
      ['2026-11-16T10:15:00Z', '2026-11-16T10:30:00Z', 900],
    ]);
    const total = r.body.participants.reduce((n: number, p: any) => n + p.duration, 0);
    assert.equal(total, 115 * 60);
    // The owner hosts: an account user, named by participant_user_id.
    const host = r.body.participants.find((p: any) => p.participant_user_id === a.ownerId);
    assert.ok(host, 'the host is an account user');
    const first = await a.api.get(`/v2/report/webinars/${w.id}/participants?page_size=2`);
    assert.equal(first.body.participants.length, 2);
    assert.ok(first.body.next_page_token);
    const next = await a.api.get(`/v2/report/webinars/${w.id}/participants?page_size=2&next_page_token=${first.body.next_page_token}`);
    assert.equal(next.status, 200, next.raw);
    assert.notDeepEqual(next.body.participants[0], first.body.participants[0]);
  });
});

describe('Polls and Q&A (reportWebinarPolls, reportWebinarQA)', () => {
  test('poll answers: one entry per participant who answered; tally Good 1, Bad 1', async () => {
    const r = await a.api.get(`/v2/report/webinars/${w.id}/polls`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.id, Number(w.id));
    const tally: Record<string, number> = {};
    for (const q of r.body.questions) for (const d of q.question_details) tally[d.answer] = (tally[d.answer] ?? 0) + 1;
    assert.deepEqual(tally, { Good: 1, Bad: 1 });
    assert.deepEqual(r.body.questions.map((q: any) => q.email).sort(), ['ann@guest.example.com', 'ben@guest.example.com']);
  });

  test('Q&A: askers with their questions, status and answers; anonymous ones unnamed; 2 answered, 1 dismissed, 1 open', async () => {
    const r = await a.api.get(`/v2/report/webinars/${w.id}/qa`);
    assert.equal(r.status, 200, r.raw);
    const all = r.body.questions.flatMap((q: any) => q.question_details);
    assert.equal(all.length, 4);
    const status = (id: string) => all.find((d: any) => d.question_id === id).question_status;
    assert.deepEqual([w.questions.release, w.questions.secret, w.questions.spam, w.questions.open].map(status), ['answered', 'answered', 'dismissed', 'open']);
    const ann = r.body.questions.find((q: any) => q.name === 'Ann Attendee');
    // Ann asked once before leaving and once after rejoining: two joins, two entries.
    assert.equal(r.body.questions.filter((q: any) => q.name === 'Ann Attendee').length, 2);
    const release = ann.question_details[0];
    assert.equal(release.answer, 'In May.');
    assert.deepEqual(release.answer_details.map((d: any) => [d.name, d.content, d.type]), [['Pat Panel', 'In May.', 'host_answered_publicly']]);
    const anonymous = r.body.questions.find((q: any) => q.name === 'Anonymous Attendee');
    assert.equal(anonymous.email, '');
    assert.equal(anonymous.question_details[0].question, 'Is there a discount?');
    assert.equal(anonymous.question_details[0].answer_details[0].type, 'host_answered');
    // Answered through the control plane without a participant: the host's answer.
    const owner = await a.api.get(`/v2/users/${a.ownerId}`);
    assert.equal(anonymous.question_details[0].answer_details[0].email, owner.body.email);
    const ben = r.body.questions.find((q: any) => q.name === 'Ben Attendee');
    assert.deepEqual(ben.question_details.map((d: any) => [d.question, d.answer, d.answer_details.length]), [['Buy my product', '', 0]]);
  });
});

describe('Not found, refused, plans', () => {
  test('unknown webinars, meetings\' numbers and another account\'s webinar answer 404/3001', async () => {
    const other = await webinarAccount(s);
    for (const path of ['', '/participants', '/polls', '/qa']) {
      const r = await other.api.get(`/v2/report/webinars/${w.id}${path}`);
      assert.equal(r.status, 404, `${path} ${r.raw}`);
      assert.equal(r.body.code, 3001);
      assert.match(r.body.message, /^Webinar .* not found or has expired\.$/);
    }
    assert.equal((await a.api.get('/v2/report/webinars/99999999999/qa')).status, 404);
    const meeting = await a.api.post(`/v2/users/${a.ownerId}/meetings`, { topic: 'Not a webinar', type: 2, start_time: '2026-11-20T10:00:00Z', duration: 30 });
    assert.equal(meeting.status, 201, meeting.raw);
    assert.equal((await a.api.get(`/v2/report/webinars/${meeting.body.id}`)).status, 404);
    const unended = await a.webinar();
    assert.equal((await a.api.get(`/v2/report/webinars/${unended.id}/participants`)).status, 404);
  });

  test('a Member holding every scope is refused', async () => {
    const member = await a.newUser(false);
    const token = await s.client.post('/_openzoom/tokens', { account_id: a.accountId, user_id: member.id });
    assert.equal(token.status, 201, token.raw);
    const r = await s.client.withToken(token.body.access_token).get(`/v2/report/webinars/${w.id}`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
  });

  test('a free account gets "Only available for Paid account"; a Pro account has the reports', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const free = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const r = await free.get(`/v2/report/webinars/${w.id}/qa`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
    assert.match(r.body.message, /Only available for Paid account/);
    const pro = await webinarAccount(s, [{ capacity: 500, quantity: 1 }], 'pro');
    const small = await pro.webinar();
    assert.equal((await pro.control(`${small.id}/start`)).status, 201);
    assert.equal((await pro.api.put(`/v2/webinars/${small.id}/status`, { action: 'end' })).status, 204);
    const details = await pro.api.get(`/v2/report/webinars/${small.id}`);
    assert.equal(details.status, 200, details.raw);
    assert.equal(details.body.participants_count, 1);
  });
});
