// Emitting Zoom's events: a row in the outbox, in the caller's transaction.
// Delivery (subscriptions, signatures, retries) reads the outbox after commit;
// envelope.ts builds the body Zoom delivers from a row.
import { randomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';
import { receivingSubscriptions } from './subscriptions.ts';

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
export async function emitEvent(tx: Queryable, source: EventSource, event: string, payload: Record<string, unknown>, top?: Record<string, unknown>): Promise<void> {
  await queueEvent(tx, source, event, payload, top ? { top } : {});
}

/**
 * emitEvent, answering the event's id and the subscriptions it is for. `top`: fields beside `payload` (some
 * events have them: recording.completed's download_token); `onlyApp` limits
 * delivery to one app's subscriptions (a triggered sample).
 */
export async function queueEvent(
  tx: Queryable,
  source: EventSource,
  event: string,
  payload: Record<string, unknown>,
  options: { onlyApp?: string; top?: Record<string, unknown> } = {},
): Promise<{ id: string; subscribers: string[] }> {
  const operator = await operatorOf(tx, source);
  const id = eventId();
  // The subscriptions that asked for it, named on the event in the same transaction (none is lost,
  // none is made for a rollback); the deliverer makes their deliveries after the commit.
  let users: Set<string> | undefined;
  const subscribers: string[] = [];
  for (const sub of await subscriptionsOf(tx, source)) {
    if (!sub.events.includes(event) || (options.onlyApp !== undefined && sub.client_id !== options.onlyApp)) continue;
    if (sub.user_ids.length > 0 && !sub.user_ids.some((u) => (users ??= eventUsers(event, payload, operator)).has(u))) continue;
    subscribers.push(sub.id);
  }
  await tx.run(INSERT_EVENT, [
    source.accountId,
    id,
    event,
    source.now,
    source.operatorUserId,
    source.clientId,
    JSON.stringify(payload),
    operator?.email ?? null,
    operator?.id ?? null,
    options.top ? JSON.stringify(options.top) : null,
    subscribers.length > 0 ? JSON.stringify(subscribers) : null,
  ]);
  return { id, subscribers };
}

/**
 * The statement that queues an event; its last parameter names the subscribers
 * (the app's database wakes the deliverer after a commit that queued one for any).
 */
export const INSERT_EVENT =
  'INSERT INTO webhook_events (account_id, id, event, event_ts, operator_user_id, client_id, payload, operator, operator_id, top, subscribers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * The users an event is about, for subscriptions limited to listed users: the
 * user of a user.* event, a host or user named in the object, and the operator.
 */
function eventUsers(event: string, payload: Record<string, unknown>, operator: Operator | null): Set<string> {
  const object = (payload.object ?? {}) as Record<string, unknown>;
  const ids = new Set<string>();
  if (event.startsWith('user.') && typeof object.id === 'string') ids.add(object.id);
  for (const key of ['host_id', 'user_id']) if (typeof object[key] === 'string') ids.add(object[key] as string);
  if (operator) ids.add(operator.id);
  return ids;
}


// One lookup per transaction run, however many events it emits (keyed by the
// transaction too: a caller may reuse a source across transactions).
type Memo = { operator?: Promise<Operator | null>; subscriptions?: ReturnType<typeof receivingSubscriptions> };
const perRun = new WeakMap<Queryable, WeakMap<EventSource, Memo>>();

function memo(tx: Queryable, source: EventSource): Memo {
  let bySource = perRun.get(tx);
  if (!bySource) perRun.set(tx, (bySource = new WeakMap()));
  let m = bySource.get(source);
  if (!m) bySource.set(source, (m = {}));
  return m;
}

function operatorOf(tx: Queryable, source: EventSource): Promise<Operator | null> {
  if (source.operator !== undefined) return Promise.resolve(source.operator);
  const m = memo(tx, source);
  return (m.operator ??= lookUpOperator(tx, source));
}

function subscriptionsOf(tx: Queryable, source: EventSource): ReturnType<typeof receivingSubscriptions> {
  const m = memo(tx, source);
  return (m.subscriptions ??= receivingSubscriptions(tx, source.accountId));
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

// Ids that sort in creation order (on one instance): the time, a sequence
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
