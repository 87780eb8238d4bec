// THE request pipeline for every /v2 operation, in order:
//   1. tracking id        x-zm-trackingid on every answer
//   2. authenticate       bearer token → actor (401/124)
//   3. account            the caller's account; on master paths the sub account (404/2001)
//   4. scopes             any one of the operation's classic or granular scopes (400/4711)
//   5. rate limit         per account, plan and label; per user for meeting writes (429)
//   6. not implemented    no provider method yet → 501
//   7. validate           path, query and body against the contract (400/300)
//   8. paginate           page_size / page_number / next_page_token → Page
//   9. dispatch           the provider's handler; writes run in one transaction
//  10. respond            the operation's success status, or Zoom's error body
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../storage/db.ts';
import { UniqueViolation, WriteContention } from '../storage/errors.ts';
import type { AccountDirectory } from '../tenancy/directory.ts';
import type { Tokens } from '../oauth/tokens.ts';
import type { Clock } from './clock.ts';
import { fieldErrors, removeFields, unknownFields, type Contract, type Operation } from './contract.ts';
import { unsafeFields } from './input-guard.ts';
import { Errors, ZoomError } from './errors.ts';
import { readMultipart, type MultipartBody } from './multipart.ts';
import { JsonText, type PageTokens } from './pagination.ts';
import { FileBody } from './file-body.ts';
import type { Actor, Context, Handler, Input } from './provider.ts';
import type { RateLimiter } from './ratelimit.ts';
import { pathParams, type Route } from './routes.ts';
import { trackingId } from './tracking.ts';
import { emitEvent } from '../webhooks/emit.ts';

export interface PipelineDeps {
  contract: Contract;
  handlers: ReadonlyMap<string, Handler>;
  tokens: Tokens;
  accounts: AccountDirectory;
  limiter: RateLimiter;
  pages: PageTokens;
  db: Db;
  clock: Clock;
  /** What to do with body fields the contract does not define: drop them (as Zoom does) or answer 300. */
  unknownFields: 'ignore' | 'reject';
  /** Zoom's duplicate error for a unique index that refused a row (storage/migrations.ts). */
  duplicateError: (err: UniqueViolation) => ZoomError;
  /** Role privileges of user-level tokens (src/api/roles/privileges.ts): throws Zoom's error when lacking. */
  privileges?: (db: Db, op: Operation, actor: Actor, userId: string | undefined, accountId: string) => Promise<void>;
  /** The user a per-user daily cap counts, for operations whose path names none (src/api/index.ts). */
  dailyCapUsers?: Readonly<Record<string, (db: Db, accountId: string, params: Record<string, string>) => Promise<string | null>>>;
}

export function pipeline(deps: PipelineDeps, route: Route) {
  const op = route.operation;
  const handler = deps.handlers.get(op.operationId);
  const allowedScopes = [...op.scopes, ...op.granularScopes];
  const paginated = op.paging !== undefined || op.pageSizeMax !== undefined;
  const userParam = route.own.includes('userId');
  const dailyCapUser = deps.limiter.enabled && !userParam ? deps.dailyCapUsers?.[op.operationId] : undefined;

  return async function handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('x-zm-trackingid', trackingId());
    try {
      const actor = await deps.tokens.authenticate(deps.db, req.headers.authorization);
      const caller = await deps.accounts.get(deps.db, actor.accountId);
      if (!caller) throw Errors.invalidToken();
      const raw = pathParams(route, req.params as Record<string, string>);
      // Before any lookup: a NUL reaches no database (PostgreSQL refuses it in text).
      refuseUnsafe(req.params);
      const account = raw.accountId === null ? caller : await deps.accounts.target(deps.db, caller, raw.accountId);

      if (allowedScopes.length > 0 && !allowedScopes.some((s) => actor.scopes.has(s))) {
        throw Errors.missingScopes(scopesToName(op, actor, account !== caller));
      }
      if (actor.userId && deps.privileges) await deps.privileges(deps.db, op, actor, raw.params.userId, account.id);

      const now = deps.clock.now();
      const resolveMe = meResolver(actor);
      const rateUser = userParam ? resolveMeQuietly(actor, raw.params.userId!) : dailyCapUser ? await dailyCapUser(deps.db, account.id, raw.params) : null;
      const limits = deps.limiter.enabled ? await deps.limiter.check(op, caller.id, caller.plan, rateUser, now) : null;
      if (limits) reply.headers(limits);

      if (!handler) throw Errors.notImplemented(op.operationId);

      // File uploads are read only once the caller is known to hold the scopes.
      const multipart = op.body === 'multipart' ? ((await readMultipart(req)) ?? {}) : undefined;
      const input = validate(deps, op, raw.params, req, multipart);
      if (paginated) input.page = deps.pages.page(op, account.id, input.path, input.query, now);

      const ctx: Context = { account, actor, db: deps.db, clock: deps.clock, resolveMe, emit: refuseEmit };
      let result: unknown;
      if (op.method === 'GET') result = await handler(input as never, ctx);
      else {
        result = await write(deps, handler, input, ctx, account !== caller);
        deps.pages.noteWrite(account.id);
        if (account !== caller) deps.pages.noteWrite(caller.id);
      }

      if (result === undefined || op.successStatus === 204) reply.code(op.successStatus).send();
      else if (result instanceof JsonText) reply.code(op.successStatus).type('application/json; charset=utf-8').send(result.text);
      else if (result instanceof FileBody) {
        reply.code(op.successStatus).type(result.contentType).header('content-disposition', `attachment; filename="${result.filename}"`).send(result.bytes);
      }
      else reply.code(op.successStatus).send(result);
    } catch (err) {
      sendError(reply, storageAnswer(err, deps.duplicateError));
    }
  };
}

