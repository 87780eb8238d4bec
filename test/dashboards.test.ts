// Dashboards from the small team's two days (examples/small-team.json) and a
// meeting kept live: past and live lists, details, participants with client
// and network, QoS per minute as strings with units (and their averages),
// sharing, feedback, client satisfaction and versions, quality grades; the
// Business plan, the six-month window, another account's ids, a Member.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let run: { account_id: string; client_id: string; client_secret: string; users: Record<string, string>; meetings: Record<string, string> };
let firstUuid: string;
const small = JSON.parse(readFileSync(new URL('../examples/small-team.json', import.meta.url), 'utf8'));
const NOV = 'from=2026-11-01&to=2026-11-30';

before(async () => {
  s = await startServer();
  const r = await s.client.post('/_openzoom/scenarios', small);
  assert.equal(r.status, 201, r.raw);
  run = r.body;
  api = await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret);
  firstUuid = encodeURIComponent((await api.get(`/v2/past_meetings/${run.meetings.standup}/instances`)).body.meetings[0].uuid);
});
after(() => s.close());

describe('Meetings (dashboardMeetings, dashboardMeetingDetail)', () => {
  test('past lists the ended instances; pastOne those with one participant; durations as HH:MM:SS', async () => {
    const past = await api.get(`/v2/metrics/meetings?type=past&${NOV}`);
    assert.equal(past.status, 200, past.raw);
    assert.deepEqual(past.body.meetings.map((m: { topic: string; participants: number; duration: string }) => [m.topic, m.participants, m.duration]), [
      ['Stand-up', 4, '00:40:00'],
      ['Focus time', 1, '00:10:00'],
      ['Stand-up', 2, '00:30:00'],
    ]);
    assert.equal(past.body.meetings[0].has_screen_share, true);
    const one = await api.get(`/v2/metrics/meetings?type=pastOne&${NOV}`);
    assert.deepEqual(one.body.meetings.map((m: { topic: string }) => m.topic), ['Focus time']);
    const detail = await api.get(`/v2/metrics/meetings/${firstUuid}?type=past`);
    assert.equal(detail.status, 200, detail.raw);
    assert.equal(detail.body.participants, 4);
    assert.equal(detail.body.host, 'Ada Lovelace');
  });

  test('live: a meeting in progress, its duration growing with the clock', async () => {
    const start = await s.client.post(`/_openzoom/meetings/${run.meetings.focus}/start`, {});
    assert.equal(start.status, 201, start.raw);
    const live = await api.get(`/v2/metrics/meetings?type=live&${NOV}`);
    assert.deepEqual(live.body.meetings.map((m: { topic: string }) => m.topic), ['Focus time']);
    const before = await api.get(`/v2/metrics/meetings/${run.meetings.focus}`);
    assert.equal(before.body.duration, '00:00:00');
    await s.client.post('/_openzoom/clock', { advance_seconds: 125 });
    const later = await api.get(`/v2/metrics/meetings/${run.meetings.focus}`);
    assert.equal(later.body.duration, '00:02:05');
    assert.equal((await s.client.post(`/_openzoom/meetings/${run.meetings.focus}/end`, {})).status, 200);
    assert.equal((await api.get(`/v2/metrics/meetings/${run.meetings.focus}`)).status, 404);
  });

  test('months outside the last six answer 300; a range over a month too', async () => {
    for (const q of ['from=2026-01-01&to=2026-01-31', 'from=2026-09-01&to=2026-11-01']) {
      const r = await api.get(`/v2/metrics/meetings?type=past&${q}`);
      assert.equal(r.status, 400, r.raw);
      assert.equal(r.body.code, 300);
    }
    const old = await api.get('/v2/metrics/meetings?type=past&from=2026-01-01&to=2026-01-31');
    assert.equal(old.body.message, 'The request can only be queried for a month that falls within the last six months.');
  });
});

