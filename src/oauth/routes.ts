// POST /oauth/token. Parameters come in the query string or a form body, as
// Zoom accepts both; client credentials in HTTP Basic auth. Token errors use
// OAuth's own shape ({reason, error}), not the API's {code, message}.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { trackingId } from '../core/tracking.ts';
import type { Db } from '../storage/db.ts';
import { getApp, type AppRecord } from '../tenancy/repository.ts';
import type { AccountDirectory } from '../tenancy/directory.ts';
import type { Tokens } from './tokens.ts';

export interface OAuthDeps {
  db: Db;
  clock: Clock;
  tokens: Tokens;
  accounts: AccountDirectory;
  baseUrl: string;
}

function tokenError(reply: FastifyReply, status: number, error: string, reason?: string): void {
  reply.code(status).send(reason ? { reason, error } : { error });
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function registerOAuth(app: FastifyInstance, deps: OAuthDeps): void {
  app.post('/oauth/token', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-zm-trackingid', trackingId());
    const params = { ...(req.query as Record<string, string>), ...(typeof req.body === 'object' && req.body ? (req.body as Record<string, string>) : {}) };
    const creds = basicCredentials(req.headers.authorization) ?? (params.client_id ? { id: params.client_id, secret: params.client_secret ?? '' } : null);
    const grant = params.grant_type;
    if (!grant) return tokenError(reply, 400, 'invalid_request', 'Missing grant type');
    if (grant !== 'account_credentials') return tokenError(reply, 400, 'unsupported_grant_type', 'Unsupported grant type');

    const client: AppRecord | undefined = creds ? await getApp(deps.db, creds.id) : undefined;
    if (!client || client.client_secret !== creds!.secret) return tokenError(reply, 401, 'invalid_client', 'Invalid client_id or client_secret');
    if (client.app_type !== 's2s') return tokenError(reply, 400, 'unauthorized_client', 'The client is not authorized to use this grant type');
    if (!params.account_id) return tokenError(reply, 400, 'invalid_request', 'Missing account_id');
    const account = await deps.accounts.get(deps.db, params.account_id);
    // An app mints tokens for its own account only; another account answers as if unknown.
    if (!account || account.id !== client.account_id) return tokenError(reply, 400, 'invalid_request', 'Account does not exist');

    const issued = await deps.tokens.issue(deps.db, { accountId: account.id, clientId: client.client_id, userId: null, scopes: client.scopes.split(' ').filter(Boolean) });
    reply.header('cache-control', 'no-store');
    return reply.code(200).send({ ...issued, api_url: deps.baseUrl });
  });
}
