// Emitting Zoom's events: a row in the outbox, in the caller's transaction.
// Delivery (subscriptions, signatures, retries) reads the outbox after commit.
import { zoomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';

export interface EventSource {
  accountId: string;
  /** The user whose action caused the event (the token's user); null for account-level apps and the server itself. */
  operatorUserId: string | null;
  /** The app whose token made the change, if any. */
  clientId: string | null;
  /** Event time in epoch ms, from the server clock. */
  now: number;
}

/**
 * Queues Zoom's event `event` with its `payload` (Zoom's `payload` object:
 * `object`, `old_object` …). `account_id`, `operator` and `operator_id` are
 * filled in at delivery from the source unless the payload carries them.
 * Call it only inside a write transaction.
 */
export async function emitEvent(tx: Queryable, source: EventSource, event: string, payload: Record<string, unknown>): Promise<void> {
  await tx.run(
    'INSERT INTO webhook_events (account_id, id, event, event_ts, operator_user_id, client_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [source.accountId, zoomId(), event, source.now, source.operatorUserId, source.clientId, JSON.stringify(payload)],
  );
}
