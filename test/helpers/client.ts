// The test client: requests go through the whole app (routing, parsing,
// pipeline) with `inject`, and every answer is checked against the contract —
// a 2xx body against the operation's response schema for that status, an
// error against Zoom's {code, message} shape — so every API test is also a
// contract test. Bodies are never 500.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Contract, Operation } from '../../src/core/contract.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: string;
  /** The body's bytes (files: PDF, CSV …). */
  bytes: Buffer;
  operation: Operation | undefined;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

interface Matcher {
  method: string;
  regex: RegExp;
  operation: Operation;
}

const matchers = new WeakMap<Contract, Matcher[]>();

function matchersFor(contract: Contract): Matcher[] {
  let list = matchers.get(contract);
  if (!list) {
    list = [];
    for (const op of contract.operations) {
      for (const path of [op.path, op.masterPath, op.legacyPath]) {
        if (!path) continue;
        const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+');
        list.push({ method: op.method, regex: new RegExp(`^/v2${source}/?$`), operation: op });
      }
    }
    // Static segments win over parameters, as in the router: fewer parameters first.
    list.sort((a, b) => a.regex.source.split('[^/]+').length - b.regex.source.split('[^/]+').length);
    matchers.set(contract, list);
  }
  return list;
}

export class TestClient {
  readonly app: FastifyInstance;
  readonly contract: Contract;
  readonly token: string | null;
  constructor(app: FastifyInstance, contract: Contract, token: string | null = null) {
    this.app = app;
    this.contract = contract;
    this.token = token;
  }

  withToken(token: string | null): TestClient {
    return new TestClient(this.app, this.contract, token);
  }

  async withCredentials(accountId: string, clientId: string, clientSecret: string): Promise<TestClient> {
    const r = await this.app.inject({
      method: 'POST',
      url: `/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(accountId)}`,
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    });
    assert.equal(r.statusCode, 200, r.body);
    return this.withToken((JSON.parse(r.body) as { access_token: string }).access_token);
  }

  operationFor(method: string, url: string): Operation | undefined {
    const path = url.split('?')[0]!;
    return matchersFor(this.contract).find((m) => m.method === method && m.regex.test(path))?.operation;
  }

  async request<T = any>(method: string, url: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const r = await this.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    // A file answer (a PDF, a CSV) is kept as bytes; everything else is JSON.
    const file = r.statusCode < 400 && r.body !== '' && !String(r.headers['content-type'] ?? 'application/json').includes('json');
    const body = r.body === '' || file ? undefined : (JSON.parse(r.body) as T);
    const operation = url.startsWith('/v2/') ? this.operationFor(method, url) : undefined;
    const reply: Reply<T> = { status: r.statusCode, body: body as T, headers: r.headers, raw: r.body, bytes: r.rawPayload, operation };
    this.check(method, url, reply);
    return reply;
  }

  get<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, options);
  }
  post<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  patch<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  put<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', url, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  delete<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('DELETE', url, options);
  }

  private check(method: string, url: string, r: Reply): void {
    const where = `${method} ${url} → ${r.status} ${r.raw.slice(0, 500)}`;
    assert.notEqual(r.status, 500, `server error: ${where}`);
    if (url.startsWith('/v2/') || url.startsWith('/v2?')) assert.ok(r.headers['x-zm-trackingid'], `no x-zm-trackingid: ${where}`);
    if (r.status >= 400) {
      if (url.startsWith('/oauth/')) {
        assert.equal(typeof (r.body as { error?: unknown }).error, 'string', `OAuth error without "error": ${where}`);
        return;
      }
      const body = r.body as { code?: unknown; message?: unknown; errors?: unknown };
      assert.equal(typeof body?.code, 'number', `error without numeric code: ${where}`);
      assert.equal(typeof body?.message, 'string', `error without message: ${where}`);
      const extra = Object.keys(body).filter((k) => !['code', 'message', 'errors'].includes(k));
      assert.deepEqual(extra, [], `error body has extra keys: ${where}`);
      return;
    }
    if (!r.operation) return;
    if (r.status === 204) {
      assert.equal(r.raw, '', `204 with a body: ${where}`);
      return;
    }
    assert.equal(r.status, r.operation.successStatus, `unexpected success status: ${where}`);
    if (r.body === undefined && r.bytes.length > 0) return; // a file: no JSON schema to check
    const validate = this.contract.responseValidator(r.operation, r.status);
    if (validate && !validate(r.body)) {
      assert.fail(`response does not match ${r.operation.operationId} ${r.status} schema: ${JSON.stringify(validate.errors?.slice(0, 5))}\n${where}`);
    }
  }
}
