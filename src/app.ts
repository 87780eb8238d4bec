// Builds the server from its dependencies. It never listens: main.ts does,
// and tests call `app.inject` or listen on a port of their own.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { dailyCapUsers, handlers } from './api/index.ts';
import { registerFileRoutes } from './api/accounts/routes.ts';
import { registerPhoneDownloads } from './phone/calls/downloads.ts';
import { serverTimeouts, type Config } from './config.ts';
import { registerControl } from './control/routes.ts';
import { registerConsole } from './control/console.ts';
import { BrowserGuard } from './core/browser.ts';
import { Clock } from './core/clock.ts';
import { Contract } from './core/contract.ts';
import { Errors, ZoomError } from './core/errors.ts';
import { MULTIPART_FILE_LIMIT } from './core/multipart.ts';
import { VERSION } from './core/version.ts';
import { unsafeFields } from './core/input-guard.ts';
import { PageTokens } from './core/pagination.ts';
import { pipeline, sendError, storageAnswer } from './core/pipeline.ts';
import { MemoryCounters, RateLimiter, type CounterStore } from './core/ratelimit.ts';
import { Coherence, coherentDb } from './core/coherence.ts';
import { ReadCache } from './core/read-cache.ts';
import { RequestHistory } from './core/request-history.ts';
import { keepBodyText, lineSink, recordRequests, type LineSink } from './core/request-log.ts';
import { apiRouter, routesFor } from './core/routes.ts';
import { trackingId } from './core/tracking.ts';
import { registerOAuth } from './oauth/routes.ts';
import { forgetPrivileges, privilegeCheck } from './api/roles/privileges.ts';
import { Tokens } from './oauth/tokens.ts';
import type { Db } from './storage/db.ts';
import { openCounters } from './storage/counters.ts';
import { deploymentId, readClock, serverSecret, writeClock } from './storage/meta.ts';
import { duplicateError, migrateIn } from './storage/migrations.ts';
import type { PgListener } from './storage/pg-notify.ts';
import { AccountDirectory } from './tenancy/directory.ts';
import { seedDemoIn, type DemoCredentials } from './tenancy/seed.ts';
import { LOOPBACK_HOSTS } from './config.ts';
import { EventCatalogue } from './webhooks/catalogue.ts';
import { Deliverer, wakingDb } from './webhooks/delivery.ts';
import { WebSocketHub } from './webhooks/websocket.ts';
import { unmatchedPastPath } from './live/past.ts';
import { openRecordings } from './api/recordings/runtime.ts';
import { registerDownloadRoutes } from './api/recordings/downloads.ts';

export { VERSION };

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  contract?: Contract;
  /** Rate-limit counters; by default chosen from the config and the database (src/storage/counters.ts). */
  counters?: CounterStore;
  /** Where request lines go; by default standard output in the configured format. */
  requestLines?: LineSink | null;
  /** Operations to serve as not implemented (501), e.g. to try a client's handling of Zoom's missing features. */
  unimplemented?: readonly string[];
}

export interface OpenZoom {
  app: FastifyInstance;
  demo: DemoCredentials | null;
  contract: Contract;
  clock: Clock;
  db: Db;
  /** How this instance's caches follow changes made anywhere (tests wait on it). */
  coherence: Coherence;
  /** Where rate-limit counters are kept (memory, PostgreSQL, Redis). */
  counters: string;
  /** Operation ids that have a provider method. */
  implemented: ReadonlySet<string>;
  /** The last requests answered (GET /_openzoom/requests). */
  history: RequestHistory;
  /** Webhook delivery (subscriptions, retries, the log). */
  webhooks: Deliverer;
  /** Zoom's event catalogue. */
  catalogue: EventCatalogue;
}

