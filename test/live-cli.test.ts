// `openzoom meetings …` against a running server: start, join, live, waiting
// room, share, record, answer, leave, end — readable and --json — and usage errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cli, serve, type Served } from './helpers/cli.ts';

let s: Served;
let meetingId: string;
let pollId: string;

const run = (...args: string[]) => cli([...args, '--url', s.url]);
async function ok(...args: string[]): Promise<string> {
  const r = await run(...args);
  assert.equal(r.code, 0, `openzoom ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));

async function post(path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `${path}: ${res.status}`);
  return res.json();
}

before(async () => {
  s = await serve();
  const demo = await (await fetch(`${s.url}/_openzoom/demo`)).json();
  const account = await (await fetch(`${s.url}/_openzoom/accounts/${demo.account_id}`)).json();
  const { access_token } = await post('/_openzoom/tokens', { account_id: demo.account_id });
  const m = await post(`/v2/users/${account.owner_id}/meetings`, { topic: 'CLI meeting', type: 2, start_time: '2031-01-01T09:00:00Z', settings: { waiting_room: false } }, access_token);
  meetingId = String(m.id);
  const poll = await post(`/v2/meetings/${meetingId}/polls`, { title: 'Mood', questions: [{ name: 'How?', type: 'multiple', answers: ['Good', 'Fine', 'Bad'] }] }, access_token);
  pollId = poll.id;
});
after(() => s.stop());

describe('openzoom meetings', () => {
  test('start, join, live, waiting room, share, record, answer, leave and end', async () => {
    const started = await json('meetings', 'start', meetingId, '--uuid', 'cl/i+abcdefghijklmnopq==');
    assert.equal(started.uuid, 'cl/i+abcdefghijklmnopq==');
    assert.match(await ok('meetings', 'live', meetingId), /status +started[\s\S]*PARTICIPANT ID +NAME +EMAIL +ROLE +STATUS +JOINED/);
    const grace = await json('meetings', 'join', meetingId, '--name', 'Grace', '--email', 'grace@example.com', '--device', 'Mac', '--ip', '192.0.2.1');
    assert.equal(grace.status, 'in_meeting');
    assert.equal(grace.device, 'Mac');
    assert.match(await ok('meetings', 'waiting-room', meetingId, grace.participant_id), /status +in_waiting_room/);
    assert.match(await ok('meetings', 'admit', meetingId, grace.participant_id), /status +in_meeting/);
    assert.equal((await run('meetings', 'share', meetingId, grace.participant_id, '--content', 'whiteboard')).code, 0);
    assert.equal((await run('meetings', 'unshare', meetingId, grace.participant_id)).code, 0);
    assert.match(await ok('meetings', 'record', meetingId, 'start'), /recording +on/);
    assert.equal((await json('meetings', 'record', meetingId, 'pause')).recording, 'paused');
    assert.match(await ok('meetings', 'answer', meetingId, pollId, '--participant', grace.participant_id, '--answer', 'How?=Good;Fine'), /Answered/);
    assert.match(await ok('meetings', 'leave', meetingId, grace.participant_id), /reason +Grace left the meeting\./);
    const ended = await json('meetings', 'end', meetingId);
    assert.equal(ended.status, 'ended');
    assert.ok(ended.end_time);
    // The server's refusals, with its message and exit code 1.
    const notLive = await run('meetings', 'end', meetingId);
    assert.equal(notLive.code, 1);
    assert.match(notLive.stderr, /400 \(code 3000\): Meeting \d+ is not in progress\./);
    const unknown = await run('meetings', 'start', '99999999999');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /404 \(code 3001\)/);
  });

  test('usage errors exit 2', async () => {
    for (const args of [
      ['meetings', 'join', meetingId, '--name', 'No email'],
      ['meetings', 'record', meetingId, 'rewind'],
      ['meetings', 'answer', meetingId, 'p1', '--participant', 'x', '--answer', 'no-equals'],
      ['meetings', 'leave', meetingId],
    ]) {
      const r = await run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.match(await ok('help', 'meetings', 'join'), /--registrant VALUE/);
    const bare = await run('meetings');
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /Unknown command: openzoom meetings\. Use start, live, join/);
  });
});
