// Live meetings through the control plane: start (the host joins), participants
// join and leave, the waiting room, sharing, recording, the end (Zoom's own
// PUT /meetings/{id}/status), the Basic plan's 40 minutes on the server clock,
// one live instance per meeting, and the events each step queues.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { liveAccount, type Live } from './helpers/live.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let L: Live;
let api: Live['api'];
let ownerId: string;
const meeting = (...a: Parameters<Live['meeting']>) => L.meeting(...a);
const control = (...a: Parameters<Live['control']>) => L.control(...a);
const start = (...a: Parameters<Live['start']>) => L.start(...a);
const join = (...a: Parameters<Live['join']>) => L.join(...a);
const end = (id: string) => L.end(id);
const events = (name: string, id?: string) => L.events(name, id);
const newUser = (type?: number) => L.newUser(type);

before(async () => {
  s = await startServer();
  L = await liveAccount(s);
  api = L.api;
  ownerId = L.ownerId;
});
after(() => s.close());

describe('Start (POST /_openzoom/meetings/{meetingId}/start)', () => {
  test('the host joins: a 24-character UUID, the meeting shows started and in List meetings?type=live, meeting.started and the host joined', async () => {
    const id = await meeting({ topic: 'Kick-off' });
    const r = await control(`${id}/start`);
    assert.equal(r.status, 201, r.raw);
    assert.match(r.body.uuid, /^[A-Za-z0-9+/]{22}==$/);
    assert.equal(r.body.status, 'started');
    assert.equal(r.body.participants.length, 1);
    assert.equal(r.body.participants[0].role, 'host');
    const got = await api.get(`/v2/meetings/${id}`);
    assert.equal(got.body.status, 'started');
    assert.equal(got.body.uuid, r.body.uuid, 'the first instance takes the meeting UUID');
    const live = await api.get(`/v2/users/${ownerId}/meetings?type=live&page_size=300`);
    assert.ok(live.body.meetings.some((m: { id: number }) => String(m.id) === id), live.raw);
    const [started] = await events('meeting.started', id);
    assert.deepEqual(Object.keys(started!.object).sort(), ['duration', 'host_id', 'id', 'start_time', 'timezone', 'topic', 'type', 'uuid'].filter((k) => k in started!.object).sort());
    assert.equal(started!.object.uuid, r.body.uuid);
    assert.equal(started!.object.topic, 'Kick-off');
    const [joined] = await events('meeting.participant_joined', id);
    assert.equal(joined!.object.participant.participant_user_id, ownerId);
  });

  test('one live instance per meeting: starting again answers the same instance (200); after the end a new one', async () => {
    const id = await meeting();
    const first = await start(id);
    const again = await control(`${id}/start`);
    assert.equal(again.status, 200);
    assert.equal(again.body.uuid, first.uuid);
    assert.equal((await end(id)).status, 204);
    const next = await start(id);
    assert.notEqual(next.uuid, first.uuid);
    assert.equal((await api.get(`/v2/meetings/${id}`)).body.uuid, next.uuid);
  });

  test('unknown meeting, bad bodies and a UUID in use answer errors and write nothing', async () => {
    const unknown = await control('99999999999/start');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 3001);
    const bad = await control('not-a-number/start');
    assert.equal(bad.status, 404);
    const id = await meeting();
    for (const body of [{ uuid: 'short' }, { uuid: 42 }, { extra: true }]) {
      const r = await control(`${id}/start`, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
    }
    assert.equal((await api.get(`/v2/meetings/${id}`)).body.status, 'waiting');
    const uuid = 'ab/cd+efghijklmnopqrst==';
    await start(id, { uuid });
    await end(id);
    const other = await meeting();
    const taken = await control(`${other}/start`, { uuid });
    assert.equal(taken.status, 400);
    assert.equal((await api.get(`/v2/meetings/${other}`)).body.status, 'waiting');
  });
});

