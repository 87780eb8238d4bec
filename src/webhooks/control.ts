// Event subscriptions and the delivery log on the control plane:
//   POST   /_openzoom/event_subscriptions                       create (validates a webhook endpoint first)
//   GET    /_openzoom/event_subscriptions?account_id=&client_id= list
//   GET    /_openzoom/event_subscriptions/:id                   show
//   PATCH  /_openzoom/event_subscriptions/:id                   update (a new URL or secret is validated)
//   DELETE /_openzoom/event_subscriptions/:id                   delete
//   POST   /_openzoom/event_subscriptions/:id/validate          validate again, now
//   GET    /_openzoom/event_subscriptions/:id/events            its deliveries (?status=, ?after=, ?limit=)
//   GET    /_openzoom/event_subscriptions/:id/events/:delivery  one delivery: the body as sent and every attempt
//   POST   /_openzoom/event_subscriptions/:id/events/:delivery/redeliver
//   GET    /_openzoom/webhook_attempts                          every attempt, oldest first (?after= to follow)
//   POST   /_openzoom/events/trigger                            emit a sample of an event from the catalogue
//   GET    /_openzoom/event_types                               the catalogue's event names (?product=users)
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { Errors, ZoomError, type FieldError } from '../core/errors.ts';
import type { Db } from '../storage/db.ts';
import { getAccount, getApp } from '../tenancy/repository.ts';
import { readBody, readQuery } from '../control/schemas.ts';
import type { EventCatalogue } from './catalogue.ts';
import type { Deliverer } from './delivery.ts';
import { queueEvent } from './emit.ts';
import { deliveredEvent, OUTBOX_COLUMNS, type OutboxRow } from './envelope.ts';
import { sampleEvent } from './samples.ts';
import {
  countForApp,
  deleteSubscription,
  getSubscription,
  insertSubscription,
  listSubscriptions,
  MAX_SUBSCRIPTIONS_PER_APP,
  subscriptionView,
  updateSubscription,
  type Subscription,
  type SubscriptionChanges,
} from './subscriptions.ts';

export interface WebhookControlDeps {
  db: Db;
  clock: Clock;
  catalogue: EventCatalogue;
  deliverer: Deliverer;
}

const id = { type: 'string', minLength: 1, maxLength: 64 };
const text = (max: number) => ({ type: 'string', maxLength: max });
const list = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 128 }, maxItems: 1000 };
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });

const BODIES = {
  create: closed(
    { account_id: id, client_id: id, type: { enum: ['webhook', 'websocket'] }, name: text(128), endpoint_url: text(2048), secret_token: text(256), events: list, user_ids: list },
    ['account_id', 'client_id', 'events'],
  ),
  update: closed({ name: text(128), endpoint_url: text(2048), secret_token: text(256), events: list, user_ids: list }),
  trigger: closed({ event: text(128), account_id: id, client_id: id, subscription_id: id }, ['event']),
  none: closed({}),
};
const page = { after: { type: 'string', maxLength: 64 }, limit: { type: 'integer', minimum: 1, maximum: 1000 } };
const QUERIES = {
  list: closed({ account_id: id, client_id: id }),
  deliveries: closed({ ...page, status: { enum: ['pending', 'sending', 'delivered', 'failed'] } }),
  attempts: closed({ ...page, account_id: id, subscription_id: id }),
  types: closed({ product: text(64) }),
  none: closed({}),
};

const notFound = (what: string) => new ZoomError(404, 3001, `${what} does not exist.`);

function fail(reply: FastifyReply, err: ZoomError) {
  return reply.code(err.status).send(err.toJSON());
}

/** Only http: and https: URLs; anything else names the field. */
function endpointProblem(url: string | undefined): string | null {
  if (url === undefined || url.trim() === '') return 'Missing field.';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'Must be an http: or https: URL.';
  } catch {
    return 'Must be an http: or https: URL.';
  }
}

