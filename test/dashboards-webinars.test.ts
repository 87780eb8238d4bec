// Webinar dashboards from a small live webinar (helpers/webinar-session.ts):
// the live and past lists, details with quality grades and polls,
// participants with role, client and webinar leave reasons, QoS per minute
// and its averages, sharing, feedback; another account's webinar, a Member,
// the Business plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestServer } from './helpers/server.ts';
import { driveWebinar, serverWithWebinar, type DrivenWebinar } from './helpers/webinar-session.ts';
import { webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;
let w: DrivenWebinar;
const NOV = 'from=2026-11-01&to=2026-11-30';

before(async () => {
  ({ s, a, w } = await serverWithWebinar());
});
after(() => s.close());

describe('Webinars (dashboardWebinars, dashboardWebinarDetail)', () => {
  test('past: the ended webinar with its joins, HH:MM:SS duration, sharing, polls and the audio grade', async () => {
    const r = await a.api.get(`/v2/metrics/webinars?type=past&${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 1);
    const item = r.body.webinars[0];
    assert.deepEqual([item.id, item.topic, item.participants, item.duration, item.has_screen_share, item.has_poll], [Number(w.id), 'Quarterly update', 5, '00:30:00', true, true]);
    // Ben's minutes: loss 1% and 3% (2% on average: not good), latency 100 and 200 ms (150): fair.
    assert.equal(item.audio_quality, 'fair');
    assert.equal(item.video_quality, undefined, 'no video samples, no grade');
    const detail = await a.api.get(`/v2/metrics/webinars/${w.id}?type=past`);
    assert.equal(detail.status, 200, detail.raw);
    assert.equal(detail.body.uuid, w.uuid);
    assert.equal(detail.body.end_time, '2026-11-16T10:30:00Z');
    assert.equal(detail.body.audio_quality, 'fair');
    const none = await a.api.get(`/v2/metrics/webinars?type=live&${NOV}`);
    assert.equal(none.body.webinars.length, 0);
    assert.equal((await a.api.get(`/v2/metrics/webinars/${w.id}`)).status, 404, 'not live any more');
  });

  test('live: a webinar in progress is listed, its duration growing with the clock; months outside six answer 300', async () => {
    const other = await webinarAccount(s);
    const running = await driveWebinar(s, other, false);
    const list = await other.api.get(`/v2/metrics/webinars?${NOV}`);
    assert.equal(list.status, 200, list.raw);
    assert.deepEqual(list.body.webinars.map((x: any) => [x.id, x.participants, x.duration]), [[Number(running.id), 5, '00:16:00']]);
    const detail = await other.api.get(`/v2/metrics/webinars/${running.id}`);
    assert.equal(detail.status, 200, detail.raw);
    assert.equal(detail.body.end_time, undefined);
    const people = await other.api.get(`/v2/metrics/webinars/${running.id}/participants?page_size=10`);
    assert.equal(people.status, 200, people.raw);
    assert.equal(people.body.participants.filter((p: any) => p.leave_time === undefined).length, 4, 'Ann\'s first join has left');
    assert.equal((await other.api.put(`/v2/webinars/${running.id}/status`, { action: 'end' })).status, 204);
    const old = await a.api.get('/v2/metrics/webinars?type=past&from=2026-01-01&to=2026-01-31');
    assert.equal(old.status, 400, old.raw);
    assert.equal(old.body.code, 300);
  });
});

describe('Participants, QoS, sharing, feedback', () => {
  test('participants: one per join, with role, client and network; "Host ended the webinar."', async () => {
    const r = await a.api.get(`/v2/metrics/webinars/${w.id}/participants?type=past&page_size=10`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 5);
    assert.equal(r.body.webinar_number, w.id);
    assert.deepEqual(r.body.participants.map((p: any) => p.role), ['host', 'panelist', 'attendee', 'attendee', 'attendee']);
    const ben = r.body.participants.find((p: any) => p.participant_uuid === w.participants.ben);
    assert.deepEqual([ben.device, ben.network_type, ben.version, ben.location, ben.data_center, ben.audio_quality], ['Mac', 'Wifi', '6.2.5', 'Paris (FR)', 'FR', 'fair']);
    assert.equal(ben.leave_reason, 'Host ended the webinar.');
    const ann = r.body.participants.find((p: any) => p.participant_uuid === w.participants.ann);
    assert.equal(ann.leave_time, '2026-11-16T10:10:00Z');
    assert.equal(ann.leave_reason, undefined, 'a reason naming the participant is not in Zoom\'s enum');
    const pat = r.body.participants.find((p: any) => p.role === 'panelist');
    assert.equal(pat.share_desktop, true);
    const paged = await a.api.get(`/v2/metrics/webinars/${w.id}/participants?type=past&page_size=2`);
    assert.equal(paged.body.participants.length, 2);
    assert.ok(paged.body.next_page_token);
  });

  test('QoS: Ben\'s two minutes as strings with units, averaging 150 ms and 2%; the list pages one participant by default', async () => {
    const r = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/${w.participants.ben}/qos?type=past`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.webinar_number, w.id);
    assert.deepEqual(r.body.user_qos.map((q: any) => q.date_time), ['2026-11-16T10:15:00Z', '2026-11-16T10:16:00Z']);
    assert.deepEqual(r.body.user_qos[0].audio_input, { bitrate: '27.15 kbps', latency: '100 ms', jitter: '4 ms', avg_loss: '1.00%', max_loss: '2.00%' });
    const avg = (k: string) => r.body.user_qos.reduce((n: number, q: any) => n + parseFloat(q.audio_input[k]), 0) / r.body.user_qos.length;
    assert.equal(avg('latency'), 150);
    assert.equal(avg('avg_loss'), 2);
    const list = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/qos?type=past`);
    assert.equal(list.status, 200, list.raw);
    assert.equal(list.body.participants.length, 1);
    assert.equal(list.body.total_records, 5);
    const all = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/qos?type=past&page_size=10`);
    assert.deepEqual(all.body.participants.map((p: any) => p.user_qos.length), [0, 0, 0, 2, 0]);
    const unknown = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/nobody/qos?type=past`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 3001);
  });

  test('sharing: Pat\'s desktop from minute 15 to 20; feedback: Ann GOOD with her comment, Ben NOT GOOD', async () => {
    const share = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/sharing?type=past`);
    assert.equal(share.status, 200, share.raw);
    assert.deepEqual(share.body.participants.map((p: any) => [p.user_name, p.details]), [
      ['Pat Panel', [{ content: 'desktop', start_time: '2026-11-16T10:15:00Z', end_time: '2026-11-16T10:20:00Z' }]],
    ]);
    const feedback = await a.api.get(`/v2/metrics/webinars/${w.id}/participants/satisfaction?type=past`);
    assert.equal(feedback.status, 200, feedback.raw);
    assert.deepEqual(feedback.body.participants.map((p: any) => [p.email, p.quality, p.comment]), [
      ['ann@guest.example.com', 'GOOD', 'Clear and short'],
      ['ben@guest.example.com', 'NOT GOOD', undefined],
    ]);
  });
});

