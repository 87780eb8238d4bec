// What a category provider implements: one handler per Zoom operationId.
// Handlers get validated input and a context; they answer a plain object (the
// response body for the operation's success status) or nothing (204), and
// throw ZoomError for every failure. No HTTP, no SQL here.
import type { Queryable } from '../storage/db.ts';
import type { AccountRecord } from '../tenancy/repository.ts';
import type { Clock } from './clock.ts';
import type { Page } from './pagination.ts';
import type { DroppedBy, ReadCache } from './read-cache.ts';

export interface Input<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  path: P;
  query: Q;
  body: B;
  /** Present on operations that paginate. */
  page: Page;
}

/** Who is calling: the token's app, and its user for user-level tokens. */
export interface Actor {
  clientId: string;
  accountId: string;
  userId: string | null;
  scopes: ReadonlySet<string>;
}

export interface Context {
  /** The account the operation acts on (a sub account on master paths). */
  account: AccountRecord;
  actor: Actor;
  /** A transaction on writes, the read connection on reads. */
  db: Queryable;
  clock: Clock;
  /** Resolves the `me` alias of a userId path parameter. */
  resolveMe(userId: string): string;
  /**
   * Queues Zoom's event (`user.updated`, `meeting.created` …) with its
   * `payload` (`object`, `old_object` …; `account_id`, `operator` and
   * `operator_id` are filled in) in this write's transaction: it is delivered
   * only if the write commits. Reads may not emit. `top` holds the fields
   * some events carry beside `payload` (recording.completed's download_token).
   */
  emit(event: string, payload: Record<string, unknown>, top?: Record<string, unknown>): Promise<void>;
}

// `input: never` lets each handler declare its own typed Input while the
// registry stays one type; the pipeline passes the validated input through.
export type Handler = (input: never, ctx: Context) => Promise<unknown> | unknown;
export type Provider = Record<string, Handler>;

export interface ProviderDeps {
  clock: Clock;
  /** Public base URL of this server, for URLs inside responses. */
  baseUrl: string;
  /** Recurrence limits of meetings and webinars: Zoom's recurrence page (default) or the looser OpenAPI file's. */
  recurrenceLimits?: 'doc' | 'spec';
  /**
   * A kept-answers cache for one kind of object's single read (core/read-cache.ts).
   * The kind needs triggers publishing its `o:` lines (storage/coherence-schema.ts).
   */
  readCache(kind: string, alsoDroppedBy?: DroppedBy): ReadCache;
}