export function registerWebhookControl(c: FastifyInstance, deps: WebhookControlDeps): void {
  const { db, clock, catalogue, deliverer } = deps;

  const eventProblems = (events: string[] | undefined, required: boolean): FieldError[] => {
    if (events === undefined) return required ? [{ field: 'events', message: 'Missing field.' }] : [];
    if (events.length === 0) return [{ field: 'events', message: 'At least one event is required.' }];
    return events.flatMap((e, i) => (catalogue.has(e) ? [] : [{ field: `events[${i}]`, message: `Unknown event: ${e}.` }]));
  };

  const find = async (subscriptionId: string): Promise<Subscription> => {
    const sub = await getSubscription(db, subscriptionId);
    if (!sub) throw notFound(`Event subscription ${subscriptionId}`);
    return sub;
  };

  c.post('/event_subscriptions', async (req, reply) => {
    const b = readBody<{ account_id: string; client_id: string; type?: 'webhook' | 'websocket'; name?: string; endpoint_url?: string; secret_token?: string; events: string[]; user_ids?: string[] }>(req, BODIES.create);
    const kind = b.type ?? 'webhook';
    const problems = eventProblems(b.events, true);
    if (kind === 'webhook') {
      const bad = endpointProblem(b.endpoint_url);
      if (bad) problems.push({ field: 'endpoint_url', message: bad });
      if (!b.secret_token?.trim()) problems.push({ field: 'secret_token', message: 'Missing field.' });
    }
    if (problems.length > 0) return fail(reply, Errors.validation(problems));
    if (!(await getAccount(db, b.account_id))) return fail(reply, Errors.accountNotFound(b.account_id));
    const app = await getApp(db, b.client_id);
    if (!app || app.account_id !== b.account_id) return fail(reply, notFound(`App ${b.client_id} of account ${b.account_id}`));
    const sub = await db.transaction(async (tx) => {
      if ((await countForApp(tx, b.client_id)) >= MAX_SUBSCRIPTIONS_PER_APP) {
        throw new ZoomError(400, 300, `An app can have at most ${MAX_SUBSCRIPTIONS_PER_APP} event subscriptions.`);
      }
      return insertSubscription(tx, {
        account_id: b.account_id,
        client_id: b.client_id,
        kind,
        name: b.name ?? '',
        endpoint_url: kind === 'webhook' ? b.endpoint_url! : '',
        secret_token: b.secret_token ?? '',
        events: [...new Set(b.events)],
        user_ids: [...new Set(b.user_ids ?? [])],
      }, clock.now());
    });
    // As in Zoom's app settings, the endpoint is validated when it is set; until it passes it receives nothing.
    if (kind === 'webhook') await deliverer.validate(sub.id);
    return reply.code(201).send(subscriptionView(await find(sub.id)));
  });

  c.get('/event_subscriptions', async (req) => {
    const q = readQuery<{ account_id?: string; client_id?: string }>(req, QUERIES.list);
    return { subscriptions: (await listSubscriptions(db, q)).map(subscriptionView) };
  });

  c.get('/event_subscriptions/:id', async (req) => {
    readQuery(req, QUERIES.none);
    return subscriptionView(await find((req.params as { id: string }).id));
  });

  c.patch('/event_subscriptions/:id', async (req, reply) => {
    const b = readBody<SubscriptionChanges>(req, BODIES.update);
    const sub = await find((req.params as { id: string }).id);
    const problems = eventProblems(b.events, false);
    if (sub.kind === 'webhook') {
      if (b.endpoint_url !== undefined) {
        const bad = endpointProblem(b.endpoint_url);
        if (bad) problems.push({ field: 'endpoint_url', message: bad });
      }
      if (b.secret_token !== undefined && !b.secret_token.trim()) problems.push({ field: 'secret_token', message: 'Must not be empty.' });
    } else if (b.endpoint_url !== undefined || b.secret_token !== undefined) {
      problems.push({ field: b.endpoint_url !== undefined ? 'endpoint_url' : 'secret_token', message: 'A WebSocket subscription has none.' });
    }
    if (problems.length > 0) return fail(reply, Errors.validation(problems));
    const changes = { ...b, ...(b.events ? { events: [...new Set(b.events)] } : {}), ...(b.user_ids ? { user_ids: [...new Set(b.user_ids)] } : {}) };
    const updated = await db.transaction((tx) => updateSubscription(tx, sub, changes));
    if (updated.status === 'unvalidated' && sub.status === 'validated') await deliverer.validate(sub.id);
    return subscriptionView(await find(sub.id));
  });

  c.delete('/event_subscriptions/:id', async (req, reply) => {
    const sub = await find((req.params as { id: string }).id);
    await db.transaction((tx) => deleteSubscription(tx, sub.id));
    return reply.code(204).send();
  });

  c.post('/event_subscriptions/:id/validate', async (req) => {
    readBody(req, BODIES.none);
    const sub = await find((req.params as { id: string }).id);
    if (sub.kind !== 'webhook') throw Errors.validation([{ field: 'id', message: 'A WebSocket subscription is not validated.' }]);
    await deliverer.validate(sub.id);
    return subscriptionView(await find(sub.id));
  });

  c.get('/event_subscriptions/:id/events', async (req) => {
    const q = readQuery<{ after?: string; limit?: number; status?: string }>(req, QUERIES.deliveries);
    const sub = await find((req.params as { id: string }).id);
    const limit = q.limit ?? 100;
    const rows = await db.all<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE subscription_id = ? AND id > ?${q.status ? ' AND status = ?' : ''} ORDER BY id LIMIT ${limit}`,
      [sub.id, q.after ?? '', ...(q.status ? [q.status] : [])],
    );
    return { events: rows.map(deliveryView), next_after: rows.at(-1)?.id ?? q.after ?? '' };
  });

  const findDelivery = async (params: unknown) => {
    const { id: subId, delivery } = params as { id: string; delivery: string };
    const sub = await find(subId);
    const row = await db.get<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = ? AND subscription_id = ?`, [delivery, sub.id]);
    if (!row) throw notFound(`Event ${delivery} of subscription ${sub.id}`);
    return { sub, row };
  };

  c.get('/event_subscriptions/:id/events/:delivery', async (req) => {
    readQuery(req, QUERIES.none);
    const { row } = await findDelivery(req.params);
    const event = await db.get<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM webhook_events WHERE account_id = ? AND id = ?`, [row.account_id, row.event_id]);
    const attempts = await db.all<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt`, [row.id]);
    return { ...deliveryView(row), body: event ? deliveredEvent(event, catalogue) : null, attempts: attempts.map(attemptView) };
  });

  c.post('/event_subscriptions/:id/events/:delivery/redeliver', async (req, reply) => {
    readBody(req, BODIES.none);
    const { sub, row } = await findDelivery(req.params);
    if (sub.kind !== 'webhook') throw Errors.validation([{ field: 'delivery', message: 'WebSocket events are not delivered again.' }]);
    if (!(await deliverer.redeliver(row.id))) throw new ZoomError(409, 300, 'The event is being sent now.');
    return reply.code(202).send({ id: row.id, status: 'pending' });
  });

  c.get('/webhook_attempts', async (req) => {
    const q = readQuery<{ after?: string; limit?: number; account_id?: string; subscription_id?: string }>(req, QUERIES.attempts);
    const where = ['id > ?'];
    const params: string[] = [q.after ?? ''];
    if (q.account_id) (where.push('account_id = ?'), params.push(q.account_id));
    if (q.subscription_id) (where.push('subscription_id = ?'), params.push(q.subscription_id));
    const rows = await db.all<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${q.limit ?? 100}`, params);
    // A follower goes on from the newest attempt it saw (or the newest there is, on a first look with no rows).
    const newest = rows.at(-1)?.id ?? q.after ?? (await db.get<{ id: string | null }>('SELECT MAX(id) AS id FROM webhook_attempts'))?.id ?? '';
    return { attempts: rows.map(attemptView), next_after: newest };
  });

  c.get('/event_types', async (req) => {
    const q = readQuery<{ product?: string }>(req, QUERIES.types);
    return { events: catalogue.names().filter((e) => q.product === undefined || catalogue.product(e) === q.product) };
  });

  c.post('/events/trigger', async (req, reply) => {
    const b = readBody<{ event: string; account_id?: string; client_id?: string; subscription_id?: string }>(req, BODIES.trigger);
    if (!catalogue.has(b.event)) return fail(reply, Errors.validation([{ field: 'event', message: `Unknown event: ${b.event}.` }]));
    const sub = b.subscription_id ? await find(b.subscription_id) : undefined;
    const accountId = sub?.account_id ?? b.account_id;
    if (!accountId) return fail(reply, Errors.validation([{ field: 'account_id', message: 'Give account_id or subscription_id.' }]));
    if (!(await getAccount(db, accountId))) return fail(reply, Errors.accountNotFound(accountId));
    const onlyApp = sub?.client_id ?? b.client_id;
    const now = clock.now();
    const { payload, top } = sampleEvent(catalogue, b.event, now)!;
    const source = { accountId, operatorUserId: null, clientId: onlyApp ?? null, now };
    const { id: eventId, subscribers } = await db.transaction((tx) => queueEvent(tx, source, b.event, payload, { top, ...(onlyApp ? { onlyApp } : {}) }));
    const body = deliveredEvent((await db.get<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM webhook_events WHERE account_id = ? AND id = ?`, [accountId, eventId]))!, catalogue);
    return reply.code(201).send({ event_id: eventId, subscriptions: subscribers, body });
  });
}

