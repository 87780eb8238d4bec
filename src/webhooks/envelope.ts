// The body Zoom delivers for an outbox row: `event`, `payload` (account_id,
// operator, operator_id where the event's schema declares them, then what the
// emitter gave, which wins), `event_ts` in epoch ms of the server clock.
import type { EventCatalogue } from './catalogue.ts';

/** An outbox row as read from webhook_events (PostgreSQL answers BIGINT as text). */
export interface OutboxRow {
  account_id: string;
  id: string;
  event: string;
  event_ts: number | string;
  operator: string | null;
  operator_id: string | null;
  payload: string;
}

export interface DeliveredEvent {
  event: string;
  payload: Record<string, any>;
  event_ts: number;
}

/** The columns deliveredEvent reads. */
export const OUTBOX_COLUMNS = 'account_id, id, event, event_ts, operator, operator_id, payload';

export function deliveredEvent(row: OutboxRow, catalogue: EventCatalogue): DeliveredEvent {
  const shape = catalogue.shape(row.event);
  const payload: Record<string, unknown> = {};
  if (shape.accountId) payload.account_id = row.account_id;
  if (shape.operator && row.operator !== null) payload.operator = row.operator;
  if (shape.operatorId && row.operator_id !== null) payload.operator_id = row.operator_id;
  Object.assign(payload, JSON.parse(row.payload));
  return { event: row.event, payload, event_ts: Number(row.event_ts) };
}
