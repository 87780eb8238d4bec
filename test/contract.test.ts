// Checks the committed contract (contract/), which `npm run contract` derives from Zoom's
// published definitions. Runs without ../shared: it reads only the committed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

const addFormats = formatsModule.default; // CommonJS default export under "nodenext"
const CONTRACT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../contract');

type Json = any;
const ops: Json[] = JSON.parse(fs.readFileSync(path.join(CONTRACT, 'operations.json'), 'utf8'));
const slug = (category: string) => category.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const schemaFiles = new Map<string, Record<string, Json>>();
for (const f of fs.readdirSync(path.join(CONTRACT, 'schemas'))) {
  schemaFiles.set(f.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(CONTRACT, 'schemas', f), 'utf8')));
}
const entry = (op: Json): Json => schemaFiles.get(slug(op.category))?.[op.operationId];

// Every schema of an entry, with a name for messages.
function schemasOf(op: Json): [string, Json][] {
  const e = entry(op);
  const out: [string, Json][] = [['path', e.path], ['query', e.query]];
  if (e.body) out.push(['body', e.body]);
  for (const [status, s] of Object.entries(e.responses)) if (s) out.push([`responses/${status}`, s]);
  return out;
}

// Visits every schema node (not the field names inside `properties`).
function walk(s: Json, visit: (node: Json) => void): void {
  if (s === null || typeof s !== 'object') return;
  visit(s);
  for (const p of Object.values<Json>(s.properties ?? {})) walk(p, visit);
  for (const x of [s.items, s.not, s.additionalProperties].flat()) walk(x, visit);
  for (const k of ['allOf', 'oneOf', 'anyOf']) for (const x of s[k] ?? []) walk(x, visit);
}

test("436 operations of Zoom's reference, the extra ones of Zoom's files after them, all with unique operationIds", () => {
  const reference = ops.filter((op) => !op.extra);
  assert.equal(reference.length, 436);
  // Extras (contract/extra-operations.json) come last and are marked, so counts of the reference stay 436.
  const extras = ops.slice(reference.length);
  assert.ok(extras.every((op) => op.extra === true));
  assert.deepEqual(extras.map((op) => op.operationId), ['getUserPresenceStatus']);
  assert.equal(new Set(ops.map((op) => op.operationId)).size, ops.length);
});

test('every operation has a schemas entry in its category file, and nothing else is there', () => {
  for (const op of ops) assert.ok(entry(op), `${op.operationId} missing from schemas/${slug(op.category)}.json`);
  const total = [...schemaFiles.values()].reduce((n, f) => n + Object.keys(f).length, 0);
  assert.equal(total, ops.length);
});

test('every operation has a method, a successStatus and path params matching its path schema', () => {
  for (const op of ops) {
    assert.ok(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method), op.operationId);
    assert.ok(Number.isInteger(op.successStatus) && op.successStatus >= 200 && op.successStatus < 300, op.operationId);
    assert.deepEqual(Object.keys(entry(op).path.properties).sort(), [...op.pathParams].sort(), op.operationId);
  }
});

test('every schema compiles with Ajv', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
  addFormats(ajv);
  for (const op of ops) {
    for (const [, s] of schemasOf(op)) {
      walk(s, (node) => {
        if (typeof node.format === 'string' && !ajv.formats[node.format]) ajv.addFormat(node.format, true);
      });
    }
  }
  for (const op of ops) {
    for (const [name, s] of schemasOf(op)) {
      assert.doesNotThrow(() => ajv.compile(s), `${op.operationId} ${name}`);
    }
  }
});

test('schemas carry no prose keywords', () => {
  const prose = ['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'deprecated', 'xml'];
  for (const op of ops) {
    for (const [name, s] of schemasOf(op)) {
      walk(s, (node) => {
        for (const k of Object.keys(node)) {
          assert.ok(!prose.includes(k) && !k.startsWith('x-'), `${op.operationId} ${name}: keyword ${k}`);
        }
      });
    }
  }
});

test('every override has a reason', () => {
  const overrides: Json[] = JSON.parse(fs.readFileSync(path.join(CONTRACT, 'overrides.json'), 'utf8'));
  for (const o of overrides) assert.ok(typeof o.reason === 'string' && o.reason.trim(), JSON.stringify(o));
});

test('every extra operation has a reason and is in the contract, derived with scopes and a rate limit', () => {
  const extras: Json[] = JSON.parse(fs.readFileSync(path.join(CONTRACT, 'extra-operations.json'), 'utf8'));
  for (const e of extras) {
    assert.ok(typeof e.reason === 'string' && e.reason.trim(), JSON.stringify(e));
    const op = ops.find((o) => o.method === e.method && o.path === e.path);
    assert.ok(op?.extra, `${e.method} ${e.path} not derived`);
    assert.ok(op.scopes.length + op.granularScopes.length > 0 && op.rateLimit, op.operationId);
  }
  const presence = ops.find((o) => o.operationId === 'getUserPresenceStatus');
  assert.deepEqual(presence.granularScopes, ['user:read:presence_status', 'user:read:presence_status:admin']);
  assert.equal(presence.rateLimit, 'Medium');
});

test('GET /users: paging and documented errors', () => {
  const op = ops.find((o) => o.operationId === 'users');
  assert.ok(op);
  assert.equal(op.method, 'GET');
  assert.equal(op.path, '/users');
  assert.equal(op.pageSizeMax, 2000);
  assert.deepEqual(op.paging, { token: true, number: true });
  assert.ok(entry(op).errors.some((e: Json) => e.code === 300 && e.status === 400));
});
