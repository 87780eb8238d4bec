// Database errors the rest of the product reacts to, the same on both engines:
// a write that lost a race (retry the transaction) and a unique index that
// refused a row (answer Zoom's duplicate error). Everything else stays as the
// driver threw it.

/** A row refused by a unique index or primary key. `index` is the index name (`<table>_pkey` for a primary key). */
export class UniqueViolation extends Error {
  readonly index: string;
  /** The refused key's values where the engine tells them (PostgreSQL does, SQLite does not). */
  readonly values: readonly string[] | undefined;
  constructor(index: string, values?: readonly string[]) {
    super(`Unique index ${index} refused the row`);
    this.index = index;
    this.values = values;
  }
}

interface PgError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

interface SqliteError {
  code?: unknown;
  errcode?: unknown;
  message?: unknown;
}

/** PostgreSQL's 40001 (serialization failure) and 40P01 (deadlock): the transaction may simply run again. */
export function pgRetryable(err: unknown): boolean {
  const code = (err as PgError | null)?.code;
  return code === '40001' || code === '40P01';
}

/** 23505 as a UniqueViolation; anything else unchanged. */
export function fromPgError(err: unknown): unknown {
  const e = err as PgError | null;
  if (e?.code !== '23505' || typeof e.constraint !== 'string') return err;
  // detail: Key (account_id, email)=(abc, x@example.com) already exists.
  const m = typeof e.detail === 'string' ? /\)=\((.*)\) already exists/.exec(e.detail) : null;
  return new UniqueViolation(e.constraint, m ? m[1]!.split(', ') : undefined);
}

// SQLite's extended result codes (sqlite.org/rescode.html).
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

/** Another process holds the database's write lock longer than busy_timeout. */
export function sqliteRetryable(err: unknown): boolean {
  const code = Number((err as SqliteError | null)?.errcode) & 0xff;
  return code === SQLITE_BUSY || code === SQLITE_LOCKED;
}

/**
 * A unique or primary-key failure as a UniqueViolation. SQLite names the
 * columns (`UNIQUE constraint failed: users.account_id, users.email`), not the
 * index: `indexOf` finds the index over exactly those columns.
 */
export function fromSqliteError(err: unknown, indexOf: (table: string, columns: string[]) => string | undefined): unknown {
  const e = err as SqliteError | null;
  const errcode = Number(e?.errcode);
  if (errcode !== SQLITE_CONSTRAINT_UNIQUE && errcode !== SQLITE_CONSTRAINT_PRIMARYKEY) return err;
  const m = typeof e?.message === 'string' ? /constraint failed: (.*)$/.exec(e.message) : null;
  if (!m) return err;
  const qualified = m[1]!.split(', ');
  const table = qualified[0]!.split('.')[0]!;
  const columns = qualified.map((c) => c.slice(table.length + 1));
  if (errcode === SQLITE_CONSTRAINT_PRIMARYKEY) return new UniqueViolation(`${table}_pkey`);
  return new UniqueViolation(indexOf(table, columns) ?? `${table}_pkey`);
}

/** How long to wait before attempt `n` (1-based) of a transaction that lost a race: jittered, growing, capped. */
export function retryDelayMs(n: number): number {
  return Math.min(2 ** n, 64) * (0.5 + Math.random());
}

/**
 * How many times a transaction that lost a race runs. Dozens of clients
 * updating one row at once each lose a few rounds; past this many, the
 * request is answered with WriteContention rather than held longer.
 */
export const TRANSACTION_ATTEMPTS = 30;

/** A write that kept losing races with other writers of the same rows: the client should try again. */
export class WriteContention extends Error {
  constructor(cause: unknown) {
    super('The write kept conflicting with concurrent writes', { cause });
  }
}
