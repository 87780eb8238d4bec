// Emitting Zoom's events: a row in the outbox, in the caller's transaction.
// Delivery (subscriptions, signatures, retries) reads the outbox after commit;
// envelope.ts builds the body Zoom delivers from a row.
import { randomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';

export interface EventSource {
  accountId: string;
  /** The user whose action caused the event (the token's user); null for account-level apps and the server itself. */
  operatorUserId: string | null;
  /** The app whose token made the change, if any. */
  clientId: string | null;
  /** Event time in epoch ms, from the server clock. */
  now: number;
  /**
   * The `operator` / `operator_id` the event names, when the caller knows
   * them; otherwise the token's user, or for account-level tokens the
   * account's owner (the user Zoom names for server-to-server apps: see
   * src/webhooks/README.md).
   */
  operator?: Operator | null;
}

export interface Operator {
  id: string;
  email: string;
}

/**
 * Queues Zoom's event `event` with its `payload` (Zoom's `payload` object:
 * `object`, `old_object` …). `account_id`, `operator` and `operator_id` are
 * filled in at delivery (where the event's schema has them) unless the
 * payload carries them. Call it only inside a write transaction.
 */
export async function emitEvent(tx: Queryable, source: EventSource, event: string, payload: Record<string, unknown>): Promise<void> {
  const operator = await operatorOf(tx, source);
  await tx.run(
    'INSERT INTO webhook_events (account_id, id, event, event_ts, operator_user_id, client_id, payload, operator, operator_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [source.accountId, eventId(), event, source.now, source.operatorUserId, source.clientId, JSON.stringify(payload), operator?.email ?? null, operator?.id ?? null],
  );
}

// One lookup per transaction run, however many events it emits.
const operators = new WeakMap<EventSource, Promise<Operator | null>>();

function operatorOf(tx: Queryable, source: EventSource): Promise<Operator | null> {
  if (source.operator !== undefined) return Promise.resolve(source.operator);
  let found = operators.get(source);
  if (!found) {
    found = lookUpOperator(tx, source);
    operators.set(source, found);
  }
  return found;
}

async function lookUpOperator(tx: Queryable, source: EventSource): Promise<Operator | null> {
  const user = (id: string) => tx.get<Operator>('SELECT id, email FROM users WHERE account_id = ? AND id = ?', [source.accountId, id]);
  if (source.operatorUserId) {
    const u = await user(source.operatorUserId);
    if (u) return u;
  }
  const account = await tx.get<{ data: string }>('SELECT data FROM accounts WHERE id = ?', [source.accountId]);
  const ownerId = account ? (JSON.parse(account.data) as { owner_id?: string }).owner_id : undefined;
  return (ownerId && (await user(ownerId))) || null;
}

// Event ids sort in emission order (on one instance): the time, a sequence
// within the millisecond, then randomness; lower-case base36 only, so text
// order is the same under any collation.
let lastMs = 0;
let seq = 0;

export function eventId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    seq = 0;
  } else seq++;
  const random = randomId(8).readBigUInt64BE().toString(36).padStart(13, '0');
  return `${lastMs.toString(36).padStart(9, '0')}${seq.toString(36).padStart(4, '0')}${random}`;
}
