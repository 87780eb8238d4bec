// Embedded SQLite through node:sqlite. A file database gets two connections:
// one writer, whose transactions queue and commit in groups (sqlite-writer.ts:
// an await inside one request's transaction must not let another request's
// statements join it), and one reader, which in WAL mode sees only committed data.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Db, Param, Queryable, Row } from './db.ts';
import { fromSqliteError } from './errors.ts';
import { SqliteWriter } from './sqlite-writer.ts';

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

  const writes = new SqliteWriter(writerRaw, writer);

  return {
    dialect: 'sqlite',
    description: memory ? 'SQLite (in memory)' : `SQLite ${path}`,
    all: (sql, params) => reader.all(sql, params),
    get: (sql, params) => reader.get(sql, params),
    run: (sql, params) => writes.alone((w) => w.run(sql, params)),
    transaction: (fn) => writes.transaction(fn),
    exec: (sql) => writes.alone(async () => writerRaw.exec(sql)),
    async close() {
      await writes.idle();
      if (reader !== writer) reader.raw.close();
      writer.raw.close();
    },
  };
}
