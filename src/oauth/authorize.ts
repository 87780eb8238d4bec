// GET /oauth/authorize: the consent page (plain HTML, no external assets) where
// the user says which user of the app's account they are, by email, and
// approves; POST /oauth/authorize: that form's target, which issues a one-time
// code (10 minutes) and answers 302 to redirect_uri?code=…&state=…. Tests and
// scripts post the same fields (email, approve=1) without loading the page.
// An unknown client_id or an unregistered redirect_uri never redirects: Zoom
// shows an error page ("Invalid client_id", 4702; "Redirect URI mismatch.",
// 4709 — developers.zoom.us/docs/integrations/oauth-error-messages/); a client
// asking for JSON gets the same as {reason, error}.
// The page is a browser's target: a foreign Host (DNS rebinding) or a
// cross-site Origin (a page posting approve=1 for its own client) is refused
// 403 before anything is read, and the page may not be framed. With
// --consent-password on (the default off loopback) approving also needs the
// user's password; repeated wrong ones are refused 429 for the minute.
import { emitSignedInOut } from './events.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordMatches } from '../api/users/lookup.ts';
import { getUserByEmail } from '../api/users/repository.ts';
import { trackingId } from '../core/tracking.ts';
import { getApp, type AppRecord } from '../tenancy/repository.ts';
import { CODE_TTL_S, oauthParams, redirectUris, type OAuthDeps } from './common.ts';
import { hashSecret, insertGrant, newSecret } from './repository.ts';
import { USER_APP_TYPES } from './token.ts';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px}' +
  'h1{font-size:1.3rem}ul{padding-left:1.2rem;font-size:.9rem;color:#444}label{display:block;margin:1rem 0 .3rem}input[type=email],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}' +
  'button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}.error{color:#b00020}';

