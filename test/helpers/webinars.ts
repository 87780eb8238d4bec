// Webinars in tests: an account holding webinar licences, a host given one,
// webinars, and the account's events checked against Zoom's catalogue.
import assert from 'node:assert/strict';
import type { Reply, TestClient } from './client.ts';
import type { TestServer } from './server.ts';
import { assertValidEvent, eventsSince } from './events.ts';

export interface WebinarAccount {
  api: TestClient;
  accountId: string;
  ownerId: string;
  credentials: [string, string, string];
  /** A Licensed user (with a webinar licence when `licence`). */
  newUser(licence?: boolean, type?: number): Promise<{ id: string; email: string }>;
  /** A scheduled webinar of the host (the owner by default); its answer. */
  webinar(body?: Record<string, unknown>, hostId?: string): Promise<Record<string, any>>;
  /** The payloads of the account's `name` events, each checked against Zoom's catalogue. */
  events(name: string): Promise<Array<Record<string, any>>>;
  control(path: string, body?: unknown): Promise<Reply>;
}

let seq = 0;

export async function webinarAccount(s: TestServer, licences = [{ capacity: 500, quantity: 2 }], plan = 'business'): Promise<WebinarAccount> {
  const acct = await s.client.post('/_openzoom/accounts', { plan, addons: { webinar: licences } });
  assert.equal(acct.status, 201, acct.raw);
  const credentials: [string, string, string] = [acct.body.account_id, acct.body.client_id, acct.body.client_secret];
  const a: WebinarAccount = {
    api: await s.client.withCredentials(...credentials),
    accountId: acct.body.account_id,
    ownerId: acct.body.owner_id,
    credentials,
    async newUser(licence = true, type = 2) {
      const email = `web${++seq}@webinar.example.com`;
      const r = await a.api.post('/v2/users', { action: 'custCreate', user_info: { email, type, first_name: 'Grace', last_name: `H${seq}` } });
      assert.equal(r.status, 201, r.raw);
      if (licence) {
        const l = await a.api.patch(`/v2/users/${r.body.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } });
        assert.equal(l.status, 204, l.raw);
      }
      return { id: r.body.id, email };
    },
    async webinar(body = {}, hostId = a.ownerId) {
      const r = await a.api.post(`/v2/users/${hostId}/webinars`, { topic: 'Launch', type: 5, start_time: '2031-03-01T16:00:00Z', duration: 60, ...body });
      assert.equal(r.status, 201, r.raw);
      return r.body;
    },
    async events(name) {
      const all = (await eventsSince(s, { after: '' }, a.accountId)).filter((e) => e.event === name);
      for (const e of all) assertValidEvent(e);
      return all.map((e) => e.payload as Record<string, any>);
    },
    control: (path, body = {}) => s.client.post(`/_openzoom/webinars/${path}`, body),
  };
  // The owner holds one of the licences.
  const l = await a.api.patch(`/v2/users/${a.ownerId}/settings`, { feature: { webinar: true, webinar_capacity: 500 } });
  assert.equal(l.status, 204, l.raw);
  return a;
}

/** A multipart POST of one file through the app, its answer checked against the contract. */
export async function uploadFile(s: TestServer, client: TestClient, url: string, file: { field?: string; data: Buffer; type: string; name: string }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append(file.field ?? 'file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const r = await s.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${client.token}` }, payload: form });
  const body = r.body === '' ? undefined : JSON.parse(r.body);
  assert.notEqual(r.statusCode, 500, r.body);
  if (r.statusCode < 300) {
    const op = client.operationFor('POST', url)!;
    const validate = s.contract.responseValidator(op, r.statusCode);
    assert.ok(!validate || validate(body), `${op.operationId}: ${JSON.stringify(validate?.errors)}`);
  }
  return { status: r.statusCode, body };
}
