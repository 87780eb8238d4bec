// Live meetings in tests: an account of its own, meetings, the control plane's
// live actions, Zoom's end, and the events the outbox holds.
import assert from 'node:assert/strict';
import type { Reply, TestClient } from './client.ts';
import type { TestServer } from './server.ts';
import { assertValidEvent, eventsSince } from './events.ts';

export interface Live {
  api: TestClient;
  accountId: string;
  ownerId: string;
  credentials: [string, string, string];
  newUser(type?: number): Promise<{ id: string; email: string }>;
  /** A scheduled meeting (waiting room off unless the settings say otherwise); its id. */
  meeting(body?: Record<string, unknown>, hostId?: string): Promise<string>;
  control(path: string, body?: unknown): Promise<Reply>;
  start(meetingId: string, body?: Record<string, unknown>): Promise<{ uuid: string; participants: Array<{ participant_id: string }> }>;
  join(meetingId: string, name: string, extra?: Record<string, unknown>): Promise<{ participant_id: string; status: string; user_id: string }>;
  /** Zoom's own end: PUT /v2/meetings/{id}/status {"action":"end"}. */
  end(meetingId: string): Promise<Reply>;
  /** The payloads of the account's `name` events (of one meeting), each checked against Zoom's catalogue. */
  events(name: string, meetingId?: string): Promise<Array<Record<string, any>>>;
}

let seq = 0;

export async function liveAccount(s: TestServer, plan = 'business'): Promise<Live> {
  const acct = await s.client.post('/_openzoom/accounts', { plan });
  assert.equal(acct.status, 201, acct.raw);
  const credentials: [string, string, string] = [acct.body.account_id, acct.body.client_id, acct.body.client_secret];
  const live: Live = {
    api: await s.client.withCredentials(...credentials),
    accountId: acct.body.account_id,
    ownerId: acct.body.owner_id,
    credentials,
    async newUser(type = 2) {
      const email = `live${++seq}@live.example.com`;
      const r = await live.api.post('/v2/users', { action: 'custCreate', user_info: { email, type, first_name: 'Ada', last_name: `L${seq}` } });
      assert.equal(r.status, 201, r.raw);
      return { id: r.body.id, email };
    },
    async meeting(body = {}, hostId = live.ownerId) {
      // Zoom's default turns the waiting room on; these meetings let people in unless they say otherwise.
      const settings = { waiting_room: false, ...(body.settings as object | undefined) };
      const r = await live.api.post(`/v2/users/${hostId}/meetings`, { topic: 'Stand-up', type: 2, start_time: '2031-01-01T09:00:00Z', duration: 30, ...body, settings });
      assert.equal(r.status, 201, r.raw);
      return String(r.body.id);
    },
    control: (path, body = {}) => s.client.post(`/_openzoom/meetings/${path}`, body),
    async start(meetingId, body = {}) {
      const r = await live.control(`${meetingId}/start`, body);
      assert.equal(r.status, 201, r.raw);
      return r.body;
    },
    async join(meetingId, name, extra = {}) {
      const r = await live.control(`${meetingId}/participants`, { name, email: `${name.toLowerCase().replace(/\W/g, '')}@guest.example.com`, ...extra });
      assert.equal(r.status, 201, r.raw);
      return r.body;
    },
    end: (meetingId) => live.api.put(`/v2/meetings/${meetingId}/status`, { action: 'end' }),
    async events(name, meetingId) {
      const found = (await eventsSince(s, { after: '' }, live.accountId)).filter((e) => e.event === name);
      // Each as delivered, and each valid against Zoom's catalogue.
      for (const e of found) assertValidEvent(e);
      return found.map((e) => e.payload as Record<string, any>).filter((p) => meetingId === undefined || String(p.object.id) === meetingId);
    },
  };
  return live;
}
