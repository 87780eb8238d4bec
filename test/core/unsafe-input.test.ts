// NUL characters and numbers past JavaScript's safe integers, sent as an
// attacker would: in every path parameter, query value and body field of every
// implemented operation. Each answers 400/300 naming the field, on both
// databases (PostgreSQL cannot store a NUL: before this check it answered 500).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { JsonSchema, Operation } from '../../src/core/contract.ts';
import type { TestServer } from '../helpers/server.ts';
import { sweepServer } from '../helpers/sweep.ts';
import type { Reply } from '../helpers/client.ts';

let s: TestServer;
let ids: Record<string, string> = {};
before(async () => {
  ({ s, ids } = await sweepServer('Unsafe'));
});
after(() => s.close());

const implemented = (): Operation[] => s.contract.operations.filter((op) => s.implemented.has(op.operationId));
const urlOf = (op: Operation, override: Record<string, string> = {}) =>
  `/v2${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => override[name] ?? ids[name] ?? 'unknownId000000000000x')}`;
const noBody = (op: Operation) => (op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} });

function assertRefused(r: Reply, field: string, what: string): void {
  assert.equal(r.status, 400, `${what}: ${r.status} ${r.raw}`);
  assert.equal(r.body.code, 300, `${what}: ${r.raw}`);
  assert.ok(
    r.body.errors?.some((e: { field: string }) => e.field === field),
    `${what}: field ${field} not named in ${r.raw}`,
  );
}

/** Leaf fields of a body schema, two levels deep, as [dotted path, schema]. */
function leaves(schema: JsonSchema | undefined, prefix = '', depth = 0): Array<[string, JsonSchema]> {
  if (!schema || depth > 1) return [];
  const props: Record<string, JsonSchema> = { ...((schema.properties as Record<string, JsonSchema>) ?? {}) };
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of (schema[key] as JsonSchema[]) ?? []) Object.assign(props, sub.properties ?? {});
  return Object.entries(props).flatMap(([name, sub]): Array<[string, JsonSchema]> => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (sub.type === 'object' || sub.properties) return leaves(sub, path, depth + 1);
    return [[path, sub]];
  });
}

function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const body: Record<string, unknown> = {};
  let at = body;
  for (const part of parts.slice(0, -1)) at = (at[part] = {}) as Record<string, unknown>;
  at[parts.at(-1)!] = value;
  return body;
}

