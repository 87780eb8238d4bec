// Live webinars on the control plane (practice session, panelists and attendees,
// registration and capacity at join, Q&A, raised hands, poll answers, the end)
// and past webinars (instances, participants, absentees, poll results, Q&A).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;


before(async () => {
  s = await startServer();
  a = await webinarAccount(s, [{ capacity: 500, quantity: 5 }]);

});
after(() => s.close());

const join = async (id: string, body: Record<string, unknown>) => {
  const r = await a.control(`${id}/participants`, body);
  assert.equal(r.status, 201, r.raw);
  return r.body as Record<string, any>;
};

describe('A live webinar', () => {
  test('practice session: panelists join, attendees wait; going live lets them in; Q&A, hands, polls; the end; past webinar', async () => {
    const w = await a.webinar({ settings: { practice_session: true, approval_type: 0 } });
    const id = String(w.id);
    await a.api.post(`/v2/webinars/${id}/panelists`, { panelists: [{ name: 'Pat', email: 'pat@panel.example.com' }] });
    const reg = await a.api.post(`/v2/webinars/${id}/registrants`, { first_name: 'Ann', email: 'ann@guest.example.com' });
    const absent = await a.api.post(`/v2/webinars/${id}/registrants`, { first_name: 'Abe', email: 'abe@guest.example.com' });
    assert.equal(absent.status, 201);
    const poll = await a.api.post(`/v2/webinars/${id}/polls`, { title: 'Mood', questions: [{ name: 'How?', type: 'single', answers: ['Good', 'Bad'] }] });

    const start = await a.control(`${id}/start`, { practice_session: true });
    assert.equal(start.status, 201, start.raw);
    const panelist = await join(id, { name: 'Pat', email: 'pat@panel.example.com', role: 'panelist' });
    assert.equal(panelist.role, 'panelist');
    assert.equal(panelist.status, 'in_meeting');
    const notPanelist = await a.control(`${id}/participants`, { name: 'Eve', email: 'eve@x.example.com', role: 'panelist' });
    assert.equal(notPanelist.status, 400);
    const unregistered = await a.control(`${id}/participants`, { name: 'Eve', email: 'eve@x.example.com' });
    assert.equal(unregistered.status, 400, 'registration is required');
    const ann = await join(id, { name: 'Ann', email: 'ann@guest.example.com', registrant_id: reg.body.registrant_id });
    assert.equal(ann.role, 'attendee');
    assert.equal(ann.status, 'in_waiting_room', 'attendees wait during the practice session');
    const early = await a.control(`${id}/questions`, { participant_id: ann.participant_id, question: 'Can you hear me?' });
    assert.equal(early.status, 400);

    const live = await a.control(`${id}/start`, { practice_session: false });
    assert.equal(live.status, 200, live.raw);
    const annNow = live.body.participants.find((p: any) => p.participant_id === ann.participant_id);
    assert.equal(annNow.status, 'in_meeting');
    const joined = (await a.events('webinar.participant_joined')).filter((e) => e.object.id === id);
    assert.ok(joined.some((e) => e.object.participant.participant_uuid === ann.participant_id));

    const hand = await a.control(`${id}/participants/${ann.participant_id}/raise_hand`);
    assert.equal(hand.status, 200, hand.raw);
    assert.equal(hand.body.hand_raised, true);
    assert.equal((await a.control(`${id}/participants/${ann.participant_id}/lower_hand`)).body.hand_raised, false);

    const q1 = await a.control(`${id}/questions`, { participant_id: ann.participant_id, question: 'When is the release?' });
    assert.equal(q1.status, 201, q1.raw);
    const q2 = await a.control(`${id}/questions`, { participant_id: ann.participant_id, question: 'Secret?', anonymous: true });
    assert.equal(q2.status, 201);
    const byPanelist = await a.control(`${id}/questions/${q1.body.question_id}/answers`, { answer: 'In May.', participant_id: panelist.participant_id });
    assert.equal(byPanelist.status, 201, byPanelist.raw);
    assert.equal(byPanelist.body.status, 'answered');
    const byAttendee = await a.control(`${id}/questions/${q2.body.question_id}/answers`, { answer: 'Me!', participant_id: ann.participant_id });
    assert.equal(byAttendee.status, 400, 'attendees do not answer');
    assert.equal((await a.control(`${id}/questions/${q2.body.question_id}/dismiss`)).body.status, 'dismissed');
    const empty = await a.control(`${id}/questions`, { participant_id: ann.participant_id, question: '' });
    assert.equal(empty.status, 400);

    const answered = await a.control(`${id}/polls/${poll.body.id}/answers`, { participant_id: ann.participant_id, answers: [{ question: 'How?', answer: 'Good' }] });
    assert.equal(answered.status, 201, answered.raw);

    const end = await a.api.put(`/v2/webinars/${id}/status`, { action: 'end' });
    assert.equal(end.status, 204, end.raw);
    const ended = (await a.events('webinar.ended')).find((e) => e.object.id === id);
    assert.ok(ended, 'webinar.ended');
    assert.equal(ended.object.practice_session, false);
    assert.ok((await a.events('webinar.started')).some((e) => e.object.id === id));
    assert.ok((await a.events('webinar.participant_left')).some((e) => e.object.id === id));

    const instances = await a.api.get(`/v2/past_webinars/${id}/instances`);
    assert.equal(instances.status, 200, instances.raw);
    assert.equal(instances.body.webinars.length, 1);
    const parts = await a.api.get(`/v2/past_webinars/${id}/participants`);
    assert.equal(parts.status, 200, parts.raw);
    assert.ok(parts.body.participants.some((p: any) => p.name === 'Ann' && p.status === 'in_meeting'));
    const absentees = await a.api.get(`/v2/past_webinars/${id}/absentees`);
    assert.equal(absentees.status, 200, absentees.raw);
    assert.deepEqual(absentees.body.registrants.map((r: any) => r.email), ['abe@guest.example.com']);
    const polls = await a.api.get(`/v2/past_webinars/${id}/polls`);
    assert.equal(polls.body.questions[0].question_details[0].answer, 'Good');
    const qa = await a.api.get(`/v2/past_webinars/${encodeURIComponent(instances.body.webinars[0].uuid)}/qa`);
    assert.equal(qa.status, 200, qa.raw);
    const named = qa.body.questions.find((q: any) => q.name === 'Ann');
    assert.deepEqual(named.question_details, [{ question: 'When is the release?', answer: 'In May.' }]);
    assert.ok(qa.body.questions.some((q: any) => q.name === 'Anonymous Attendee' && q.email === ''));
  });

  test('a webinar without registration: absentees answer 3000; past data needs an ended instance of this account', async () => {
    const small = await webinarAccount(s, [{ capacity: 500, quantity: 1 }]);
    const w = await small.webinar();
    const id = String(w.id);
    assert.equal((await small.control(`${id}/start`)).status, 201);
    const r = await small.control(`${id}/participants`, { name: 'Zed', email: 'zed@guest.example.com' });
    assert.equal(r.status, 201, r.raw);
    assert.equal((await small.api.put(`/v2/webinars/${id}/status`, { action: 'end' })).status, 204);
    const absentees = await small.api.get(`/v2/past_webinars/${id}/absentees`);
    assert.equal(absentees.status, 400);
    assert.equal(absentees.body.code, 3000);
    const never = await small.webinar();
    const none = await small.api.get(`/v2/past_webinars/${never.id}/participants`);
    assert.equal(none.status, 404);
    const foreign = await a.api.get(`/v2/past_webinars/${id}/instances`);
    assert.equal(foreign.status, 404, 'another account\'s webinar is unknown');
  });

  test('attendees beyond the host\'s licence capacity are refused at join; panelists do not count', async () => {
    const small = await webinarAccount(s, [{ capacity: 500, quantity: 2 }]);
    const host = await small.newUser(false);
    // A 100-seat licence (Zoom's feature value 16) from the account's plan.
    assert.equal((await small.api.patch(`/v2/users/${host.id}/settings`, { feature: { webinar: true, webinar_capacity: 100 } })).status, 204);
    assert.equal((await small.api.get(`/v2/users/${host.id}/settings`)).body.feature.webinar_capacity, 100);
    const w = await small.webinar({}, host.id);
    await small.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: [{ name: 'Pat', email: 'pat@panel.example.com' }] });
    assert.equal((await small.control(`${w.id}/start`)).status, 201);
    for (let n = 0; n < 100; n++) {
      const r = await small.control(`${w.id}/participants`, { name: `A${n}`, email: `a${n}@guest.example.com` });
      assert.equal(r.status, 201, r.raw);
    }
    const full = await small.control(`${w.id}/participants`, { name: 'Late', email: 'late@guest.example.com' });
    assert.equal(full.status, 400);
    assert.match(full.body.message, /maximum capacity of 100 attendees/);
    const panelist = await small.control(`${w.id}/participants`, { name: 'Pat', email: 'pat@panel.example.com', role: 'panelist' });
    assert.equal(panelist.status, 201, panelist.raw);
  });

  test('a practice session needs the webinar\'s setting; an unknown webinar answers 404', async () => {
    const w = await a.webinar();
    const r = await a.control(`${w.id}/start`, { practice_session: true });
    assert.equal(r.status, 400);
    assert.equal((await a.control('99999999999/start')).status, 404);
    assert.equal((await a.control(`${w.id}/start`, { practice_session: 'yes' })).status, 400);
  });
});
