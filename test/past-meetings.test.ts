// Past meetings: details, instances, participants (one record per stint, paged)
// and poll results of ended instances; meeting ids and UUIDs (single- and
// double-encoded, holding `/`); 404/3001 before any end and for other accounts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { liveAccount, type Live } from './helpers/live.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let L: Live;

before(async () => {
  s = await startServer();
  // Durations are asserted to the second: time moves only when a test moves it.
  await s.client.post('/_openzoom/clock', { freeze: true });
  L = await liveAccount(s);
});
after(() => s.close());

/** Moves the server clock, with a fresh token (tokens last an hour of it). */
async function advance(seconds: number): Promise<void> {
  await s.client.post('/_openzoom/clock', { advance_seconds: seconds });
  L.api = await s.client.withCredentials(...L.credentials);
}

function assert3001(r: { status: number; body: any; raw: string }) {
  assert.equal(r.status, 404, r.raw);
  assert.equal(r.body.code, 3001, r.raw);
}

describe('Before a meeting has ended once', () => {
  test('details, instances, participants and polls answer 404/3001 for a live, a never-started and an unknown meeting', async () => {
    const never = await L.meeting();
    const live = await L.meeting();
    const started = await L.start(live);
    for (const id of [never, live, '99999999999']) {
      for (const path of ['', '/instances', '/participants', '/polls']) assert3001(await L.api.get(`/v2/past_meetings/${id}${path}`));
    }
    const notEnded = await L.api.get(`/v2/past_meetings/${live}`);
    assert.equal(notEnded.body.message, 'Meeting ID is invalid or not end.');
    const byUuid = await L.api.get(`/v2/past_meetings/${encodeURIComponent(started.uuid)}`);
    assert3001(byUuid);
    assert.equal(byUuid.body.message, 'Meeting ID is invalid or not end.');
    await L.end(live);
    assert.equal((await L.api.get(`/v2/past_meetings/${live}`)).status, 200);
  });
});

