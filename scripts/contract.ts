// npm run contract
//
// Derives the committed API contract (contract/operations.json, contract/schemas/*.json, and the
// event catalogue contract/events/*.json) from
// Zoom's published API definitions in ../shared/zoom-api (override: OPENZOOM_ZOOM_API_DIR).
// The output is data only (no prose) and deterministic, so the server and the tests can run
// without Zoom's files. Corrections to Zoom's files live in contract/overrides.json, each with
// a reason; they are applied after deriving and must resolve, or the run fails.
// contract/extra-operations.json names operations of Zoom's files that the reference tables
// (and so operations.json's 436) leave out; each is derived like any other, marked `extra`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { deriveEvents } from './contract-events.ts';

// ajv-formats is CommonJS: under "nodenext" its default import is module.exports.
const addFormats = formatsModule.default;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API_DIR = path.resolve(ROOT, process.env.OPENZOOM_ZOOM_API_DIR ?? '../shared/zoom-api');
const OUT_DIR = path.join(ROOT, 'contract');
const OVERRIDES_FILE = path.join(OUT_DIR, 'overrides.json');
const EXTRAS_FILE = path.join(OUT_DIR, 'extra-operations.json');

// Spec files are untyped JSON; we walk them with `any` and type what we emit.
type Spec = any;

interface ListedOp {
  method: string;
  path: string;
  master_path?: string;
  category: string;
  title: string;
  spec: string;
  legacy_path?: string | null;
  legacy_only?: boolean;
  rate_limit: string | null;
  scopes: string[];
  granular_scopes: string[];
  /** Not in the reference tables: from extra-operations.json. */
  extra?: true;
}

/** An operation of one of Zoom's files beyond the reference tables; scopes and rate limit come from its definition. */
interface ExtraOp {
  method: string;
  path: string;
  category: string;
  title: string;
  spec: string;
  reason: string;
}

interface ErrorDoc { status: number; code: number; message: string }

interface OpEntry {
  operationId: string;
  category: string;
  title: string;
  method: string;
  path: string;
  pathParams: string[];
  masterPath?: string;
  legacyPath?: string;
  legacyOnly?: true;
  extra?: true;
  rateLimit: string | null;
  scopes: string[];
  granularScopes: string[];
  permissions: string[];
  successStatus: number;
  pageSizeMax?: number;
  pageSizeDefault?: number;
  paging?: { token: boolean; number: boolean };
  body?: 'json' | 'multipart' | 'form';
}

interface SchemaEntry {
  path: Spec;
  query: Spec;
  body?: Spec;
  bodyRequired?: true;
  responses: Record<string, Spec | null>;
  errors: ErrorDoc[];
}

interface Override {
  operationId: string;
  pointer: string;
  op: 'set' | 'remove';
  value?: unknown;
  was?: unknown; // optional guard: the value Zoom's file has there now, so a changed input fails loudly
  reason: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const RATE_LIMITS = new Set(['Light', 'Medium', 'Heavy', 'Resource-intensive']);

const warnings: string[] = [];
const droppedKeywords = new Map<string, number>();
const formatsSeen = new Map<string, number>();

function fail(message: string): never {
  console.error(`contract: ${message}`);
  process.exit(1);
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function readJson(file: string): Spec {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file}: ${(err as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Schema cleaning: keep validation keywords only. Keys inside `properties` are field names
// (a field may well be called "description"), so they are never filtered, only their schemas.

const KEEP = new Set([
  'type', 'properties', 'items', 'required', 'enum', 'format', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems',
  'maxItems', 'uniqueItems', 'multipleOf', 'default', 'allOf', 'oneOf', 'anyOf', 'not',
  'additionalProperties', 'nullable', 'minProperties', 'maxProperties',
]);

function cleanSchema(s: Spec): Spec {
  if (typeof s === 'boolean') return s;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) fail(`not a schema: ${JSON.stringify(s)}`);
  const out: Spec = {};
  for (const [k, v] of Object.entries<Spec>(s)) {
    if (!KEEP.has(k)) {
      bump(droppedKeywords, k);
      continue;
    }
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries<Spec>(v).map(([name, p]) => [name, cleanSchema(p)]));
    } else if (k === 'items') {
      out.items = Array.isArray(v) ? v.map(cleanSchema) : cleanSchema(v);
    } else if (k === 'not') {
      out.not = cleanSchema(v);
    } else if (k === 'additionalProperties') {
      out.additionalProperties = typeof v === 'boolean' ? v : cleanSchema(v);
    } else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') {
      out[k] = (v as Spec[]).map(cleanSchema);
    } else if (k === 'required') {
      // Drop empty lists, and Swagger-style `required: true` on a property (not JSON Schema).
      if (Array.isArray(v) && v.length > 0) out.required = v;
      else if (!Array.isArray(v)) bump(droppedKeywords, 'required (non-array)');
    } else {
      if (k === 'format') bump(formatsSeen, String(v));
      out[k] = v;
    }
  }
  return out;
}

