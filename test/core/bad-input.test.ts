// Bad input of every kind gets Zoom's error shape, never a 500, and writes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let strict: TestServer;
before(async () => {
  s = await startServer();
  strict = await startServer({ unknownFields: 'reject' });
});
after(async () => {
  await s.close();
  await strict.close();
});

async function userCount(server: TestServer): Promise<number> {
  return (await server.api.get('/v2/users?page_size=300&status=active')).body.total_records + (await server.api.get('/v2/users?status=pending')).body.total_records;
}

describe('request bodies', () => {
  test('malformed JSON answers 400/300 "Request Body should be a valid JSON object." (Zoom error-definitions page) and writes nothing', async () => {
    const before = await userCount(s);
    for (const raw of ['{bad', '{"action":"create",', 'nul', '[1,2', '\u0000']) {
      const r = await s.api.request('POST', '/v2/users', { rawBody: raw });
      assert.equal(r.status, 400, raw);
      assert.deepEqual(r.body, { code: 300, message: 'Request Body should be a valid JSON object.' });
    }
    assert.equal(await userCount(s), before);
  });

  test('JSON that is not an object answers the same', async () => {
    for (const raw of ['[]', '"text"', '42', 'true']) {
      const r = await s.api.request('POST', '/v2/users', { rawBody: raw });
      assert.equal(r.status, 400, raw);
      assert.equal(r.body.code, 300);
    }
  });

  test('a missing body on an operation that needs one answers 300', async () => {
    const r = await s.api.request('POST', '/v2/users');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });

  test('wrong types answer 300 "Validation Failed." with the fields named', async () => {
    const r = await s.api.post('/v2/users', { action: 7, user_info: { email: ['x'], type: 'licensed' } });
    assert.equal(r.status, 400);
    assert.equal(r.body.message, 'Validation Failed.');
    const fields = r.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['action', 'user_info.email', 'user_info.type']);
  });

  test('unknown fields are dropped by default, as Zoom ignores them: nothing of them is stored', async () => {
    const c = await s.api.post('/v2/users', { action: 'custCreate', colour: 'red', user_info: { email: 'extra@example.com', type: 1, shoe_size: 44 } });
    assert.equal(c.status, 201);
    const u = await s.api.get(`/v2/users/${c.body.id}`);
    assert.equal(u.body.shoe_size, undefined);
    assert.equal(u.body.colour, undefined);
  });

  test('with --unknown-fields reject they answer 300 naming each field, and nothing is written', async () => {
    const before = await userCount(strict);
    const r = await strict.api.post('/v2/users', { action: 'custCreate', colour: 'red', user_info: { email: 'extra@example.com', type: 1, shoe_size: 44 } });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
    assert.deepEqual(r.body.errors.map((e: { field: string }) => e.field).sort(), ['colour', 'user_info.shoe_size']);
    assert.equal(await userCount(strict), before);
  });

  test('a body over the limit answers 413 with Zoom\'s shape and writes nothing', async () => {
    const before = await userCount(s);
    const huge = JSON.stringify({ action: 'custCreate', user_info: { email: 'big@example.com', type: 1, first_name: 'x'.repeat(200_000) } });
    const r = await s.api.request('POST', '/v2/users', { rawBody: huge });
    assert.equal(r.status, 413);
    assert.equal(r.body.code, 300);
    assert.equal(await userCount(s), before);
  });

  test('values over a field\'s maximum length answer 300', async () => {
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'long@example.com', type: 1, first_name: 'x'.repeat(65) } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors, [{ field: 'user_info.first_name', message: 'Invalid field.' }]);
  });

  test('prototype pollution keys are ignored', async () => {
    const r = await s.api.request('POST', '/v2/users', {
      rawBody: '{"action":"custCreate","__proto__":{"polluted":1},"user_info":{"email":"proto@example.com","type":1}}',
    });
    assert.equal(r.status, 201);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('query strings and ids', () => {
  test('a query value of the wrong type answers 300', async () => {
    const r = await s.api.get('/v2/users?page_size=lots');
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 300);
  });

  test('ids with odd characters, encoded slashes and very long ids answer 404/1001, never 500', async () => {
    for (const id of ['%2F%2Fabc', 'a%252Fb', "x'OR'1'='1", 'x'.repeat(400), '%E2%98%83', '..%2F..%2Fetc']) {
      const r = await s.api.get(`/v2/users/${id}`);
      assert.ok(r.status === 404 || r.status === 400, `${id}: ${r.status}`);
    }
  });
});

describe('tokens', () => {
  test('no token, a malformed token and a forged token answer 401/124 "Invalid access token."', async () => {
    const forged = s.api.token!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [null, 'garbage', 'a.b.c', forged]) {
      const r = await s.api.get('/v2/users', { token });
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, { code: 124, message: 'Invalid access token.' });
    }
    const basic = await s.client.get('/v2/users', { headers: { authorization: 'Basic abc' } });
    assert.equal(basic.body.code, 124);
  });

  test('a token of another server (other signing key) is invalid here', async () => {
    const other = await startServer();
    try {
      const r = await s.api.get('/v2/users', { token: other.api.token });
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 124);
    } finally {
      await other.close();
    }
  });
});
