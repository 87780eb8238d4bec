// Versioned schema migrations, run on start: every schema module's steps run
// once, in order, in one transaction. The SQL is the subset SQLite and
// PostgreSQL share (TEXT, INTEGER, BIGINT; JSON kept as TEXT in `data` columns
// beside the indexed columns that queries filter on).
import { usersSchema } from '../api/users/schema.ts';
import { groupsSchema } from '../api/groups/schema.ts';
import { rolesSchema } from '../api/roles/schema.ts';
import { informationBarriersSchema } from '../api/information-barriers/schema.ts';
import { settingsSchema } from '../api/settings/schema.ts';
import { tenancySchema } from '../tenancy/schema.ts';
import { accountsSchema } from '../api/accounts/schema.ts';
import { oauthSchema } from '../oauth/schema.ts';
import type { Db } from './db.ts';
import { ZoomError } from '../core/errors.ts';
import type { UniqueViolation } from './errors.ts';
import type { DuplicateError, SchemaModule } from './schema.ts';

/** Every schema module, tenancy first. A new category adds its module here. */
export const schemaModules: readonly SchemaModule[] = [tenancySchema, oauthSchema, usersSchema, groupsSchema, rolesSchema, informationBarriersSchema, settingsSchema, accountsSchema];

/** Every table holding state; the control plane's reset empties them all. */
export const DATA_TABLES: readonly string[] = schemaModules.flatMap((m) => m.tables);

const DUPLICATES: ReadonlyMap<string, DuplicateError> = new Map(schemaModules.flatMap((m) => Object.entries(m.duplicates ?? {})));

/** Zoom's answer to a unique index that refused a row: the owning module's error, else a plain 409. */
export function duplicateError(v: UniqueViolation): ZoomError {
  return DUPLICATES.get(v.index)?.(v.values) ?? new ZoomError(409, 300, 'The resource already exists.');
}

/** Unique indexes with a Zoom error declared (a test checks every unique index has one). */
export const DUPLICATE_INDEXES: ReadonlySet<string> = new Set(DUPLICATES.keys());

export async function migrate(db: Db): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  await db.transaction(async (tx) => {
    // Two instances starting together on one PostgreSQL: the first migrates, the other waits.
    if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(424242)');
    for (const module of schemaModules) {
      const key = `schema_version:${module.name}`;
      const row = await tx.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
      const current = row ? Number(row.value) : 0;
      if (current >= module.migrations.length) continue;
      for (let v = current; v < module.migrations.length; v++) {
        for (const statement of splitStatements(module.migrations[v]!)) await tx.run(statement);
      }
      await tx.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        String(module.migrations.length),
      ]);
    }
  });
}

function splitStatements(script: string): string[] {
  return script
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