interface DeliveryRow {
  id: string;
  account_id: string;
  subscription_id: string;
  event_id: string;
  event: string;
  status: string;
  attempts: number | string;
  due_at: number | string;
  updated_at: number | string;
  last_status: number | string | null;
}
const DELIVERY_COLUMNS = 'id, account_id, subscription_id, event_id, event, status, attempts, due_at, updated_at, last_status';
const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function deliveryView(r: DeliveryRow) {
  return {
    id: r.id,
    subscription_id: r.subscription_id,
    event: r.event,
    event_id: r.event_id,
    status: r.status,
    attempts: Number(r.attempts),
    last_status: r.last_status === null ? null : Number(r.last_status),
    next_attempt_at: r.status === 'pending' ? iso(r.due_at) : null,
    updated_at: iso(r.updated_at),
  };
}

interface AttemptRow {
  id: string;
  delivery_id: string;
  attempt: number | string;
  account_id: string;
  subscription_id: string;
  event: string;
  at: number | string;
  status_code: number | string;
  latency_ms: number | string;
  error: string;
  response: string;
}
const ATTEMPT_COLUMNS = 'id, delivery_id, attempt, account_id, subscription_id, event, at, status_code, latency_ms, error, response';

function attemptView(r: AttemptRow) {
  return {
    id: r.id,
    delivery_id: r.delivery_id,
    subscription_id: r.subscription_id,
    account_id: r.account_id,
    event: r.event,
    attempt: Number(r.attempt),
    at: iso(r.at),
    status_code: Number(r.status_code),
    latency_ms: Number(r.latency_ms),
    error: r.error,
    response: r.response,
  };
}
