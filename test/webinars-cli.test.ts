// `openzoom webinars …` against a running server: the practice session, going
// live, a panelist and an attendee, raised hands, Q&A and the end — readable and --json.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cli, serve, type Served } from './helpers/cli.ts';

let s: Served;
let webinarId: string;

const run = (...args: string[]) => cli([...args, '--url', s.url]);
async function ok(...args: string[]): Promise<string> {
  const r = await run(...args);
  assert.equal(r.code, 0, `openzoom ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));

async function call(method: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
  return res.status === 204 ? undefined : res.json();
}

before(async () => {
  s = await serve();
  const demo = await (await fetch(`${s.url}/_openzoom/demo`)).json();
  const account = await (await fetch(`${s.url}/_openzoom/accounts/${demo.account_id}`)).json();
  const { access_token } = await call('POST', '/_openzoom/tokens', { account_id: demo.account_id });
  // The demo account holds two 500-seat webinar licences: the owner takes one.
  await call('PATCH', `/v2/users/${account.owner_id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } }, access_token);
  const w = await call('POST', `/v2/users/${account.owner_id}/webinars`, { topic: 'CLI webinar', type: 5, start_time: '2031-01-01T09:00:00Z', settings: { practice_session: true } }, access_token);
  webinarId = String(w.id);
  await call('POST', `/v2/webinars/${webinarId}/panelists`, { panelists: [{ name: 'Pat', email: 'pat@example.com' }] }, access_token);
});
after(() => s.stop());

describe('openzoom webinars', () => {
  test('practice session, go live, panelist and attendee, hands, Q&A, end', async () => {
    await json('webinars', 'start', webinarId, '--practice');
    const pat = await json('webinars', 'join', webinarId, '--name', 'Pat', '--email', 'pat@example.com', '--role', 'panelist');
    assert.equal(pat.role, 'panelist');
    const ann = await json('webinars', 'join', webinarId, '--name', 'Ann', '--email', 'ann@example.com');
    assert.equal(ann.status, 'in_waiting_room');
    assert.match(await ok('webinars', 'start', webinarId), /status +started/);
    assert.match(await ok('webinars', 'live', webinarId), /Ann +ann@example\.com +attendee +in_meeting/);
    assert.equal((await json('webinars', 'raise-hand', webinarId, ann.participant_id)).hand_raised, true);
    const q = await json('webinars', 'ask', webinarId, '--participant', ann.participant_id, '--question', 'When?');
    assert.match(await ok('webinars', 'answer-question', webinarId, q.question_id, '--answer', 'Soon', '--by', pat.participant_id), /status +answered[\s\S]*Soon/);
    assert.match(await ok('webinars', 'questions', webinarId), /When\?/);
    const refused = await run('webinars', 'ask', webinarId, '--participant', pat.participant_id, '--question', 'Me?');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Only attendees ask questions/);
    const usage = await run('webinars', 'ask', webinarId);
    assert.equal(usage.code, 2);
    const ended = await json('webinars', 'end', webinarId);
    assert.equal(ended.status, 'ended');
  });
});
