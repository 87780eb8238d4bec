// One small live webinar driven through the control plane on a frozen clock,
// for the webinar reports and dashboards: 30 minutes; the host and Pat (a
// panelist) throughout; Ann leaves at 10 and rejoins at 15; Ben throughout,
// reporting QoS at 15 and 16; Pat shares from 15 to 20; a poll (Ann Good, Ben
// Bad); Q&A (answered in text by Pat, answered live by the host, dismissed,
// open); feedback after the end (Ann GOOD, Ben NOT GOOD).
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './server.ts';
import { webinarAccount, type WebinarAccount } from './webinars.ts';

/** When the webinar starts (the clock is frozen there first). */
export const WEBINAR_START = '2026-11-16T10:00:00Z';

export interface DrivenWebinar {
  id: string;
  uuid: string;
  participants: { host: string; pat: string; ann: string; ann2: string; ben: string };
  questions: { release: string; secret: string; spam: string; open: string };
}

export async function freezeClock(s: TestServer, at = WEBINAR_START): Promise<void> {
  const r = await s.client.post('/_openzoom/clock', { set: at, freeze: true });
  assert.equal(r.status, 200, r.raw);
}

const advance = async (s: TestServer, seconds: number) => assert.equal((await s.client.post('/_openzoom/clock', { advance_seconds: seconds })).status, 200);

/** Drives the webinar from the clock's current instant (WEBINAR_START); `untilEnd: false` leaves it live at minute 16. */
export async function driveWebinar(s: TestServer, a: WebinarAccount, untilEnd = true): Promise<DrivenWebinar> {
  const w = await a.webinar({ topic: 'Quarterly update' });
  const id = String(w.id);
  const ok = async (path: string, body: Record<string, unknown> = {}, status = 201) => {
    const r = await a.control(`${id}/${path}`, body);
    assert.equal(r.status, status, `${path}: ${r.raw}`);
    return r.body as Record<string, any>;
  };
  assert.equal((await a.api.post(`/v2/webinars/${id}/panelists`, { panelists: [{ name: 'Pat Panel', email: 'pat@panel.example.com' }] })).status, 201);
  const poll = await a.api.post(`/v2/webinars/${id}/polls`, { title: 'Mood', questions: [{ name: 'How is it going?', type: 'single', answers: ['Good', 'Bad'] }] });
  assert.equal(poll.status, 201, poll.raw);

  const start = await ok('start');
  const host = start.participants.find((p: any) => p.role === 'host').participant_id as string;
  const pat = (await ok('participants', { name: 'Pat Panel', email: 'pat@panel.example.com', role: 'panelist' })).participant_id as string;
  const ann = (await ok('participants', { name: 'Ann Attendee', email: 'ann@guest.example.com', device: 'Windows', network_type: 'Wired' })).participant_id as string;
  const ben = (await ok('participants', { name: 'Ben Attendee', email: 'ben@guest.example.com', device: 'Mac', network_type: 'Wifi', version: '6.2.5', location: 'Paris (FR)', data_center: 'FR' }))
    .participant_id as string;
  const release = (await ok('questions', { participant_id: ann, question: 'When is the release?' })).question_id as string;
  const secret = (await ok('questions', { participant_id: ben, question: 'Is there a discount?', anonymous: true })).question_id as string;
  const spam = (await ok('questions', { participant_id: ben, question: 'Buy my product' })).question_id as string;
  await advance(s, 600);
  await ok(`participants/${ann}/leave`, {}, 200);
  await advance(s, 300);
  const ann2 = (await ok('participants', { name: 'Ann Attendee', email: 'ann@guest.example.com', device: 'Windows', network_type: 'Wired' })).participant_id as string;
  const open = (await ok('questions', { participant_id: ann2, question: 'Will slides be shared?' })).question_id as string;
  await ok(`questions/${release}/answers`, { answer: 'In May.', participant_id: pat });
  await ok(`questions/${secret}/answers`, { live: true });
  await ok(`questions/${spam}/dismiss`, {}, 200);
  await ok(`polls/${poll.body.id}/answers`, { participant_id: ann2, answers: [{ question: 'How is it going?', answer: 'Good' }] });
  await ok(`polls/${poll.body.id}/answers`, { participant_id: ben, answers: [{ question: 'How is it going?', answer: 'Bad' }] });
  await ok(`participants/${pat}/share/start`, { content: 'desktop' }, 200);
  // Ben's client: 100 ms and 1% loss at minute 15, 200 ms and 3% at minute 16 (averages 150 ms, 2%).
  await ok(`participants/${ben}/qos`, { samples: [{ audio_input: { bitrate: 27.15, latency: 100, jitter: 4, avg_loss: 1, max_loss: 2 } }] });
  await advance(s, 60);
  await ok(`participants/${ben}/qos`, { samples: [{ audio_input: { bitrate: 30, latency: 200, jitter: 6, avg_loss: 3, max_loss: 5 } }] });
  const uuid = start.uuid as string;
  const driven = { id, uuid, participants: { host, pat, ann, ann2, ben }, questions: { release, secret, spam, open } };
  if (!untilEnd) return driven;
  await advance(s, 240);
  await ok(`participants/${pat}/share/stop`, {}, 200);
  await advance(s, 600);
  const end = await a.api.put(`/v2/webinars/${id}/status`, { action: 'end' });
  assert.equal(end.status, 204, end.raw);
  await ok(`participants/${ann2}/feedback`, { quality: 'GOOD', comment: 'Clear and short' });
  await advance(s, 10);
  await ok(`participants/${ben}/feedback`, { quality: 'NOT GOOD', issues: ['Audio echo'] });
  return driven;
}

/** A server with the clock frozen at WEBINAR_START, a webinar account, and its webinar driven to the end. */
export async function serverWithWebinar(): Promise<{ s: TestServer; a: WebinarAccount; w: DrivenWebinar }> {
  const s = await startServer();
  await freezeClock(s);
  const a = await webinarAccount(s);
  return { s, a, w: await driveWebinar(s, a) };
}
