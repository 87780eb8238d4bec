// The control plane under /_openzoom/: health, version, reset, the clock, and
// creating accounts and apps (for tests that need a second account or an app
// with chosen scopes); reading them back (inventory.ts), the request history
// (requests.ts) and the contract as OpenAPI (openapi.ts). Every body and
// query is checked against a schema (schemas.ts). Open on loopback; elsewhere
// it needs OPENZOOM_ADMIN_KEY — except health, which reveals nothing and must
// answer a container's or load balancer's probe whatever the Host.
// A web page must not be able to drive it: only this server's Host names
// (DNS rebinding), no foreign Origin (cross-site requests), and writes only
// as application/json, which a page cannot send cross-site without a CORS
// preflight this server never grants (a text/plain or form POST is refused
// 415 before its body is read, even an empty one).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.ts';
import type { BrowserGuard } from '../core/browser.ts';
import type { Contract } from '../core/contract.ts';
import { Errors, ZoomError } from '../core/errors.ts';
import type { Plan } from '../core/ratelimit.ts';
import type { RequestHistory } from '../core/request-history.ts';
import { sameSecret } from '../core/secrets.ts';
import type { Tokens } from '../oauth/tokens.ts';
import { getUser, getUserByEmail } from '../api/users/repository.ts';
import { addCollaborationDevice } from '../api/users/devices.ts';
import type { Db } from '../storage/db.ts';
import { DATA_TABLES } from '../storage/migrations.ts';
import { allScopes, createAccount, createApp, type AddonsInput } from '../tenancy/provisioning.ts';
import { robotJid } from '../api/chat/model.ts';
import { getAccount, type AppType } from '../tenancy/repository.ts';
import { seedDemo, type DemoCredentials, type DemoPins } from '../tenancy/seed.ts';
import { registerChatControl } from './chat.ts';
import { registerAddons } from './addons.ts';
import { registerInventory } from './inventory.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRequests } from './requests.ts';
import { registerCoverage } from './coverage.ts';
import { registerLiveControl } from '../live/control.ts';
import { registerRecordingControl } from '../api/recordings/control.ts';
import type { RecordingWork } from '../api/recordings/processing.ts';
import { meetingKind } from '../live/meetings.ts';
import { webinarKind } from '../live/webinars.ts';
import { registerPhoneControl } from '../phone/calls/control.ts';
import { registerActivityControl } from '../api/reports/control.ts';
import { registerScenarios } from '../scenarios/control.ts';
import { BODIES, readBody } from './schemas.ts';
import { DirectRoutes } from './direct.ts';
import { registerWebhookControl, type WebhookControlDeps } from '../webhooks/control.ts';
import { registerRoomsControl } from '../api/rooms/control.ts';

export interface ControlDeps {
  db: Db;
  clock: Clock;
  contract: Contract;
  pins: DemoPins;
  tokens: Tokens;
  /** Operation ids that have a provider method. */
  implemented: ReadonlySet<string>;
  version: string;
  /** The server's public base URL (the OpenAPI document's server). */
  baseUrl: string;
  /** The demo account's credentials as the banner showed them; a reset keeps them. */
  demo: { current: DemoCredentials | null };
  /** The last requests answered (GET /_openzoom/requests). */
  history: RequestHistory;
  /** True when the server listens on loopback only. */
  loopback: boolean;
  adminKey: string | undefined;
  /** Host and Origin rules for requests a browser could send. */
  browser: BrowserGuard;
  /** Drops every in-memory cache (tokens, accounts, rate counters). */
  forget(): Promise<void>;
  /** Stores the clock's state, so that every instance on the database moves with it. */
  saveClock(): Promise<void>;
  /** Event subscriptions and the delivery log (src/webhooks/control.ts). */
  webhooks?: WebhookControlDeps;
  /** Cloud recording processing, purge and collection (src/api/recordings). */
  recordings?: RecordingWork;
}

const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function fail(err: ZoomError, reply: FastifyReply) {
  return reply.code(err.status).send(err.toJSON());
}

function parseTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export function registerControl(app: FastifyInstance, deps: ControlDeps): void {
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method === 'GET' && req.routeOptions.url === '/_openzoom/health') return;
    const refusal = deps.browser.refusal(req.headers);
    if (refusal) return fail(new ZoomError(403, 200, refusal), reply);
    if (!deps.loopback || deps.adminKey) {
      const header = req.headers['x-openzoom-admin-key'];
      const given = (Array.isArray(header) ? header[0] : header) ?? req.headers.authorization?.replace(/^Bearer /, '');
      if (!deps.adminKey || given === undefined || !sameSecret(given, deps.adminKey)) {
        return fail(new ZoomError(403, 200, 'The control plane needs OPENZOOM_ADMIN_KEY when the server is not bound to loopback.'), reply);
      }
    }
    if (WRITES.has(req.method)) {
      const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return fail(Errors.unsupportedMediaType(type || '(none)'), reply);
    }
  };

  app.register(
    async (c) => {
      c.addHook('onRequest', guard);

      // Actions the scenario runner plays in process (the clock, live sessions), registered once for both.
      const direct = new DirectRoutes('/_openzoom');
      // Live meetings; their plan limits are swept whenever the clock moves.
      const live = registerLiveControl(c, deps, [meetingKind, webinarKind], direct);
      if (deps.recordings) registerRecordingControl(c, { db: deps.db, work: deps.recordings });
      // Zoom Phone calls; their steps are emitted whenever the clock moves.
      const calls = registerPhoneControl(c, deps);

      c.get('/health', async () => ({ status: 'ok', database: deps.db.dialect, time: deps.clock.iso() }));

      c.get('/version', async () => ({
        version: deps.version,
        api: 'v2',
        ...deps.contract.coverage(deps.implemented),
      }));

      // The demo account comes back with the credentials it had (pinned ones
      // win), so the banner's curl and scripts holding them keep working.
      c.post('/reset', async (req) => {
        readBody(req, BODIES.reset);
        const before = deps.demo.current;
        await deps.db.transaction(async (tx) => {
          for (const table of DATA_TABLES) await tx.run(`DELETE FROM ${table}`);
        });
        await deps.forget();
        deps.clock.reset();
        await deps.saveClock();
        const pins: DemoPins = {
          accountId: deps.pins.accountId ?? before?.accountId,
          clientId: deps.pins.clientId ?? before?.clientId,
          clientSecret: deps.pins.clientSecret ?? before?.clientSecret,
        };
        const demo = await seedDemo(deps.db, deps.clock, deps.contract, pins);
        deps.demo.current = demo;
        return { reset: true, account_id: demo?.accountId, client_id: demo?.clientId, client_secret: demo?.clientSecret };
      });

      const clockState = () => ({ now: deps.clock.iso(), now_ms: deps.clock.now(), frozen: deps.clock.frozen });
      c.get('/clock', async () => clockState());
      direct.add<{ set?: string | number; advance_seconds?: number; freeze?: boolean; reset?: boolean }>(c, 'POST', '/clock', BODIES.clock, async (_params, body) => {
        // Validated whole before anything moves: a half-bad body changes nothing.
        const t = body.set === undefined ? undefined : parseTime(body.set);
        if (t === null) throw Errors.validation([{ field: 'set', message: 'Invalid field.' }]);
        if (body.reset === true) deps.clock.reset();
        if (t !== undefined) deps.clock.set(t);
        if (body.advance_seconds !== undefined) deps.clock.advance(body.advance_seconds * 1000);
        if (body.freeze === true) deps.clock.freeze();
        if (body.freeze === false) deps.clock.resume();
        await deps.saveClock();
        await live.settleDue();
        await deps.recordings?.clockMoved();
        await calls.settleDue();
        return { status: 200, body: clockState() };
      });

      c.post('/accounts', async (req, reply) => {
        const body = readBody<{
          account_name?: string;
          plan?: Plan;
          owner_email?: string;
          master_account_id?: string;
          seats?: number;
          scopes?: string[];
          addons?: AddonsInput;
        }>(req, BODIES.account);
        if (body.master_account_id !== undefined && !(await getAccount(deps.db, body.master_account_id))) {
          return fail(Errors.accountNotFound(body.master_account_id), reply);
        }
        const out = await deps.db.transaction(async (tx) => {
          const { account, ownerId } = await createAccount(tx, deps.clock, {
            ...(body.account_name !== undefined ? { account_name: body.account_name } : {}),
            ...(body.plan !== undefined ? { plan: body.plan } : {}),
            ...(body.owner_email !== undefined ? { owner_email: body.owner_email } : {}),
            ...(body.seats !== undefined ? { seats: body.seats } : {}),
            ...(body.addons !== undefined ? { addons: body.addons } : {}),
            master_account_id: body.master_account_id ?? null,
          });
          const app = await createApp(tx, deps.clock, { account_id: account.id, scopes: body.scopes ?? allScopes(deps.contract) });
          return { account_id: account.id, account_number: account.account_number, plan: account.plan, owner_id: ownerId, owner_email: account.data.owner_email, client_id: app.client_id, client_secret: app.client_secret };
        });
        return reply.code(201).send(out);
      });

      c.post('/apps', async (req, reply) => {
        const body = readBody<{ account_id: string; scopes: string[]; app_type?: AppType; name?: string; redirect_uris?: string[] }>(req, BODIES.app);
        if (!(await getAccount(deps.db, body.account_id))) return fail(Errors.accountNotFound(body.account_id), reply);
        const app = await deps.db.transaction((tx) =>
          createApp(tx, deps.clock, {
            account_id: body.account_id,
            scopes: body.scopes,
            ...(body.app_type !== undefined ? { app_type: body.app_type } : {}),
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.redirect_uris !== undefined ? { redirect_uris: body.redirect_uris } : {}),
          }),
        );
        return reply.code(201).send({ client_id: app.client_id, client_secret: app.client_secret, account_id: app.account_id, app_type: app.app_type, scopes: app.scopes.split(' ').filter(Boolean), redirect_uris: app.redirect_uris.split(' ').filter(Boolean), ...(app.app_type === 'chatbot' ? { robot_jid: robotJid(app.client_id) } : {}) });
      });

      // Pairing a collaboration device happens on the device, never through the API.
      c.post('/users/:userId/collaboration_devices', async (req, reply) => {
        const body = readBody<{ account_id: string } & Record<string, unknown>>(req, BODIES.device);
        if (!(await getAccount(deps.db, body.account_id))) return fail(Errors.accountNotFound(body.account_id), reply);
        const accountId = body.account_id;
        const userId = (req.params as { userId: string }).userId;
        const out = await deps.db.transaction((tx) => addCollaborationDevice(tx, accountId, userId, body, deps.clock.iso()));
        if ('notFound' in out) return fail(Errors.userNotFound(userId), reply);
        if ('invalid' in out) return fail(Errors.validation([{ field: out.invalid, message: 'Invalid field.' }]), reply);
        return reply.code(201).send(out.device);
      });

      // A token without the browser dance: a user's (by id or email; for tests
      // of `me`, own-user scopes and role privileges) or, with neither, the
      // account's. Scopes default to every scope.
      c.post('/tokens', async (req, reply) => {
        const body = readBody<{ account_id: string; user_id?: string; email?: string; scopes?: string[] }>(req, BODIES.token);
        const accountId = body.account_id;
        if (!(await getAccount(deps.db, accountId))) return fail(Errors.accountNotFound(accountId), reply);
        if (body.user_id !== undefined && body.email !== undefined) {
          return fail(Errors.validation([{ field: 'email', message: 'Give user_id or email, not both.' }]), reply);
        }
        let userId: string | null = null;
        if (body.user_id !== undefined || body.email !== undefined) {
          const user = body.user_id !== undefined ? await getUser(deps.db, accountId, body.user_id) : await getUserByEmail(deps.db, accountId, body.email!);
          if (!user) return fail(Errors.userNotFound(body.user_id ?? body.email!), reply);
          userId = user.id;
        }
        const scopes = body.scopes ?? allScopes(deps.contract);
        const issued = await deps.db.transaction(async (tx) => {
          const app = userId
            ? await createApp(tx, deps.clock, { account_id: accountId, scopes, app_type: 'oauth', name: 'User-managed OAuth app' })
            : await createApp(tx, deps.clock, { account_id: accountId, scopes, name: 'Control-plane token' });
          return deps.tokens.issue(tx, { accountId, clientId: app.client_id, userId, scopes });
        });
        return reply.code(201).send(issued);
      });

      registerChatControl(c, deps);
      registerRoomsControl(c, deps);
      registerInventory(c, deps);
      registerAddons(c, deps);
      registerRequests(c, deps.history);
      registerOpenApi(c, deps);
      registerCoverage(c, deps);
      registerActivityControl(c, deps);
      registerScenarios(c, app, { ...deps, direct });
      if (deps.webhooks) registerWebhookControl(c, deps.webhooks);
    },
    { prefix: '/_openzoom' },
  );
}
