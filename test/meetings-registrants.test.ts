// Meeting registrants and registration questions, and meeting polls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestClient } from './helpers/client.ts';
import { assertValidEvent, eventsSince } from './helpers/events.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let api: TestClient;
let ownerId: string;
let accountId: string;

before(async () => {
  // A public-looking base URL: Zoom's schemas check join links with the `url` format, which refuses loopback hosts.
  s = await startServer({ baseUrl: 'https://zoom.example.com' });
  const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
  ownerId = acct.body.owner_id;
  accountId = acct.body.account_id;
  api = await s.client.withCredentials(accountId, acct.body.client_id, acct.body.client_secret);
});
after(() => s.close());

const future = '2031-03-01T10:00:00Z';
async function meeting(body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const r = await api.post(`/v2/users/${ownerId}/meetings`, { start_time: future, ...body });
  assert.equal(r.status, 201, r.raw);
  return r.body;
}
/** The account's events of that name (their payloads), each checked against Zoom's catalogue as delivered. */
async function events(name: string): Promise<Array<Record<string, any>>> {
  const all = (await eventsSince(s, { after: '' }, accountId)).filter((e) => e.event === name);
  for (const e of all) assertValidEvent(e);
  return all.map((e) => e.payload as Record<string, any>);
}

describe('Registrants', () => {
  test('registration off (approval_type 2, the default) answers 300 "Registration has not been enabled"', async () => {
    const m = await meeting();
    const r = await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'Ann', email: 'ann@example.com' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
    assert.equal(r.body.message, `Registration has not been enabled for this meeting: ${m.id}.`);
  });

  test('automatic approval (0): approved at once, a personal join_url with tk, meeting.registration_created', async () => {
    const m = await meeting({ settings: { approval_type: 0 } });
    assert.match(m.registration_url, new RegExp(`/meeting/register/${m.id}$`));
    const r = await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'Ann', last_name: 'Lee', email: 'Ann@Example.com' });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.id, m.id);
    assert.equal(r.body.topic, m.topic);
    assert.equal(r.body.start_time, future);
    assert.match(r.body.join_url, new RegExp(`/w/${m.id}\\?tk=[A-Za-z0-9_-]+&pwd=${m.encrypted_password}$`));
    const got = await api.get(`/v2/meetings/${m.id}/registrants/${r.body.registrant_id}`);
    assert.equal(got.body.status, 'approved');
    assert.equal(got.body.email, 'ann@example.com');
    assert.equal(got.body.join_url, r.body.join_url);
    assert.equal(got.body.participant_pin_code, r.body.participant_pin_code);
    // The same email again answers the same registrant.
    const again = await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'Ann', email: 'ann@example.com' });
    assert.equal(again.body.registrant_id, r.body.registrant_id);
    const ev = (await events('meeting.registration_created')).filter((e) => e.object.id === m.id);
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.object.registrant.id, r.body.registrant_id);
    assert.equal(ev[0]!.object.registrant.status, 'approved');
  });

  test('manual approval (1): pending unless auto_approve; list by status; approve, deny, cancel with their events', async () => {
    const m = await meeting({ settings: { approval_type: 1 } });
    const a = (await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'A', email: 'a@example.com' })).body;
    const b = (await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'B', email: 'b@example.com' })).body;
    const c = (await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'C', email: 'c@example.com', auto_approve: true })).body;
    // Sorted: registrations within the same millisecond have no order of their own.
    const list = async (status: string) => (await api.get(`/v2/meetings/${m.id}/registrants?status=${status}`)).body.registrants.map((r: any) => r.id).sort();
    assert.deepEqual(await list('pending'), [a.registrant_id, b.registrant_id].sort());
    assert.deepEqual(await list('approved'), [c.registrant_id]);
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/registrants`)).body.registrants.map((r: any) => r.id), [c.registrant_id], 'approved by default');

    assert.equal((await api.put(`/v2/meetings/${m.id}/registrants/status`, { action: 'approve', registrants: [{ id: a.registrant_id }] })).status, 204);
    assert.equal((await api.put(`/v2/meetings/${m.id}/registrants/status`, { action: 'deny', registrants: [{ email: 'b@example.com' }] })).status, 204);
    assert.equal((await api.put(`/v2/meetings/${m.id}/registrants/status`, { action: 'cancel', registrants: [{ id: c.registrant_id }] })).status, 204);
    assert.deepEqual(await list('approved'), [a.registrant_id]);
    assert.deepEqual(await list('denied'), [b.registrant_id, c.registrant_id].sort());
    assert.ok((await events('meeting.registration_approved')).some((e) => e.object.registrant.id === a.registrant_id && e.object.registrant.join_url));
    assert.ok((await events('meeting.registration_denied')).some((e) => e.object.registrant.id === b.registrant_id));
    assert.ok((await events('meeting.registration_cancelled')).some((e) => e.object.registrant.id === c.registrant_id));
    // Cancelling a denied one is no transition; an unknown registrant is refused; nothing changes.
    const bad = await api.put(`/v2/meetings/${m.id}/registrants/status`, { action: 'cancel', registrants: [{ id: b.registrant_id }] });
    assert.equal(bad.body.code, 300);
    const unknown = await api.put(`/v2/meetings/${m.id}/registrants/status`, { action: 'approve', registrants: [{ id: a.registrant_id }, { id: 'nobody' }] });
    assert.equal(unknown.body.code, 300);
    assert.deepEqual(await list('approved'), [a.registrant_id]);
  });

  test('questions: required standard fields and custom questions are enforced; single-choice answers must be choices', async () => {
    const m = await meeting({ settings: { approval_type: 0 } });
    const q = {
      questions: [{ field_name: 'last_name', required: true }, { field_name: 'org', required: false }],
      custom_questions: [
        { title: 'Why?', type: 'short', required: true },
        { title: 'Track', type: 'single', required: false, answers: ['Dev', 'Ops'] },
      ],
    };
    assert.equal((await api.patch(`/v2/meetings/${m.id}/registrants/questions`, q)).status, 204);
    assert.deepEqual((await api.get(`/v2/meetings/${m.id}/registrants/questions`)).body, q);
    const missing = await api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'X', email: 'x@example.com' });
    assert.equal(missing.body.code, 300);
    assert.deepEqual(missing.body.errors.map((e: any) => e.field).sort(), ['custom_questions', 'last_name']);
    const wrong = await api.post(`/v2/meetings/${m.id}/registrants`, {
      first_name: 'X', last_name: 'Y', email: 'x@example.com', custom_questions: [{ title: 'Why?', value: 'Fun' }, { title: 'Track', value: 'Sales' }],
    });
    assert.equal(wrong.body.code, 300);
    const ok = await api.post(`/v2/meetings/${m.id}/registrants`, {
      first_name: 'X', last_name: 'Y', email: 'x@example.com', custom_questions: [{ title: 'Why?', value: 'Fun' }, { title: 'Track', value: 'Ops' }],
    });
    assert.equal(ok.status, 201, ok.raw);
    assert.equal((await api.get(`/v2/meetings/${m.id}/registrants`)).body.total_records, 1);
    const badQ = await api.patch(`/v2/meetings/${m.id}/registrants/questions`, { questions: [{ field_name: 'org', required: true }, { field_name: 'org', required: false }] });
    assert.equal(badQ.body.code, 300);
    const noChoices = await api.patch(`/v2/meetings/${m.id}/registrants/questions`, { custom_questions: [{ title: 'Pick', type: 'single', required: true }] });
    assert.equal(noChoices.body.code, 300);
  });

  test('batch registration: type 2 only (303), at most 30, auto_approve', async () => {
    const m = await meeting({ settings: { approval_type: 1 } });
    const entries = Array.from({ length: 3 }, (_, i) => ({ first_name: `B${i}`, email: `batch${i}@example.com` }));
    const r = await api.post(`/v2/meetings/${m.id}/batch_registrants`, { auto_approve: true, registrants: entries });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.registrants.length, 3);
    assert.equal((await api.get(`/v2/meetings/${m.id}/registrants?status=approved`)).body.total_records, 3);
    const tooMany = await api.post(`/v2/meetings/${m.id}/batch_registrants`, {
      registrants: Array.from({ length: 31 }, (_, i) => ({ first_name: 'T', email: `t${i}@example.com` })),
    });
    assert.equal(tooMany.body.code, 300);
    const series = await meeting({ type: 8, recurrence: { type: 1, end_times: 2 }, settings: { approval_type: 0 } });
    const notType2 = await api.post(`/v2/meetings/${series.id}/batch_registrants`, { registrants: entries });
    assert.equal(notType2.body.code, 303);
    const off = await meeting();
    const offR = await api.post(`/v2/meetings/${off.id}/batch_registrants`, { registrants: entries });
    assert.equal(offR.body.code, 404);
    assert.equal(offR.status, 400);
  });

  test('recurring: registration_type 3 picks occurrences; list by occurrence; delete one occurrence, then the registrant', async () => {
    const m = await meeting({ type: 8, recurrence: { type: 1, end_times: 3 }, settings: { approval_type: 0, registration_type: 3 } });
    const [o1, o2, o3] = m.occurrences.map((o: any) => o.occurrence_id);
    const r = await api.post(`/v2/meetings/${m.id}/registrants?occurrence_ids=${o1},${o3}`, { first_name: 'R', email: 'r@example.com' });
    assert.equal(r.status, 201, r.raw);
    assert.deepEqual(r.body.occurrences.map((o: any) => o.occurrence_id), [o1, o3]);
    const of = async (o: string) => (await api.get(`/v2/meetings/${m.id}/registrants?occurrence_id=${o}`)).body.total_records;
    assert.deepEqual([await of(o1), await of(o2), await of(o3)], [1, 0, 1]);
    assert.equal((await api.post(`/v2/meetings/${m.id}/registrants?occurrence_ids=123`, { first_name: 'R', email: 'q@example.com' })).body.code, 300);
    assert.equal((await api.delete(`/v2/meetings/${m.id}/registrants/${r.body.registrant_id}?occurrence_id=${o1}`)).status, 204);
    assert.deepEqual([await of(o1), await of(o3)], [0, 1]);
    assert.equal((await api.delete(`/v2/meetings/${m.id}/registrants/${r.body.registrant_id}`)).status, 204);
    const gone = await api.get(`/v2/meetings/${m.id}/registrants/${r.body.registrant_id}`);
    assert.equal(gone.status, 400);
    assert.equal(gone.body.code, 300);
  });

  test('the same email registered by racing requests: one registrant, every answer names it', async () => {
    const m = await meeting({ settings: { approval_type: 0 } });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.post(`/v2/meetings/${m.id}/registrants`, { first_name: 'Race', email: 'race@example.com' })),
    );
    for (const r of answers) assert.equal(r.status, 201, r.raw);
    assert.equal(new Set(answers.map((r) => r.body.registrant_id)).size, 1);
    assert.equal((await api.get(`/v2/meetings/${m.id}/registrants`)).body.total_records, 1);
  });

  test('a meeting that is over takes no registrants (3038); a full one answers 3043', async () => {
    const over = await meeting({ start_time: '2001-01-01T10:00:00Z', settings: { approval_type: 0 } });
    const r = await api.post(`/v2/meetings/${over.id}/registrants`, { first_name: 'L', email: 'late@example.com' });
    assert.equal(r.body.code, 3038);
    const full = await meeting({ settings: { approval_type: 0 } });
    await s.db.run(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
       INSERT INTO registrants (account_id, id, owner_kind, owner_id, email, status, created_at, occurrence_ids, join_token, data)
       SELECT ?, 'bulk' || i, 'meeting', ?, 'bulk' || i || '@example.com', 'approved', '2030-01-01T00:00:00Z', '', 'tk' || i || ?, '{"first_name":"B","email":"b@example.com","participant_pin_code":1}' FROM n`,
      [accountId, String(full.id), String(full.id)],
    );
    const capped = await api.post(`/v2/meetings/${full.id}/registrants`, { first_name: 'L', email: 'last@example.com' });
    assert.equal(capped.status, 400);
    assert.equal(capped.body.code, 3043);
  });
});

