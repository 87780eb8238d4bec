// PostgreSQL through node-postgres. Statements use `?` placeholders like the
// SQLite side; they are rewritten to $n once and cached. `?search_path=NAME`
// (or `schema=NAME`) in the URL selects a schema, created if missing: the test
// suite gives every test file its own.
import { Lanes } from './lanes.ts';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { Db, Param, Queryable, Row } from './db.ts';
import { fromPgError, pgRetryable, retryDelayMs, TRANSACTION_ATTEMPTS, UniqueViolation, WriteContention } from './errors.ts';

// int8 (COUNT(*), BIGINT columns) as JS numbers: every value we store fits.
pg.types.setTypeParser(20, (v: string) => Number(v));

// Each statement is rewritten once and becomes a named prepared statement: the
// server parses and plans it once per connection instead of on every call.
const rewritten = new Map<string, { name: string; text: string }>();
function toPg(sql: string): { name: string; text: string } {
  let out = rewritten.get(sql);
  if (out === undefined) {
    let n = 0;
    out = { name: `oz${rewritten.size}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    rewritten.set(sql, out);
  }
  return out;
}

class PgQueryable implements Queryable {
  readonly dialect = 'postgres' as const;
  private readonly client: pg.Pool | pg.PoolClient;
  constructor(client: pg.Pool | pg.PoolClient) {
    this.client = client;
  }
  private async query(sql: string, params: readonly Param[]): Promise<pg.QueryResult> {
    try {
      return await this.client.query({ ...toPg(sql), values: params as Param[] });
    } catch (err) {
      throw fromPgError(err);
    }
  }
  async all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }
  async get<T = Row>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }
  async run(sql: string, params: readonly Param[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }
}

export async function openPostgres(url: string): Promise<Db> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('search_path') ?? parsed.searchParams.get('schema');
  parsed.searchParams.delete('search_path');
  parsed.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: parsed.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (err) {
      // Two instances creating the schema at once: one wins, the other finds it made (unique violation).
      if ((err as { code?: string }).code !== '23505') throw err;
    } finally {
      await admin.end();
    }
  }
  const connection = { connectionString: parsed.toString(), ...(schema ? { options: `-c search_path=${schema}` } : {}) };
  const pool = new pg.Pool({ ...connection, max: 10 });
  const lanes = new Lanes();
  const top = new PgQueryable(pool);
  const shown = new URL(parsed.toString());
  if (shown.password) shown.password = '***';
  return {
    dialect: 'postgres',
    description: `PostgreSQL ${shown.toString()}${schema ? ` (schema ${schema})` : ''}`,
    connection,
    all: (sql, params) => top.all(sql, params),
    get: (sql, params) => top.get(sql, params),
    run: (sql, params) => top.run(sql, params),
    // SERIALIZABLE: a read-modify-write that raced another writer fails with
    // 40001 instead of losing its update, and runs again (see Db.transaction).
    transaction<T>(fn: (tx: Queryable) => Promise<T>, lane?: string): Promise<T> {
      return lane === undefined ? serializable(fn) : lanes.run(lane, () => serializable(fn));
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };

  async function serializable<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let uniqueRetried = false;
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let failure: unknown;
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const out = await fn(new PgQueryable(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        failure = fromPgError(err);
      } finally {
        client.release();
      }
      // A unique violation is a lost race once (the run again sees the winner and answers
      // the category's own duplicate error); twice is the row's real answer.
      const unique = failure instanceof UniqueViolation && !uniqueRetried;
      if (!(pgRetryable(failure) || unique)) throw failure;
      if (attempt >= TRANSACTION_ATTEMPTS) throw unique ? failure : new WriteContention(failure);
      if (unique) uniqueRetried = true;
      await delay(retryDelayMs(attempt));
    }
  }
}
