// Embedded SQLite through node:sqlite. A file database gets two connections:
// one writer (transactions are serialised on it, since an await inside one
// request's transaction would otherwise let another request's statements join
// it) and one reader, which in WAL mode sees only committed data.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { setTimeout as delay } from 'node:timers/promises';
import type { Db, Param, Queryable, Row } from './db.ts';
import { fromSqliteError, retryDelayMs, sqliteRetryable, TRANSACTION_ATTEMPTS, UniqueViolation } from './errors.ts';

type SqlValue = string | number | bigint | null;

class Connection implements Queryable {
  readonly dialect = 'sqlite' as const;
  readonly raw: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  constructor(raw: DatabaseSync) {
    this.raw = raw;
  }
  private prepare(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
  all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return Promise.resolve(this.prepare(sql).all(...toSqlite(params)) as T[]);
  }
  get<T = Row>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return Promise.resolve(this.prepare(sql).get(...toSqlite(params)) as T | undefined);
  }
  run(sql: string, params: readonly Param[] = []): Promise<{ changes: number }> {
    try {
      const r = this.prepare(sql).run(...toSqlite(params));
      return Promise.resolve({ changes: Number(r.changes) });
    } catch (err) {
      throw fromSqliteError(err, (table, columns) => this.uniqueIndex(table, columns));
    }
  }
  /** The unique index of `table` over exactly `columns` (SQLite's errors name columns, not indexes). */
  private uniqueIndex(table: string, columns: string[]): string | undefined {
    const indexes = this.raw.prepare('SELECT name FROM pragma_index_list(?) WHERE "unique" = 1').all(table) as Array<{ name: string }>;
    return indexes.find(({ name }) => {
      const cols = (this.raw.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as Array<{ name: string }>).map((c) => c.name);
      return cols.join(',') === columns.join(',');
    })?.name;
  }
}

function toSqlite(params: readonly Param[]): SqlValue[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export function openSqlite(path: string): Db {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const writerRaw = new DatabaseSync(path);
  writerRaw.exec('PRAGMA busy_timeout = 5000');
  if (!memory) {
    // WAL + synchronous=NORMAL: a committed transaction survives a process crash.
    writerRaw.exec('PRAGMA journal_mode = WAL');
    writerRaw.exec('PRAGMA synchronous = NORMAL');
  }
  const writer = new Connection(writerRaw);
  const reader = memory ? writer : new Connection(new DatabaseSync(path, { readOnly: true }));
  if (!memory) reader.raw.exec('PRAGMA busy_timeout = 5000');

  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    dialect: 'sqlite',
    description: memory ? 'SQLite (in memory)' : `SQLite ${path}`,
    all: (sql, params) => reader.all(sql, params),
    get: (sql, params) => reader.get(sql, params),
    run: (sql, params) => exclusive(() => writer.run(sql, params)),
    // BEGIN IMMEDIATE takes the write lock first, so transactions are serializable,
    // also against other processes on the same file (they wait busy_timeout, then run again).
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return exclusive(async () => {
        let uniqueRetried = false;
        for (let attempt = 1; ; attempt++) {
          let failure: unknown;
          try {
            writer.raw.exec('BEGIN IMMEDIATE');
            try {
              const out = await fn(writer);
              writer.raw.exec('COMMIT');
              return out;
            } catch (err) {
              if (writer.raw.isTransaction) writer.raw.exec('ROLLBACK');
              throw err;
            }
          } catch (err) {
            failure = err;
          }
          const unique = failure instanceof UniqueViolation && !uniqueRetried;
          if (attempt >= TRANSACTION_ATTEMPTS || !(sqliteRetryable(failure) || unique)) throw failure;
          if (unique) uniqueRetried = true;
          await delay(retryDelayMs(attempt));
        }
      });
    },
    exec: (sql) => exclusive(async () => writer.raw.exec(sql)),
    async close() {
      await queue;
      if (reader !== writer) reader.raw.close();
      writer.raw.close();
    },
  };
}
