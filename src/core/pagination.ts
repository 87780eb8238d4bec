// Zoom's two pagination styles, declared per operation in the contract
// (`paging`, `pageSizeMax`): `next_page_token` (opaque, bound to the query,
// valid 15 minutes, "" on the last page) and the older `page_number`.
// Providers get a Page and call `respond(total, body)`; they never build tokens.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Operation } from './contract.ts';
import { Errors } from './errors.ts';

export const PAGE_TOKEN_TTL_MS = 15 * 60 * 1000;
const MAX_PAGE_NUMBER = 2 ** 31 - 1;

export interface PageFields {
  next_page_token: string;
  page_size: number;
  total_records: number;
  page_count?: number;
  page_number?: number;
}

export interface Page {
  size: number;
  offset: number;
  respond<T extends object>(total: number, body: T): T & PageFields;
}

/** Query parameters that never change which result set a token belongs to. */
const PAGE_PARAMS = new Set(['next_page_token', 'page_number', 'page_size']);

export class PageTokens {
  // A KeyObject, made once: createHmac re-imports a raw Buffer key on every call.
  private readonly key: KeyObject;
  constructor(key: Buffer) {
    this.key = createSecretKey(key);
  }

  private queryHash(op: Operation, accountId: string, query: Record<string, unknown>): Buffer {
    const parts = Object.keys(query)
      .filter((k) => !PAGE_PARAMS.has(k))
      .sort()
      .map((k) => `${k}=${String(query[k])}`);
    return createHmac('sha256', this.key).update(`${op.operationId}\n${accountId}\n${parts.join('&')}`).digest().subarray(0, 8);
  }

  // Layout: offset u32 | expiry (epoch s) u32 | query hash 8 | mac 10 = 26 bytes, 35 base64url characters.
  private encode(offset: number, expiresAt: number, hash: Buffer): string {
    const buf = Buffer.alloc(26);
    buf.writeUInt32BE(offset, 0);
    buf.writeUInt32BE(Math.floor(expiresAt / 1000), 4);
    hash.copy(buf, 8);
    createHmac('sha256', this.key).update(buf.subarray(0, 16)).digest().copy(buf, 16, 0, 10);
    return buf.toString('base64url');
  }

  private decode(token: string, hash: Buffer, now: number): number {
    const buf = Buffer.from(token, 'base64url');
    if (buf.length !== 26) throw Errors.invalidPageToken();
    const mac = createHmac('sha256', this.key).update(buf.subarray(0, 16)).digest().subarray(0, 10);
    if (!timingSafeEqual(mac, buf.subarray(16))) throw Errors.invalidPageToken();
    if (!buf.subarray(8, 16).equals(hash)) throw Errors.invalidPageToken();
    if (buf.readUInt32BE(4) * 1000 < now) throw Errors.invalidPageToken();
    return buf.readUInt32BE(0);
  }

  /** Reads page_size / page_number / next_page_token from a validated query. */
  page(op: Operation, accountId: string, query: Record<string, unknown>, now: number): Page {
    const max = op.pageSizeMax ?? 300;
    const requested = query.page_size === undefined ? (op.pageSizeDefault ?? 30) : Number(query.page_size);
    // Zoom answers the maximum when asked for more, rather than an error.
    const size = Math.min(Math.max(1, Math.trunc(requested) || 1), max);
    const hash = this.queryHash(op, accountId, query);
    const token = typeof query.next_page_token === 'string' && query.next_page_token !== '' ? query.next_page_token : null;
    let offset = 0;
    if (token) offset = this.decode(token, hash, now);
    else if (op.paging?.number && query.page_number !== undefined) {
      const n = Number(query.page_number);
      // Zoom's page_number is a 32-bit integer; past the last page the page is empty.
      if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_NUMBER) throw Errors.validation([{ field: 'page_number', message: 'Invalid field.' }]);
      offset = (n - 1) * size;
    }
    const withNumbers = op.paging?.number === true;
    return {
      size,
      offset,
      respond: <T extends object>(total: number, body: T): T & PageFields => {
        const next = offset + size < total && offset + size <= 0xffffffff ? this.encode(offset + size, now + PAGE_TOKEN_TTL_MS, hash) : '';
        const fields: PageFields = withNumbers
          ? {
              page_count: Math.ceil(total / size),
              page_number: Math.floor(offset / size) + 1,
              page_size: size,
              total_records: total,
              next_page_token: next,
            }
          : { next_page_token: next, page_size: size, total_records: total };
        return { ...fields, ...body };
      },
    };
  }
}
