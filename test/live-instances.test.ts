// Two instances of the server on one database run one set of live meetings:
// a meeting started through one is joined and controlled through the other,
// and the plan limit is enforced by whichever instance moves the clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { liveAccount, type Live } from './helpers/live.ts';
import { sharedDatabase, startServer, type TestServer } from './helpers/server.ts';

let a: TestServer;
let b: TestServer;
let drop: () => Promise<void>;
let L: Live;

before(async () => {
  const db = await sharedDatabase();
  drop = db.drop;
  a = await startServer({}, db.target);
  b = await startServer({}, db.target);
  L = await liveAccount(a);
});
after(async () => {
  await a.close();
  await b.close();
  await drop();
});

test("started on one instance, joined and ended by the clock through the other; both answer the meeting's state", async () => {
  const basic = await L.newUser(1);
  const id = await L.meeting({}, basic.id);
  await L.start(id);
  for (const name of ['Two', 'Three']) {
    const r = await b.client.post(`/_openzoom/meetings/${id}/participants`, { name, email: `${name.toLowerCase()}@guest.example.com` });
    assert.equal(r.status, 201, r.raw);
  }
  const onA = await a.client.get(`/_openzoom/meetings/${id}/live`);
  assert.equal(onA.body.participants.length, 3);
  assert.ok(onA.body.ends_at);
  // Instance B moves the shared clock past the limit: it ends the meeting before answering.
  await b.client.post('/_openzoom/clock', { advance_seconds: 41 * 60 });
  const apiB = await b.client.withCredentials(...L.credentials);
  assert.equal((await apiB.get(`/v2/meetings/${id}`)).body.status, 'waiting');
  const apiA = await a.client.withCredentials(...L.credentials);
  assert.equal((await apiA.get(`/v2/meetings/${id}`)).body.status, 'waiting');
  const past = await apiA.get(`/v2/past_meetings/${id}`);
  assert.equal(past.status, 200, past.raw);
  assert.equal(past.body.duration, 40);
  assert.equal(past.body.participants_count, 3);
});
