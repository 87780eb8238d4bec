// One interface over SQLite (embedded default) and PostgreSQL (multi-instance).
// SQL is written once with `?` placeholders in the subset both engines share;
// the PostgreSQL adapter rewrites placeholders to $n (cached per statement).

export type Param = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

export interface Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  run(sql: string, params?: readonly Param[]): Promise<{ changes: number }>;
}

export interface Db extends Queryable {
  /**
   * Runs fn in one serializable transaction: committed when it resolves,
   * rolled back when it throws. A transaction that lost a race with another
   * writer (PostgreSQL serialization failure or deadlock, SQLite busy, or a
   * unique index refusing a row another writer just committed) runs again, so
   * fn must have no effect outside the transaction that a second run would
   * repeat wrongly. A unique index that still refuses the row throws
   * UniqueViolation (storage/errors.ts).
   *
   * `lane` (the account id, from the pipeline) names what the transaction is
   * likely to contend on: PostgreSQL runs this process's transactions of one
   * lane one after another, so writers of one account queue instead of
   * failing each other's serializable transactions and retrying in storms.
   * SQLite already has one writer.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, lane?: string): Promise<T>;
  /** Runs a script of statements separated by `;` (migrations only). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Human-readable target, for the start-up banner. */
  readonly description: string;
  /** PostgreSQL: how to open one more connection to the same schema (the change listener's). */
  readonly connection?: { connectionString: string; options?: string };
}

export async function openDb(target: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(target);
  }
  const { openSqlite } = await import('./sqlite.ts');
  return openSqlite(target);
}
