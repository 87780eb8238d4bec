// Meeting Q&A: the control plane's Q&A routes serve meetings whose
// `settings.question_and_answer.enable` is on (off by default), and the Q&A
// report (reportMeetingQA) lists what was asked and answered; another
// account's meeting, a Member, the plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let account: { account_id: string; owner_id: string };

before(async () => {
  s = await startServer();
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  assert.equal(acct.status, 201, acct.raw);
  account = acct.body;
  api = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
});
after(() => s.close());

const meeting = async (settings: Record<string, unknown> = {}) => {
  const r = await api.post(`/v2/users/${account.owner_id}/meetings`, { topic: 'All hands', type: 2, start_time: '2031-01-10T10:00:00Z', duration: 60, settings: { waiting_room: false, ...settings } });
  assert.equal(r.status, 201, r.raw);
  return String(r.body.id);
};
const control = (id: string, path: string, body: Record<string, unknown> = {}) => s.client.post(`/_openzoom/meetings/${id}/${path}`, body);

describe('Meeting Q&A', () => {
  test('with Q&A on: attendees ask, the host answers; the report lists askers, questions, statuses and answers', async () => {
    const id = await meeting({ question_and_answer: { enable: true, allow_submit_questions: true, allow_anonymous_questions: true } });
    assert.equal((await control(id, 'start')).status, 201);
    const dee = await control(id, 'participants', { name: 'Dee Guest', email: 'dee@guest.example.com' });
    assert.equal(dee.status, 201, dee.raw);
    const pid = dee.body.participant_id;
    const q1 = await control(id, 'questions', { participant_id: pid, question: 'Is the deck online?' });
    assert.equal(q1.status, 201, q1.raw);
    const q2 = await control(id, 'questions', { participant_id: pid, question: 'Who decides?', anonymous: true });
    assert.equal(q2.status, 201, q2.raw);
    const q3 = await control(id, 'questions', { participant_id: pid, question: 'Lunch?' });
    const answered = await control(id, `questions/${q1.body.question_id}/answers`, { answer: 'Yes, on the wiki.', private: true });
    assert.equal(answered.status, 201, answered.raw);
    const byAttendee = await control(id, `questions/${q2.body.question_id}/answers`, { answer: 'Me', participant_id: pid });
    assert.equal(byAttendee.status, 400, 'attendees do not answer');
    const listed = await s.client.get(`/_openzoom/meetings/${id}/questions`);
    assert.equal(listed.body.questions.length, 3);
    assert.equal((await control(id, 'end')).status, 200);

    const r = await api.get(`/v2/report/meetings/${id}/qa`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.id, Number(id));
    const dees = r.body.questions.find((q: any) => q.name === 'Dee Guest');
    assert.equal(dees.email, 'dee@guest.example.com');
    assert.deepEqual(dees.question_details.map((d: any) => [d.question_id, d.question_status, d.answer]), [
      [q1.body.question_id, 'answered', 'Yes, on the wiki.'],
      [q3.body.question_id, 'open', ''],
    ]);
    assert.equal(dees.question_details[0].answer_details[0].type, 'host_answered_privately');
    const owner = await api.get(`/v2/users/${account.owner_id}`);
    assert.equal(dees.question_details[0].answer_details[0].email, owner.body.email);
    const anonymous = r.body.questions.find((q: any) => q.name === 'Anonymous Attendee');
    assert.deepEqual(anonymous.question_details.map((d: any) => d.question_status), ['open']);
  });

  test('Q&A off (the default): questions are refused; the report of its meeting is empty', async () => {
    const id = await meeting();
    assert.equal((await control(id, 'start')).status, 201);
    const p = await control(id, 'participants', { name: 'Eve Guest', email: 'eve@guest.example.com' });
    const refused = await control(id, 'questions', { participant_id: p.body.participant_id, question: 'Anyone?' });
    assert.equal(refused.status, 400, refused.raw);
    assert.match(refused.body.message, /Q&A is off for this meeting/);
    assert.equal((await control(id, 'end')).status, 200);
    const r = await api.get(`/v2/report/meetings/${id}/qa`);
    assert.equal(r.status, 200, r.raw);
    assert.deepEqual(r.body.questions, []);
  });

  test("another account's meeting, an unended one: 404/3001; a Member and a free account are refused", async () => {
    const id = await meeting({ question_and_answer: { enable: true } });
    assert.equal((await api.get(`/v2/report/meetings/${id}/qa`)).status, 404, 'not ended yet');
    assert.equal((await control(id, 'start')).status, 201);
    assert.equal((await control(id, 'end')).status, 200);
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const other = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const foreign = await other.get(`/v2/report/meetings/${id}/qa`);
    assert.equal(foreign.status, 404, foreign.raw);
    assert.equal(foreign.body.code, 3001);
    const member = await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'member@qa.example.com', type: 1 } });
    const token = await s.client.post('/_openzoom/tokens', { account_id: account.account_id, user_id: member.body.id });
    const refused = await s.client.withToken(token.body.access_token).get(`/v2/report/meetings/${id}/qa`);
    assert.equal(refused.status, 400, refused.raw);
    assert.equal(refused.body.code, 200);
    const free = await s.client.post('/_openzoom/accounts', { plan: 'free' });
    const freeApi = await s.client.withCredentials(free.body.account_id, free.body.client_id, free.body.client_secret);
    const paid = await freeApi.get(`/v2/report/meetings/${id}/qa`);
    assert.equal(paid.status, 400, paid.raw);
    assert.match(paid.body.message, /Only available for Paid account/);
  });
});
