// Scenarios with webinars, Zoom Phone and Zoom Rooms: the example file
// (examples/webinar-and-phone.yaml) plays through the server's own routes and
// its figures, counted by hand, read back through the REST API; the generator
// adds all-hands and departmental webinars, calls and rooms, deterministically.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseScenario, scenarioErrors, type Scenario } from '../src/scenarios/format.ts';
import { generateScenario } from '../src/scenarios/generate.ts';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let played: Record<string, any>;
let api: TestClient;
let example: Scenario;

before(async () => {
  // Awaited: parseScenario may be synchronous or load the YAML parser on demand.
  example = (await parseScenario(readFileSync(new URL('../examples/webinar-and-phone.yaml', import.meta.url), 'utf8'), 'webinar-and-phone.yaml')) as Scenario;
  s = await startServer();
  const r = await s.client.post('/_openzoom/scenarios', example);
  assert.equal(r.status, 201, r.raw);
  played = r.body;
  api = await s.client.withCredentials(played.account_id, played.client_id, played.client_secret);
});
after(() => s.close());

describe('examples/webinar-and-phone.yaml', () => {
  test('is valid, plays every event, and names the webinars, rooms and phone sites it made', () => {
    assert.deepEqual(scenarioErrors(example), []);
    assert.equal(played.events, example.events!.length);
    assert.deepEqual(Object.keys(played.webinars).sort(), ['hours', 'launch']);
    assert.deepEqual(Object.keys(played.rooms), ['huddle']);
    assert.deepEqual(Object.keys(played.phone_sites), ['austin']);
    assert.equal(played.clock, '2026-11-12T18:00:00.000Z');
  });

  test('the launch webinar: registrants by status, participants, the absentee, the poll and the Q&A', async () => {
    const id = played.webinars.launch;
    const byStatus = async (status: string) => (await api.get(`/v2/webinars/${id}/registrants?status=${status}`)).body.registrants.map((r: { email: string }) => r.email).sort();
    assert.deepEqual(await byStatus('approved'), ['abe@guest.example.com', 'ann@guest.example.com', 'cy@launch.example.com']);
    assert.deepEqual(await byStatus('pending'), ['amy@guest.example.com']);
    assert.deepEqual(await byStatus('denied'), ['dan@guest.example.com']);
    const instances = await api.get(`/v2/past_webinars/${id}/instances`);
    assert.equal(instances.status, 200, instances.raw);
    assert.equal(instances.body.webinars.length, 1);
    // One record per stint: Ada (host) and Bob (panelist) 15:30–17:00; Ann waited through the
    // practice session from 15:50, then was in from 16:00; Cy 16:05–16:45.
    const parts = (await api.get(`/v2/past_webinars/${id}/participants?page_size=30`)).body.participants;
    assert.deepEqual(parts.map((p: { name: string; status: string; duration: number }) => `${p.name} ${p.status} ${p.duration}`).sort(), [
      'Ada Lovelace in_meeting 5400',
      'Ann Attendee in_meeting 3600',
      'Ann Attendee in_waiting_room 600',
      'Bob Byte in_meeting 5400',
      'Cy Support in_meeting 2400',
    ]);
    // Approved registrants who never came: Abe only (Amy was never approved, Dan was denied).
    const absentees = await api.get(`/v2/past_webinars/${id}/absentees`);
    assert.equal(absentees.status, 200, absentees.raw);
    assert.deepEqual(absentees.body.registrants.map((r: { email: string }) => r.email), ['abe@guest.example.com']);
    const polls = (await api.get(`/v2/past_webinars/${id}/polls`)).body.questions;
    assert.deepEqual(polls.map((q: { question_details: Array<{ answer: string }> }) => q.question_details[0]!.answer).sort(), ['Fine', 'Great']);
    assert.equal((await s.api.get(`/v2/past_webinars/${id}/instances`)).status, 404, "another account's token does not reach the scenario's webinar");
    const qa = (await api.get(`/v2/past_webinars/${id}/qa`)).body.questions;
    assert.deepEqual(qa.find((q: { name: string }) => q.name === 'Ann Attendee').question_details, [{ question: 'When does it ship?', answer: 'In December.' }]);
  });

  test('recurring office hours without registration: two instances; the first with two guests; absentees refused (3000)', async () => {
    const id = played.webinars.hours;
    const instances = (await api.get(`/v2/past_webinars/${id}/instances`)).body.webinars;
    assert.equal(instances.length, 2);
    const first = encodeURIComponent(instances[0].uuid);
    const parts = (await api.get(`/v2/past_webinars/${first}/participants`)).body.participants;
    assert.deepEqual(parts.map((p: { name: string }) => p.name).sort(), ['Ada Lovelace', 'Gil Guest', 'Hal Guest']);
    const hal = parts.find((p: { name: string }) => p.name === 'Hal Guest');
    assert.equal(hal.duration, 600);
    const second = (await api.get(`/v2/past_webinars/${id}/participants`)).body.participants;
    assert.deepEqual(second.map((p: { name: string; duration: number }) => `${p.name} ${p.duration}`).sort(), ['Ada Lovelace 900', 'Gil Guest 900']);
    const absentees = await api.get(`/v2/past_webinars/${id}/absentees`);
    assert.equal(absentees.status, 400);
    assert.equal(absentees.body.code, 3000);
  });

  test('phone: each user\'s call log, with results and durations; the numbers and the site given', async () => {
    const users = played.users;
    const logs = async (key: string) =>
      (await api.get(`/v2/phone/users/${users[key]}/call_logs?from=2026-11-10&to=2026-11-10`)).body.call_logs
        .map((l: { direction: string; result: string; duration: number }) => `${l.direction} ${l.result} ${l.duration}`)
        .sort();
    assert.deepEqual(await logs('bob'), ['inbound No Answer 0', 'outbound Call connected 300']);
    assert.deepEqual(await logs('cy'), ['inbound Call connected 300', 'inbound Voicemail 20', 'outbound Call connected 90']);
    const bob = (await api.get(`/v2/phone/users/${users.bob}`)).body;
    assert.equal(bob.site_id, played.phone_sites.austin);
    assert.deepEqual(bob.phone_numbers.map((n: { number: string }) => n.number), ['+15125550142']);
    const held = (await api.get(`/v2/phone/users/${users.bob}/call_logs?from=2026-11-10&to=2026-11-10`)).body.call_logs.find((l: { direction: string }) => l.direction === 'outbound');
    assert.equal(held.hold_time, 30);
    const voicemails = (await api.get(`/v2/phone/users/${users.cy}/voice_mails`)).body.voice_mails;
    assert.deepEqual(voicemails.map((v: { duration: number; caller_number: string }) => [v.duration, v.caller_number]), [[20, '+14155550199']]);
  });

  test('the room: its devices, its meeting, and the alerts raised and cleared, in order', async () => {
    const room = played.rooms.huddle;
    const devices = (await api.get(`/v2/rooms/${room}/devices`)).body.devices;
    assert.deepEqual(devices.map((d: { device_type: string; status: string }) => `${d.device_type} ${d.status}`).sort(), ['Controller Online', 'Zoom Rooms Computer Online']);
    assert.equal((await api.get(`/v2/rooms?status=Offline`)).body.rooms.length, 1);
    const kept = (await s.client.get(`/_openzoom/rooms/${room}/activity?account_id=${played.account_id}`)).body;
    // Online at setup (3 cleared), the controller off and on (1 raised, 1 cleared), high CPU (4 raised, cleared), offline at night (3 raised).
    const alerts = kept.alerts.map((a: { alert_type: number; alert_kind: number; at: string }) => `${a.at.slice(11, 16)} ${a.alert_type}/${a.alert_kind}`).sort();
    assert.deepEqual(alerts, ['08:00 3/2', '11:00 1/1', '11:20 1/2', '12:00 4/1', '12:30 4/2', '20:00 3/1']);
    const kinds = kept.activity.map((a: { kind: string }) => a.kind);
    assert.ok(kinds.includes('meeting_join') && kinds.includes('meeting_leave'), JSON.stringify(kinds));
    const review = await api.get(`/v2/past_meetings/${played.meetings.review}/participants`);
    assert.deepEqual(review.body.participants.map((p: { name: string }) => p.name).sort(), ['Ada Lovelace', 'Huddle']);
  });

  test('a failing webinar event names itself: an unknown registrant, a join before the start', async () => {
    const base = { start: '2026-11-20T08:00:00Z', users: [{ key: 'h' }], webinars: [{ key: 'w', host: 'h', registrants: [{ key: 'r' }] }] };
    const unknown = await s.client.post('/_openzoom/scenarios', { ...base, events: [{ action: 'webinar_start', webinar: 'w' }, { action: 'webinar_join', webinar: 'w', as: 'x', registrant: 'nobody' }] });
    assert.equal(unknown.status, 400, unknown.raw);
    assert.match(unknown.body.message, /nobody/);
    const early = await s.client.post('/_openzoom/scenarios', { ...base, events: [{ action: 'webinar_join', webinar: 'w', as: 'r', registrant: 'r' }] });
    assert.equal(early.status, 400);
    assert.match(early.body.message, /event 0 \(webinar_join\).*has not started/);
  });
});

