// Team Chat test fixtures: an account with users, each with its own user-level
// token, and reading the events a write queued (the outbox).
import assert from 'node:assert/strict';
import type { TestClient } from './client.ts';
import type { TestServer } from './server.ts';
import { assertValidEvent, eventsSince, type DeliveredEvent } from './events.ts';

export interface ChatUser {
  id: string;
  email: string;
  /** A user-level token holding every scope of the contract. */
  api: TestClient;
}

export interface ChatAccount {
  accountId: string;
  ownerId: string;
  /** The account's server-to-server app. */
  api: TestClient;
  user(name: string, scopes?: string[]): Promise<ChatUser>;
  token(userId: string, scopes?: string[]): Promise<TestClient>;
}

export const everyScope = (s: TestServer) => [...new Set(s.contract.operations.flatMap((o) => [...o.scopes, ...o.granularScopes]))].sort();
/** User-level scopes only: the caller's own things. */
export const ownScopes = (s: TestServer) => everyScope(s).filter((x) => !x.endsWith(':admin') && !x.endsWith(':master'));

let seq = 0;
export async function chatAccount(s: TestServer, plan = 'business'): Promise<ChatAccount> {
  const acct = await s.client.post('/_openzoom/accounts', { plan });
  assert.equal(acct.status, 201, acct.raw);
  const accountId = acct.body.account_id as string;
  const api = await s.client.withCredentials(accountId, acct.body.client_id, acct.body.client_secret);
  const token = async (userId: string, scopes = ownScopes(s)) => {
    const r = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes });
    assert.equal(r.status, 201, r.raw);
    return s.client.withToken(r.body.access_token);
  };
  return {
    accountId,
    ownerId: acct.body.owner_id,
    api,
    token,
    async user(name: string, scopes?: string[]) {
      const email = `${name.toLowerCase()}${++seq}@chat.example.com`;
      const r = await api.post('/v2/users', { action: 'custCreate', user_info: { email, type: 1, first_name: name, last_name: `L${seq}` } });
      assert.equal(r.status, 201, r.raw);
      return { id: r.body.id, email, api: await token(r.body.id, scopes) };
    },
  };
}

/**
 * The account's events (named `name`, if given) in the order emitted, as
 * delivered; each one must validate against Zoom's catalogue (helpers/events.ts).
 */
export async function events(s: TestServer, accountId: string, name?: string): Promise<DeliveredEvent[]> {
  const all = (await eventsSince(s, { after: '' }, accountId)).filter((e) => name === undefined || e.event === name);
  for (const e of all) assertValidEvent(e);
  return all;
}
