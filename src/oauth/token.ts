// POST /oauth/token grants beyond account_credentials: authorization_code
// (with PKCE), refresh_token (rotating) and client_credentials (chatbot apps).
// Error reasons follow what Zoom answers: {"reason":"Invalid authorization code",
// "error":"invalid_grant"}, {"reason":"Invalid Token!","error":"invalid_grant"}
// for a dead refresh token, 4709 "Redirect URI mismatch." (Zoom's OAuth error
// messages page, developers.zoom.us/docs/integrations/oauth-error-messages/).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { getUser, updateUser } from '../api/users/repository.ts';
import { VERSION } from '../core/version.ts';
import type { Queryable } from '../storage/db.ts';
import type { AppRecord } from '../tenancy/repository.ts';
import { appScopes, REFRESH_TTL_S, tokenError, type OAuthDeps } from './common.ts';
import { findGrant, hashSecret, insertGrant, newSecret, spendGrant, type GrantRecord } from './repository.ts';

/** App types that act for a user through the authorization code flow. */
export const USER_APP_TYPES: ReadonlySet<string> = new Set(['oauth', 'chatbot']);

class GrantError extends Error {
  readonly status: number;
  readonly error: string;
  readonly reason: string;
  constructor(status: number, error: string, reason: string) {
    super(reason);
    this.status = status;
    this.error = error;
    this.reason = reason;
  }
}

const unauthorizedClient = () => new GrantError(400, 'unauthorized_client', 'The client is not authorized to use this grant type');
const invalidCode = () => new GrantError(400, 'invalid_grant', 'Invalid authorization code');
const invalidRefresh = () => new GrantError(400, 'invalid_grant', 'Invalid Token!');

/** RFC 7636: S256 compares base64url(sha256(verifier)); plain compares the verifier itself. */
function verifierMatches(grant: GrantRecord, verifier: string): boolean {
  const computed = grant.code_challenge_method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(grant.code_challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client a sign-in came through, as Zoom writes `last_client_version`
 * ("5.17.11.34827(win)"): this server's sign-in page, in a browser.
 */
const SIGN_IN_CLIENT = `${VERSION}(web)`;

/**
 * An access token for the grant's user plus a fresh refresh token (90 days).
 * Exchanging an authorization code completes the user's sign-in: it sets the
 * user's `last_login_time` and `last_client_version` (a refresh does not).
 */
async function issueUserTokens(deps: OAuthDeps, tx: Queryable, grant: GrantRecord, signIn = false) {
  // A user removed (or deactivated) since approving can no longer be acted for.
  const user = grant.user_id ? await getUser(tx, grant.account_id, grant.user_id) : undefined;
  if (!user || user.status !== 'active') throw new GrantError(400, 'invalid_grant', 'User does not exist or is not active');
  if (signIn) {
    user.profile.last_login_time = deps.clock.iso();
    user.profile.last_client_version = SIGN_IN_CLIENT;
    await updateUser(tx, grant.account_id, user);
  }
  const scopes = grant.scopes.split(' ').filter(Boolean);
  const issued = await deps.tokens.issue(tx, { accountId: grant.account_id, clientId: grant.client_id, userId: user.id, scopes });
  const refresh = newSecret();
  const now = deps.clock.now();
  await insertGrant(tx, {
    token_hash: hashSecret(refresh),
    kind: 'refresh',
    account_id: grant.account_id,
    client_id: grant.client_id,
    user_id: user.id,
    scopes: grant.scopes,
    redirect_uri: '',
    code_challenge: '',
    code_challenge_method: '',
    expires_at: now + REFRESH_TTL_S * 1000,
    used: 0,
    created_at: deps.clock.iso(now),
  });
  return { access_token: issued.access_token, token_type: issued.token_type, refresh_token: refresh, expires_in: issued.expires_in, scope: issued.scope, api_url: deps.baseUrl };
}

async function authorizationCode(deps: OAuthDeps, client: AppRecord, params: Record<string, string>) {
  if (!USER_APP_TYPES.has(client.app_type)) throw unauthorizedClient();
  if (!params.code) throw new GrantError(400, 'invalid_request', 'Missing code');
  return deps.db.transaction(async (tx) => {
    const grant = await findGrant(tx, 'code', client.client_id, params.code!);
    if (!grant || grant.used || grant.expires_at <= deps.clock.now()) throw invalidCode();
    if (params.redirect_uri !== grant.redirect_uri) throw new GrantError(400, 'invalid_request', 'Redirect URI mismatch.');
    if (grant.code_challenge && !(params.code_verifier && verifierMatches(grant, params.code_verifier))) {
      throw new GrantError(400, 'invalid_request', 'Invalid code verifier');
    }
    if (!(await spendGrant(tx, grant.account_id, grant.token_hash))) throw invalidCode();
    return issueUserTokens(deps, tx, grant, true);
  });
}

async function refreshToken(deps: OAuthDeps, client: AppRecord, params: Record<string, string>) {
  if (!USER_APP_TYPES.has(client.app_type)) throw unauthorizedClient();
  if (!params.refresh_token) throw new GrantError(400, 'invalid_request', 'Missing refresh_token');
  return deps.db.transaction(async (tx) => {
    const grant = await findGrant(tx, 'refresh', client.client_id, params.refresh_token!);
    if (!grant || grant.used || grant.expires_at <= deps.clock.now()) throw invalidRefresh();
    // Rotation: the presented refresh token stops working the moment a new one is issued.
    if (!(await spendGrant(tx, grant.account_id, grant.token_hash))) throw invalidRefresh();
    return issueUserTokens(deps, tx, grant);
  });
}

/** Chatbot apps get an app token with no user behind it and no refresh token. */
async function clientCredentials(deps: OAuthDeps, client: AppRecord) {
  if (client.app_type !== 'chatbot') throw unauthorizedClient();
  const issued = await deps.db.transaction((tx) =>
    deps.tokens.issue(tx, { accountId: client.account_id, clientId: client.client_id, userId: null, scopes: appScopes(client) }),
  );
  return { ...issued, api_url: deps.baseUrl };
}

const GRANTS = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: (deps: OAuthDeps, client: AppRecord) => clientCredentials(deps, client),
} as const;

export const isUserGrant = (grant: string): grant is keyof typeof GRANTS => Object.hasOwn(GRANTS, grant);

/** Runs one of the grants above for an authenticated client and sends the reply. */
export async function sendUserGrant(deps: OAuthDeps, reply: FastifyReply, grant: keyof typeof GRANTS, client: AppRecord, params: Record<string, string>) {
  try {
    const body = await GRANTS[grant](deps, client, params);
    reply.header('cache-control', 'no-store');
    return reply.code(200).send(body);
  } catch (err) {
    if (err instanceof GrantError) return tokenError(reply, err.status, err.error, err.reason);
    throw err;
  }
}
