// Event subscriptions: what an app asked to receive, where, signed with which
// secret. The SQL for subscriptions lives here; every statement names the account
// or the subscription id (ids are unique across accounts).
import { zoomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';

export type SubscriptionKind = 'webhook' | 'websocket';
export type SubscriptionStatus = 'validated' | 'unvalidated';

/** At most 20 event subscriptions per app, as in Zoom (developers.zoom.us/docs/api/webhooks/). */
export const MAX_SUBSCRIPTIONS_PER_APP = 20;

export interface Subscription {
  account_id: string;
  id: string;
  client_id: string;
  kind: SubscriptionKind;
  name: string;
  endpoint_url: string;
  secret_token: string;
  events: string[];
  user_ids: string[];
  status: SubscriptionStatus;
  created_at: number;
  validated_at: number | null;
  next_validation_at: number | null;
  failed_validations: number;
  last_validation: ValidationResult | null;
}

export interface ValidationResult {
  at: number;
  ok: boolean;
  status_code: number;
  error: string;
}

interface SubscriptionRow {
  account_id: string;
  id: string;
  client_id: string;
  kind: string;
  name: string;
  endpoint_url: string;
  secret_token: string;
  events: string;
  user_ids: string;
  status: string;
  created_at: number | string;
  validated_at: number | string | null;
  next_validation_at: number | string | null;
  failed_validations: number | string;
  last_validation: string;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function fromRow(r: SubscriptionRow): Subscription {
  return {
    account_id: r.account_id,
    id: r.id,
    client_id: r.client_id,
    kind: r.kind as SubscriptionKind,
    name: r.name,
    endpoint_url: r.endpoint_url,
    secret_token: r.secret_token,
    events: JSON.parse(r.events) as string[],
    user_ids: JSON.parse(r.user_ids) as string[],
    status: r.status as SubscriptionStatus,
    created_at: Number(r.created_at),
    validated_at: num(r.validated_at),
    next_validation_at: num(r.next_validation_at),
    failed_validations: Number(r.failed_validations),
    last_validation: r.last_validation ? (JSON.parse(r.last_validation) as ValidationResult) : null,
  };
}

/** The control plane's view: everything but the secret (shown once, as the caller chose it). */
export function subscriptionView(s: Subscription) {
  return {
    id: s.id,
    account_id: s.account_id,
    client_id: s.client_id,
    type: s.kind,
    name: s.name,
    endpoint_url: s.kind === 'webhook' ? s.endpoint_url : null,
    events: s.events,
    user_ids: s.user_ids,
    status: s.status,
    created_at: new Date(s.created_at).toISOString(),
    validated_at: s.validated_at === null ? null : new Date(s.validated_at).toISOString(),
    next_validation_at: s.next_validation_at === null ? null : new Date(s.next_validation_at).toISOString(),
    last_validation: s.last_validation && { ...s.last_validation, at: new Date(s.last_validation.at).toISOString() },
  };
}

const COLUMNS = 'account_id, id, client_id, kind, name, endpoint_url, secret_token, events, user_ids, status, created_at, validated_at, next_validation_at, failed_validations, last_validation';

export type NewSubscription = Pick<Subscription, 'account_id' | 'client_id' | 'kind' | 'name' | 'endpoint_url' | 'secret_token' | 'events' | 'user_ids'>;

export async function insertSubscription(db: Queryable, s: NewSubscription, now: number): Promise<Subscription> {
  const id = zoomId();
  // WebSockets need no validation: the client proves itself with its app's token.
  const status: SubscriptionStatus = s.kind === 'websocket' ? 'validated' : 'unvalidated';
  await db.run(
    `INSERT INTO webhook_subscriptions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, '')`,
    [s.account_id, id, s.client_id, s.kind, s.name, s.endpoint_url, s.secret_token, JSON.stringify(s.events), JSON.stringify(s.user_ids), status, now],
  );
  return (await getSubscription(db, id))!;
}

export async function getSubscription(db: Queryable, id: string): Promise<Subscription | undefined> {
  const row = await db.get<SubscriptionRow>(`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = ?`, [id]);
  return row && fromRow(row);
}

export async function listSubscriptions(db: Queryable, filter: { account_id?: string; client_id?: string }): Promise<Subscription[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (filter.account_id !== undefined) (where.push('account_id = ?'), params.push(filter.account_id));
  if (filter.client_id !== undefined) (where.push('client_id = ?'), params.push(filter.client_id));
  const rows = await db.all<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`,
    params,
  );
  return rows.map(fromRow);
}

export async function countForApp(db: Queryable, clientId: string): Promise<number> {
  const row = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM webhook_subscriptions WHERE client_id = ?', [clientId]);
  return Number(row?.n ?? 0);
}

export interface SubscriptionChanges {
  name?: string;
  endpoint_url?: string;
  secret_token?: string;
  events?: string[];
  user_ids?: string[];
}

/** Changing where or how events are signed needs a new validation: the subscription is unvalidated until it passes. */
export async function updateSubscription(db: Queryable, s: Subscription, changes: SubscriptionChanges): Promise<Subscription> {
  const next = { ...s, ...changes };
  const revalidate = s.kind === 'webhook' && (next.endpoint_url !== s.endpoint_url || next.secret_token !== s.secret_token);
  await db.run(
    `UPDATE webhook_subscriptions SET name = ?, endpoint_url = ?, secret_token = ?, events = ?, user_ids = ?, status = ?, next_validation_at = ? WHERE id = ?`,
    [next.name, next.endpoint_url, next.secret_token, JSON.stringify(next.events), JSON.stringify(next.user_ids), revalidate ? 'unvalidated' : s.status, revalidate ? null : s.next_validation_at, s.id],
  );
  return (await getSubscription(db, s.id))!;
}

/** Removes the subscription and what it has not delivered yet; its log goes with it. */
export async function deleteSubscription(db: Queryable, id: string): Promise<void> {
  await db.run('DELETE FROM webhook_attempts WHERE subscription_id = ?', [id]);
  await db.run('DELETE FROM webhook_deliveries WHERE subscription_id = ?', [id]);
  await db.run('DELETE FROM webhook_subscriptions WHERE id = ?', [id]);
}

/**
 * A validation's outcome. A pass validates the subscription until the next
 * one (72 hours on). A failure asked for (creation, update, on demand) marks
 * it unvalidated at once; a failed periodic one counts, and after `strikes`
 * in a row (Zoom: 6) the subscription is unvalidated.
 */
export async function recordValidation(
  db: Queryable,
  id: string,
  result: ValidationResult,
  opts: { periodic: boolean; strikes: number; intervalMs: number },
): Promise<void> {
  if (result.ok) {
    await db.run(
      "UPDATE webhook_subscriptions SET status = 'validated', validated_at = ?, next_validation_at = ?, failed_validations = 0, last_validation = ? WHERE id = ?",
      [result.at, result.at + opts.intervalMs, JSON.stringify(result), id],
    );
    return;
  }
  const s = await getSubscription(db, id);
  if (!s) return;
  const failures = s.failed_validations + 1;
  const unvalidated = !opts.periodic || failures >= opts.strikes;
  await db.run(
    'UPDATE webhook_subscriptions SET status = ?, failed_validations = ?, next_validation_at = ?, last_validation = ? WHERE id = ?',
    [unvalidated ? 'unvalidated' : s.status, failures, result.at + opts.intervalMs, JSON.stringify(result), id],
  );
}

/** The subscriptions of an account that receive events now (validated webhooks, and WebSockets), in the write's transaction. */
export async function receivingSubscriptions(db: Queryable, accountId: string): Promise<Array<Pick<Subscription, 'id' | 'kind' | 'client_id' | 'events' | 'user_ids'>>> {
  const rows = await db.all<{ id: string; kind: string; client_id: string; events: string; user_ids: string }>(
    "SELECT id, kind, client_id, events, user_ids FROM webhook_subscriptions WHERE account_id = ? AND status = 'validated'",
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind as SubscriptionKind, client_id: r.client_id, events: JSON.parse(r.events), user_ids: JSON.parse(r.user_ids) }));
}
