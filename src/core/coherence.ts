// How caches stay coherent, on one instance and across instances on one
// PostgreSQL. Database triggers (src/storage/coherence-schema.ts) publish a
// line for every change to a cached row; this module turns lines into Change
// events for the caches that subscribed (Tokens, AccountDirectory, role
// privileges, the Clock):
// - the writing instance has applied its transaction's lines before it
//   answers (coherentDb below);
// - every other instance applies them when PostgreSQL delivers the
//   notification (src/storage/pg-notify.ts), right after the commit;
// - an instance whose listener lost its connection may have missed lines: it
//   drops every cache and caches nothing until it listens again.
import type { ClockState } from './clock.ts';
import type { Db, Queryable } from '../storage/db.ts';
import { parseClock } from '../storage/meta.ts';
import { publishingTables } from '../storage/coherence-schema.ts';

export type Change =
  | { kind: 'account'; accountId: string }
  | { kind: 'token'; jti: string }
  | { kind: 'role'; accountId: string; roleId: string }
  | { kind: 'clock'; state: ClockState }
  /** An object whose answers are kept (read-cache.ts) changed: `o:<object>:<account id>:<id>`. */
  | { kind: 'object'; object: string; accountId: string; id: string }
  /** Changes may have been missed: drop everything cached and reread the clock. */
  | { kind: 'everything' };

export function parseLine(line: string): Change | undefined {
  const rest = line.slice(2);
  switch (line.slice(0, 2)) {
    case 'a:':
      return { kind: 'account', accountId: rest };
    case 't:':
      return { kind: 'token', jti: rest };
    case 'r:': {
      const colon = rest.indexOf(':');
      return colon < 0 ? undefined : { kind: 'role', accountId: rest.slice(0, colon), roleId: rest.slice(colon + 1) };
    }
    case 'o:': {
      const [object, accountId, id] = rest.split(':');
      return object && accountId && id ? { kind: 'object', object, accountId, id } : undefined;
    }
    case 'c:': {
      const state = parseClock(rest);
      return state && { kind: 'clock', state };
    }
  }
  return undefined;
}

type Subscriber = (change: Change) => void;

export class Coherence {
  private readonly subscribers: Subscriber[] = [];
  private waiters: { match: (c: Change) => boolean; resolve: (c: Change) => void }[] = [];
  /** False while changes can be missed (the listener is reconnecting): caches keep nothing new. */
  live = true;
  /** Resolves once every change committed before the call has been applied here (PostgreSQL: the listener's round trip). */
  sync: () => Promise<void> = () => Promise.resolve();

  subscribe(fn: Subscriber): void {
    this.subscribers.push(fn);
  }

  apply(change: Change): void {
    for (const fn of this.subscribers) fn(change);
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => w.match(change));
    this.waiters = this.waiters.filter((w) => !w.match(change));
    for (const w of done) w.resolve(change);
  }

  applyLines(text: string): void {
    for (const line of text.split('\n')) {
      const change = line ? parseLine(line) : undefined;
      if (change) this.apply(change);
    }
  }

  /** The next change that matches, once applied (tests wait on it instead of sleeping). */
  next(match: (c: Change) => boolean = () => true): Promise<Change> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

/** SQLite: the lines the transaction published so far (read inside it, just before commit). */
async function publishedLines(tx: Queryable): Promise<string> {
  const rows = await tx.all<{ line: string }>('SELECT line FROM cache_changes');
  if (rows.length === 0) return '';
  await tx.run('DELETE FROM cache_changes');
  return rows.map((r) => r.line).join('\n');
}

// Statements that may fire a publishing trigger (coherence-schema.ts): updates
// and deletes naming a table with one (users: a removal revokes tokens), and
// inserts into those whose inserts publish. Reads and other writes never do.
const watched = publishingTables();
const CHANGES_WATCHED = new RegExp(`^\\s*(UPDATE|DELETE|WITH)\\b[\\s\\S]*\\b(${[...watched.changes].join('|')})\\b`, 'i');
const INSERTS_WATCHED = new RegExp(`^\\s*INSERT\\s+INTO\\s+(${[...watched.inserts].join('|')})\\b`, 'i');
// An upsert into a table with an update trigger updates (and fires it) when the row exists.
const UPSERTS_WATCHED = new RegExp(`^\\s*INSERT\\s+(?:OR\\s+REPLACE\\s+)?INTO\\s+(${[...watched.changes].join('|')})\\b[\\s\\S]*\\bON\\s+CONFLICT\\b[\\s\\S]*\\bDO\\s+UPDATE\\b`, 'i');
const verdicts = new Map<string, boolean>();
function mayPublish(sql: string): boolean {
  let hit = verdicts.get(sql);
  if (hit === undefined) {
    hit = CHANGES_WATCHED.test(sql) || INSERTS_WATCHED.test(sql) || UPSERTS_WATCHED.test(sql);
    if (verdicts.size < 10_000) verdicts.set(sql, hit);
  }
  return hit;
}

/**
 * The database as the app uses it: a committed transaction's changes are
 * applied to this instance's caches before `transaction` resolves, so the
 * instance that made a change never answers from a stale cache afterwards.
 * SQLite reads them inside the transaction; PostgreSQL waits, after the
 * commit, for its own listener to have them (a round trip outside the
 * transaction, so serializable transactions stay as short as they were).
 * Only a transaction that wrote to a watched table pays either.
 */
export function coherentDb(db: Db, coherence: Coherence): Db {
  return {
    dialect: db.dialect,
    description: db.description,
    all: (sql, params) => db.all(sql, params),
    get: (sql, params) => db.get(sql, params),
    run: (sql, params) => db.run(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    ...(db.connection ? { connection: db.connection } : {}),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, lane?: string): Promise<T> {
      const [out, lines] = await db.transaction(async (inner) => {
        let published = false;
        const tx: Queryable = {
          dialect: inner.dialect,
          all: (sql, params) => ((published ||= mayPublish(sql)), inner.all(sql, params)),
          get: (sql, params) => ((published ||= mayPublish(sql)), inner.get(sql, params)),
          run: (sql, params) => ((published ||= mayPublish(sql)), inner.run(sql, params)),
        };
        const result = await fn(tx);
        return [result, published && inner.dialect === 'sqlite' ? await publishedLines(inner) : published] as const;
      }, lane);
      if (typeof lines === 'string') coherence.applyLines(lines);
      else if (lines) await coherence.sync();
      return out;
    },
  };
}
