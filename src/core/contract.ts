// The contract derived from Zoom's definitions (`npm run contract` writes
// contract/). The operation index is read at start-up; each category's schemas
// and each operation's validators are loaded and compiled on first use, so
// start-up stays fast however many operations there are.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export type RateLimitLabel = 'Light' | 'Medium' | 'Heavy' | 'Resource-intensive';
export type JsonSchema = Record<string, unknown>;

export interface Operation {
  operationId: string;
  category: string;
  title: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  masterPath?: string;
  legacyPath?: string;
  legacyOnly?: true;
  /** Defined in Zoom's files but not in the reference tables (contract/extra-operations.json): served like any other, counted apart. */
  extra?: true;
  rateLimit: RateLimitLabel | null;
  scopes: string[];
  granularScopes: string[];
  permissions: string[];
  successStatus: number;
  pageSizeMax?: number;
  pageSizeDefault?: number;
  paging?: { token: boolean; number: boolean };
  body?: 'json' | 'multipart' | 'form';
  pathParams: string[];
}

export interface DocumentedError {
  status: number;
  code: number;
  message: string;
}

export interface OperationSchemas {
  path: JsonSchema;
  query: JsonSchema;
  body?: JsonSchema;
  bodyRequired?: true;
  responses: Record<string, JsonSchema | null>;
  errors: DocumentedError[];
}

export interface Validators {
  path: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | null;
  bodySchema: JsonSchema | null;
}

const contractDir = fileURLToPath(new URL('../../contract/', import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function categorySlug(category: string): string {
  return category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function newAjv(coerce: boolean): Ajv {
  // strict:false because Zoom's schemas use OpenAPI keywords (nullable) and
  // formats of their own; unknown formats are accepted rather than refused.
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce ? 'array' : false, logger: false });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte']) {
    if (!ajv.formats[f]) ajv.addFormat(f, true);
  }
  return ajv;
}

export class Contract {
  readonly operations: readonly Operation[];
  readonly byId: ReadonlyMap<string, Operation>;
  private readonly schemaFiles = new Map<string, Record<string, OperationSchemas>>();
  private readonly validators = new Map<string, Validators>();
  private readonly responseValidators = new Map<string, ValidateFunction | null>();
  private paramAjv: Ajv | null = null;
  private bodyAjv: Ajv | null = null;

  constructor(dir: string = contractDir) {
    this.dir = dir;
    this.operations = JSON.parse(readFileSync(`${dir}operations.json`, 'utf8')) as Operation[];
    this.byId = new Map(this.operations.map((op) => [op.operationId, op]));
  }

  /** Zoom's reference operations (the 436), without the extras its files define beyond them. */
  get reference(): readonly Operation[] {
    return this.operations.filter((op) => !op.extra);
  }

  /** How many of the reference operations, and of the extras, have a provider method. */
  coverage(implemented: ReadonlySet<string>): { operations: number; implemented: number; extra: { operations: number; implemented: number } } {
    const extras = this.operations.filter((op) => op.extra);
    const done = (ops: readonly Operation[]) => ops.filter((op) => implemented.has(op.operationId)).length;
    return {
      operations: this.reference.length,
      implemented: done(this.reference),
      extra: { operations: extras.length, implemented: done(extras) },
    };
  }
  private readonly dir: string;

  schemas(op: Operation): OperationSchemas {
    const slug = categorySlug(op.category);
    let file = this.schemaFiles.get(slug);
    if (!file) {
      file = JSON.parse(readFileSync(`${this.dir}schemas/${slug}.json`, 'utf8')) as Record<string, OperationSchemas>;
      this.schemaFiles.set(slug, file);
    }
    const s = file[op.operationId];
    if (!s) throw new Error(`contract has no schemas for ${op.operationId}`);
    return s;
  }

  validatorsFor(op: Operation): Validators {
    let v = this.validators.get(op.operationId);
    if (!v) {
      const s = this.schemas(op);
      this.paramAjv ??= newAjv(true);
      this.bodyAjv ??= newAjv(false);
      v = {
        path: this.paramAjv.compile(s.path),
        query: this.paramAjv.compile(s.query),
        body: s.body ? this.bodyAjv.compile(mergeVariants(s.body)) : null,
        bodySchema: s.body ?? null,
      };
      this.validators.set(op.operationId, v);
    }
    return v;
  }

  /** The validator for a response body, or null where the contract has no schema for that status. */
  responseValidator(op: Operation, status: number): ValidateFunction | null {
    const key = `${op.operationId} ${status}`;
    if (!this.responseValidators.has(key)) {
      const schema = this.schemas(op).responses[String(status)] ?? null;
      this.bodyAjv ??= newAjv(false);
      this.responseValidators.set(key, schema ? this.bodyAjv.compile(mergeVariants(schema)) : null);
    }
    return this.responseValidators.get(key)!;
  }

  documentedErrors(op: Operation): DocumentedError[] {
    return this.schemas(op).errors;
  }
}

