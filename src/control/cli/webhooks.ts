// Webhook commands: `listen` (Stripe's CLI's way: subscribe, print and forward
// each event, unsubscribe on Ctrl-C), `trigger`, `events` (the delivery log)
// and `subscriptions …`.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, type ControlClient } from './client.ts';
import { follow, interrupted, limitOf } from './follow.ts';
import type { CommandSpec, Values } from './commands.ts';
import { fields, statusColour, table, type Output } from './output.ts';

interface Subscription {
  id: string;
  account_id: string;
  client_id: string;
  type: string;
  name: string;
  endpoint_url: string | null;
  events: string[];
  user_ids: string[];
  status: string;
  validated_at: string | null;
  next_validation_at: string | null;
  last_validation: { at: string; ok: boolean; status_code: number; error: string } | null;
}

interface Attempt {
  id: string;
  delivery_id: string;
  subscription_id: string;
  event: string;
  attempt: number;
  at: string;
  status_code: number;
  latency_ms: number;
  error: string;
}

const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);
const names = (v: Values[string]): string[] | undefined => str(v)?.split(/[\s,]+/).filter(Boolean);
const q = encodeURIComponent;

/** The account and app a command acts for: the ones given, else the demo account and its app. */
async function appOf(client: ControlClient, values: Values): Promise<{ account_id: string; client_id: string }> {
  const account = str(values.account);
  const app = str(values.app);
  if (account && app) return { account_id: account, client_id: app };
  const demo = await client.get<{ account_id: string; client_id: string }>('/demo');
  if (!account) return { account_id: demo.account_id, client_id: app ?? demo.client_id };
  throw new CliError('Give --app with --account (the app whose subscription it is).', 2);
}