test('a NUL in any path parameter answers 400/300 naming it', async () => {
  let n = 0;
  for (const op of implemented()) {
    for (const name of op.path.match(/\{([^}]+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
      assertRefused(await s.api.request(op.method, urlOf(op, { [name]: 'abc%00def' }), noBody(op)), name, `${op.operationId} path ${name}`);
      n++;
    }
  }
  assert.ok(n > 60, `only ${n} path parameters`);
});

test('a NUL in any query value, or a huge number in a numeric one, answers 400/300 naming it', async () => {
  let n = 0;
  for (const op of implemented()) {
    for (const [name, sub] of Object.entries((s.contract.schemas(op).query.properties as Record<string, JsonSchema>) ?? {})) {
      assertRefused(await s.api.request(op.method, `${urlOf(op)}?${name}=x%00y`, noBody(op)), name, `${op.operationId} query ${name}`);
      // page_size is the exception: Zoom answers its largest page when asked for more.
      if (name === 'page_size') {
        const r = await s.api.request(op.method, `${urlOf(op)}?${name}=99999999999999999999`, noBody(op));
        if (r.status === 200 && r.body.page_size !== undefined) assert.equal(r.body.page_size, op.pageSizeMax ?? 300, op.operationId);
      } else if (sub.type === 'integer' || sub.type === 'number') {
        assertRefused(await s.api.request(op.method, `${urlOf(op)}?${name}=99999999999999999999`, noBody(op)), name, `${op.operationId} query ${name} huge`);
      }
      n++;
    }
  }
  assert.ok(n > 40, `only ${n} query parameters`);
});

test('a NUL in any body string, or a number past 2^53 in any numeric field, answers 400/300 naming it', async () => {
  let n = 0;
  for (const op of implemented()) {
    if (op.body === 'multipart') continue;
    for (const [path, sub] of leaves(s.contract.schemas(op).body)) {
      if (sub.type === 'string') {
        assertRefused(await s.api.request(op.method, urlOf(op), { body: bodyWith(path, 'a\u0000b') }), path, `${op.operationId} body ${path}`);
        n++;
      } else if (sub.type === 'integer' || sub.type === 'number') {
        for (const huge of ['1e20', '9007199254740993', '-9007199254740993']) {
          const raw = JSON.stringify(bodyWith(path, 0)).replace(/:0\}/, `:${huge}}`);
          assertRefused(await s.api.request(op.method, urlOf(op), { rawBody: raw }), path, `${op.operationId} body ${path} ${huge}`);
        }
        n++;
      }
    }
  }
  assert.ok(n > 100, `only ${n} body fields`);
});

test('a NUL in a body key, or nesting past any schema, answers 400/300', async () => {
  const key = await s.api.request('PATCH', `/v2/users/${ids.userId}`, { rawBody: '{"first\\u0000name":"x"}' });
  assert.deepEqual([key.status, key.body.code], [400, 300]);
  const deep = await s.api.request('PATCH', `/v2/users/${ids.userId}`, { rawBody: `{"custom_attributes":${'['.repeat(5000)}${']'.repeat(5000)}}` });
  assert.deepEqual([deep.status, deep.body.code], [400, 300]);
  const user = await s.api.get(`/v2/users/${ids.userId}`);
  assert.equal(user.body.first_name, '');
});

test('page_number past a 32-bit integer answers 400/300; a far page within it is empty, not an error', async () => {
  assertRefused(await s.api.get('/v2/users?page_number=99999999999999999999'), 'page_number', 'huge page_number');
  assertRefused(await s.api.get('/v2/users?page_number=2147483648'), 'page_number', 'page_number 2^31');
  const far = await s.api.get('/v2/users?page_number=2147483647&page_size=300');
  assert.equal(far.status, 200);
  assert.deepEqual(far.body.users, []);
  assert.equal(far.body.page_number, 2147483647);
  assert.equal(far.body.next_page_token, '');
});

test('no body, or a JSON null, where the schema needs a field answers 400/300 and writes nothing', async () => {
  for (const options of [{}, { rawBody: 'null' }, { body: {} }]) {
    const r = await s.api.request('PUT', `/v2/users/${ids.userId}/presence_status`, options);
    assert.deepEqual([r.status, r.body.code], [400, 300], JSON.stringify(options));
    assert.ok(r.body.errors.some((e: { field: string }) => e.field === 'status'), r.raw);
  }
});

test('OAuth and control-plane endpoints refuse a NUL before any lookup', async () => {
  const token = await s.client.request('POST', '/oauth/token?grant_type=account_credentials&account_id=a%00b', {
    headers: { authorization: `Basic ${Buffer.from('id\u0000x:secret').toString('base64')}` },
  });
  assert.deepEqual([token.status, token.body.error], [400, 'invalid_request']);
  const header = await s.client.request('POST', `/oauth/token?grant_type=account_credentials&account_id=${s.demo!.accountId}`, {
    headers: { authorization: `Basic ${Buffer.from('id\u0000x:secret').toString('base64')}` },
  });
  const wrong = await s.client.request('POST', `/oauth/token?grant_type=account_credentials&account_id=${s.demo!.accountId}`, {
    headers: { authorization: `Basic ${Buffer.from('nobody:secret').toString('base64')}` },
  });
  // Answered as any wrong credentials are.
  assert.deepEqual([header.status, header.body], [wrong.status, wrong.body]);
  const form = await s.client.request('POST', '/oauth/token', {
    rawBody: 'grant_type=client_credentials&client_id=a%00b&client_secret=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.deepEqual([form.status, form.body.error], [400, 'invalid_request']);
  const control = await s.client.post('/_openzoom/apps', { account_id: 'a\u0000b', scopes: [] });
  assert.deepEqual([control.status, control.body.code], [400, 300]);
});