export async function buildApp(options: AppOptions): Promise<OpenZoom> {
  const { config } = options;
  const contract = options.contract ?? new Contract();
  const clock = options.clock ?? new Clock();
  const coherence = new Coherence();
  // On PostgreSQL, listen before reading anything that is kept in memory, so no change is missed.
  // pg is loaded only for PostgreSQL (SQLite starts without it).
  const listener = options.db.dialect === 'postgres' ? await (await import('./storage/pg-notify.ts')).PgListener.start(options.db, coherence) : undefined;
  // Delivery wakes after every commit that queued an event for a subscription.
  const waker = { wake: () => {} };
  const db = wakingDb(coherentDb(options.db, coherence), () => waker.wake());
  let limiter: RateLimiter | undefined;
  try {
    // Meta, migrations, secrets and the demo seed in one transaction under one lock: instances starting together take turns.
    const boot = await options.db.transaction(async (tx) => {
      await migrateIn(tx);
      const stored = await readClock(tx);
      if (stored) clock.restore(stored);
      return {
        tokenKey: await serverSecret(tx, 'token'),
        pageKey: await serverSecret(tx, 'page'),
        deployment: await deploymentId(tx),
        demo: await seedDemoIn(tx, clock, contract, config.pins),
      };
    });
    limiter = new RateLimiter(options.counters ?? (config.rateLimits ? await openCounters(config, db, boot.deployment) : new MemoryCounters()), config.rateLimits);
    return await assemble(options, { contract, clock, coherence, db, limiter, listener, waker, ...boot });
  } catch (err) {
    await listener?.close();
    await limiter?.close();
    throw err;
  }
}

interface Assembly {
  contract: Contract;
  clock: Clock;
  coherence: Coherence;
  db: Db;
  limiter: RateLimiter;
  listener: PgListener | undefined;
  waker: { wake: () => void };
  tokenKey: Buffer;
  pageKey: Buffer;
  demo: DemoCredentials | null;
}

