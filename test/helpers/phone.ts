// Zoom Phone in tests: phone users of an account, numbers of its pool, and
// calls placed on the control plane.
import assert from 'node:assert/strict';
import type { TestClient } from './client.ts';
import type { TestServer } from './server.ts';
import * as phone from '../../src/phone/repository.ts';

let seq = 0;

/** A new user of the account holding the phone licence (an extension of the main site). */
export async function phoneUser(api: TestClient, name = 'Agent'): Promise<{ id: string; email: string }> {
  const email = `${name.toLowerCase()}${++seq}@phone.example.com`;
  const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email, type: 1, first_name: name, last_name: `N${seq}`, feature: { zoom_phone: true } } });
  assert.equal(r.status, 201, r.raw);
  return { id: r.body.id, email };
}

/** Unassigned numbers of the account's pool (its first 300 are plenty for a test file). */
export async function freeNumbers(s: TestServer, accountId: string, count: number): Promise<Array<{ id: string; number: string }>> {
  const page = await phone.listNumbers(s.db, accountId, { type: 'unassigned' }, { size: 300, offset: 0, after: null });
  const out = page.numbers.slice(0, count).map((n) => ({ id: n.number.id, number: n.number.number }));
  assert.equal(out.length, count, 'enough free numbers');
  return out;
}

/** Gives a user numbers of the pool (the number model's own assignment). */
export async function giveNumber(s: TestServer, accountId: string, userId: string): Promise<string> {
  const [n] = await freeNumbers(s, accountId, 1);
  await s.db.transaction((tx) => phone.assignNumbers(tx, accountId, { type: 'user', id: userId, site_id: null }, [n!.id]));
  return n!.number;
}

export async function placeCall(s: TestServer, body: Record<string, unknown>): Promise<string> {
  const r = await s.client.post('/_openzoom/phone/calls', body);
  assert.equal(r.status, 201, r.raw);
  return r.body.call_id;
}

export async function advance(s: TestServer, seconds: number): Promise<void> {
  const r = await s.client.post('/_openzoom/clock', { advance_seconds: seconds });
  assert.equal(r.status, 200, r.raw);
}
