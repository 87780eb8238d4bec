// Configuration from the command line and the environment (flags win).
// Read once by main.ts and passed down; nothing reads it at import time.
import { parseArgs } from 'node:util';
import { HISTORY_MAX } from './core/request-history.ts';
import type { WebhookOptions } from './webhooks/delivery.ts';
import { recordingsConfig, type RecordingsConfig } from './api/recordings/runtime.ts';

export interface Config {
  host: string;
  port: number;
  /** SQLite file, `:memory:`, or a postgres:// URL. */
  db: string;
  rateLimits: boolean;
  /** redis:// URL of the store for rate-limit counters shared by instances; without it, PostgreSQL (or memory on SQLite). */
  redis: string | undefined;
  unknownFields: 'ignore' | 'reject';
  /** Recurrence limits of meetings: Zoom's recurrence page ('doc', default) or its OpenAPI file's looser ones ('spec'). */
  recurrenceLimits?: 'doc' | 'spec';
  bodyLimit: number;
  /** Public base URL (for api_url and links in responses); defaults to http://host:port. */
  baseUrl: string | undefined;
  adminKey: string | undefined;
  /** Host names (beyond loopback names, IP addresses and the base URL's host) the control plane and consent page answer; `*` for any. */
  allowedHosts: string[];
  /** Milliseconds a client has to send a whole request (headers and body). */
  requestTimeout: number;
  /** Milliseconds requests in flight get to finish on SIGTERM/SIGINT before their connections are cut. */
  shutdownGrace: number;
  /** Whether approving on the consent page needs the user's password. */
  consentPassword: boolean;
  /** The request log on standard output: `auto` is pretty on a terminal, JSON lines otherwise. */
  log: LogFormat;
  /** How many requests `GET /_openzoom/requests` keeps in memory (0: none). */
  requestHistory: number;
  pins: { accountId?: string | undefined; clientId?: string | undefined; clientSecret?: string | undefined };
  /** Webhook delivery: retry schedule, timeout, concurrency, retention (src/webhooks/delivery.ts has the defaults). */
  webhooks?: Partial<WebhookOptions>;
  /** Cloud recordings: the file store (local or S3) and the processing delay (src/api/recordings/runtime.ts). */
  recordings?: RecordingsConfig;
}

export type LogFormat = 'auto' | 'pretty' | 'json' | 'off';
const LOG_FORMATS: readonly LogFormat[] = ['auto', 'pretty', 'json', 'off'];

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** A duration given in seconds (fractions allowed), as milliseconds. */
function seconds(flag: string, value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new Error(`--${flag} must be a number of seconds (0 < n <= 3600), not ${value}`);
  return Math.round(n * 1000);
}

/**
 * Node's server timeouts from the request timeout. A whole request (headers
 * and body) must arrive within it, checked often enough to matter for small
 * values; the socket inactivity bound covers what that does not (a client
 * that stops reading the answer) and never undercuts the keep-alive, which
 * stays at Fastify's 72 s so proxies in front keep their connections.
 */
export function serverTimeouts(config: Pick<Config, 'requestTimeout'>) {
  const keepAliveTimeout = 72_000;
  return {
    requestTimeout: config.requestTimeout,
    keepAliveTimeout,
    connectionTimeout: Math.max(2 * config.requestTimeout, keepAliveTimeout + 1000),
    http: {
      // Given here too: Node checks headersTimeout against the server's own requestTimeout (300 s by default) when it is made.
      requestTimeout: config.requestTimeout,
      headersTimeout: config.requestTimeout,
      connectionsCheckingInterval: Math.min(5000, Math.max(50, Math.floor(config.requestTimeout / 4))),
    },
  };
}

/** The server's flags (`openzoom start --help` lists each one; a test keeps the two in step). */
export const SERVER_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  'rate-limits': { type: 'string' },
  redis: { type: 'string' },
  'unknown-fields': { type: 'string' },
  'recurrence-limits': { type: 'string' },
  'body-limit': { type: 'string' },
  'base-url': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'request-timeout': { type: 'string' },
  'shutdown-grace': { type: 'string' },
  'consent-password': { type: 'string' },
  log: { type: 'string' },
  'request-history': { type: 'string' },
  'webhook-retries': { type: 'string' },
  'webhook-timeout': { type: 'string' },
  'webhook-gather': { type: 'string' },
  'webhook-retention': { type: 'string' },
} as const;

/**
 * What --db names: a file path, `:memory:`, or a PostgreSQL URL. Anything
 * else that looks like a URL (`mysql://…`, `sqlite:…`) is refused rather than
 * taken for a file name. A one-letter scheme is a Windows drive (`C:\…`).
 */
export function checkDbTarget(target: string): string {
  if (target === '') throw new Error('--db must not be empty');
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(target)?.[1]?.toLowerCase();
  if (target === ':memory:' || scheme === undefined || scheme === 'postgres' || scheme === 'postgresql') return target;
  throw new Error(
    `--db ${scheme}: is not supported. Give a SQLite file path (./data/openzoom.db), :memory:, or a postgres:// (postgresql://) URL.`,
  );
}

