// Every control-plane body and query is checked against a schema (Ajv, as the
// API is): an unknown field, a wrong type or a missing field is 400/300 naming
// it, so nothing is ever silently ignored. Bodies are JSON objects; an empty
// body is an empty object.
import type { FastifyRequest } from 'fastify';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Errors, type FieldError } from '../core/errors.ts';
import { addonsSchema } from './addons-schema.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;

const id = { type: 'string', minLength: 1, maxLength: 64 };
const scopes = { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 2000 };
const closed = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});

export const BODIES = {
  reset: closed({}),
  clock: closed({
    set: { type: ['string', 'number'] },
    advance_seconds: { type: 'number', minimum: 0 },
    freeze: { type: 'boolean' },
    reset: { type: 'boolean' },
  }),
  account: closed({
    account_name: { type: 'string', minLength: 1, maxLength: 128 },
    plan: { enum: ['free', 'pro', 'business', 'enterprise'] },
    owner_email: { type: 'string', format: 'email', maxLength: 128 },
    seats: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    master_account_id: id,
    scopes,
    addons: addonsSchema(false),
  }),
  app: closed(
    {
      account_id: id,
      scopes,
      app_type: { enum: ['s2s', 'oauth', 'chatbot'] },
      name: { type: 'string', minLength: 1, maxLength: 128 },
      // Absolute http(s) URLs without spaces (they are stored space-separated).
      redirect_uris: { type: 'array', items: { type: 'string', pattern: '^https?://\\S+$', format: 'uri' }, maxItems: 50 },
    },
    ['account_id', 'scopes'],
  ),
  token: closed(
    {
      account_id: id,
      user_id: id,
      email: { type: 'string', minLength: 1, maxLength: 128 },
      scopes,
    },
    ['account_id'],
  ),
  device: closed(
    {
      account_id: id,
      device_name: { type: 'string', minLength: 1, maxLength: 128, pattern: '\\S' },
      room_name: { type: 'string', maxLength: 128 },
      room_user_id: { type: 'string', maxLength: 64 },
      status: { enum: ['Online', 'Offline'] },
    },
    ['account_id', 'device_name'],
  ),
} satisfies Record<string, Schema>;

const count = (max: number) => ({ type: 'integer', minimum: 0, maximum: max });

export const QUERIES = {
  none: closed({}),
  apps: closed({ account_id: id }),
  requests: closed({
    status: { anyOf: [{ type: 'integer', minimum: 100, maximum: 599 }, { type: 'string', pattern: '^[1-5]xx$' }] },
    operation: { type: 'string', minLength: 1, maxLength: 128 },
    account_id: id,
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete'] },
    after: count(Number.MAX_SAFE_INTEGER),
    limit: { type: 'integer', minimum: 1, maximum: 1_000_000 },
  }),
} satisfies Record<string, Schema>;

// Made on first use (an Ajv instance costs tens of milliseconds of start-up).
// Query values arrive as strings: numbers are coerced as the API's query validation does.
let bodyAjv: Ajv | undefined;
let queryAjv: Ajv | undefined;
const newAjv = (coerceTypes: boolean) => addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes }));
const compiled = new Map<Schema, ValidateFunction>();

function validator(kind: 'body' | 'query', schema: Schema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const ajv = kind === 'body' ? (bodyAjv ??= newAjv(false)) : (queryAjv ??= newAjv(true));
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Ajv errors as Zoom's list: the dotted field, "Unknown field.", "Missing field." or "Invalid field.". */
export function controlFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors ?? []) {
    const at = e.instancePath.slice(1).replace(/\//g, '.');
    const join = (name: string) => (at ? `${at}.${name}` : name);
    let field = at;
    let message = 'Invalid field.';
    if (e.keyword === 'additionalProperties') {
      field = join((e.params as { additionalProperty: string }).additionalProperty);
      message = 'Unknown field.';
    } else if (e.keyword === 'required') {
      field = join((e.params as { missingProperty: string }).missingProperty);
      message = 'Missing field.';
    }
    if (!out.has(field)) out.set(field, { field, message });
  }
  return [...out.values()];
}

/** The request's JSON body checked against a schema; throws Zoom's 400 otherwise. */
export function readBody<T>(req: FastifyRequest, schema: Schema): T {
  return checkBody<T>(req.body, schema);
}

/** A body (parsed JSON, or undefined for none) checked against a schema; throws Zoom's 400 otherwise. */
export function checkBody<T>(given: unknown, schema: Schema): T {
  const body = given ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw Errors.invalidJson();
  const v = validator('body', schema);
  if (!v(body)) throw Errors.validation(controlFieldErrors(v.errors));
  return body as T;
}

/** The query string checked (and numbers coerced) against a schema; throws Zoom's 400 otherwise. */
export function readQuery<T>(req: FastifyRequest, schema: Schema): T {
  const query = { ...(req.query as Record<string, unknown>) };
  const v = validator('query', schema);
  if (!v(query)) throw Errors.validation(controlFieldErrors(v.errors));
  return query as T;
}
