// Bad input on every implemented operation: each body field given the wrong
// type, bodies of the wrong shape, odd query values and odd ids. Whatever the
// operation, the answer is Zoom's error shape and never a 500 (the test client
// asserts both on every reply).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { JsonSchema } from '../../src/core/contract.ts';
import type { TestServer } from '../helpers/server.ts';
import { sweepServer } from '../helpers/sweep.ts';

let s: TestServer;
let ids: Record<string, string> = {};
before(async () => {
  ({ s, ids } = await sweepServer('Robust'));
});
after(() => s.close());

/** A value of another JSON type than the schema asks for. */
function wrongValue(schema: JsonSchema | undefined): unknown {
  switch (schema?.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return null;
  }
}

function topLevelProperties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  const out: Record<string, JsonSchema> = { ...((schema.properties as Record<string, JsonSchema>) ?? {}) };
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of (schema[key] as JsonSchema[]) ?? []) Object.assign(out, topLevelProperties(sub));
  return out;
}

test('no implemented operation answers 500 to malformed input', async () => {
  let requests = 0;
  for (const op of s.contract.operations) {
    if (!s.implemented.has(op.operationId)) continue;
    const url = `/v2${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'unknownId000000000000x')}`;
    const schemas = s.contract.schemas(op);
    const bodies: unknown[] = [];
    if (op.body === 'json' || schemas.body) {
      for (const [name, sub] of Object.entries(topLevelProperties(schemas.body))) bodies.push({ [name]: wrongValue(sub) });
      bodies.push([], 'text', 7, { deeply: { nested: { unknown: [1, { x: null }] } } });
    }
    for (const body of bodies) {
      await s.api.request(op.method, url, { body });
      requests++;
    }
    for (const [name, sub] of Object.entries((schemas.query.properties as Record<string, JsonSchema>) ?? {})) {
      const value = sub.type === 'string' ? '%00%FF' : 'not-valid';
      await s.api.request(op.method, `${url}?${name}=${value}`, op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} });
      requests++;
    }
    for (const odd of ['%2F%2F', 'x'.repeat(300), '%E2%80%AE', '..']) {
      if (!op.path.includes('{')) break;
      await s.api.request(op.method, `/v2${op.path.replace(/\{[^}]+\}/, odd).replace(/\{([^}]+)\}/g, (_, n: string) => ids[n] ?? 'x')}`, op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} });
      requests++;
    }
  }
  assert.ok(requests > 300, `only ${requests} requests`);
});