describe('Participants, QoS, sharing, feedback', () => {
  test('participants carry their device, network, client version, location and data centre', async () => {
    const r = await api.get(`/v2/metrics/meetings/${firstUuid}/participants?type=past&page_size=300`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.total_records, 4);
    const bob = r.body.participants.find((p: { user_name: string }) => p.user_name === 'Bob Byte');
    assert.equal(bob.device, 'Mac');
    assert.equal(bob.network_type, 'Wifi');
    assert.equal(bob.version, '6.2.5.41699');
    assert.equal(bob.location, 'London (GB)');
    assert.equal(bob.ip_address, '81.2.69.161');
    assert.equal(bob.data_center, 'GB');
    // Loss 1% and latency 100 ms: good audio; no screen-share samples.
    assert.equal(bob.audio_quality, 'good');
    assert.equal(bob.screen_share_quality, '');
    const host = r.body.participants.find((p: { role: string }) => p.role === 'host');
    assert.equal(host.share_desktop, true);
  });

  test("QoS: one entry per minute, figures as strings with Zoom's units", async () => {
    const people = await api.get(`/v2/metrics/meetings/${firstUuid}/participants?type=past&page_size=300`);
    const bob = people.body.participants.find((p: { user_name: string }) => p.user_name === 'Bob Byte');
    const r = await api.get(`/v2/metrics/meetings/${firstUuid}/participants/${bob.participant_uuid}/qos?type=past`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.user_qos.map((q: { date_time: string }) => q.date_time), ['2026-11-02T09:16:00Z', '2026-11-02T09:17:00Z', '2026-11-02T09:18:00Z', '2026-11-02T09:19:00Z', '2026-11-02T09:20:00Z']);
    const q = r.body.user_qos[0];
    assert.deepEqual(q.audio_input, { bitrate: '27.15 kbps', latency: '100 ms', jitter: '4 ms', avg_loss: '1.00%', max_loss: '3.00%' });
    assert.equal(q.video_input.resolution, '1280*720');
    assert.equal(q.video_input.frame_rate, '25 fps');
    assert.equal(q.cpu_usage.zoom_avg_cpu_usage, '11%');
    // Averages over the minutes a client reported.
    const avgLatency = r.body.user_qos.reduce((n: number, m: any) => n + parseFloat(m.audio_input.latency), 0) / r.body.user_qos.length;
    assert.equal(avgLatency, 100);
    const list = await api.get(`/v2/metrics/meetings/${firstUuid}/participants/qos?type=past&page_size=10`);
    assert.equal(list.status, 200, list.raw);
    assert.equal(list.body.participants.length, 4);
    assert.equal(list.body.participants.filter((p: { user_qos: unknown[] }) => p.user_qos.length > 0).length, 1);
    const unknown = await api.get(`/v2/metrics/meetings/${firstUuid}/participants/nobody/qos?type=past`);
    assert.equal(unknown.status, 404);
  });

  test('QoS is taken only from a participant in the meeting, and only between the join and now', async () => {
    const id = run.meetings.standup;
    await s.client.post(`/_openzoom/meetings/${id}/start`, {});
    const p = await s.client.post(`/_openzoom/meetings/${id}/participants`, { name: 'Dee', email: 'dee@guest.example.com' });
    const future = await s.client.post(`/_openzoom/meetings/${id}/participants/${p.body.participant_id}/qos`, { samples: [{ date_time: '2030-01-01T00:00:00Z', audio_input: { latency: 10 } }] });
    assert.equal(future.status, 400, future.raw);
    const bad = await s.client.post(`/_openzoom/meetings/${id}/participants/${p.body.participant_id}/qos`, { samples: [{ audio_input: { latency: -1 } }] });
    assert.equal(bad.status, 400, bad.raw);
    const ok = await s.client.post(`/_openzoom/meetings/${id}/participants/${p.body.participant_id}/qos`, { samples: [{ audio_input: { latency: 10 } }] });
    assert.equal(ok.status, 201, ok.raw);
    const live = await api.get(`/v2/metrics/meetings/${id}/participants/${p.body.participant_id}/qos`);
    assert.equal(live.body.user_qos.length, 1);
    await s.client.post(`/_openzoom/meetings/${id}/end`, {});
  });

  test('samples of one minute posted at once: every post answers, one minute is kept (the last written)', async () => {
    const id = run.meetings.focus;
    await s.client.post(`/_openzoom/meetings/${id}/start`, {});
    const p = await s.client.post(`/_openzoom/meetings/${id}/participants`, { name: 'Eve', email: 'eve@guest.example.com' });
    const posts = await Promise.all(
      Array.from({ length: 12 }, (_, n) => s.client.post(`/_openzoom/meetings/${id}/participants/${p.body.participant_id}/qos`, { samples: [{ audio_input: { latency: 10 + n } }] })),
    );
    assert.deepEqual(posts.map((r) => r.status), Array(12).fill(201));
    const feedback = await Promise.all(['GOOD', 'NOT GOOD', 'GOOD'].map((quality) => s.client.post(`/_openzoom/meetings/${id}/participants/${p.body.participant_id}/feedback`, { quality })));
    assert.deepEqual(feedback.map((r) => r.status), [201, 201, 201]);
    const live = await api.get(`/v2/metrics/meetings/${id}/participants/${p.body.participant_id}/qos`);
    assert.equal(live.body.user_qos.length, 1);
    assert.match(live.body.user_qos[0].audio_input.latency, /^(1\d|2[01]) ms$/);
    const sat = await api.get(`/v2/metrics/meetings/${id}/participants/satisfaction`);
    assert.equal(sat.body.participants.length, 1);
    await s.client.post(`/_openzoom/meetings/${id}/end`, {});
  });

  test('sharing, and feedback given after the end', async () => {
    const share = await api.get(`/v2/metrics/meetings/${firstUuid}/participants/sharing?type=past`);
    assert.equal(share.status, 200, share.raw);
    assert.deepEqual(share.body.participants.map((p: any) => [p.user_name, p.details]), [['Ada Lovelace', [{ content: 'desktop', start_time: '2026-11-02T09:10:00Z', end_time: '2026-11-02T09:20:00Z' }]]]);
    const feedback = await api.get(`/v2/metrics/meetings/${firstUuid}/participants/satisfaction?type=past`);
    assert.equal(feedback.status, 200, feedback.raw);
    // Given at the same minute: in the order of the joins (Cy's join came before Bob's rejoin, which gave it).
    assert.deepEqual(feedback.body.participants.map((p: any) => [p.quality, p.comment ?? '']), [['NOT GOOD', 'Echo'], ['GOOD', '']]);
  });
});