// Swagger 2 non-body parameters carry type/format/enum/... on the parameter itself; Stoplight
// exports sometimes put an OAS3-style `schema` on them instead.
function paramSchema(p: Spec): Spec {
  if (p.schema) return cleanSchema(p.schema);
  if (p.type === 'file') return { type: 'string', format: 'binary' };
  const { name: _n, in: _in, required: _r, description: _d, collectionFormat: _c, allowEmptyValue: _a, ...rest } = p;
  return cleanSchema(rest);
}

function objectSchema(properties: Record<string, Spec>, required: string[]): Spec {
  const out: Spec = { type: 'object', properties };
  if (required.length > 0) out.required = required;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Error codes live only in the responses' description Markdown. A description is a run of
// "**HTTP Status Code:** `404` ..." and "**Error Code:** `1001` <br> message <br>" sections.

const MARKER = /\*\*\s*(?:Response\s+)?(Error\s+Codes?|HTTP\s+(?:Status|Response)\s+Code)\s*:?\s*\*\*\s*:?/gi;
const LEADING_CODE = /^(?:\s|<br\s*\/?>)*`\s*(\d+)\s*`/i;

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|nbsp|#39|apos);/g, (_m, e: string) =>
    ({ amp: '&', quot: '"', lt: '<', gt: '>', nbsp: ' ', '#39': "'", apos: "'" })[e] ?? _m);
}

