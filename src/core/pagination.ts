// Zoom's two pagination styles, declared per operation in the contract
// (`paging`, `pageSizeMax`): `next_page_token` (opaque, bound to the query,
// valid 15 minutes, "" on the last page) and the older `page_number`.
// Providers get a Page; they never build tokens.
//
// Page cost does not grow with the list: a token carries the sort key of the
// page's last row (keyset paging: the next page seeks to it through an index)
// and the list's total, so only a first page counts — and that count is kept
// a few seconds per account and query, dropped at once by any write to the
// account through this server. Zoom's own totals are approximate while the
// list changes; OpenZoom's are exact on one instance and at most COUNT_TTL_MS
// old across instances.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Operation } from './contract.ts';
import { Errors } from './errors.ts';

export const PAGE_TOKEN_TTL_MS = 15 * 60 * 1000;
export const COUNT_TTL_MS = 5_000;
const MAX_PAGE_NUMBER = 2 ** 31 - 1;
const COUNT_CACHE_LIMIT = 10_000;

export interface PageFields {
  next_page_token: string;
  page_size: number;
  total_records: number;
  page_count?: number;
  page_number?: number;
}

/** A list row's sort key, as the repository orders by it (e.g. [created_at, id]). */
export type Cursor = readonly (string | number)[];

/** A response body already serialised (list items stored as JSON text are joined, never parsed). */
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export interface Page {
  size: number;
  /** Rows to skip: for page_number pages, and for lists without a keyset. */
  offset: number;
  /** The sort key of the previous page's last row, when a next_page_token brought one: seek past it instead of skipping. */
  after: Cursor | null;
  /** Names this page of this list (operation, path, filters, size, place, token): the key of a kept page. */
  key: string;
  /** The list's total: from the page token after the first page, else counted (kept briefly per account and query). */
  total(count: () => Promise<number>): Promise<number>;
  /** The body with Zoom's paging fields; `last` is the sort key of this page's last row (keyset lists). */
  respond<T extends object>(total: number, body: T, last?: Cursor): T & PageFields;
  /** The same, for items stored as JSON text: `{…paging fields, "<key>": [items]}` without parsing them. */
  respondText(total: number, key: string, items: readonly string[] | string, last?: Cursor): JsonText;
}

/** Query parameters that never change which result set a token belongs to. */
const PAGE_PARAMS = new Set(['next_page_token', 'page_number', 'page_size']);

interface TokenState {
  offset: number;
  total: number;
  after: Cursor | null;
}

// Token layout: version 1 | offset u32 | expiry (epoch s) u32 | query hash 8 | total u32 | cursor (JSON) | mac 10.
const VERSION = 1;
const HEAD = 21;
const MAC = 10;

export class PageTokens {
  // A KeyObject, made once: createHmac re-imports a raw Buffer key on every call.
  private readonly key: KeyObject;
  private readonly counts = new Map<string, { n: number; writes: number; until: number }>();
  private readonly hashes = new Map<string, Buffer>();
  /** Writes per account through this server: a count taken before the latest write is stale. */
  private readonly writes = new Map<string, number>();
  constructor(key: Buffer) {
    this.key = createSecretKey(key);
  }

  /** The list a page belongs to: the operation, the account, its path (which group, which meeting…) and its filters. */
  private queryHash(op: Operation, accountId: string, path: Record<string, string>, query: Record<string, unknown>): Buffer {
    const parts = Object.keys(query)
      .filter((k) => !PAGE_PARAMS.has(k))
      .sort()
      .map((k) => `${k}=${String(query[k])}`);
    const where = Object.keys(path)
      .sort()
      .map((k) => `${k}=${path[k]}`);
    const text = `${op.operationId}\n${accountId}\n${where.join('/')}\n${parts.join('&')}`;
    // The same lists are asked for again and again: keep their hashes rather than MAC each request.
    let hash = this.hashes.get(text);
    if (!hash) {
      hash = createHmac('sha256', this.key).update(text).digest().subarray(0, 8);
      if (this.hashes.size >= COUNT_CACHE_LIMIT) this.hashes.clear();
      this.hashes.set(text, hash);
    }
    return hash;
  }

  private mac(data: Buffer): Buffer {
    return createHmac('sha256', this.key).update(data).digest().subarray(0, MAC);
  }