describe('Account-wide dashboards', () => {
  test('client satisfaction per day, client versions, quality grades', async () => {
    const sat = await api.get(`/v2/metrics/client/satisfaction?${NOV}`);
    assert.equal(sat.status, 200, sat.raw);
    const day = sat.body.client_satisfaction.find((d: { date: string }) => d.date === '2026-11-02');
    // 5 joins that day, 2 gave feedback: one good, one not.
    assert.deepEqual(day, { date: '2026-11-02', good_count: 1, not_good_count: 1, none_count: 3, satisfaction_percent: 50 });
    const versions = await api.get('/v2/metrics/client_versions');
    assert.equal(versions.status, 200, versions.raw);
    const counts = Object.fromEntries(versions.body.client_versions.map((v: { client_version: string; total_count: number }) => [v.client_version, v.total_count]));
    assert.equal(counts['6.2.5.41699'], 3);
    assert.equal(counts['6.1.11.39163'], 1);
    const quality = await api.get(`/v2/metrics/quality?${NOV}`);
    assert.equal(quality.status, 200, quality.raw);
    // Bob's minutes in the first stand-up, Dee's and Eve's in the meetings the QoS tests above held.
    assert.equal(quality.body.quality.audio.good, 3);
    assert.equal(quality.body.quality.video.good, 1);
  });
});

describe('Client feedback (dashboardClientFeedback, dashboardClientFeedbackDetail)', () => {
  test('issues picked with a thumbs down, counted; who picked one, in which meeting', async () => {
    const r = await api.get(`/v2/metrics/client/feedback?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.client_feedbacks, [{ feedback_id: '3', feedback_name: 'Audio echo', participants_count: 1 }]);
    const detail = await api.get(`/v2/metrics/client/feedback/3?${NOV}`);
    assert.equal(detail.status, 200, detail.raw);
    assert.deepEqual(detail.body.client_feedback_details, [{ participant_name: 'Cy Guest', email: 'cy@guest.example.com', meeting_id: run.meetings.standup, time: '2026-11-02T09:41:00Z' }]);
    assert.equal((await api.get(`/v2/metrics/client/feedback/99?${NOV}`)).status, 400);
    // Issues come with a thumbs down only.
    const someone = (await api.get(`/v2/metrics/meetings/${run.meetings.standup}/participants?type=past`)).body.participants[0].participant_uuid;
    const good = await s.client.post(`/_openzoom/meetings/${run.meetings.standup}/participants/${someone}/feedback`, { quality: 'GOOD', issues: ['Audio echo'] });
    assert.equal(good.status, 400, good.raw);
  });
});

describe('Team Chat (dashboardChat, dashboardIM)', () => {
  test("each user's messages sent in the range, to a person and in channels", async () => {
    const r = await api.get(`/v2/metrics/chat?${NOV}`);
    assert.equal(r.status, 200, r.raw);
    // The scenario's one message: Ada to Bob.
    assert.deepEqual(r.body.users.map((u: any) => [u.email, u.p2p_sent, u.group_sent, u.text_sent, u.total_sent]), [['ada@small-team.example.com', 1, 0, 1, 1]]);
    const im = await api.get(`/v2/metrics/im?${NOV}`);
    assert.equal(im.status, 200, im.raw);
    assert.deepEqual(im.body.users.map((u: any) => [u.email, u.total_send, u.total_receive]).sort(), [['ada@small-team.example.com', 1, 0], ['bob@small-team.example.com', 0, 1]]);
    const before = await api.get('/v2/metrics/chat?from=2026-10-01&to=2026-10-31');
    assert.deepEqual(before.body.users, []);
  });
});

describe('Plans, accounts, roles', () => {
  test('Pro accounts get the Business-plan error', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const pro = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const r = await pro.get(`/v2/metrics/meetings?type=past&${NOV}`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
    assert.match(r.body.message, /Business or higher/);
  });

  test("another account's meeting ids and UUIDs are unknown", async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const other = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    for (const path of [`/v2/metrics/meetings/${firstUuid}?type=past`, `/v2/metrics/meetings/${run.meetings.standup}/participants?type=past`, `/v2/metrics/meetings/${firstUuid}/participants/qos?type=past`]) {
      const r = await other.get(path);
      assert.equal(r.status, 404, `${path} ${r.raw}`);
      assert.equal(r.body.code, 3001);
    }
    const list = await other.get(`/v2/metrics/meetings?type=past&${NOV}`);
    assert.equal(list.body.meetings.length, 0);
  });

  test('a Member is refused', async () => {
    const token = await s.client.post('/_openzoom/tokens', { account_id: run.account_id, user_id: run.users.bob });
    const member = s.client.withToken(token.body.access_token);
    const r = await member.get(`/v2/metrics/meetings/${firstUuid}/participants?type=past`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
  });
});