/** --webhook-retries (minutes, comma-separated; "none" for no retry), --webhook-timeout (seconds), --webhook-gather (ms), --webhook-retention (days). */
function webhookOptions(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): Partial<WebhookOptions> {
  const out: Partial<WebhookOptions> = {};
  const retries = (values['webhook-retries'] as string | undefined) ?? env.OPENZOOM_WEBHOOK_RETRIES;
  if (retries !== undefined) {
    const minutes = retries.trim() === 'none' ? [] : retries.split(',').map((m) => Number(m.trim()));
    if (minutes.some((m) => !Number.isFinite(m) || m <= 0)) throw new Error(`--webhook-retries must be minutes separated by commas (5,20,60) or none, not ${retries}`);
    out.retryScheduleMs = minutes.map((m) => Math.round(m * 60_000));
  }
  const timeout = (values['webhook-timeout'] as string | undefined) ?? env.OPENZOOM_WEBHOOK_TIMEOUT;
  if (timeout !== undefined) out.timeoutMs = seconds('webhook-timeout', timeout, 3);
  const gather = (values['webhook-gather'] as string | undefined) ?? env.OPENZOOM_WEBHOOK_GATHER;
  if (gather !== undefined) {
    const ms = Number(gather);
    if (!Number.isInteger(ms) || ms < 0 || ms > 1000) throw new Error(`--webhook-gather must be whole milliseconds from 0 to 1000, not ${gather}`);
    out.gatherMs = ms;
  }
  const retention = (values['webhook-retention'] as string | undefined) ?? env.OPENZOOM_WEBHOOK_RETENTION;
  if (retention !== undefined) {
    const days = Number(retention);
    if (!Number.isFinite(days) || days <= 0) throw new Error(`--webhook-retention must be a number of days, not ${retention}`);
    out.retentionMs = Math.round(days * 86_400_000);
  }
  return out;
}

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({ args: [...argv], options: SERVER_OPTIONS, strict: true });
  const rateLimits = (values['rate-limits'] ?? env.OPENZOOM_RATE_LIMITS ?? 'on').toLowerCase();
  if (rateLimits !== 'on' && rateLimits !== 'off') throw new Error(`--rate-limits must be on or off, not ${rateLimits}`);
  const unknownFields = (values['unknown-fields'] ?? env.OPENZOOM_UNKNOWN_FIELDS ?? 'ignore').toLowerCase();
  if (unknownFields !== 'ignore' && unknownFields !== 'reject') throw new Error(`--unknown-fields must be ignore or reject, not ${unknownFields}`);
  const recurrenceLimits = (values['recurrence-limits'] ?? env.OPENZOOM_RECURRENCE_LIMITS ?? 'doc').toLowerCase();
  if (recurrenceLimits !== 'doc' && recurrenceLimits !== 'spec') throw new Error(`--recurrence-limits must be doc or spec, not ${recurrenceLimits}`);
  const port = Number(values.port ?? env.OPENZOOM_PORT ?? 9090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port ?? env.OPENZOOM_PORT}`);
  const redis = values.redis ?? (env.OPENZOOM_REDIS_URL || undefined);
  if (redis !== undefined && !/^rediss?:\/\//.test(redis)) throw new Error(`--redis must be a redis:// or rediss:// URL, not ${redis}`);
  const bodyLimit = Number(values['body-limit'] ?? env.OPENZOOM_BODY_LIMIT ?? 2 * 1024 * 1024);
  const host = values.host ?? env.OPENZOOM_HOST ?? '127.0.0.1';
  // Off loopback anyone who can reach the page could approve as any user by email alone.
  const consent = (values['consent-password'] ?? env.OPENZOOM_CONSENT_PASSWORD ?? (LOOPBACK_HOSTS.has(host) ? 'off' : 'on')).toLowerCase();
  if (consent !== 'on' && consent !== 'off') throw new Error(`--consent-password must be on or off, not ${consent}`);
  const log = (values.log ?? env.OPENZOOM_LOG ?? 'auto').toLowerCase() as LogFormat;
  if (!LOG_FORMATS.includes(log)) throw new Error(`--log must be pretty, json or off, not ${log}`);
  const history = Number(values['request-history'] ?? env.OPENZOOM_REQUEST_HISTORY ?? 1000);
  if (!Number.isInteger(history) || history < 0 || history > HISTORY_MAX) {
    throw new Error(`--request-history must be a whole number of requests (0 to ${HISTORY_MAX}), not ${values['request-history'] ?? env.OPENZOOM_REQUEST_HISTORY}`);
  }
  return {
    webhooks: webhookOptions(values, env),
    recordings: recordingsConfig(env),
    host,
    port,
    db: checkDbTarget(values.db ?? env.OPENZOOM_DB ?? './data/openzoom.db'),
    rateLimits: rateLimits === 'on',
    redis,
    unknownFields,
    recurrenceLimits,
    bodyLimit,
    baseUrl: values['base-url'] ?? env.OPENZOOM_BASE_URL,
    adminKey: env.OPENZOOM_ADMIN_KEY || undefined,
    allowedHosts: (values['allowed-hosts'] ?? env.OPENZOOM_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    requestTimeout: seconds('request-timeout', values['request-timeout'] ?? env.OPENZOOM_REQUEST_TIMEOUT, 30),
    shutdownGrace: seconds('shutdown-grace', values['shutdown-grace'] ?? env.OPENZOOM_SHUTDOWN_GRACE, 5),
    consentPassword: consent === 'on',
    log,
    requestHistory: history,
    pins: {
      accountId: env.OPENZOOM_ACCOUNT_ID || undefined,
      clientId: env.OPENZOOM_CLIENT_ID || undefined,
      clientSecret: env.OPENZOOM_CLIENT_SECRET || undefined,
    },
  };
}
