// POST /oauth/revoke?token=… with the app's Basic auth: revokes one of the
// app's access tokens or refresh tokens and answers {"status":"success"}, as
// Zoom documents ("Revoking an access token", OAuth 2.0 guide).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { trackingId } from '../core/tracking.ts';
import { authenticateClient, oauthParams, tokenError, type OAuthDeps } from './common.ts';
import { findGrant, spendGrant } from './repository.ts';
import { emitSignedInOut } from './events.ts';

export function registerRevoke(app: FastifyInstance, deps: OAuthDeps): void {
  app.post('/oauth/revoke', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-zm-trackingid', trackingId());
    const params = oauthParams(req);
    const client = await authenticateClient(deps, req, reply, params);
    if (!client) return reply;
    const token = params.token;
    if (!token) return tokenError(reply, 400, 'invalid_request', 'Missing token');

    const revoked = await deps.db.transaction(async (tx) => {
      // Access tokens are signed and carry a `jti`; anything else may be a refresh token.
      const holder = await deps.tokens.holderOf(tx, token);
      let user: { accountId: string; userId: string | null } | undefined;
      if (await deps.tokens.revoke(tx, token, client.client_id)) user = holder;
      else {
        const grant = await findGrant(tx, 'refresh', client.client_id, token);
        if (!grant) return false;
        await spendGrant(tx, grant.account_id, grant.token_hash);
        user = { accountId: grant.account_id, userId: grant.user_id };
      }
      // A user's token revoked is the user signed out of the app.
      if (user?.userId) await emitSignedInOut(tx, deps.clock, 'user.signed_out', { accountId: user.accountId, clientId: client.client_id, userId: user.userId });
      return true;
    });
    // A token this app was never issued (another app's, forged, unknown) is refused rather than silently accepted.
    if (!revoked) return tokenError(reply, 400, 'invalid_request', 'Invalid Token!');
    return reply.code(200).send({ status: 'success' });
  });
}
