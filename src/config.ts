// Configuration from the command line and the environment (flags win).
// Read once by main.ts and passed down; nothing reads it at import time.
import { parseArgs } from 'node:util';

export interface Config {
  host: string;
  port: number;
  /** SQLite file, `:memory:`, or a postgres:// URL. */
  db: string;
  rateLimits: boolean;
  unknownFields: 'ignore' | 'reject';
  bodyLimit: number;
  /** Public base URL (for api_url and links in responses); defaults to http://host:port. */
  baseUrl: string | undefined;
  adminKey: string | undefined;
  pins: { accountId?: string | undefined; clientId?: string | undefined; clientSecret?: string | undefined };
}

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      'rate-limits': { type: 'string' },
      'unknown-fields': { type: 'string' },
      'body-limit': { type: 'string' },
      'base-url': { type: 'string' },
    },
    strict: true,
  });
  const rateLimits = (values['rate-limits'] ?? env.OPENZOOM_RATE_LIMITS ?? 'on').toLowerCase();
  if (rateLimits !== 'on' && rateLimits !== 'off') throw new Error(`--rate-limits must be on or off, not ${rateLimits}`);
  const unknownFields = (values['unknown-fields'] ?? env.OPENZOOM_UNKNOWN_FIELDS ?? 'ignore').toLowerCase();
  if (unknownFields !== 'ignore' && unknownFields !== 'reject') throw new Error(`--unknown-fields must be ignore or reject, not ${unknownFields}`);
  const port = Number(values.port ?? env.OPENZOOM_PORT ?? 9090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port ?? env.OPENZOOM_PORT}`);
  const bodyLimit = Number(values['body-limit'] ?? env.OPENZOOM_BODY_LIMIT ?? 2 * 1024 * 1024);
  return {
    host: values.host ?? env.OPENZOOM_HOST ?? '127.0.0.1',
    port,
    db: values.db ?? env.OPENZOOM_DB ?? './data/openzoom.db',
    rateLimits: rateLimits === 'on',
    unknownFields,
    bodyLimit,
    baseUrl: values['base-url'] ?? env.OPENZOOM_BASE_URL,
    adminKey: env.OPENZOOM_ADMIN_KEY || undefined,
    pins: {
      accountId: env.OPENZOOM_ACCOUNT_ID || undefined,
      clientId: env.OPENZOOM_CLIENT_ID || undefined,
      clientSecret: env.OPENZOOM_CLIENT_SECRET || undefined,
    },
  };
}
