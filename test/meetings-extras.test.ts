// A meeting's extras: invitation, invite links, closed caption token, templates,
// survey, live stream settings; host rules (Basic hosts, deleted and deactivated hosts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let ownerId: string;

before(async () => {
  s = await startServer({ baseUrl: 'https://zoom.example.com' });
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  ownerId = acct.body.owner_id;
  api = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
});
after(() => s.close());

async function meeting(body: Record<string, unknown> = {}, userId = ownerId): Promise<Record<string, any>> {
  const r = await api.post(`/v2/users/${userId}/meetings`, { topic: 'Weekly sync', start_time: '2031-04-01T15:00:00Z', timezone: 'America/Chicago', ...body });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}
let seq = 0;
async function user(type = 2): Promise<{ id: string; email: string }> {
  const email = `x${++seq}@extras.example.com`;
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email, type, first_name: 'Kim', last_name: 'Park' } });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.id, email };
}

describe('Invitation, invite links, token', () => {
  test('the invitation names the topic, the local time, the join link, the ID and the passcode', async () => {
    const m = await meeting();
    const r = await api.get(`/v2/meetings/${m.id}/invitation`);
    assert.equal(r.status, 200);
    assert.match(r.body.invitation, /Topic: Weekly sync/);
    assert.match(r.body.invitation, /Time: Apr 1, 2031 10:00 AM America\/Chicago/);
    assert.ok(r.body.invitation.includes(m.join_url));
    assert.ok(r.body.invitation.includes(`Passcode: ${m.password}`));
    assert.deepEqual(r.body.sip_links, []);
  });

  test('invite links: one per attendee, with a token and the name', async () => {
    const m = await meeting();
    const r = await api.post(`/v2/meetings/${m.id}/invite_links`, { attendees: [{ name: 'Guest One' }, { name: 'Guest Two', disable_video: true }], ttl: 3600 });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.attendees.length, 2);
    assert.match(r.body.attendees[0].join_url, /tk=[A-Za-z0-9_-]{32}&uname=Guest%20One$/);
    assert.notEqual(r.body.attendees[0].join_url, r.body.attendees[1].join_url);
    const tooLong = await api.post(`/v2/meetings/${m.id}/invite_links`, { attendees: [{ name: 'x' }], ttl: 7776001 });
    assert.equal(tooLong.body.code, 300);
  });

  test('the closed caption token is a signed URL of this meeting', async () => {
    const m = await meeting();
    const r = await api.get(`/v2/meetings/${m.id}/token?type=closed_caption_token`);
    assert.equal(r.status, 200);
    assert.match(r.body.token, new RegExp(`^https://zoom.example.com/closedcaption\\?id=${m.id}&`));
  });
});

describe('Meeting templates', () => {
  test('save a meeting as a template (settings, recurrence when asked), list, create a meeting from it; names unique unless overwrite', async () => {
    const m = await meeting({ type: 8, recurrence: { type: 2, weekly_days: '3', end_times: 4 }, duration: 25, settings: { host_video: true, mute_upon_entry: true } });
    const t = await api.post(`/v2/users/${ownerId}/meeting_templates`, { meeting_id: m.id, name: 'Standup', save_recurrence: true });
    assert.equal(t.status, 201, t.raw);
    const dup = await api.post(`/v2/users/${ownerId}/meeting_templates`, { meeting_id: m.id, name: 'Standup' });
    assert.equal(dup.body.code, 3000);
    assert.equal(dup.body.message, 'Meeting template name already exists: Standup.');
    const over = await api.post(`/v2/users/${ownerId}/meeting_templates`, { meeting_id: m.id, name: 'Standup', overwrite: true, save_recurrence: true });
    assert.equal(over.body.id, t.body.id);
    const list = await api.get(`/v2/users/${ownerId}/meeting_templates`);
    assert.deepEqual(list.body, { total_records: 1, templates: [{ id: t.body.id, name: 'Standup', type: 1 }] });
    const fromTemplate = await meeting({ template_id: t.body.id, topic: 'From template' });
    assert.equal(fromTemplate.type, 8);
    assert.equal(fromTemplate.duration, 25);
    assert.equal(fromTemplate.settings.host_video, true);
    assert.equal(fromTemplate.recurrence.weekly_days, '3');
    assert.equal(fromTemplate.template_id, t.body.id);
    const unknown = await api.post(`/v2/users/${ownerId}/meeting_templates`, { meeting_id: 12345678901, name: 'Nope' });
    assert.equal(unknown.body.code, 3001);
    const badTemplate = await api.post(`/v2/users/${ownerId}/meetings`, { template_id: 'nope' });
    assert.equal(badTemplate.body.code, 300);
  });
});

