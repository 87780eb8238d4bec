// What happened: GET /_openzoom/requests keeps the last requests with their
// bodies (truncated, secrets masked), filterable; the request line on the
// server's output, pretty or JSON.
import assert from 'node:assert/strict';
import { closeSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { maskBody, maskUrl } from '../../src/core/masking.ts';
import { BODY_LIMIT, type RequestLine } from '../../src/core/request-history.ts';
import { lineSink } from '../../src/core/request-log.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

const history = async (query = '') => (await s.client.get(`/_openzoom/requests${query}`)).body;

test('each request is kept with method, path, status, Zoom code, duration, operation, account and bodies', async () => {
  const { next_after: start } = await history();
  const owner = (await s.api.get('/v2/users/me')).body; // 404/1001 with an account-level token
  assert.equal(owner.code, 1001);
  const created = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'logged@example.com', type: 1, password: 'Secret-pass-1' } });
  assert.equal(created.status, 201);

  const { requests } = await history(`?after=${start}`);
  assert.equal(requests.length, 2);
  const [miss, create] = requests;
  assert.equal(miss.method, 'GET');
  assert.equal(miss.path, '/v2/users/me');
  assert.equal(miss.status, 404);
  assert.equal(miss.code, 1001);
  assert.equal(miss.operation, 'user');
  assert.equal(miss.account_id, s.demo!.accountId);
  assert.equal(typeof miss.duration_ms, 'number');
  assert.match(miss.tracking_id, /^v=2\.0;clid=us06;rid=WEB_/);
  assert.equal(miss.request_body, null);
  assert.match(miss.response_body, /"code":1001/);
  assert.ok(!Number.isNaN(Date.parse(miss.time)));

  assert.equal(create.operation, 'userCreate');
  assert.equal(create.status, 201);
  assert.equal(create.code, undefined);
  assert.match(create.request_body, /"email":"logged@example.com"/);
  assert.match(create.request_body, /"password":"\*\*\*"/);
  assert.ok(!create.request_body.includes('Secret-pass-1'));
  assert.match(create.response_body, new RegExp(created.body.id));
});