describe('Participants (POST /_openzoom/meetings/{meetingId}/participants, …/leave)', () => {
  test('join and leave record devices and times, send joined/left, and the meeting ends when the last one leaves', async () => {
    const id = await meeting();
    const { participants } = await start(id);
    const host = participants[0]!.participant_id;
    const p = await join(id, 'Grace', { device: 'Mac', location: 'Paris', ip_address: '192.0.2.7', network_type: 'Wifi', version: '6.2.0' });
    assert.equal(p.status, 'in_meeting');
    assert.match(p.user_id, /^\d+$/);
    await s.client.post('/_openzoom/clock', { advance_seconds: 600 });
    const left = await control(`${id}/participants/${p.participant_id}/leave`);
    assert.equal(left.status, 200, left.raw);
    assert.equal(left.body.status, 'left');
    assert.equal(left.body.device, 'Mac');
    assert.equal(left.body.leave_reason, 'Grace left the meeting.');
    const again = await control(`${id}/participants/${p.participant_id}/leave`);
    assert.equal(again.status, 400);
    const [ev] = await events('meeting.participant_left', id);
    assert.equal(ev!.object.participant.leave_reason, 'Grace left the meeting.');
    assert.equal(ev!.object.participant.email, 'grace@guest.example.com');
    assert.equal((await control(`${id}/participants/${host}/leave`)).status, 200);
    assert.equal((await api.get(`/v2/meetings/${id}`)).body.status, 'waiting');
    assert.equal((await events('meeting.ended', id)).length, 1);
  });

  test('joining a meeting that has not started answers 400 (join before host off); with join before host the first participant starts it', async () => {
    const id = await meeting({ settings: { join_before_host: false } });
    const r = await control(`${id}/participants`, { name: 'Early', email: 'early@guest.example.com' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 3000);
    assert.equal((await events('meeting.started', id)).length, 0);
    const jbh = await meeting({ settings: { join_before_host: true } });
    const p = await join(jbh, 'Early');
    assert.equal(p.status, 'in_meeting');
    assert.equal((await api.get(`/v2/meetings/${jbh}`)).body.status, 'started');
    const hostJoins = await control(`${jbh}/start`);
    assert.equal(hostJoins.status, 200);
    assert.equal(hostJoins.body.participants.filter((x: { role: string }) => x.role === 'host').length, 1);
  });

  test('bad participant bodies answer 400/300 naming the field and add no one; unknown participants 404', async () => {
    const id = await meeting();
    await start(id);
    for (const [body, field] of [
      [{ email: 'a@b.example.com' }, 'name'],
      [{ name: 'No mail' }, 'email'],
      [{ name: 'X', email: 'not-an-email' }, 'email'],
      [{ name: 'X', email: 'x@y.example.com', ip_address: '999.1.1.1' }, 'ip_address'],
      [{ name: 'X', email: 'x@y.example.com', color: 'red' }, 'color'],
    ] as const) {
      const r = await control(`${id}/participants`, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
      assert.ok(r.body.errors.some((e: { field: string }) => e.field === field), r.raw);
    }
    const live = await s.client.get(`/_openzoom/meetings/${id}/live`);
    assert.equal(live.body.participants.length, 1);
    const unknown = await control(`${id}/participants/nobody/leave`);
    assert.equal(unknown.status, 404);
  });
});

describe('Waiting room', () => {
  test('with the waiting room on, participants wait, are admitted and put back, with Zoom events', async () => {
    const id = await meeting({ settings: { waiting_room: true } });
    await start(id);
    const p = await join(id, 'Waiter');
    assert.equal(p.status, 'in_waiting_room');
    assert.equal((await events('meeting.participant_joined_waiting_room', id)).length, 1);
    const admitted = await control(`${id}/participants/${p.participant_id}/admit`);
    assert.equal(admitted.body.status, 'in_meeting');
    assert.equal((await events('meeting.participant_admitted', id)).length, 1);
    assert.equal((await control(`${id}/participants/${p.participant_id}/admit`)).status, 400);
    const back = await control(`${id}/participants/${p.participant_id}/waiting_room`);
    assert.equal(back.body.status, 'in_waiting_room');
    assert.equal((await events('meeting.participant_put_in_waiting_room', id)).length, 1);
    await control(`${id}/participants/${p.participant_id}/leave`);
    assert.equal((await events('meeting.participant_left_waiting_room', id)).length, 1);
  });
});

describe('Sharing and recording', () => {
  test('one share at a time: a new sharer stops the previous one; stop answers 400 when not sharing', async () => {
    const id = await meeting();
    const { participants } = await start(id);
    const host = participants[0]!.participant_id;
    const p = await join(id, 'Sharer');
    assert.equal((await control(`${id}/participants/${host}/share/start`, { content: 'whiteboard' })).status, 200);
    assert.equal((await control(`${id}/participants/${p.participant_id}/share/start`)).status, 200);
    const ended = await events('meeting.sharing_ended', id);
    assert.equal(ended.length, 1);
    assert.equal(ended[0]!.object.participant.sharing_details.content, 'whiteboard');
    assert.equal((await control(`${id}/participants/${host}/share/stop`)).status, 400);
    assert.equal((await control(`${id}/participants/${p.participant_id}/share/stop`)).status, 200);
    assert.equal((await control(`${id}/participants/${p.participant_id}/share/start`, { content: 'slides' })).status, 400);
    assert.equal((await events('meeting.sharing_started', id)).length, 2);
  });

  test('recording through the control plane and Zoom\'s in-meeting controls: start, pause, resume, stop, with recording.* events', async () => {
    const id = await meeting();
    const notLive = await api.patch(`/v2/live_meetings/${id}/events`, { method: 'recording.start' });
    assert.equal(notLive.status, 400);
    assert.equal(notLive.body.code, 300);
    await start(id);
    assert.equal((await api.patch(`/v2/live_meetings/${id}/events`, { method: 'recording.start' })).status, 202);
    const twice = await api.patch(`/v2/live_meetings/${id}/events`, { method: 'recording.start' });
    assert.equal(twice.status, 400);
    assert.equal((await control(`${id}/recording/pause`)).body.recording, 'paused');
    assert.equal((await api.patch(`/v2/live_meetings/${id}/events`, { method: 'recording.resume' })).status, 202);
    assert.equal((await control(`${id}/recording/stop`)).body.recording, 'off');
    assert.equal((await control(`${id}/recording/stop`)).status, 400);
    assert.equal((await control(`${id}/recording/rewind`)).status, 400);
    for (const name of ['recording.started', 'recording.paused', 'recording.resumed', 'recording.stopped']) {
      const [ev] = await events(name, id);
      assert.ok(ev, name);
      assert.equal(typeof ev.object.id, 'number');
    }
  });

  test("auto_recording 'cloud' starts the cloud recording with the meeting (paid plans); 'none' does not", async () => {
    const auto = await meeting({ settings: { auto_recording: 'cloud' } });
    const started = await control(`${auto}/start`);
    assert.equal(started.body.recording, 'on', started.raw);
    assert.equal((await events('recording.started', auto)).length, 1);
    const plain = await meeting({ settings: { auto_recording: 'none' } });
    assert.equal((await control(`${plain}/start`)).body.recording, 'off');
    await end(auto);
    await end(plain);
    assert.equal((await events('recording.stopped', auto)).length, 1);
  });

  test('the end stops sharing and recording and sends everyone away with "Host ended the meeting."', async () => {
    const id = await meeting();
    const { participants } = await start(id);
    await join(id, 'Stayer');
    await control(`${id}/participants/${participants[0]!.participant_id}/share/start`);
    await control(`${id}/recording/start`);
    assert.equal((await end(id)).status, 204);
    assert.equal((await events('meeting.sharing_ended', id)).length, 1);
    assert.equal((await events('recording.stopped', id)).length, 1);
    const left = await events('meeting.participant_left', id);
    assert.equal(left.length, 2);
    assert.ok(left.every((e) => e.object.participant.leave_reason === 'Host ended the meeting.'));
    const [ended] = await events('meeting.ended', id);
    assert.ok(ended!.object.end_time);
    assert.equal((await end(id)).status, 204, 'ending a meeting not in progress answers 204');
    assert.equal((await events('meeting.ended', id)).length, 1);
  });

  test('deleting a meeting in progress ends it first: meeting.ended, then meeting.deleted; no instance stays live', async () => {
    const id = await meeting({ topic: 'Deleted while live' });
    await start(id);
    await join(id, 'Guest');
    assert.equal((await api.delete(`/v2/meetings/${id}`)).status, 204);
    const [ended] = await events('meeting.ended', id);
    assert.ok(ended!.object.end_time);
    assert.equal((await events('meeting.participant_left', id)).length, 2);
    assert.equal((await api.get(`/v2/past_meetings/${id}`)).status, 200, 'the instance ended and is a past meeting');
    assert.equal((await control(`${id}/start`)).status, 404, 'a deleted meeting cannot start');
  });
});

describe('Live stream status (PATCH /meetings/{meetingId}/livestream/status)', () => {
  const status = (id: string, body: unknown) => api.patch(`/v2/meetings/${id}/livestream/status`, body);
  const target = { stream_url: 'rtmp://live.example.com/app', stream_key: 'key-1', page_url: 'https://example.com/live' };

  test('needs the stream settings and a live meeting: 300, then 4927 "has not started"', async () => {
    const id = await meeting();
    const unset = await status(id, { action: 'start' });
    assert.equal(unset.status, 400, unset.raw);
    assert.equal(unset.body.code, 300);
    assert.equal((await api.patch(`/v2/meetings/${id}/livestream`, target)).status, 204);
    const idle = await status(id, { action: 'start' });
    assert.equal(idle.status, 400);
    assert.deepEqual(idle.body, { code: 4927, message: `Meeting ${id} has not started.` });
    assert.equal((await events('meeting.live_streaming_started', id)).length, 0);
  });

  test('start, change the view, stop: started and stopped events with the custom service; the end stops a stream', async () => {
    const id = await meeting({ topic: 'Streamed' });
    assert.equal((await api.patch(`/v2/meetings/${id}/livestream`, target)).status, 204);
    await start(id);
    assert.equal((await status(id, { action: 'start', settings: { display_name: 'Town hall', active_speaker_name: true } })).status, 204);
    assert.equal((await status(id, { action: 'start' })).status, 204, 'starting a running stream changes nothing');
    const [started] = await events('meeting.live_streaming_started', id);
    assert.equal(started!.object.live_streaming.service, 'Custom_Live_Streaming_Service');
    assert.deepEqual(started!.object.live_streaming.custom_live_streaming_settings, target);
    assert.equal((await events('meeting.live_streaming_started', id)).length, 1);
    assert.equal((await status(id, { action: 'mode', settings: { layout: 'gallery_view' } })).status, 204);
    assert.equal((await status(id, { action: 'stop' })).status, 204);
    assert.equal((await events('meeting.live_streaming_stopped', id)).length, 1);
    const mode = await status(id, { action: 'mode', settings: { layout: 'speaker_view' } });
    assert.equal(mode.status, 400, 'no view to change once stopped');
    assert.equal((await status(id, { action: 'start' })).status, 204);
    assert.equal((await end(id)).status, 204);
    assert.equal((await events('meeting.live_streaming_stopped', id)).length, 2, 'the end stopped the second stream');
  });
});

describe('In-meeting controls (PATCH /live_meetings/{meetingId}/events)', () => {
  const control = (id: string, body: unknown, client = api) => client.patch(`/v2/live_meetings/${id}/events`, body);

  test('invitations, call-outs, the waiting room text and AI Companion are kept with the instance; bad params answer 300/1001', async () => {
    const id = await meeting();
    const guest = await newUser(2);
    await start(id);
    assert.equal((await control(id, { method: 'participant.invite', params: { contacts: [{ email: guest.email }, { id: guest.id }] } })).status, 202);
    const unknown = await control(id, { method: 'participant.invite', params: { contacts: [{ email: 'nobody@nowhere.example.com' }] } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 1001);
    assert.equal((await control(id, { method: 'participant.invite', params: { contacts: [] } })).body.code, 300);
    assert.equal((await control(id, { method: 'participant.invite.callout', params: { invitee_name: 'Phone' } })).body.code, 300);
    assert.equal((await control(id, { method: 'participant.invite.callout', params: { invitee_name: 'Phone', phone_number: '+15550100' } })).status, 202);
    assert.equal((await control(id, { method: 'waiting_room.update', params: { waiting_room_title: 'Hold on' } })).status, 202);
    assert.equal((await control(id, { method: 'ai_companion.start' })).status, 202);
    assert.equal((await control(id, { method: 'ai_companion.stop' })).status, 202);
    assert.equal((await control(id, { method: 'teleport' })).body.code, 300);
    assert.equal((await control(id, {})).body.code, 300);
    const rows = await s.db.all<{ data: string }>('SELECT data FROM live_instances WHERE account_id = ? AND session_id = ?', [L.accountId, id]);
    const data = JSON.parse(rows[0]!.data);
    assert.deepEqual(data.invitations.map((x: { method: string; to: string }) => [x.method, x.to]), [
      ['participant.invite', guest.id],
      ['participant.invite', guest.id],
      ['participant.invite.callout', '+15550100'],
    ]);
    assert.equal(data.waiting_room_title, 'Hold on');
    const ai = await s.db.all<{ ended_at: string | null }>("SELECT ended_at FROM live_intervals WHERE account_id = ? AND kind = 'ai_companion'", [L.accountId]);
    assert.equal(ai.length, 1);
    assert.ok(ai[0]!.ended_at);
    await end(id);
  });

  test("an unknown or another account's meeting answers 404/3001; a free account cannot record through the API", async () => {
    const unknown = await control('99999999999', { method: 'recording.start' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 3001);
    const id = await meeting();
    await start(id);
    const other = await liveAccount(s);
    const theirs = await control(id, { method: 'recording.start' }, other.api);
    assert.equal(theirs.status, 404);
    assert.equal(theirs.body.code, 3001);
    assert.equal((await s.client.get(`/_openzoom/meetings/${id}/live`)).body.recording, 'off');
    await end(id);
    const free = await liveAccount(s, 'free');
    const freeMeeting = await free.meeting();
    await free.start(freeMeeting);
    const refused = await control(freeMeeting, { method: 'recording.start' }, free.api);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 300);
    assert.match(refused.body.message, /not available for this account/);
    await free.end(freeMeeting);
  });
});

describe('Basic hosts: 40 minutes with 3+ participants, on the server clock', () => {
  test('ends at 40 minutes once three are in; two alone are not limited; a Licensed host is not limited', async () => {
    const basic = await newUser(1);
    const licensed = await newUser(2);
    const limited = await meeting({}, basic.id);
    const pair = await meeting({}, basic.id);
    const paid = await meeting({}, licensed.id);
    for (const id of [limited, pair, paid]) {
      await start(id);
      await join(id, 'Second');
    }
    await join(limited, 'Third');
    await join(paid, 'Third');
    const live = await s.client.get(`/_openzoom/meetings/${limited}/live`);
    assert.ok(live.body.ends_at, live.raw);
    await s.client.post('/_openzoom/clock', { advance_seconds: 39 * 60 });
    assert.equal((await api.get(`/v2/meetings/${limited}`)).body.status, 'started');
    await s.client.post('/_openzoom/clock', { advance_seconds: 2 * 60 });
    assert.equal((await api.get(`/v2/meetings/${limited}`)).body.status, 'waiting');
    assert.equal((await api.get(`/v2/meetings/${pair}`)).body.status, 'started');
    assert.equal((await api.get(`/v2/meetings/${paid}`)).body.status, 'started');
    const [ended] = await events('meeting.ended', limited);
    const [started] = await events('meeting.started', limited);
    assert.equal(Date.parse(ended!.object.end_time) - Date.parse(started!.object.start_time), 40 * 60 * 1000);
    const left = await events('meeting.participant_left', limited);
    assert.ok(left.length === 3 && left.every((e) => e.object.participant.leave_reason === 'Exceeded free meeting minutes limit.'));
    const past = await api.get(`/v2/past_meetings/${limited}`);
    assert.equal(past.body.duration, 40);
    for (const id of [pair, paid]) await end(id);
  });

  test('a third participant joining after 40 minutes ends the meeting at that moment', async () => {
    const basic = await newUser(1);
    const id = await meeting({}, basic.id);
    await start(id);
    await join(id, 'Second');
    await s.client.post('/_openzoom/clock', { advance_seconds: 45 * 60 });
    api = L.api = await s.client.withCredentials(...L.credentials);
    await join(id, 'Late third');
    await s.client.post('/_openzoom/clock', { advance_seconds: 1 });
    assert.equal((await api.get(`/v2/meetings/${id}`)).body.status, 'waiting');
    const [ended] = await events('meeting.ended', id);
    const [started] = await events('meeting.started', id);
    // The join came 45 minutes (and the few milliseconds the requests took) after the start.
    const lasted = Date.parse(ended!.object.end_time) - Date.parse(started!.object.start_time);
    assert.ok(lasted >= 45 * 60 * 1000 && lasted <= 45 * 60 * 1000 + 2000, String(lasted));
  });
});

describe('Races', () => {
  test('eight starts at once make one instance and one meeting.started; twelve joins at once are twelve participants with their own ids', async () => {
    const id = await meeting();
    const starts = await Promise.all(Array.from({ length: 8 }, () => control(`${id}/start`)));
    assert.deepEqual(starts.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(new Set(starts.map((r) => r.body.uuid)).size, 1);
    assert.equal((await events('meeting.started', id)).length, 1);
    const joins = await Promise.all(Array.from({ length: 12 }, (_, n) => control(`${id}/participants`, { name: `P${n}`, email: `p${n}@guest.example.com` })));
    assert.ok(joins.every((r) => r.status === 201), joins.map((r) => r.raw).join('\n'));
    assert.equal(new Set(joins.map((r) => r.body.participant_id)).size, 12);
    assert.equal(new Set(joins.map((r) => r.body.user_id)).size, 12);
    const live = await s.client.get(`/_openzoom/meetings/${id}/live`);
    assert.equal(live.body.participants.length, 13);
    await end(id);
    const past = await api.get(`/v2/past_meetings/${id}/participants?page_size=300`);
    assert.equal(past.body.total_records, 13);
  });
});