const ACCOUNT_OPTIONS = {
  account: { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' },
  app: { type: 'string', value: 'CLIENT_ID', description: "the app (default: the demo account's app)" },
} as const;

function printSubscription(out: Output, s: Subscription): void {
  if (out.json) return out.data(s);
  fields(out, [
    ['id', s.id],
    ['type', s.type],
    ['status', s.status === 'validated' ? out.green(s.status) : out.yellow(s.status)],
    ['endpoint', s.endpoint_url ?? undefined],
    ['events', s.events.join(' ')],
    ['users', s.user_ids.length ? s.user_ids.join(' ') : 'all users of the account'],
    ['account id', s.account_id],
    ['app', s.client_id],
    ['validated', s.validated_at ?? undefined],
    ['last validation', s.last_validation && !s.last_validation.ok ? out.red(s.last_validation.error) : undefined],
  ]);
}

function printAttempt(out: Output, a: Attempt): void {
  if (out.json) return out.line(JSON.stringify(a));
  const result = a.status_code > 0 ? String(a.status_code) : a.error || String(a.status_code);
  out.line(`${out.dim(a.at.replace('T', ' ').slice(0, 19))}  ${a.event.padEnd(32)} ${out.dim(`${a.subscription_id} ${a.delivery_id} #${a.attempt}`)}  ${statusColour(out, a.status_code < 0 ? 599 : a.status_code, result)}  ${out.dim(`${a.latency_ms} ms`)}`);
}

/** Until Ctrl-C (or SIGTERM): resolves then. */
const listen: CommandSpec = {
  name: 'listen',
  summary: 'subscribe to events, print each one and forward it, signed, to your app',
  options: {
    'forward-to': { type: 'string', value: 'URL', description: "your app's webhook endpoint (required)" },
    events: { type: 'string', value: 'a,b', description: 'the events (default: every event of the catalogue)' },
    secret: { type: 'string', value: 'TOKEN', description: 'the secret token events are signed with (default: a new one, printed)' },
    port: { type: 'string', value: 'N', description: 'the local port the server delivers to (default: any free one)' },
    ...ACCOUNT_OPTIONS,
  },
  notes: [
    'The server delivers to a local endpoint of this command, which passes each request on to --forward-to',
    "unchanged (Zoom's headers and signature, url validation included) and answers with your app's answer,",
    'so retries and the delivery log follow what your app did. Ctrl-C removes the subscription.',
    'openzoom listen --forward-to http://localhost:3000/webhook --events user.created,meeting.started',
  ],
  async run({ out, client, values }) {
    const target = str(values['forward-to']);
    if (!target || !URL.canParse(target) || !/^https?:$/.test(new URL(target).protocol)) throw new CliError('openzoom listen needs --forward-to with an http(s) URL.', 2);
    const port = Number(str(values.port) ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, not ${str(values.port)}`, 2);
    const secret = str(values.secret) ?? randomBytes(16).toString('base64url');
    const events = names(values.events) ?? (await client.get<{ events: string[] }>('/event_types')).events;
    const app = await appOf(client, values);

    const server = createServer((req, res) => void forward(out, target, req, res));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    let sub: Subscription | undefined;
    try {
      sub = await client.post<Subscription>('/event_subscriptions', { ...app, endpoint_url: local, secret_token: secret, events, name: `openzoom listen → ${target}` });
      if (sub.status !== 'validated') {
        throw new CliError(`${target} failed url validation: ${sub.last_validation?.error ?? 'no answer'}\nIt must answer endpoint.url_validation with {plainToken, encryptedToken} (HMAC-SHA256 of plainToken with the secret token).`);
      }
      if (out.json) out.line(JSON.stringify({ ready: true, subscription_id: sub.id, secret_token: secret, forward_to: target }));
      else {
        out.line(`${out.bold('Ready!')} Forwarding ${events.length === 1 ? events[0] : `${events.length} events`} to ${target}`);
        out.line(`Secret token: ${secret}  (subscription ${sub.id}; Ctrl-C to stop)`);
      }
      await interrupted();
    } finally {
      if (sub) await client.delete(`/event_subscriptions/${q(sub.id)}`).catch(() => undefined);
      server.closeAllConnections();
      server.close();
    }
  },
};

/** Passes one delivery on to the app, prints it, and answers the server with the app's answer. */
async function forward(out: Output, target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const pass = ['content-type', 'user-agent', 'clientid', 'x-zm-request-timestamp', 'x-zm-signature', 'x-zm-trackingid'];
  const headers = Object.fromEntries(pass.flatMap((h) => (typeof req.headers[h] === 'string' ? [[h, req.headers[h] as string]] : [])));
  let event: { event?: string; payload?: { object?: { id?: unknown; uuid?: unknown } } } = {};
  try {
    event = JSON.parse(body) as typeof event;
  } catch {
    // printed as it is
  }
  const started = performance.now();
  let status = 502;
  let answer = '';
  let error = '';
  try {
    // Within the server's own limit, so its attempt records this answer.
    const r = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(2900) });
    status = r.status;
    answer = await r.text();
  } catch (err) {
    error = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
  }
  const ms = Math.round(performance.now() - started);
  const ids = [event.payload?.object?.id, event.payload?.object?.uuid].filter((v) => v !== undefined).join(' ');
  if (out.json) out.line(JSON.stringify({ event: event.event, id: event.payload?.object?.id, status: error ? null : status, error: error || undefined, ms }));
  else out.line(`${out.dim(new Date().toISOString().slice(11, 19))}  ${String(event.event).padEnd(32)} ${ids ? `${ids}  ` : ''}→ ${error ? out.red(error) : statusColour(out, status, String(status))} ${out.dim(`(${ms} ms)`)}`);
  res.writeHead(status, { 'content-type': 'application/json' }).end(answer);
}

const trigger: CommandSpec = {
  name: 'trigger',
  summary: "emit a valid sample of an event (built from Zoom's catalogue) to an app's subscriptions",
  args: 'EVENT',
  positionals: { min: 1, max: 1 },
  options: {
    ...ACCOUNT_OPTIONS,
    subscription: { type: 'string', value: 'ID', description: 'to this subscription (its account and app)' },
  },
  notes: ['openzoom trigger meeting.started'],
  async run({ out, client, values, positionals }) {
    const subscription = str(values.subscription);
    const target = subscription ? { subscription_id: subscription } : await appOf(client, values);
    const r = await client.post<{ event_id: string; subscriptions: string[]; body: unknown }>('/events/trigger', { event: positionals[0], ...target });
    if (out.json) return out.data(r);
    out.line(`${positionals[0]} emitted (${r.event_id}) to ${r.subscriptions.length} subscription${r.subscriptions.length === 1 ? '' : 's'}${r.subscriptions.length ? `: ${r.subscriptions.join(' ')}` : ''}`);
  },
};

const events: CommandSpec = {
  name: 'events',
  summary: 'the delivery log: every attempt, with its status and latency',
  options: {
    follow: { type: 'boolean', short: 'f', description: 'keep printing attempts as they happen' },
    subscription: { type: 'string', value: 'ID', description: "only this subscription's" },
    account: { type: 'string', value: 'ACCOUNT_ID', description: "only this account's" },
    limit: { type: 'string', value: 'N', description: 'at most N (default 100)' },
  },
  notes: ['openzoom events show SUBSCRIPTION_ID EVENT_ID and openzoom events redeliver SUBSCRIPTION_ID EVENT_ID act on one event.'],
  async run({ out, client, values }) {
    const limit = limitOf(str(values.limit), '100');
    const filter = new URLSearchParams();
    if (str(values.subscription)) filter.set('subscription_id', str(values.subscription)!);
    if (str(values.account)) filter.set('account_id', str(values.account)!);
    const page = async (after: string, n: string) => client.get<{ attempts: Attempt[]; next_after: string }>(`/webhook_attempts?${filter}&after=${q(after)}&limit=${n}`);
    let last = await page('', limit);
    if (out.json && !values.follow) return out.data(last.attempts);
    for (const a of last.attempts) printAttempt(out, a);
    if (!values.follow) return;
    await follow(async () => {
      last = await page(last.next_after, '500');
      for (const a of last.attempts) printAttempt(out, a);
    });
  },
};

const eventsShow: CommandSpec = {
  name: 'events show',
  summary: 'one event as delivered, and every attempt',
  args: 'SUBSCRIPTION_ID EVENT_ID',
  positionals: { min: 2, max: 2 },
  options: {},
  async run({ out, client, positionals }) {
    const [sub, id] = positionals as [string, string];
    const d = await client.get<{ id: string; event: string; status: string; attempts: Attempt[]; next_attempt_at: string | null; body: unknown }>(`/event_subscriptions/${q(sub)}/events/${q(id)}`);
    if (out.json) return out.data(d);
    fields(out, [
      ['event', d.event],
      ['status', d.status],
      ['next attempt', d.next_attempt_at ?? undefined],
    ]);
    out.line(JSON.stringify(d.body, null, 2));
    for (const a of d.attempts) printAttempt(out, a);
  },
};

const eventsRedeliver: CommandSpec = {
  name: 'events redeliver',
  summary: 'send one event again now',
  args: 'SUBSCRIPTION_ID EVENT_ID',
  positionals: { min: 2, max: 2 },
  options: {},
  async run({ out, client, positionals }) {
    const [sub, id] = positionals as [string, string];
    const r = await client.post(`/event_subscriptions/${q(sub)}/events/${q(id)}/redeliver`, {});
    if (out.json) return out.data(r);
    out.line(`${id} queued to be sent again.`);
  },
};

const subscriptionsList: CommandSpec = {
  name: 'subscriptions list',
  summary: 'event subscriptions (every one, or an account’s or app’s)',
  options: { account: ACCOUNT_OPTIONS.account, app: ACCOUNT_OPTIONS.app },
  async run({ out, client, values }) {
    const filter = new URLSearchParams();
    if (str(values.account)) filter.set('account_id', str(values.account)!);
    if (str(values.app)) filter.set('client_id', str(values.app)!);
    const r = await client.get<{ subscriptions: Subscription[] }>(`/event_subscriptions?${filter}`);
    if (out.json) return out.data(r);
    table(out, ['ID', 'TYPE', 'STATUS', 'ENDPOINT', 'EVENTS'], r.subscriptions.map((s) => [s.id, s.type, s.status, s.endpoint_url ?? '', s.events.length > 3 ? `${s.events.length} events` : s.events.join(' ')]));
  },
};

const subscriptionsCreate: CommandSpec = {
  name: 'subscriptions create',
  summary: 'subscribe an endpoint (validated first) or a WebSocket to events',
  options: {
    endpoint: { type: 'string', value: 'URL', description: 'the endpoint URL (not with --websocket)' },
    secret: { type: 'string', value: 'TOKEN', description: 'the secret token events are signed with' },
    events: { type: 'string', value: 'a,b', description: 'the events (required)' },
    users: { type: 'string', value: 'a,b', description: "only these users' events (default: all users)" },
    websocket: { type: 'boolean', description: 'a WebSocket subscription (connect to /ws?subscriptionId=…&access_token=…)' },
    name: { type: 'string', value: 'NAME', description: 'a name for it' },
    ...ACCOUNT_OPTIONS,
  },
  async run({ out, client, values }) {
    const list = names(values.events);
    if (!list) throw new CliError('openzoom subscriptions create needs --events.', 2);
    const users = names(values.users);
    const s = await client.post<Subscription>('/event_subscriptions', {
      ...(await appOf(client, values)),
      events: list,
      ...(values.websocket ? { type: 'websocket' } : { endpoint_url: str(values.endpoint), secret_token: str(values.secret) }),
      ...(users ? { user_ids: users } : {}),
      ...(str(values.name) ? { name: str(values.name) } : {}),
    });
    printSubscription(out, s);
  },
};

const byId = (name: string, summary: string, act: (client: ControlClient, id: string) => Promise<Subscription | undefined>): CommandSpec => ({
  name,
  summary,
  args: 'SUBSCRIPTION_ID',
  positionals: { min: 1, max: 1 },
  options: {},
  async run({ out, client, positionals }) {
    const s = await act(client, positionals[0]!);
    if (s) printSubscription(out, s);
    else if (out.json) out.data({ deleted: positionals[0] });
    else out.line(`${positionals[0]} deleted.`);
  },
});

const subscriptionsGet = byId('subscriptions get', 'one subscription', (c, id) => c.get<Subscription>(`/event_subscriptions/${q(id)}`));
const subscriptionsValidate = byId('subscriptions validate', 'validate the endpoint again, now', (c, id) => c.post<Subscription>(`/event_subscriptions/${q(id)}/validate`, {}));
const subscriptionsDelete = byId('subscriptions delete', 'remove a subscription (and its log)', async (c, id) => void (await c.delete(`/event_subscriptions/${q(id)}`)));

export const WEBHOOK_COMMANDS: readonly CommandSpec[] = [
  listen,
  trigger,
  events,
  eventsShow,
  eventsRedeliver,
  subscriptionsList,
  subscriptionsGet,
  subscriptionsCreate,
  subscriptionsValidate,
  subscriptionsDelete,
];