describe('Get past meeting details (pastMeetingDetails) and instances (pastMeetings)', () => {
  test('the id names the last ended instance, a UUID its own; durations, counts and the host come from what happened', async () => {
    const id = await L.meeting({ topic: 'Retro' });
    const first = await L.start(id);
    await L.join(id, 'Alan');
    await advance(30 * 60);
    await L.end(id);
    await advance(3600);
    const second = await L.start(id);
    await advance(5 * 60 + 10);
    await L.end(id);

    const last = await L.api.get(`/v2/past_meetings/${id}`);
    assert.equal(last.status, 200, last.raw);
    assert.equal(last.body.uuid, second.uuid);
    assert.equal(last.body.id, Number(id));
    assert.equal(last.body.duration, 6);
    assert.equal(last.body.participants_count, 1);
    assert.equal(last.body.topic, 'Retro');
    assert.equal(last.body.type, 2);
    assert.equal(last.body.host_id, L.ownerId);
    assert.match(last.body.user_email, /@/);
    const one = await L.api.get(`/v2/past_meetings/${encodeURIComponent(first.uuid)}`);
    assert.equal(one.body.uuid, first.uuid);
    assert.equal(one.body.duration, 30);
    assert.equal(one.body.participants_count, 2);
    assert.equal(one.body.total_minutes, 60);
    assert.equal(Date.parse(one.body.end_time) - Date.parse(one.body.start_time), 30 * 60 * 1000);

    const instances = await L.api.get(`/v2/past_meetings/${id}/instances`);
    assert.equal(instances.status, 200, instances.raw);
    assert.deepEqual(
      instances.body.meetings.map((m: { uuid: string }) => m.uuid),
      [first.uuid, second.uuid],
    );
    assert.ok(instances.body.meetings.every((m: { start_time: string }) => /Z$/.test(m.start_time)));
  });

  test("UUIDs holding '/' and '+': single- and double-encoded answer, un-encoded answer 404/3001", async () => {
    const id = await L.meeting();
    for (const uuid of ['ab/cd+efgh//ijklmnopqr==', '/bcdefghijklmnopqrstu+==']) {
      await L.start(id, { uuid });
      await L.end(id);
      for (const encoded of [encodeURIComponent(uuid), encodeURIComponent(encodeURIComponent(uuid))]) {
        for (const path of ['', '/participants', '/polls']) {
          const r = await L.api.get(`/v2/past_meetings/${encoded}${path}`);
          assert.equal(r.status, 200, `${encoded}${path}: ${r.raw}`);
          assert.equal(r.body.uuid ?? uuid, uuid);
        }
      }
      for (const path of ['', '/participants']) assert3001(await L.api.get(`/v2/past_meetings/${uuid}${path}`));
    }
  });

  test("another account's meeting ids and UUIDs answer 404/3001", async () => {
    const id = await L.meeting();
    const { uuid } = await L.start(id);
    await L.end(id);
    const other = await liveAccount(s);
    for (const ref of [id, encodeURIComponent(uuid)]) {
      for (const path of ['', '/participants', '/polls']) assert3001(await other.api.get(`/v2/past_meetings/${ref}${path}`));
    }
    assert3001(await other.api.get(`/v2/past_meetings/${id}/instances`));
  });

  test('free accounts: details and participants answer 400/200 (paid only); instances answer', async () => {
    const free = await liveAccount(s, 'free');
    const id = await free.meeting();
    await free.start(id);
    await free.end(id);
    for (const path of ['', '/participants']) {
      const r = await free.api.get(`/v2/past_meetings/${id}${path}`);
      assert.equal(r.status, 400, r.raw);
      assert.equal(r.body.code, 200);
    }
    assert.equal((await free.api.get(`/v2/past_meetings/${id}/instances`)).status, 200);
  });

  test("a user-level token reaches its own past meetings only (400/200 for another's)", async () => {
    const member = await L.newUser(2);
    const own = await L.meeting({}, member.id);
    const others = await L.meeting();
    for (const id of [own, others]) {
      await L.start(id);
      await L.end(id);
    }
    // Read (and kept) for the account first: the caller is still checked on every read.
    for (const path of ['', '/participants']) assert.equal((await L.api.get(`/v2/past_meetings/${others}${path}`)).status, 200);
    const token = await s.client.post('/_openzoom/tokens', { account_id: L.accountId, user_id: member.id, scopes: ['meeting:read', 'meeting:write'] });
    const mine = s.client.withToken(token.body.access_token);
    assert.equal((await mine.get(`/v2/past_meetings/${own}`)).status, 200);
    for (const path of ['', '/participants']) {
      const refused = await mine.get(`/v2/past_meetings/${others}${path}`);
      assert.equal(refused.status, 400, refused.raw);
      assert.equal(refused.body.code, 200);
    }
  });

  test('past meeting details are kept a year (400/12702 after)', async () => {
    const id = await L.meeting();
    await L.start(id);
    await L.end(id);
    await advance(366 * 24 * 3600);
    const r = await L.api.get(`/v2/past_meetings/${id}`);
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 12702);
    await s.client.post('/_openzoom/clock', { reset: true, freeze: true });
    L.api = await s.client.withCredentials(...L.credentials);
  });
});