test('tokens and client secrets never appear: not in bodies, forms or query strings', async () => {
  const { next_after: start } = await history();
  const basic = Buffer.from(`${s.demo!.clientId}:${s.demo!.clientSecret}`).toString('base64');
  const token = await s.app.inject({
    method: 'POST',
    url: `/oauth/token?grant_type=account_credentials&account_id=${s.demo!.accountId}`,
    headers: { authorization: `Basic ${basic}` },
  });
  const accessToken = JSON.parse(token.body).access_token as string;
  await s.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=authorization_code&code=abc123code&client_id=x&client_secret=topsecret&redirect_uri=https%3A%2F%2Fa.example`,
  });
  await s.app.inject({ method: 'POST', url: '/oauth/token?grant_type=refresh_token&refresh_token=rt-value-123' });
  const app = await s.client.post('/_openzoom/apps', { account_id: s.demo!.accountId, scopes: ['user:read:admin'] });

  const { requests } = await history(`?after=${start}`);
  const text = JSON.stringify(requests);
  for (const secret of [accessToken, 'abc123code', 'topsecret', 'rt-value-123', app.body.client_secret, s.demo!.clientSecret, basic]) {
    assert.ok(!text.includes(secret), `${secret.slice(0, 12)}… leaked`);
  }
  assert.match(requests[0].response_body, /"access_token":"\*\*\*"/);
  assert.match(requests[1].request_body, /code=\*\*\*&client_id=x&client_secret=\*\*\*/);
  assert.equal(requests[1].code, 'invalid_client');
  assert.match(requests[2].path, /refresh_token=\*\*\*/);
  assert.match(requests[3].response_body, /"client_secret":"\*\*\*"/);
});

test('filters: status (or a class), operation, account, method; limit and after', async () => {
  const other = await s.client.post('/_openzoom/accounts', { plan: 'free' });
  const otherApi = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
  await otherApi.get('/v2/users');
  await otherApi.get('/v2/users/nobody@example.com');
  await s.api.get('/v2/users');

  const mine = await history(`?account_id=${other.body.account_id}&operation=users`);
  assert.equal(mine.requests.length, 1);
  assert.equal(mine.requests[0].account_id, other.body.account_id);
  const missing = await history(`?status=404&account_id=${other.body.account_id}`);
  assert.deepEqual(missing.requests.map((r: { operation: string }) => r.operation), ['user']);
  assert.ok((await history('?status=4xx')).requests.every((r: { status: number }) => r.status >= 400 && r.status < 500));
  assert.ok((await history('?method=post')).requests.every((r: { method: string }) => r.method === 'POST'));
  const newest = await history('?limit=2');
  assert.equal(newest.requests.length, 2);
  assert.ok(newest.requests[0].id < newest.requests[1].id, 'oldest first');
  // A follower pages forward from an id and is told where to go on from.
  const page = await history(`?after=${newest.requests[0].id - 3}&limit=2`);
  assert.deepEqual(page.requests.map((r: { id: number }) => r.id), [newest.requests[0].id - 2, newest.requests[0].id - 1]);
  assert.equal(page.next_after, newest.requests[0].id - 1);
  // Polling the history is not itself recorded.
  const again = await history('?limit=1');
  assert.equal(again.requests[0].id, newest.requests[1].id);
});

test('only the last N requests are kept, and long bodies are cut', async () => {
  const small = await startServer({ requestHistory: 3 });
  try {
    for (let i = 0; i < 5; i++) await small.api.get(`/v2/users?page_size=${i + 1}`);
    const r = (await small.client.get('/_openzoom/requests')).body;
    assert.equal(r.kept, 3);
    assert.deepEqual(r.requests.map((x: { path: string }) => x.path), ['/v2/users?page_size=3', '/v2/users?page_size=4', '/v2/users?page_size=5']);
    const long = 'x'.repeat(BODY_LIMIT * 2);
    await small.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'long@example.com', type: 1, first_name: long } });
    const last = (await small.client.get('/_openzoom/requests?limit=1')).body.requests[0];
    assert.ok(last.request_body.length < BODY_LIMIT + 100);
    assert.match(last.request_body, /… \(\d+ characters\)$/);
  } finally {
    await small.close();
  }
  const none = await startServer({ requestHistory: 0 });
  try {
    await none.api.get('/v2/users');
    assert.deepEqual((await none.client.get('/_openzoom/requests')).body.requests, []);
  } finally {
    await none.close();
  }
});

test('masking works on JSON, truncated JSON, forms and query strings; Zoom codes and page tokens stay', () => {
  assert.equal(maskBody('{"code":124,"message":"x"}'), '{"code":124,"message":"x"}');
  assert.equal(maskBody('{"code": "abc", "next_page_token": "p", "id_token": "t"}'), '{"code": "***", "next_page_token": "p", "id_token": "***"}');
  assert.equal(maskBody('{"user":{"password":12345678,"Client_Secret":"s'), '{"user":{"password":"***","Client_Secret":"***"');
  assert.equal(maskBody('{"note":"say \\"password\\": \\"x\\""}'), '{"note":"say \\"password\\": \\"x\\""}');
  assert.equal(maskBody('grant_type=refresh_token&refresh_token=r&code_verifier=v'), 'grant_type=refresh_token&refresh_token=***&code_verifier=***');
  assert.equal(maskUrl('/oauth/token?grant_type=authorization_code&code=c&redirect_uri=u'), '/oauth/token?grant_type=authorization_code&code=***&redirect_uri=u');
  assert.equal(maskUrl('/v2/users?next_page_token=abc'), '/v2/users?next_page_token=abc');
});

function capture(): { out: Writable & { isTTY?: boolean }; text(): string; writes(): number } {
  let text = '';
  let writes = 0;
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      writes++;
      done();
    },
  });
  return { out, text: () => text, writes: () => writes };
}

const line: RequestLine = {
  time: Date.parse('2030-01-02T03:04:05.678Z'),
  method: 'GET',
  url: '/oauth/token?code=c',
  status: 404,
  code: 1001,
  durationMs: 1.234,
  operation: 'user',
  accountId: 'acc',
  trackingId: 't',
  requestBody: undefined,
  responseBody: '{}',
};

test('the request line: JSON with every field (secrets masked), or one readable line; colours only on a terminal', async () => {
  const write = async (format: 'auto' | 'pretty' | 'json', out: Writable) => {
    const { sink, flush } = lineSink(format, out);
    sink!(line);
    sink!({ ...line, status: 200 });
    flush();
  };
  const json = capture();
  await write('json', json.out);
  const lines = json.text().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(json.writes(), 1, 'two lines, one write');
  const parsed = JSON.parse(lines[0]!);
  assert.equal(parsed.msg, 'request');
  assert.deepEqual(
    { method: parsed.method, path: parsed.path, status: parsed.status, code: parsed.code, duration_ms: parsed.duration_ms, operation: parsed.operation, account_id: parsed.account_id },
    { method: 'GET', path: '/oauth/token?code=***', status: 404, code: 1001, duration_ms: 1.2, operation: 'user', account_id: 'acc' },
  );
  assert.ok(typeof parsed.time === 'number' && typeof parsed.level === 'number');

  const auto = capture();
  await write('auto', auto.out);
  assert.doesNotThrow(() => JSON.parse(auto.text().split('\n')[0]!), 'auto is JSON when not on a terminal');

  const pretty = capture();
  await write('pretty', pretty.out);
  assert.match(pretty.text(), /^\d\d:\d\d:05\.678 GET {4}\/oauth\/token\?code=\*\*\* {2}404 1001 {2}1\.2 ms {2}user\n/);

  const tty = capture();
  tty.out.isTTY = true;
  await write('auto', tty.out);
  assert.match(tty.text(), /\x1b\[33m404 1001\x1b\[0m/);

  assert.equal(lineSink('off', capture().out).sink, null);
});

test('auto writes nothing when standard output is /dev/null; json still does if asked', () => {
  const fd = openSync('/dev/null', 'w');
  try {
    const devNull = Object.assign(capture().out, { fd });
    assert.equal(lineSink('auto', devNull).sink, null);
    assert.notEqual(lineSink('json', devNull).sink, null);
    const fileFd = openSync(join(tmpdir(), `openzoom-log-${process.pid}`), 'w');
    try {
      assert.notEqual(lineSink('auto', Object.assign(capture().out, { fd: fileFd })).sink, null);
    } finally {
      closeSync(fileFd);
      rmSync(join(tmpdir(), `openzoom-log-${process.pid}`));
    }
  } finally {
    closeSync(fd);
  }
});