async function assemble(options: AppOptions, parts: Assembly): Promise<OpenZoom> {
  const { config } = options;
  const { contract, clock, coherence, db, limiter, listener } = parts;
  const baseUrl = config.baseUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;

  const tokens = new Tokens(parts.tokenKey, clock, coherence);
  const accounts = new AccountDirectory(coherence, clock);
  const pages = new PageTokens(parts.pageKey);
  const catalogue = new EventCatalogue();
  const webhooks = new Deliverer({ db, clock, catalogue, ...(config.webhooks ? { options: config.webhooks } : {}) });
  parts.waker.wake = () => webhooks.committed();
  // The clock (and the rate limiter's spent windows with it) and role privileges follow changes too; a missed change rereads the clock.
  coherence.subscribe((change) => {
    switch (change.kind) {
      case 'clock':
        clock.restore(change.state);
        limiter.forgetWindows();
        // Retries that fell due on the moved clock go out at once.
        webhooks.clockMoved();
        break;
      case 'role':
        forgetPrivileges(change.accountId, change.roleId);
        break;
      case 'everything':
        forgetPrivileges();
        limiter.forgetWindows();
        readClock(db).then((s) => s && clock.restore(s), () => undefined);
        break;
    }
  });
  const handlerMap = handlers({ clock, baseUrl, readCache: (kind, alsoDroppedBy) => new ReadCache(kind, coherence, alsoDroppedBy), recurrenceLimits: config.recurrenceLimits ?? 'doc' });
  for (const id of options.unimplemented ?? []) handlerMap.delete(id);
  const deps = {
    contract,
    handlers: handlerMap,
    tokens,
    accounts,
    limiter,
    pages,
    db,
    clock,
    unknownFields: config.unknownFields,
    privileges: privilegeCheck(clock),
    dailyCapUsers,
    duplicateError,
  };

  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimit,
    ...serverTimeouts(config),
    exposeHeadRoutes: false,
    routerOptions: { caseSensitive: true, ignoreTrailingSlash: true, maxParamLength: 512 },
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-zm-trackingid', trackingId());
      sendError(reply, err.code === 'FST_ERR_BAD_URL' ? Errors.endpointNotRecognized() : Errors.badRequest(err.message));
    },
  });

  // What happened: a line per request and the last requests in memory
  // (src/core/request-log.ts). Registered before every route.
  const history = new RequestHistory(config.requestHistory);
  const lines = options.requestLines !== undefined ? { sink: options.requestLines, flush() {} } : lineSink(config.log);
  recordRequests(app, { history, sink: lines.sink, accountOfToken: (header) => tokens.accountOf(header) });
  app.addHook('onClose', async () => lines.flush());

  // Bodies: JSON (an empty body is no body), forms (the OAuth token endpoint),
  // and anything else read as JSON, as Zoom does for clients that omit the type.
  const parseJson = (req: FastifyRequest, body: string, done: (err: Error | null, value?: unknown) => void) => {
    keepBodyText(req, body);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body, (key, value) => (key === '__proto__' ? undefined : value)));
    } catch {
      done(Errors.invalidJson());
    }
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (req, body, done) => {
    keepBodyText(req, body as string);
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);
  // multipart/form-data (file uploads) is read by the pipeline, only on operations that take one.
  await app.register(multipart, { limits: { fileSize: MULTIPART_FILE_LIMIT, files: 1 } });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    reply.header('x-zm-trackingid', trackingId());
    const answer = storageAnswer(err, duplicateError);
    if (answer instanceof ZoomError) return sendError(reply, answer);
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, Errors.invalidJson());
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, Errors.bodyTooLarge(config.bodyLimit));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, Errors.unsupportedMediaType(String(_req.headers['content-type'] ?? '')));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, new ZoomError(err.statusCode, 300, err.message));
    return sendError(reply, err);
  });
  app.setNotFoundHandler((_req, reply) => {
    reply.header('x-zm-trackingid', trackingId());
    sendError(reply, Errors.endpointNotRecognized());
  });

  const route = apiRouter(routesFor(contract), (r) => pipeline(deps, r));
  app.all('/v2/*', (req, reply) => {
    const found = route(req.method, req.url);
    if (!found) {
      reply.header('x-zm-trackingid', trackingId());
      return sendError(reply, unmatchedPastPath(req.url) ?? Errors.endpointNotRecognized());
    }
    req.params = found.params;
    req.operationId = found.operationId;
    return found.handler(req, reply);
  });
  const browser = new BrowserGuard(config.allowedHosts, baseUrl);
  const implemented: ReadonlySet<string> = new Set(handlerMap.keys());
  // Cloud recordings: the file store and the processing sweep (src/api/recordings).
  const recordings = await openRecordings(config.recordings, config.db, { db, clock, baseUrl });
  app.addHook('onClose', async () => recordings.close());
  const demoHolder: { current: DemoCredentials | null } = { current: null };
  // Everything beside the API, in a scope of its own so that its hooks cost the API nothing.
  await app.register(async (edge) => {
    // The API pipeline refuses NULs and unsafe numbers naming the field; OAuth,
    // files and the control plane refuse them here, before any lookup.
    edge.addHook('preHandler', async (req, reply) => {
      if (unsafeFields(req.params).length + unsafeFields(req.query).length + unsafeFields(req.body).length === 0) return;
      if (req.url.startsWith('/oauth/')) return reply.code(400).send({ reason: 'Invalid request', error: 'invalid_request' });
      sendError(reply, Errors.badRequest('Request values must not contain NUL characters or numbers this large.'));
      return reply;
    });
    // Control-plane writes (accounts, apps, devices, reset) change what lists count.
    edge.addHook('onSend', async (req, _reply, payload) => {
      if (req.method !== 'GET' && req.url.startsWith('/_openzoom/')) pages.forget();
      return payload;
    });
    const oauth = registerOAuth(edge, { db, clock, tokens, accounts, baseUrl, browser, consentPassword: config.consentPassword });
    registerFileRoutes(edge, db);
    registerDownloadRoutes(edge, { db, clock, tokens, baseUrl, work: recordings.work });
    registerConsole(edge, { browser });
    registerPhoneDownloads(edge, { db, tokens });
    const forget = async () => {
      oauth.forget();
      pages.forget();
      tokens.forget();
      accounts.invalidate();
      forgetPrivileges();
      await limiter.reset();
    };
    registerControl(edge, {
      db,
      clock,
      contract,
      pins: config.pins,
      tokens,
      implemented,
      version: VERSION,
      baseUrl,
      demo: demoHolder,
      history,
      loopback: LOOPBACK_HOSTS.has(config.host),
      adminKey: config.adminKey,
      browser,
      forget,
      // Stored so that every instance on the database moves with it.
      saveClock: () => db.transaction((tx) => writeClock(tx, clock.state())),
      webhooks: { db, clock, catalogue, deliverer: webhooks },
      recordings: recordings.work,
    });
  });
  // WebSocket subscriptions on the API's port, at Zoom's path (/ws).
  const sockets = new WebSocketHub({ db, tokens, deliverer: webhooks, idleMs: webhooks.options.webSocketIdleMs });
  webhooks.sockets = sockets;
  sockets.attach(app.server);
  // Before the server waits for its connections to end: upgraded ones never would.
  app.addHook('preClose', async () => sockets.close());
  app.addHook('onClose', async () => {
    await webhooks.stop();
    await listener?.close();
    await limiter.close();
  });

  demoHolder.current = parts.demo;
  webhooks.start();
  return { app, demo: parts.demo, contract, clock, db, coherence, counters: limiter.storeName, implemented, history, webhooks, catalogue };
}