describe('Get past meeting participants (pastMeetingParticipants)', () => {
  test('one record per stint (a rejoin and the waiting room are records of their own), durations, paging by next_page_token', async () => {
    const id = await L.meeting({ settings: { waiting_room: true } });
    await L.start(id);
    const a = await L.join(id, 'Ann');
    await L.control(`${id}/participants/${a.participant_id}/admit`);
    await advance(120);
    await L.control(`${id}/participants/${a.participant_id}/leave`);
    const again = await L.join(id, 'Ann');
    await advance(60);
    await L.control(`${id}/participants/${again.participant_id}/admit`);
    const waiter = await L.join(id, 'Never Admitted');
    await advance(60);
    await L.end(id);

    const all: Array<Record<string, any>> = [];
    let token = '';
    let pages = 0;
    do {
      const r = await L.api.get(`/v2/past_meetings/${id}/participants?page_size=2${token ? `&next_page_token=${token}` : ''}`);
      assert.equal(r.status, 200, r.raw);
      assert.equal(r.body.total_records, 6);
      all.push(...r.body.participants);
      token = r.body.next_page_token;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(
      all.slice(1).map((p) => [p.name, p.status]),
      [
        ['Ann', 'in_waiting_room'],
        ['Ann', 'in_meeting'],
        ['Ann', 'in_waiting_room'],
        ['Ann', 'in_meeting'],
        ['Never Admitted', 'in_waiting_room'],
      ],
    );
    assert.equal(all[0]!.id, L.ownerId);
    assert.equal(all[0]!.internal_user, true);
    assert.equal(all[2]!.duration, 120);
    assert.equal(all[2]!.id, '');
    assert.equal(all[4]!.duration, 60);
    assert.equal(all[5]!.duration, 60);
    assert.equal(all[5]!.user_email, 'neveradmitted@guest.example.com');
    assert.ok(all.every((p) => p.join_time <= p.leave_time));
    assert.equal(waiter.status, 'in_waiting_room');
  });
});

describe('Kept past meeting answers and pages', () => {
  const change = (sql: string, params: unknown[]) => s.db.transaction((tx) => tx.run(sql, params as never));

  test('details and a participants page follow a new ended instance, its participants, stints and row, and its removal', async () => {
    const id = await L.meeting({ topic: 'Kept past' });
    const first = await L.start(id);
    await L.join(id, 'First Guest');
    await advance(60);
    await L.end(id);
    const names = async () => {
      const r = await L.api.get(`/v2/past_meetings/${id}/participants`);
      assert.equal(r.status, 200, r.raw);
      return (r.body.participants as Array<{ name: string }>).map((p) => p.name).filter((n) => n.endsWith('Guest'));
    };
    const details = async () => (await L.api.get(`/v2/past_meetings/${id}`)).body;
    assert.deepEqual(await names(), ['First Guest']);
    assert.deepEqual(await names(), ['First Guest'], 'answered again');
    assert.equal((await details()).uuid, first.uuid);
    // Created: the number now names the instance that ended last.
    const second = await L.start(id);
    await L.join(id, 'Second Guest');
    assert.deepEqual(await names(), ['First Guest'], 'a live instance is not past');
    await advance(60);
    await L.end(id);
    assert.deepEqual(await names(), ['Second Guest']);
    assert.equal((await details()).uuid, second.uuid);
    // Updated: a participant, a stint and the instance's row of an ended instance.
    await change("UPDATE live_participants SET name = 'Renamed Guest' WHERE account_id = ? AND instance_uuid = ? AND name = 'Second Guest'", [L.accountId, second.uuid]);
    assert.deepEqual(await names(), ['Renamed Guest']);
    await change("DELETE FROM live_attendance WHERE account_id = ? AND instance_uuid = ? AND participant_id IN (SELECT id FROM live_participants WHERE account_id = ? AND instance_uuid = ? AND name = 'Renamed Guest')", [L.accountId, second.uuid, L.accountId, second.uuid]);
    assert.deepEqual(await names(), []);
    await change("UPDATE live_instances SET data = REPLACE(data, 'Kept past', 'Changed past') WHERE account_id = ? AND uuid = ?", [L.accountId, second.uuid]);
    assert.equal((await details()).topic, 'Changed past');
    // Deleted: the instance before answers again.
    await change('DELETE FROM live_instances WHERE account_id = ? AND uuid = ?', [L.accountId, second.uuid]);
    assert.equal((await details()).uuid, first.uuid);
    assert.deepEqual(await names(), ['First Guest']);
  });

  test('a kept answer and page turn 400/12702 the moment the year has passed', async () => {
    const id = await L.meeting();
    await L.start(id);
    await L.end(id);
    try {
      await advance(365 * 24 * 3600 - 10);
      assert.equal((await L.api.get(`/v2/past_meetings/${id}`)).status, 200);
      assert.equal((await L.api.get(`/v2/past_meetings/${id}/participants`)).status, 200);
      await advance(11);
      for (const path of ['', '/participants']) {
        const r = await L.api.get(`/v2/past_meetings/${id}${path}`);
        assert.equal(r.status, 400, r.raw);
        assert.equal(r.body.code, 12702);
      }
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true, freeze: true });
      L.api = await s.client.withCredentials(...L.credentials);
    }
  });
});

