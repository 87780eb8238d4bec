// The OAuth endpoints: /oauth/authorize (authorize.ts), POST /oauth/token
// (account_credentials here, the user and chatbot grants in token.ts) and
// POST /oauth/revoke (revoke.ts). Parameters come in the query string or a form
// body, as Zoom accepts both; client credentials in HTTP Basic auth.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { trackingId } from '../core/tracking.ts';
import { registerAuthorize } from './authorize.ts';
import { appScopes, authenticateClient, oauthParams, tokenError, type OAuthConfig, type OAuthDeps } from './common.ts';
import { registerRevoke } from './revoke.ts';
import { SignInFailures } from './throttle.ts';
import { isUserGrant, sendUserGrant } from './token.ts';

export type { OAuthConfig } from './common.ts';

/** Registers the endpoints; `forget` drops their in-memory failure counts (control plane reset). */
export function registerOAuth(app: FastifyInstance, config: OAuthConfig): { forget(): void } {
  const deps: OAuthDeps = { ...config, clientFailures: new SignInFailures(config.clock), consentFailures: new SignInFailures(config.clock) };
  registerAuthorize(app, deps);
  registerRevoke(app, deps);

  app.post('/oauth/token', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-zm-trackingid', trackingId());
    const params = oauthParams(req);
    const grant = params.grant_type;
    if (!grant) return tokenError(reply, 400, 'invalid_request', 'Missing grant type');
    if (grant !== 'account_credentials' && !isUserGrant(grant)) return tokenError(reply, 400, 'unsupported_grant_type', 'unsupported grant type');

    // Zoom answers bad client credentials on the token endpoint with 400, not 401.
    const client = await authenticateClient(deps, req, reply, params, 400);
    if (!client) return reply;
    if (grant !== 'account_credentials') return sendUserGrant(deps, reply, grant, client, params);

    if (client.app_type !== 's2s') return tokenError(reply, 400, 'unauthorized_client', 'The client is not authorized to use this grant type');
    if (!params.account_id) return tokenError(reply, 400, 'invalid_request', 'Missing account_id');
    const account = await deps.accounts.get(deps.db, params.account_id);
    // An app mints tokens for its own account only; another account answers as if unknown.
    if (!account || account.id !== client.account_id) return tokenError(reply, 400, 'invalid_request', 'Account does not exist');

    const issued = await deps.tokens.issue(deps.db, { accountId: account.id, clientId: client.client_id, userId: null, scopes: appScopes(client) });
    reply.header('cache-control', 'no-store');
    return reply.code(200).send({ ...issued, api_url: deps.baseUrl });
  });
  return {
    forget() {
      deps.clientFailures.reset();
      deps.consentFailures.reset();
    },
  };
}