/**
 * Zoom writes `oneOf` for "one of these shapes, depending on a query option"
 * (settings, lock settings): the branches are objects with no `required`, so
 * every body matches several and a strict oneOf refuses all of them. Such a
 * oneOf/anyOf becomes one object whose properties are the union of the
 * branches' (a property in several branches must satisfy each), so types are
 * still checked. Branches that discriminate (`required`, closed objects) stay.
 */
export function mergeVariants(schema: JsonSchema): JsonSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as Record<string, JsonSchema>).map(([n, p]) => [n, mergeVariants(p)]));
    } else if (k === 'items' && v && typeof v === 'object' && !Array.isArray(v)) out.items = mergeVariants(v as JsonSchema);
    else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') out[k] = (v as JsonSchema[]).map(mergeVariants);
    else out[k] = v;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = out[key] as JsonSchema[] | undefined;
    if (!branches || !branches.every(isLooseObject)) continue;
    const props: Record<string, JsonSchema> = { ...((out.properties as Record<string, JsonSchema> | undefined) ?? {}) };
    for (const b of branches.flatMap(flattenVariants)) {
      for (const [n, p] of Object.entries((b.properties as Record<string, JsonSchema> | undefined) ?? {})) {
        props[n] = props[n] ? mergeProperty(props[n]!, p) : p;
      }
    }
    delete out[key];
    out.type = 'object';
    out.properties = props;
  }
  return out;
}

/** One property defined by several branches: objects merge field by field; differing leaves accept either. */
function mergeProperty(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (a.properties && b.properties && isLooseObject(a) && isLooseObject(b)) {
    const props: Record<string, JsonSchema> = { ...(a.properties as Record<string, JsonSchema>) };
    for (const [n, p] of Object.entries(b.properties as Record<string, JsonSchema>)) props[n] = props[n] ? mergeProperty(props[n]!, p) : p;
    return { type: 'object', properties: props };
  }
  if (a.type === 'array' && b.type === 'array' && a.items && b.items) {
    return { type: 'array', items: mergeProperty(a.items as JsonSchema, b.items as JsonSchema) };
  }
  return { anyOf: [a, b] };
}

function isLooseObject(s: JsonSchema): boolean {
  if (s.required !== undefined || s.additionalProperties === false) return false;
  if (s.type !== undefined && s.type !== 'object') return false;
  if (s.properties === undefined && s.type !== 'object') return false;
  return true;
}

function flattenVariants(s: JsonSchema): JsonSchema[] {
  const nested = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  return [s, ...(nested ?? []).flatMap(flattenVariants)];
}

/** Ajv errors as Zoom's `errors` list: dotted field names, "Invalid field." as Zoom words it. */
export function fieldErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): { field: string; message: string }[] {
  const out = new Map<string, { field: string; message: string }>();
  for (const e of errors ?? []) {
    let field = e.instancePath.slice(1).replace(/\//g, '.');
    if (e.keyword === 'required') field = field ? `${field}.${(e.params as { missingProperty: string }).missingProperty}` : (e.params as { missingProperty: string }).missingProperty;
    field = prefix + field;
    if (!out.has(field)) out.set(field, { field, message: e.keyword === 'required' ? 'Missing field.' : 'Invalid field.' });
  }
  // A whole-body error (an anyOf no branch matched) says less than the fields it comes with.
  if (out.size > 1) out.delete(prefix);
  return [...out.values()];
}

/**
 * Fields of `data` that `schema` does not define, as dotted paths. Properties
 * from allOf/anyOf/oneOf branches count as defined; objects without
 * `properties` (free-form maps) accept anything.
 */
export function unknownFields(schema: JsonSchema | undefined, data: unknown, path = ''): string[] {
  if (!schema || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) {
    const items = schema.items as JsonSchema | undefined;
    return data.flatMap((d, i) => unknownFields(items, d, `${path}[${i}]`));
  }
  const props = collectProperties(schema);
  if (!props) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const field = path ? `${path}.${k}` : k;
    const sub = props.get(k);
    if (!sub) out.push(field);
    else out.push(...unknownFields(sub, v, field));
  }
  return out;
}

function collectProperties(schema: JsonSchema): Map<string, JsonSchema> | null {
  let found = false;
  const props = new Map<string, JsonSchema>();
  const visit = (s: JsonSchema) => {
    if (s.properties) {
      found = true;
      for (const [k, v] of Object.entries(s.properties as Record<string, JsonSchema>)) {
        const prev = props.get(k);
        props.set(k, prev ? { allOf: [prev, v] } : v);
      }
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') found = false;
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      for (const sub of (s[key] as JsonSchema[] | undefined) ?? []) visit(sub);
    }
  };
  visit(schema);
  return found ? props : null;
}

/** Removes the given dotted paths (as unknownFields reports them) from data. */
export function removeFields(data: unknown, fields: readonly string[]): void {
  for (const field of fields) {
    const parts = field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
    let node: unknown = data;
    for (let i = 0; i < parts.length - 1 && node && typeof node === 'object'; i++) {
      node = (node as Record<string, unknown>)[parts[i]!];
    }
    if (node && typeof node === 'object') delete (node as Record<string, unknown>)[parts[parts.length - 1]!];
  }
}
