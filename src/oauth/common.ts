// Pieces every OAuth endpoint shares: its dependencies, how parameters and
// client credentials are read, and OAuth's own error shape ({reason, error},
// not the API's {code, message}).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrowserGuard } from '../core/browser.ts';
import type { Clock } from '../core/clock.ts';
import { sameSecret } from '../core/secrets.ts';
import type { Db } from '../storage/db.ts';
import type { AccountDirectory } from '../tenancy/directory.ts';
import { getApp, type AppRecord } from '../tenancy/repository.ts';
import type { SignInFailures } from './throttle.ts';
import type { Tokens } from './tokens.ts';

/** What the server hands the OAuth endpoints. */
export interface OAuthConfig {
  db: Db;
  clock: Clock;
  tokens: Tokens;
  accounts: AccountDirectory;
  baseUrl: string;
  /** Host and Origin rules for the consent page, a browser's target. */
  browser: BrowserGuard;
  /** Approving on the consent page needs the user's password. */
  consentPassword: boolean;
}

export interface OAuthDeps extends OAuthConfig {
  /** Failed client authentications (token and revoke endpoints). */
  clientFailures: SignInFailures;
  /** Failed passwords on the consent page. */
  consentFailures: SignInFailures;
}

/** Authorization codes live ten minutes (Zoom's documented lifetime). */
export const CODE_TTL_S = 600;
/** Refresh tokens live 90 days; each refresh answers a new one and retires the old. */
export const REFRESH_TTL_S = 90 * 24 * 3600;

export function tokenError(reply: FastifyReply, status: number, error: string, reason?: string): FastifyReply {
  return reply.code(status).send(reason ? { reason, error } : { error });
}

/** Query string and form (or JSON) body together, as Zoom accepts both; only string values count. */
export function oauthParams(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const body = typeof req.body === 'object' && req.body ? (req.body as Record<string, unknown>) : {};
  for (const source of [req.query as Record<string, unknown>, body]) {
    for (const [k, v] of Object.entries(source ?? {})) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // A NUL is in no client id or secret (and PostgreSQL cannot look one up): no credentials.
  if (colon < 0 || decoded.includes('\u0000')) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * The app whose credentials came in Basic auth (or client_id/client_secret
 * fields); otherwise the error is sent and the answer is null. Repeated
 * failures for a client id (or from an address) are refused 429 for the rest
 * of the minute without looking at the secret. Zoom documents no answer of
 * its own for this: the status is its rate-limit status ("429 Too Many
 * Requests: Hit an API rate limit", developers.zoom.us/docs/api/errors/), the
 * body its OAuth error shape {reason, error}.
 */
export async function authenticateClient(
  deps: OAuthDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  params: Record<string, string>,
  badStatus: 400 | 401 = 401,
): Promise<AppRecord | null> {
  const creds = basicCredentials(req.headers.authorization) ?? (params.client_id ? { id: params.client_id, secret: params.client_secret ?? '' } : null);
  const key = `client:${creds?.id ?? ''}`;
  const wait = deps.clientFailures.retryAfter(key, req.ip);
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    tokenError(reply, 429, 'invalid_client', `Too many failed client authentications. Try again in ${wait} seconds.`);
    return null;
  }
  const client = creds ? await getApp(deps.db, creds.id) : undefined;
  if (client && sameSecret(creds!.secret, client.client_secret)) return client;
  deps.clientFailures.fail(key, req.ip);
  tokenError(reply, badStatus, 'invalid_client', 'Invalid client_id or client_secret');
  return null;
}

export const appScopes = (app: AppRecord): string[] => app.scopes.split(' ').filter(Boolean);
export const redirectUris = (app: AppRecord): string[] => app.redirect_uris.split(' ').filter(Boolean);
