// Pieces every OAuth endpoint shares: its dependencies, how parameters and
// client credentials are read, and OAuth's own error shape ({reason, error},
// not the API's {code, message}).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../storage/db.ts';
import type { AccountDirectory } from '../tenancy/directory.ts';
import { getApp, type AppRecord } from '../tenancy/repository.ts';
import type { Tokens } from './tokens.ts';

export interface OAuthDeps {
  db: Db;
  clock: Clock;
  tokens: Tokens;
  accounts: AccountDirectory;
  baseUrl: string;
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
  return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The app whose credentials came in Basic auth (or client_id/client_secret fields), or undefined. */
export async function authenticateClient(deps: OAuthDeps, req: FastifyRequest, params: Record<string, string>): Promise<AppRecord | undefined> {
  const creds = basicCredentials(req.headers.authorization) ?? (params.client_id ? { id: params.client_id, secret: params.client_secret ?? '' } : null);
  if (!creds) return undefined;
  const client = await getApp(deps.db, creds.id);
  return client && client.client_secret === creds.secret ? client : undefined;
}

export const appScopes = (app: AppRecord): string[] => app.scopes.split(' ').filter(Boolean);
export const redirectUris = (app: AppRecord): string[] => app.redirect_uris.split(' ').filter(Boolean);
