// A schema module: the tables one part of the product owns, and the ordered
// migrations that create and change them. Each module is versioned on its own
// (meta key `schema_version:<name>`), so categories add tables independently.
import type { ZoomError } from '../core/errors.ts';
import type { Queryable } from './db.ts';

/** Zoom's answer when a unique index refuses a row, given the refused key's values where known. */
export type DuplicateError = (values: readonly string[] | undefined) => ZoomError;

export interface SchemaModule {
  name: string;
  /** Applied in order, each once; a step may hold several statements separated by `;`. */
  migrations: readonly MigrationStep[];
  /** Tables holding state; the control plane's reset empties them. */
  tables: readonly string[];
  /**
   * Zoom's duplicate error for each unique index of these tables (by index
   * name). Providers check before inserting; this answers the race two
   * writers run past that check together (storage/errors.ts UniqueViolation).
   */
  duplicates?: Readonly<Record<string, DuplicateError>>;
}

/**
 * A step is SQL both engines share, or statements per engine (triggers and
 * functions, whose bodies hold `;`, run one by one as written). An engine a
 * step does not name skips it, and the step still counts as applied. `run`
 * (after the step's statements) fills what SQL alone cannot compute the way
 * the application does, in the migration's transaction: a backfill of values
 * the code derives (floating-point sums added in the code's order).
 */
export type MigrationStep = string | { sqlite?: readonly string[]; postgres?: readonly string[]; run?: (tx: Queryable) => Promise<void> };