  private encode(state: TokenState, expiresAt: number, hash: Buffer): string {
    const cursor = state.after ? Buffer.from(JSON.stringify(state.after)) : Buffer.alloc(0);
    const buf = Buffer.alloc(HEAD + cursor.length + MAC);
    buf.writeUInt8(VERSION, 0);
    buf.writeUInt32BE(state.offset, 1);
    buf.writeUInt32BE(Math.floor(expiresAt / 1000), 5);
    hash.copy(buf, 9);
    buf.writeUInt32BE(Math.min(state.total, 0xffffffff), 17);
    cursor.copy(buf, HEAD);
    this.mac(buf.subarray(0, HEAD + cursor.length)).copy(buf, HEAD + cursor.length);
    return buf.toString('base64url');
  }

  private decode(token: string, hash: Buffer, now: number): TokenState {
    const buf = Buffer.from(token, 'base64url');
    if (buf.length < HEAD + MAC || buf.length > 1024 || buf.readUInt8(0) !== VERSION) throw Errors.invalidPageToken();
    const body = buf.subarray(0, buf.length - MAC);
    if (!timingSafeEqual(this.mac(body), buf.subarray(buf.length - MAC))) throw Errors.invalidPageToken();
    if (!buf.subarray(9, 17).equals(hash)) throw Errors.invalidPageToken();
    if (buf.readUInt32BE(5) * 1000 < now) throw Errors.invalidPageToken();
    const cursor = body.subarray(HEAD);
    return {
      offset: buf.readUInt32BE(1),
      total: buf.readUInt32BE(17),
      after: cursor.length > 0 ? (JSON.parse(cursor.toString()) as Cursor) : null,
    };
  }

  /** A write to the account committed through this server: its cached counts are stale. */
  noteWrite(accountId: string): void {
    this.writes.set(accountId, (this.writes.get(accountId) ?? 0) + 1);
  }

  /** Forget every cached count (after a reset). */
  forget(): void {
    this.counts.clear();
    this.writes.clear();
  }

  private async countOnce(key: string, accountId: string, count: () => Promise<number>): Promise<number> {
    const writes = this.writes.get(accountId) ?? 0;
    const hit = this.counts.get(key);
    const t = performance.now();
    if (hit && hit.writes === writes && hit.until > t) return hit.n;
    const n = await count();
    if (this.counts.size >= COUNT_CACHE_LIMIT) this.counts.clear();
    this.counts.set(key, { n, writes, until: t + COUNT_TTL_MS });
    return n;
  }

  /** Reads page_size / page_number / next_page_token from a validated query. */
  page(op: Operation, accountId: string, path: Record<string, string>, query: Record<string, unknown>, now: number): Page {
    const max = op.pageSizeMax ?? 300;
    const requested = query.page_size === undefined ? (op.pageSizeDefault ?? 30) : Number(query.page_size);
    // Zoom answers the maximum when asked for more, rather than an error.
    const size = Math.min(Math.max(1, Math.trunc(requested) || 1), max);
    const hash = this.queryHash(op, accountId, path, query);
    const token = typeof query.next_page_token === 'string' && query.next_page_token !== '' ? query.next_page_token : null;
    let state: TokenState | null = null;
    let offset = 0;
    if (token) {
      state = this.decode(token, hash, now);
      offset = state.offset;
    } else if (op.paging?.number && query.page_number !== undefined) {
      const n = Number(query.page_number);
      // Zoom's page_number is a 32-bit integer; past the last page the page is empty.
      if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_NUMBER) throw Errors.validation([{ field: 'page_number', message: 'Invalid field.' }]);
      offset = (n - 1) * size;
    }
    const withNumbers = op.paging?.number === true;
    const fields = (total: number, last: Cursor | undefined): PageFields => {
      const nextOffset = offset + size;
      const next =
        nextOffset < total && nextOffset <= 0xffffffff
          ? this.encode({ offset: nextOffset, total, after: last ?? null }, now + PAGE_TOKEN_TTL_MS, hash)
          : '';
      return withNumbers
        ? { page_count: Math.ceil(total / size), page_number: Math.floor(offset / size) + 1, page_size: size, total_records: total, next_page_token: next }
        : { next_page_token: next, page_size: size, total_records: total };
    };
    const countKey = `${accountId}\n${hash.toString('base64')}`;
    return {
      size,
      offset,
      after: state?.after ?? null,
      key: `${op.operationId}\n${countKey}\n${size}\n${offset}\n${token ?? ''}`,
      total: (count) => (state ? Promise.resolve(state.total) : this.countOnce(countKey, accountId, count)),
      respond: <T extends object>(total: number, body: T, last?: Cursor): T & PageFields => ({ ...fields(total, last), ...body }),
      respondText: (total, key, items, last) => {
        const head = JSON.stringify(fields(total, last));
        return new JsonText(`${head.slice(0, -1)},${JSON.stringify(key)}:[${typeof items === 'string' ? items : items.join(',')}]}`);
      },
    };
  }
}