describe('Not found, refused, plans', () => {
  test("another account's webinar and a meeting's number answer 404/3001", async () => {
    const other = await webinarAccount(s);
    for (const path of ['', '/participants', '/participants/qos', `/participants/${w.participants.ben}/qos`, '/participants/sharing', '/participants/satisfaction']) {
      const r = await other.api.get(`/v2/metrics/webinars/${w.id}${path}?type=past`);
      assert.equal(r.status, 404, `${path} ${r.raw}`);
      assert.equal(r.body.code, 3001);
    }
    const meeting = await a.api.post(`/v2/users/${a.ownerId}/meetings`, { topic: 'Not a webinar', type: 2, start_time: '2026-11-20T10:00:00Z', duration: 30 });
    assert.equal(meeting.status, 201, meeting.raw);
    assert.equal((await a.api.get(`/v2/metrics/webinars/${meeting.body.id}?type=past`)).status, 404);
    const list = await other.api.get(`/v2/metrics/webinars?type=past&${NOV}`);
    assert.equal(list.body.webinars.length, 0);
  });

  test('a Member holding every scope is refused', async () => {
    const member = await a.newUser(false);
    const token = await s.client.post('/_openzoom/tokens', { account_id: a.accountId, user_id: member.id });
    assert.equal(token.status, 201, token.raw);
    const r = await s.client.withToken(token.body.access_token).get(`/v2/metrics/webinars?type=past&${NOV}`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
  });

  test('Pro (and free) accounts get the Business-plan error', async () => {
    const pro = await webinarAccount(s, [{ capacity: 500, quantity: 1 }], 'pro');
    const small = await pro.webinar();
    for (const path of [`/v2/metrics/webinars?${NOV}`, `/v2/metrics/webinars/${small.id}`, `/v2/metrics/webinars/${small.id}/participants/satisfaction`]) {
      const r = await pro.api.get(path);
      assert.equal(r.status, 400, `${path} ${r.raw}`);
      assert.equal(r.body.code, 200, `${path} ${r.raw}`);
      assert.match(r.body.message, /Business or higher/);
    }
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const free = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const r = await free.get(`/v2/metrics/webinars/${w.id}/participants`);
    assert.equal(r.body.code, 200, r.raw);
  });
});
