// Recorded sessions in tests: a live meeting that recorded to the cloud, ended,
// and processed by moving the server clock past the processing delay.
import assert from 'node:assert/strict';
import type { Reply, TestClient } from './client.ts';
import type { Live } from './live.ts';
import type { TestServer } from './server.ts';

export const advance = async (s: TestServer, seconds: number) => {
  const r = await s.client.post('/_openzoom/clock', { advance_seconds: seconds });
  assert.equal(r.status, 200, r.raw);
};

export interface Recorded {
  meetingId: string;
  uuid: string;
  alice: string;
  bob: string;
}

/**
 * Host + Alice + Bob; Alice speaks, Bob chats and sends a file, Alice shares;
 * recording 30 s, paused 10 s, 20 s more, stopped 5 s, then 15 s more; the end.
 * With `process`, the clock then moves past the processing delay.
 */
export async function recordMeeting(s: TestServer, live: Live, opts: { process?: boolean; hostId?: string } = {}): Promise<Recorded> {
  // A still clock: every step below happens exactly when the test says.
  assert.equal((await s.client.post('/_openzoom/clock', { freeze: true })).status, 200);
  const meetingId = await live.meeting({}, opts.hostId);
  const started = await live.start(meetingId);
  const alice = (await live.join(meetingId, 'Alice Smith')).participant_id;
  const bob = (await live.join(meetingId, 'Bob Jones')).participant_id;
  const ok = (r: Reply) => assert.ok(r.status < 300, r.raw);
  ok(await live.control(`${meetingId}/recording/start`));
  ok(await live.control(`${meetingId}/participants/${alice}/speak`, { text: 'Good morning everyone, let us start.', seconds: 4 }));
  await advance(s, 5);
  ok(await live.control(`${meetingId}/participants/${bob}/chat`, { text: 'Morning! Notes are in the doc.' }));
  ok(await live.control(`${meetingId}/participants/${bob}/chat`, { text: 'agenda: 1. status 2. risks', file_name: 'agenda.txt' }));
  ok(await live.control(`${meetingId}/participants/${alice}/share/start`, {}));
  await advance(s, 5);
  ok(await live.control(`${meetingId}/participants/${bob}/speak`, { text: 'I have one risk to raise.', seconds: 3 }));
  await advance(s, 20);
  ok(await live.control(`${meetingId}/recording/pause`));
  await advance(s, 10);
  ok(await live.control(`${meetingId}/recording/resume`));
  await advance(s, 20);
  ok(await live.control(`${meetingId}/recording/stop`));
  await advance(s, 5);
  ok(await live.control(`${meetingId}/recording/start`));
  ok(await live.control(`${meetingId}/participants/${alice}/speak`, { text: 'Thanks, that is all.', seconds: 2 }));
  await advance(s, 15);
  ok(await live.end(meetingId));
  if (opts.process !== false) await advance(s, 3 * 60);
  return { meetingId, uuid: started.uuid, alice, bob };
}

/** GETs a download or play URL of this server (absolute in answers) with the given headers. */
export function fetchUrl(client: TestClient, url: string, headers: Record<string, string> = {}, token: string | null = null): Promise<Reply> {
  const u = new URL(url);
  return client.request('GET', `${u.pathname}${u.search}`, { headers, token });
}