describe('Polls', () => {
  const single = { name: 'Best day?', type: 'single', answers: ['Mon', 'Fri'] };
  test('create, list, get, update, delete a poll', async () => {
    const m = await meeting();
    const r = await api.post(`/v2/meetings/${m.id}/polls`, { title: 'Quick', questions: [single] });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.status, 'notstart');
    assert.equal(r.body.poll_type, 1);
    const list = await api.get(`/v2/meetings/${m.id}/polls`);
    assert.equal(list.body.total_records, 1);
    assert.equal((await api.get(`/v2/meetings/${m.id}/polls/${r.body.id}`)).body.title, 'Quick');
    assert.equal((await api.put(`/v2/meetings/${m.id}/polls/${r.body.id}`, { title: 'Renamed' })).status, 204);
    const got = (await api.get(`/v2/meetings/${m.id}/polls/${r.body.id}`)).body;
    assert.equal(got.title, 'Renamed');
    assert.equal(got.questions[0].name, 'Best day?');
    assert.equal((await api.delete(`/v2/meetings/${m.id}/polls/${r.body.id}`)).status, 204);
    const gone = await api.get(`/v2/meetings/${m.id}/polls/${r.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 404);
  });

  test('every question type keeps its rules', async () => {
    const m = await meeting();
    const ok = await api.post(`/v2/meetings/${m.id}/polls`, {
      title: 'Quiz',
      poll_type: 3,
      questions: [
        { name: 'Pick', type: 'single', answers: ['a', 'b'], right_answers: ['a'] },
        { name: 'Pick many', type: 'multiple', answers: ['a', 'b', 'c'], right_answers: ['a', 'c'] },
        { name: 'Match', type: 'matching', answers: ['1', '2'], prompts: [{ prompt_question: 'one', prompt_right_answers: ['1'] }, { prompt_question: 'two', prompt_right_answers: ['2'] }] },
        { name: 'Order', type: 'rank_order', answers: ['x', 'y'], prompts: [{ prompt_question: 'first', prompt_right_answers: ['x'] }, { prompt_question: 'second', prompt_right_answers: ['y'] }] },
        { name: 'Say', type: 'short_answer', answer_min_character: 2, answer_max_character: 100 },
        { name: 'Tell', type: 'long_answer' },
        { name: 'The sky is [blank]', type: 'fill_in_the_blank', right_answers: ['blue'] },
        { name: 'Rate', type: 'rating_scale', rating_min_value: 0, rating_max_value: 10, rating_min_label: 'bad', rating_max_label: 'good' },
      ],
    });
    assert.equal(ok.status, 201, ok.raw);
    const bad: Array<[Record<string, unknown>, string]> = [
            [{ title: 'P', questions: [{ name: 'Q', type: 'rating_scale' }] }, 'questions.0.type'],
      [{ title: 'P', poll_type: 3, questions: [{ name: 'Q', type: 'single', answers: ['a', 'b'] }] }, 'questions.0.right_answers'],
      [{ title: 'P', questions: [{ name: 'Q', type: 'single', answers: ['a', 'b'], right_answers: ['c'] }] }, 'questions.0.right_answers'],
      [{ title: 'P', poll_type: 2, questions: [{ name: 'Q', type: 'matching', answers: ['a', 'b'], prompts: [{ prompt_question: 'p' }] }] }, 'questions.0.prompts'],
      [{ title: 'P', poll_type: 2, questions: [{ name: 'Q', type: 'short_answer', answer_min_character: 50, answer_max_character: 10 }] }, 'questions.0.answer_max_character'],
      [{ title: 'P', poll_type: 2, questions: [{ name: 'Q', type: 'short_answer', answer_max_character: 501 }] }, 'questions.0.answer_max_character'],
      [{ title: 'P', poll_type: 2, questions: [{ name: 'Q', type: 'rating_scale', rating_min_value: 1, rating_max_value: 1 }] }, 'questions.0.rating_max_value'],
      [{ title: 'P', poll_type: 2, questions: [{ name: 'Q', type: 'fill_in_the_blank' }] }, 'questions.0.right_answers'],
      [{ title: 'P', questions: [] }, 'questions'],
    ];
    for (const [body, field] of bad) {
      const r = await api.post(`/v2/meetings/${m.id}/polls`, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.code, 300);
      assert.ok(r.body.errors.some((e: any) => e.field === field), `${JSON.stringify(body)} → ${r.raw}`);
    }
    assert.equal((await api.get(`/v2/meetings/${m.id}/polls`)).body.total_records, 1);
  });

  test('batch creation, the 50-poll cap, and polling disabled in the host settings (4400)', async () => {
    const m = await meeting();
    const polls = Array.from({ length: 50 }, (_, i) => ({ title: `P${i}`, questions: [single] }));
    for (const chunk of [polls.slice(0, 25), polls.slice(25)]) {
      const r = await api.post(`/v2/meetings/${m.id}/batch_polls`, { polls: chunk });
      assert.equal(r.status, 201, r.raw);
      assert.equal(r.body.polls.length, 25);
    }
    const over = await api.post(`/v2/meetings/${m.id}/polls`, { title: 'One more', questions: [single] });
    assert.equal(over.body.code, 4400);
    const host = (await api.post('/v2/users', { action: 'custCreate', user_info: { email: 'nopoll@example.com', type: 2 } })).body.id;
    assert.equal((await api.patch(`/v2/users/${host}/settings`, { in_meeting: { polling: false } })).status, 204);
    const hm = (await api.post(`/v2/users/${host}/meetings`, {})).body;
    const off = await api.post(`/v2/meetings/${hm.id}/polls`, { title: 'No', questions: [single] });
    assert.equal(off.status, 400);
    assert.equal(off.body.code, 4400);
  });
});