/** Zoom's answer to what storage throws: a duplicate's declared error, a starved write's 429; anything else as it is. */
export function storageAnswer(err: unknown, duplicateError: (err: UniqueViolation) => ZoomError): unknown {
  if (err instanceof UniqueViolation) return duplicateError(err);
  if (err instanceof WriteContention) return Errors.writeContention();
  return err;
}

const scopeLevel = (scope: string) => (scope.endsWith(':master') ? 'master' : scope.endsWith(':admin') ? 'admin' : 'user');
/** Classic scopes are `product:action` (or `product` alone, as `meeting:master`) before the level; granular ones name an object too. */
const isClassic = (scope: string) => scope.replace(/:(admin|master)$/, '').split(':').length <= 2;

/**
 * The scopes a 4711 names, as Zoom words it for the app asking: its granular
 * scopes (the classic ones to an app holding only classic scopes, or where the
 * operation has no granular ones), at the levels the token could hold: an
 * account-level token the `:admin` ones ("[meeting:read:meeting:admin]"), a
 * user's token its own and the `:admin` ones ("[contact:read:list_contacts,
 * contact:read:list_contacts:admin]", devforum.zoom.us/t/108207), and the
 * `:master` ones only when acting on a sub account.
 */
export function scopesToName(op: Operation, actor: Actor, viaMaster: boolean): string[] {
  const classicApp = actor.scopes.size > 0 && [...actor.scopes].every(isClassic);
  const family = classicApp || op.granularScopes.length === 0 ? op.scopes : op.granularScopes;
  const levels = viaMaster ? ['master'] : actor.userId ? ['user', 'admin'] : ['admin'];
  const named = family.filter((s) => levels.includes(scopeLevel(s)));
  if (named.length > 0) return named;
  const notMaster = family.filter((s) => scopeLevel(s) !== 'master');
  return viaMaster || notMaster.length === 0 ? family : notMaster;
}

/**
 * A write: the handler in one transaction. The transaction may run more than
 * once (storage retries one that lost a race), so every run starts from the
 * request as it came and from the account as the transaction reads it — never
 * from the cached copy, whose data a handler may write back.
 */
async function write(deps: PipelineDeps, handler: Handler, input: Input, ctx: Context, viaMaster: boolean): Promise<unknown> {
  const pristine = structuredCloneBody(input.body);
  let runs = 0;
  return deps.db.transaction(async (tx) => {
    const account = await deps.accounts.load(tx, ctx.account.id);
    // A sub account disassociated since the path was resolved is no longer the master's to act on.
    if (!account || (viaMaster && account.master_account_id !== ctx.actor.accountId)) throw Errors.accountNotFound(ctx.account.id);
    const body = runs++ === 0 ? input.body : structuredCloneBody(pristine);
    const source = { accountId: account.id, operatorUserId: ctx.actor.userId, clientId: ctx.actor.clientId, now: ctx.clock.now() };
    const emit = (event: string, payload: Record<string, unknown>, top?: Record<string, unknown>) => emitEvent(tx, source, event, payload, top);
    return handler({ ...input, query: { ...input.query }, body } as never, { ...ctx, db: tx, account, emit });
  }, ctx.account.id);
}