function page(title: string, inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body><main>${inner}</main></body></html>`;
}

interface AuthorizeRequest {
  client: AppRecord;
  redirectUri: string;
  params: Record<string, string>;
}

/** Sends Zoom's error page (or JSON) when the client or redirect URI cannot be trusted. */
function refuse(req: FastifyRequest, reply: FastifyReply, error: string, reason: string, code?: number, status = 400): FastifyReply {
  reply.code(status);
  if (String(req.headers.accept ?? '').includes('application/json')) return reply.send({ reason, error });
  const shown = code === undefined ? escapeHtml(reason) : `${escapeHtml(reason)} (${code.toLocaleString('en-US')})`;
  return reply.type('text/html; charset=utf-8').send(page('Error', `<h1>Sorry, something went wrong</h1><p class="error">${shown}</p>`));
}

/** The trusted part: a user-level app and one of its registered redirect URIs (exact match). */
async function resolveClient(deps: OAuthDeps, req: FastifyRequest, reply: FastifyReply, params: Record<string, string>): Promise<AuthorizeRequest | null> {
  const client = params.client_id ? await getApp(deps.db, params.client_id) : undefined;
  if (!client || !USER_APP_TYPES.has(client.app_type)) {
    refuse(req, reply, 'invalid_client', `Invalid client_id: ${params.client_id ?? ''}`, 4702);
    return null;
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!redirectUris(client).includes(redirectUri)) {
    refuse(req, reply, 'invalid_request', 'Redirect URI mismatch.', 4709);
    return null;
  }
  return { client, redirectUri, params };
}

/** Errors after the redirect URI is trusted go back to the app (RFC 6749 §4.1.2.1). */
function redirectWith(reply: FastifyReply, redirectUri: string, fields: Record<string, string | undefined>): FastifyReply {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.code(302).header('location', url.toString()).send();
}

/** response_type and PKCE fields; a message when they are wrong. */
function requestProblem(params: Record<string, string>): { error: string; description: string } | null {
  if (params.response_type !== 'code') return { error: 'unsupported_response_type', description: 'response_type must be code' };
  const method = params.code_challenge_method;
  if (method !== undefined && method !== 'S256' && method !== 'plain') return { error: 'invalid_request', description: 'Unsupported code_challenge_method' };
  if (method !== undefined && !params.code_challenge) return { error: 'invalid_request', description: 'Missing code_challenge' };
  // RFC 7636 §4.1: a verifier (hence a plain challenge) is 43–128 unreserved characters.
  if (params.code_challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(params.code_challenge)) {
    return { error: 'invalid_request', description: 'Invalid code_challenge' };
  }
  return null;
}

const CARRIED = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'] as const;

function consentPage(a: AuthorizeRequest, accountName: string, withPassword: boolean, message?: string, email?: string): string {
  const hidden = CARRIED.filter((k) => a.params[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(a.params[k]!)}">`)
    .join('');
  const scopes = a.client.scopes.split(' ').filter(Boolean);
  const scopeList = scopes.length ? `<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '<p>No scopes.</p>';
  return page(
    `Authorize ${a.client.name}`,
    `<h1>${escapeHtml(a.client.name)} would like to access your Zoom account</h1>` +
      `<p>Account: ${escapeHtml(accountName)}</p><p>It asks for:</p>${scopeList}` +
      (message ? `<p class="error">${escapeHtml(message)}</p>` : '') +
      `<form method="post" action="/oauth/authorize">${hidden}` +
      `<label for="email">Sign in as (email of a user of this account)</label>` +
      `<input type="email" id="email" name="email" required value="${escapeHtml(email ?? '')}">` +
      (withPassword ? '<label for="password">Password</label><input type="password" id="password" name="password" required autocomplete="current-password">' : '') +
      `<button type="submit" name="approve" value="1">Allow</button><button type="submit" name="approve" value="0" formnovalidate>Decline</button></form>`,
  );
}

export function registerAuthorize(app: FastifyInstance, deps: OAuthDeps): void {
  const accountName = async (accountId: string) => (await deps.accounts.get(deps.db, accountId))?.account_name ?? '';
  const again = async (reply: FastifyReply, status: number, a: AuthorizeRequest, message: string, email: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(consentPage(a, await accountName(a.client.account_id), deps.consentPassword, message, email));

  // Runs before the body is read. Inline styles only, no framing (clickjacking).
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'").header('x-frame-options', 'DENY');
    const refusal = deps.browser.refusal(req.headers);
    if (refusal) {
      reply.header('x-zm-trackingid', trackingId());
      return refuse(req, reply, 'access_denied', refusal, undefined, 403);
    }
  };

  // Both the page and its form first trust the client and its redirect URI,
  // then send request errors back to the app. Null: the reply is already sent.
  const begin = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-zm-trackingid', trackingId());
    const params = oauthParams(req);
    const a = await resolveClient(deps, req, reply, params);
    if (!a) return null;
    const problem = requestProblem(params);
    if (problem) {
      redirectWith(reply, a.redirectUri, { error: problem.error, error_description: problem.description, state: params.state });
      return null;
    }
    return { params, a };
  };

  app.get('/oauth/authorize', { onRequest: guard }, async (req: FastifyRequest, reply: FastifyReply) => {
    const started = await begin(req, reply);
    if (!started) return reply;
    const { a } = started;
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(consentPage(a, await accountName(a.client.account_id), deps.consentPassword));
  });

  app.post('/oauth/authorize', { onRequest: guard }, async (req: FastifyRequest, reply: FastifyReply) => {
    const started = await begin(req, reply);
    if (!started) return reply;
    const { params, a } = started;
    if (params.approve !== '1') return redirectWith(reply, a.redirectUri, { error: 'access_denied', state: params.state });

    // Only an active user of the app's own account can approve; anyone else sees the page again.
    const email = (params.email ?? '').trim();
    const user = email ? await getUserByEmail(deps.db, a.client.account_id, email) : undefined;
    if (!user || user.status !== 'active') return again(reply, 400, a, `User does not exist: ${email}.`, email);
    if (deps.consentPassword) {
      const key = `consent:${a.client.account_id}:${user.id}`;
      const wait = deps.consentFailures.retryAfter(key, req.ip);
      if (wait > 0) return again(reply.header('retry-after', String(wait)), 429, a, `Too many failed sign-in attempts. Try again in ${wait} seconds.`, email);
      if (!user.profile.password_hash) {
        return again(reply, 400, a, "This user has no password, so cannot approve here. Set one first (Update a user's password).", email);
      }
      if (!(await passwordMatches(params.password ?? '', user.profile.password_hash))) {
        deps.consentFailures.fail(key, req.ip);
        return again(reply, 400, a, 'Incorrect email or password.', email);
      }
    }

    const code = newSecret();
    const now = deps.clock.now();
    const challenge = params.code_challenge ?? '';
    await deps.db.transaction(async (tx) => {
      await emitSignedInOut(tx, deps.clock, 'user.signed_in', { accountId: a.client.account_id, clientId: a.client.client_id, userId: user.id });
      await insertGrant(tx, {
        token_hash: hashSecret(code),
        kind: 'code',
        account_id: a.client.account_id,
        client_id: a.client.client_id,
        user_id: user.id,
        scopes: a.client.scopes,
        redirect_uri: a.redirectUri,
        code_challenge: challenge,
        // RFC 7636 §4.3: a challenge without a method is plain.
        code_challenge_method: challenge ? (params.code_challenge_method ?? 'plain') : '',
        expires_at: now + CODE_TTL_S * 1000,
        used: 0,
        created_at: deps.clock.iso(now),
      });
    });
    return redirectWith(reply, a.redirectUri, { code, state: params.state });
  });
}
