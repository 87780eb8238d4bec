// PostgreSQL through node-postgres. Statements use `?` placeholders like the
// SQLite side; they are rewritten to $n once and cached. `?search_path=NAME`
// (or `schema=NAME`) in the URL selects a schema, created if missing: the test
// suite gives every test file its own.
import pg from 'pg';
import type { Db, Param, Queryable, Row } from './db.ts';

// int8 (COUNT(*), BIGINT columns) as JS numbers: every value we store fits.
pg.types.setTypeParser(20, (v: string) => Number(v));

const rewritten = new Map<string, string>();
function toPg(sql: string): string {
  let out = rewritten.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
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
  async all<T = Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    const r = await this.client.query(toPg(sql), params as Param[]);
    return r.rows as T[];
  }
  async get<T = Row>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    const r = await this.client.query(toPg(sql), params as Param[]);
    return r.rows[0] as T | undefined;
  }
  async run(sql: string, params: readonly Param[] = []): Promise<{ changes: number }> {
    const r = await this.client.query(toPg(sql), params as Param[]);
    return { changes: r.rowCount ?? 0 };
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
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const top = new PgQueryable(pool);
  const shown = new URL(parsed.toString());
  if (shown.password) shown.password = '***';
  return {
    dialect: 'postgres',
    description: `PostgreSQL ${shown.toString()}${schema ? ` (schema ${schema})` : ''}`,
    all: (sql, params) => top.all(sql, params),
    get: (sql, params) => top.get(sql, params),
    run: (sql, params) => top.run(sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(new PgQueryable(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