async function refuseEmit(event: string): Promise<void> {
  throw new Error(`A read cannot emit ${event}: events are written in a write's transaction.`);
}

/** A copy of a JSON body; multipart bodies (files as Buffers) are never changed by handlers and pass as they are. */
function structuredCloneBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  if (Object.values(body).some((v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as { data?: unknown }).data))) return body;
  return structuredClone(body);
}

function validate(deps: PipelineDeps, op: Operation, params: Record<string, string>, req: FastifyRequest, multipart?: MultipartBody): Input {
  const v = deps.contract.validatorsFor(op);
  if (!v.path(params)) throw Errors.validation(fieldErrors(v.path.errors));
  // Ajv coerces query strings to the declared types in place: validate a copy.
  const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  // Zoom answers its maximum page when asked for more, rather than an error.
  if (op.pageSizeMax !== undefined && Number(query.page_size) > op.pageSizeMax) query.page_size = String(op.pageSizeMax);
  const queryValid = v.query(query);
  // After coercion: NULs in strings, and numbers the coercion made from huge digit strings —
  // named even when another field fails (a missing required one), so every bad field is told.
  const unsafe = unsafeFields(query);
  if (!queryValid) {
    const named = fieldErrors(v.query.errors);
    throw Errors.validation([...named, ...unsafe.filter((u) => !named.some((f) => f.field === u.field))]);
  }
  if (unsafe.length > 0) throw Errors.validation(unsafe);

  let body: unknown = undefined;
  if (multipart !== undefined) {
    // The parts are the body; each upload checks its file (Zoom's 120 errors differ per operation).
    refuseUnsafe(multipart);
    body = multipart;
  } else if (v.body) {
    body = req.body;
    const expectsObject = v.bodySchema?.type === 'object' || v.bodySchema?.properties !== undefined;
    if (body === undefined || body === null) {
      // No body where fields are required is Zoom's "not a valid JSON object".
      const required = (v.bodySchema?.required as unknown[] | undefined)?.length ?? 0;
      if (required > 0 || deps.contract.schemas(op).bodyRequired) throw Errors.invalidJson();
      // Otherwise the handler gets an empty object (never undefined), and it must
      // pass the schema like any body: a schema whose alternatives each need a field refuses it.
      body = {};
    } else if (expectsObject && (typeof body !== 'object' || Array.isArray(body))) {
      throw Errors.invalidJson();
    }
    refuseUnsafe(body);
    const unknown = unknownFields(v.bodySchema ?? undefined, body);
    if (unknown.length > 0) {
      if (deps.unknownFields === 'reject') throw Errors.validation(unknown.map((field) => ({ field, message: 'Unknown field.' })));
      removeFields(body, unknown);
    }
    if (!v.body(body)) throw Errors.validation(fieldErrors(v.body.errors));
  }
  return { path: params, query, body, page: undefined as never };
}

function refuseUnsafe(value: unknown): void {
  const fields = unsafeFields(value);
  if (fields.length > 0) throw Errors.validation(fields);
}

/** `me` is the token's user; an account-level token has none, which Zoom answers as an unknown user. */
function meResolver(actor: Actor): (userId: string) => string {
  return (userId) => {
    if (userId !== 'me') return userId;
    if (!actor.userId) throw Errors.userNotFound('me');
    return actor.userId;
  };
}

function resolveMeQuietly(actor: Actor, userId: string): string | null {
  return userId === 'me' ? actor.userId : userId;
}

export function sendError(reply: FastifyReply, err: unknown): void {
  if (err instanceof ZoomError) {
    if (err.headers) reply.headers(err.headers);
    reply.code(err.status).send(err.toJSON());
    return;
  }
  reply.log.error(err);
  console.error(err);
  const internal = Errors.internal();
  reply.code(internal.status).send(internal.toJSON());
}