describe('Poll results (listPastMeetingPolls) from answers given live', () => {
  test('answers are checked against the poll, stored per participant and question, and listed after the end', async () => {
    const id = await L.meeting();
    const poll = await L.api.post(`/v2/meetings/${id}/polls`, {
      title: 'Lunch',
      questions: [
        { name: 'Where?', type: 'single', answers: ['Cafe', 'Canteen'], answer_required: true },
        { name: 'What?', type: 'multiple', answers: ['Soup', 'Salad', 'Pie'] },
      ],
    });
    assert.equal(poll.status, 201, poll.raw);
    const pollId = poll.body.id as string;
    const answer = (participant: string, answers: unknown, which = pollId) => L.control(`${id}/polls/${which}/answers`, { participant_id: participant, answers });
    const notLive = await answer('x', [{ question: 'Where?', answer: 'Cafe' }]);
    assert.equal(notLive.status, 400);
    await L.start(id);
    const ann = await L.join(id, 'Ann');
    const bob = await L.join(id, 'Bob');
    for (const [bad, field] of [
      [[{ question: 'Where?', answer: 'Moon' }], 'answers[0].answer'],
      [[{ question: 'Where?', answer: ['Cafe', 'Canteen'] }], 'answers[0].answer'],
      [[{ question: 'When?', answer: 'Noon' }], 'answers[0].question'],
      [[{ question: 'What?', answer: 'Soup' }], 'answers'],
      [[], 'answers'],
    ] as const) {
      const r = await answer(ann.participant_id, bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.equal(r.body.code, 300);
      assert.ok(r.body.errors.some((e: { field: string }) => e.field === field), r.raw);
    }
    assert.equal((await answer(ann.participant_id, [{ question: 'Where?', answer: 'Cafe' }], '999')).status, 400);
    assert.equal((await answer('nobody', [{ question: 'Where?', answer: 'Cafe' }])).status, 404);
    assert.equal((await answer(ann.participant_id, [{ question: 'Where?', answer: 'Canteen' }])).status, 201);
    const ok = await answer(ann.participant_id, [{ question: 'Where?', answer: 'Cafe' }, { question: 'What?', answer: ['Soup', 'Pie'] }]);
    assert.equal(ok.status, 201, ok.raw);
    assert.equal((await answer(bob.participant_id, [{ question: 'Where?', answer: 'Canteen' }])).status, 201);
    await L.end(id);

    const r = await L.api.get(`/v2/past_meetings/${id}/polls`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.id, Number(id));
    assert.deepEqual(
      r.body.questions.map((q: { name: string; email: string; question_details: Array<{ question: string; answer: string; polling_id: string }> }) => [
        q.name,
        q.email,
        q.question_details.map((d) => [d.question, d.answer, d.polling_id === pollId]),
      ]),
      [
        ['Ann', 'ann@guest.example.com', [['Where?', 'Cafe', true], ['What?', 'Soup;Pie', true]]],
        ['Bob', 'bob@guest.example.com', [['Where?', 'Canteen', true]]],
      ],
    );
  });
});

describe('Registrants joining', () => {
  test('an approved registrant joins with their registrant_id (kept on the participant record); unknown or pending ones are refused', async () => {
    const id = await L.meeting({ settings: { approval_type: 1 } });
    const add = (email: string, extra = {}) => L.api.post(`/v2/meetings/${id}/registrants`, { email, first_name: 'Reg', ...extra });
    const approved = await add('approved@guest.example.com', { auto_approve: true });
    assert.equal(approved.status, 201, approved.raw);
    const pending = await add('pending@guest.example.com');
    assert.equal(pending.status, 201, pending.raw);
    await L.start(id);
    const ok = await L.join(id, 'Approved', { registrant_id: approved.body.registrant_id });
    assert.equal(ok.status, 'in_meeting');
    for (const registrant_id of [pending.body.registrant_id, 'nope']) {
      const r = await L.control(`${id}/participants`, { name: 'X', email: 'x@guest.example.com', registrant_id });
      assert.equal(r.status, 400, r.raw);
    }
    await L.end(id);
    const list = await L.api.get(`/v2/past_meetings/${id}/participants`);
    assert.equal(list.body.total_records, 2);
    assert.equal(list.body.participants[1].registrant_id, approved.body.registrant_id);
  });
});