describe('Survey and live stream', () => {
  test('survey: get (empty), update a custom survey with the poll question rules, third-party link, delete', async () => {
    const m = await meeting();
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/survey`)).body, { show_in_the_browser: true });
    const custom = { title: 'How was it?', anonymous: true, questions: [{ name: 'Rate it', type: 'rating_scale', rating_min_value: 1, rating_max_value: 5 }] };
    assert.equal((await api.patch(`/v2/meetings/${m.id}/survey`, { custom_survey: custom, show_in_the_browser: false })).status, 204);
    const got = (await api.get(`/v2/meetings/${m.id}/survey`)).body;
    assert.equal(got.show_in_the_browser, false);
    assert.equal(got.custom_survey.title, 'How was it?');
    assert.equal(got.custom_survey.questions[0].rating_max_value, 5);
    const bad = await api.patch(`/v2/meetings/${m.id}/survey`, { custom_survey: { title: 'x', questions: [{ name: 'Pick', type: 'single', answers: ['a', 'a'] }] } });
    assert.equal(bad.body.code, 300);
    const badLink = await api.patch(`/v2/meetings/${m.id}/survey`, { third_party_survey: 'not a link' });
    assert.equal(badLink.body.message, 'Invalid third party survey: not a link.');
    assert.equal((await api.patch(`/v2/meetings/${m.id}/survey`, { third_party_survey: 'https://forms.example.com/s/1' })).status, 204);
    assert.equal((await api.get(`/v2/meetings/${m.id}/survey`)).body.third_party_survey, 'https://forms.example.com/s/1');
    assert.equal((await api.delete(`/v2/meetings/${m.id}/survey`)).status, 204);
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/survey`)).body, { show_in_the_browser: true });
  });

  test('survey disabled in the host settings answers 3000', async () => {
    const host = await user();
    await api.patch(`/v2/users/${host.id}/settings`, { in_meeting: { meeting_survey: false } });
    const m = await meeting({}, host.id);
    const r = await api.get(`/v2/meetings/${m.id}/survey`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 3000);
  });

  test('live stream settings: empty until set, then as set', async () => {
    const m = await meeting();
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/livestream`)).body, { stream_url: '', stream_key: '', page_url: '' });
    const ls = { stream_url: 'rtmp://live.example.com/app', stream_key: 'abc123', page_url: 'https://watch.example.com/live', resolution: '720p' };
    assert.equal((await api.patch(`/v2/meetings/${m.id}/livestream`, ls)).status, 204);
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/livestream`)).body, ls);
  });
});

describe('Host rules', () => {
  test('a Basic host gets no registration, no cloud recording, no alternative hosts', async () => {
    const basic = await user(1);
    const m = await meeting({ settings: { approval_type: 0, auto_recording: 'cloud' } }, basic.id);
    assert.equal(m.settings.approval_type, 2);
    assert.notEqual(m.settings.auto_recording, 'cloud');
    const licensed = await user(2);
    const alt = await api.post(`/v2/users/${basic.id}/meetings`, { settings: { alternative_hosts: licensed.email } });
    assert.equal(alt.status, 400);
    assert.equal(alt.body.code, 1114);
  });

  test('a deactivated host cannot schedule (3161) and keeps its meetings; deleting a host deletes its meetings or transfers them', async () => {
    const host = await user();
    const kept = await meeting({}, host.id);
    assert.equal((await api.put(`/v2/users/${host.id}/status`, { action: 'deactivate' })).status, 200);
    const r = await api.post(`/v2/users/${host.id}/meetings`, {});
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 3161);
    assert.equal((await api.get(`/v2/meetings/${kept.id}`)).status, 200);

    const gone = await user();
    const m1 = await meeting({}, gone.id);
    assert.equal((await api.delete(`/v2/users/${gone.id}?action=delete`)).status, 204);
    assert.equal((await api.get(`/v2/meetings/${m1.id}`)).status, 404);

    const leaving = await user();
    const heir = await user();
    const m2 = await meeting({}, leaving.id);
    assert.equal((await api.delete(`/v2/users/${leaving.id}?action=delete&transfer_email=${heir.email}&transfer_meeting=true`)).status, 204);
    const moved = await api.get(`/v2/meetings/${m2.id}`);
    assert.equal(moved.body.host_id, heir.id);
    assert.equal((await api.get(`/v2/users/${heir.id}/meetings`)).body.total_records, 1);
  });
});