function cleanMessage(line: string): string {
  return decodeEntities(line)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links -> their text
    .replace(/\*\*|`/g, '') // bold, code
    .replace(/^\s*[*-]\s+/, '') // bullet
    .replace(/\s+/g, ' ')
    .trim();
}

function harvestErrors(status: number, description: string, where: string): ErrorDoc[] {
  const out: ErrorDoc[] = [];
  const marks = [...description.matchAll(MARKER)];
  marks.forEach((m, i) => {
    if (!/^error/i.test(m[1])) return;
    const start = m.index + m[0].length;
    const section = description.slice(start, i + 1 < marks.length ? marks[i + 1].index : undefined);
    const c = LEADING_CODE.exec(section);
    if (!c) {
      warnings.push(`${where}: "Error Code" without a code: ${JSON.stringify(section.slice(0, 60))}`);
      return;
    }
    const code = Number(c[1]);
    // One code may list several messages: split on <br>, newlines and inline " * " bullets.
    const messages = section.slice(c[0].length)
      .split(/<br\s*\/?>|\n|\s\*\s+(?=\S)/i)
      .map(cleanMessage)
      .filter((l) => /[\p{L}\p{N}]/u.test(l));
    for (const message of messages.length > 0 ? messages : ['']) out.push({ status, code, message });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deriving one operation.

function pathParamNames(p: string): string[] {
  return [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

function sameShape(a: string, b: string): boolean {
  const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  return shape(a) === shape(b);
}

function slug(category: string): string {
  return category.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function derive(listed: ListedOp, spec: Spec): { op: OpEntry; schemas: SchemaEntry } {
  const where = `${listed.method} ${listed.path} (${listed.spec})`;
  const item = spec.paths?.[listed.path];
  const def = item?.[listed.method.toLowerCase()];
  if (!def) fail(`${where}: not found in spec`);
  if (typeof def.operationId !== 'string' || !def.operationId) fail(`${where}: no operationId`);
  const swagger2 = spec.swagger === '2.0';

  // Path-item parameters apply to every method; the operation's own win (same name and `in`).
  const params = new Map<string, Spec>();
  for (const p of [...(item.parameters ?? []), ...(def.parameters ?? [])]) params.set(`${p.in}:${p.name}`, p);
  const byIn = (loc: string) => [...params.values()].filter((p) => p.in === loc);
  for (const p of params.values()) {
    if (!['path', 'query', 'body', 'formData'].includes(p.in)) warnings.push(`${where}: ignored ${p.in} parameter ${p.name}`);
  }

  // Path params in the order of the path; undeclared ones are left for overrides to fix.
  const pathParams = pathParamNames(listed.path);
  const pathProps: Record<string, Spec> = {};
  for (const name of pathParams) {
    const p = params.get(`path:${name}`);
    if (p) pathProps[name] = paramSchema(p);
  }
  for (const p of byIn('path')) {
    if (!Object.hasOwn(pathProps, p.name)) warnings.push(`${where}: path parameter ${p.name} is not in the path`);
  }
  const pathSchema = objectSchema(pathProps, pathParams.filter((n) => Object.hasOwn(pathProps, n)));

  const queryProps: Record<string, Spec> = {};
  for (const p of byIn('query')) queryProps[p.name] = paramSchema(p);
  const querySchema = objectSchema(queryProps, byIn('query').filter((p) => p.required === true).map((p) => p.name));

  // Request body.
  let bodyKind: OpEntry['body'];
  let body: Spec | undefined;
  let bodyRequired = false;
  if (swagger2) {
    const bodyParam = byIn('body')[0];
    const form = byIn('formData');
    if (bodyParam) {
      bodyKind = 'json';
      body = cleanSchema(bodyParam.schema ?? {});
      bodyRequired = bodyParam.required === true;
    } else if (form.length > 0) {
      const consumes: string[] = def.consumes ?? spec.consumes ?? [];
      const multipart = form.some((p) => p.type === 'file') || !consumes.includes('application/x-www-form-urlencoded');
      bodyKind = multipart ? 'multipart' : 'form';
      body = objectSchema(
        Object.fromEntries(form.map((p) => [p.name, paramSchema(p)])),
        form.filter((p) => p.required === true).map((p) => p.name),
      );
      bodyRequired = form.some((p) => p.required === true);
    }
  } else if (def.requestBody) {
    const content = def.requestBody.content ?? {};
    const types = Object.keys(content);
    const pick = (t: string) => types.find((x) => x.split(';')[0].trim() === t);
    const type = pick('application/json') ?? pick('multipart/form-data') ?? pick('application/x-www-form-urlencoded');
    if (!type) fail(`${where}: unsupported request body types ${types.join(', ')}`);
    if (types.length > 1) warnings.push(`${where}: several body types (${types.join(', ')}); using ${type}`);
    bodyKind = type.startsWith('application/json') ? 'json' : type.startsWith('multipart') ? 'multipart' : 'form';
    body = cleanSchema(content[type].schema ?? {});
    bodyRequired = def.requestBody.required === true;
  }

  // Responses (JS orders integer-like keys ascending, which is what we want anyway).
  const responses: Record<string, Spec | null> = {};
  let errors: ErrorDoc[] = [];
  for (const [status, r] of Object.entries<Spec>(def.responses ?? {})) {
    let schema: Spec | undefined;
    if (swagger2) schema = r.schema;
    else {
      const json = Object.keys(r.content ?? {}).find((t) => t.split(';')[0].trim() === 'application/json');
      schema = json ? r.content[json].schema : undefined;
    }
    // 204 is No Content; the 2021-08 file still puts empty schemas there.
    responses[status] = schema && status !== '204' ? cleanSchema(schema) : null;
    if (/^\d{3}$/.test(status)) errors.push(...harvestErrors(Number(status), r.description ?? '', `${def.operationId} ${status}`));
  }
  // Descriptions repeat themselves at times; keep the first of identical entries.
  const seen = new Set<string>();
  errors = errors.filter((e) => {
    const key = `${e.status}|${e.code}|${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const success = Object.keys(responses).map(Number).filter((s) => s >= 200 && s < 300).sort((a, b) => a - b);

  const pageSize = Object.hasOwn(queryProps, 'page_size') ? queryProps.page_size : undefined;
  const hasToken = Object.hasOwn(queryProps, 'next_page_token');
  const hasNumber = Object.hasOwn(queryProps, 'page_number');
  // Optional fields are spread in so that key order (and so the output bytes) stay fixed.
  const op: OpEntry = {
    operationId: def.operationId,
    category: listed.category,
    title: listed.title,
    method: listed.method,
    path: listed.path,
    pathParams,
    ...(listed.master_path && listed.master_path !== listed.path ? { masterPath: listed.master_path } : {}),
    ...(listed.legacy_path && !sameShape(listed.legacy_path, listed.path) ? { legacyPath: listed.legacy_path } : {}),
    ...(listed.legacy_only ? { legacyOnly: true as const } : {}),
    ...(listed.extra ? { extra: true as const } : {}),
    rateLimit: listed.rate_limit,
    scopes: listed.scopes,
    granularScopes: listed.granular_scopes,
    permissions: swagger2 ? [] : (def['x-extensions']?.['x-permissions'] ?? []),
    successStatus: success[0] ?? 200,
    ...(pageSize ? {
      pageSizeMax: typeof pageSize.maximum === 'number' ? pageSize.maximum : 300,
      pageSizeDefault: typeof pageSize.default === 'number' ? pageSize.default : 30,
    } : {}),
    ...(hasToken || hasNumber ? { paging: { token: hasToken, number: hasNumber } } : {}),
    ...(bodyKind ? { body: bodyKind } : {}),
  };
  const schemas: SchemaEntry = {
    path: pathSchema,
    query: querySchema,
    ...(body ? { body } : {}),
    ...(bodyRequired ? { bodyRequired: true as const } : {}),
    responses,
    errors,
  };
  return { op, schemas };
}

// ---------------------------------------------------------------------------------------------
// Extra operations: listed like operations.json's entries, but scopes and the rate-limit label
// are read from the definition itself (x-extensions and the description's "Rate Limit Label").

const LABELS: Record<string, string> = { LIGHT: 'Light', MEDIUM: 'Medium', HEAVY: 'Heavy', 'RESOURCE-INTENSIVE': 'Resource-intensive' };

function loadExtras(specFor: (file: string) => Spec, listed: ListedOp[]): ListedOp[] {
  if (!fs.existsSync(EXTRAS_FILE)) return [];
  const list = readJson(EXTRAS_FILE);
  if (!Array.isArray(list)) fail('extra-operations.json must be an array');
  return (list as ExtraOp[]).map((e) => {
    for (const k of ['method', 'path', 'category', 'title', 'spec', 'reason'] as const) {
      if (typeof e?.[k] !== 'string' || !e[k].trim()) fail(`extra operation needs ${k}: ${JSON.stringify(e)}`);
    }
    if (listed.some((l) => l.method === e.method && l.path === e.path)) fail(`extra operation ${e.method} ${e.path} is already listed`);
    const def = specFor(e.spec).paths?.[e.path]?.[e.method.toLowerCase()];
    if (!def) fail(`extra operation ${e.method} ${e.path}: not found in ${e.spec}`);
    const x = def['x-extensions'] ?? {};
    const label = /Rate Limit Label[^`]*`([^`]+)`/i.exec(def.description ?? '')?.[1]?.trim().toUpperCase();
    if (label !== undefined && !LABELS[label]) fail(`extra operation ${e.method} ${e.path}: unknown rate limit label ${label}`);
    return {
      method: e.method,
      path: e.path,
      category: e.category,
      title: e.title,
      spec: e.spec,
      rate_limit: label ? LABELS[label]! : null,
      scopes: x['x-macro-scopes'] ?? [],
      granular_scopes: x['x-granular-scopes'] ?? [],
      extra: true as const,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Overrides: JSON pointers into an operation's schemas entry, or "/op/..." into its
// operations.json entry. `set` needs the parent to exist; `remove` needs the target to exist;
// `was`, when given, must equal the current value (guards index pointers such as /errors/3).

function applyOverride(o: Override, op: OpEntry, schemas: SchemaEntry): void {
  const [target, pointer] = o.pointer.startsWith('/op/') ? [op as Spec, o.pointer.slice(3)] : [schemas as Spec, o.pointer];
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!pointer.startsWith('/') || tokens.length === 0) fail(`override ${o.operationId} ${o.pointer}: bad pointer`);
  let parent: Spec = target;
  for (const t of tokens.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, t)) {
      fail(`override ${o.operationId} ${o.pointer}: does not resolve (at "${t}")`);
    }
    parent = parent[t];
  }
  const last = tokens[tokens.length - 1];
  if (parent === null || typeof parent !== 'object') fail(`override ${o.operationId} ${o.pointer}: parent is not a container`);
  if ('was' in o && !(Object.hasOwn(parent, last) && isDeepStrictEqual(parent[last], o.was))) {
    fail(`override ${o.operationId} ${o.pointer}: expected ${JSON.stringify(o.was)}, found ${JSON.stringify(parent[last])}`);
  }
  if (o.op === 'remove') {
    if (!Object.hasOwn(parent, last)) fail(`override ${o.operationId} ${o.pointer}: nothing to remove`);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (o.op === 'set') {
    if (!('value' in o)) fail(`override ${o.operationId} ${o.pointer}: set without value`);
    if (Array.isArray(parent) && !(/^\d+$/.test(last) && Number(last) <= parent.length)) {
      fail(`override ${o.operationId} ${o.pointer}: bad array index`);
    }
    parent[last] = structuredClone(o.value);
  } else {
    fail(`override ${o.operationId} ${o.pointer}: unknown op ${JSON.stringify(o.op)}`);
  }
}

function loadOverrides(): Override[] {
  if (!fs.existsSync(OVERRIDES_FILE)) return [];
  const list = readJson(OVERRIDES_FILE);
  if (!Array.isArray(list)) fail('overrides.json must be an array');
  for (const o of list) {
    if (typeof o?.operationId !== 'string' || typeof o.pointer !== 'string' || typeof o.reason !== 'string' || !o.reason.trim()) {
      fail(`override needs operationId, pointer and a reason: ${JSON.stringify(o)}`);
    }
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Checks on the final contract, so that a bad input or a bad override fails the run.

function check(ops: OpEntry[], schemas: Map<string, SchemaEntry>): void {
  const problems: string[] = [];
  for (const op of ops) {
    const s = schemas.get(op.operationId)!;
    if (!METHODS.has(op.method)) problems.push(`${op.operationId}: method ${op.method}`);
    if (op.rateLimit !== null && !RATE_LIMITS.has(op.rateLimit)) problems.push(`${op.operationId}: rate limit ${op.rateLimit}`);
    if (!Number.isInteger(op.successStatus)) problems.push(`${op.operationId}: successStatus`);
    const declared = Object.keys(s.path?.properties ?? {}).sort().join(',');
    if (declared !== [...op.pathParams].sort().join(',')) {
      problems.push(`${op.operationId}: path params ${op.pathParams.join(',')} but schema declares ${declared || 'none'}`);
    }
  }
  if (problems.length > 0) fail(`contract checks failed:\n  ${problems.join('\n  ')}`);
}

// Every schema must compile with Ajv as the server will use it; unknown formats are accepted.
function compileAll(schemas: Map<string, SchemaEntry>): { unknownFormats: string[] } {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
  addFormats(ajv);
  const unknownFormats = [...formatsSeen.keys()].filter((f) => !ajv.formats[f]).sort();
  for (const f of unknownFormats) ajv.addFormat(f, true);
  const problems: string[] = [];
  for (const [id, s] of schemas) {
    const parts: [string, Spec][] = [['path', s.path], ['query', s.query]];
    if (s.body) parts.push(['body', s.body]);
    for (const [status, r] of Object.entries(s.responses)) if (r) parts.push([`responses/${status}`, r]);
    for (const [name, schema] of parts) {
      try {
        ajv.compile(schema);
      } catch (err) {
        problems.push(`${id} /${name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
  if (problems.length > 0) fail(`schemas that Ajv refuses (fix in overrides.json):\n  ${problems.join('\n  ')}`);
  return { unknownFormats };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const reference: ListedOp[] = readJson(path.join(API_DIR, 'operations.json'));
  if (!Array.isArray(reference)) fail('operations.json must be an array');
  const specs = new Map<string, Spec>();
  const specFor = (file: string): Spec => {
    if (!specs.has(file)) specs.set(file, readJson(path.join(API_DIR, file)));
    return specs.get(file);
  };
  const listed = [...reference, ...loadExtras(specFor, reference)];
  const ops: OpEntry[] = [];
  const schemas = new Map<string, SchemaEntry>();
  for (const l of listed) {
    const { op, schemas: s } = derive(l, specFor(l.spec));
    if (schemas.has(op.operationId)) fail(`duplicate operationId ${op.operationId}`);
    ops.push(op);
    schemas.set(op.operationId, s);
  }
  const harvested = ops.reduce((n, op) => n + schemas.get(op.operationId)!.errors.length, 0);

  const overrides = loadOverrides();
  const opsById = new Map(ops.map((op) => [op.operationId, op]));
  for (const o of overrides) {
    const op = opsById.get(o.operationId);
    if (!op) fail(`override for unknown operationId ${o.operationId}`);
    applyOverride(o, op, schemas.get(o.operationId)!);
  }

  check(ops, schemas);
  const { unknownFormats } = compileAll(schemas);

  // Slugs must not collide, or two categories would share a file.
  const byCategory = new Map<string, OpEntry[]>();
  const slugOwner = new Map<string, string>();
  for (const op of ops) {
    const s = slug(op.category);
    if (slugOwner.has(s) && slugOwner.get(s) !== op.category) fail(`categories ${op.category} and ${slugOwner.get(s)} share slug ${s}`);
    slugOwner.set(s, op.category);
    byCategory.set(s, [...(byCategory.get(s) ?? []), op]);
  }

  // Write: one operation per line, so diffs stay readable.
  const schemaDir = path.join(OUT_DIR, 'schemas');
  fs.mkdirSync(schemaDir, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'operations.json'), `[\n${ops.map((op) => JSON.stringify(op)).join(',\n')}\n]\n`);
  for (const [s, list] of byCategory) {
    const lines = list.map((op) => `${JSON.stringify(op.operationId)}:${JSON.stringify(schemas.get(op.operationId))}`);
    fs.writeFileSync(path.join(schemaDir, `${s}.json`), `{\n${lines.join(',\n')}\n}\n`);
  }
  for (const f of fs.readdirSync(schemaDir)) {
    if (f.endsWith('.json') && !byCategory.has(f.slice(0, -5))) fs.rmSync(path.join(schemaDir, f)); // stale category
  }
  if (!fs.existsSync(OVERRIDES_FILE)) fs.writeFileSync(OVERRIDES_FILE, '[]\n');
  // Zoom's event catalogue: contract/events/ (scripts/contract-events.ts).
  const eventsSummary = deriveEvents({ apiDir: API_DIR, outDir: OUT_DIR, clean: cleanSchema, fail });

  // Summary.
  const all = ops.flatMap((op) => schemas.get(op.operationId)!.errors);
  const bytes = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? bytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
  const formatList = [...formatsSeen].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${f} (${n})`).join(', ');
  const dropped = [...droppedKeywords].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`operations: ${ops.length} in ${byCategory.size} categories (from ${specs.size} spec files): ${reference.length} of the reference, ${ops.length - reference.length} extra`);
  console.log(`errors harvested: ${harvested} (${all.length} after overrides) in ${ops.filter((op) => schemas.get(op.operationId)!.errors.length > 0).length} operations; ${new Set(all.map((e) => e.code)).size} distinct codes; ${all.filter((e) => !e.message).length} without a message`);
  console.log(`formats seen in Zoom's files: ${formatList}`);
  console.log(`formats unknown to ajv-formats (accepted as-is): ${unknownFormats.join(', ') || 'none'}`);
  console.log(`keywords dropped: ${dropped}`);
  console.log(`overrides applied: ${overrides.length}`);
  console.log(eventsSummary);
  for (const w of warnings) console.log(`warning: ${w}`);
  console.log(`wrote ${path.relative(ROOT, OUT_DIR)}/: ${bytes(OUT_DIR)} bytes`);
}

main();