describe('The generated month: webinars, calls and rooms', () => {
  test('the same file for the same seed; a week plays; its all-hands, calls and rooms read back as generated', async () => {
    // A working week, with few meetings of the hosts' own (the part this file does not check).
    const options = { users: 24, days: 5, seed: 5, start: '2026-11-02', per_user_day: 0.2 };
    const g = generateScenario({ ...options, perUserDay: options.per_user_day });
    assert.deepEqual(generateScenario({ ...options, perUserDay: options.per_user_day }), g);
    assert.deepEqual(scenarioErrors(g), []);
    const count = (action: string, where: (e: Record<string, unknown>) => boolean = () => true) => g.events!.filter((e) => e.action === action && where(e)).length;
    const allHands = g.webinars!.find((w) => w.key === 'all-hands')!;
    assert.equal(allHands.registrants!.length + allHands.panelists!.length + 1, options.users, 'every employee: host, panel or registered');
    const attended = count('webinar_join', (e) => e.webinar === 'all-hands' && e.registrant !== undefined);
    assert.ok(attended > 0 && attended < allHands.registrants!.length);
    assert.ok(count('call') > 0 && count('room_control') > 0);

    // The server generates the same file from the same options.
    const r = await s.client.post('/_openzoom/scenarios', { generate: options });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.events, g.events!.length);
    const gapi = await s.client.withCredentials(r.body.account_id, r.body.client_id, r.body.client_secret);
    // Attendees of the all-hands: as many as joined; absentees: the registrants who did not.
    const id = r.body.webinars['all-hands'];
    const parts = (await gapi.get(`/v2/past_webinars/${id}/participants?page_size=300`)).body.participants;
    assert.equal(new Set(parts.filter((p: { registrant_id?: string }) => p.registrant_id).map((p: { registrant_id: string }) => p.registrant_id)).size, attended);
    const absentees = await gapi.get(`/v2/past_webinars/${id}/absentees?page_size=300`);
    assert.equal(absentees.body.total_records, allHands.registrants!.length - attended);
    // Every call leaves a call log for its calling user, or for the user called from outside.
    const phoneUser = g.phone!.users![0]!.user;
    const calls = count('call', (e) => e.from === phoneUser || (typeof e.from === 'string' && e.from.startsWith('+') && e.to === g.phone!.users![0]!.numbers?.[0]));
    const logs = await gapi.get(`/v2/phone/users/${r.body.users[phoneUser]}/call_logs?from=2026-11-02&to=2026-11-06&page_size=300`);
    assert.equal(logs.status, 200, logs.raw);
    assert.equal(logs.body.call_logs.filter((l: { direction: string; caller_number_type: number }) => l.direction === 'outbound' || l.caller_number_type === 2).length, calls);
    // Each room's alerts: one raised per incident, one cleared per recovery, plus coming online at setup.
    for (const room of g.rooms!) {
      const incidents = g.events!.filter((e) => e.room === room.key && (e.action === 'room_alert' || e.action === 'room_status' || e.action === 'room_device')).length;
      const kept = (await s.client.get(`/_openzoom/rooms/${r.body.rooms[room.key]}/activity?account_id=${r.body.account_id}`)).body;
      assert.equal(kept.alerts.length, incidents + 1, room.key);
    }
  });
});
