// Pieces the sweeps over every implemented operation share: a server with a
// user and a group to name in paths, and a snapshot of what an account holds
// (to prove a refused request changed nothing).
import assert from 'node:assert/strict';
import type { TestClient } from './client.ts';
import { startServer, type TestServer } from './server.ts';

/** A server with one user and one group; `ids` fills the path parameters that name them. */
export async function sweepServer(name: string): Promise<{ s: TestServer; ids: Record<string, string> }> {
  const s = await startServer();
  const user = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `${name.toLowerCase()}@example.com`, type: 1 } });
  const group = await s.api.post('/v2/groups', { name });
  // A licensed host's meeting with registration on, a registrant and a poll, for the meeting paths.
  const host = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: `${name.toLowerCase()}-host@example.com`, type: 2 } });
  const meeting = await s.api.post(`/v2/users/${host.body.id}/meetings`, { topic: name, start_time: '2035-01-01T10:00:00Z', settings: { approval_type: 0 } });
  assert.equal(meeting.status, 201, meeting.raw);
  const meetingId = String(meeting.body.id);
  const registrant = await s.api.post(`/v2/meetings/${meetingId}/registrants`, { first_name: 'Sweep', email: `${name.toLowerCase()}-reg@example.com` });
  const poll = await s.api.post(`/v2/meetings/${meetingId}/polls`, { title: 'Sweep', questions: [{ name: 'Q', type: 'single', answers: ['a', 'b'] }] });
  // The host's webinar (with a webinar licence of the demo account's), for the webinar paths.
  await s.api.patch(`/v2/users/${host.body.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } });
  const webinar = await s.api.post(`/v2/users/${host.body.id}/webinars`, { topic: name, start_time: '2035-01-01T10:00:00Z', settings: { approval_type: 0 } });
  assert.equal(webinar.status, 201, webinar.raw);
  return {
    s,
    ids: {
      accountId: 'me',
      userId: user.body.id,
      groupId: group.body.id,
      memberId: user.body.id,
      meetingId,
      webinarId: String(webinar.body.id),
      registrantId: registrant.body.registrant_id,
      pollId: poll.body.id,
      tspId: '1',
    },
  };
}

/** Every URL read through `client` (each must answer 200), page tokens left out: equal snapshots mean nothing changed. */
export async function snapshot(client: TestClient, urls: readonly string[]): Promise<string> {
  const parts = [];
  for (const url of urls) {
    const r = await client.get(url);
    assert.equal(r.status, 200, `${url}: ${r.raw}`);
    parts.push(r.raw.replace(/"next_page_token":"[^"]*"/g, ''));
  }
  return parts.join('\n');
}
