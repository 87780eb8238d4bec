// Versioned schema migrations, run on start: every schema module's steps run
// once, in order, in one transaction. The SQL is the subset SQLite and
// PostgreSQL share (TEXT, INTEGER, BIGINT; JSON kept as TEXT in `data` columns
// beside the indexed columns that queries filter on); a step may also name
// statements per engine.
import { usersSchema } from '../api/users/schema.ts';
import { groupsSchema } from '../api/groups/schema.ts';
import { rolesSchema } from '../api/roles/schema.ts';
import { informationBarriersSchema } from '../api/information-barriers/schema.ts';
import { settingsSchema } from '../api/settings/schema.ts';
import { tenancySchema } from '../tenancy/schema.ts';
import { accountsSchema } from '../api/accounts/schema.ts';
import { oauthSchema } from '../oauth/schema.ts';
import { coherenceSchema } from './coherence-schema.ts';
import { webhooksSchema } from '../webhooks/schema.ts';
import { billingSchema } from '../api/billing/schema.ts';
import { tspSchema } from '../api/tsp/schema.ts';
import { trackingFieldsSchema } from '../api/tracking-fields/schema.ts';
import { h323DevicesSchema } from '../api/h323-devices/schema.ts';
import { sipPhonesSchema } from '../api/sip-phones/schema.ts';
import { sipAudioSchema } from '../api/sip-audio/schema.ts';
import { chatSchema } from '../api/chat/schema.ts';
import { imGroupsSchema } from '../api/im-groups/schema.ts';
import { liveSchema } from '../live/schema.ts';
import { liveQualitySchema } from '../live/quality-schema.ts';
import { reportsSchema } from '../api/reports/schema.ts';
import { meetingsSchema } from '../api/meetings/schema.ts';
import { registrantsSchema } from '../shared/registrants/schema.ts';
import { pollsSchema } from '../shared/polls/schema.ts';
import { recordingsSchema } from '../api/recordings/schema.ts';
import { phoneSchema } from '../phone/schema.ts';
import { phoneConfigSchema } from '../api/phone/schema.ts';
import { phoneDevicesSchema } from '../api/phone-devices/schema.ts';
import { commonAreaPhonesSchema } from '../api/common-area-phones/schema.ts';
import { phoneBlockedListSchema } from '../api/phone-blocked-list/schema.ts';
import { phoneGroupsSchema } from '../phone/groups/schema.ts';
import { phoneCallsSchema } from '../phone/calls/schema.ts';
import { zoomRoomsSchema } from '../api/rooms/schema.ts';
import { webinarsSchema } from '../api/webinars/schema.ts';
import { liveQaSchema } from '../live/qa-schema.ts';
import { liveAudioSchema } from '../live/audio-schema.ts';
import type { Db, Queryable } from './db.ts';
import { ZoomError } from '../core/errors.ts';
import type { UniqueViolation } from './errors.ts';
import type { DuplicateError, MigrationStep, SchemaModule } from './schema.ts';

/** Every schema module, tenancy first; coherence (triggers on the others' tables) last. A new category adds its module here. */
export const schemaModules: readonly SchemaModule[] = [
  tenancySchema,
  oauthSchema,
  usersSchema,
  groupsSchema,
  rolesSchema,
  informationBarriersSchema,
  settingsSchema,
  accountsSchema,
  chatSchema,
  imGroupsSchema,
  meetingsSchema,
  registrantsSchema,
  pollsSchema,
  webhooksSchema,
  billingSchema,
  tspSchema,
  trackingFieldsSchema,
  h323DevicesSchema,
  sipPhonesSchema,
  sipAudioSchema,
  phoneSchema,
  phoneConfigSchema,
  phoneDevicesSchema,
  commonAreaPhonesSchema,
  phoneBlockedListSchema,
  phoneGroupsSchema,
  phoneCallsSchema,
  liveSchema,
  recordingsSchema,
  zoomRoomsSchema,
  liveQualitySchema,
  reportsSchema,
  webinarsSchema,
  liveQaSchema,
  liveAudioSchema,
  coherenceSchema,
];

/** Every table holding state; the control plane's reset empties them all. */
export const DATA_TABLES: readonly string[] = schemaModules.flatMap((m) => m.tables);

const DUPLICATES: ReadonlyMap<string, DuplicateError> = new Map(schemaModules.flatMap((m) => Object.entries(m.duplicates ?? {})));

/** Zoom's answer to a unique index that refused a row: the owning module's error, else a plain 409. */
export function duplicateError(v: UniqueViolation): ZoomError {
  return DUPLICATES.get(v.index)?.(v.values) ?? new ZoomError(409, 300, 'The resource already exists.');
}

/** Unique indexes with a Zoom error declared (a test checks every unique index has one). */
export const DUPLICATE_INDEXES: ReadonlySet<string> = new Set(DUPLICATES.keys());

/**
 * Serialises start-up work (meta, migrations, the demo seed) across every
 * instance on one PostgreSQL schema until the transaction ends; instances on
 * other schemas of the database do not wait. It must be the transaction's
 * first statement: the transaction then reads in READ COMMITTED, so once the
 * lock is granted it sees what the instance before it committed (a
 * serializable snapshot, taken as the lock was asked for, would not).
 * SQLite transactions are already exclusive.
 */
export async function lockStartup(tx: Queryable): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await tx.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
  await tx.run("SELECT pg_advisory_xact_lock(hashtext('openzoom'), hashtext(current_schema()))");
}

export async function migrate(db: Db): Promise<void> {
  await db.transaction((tx) => migrateIn(tx));
}

/** Creates `meta` and applies pending migrations inside the caller's transaction, under the start-up lock. */
export async function migrateIn(tx: Queryable): Promise<void> {
  // Two instances starting together on one PostgreSQL: the first migrates, the others wait and find nothing to do.
  await lockStartup(tx);
  await tx.run('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const module of schemaModules) {
    const key = `schema_version:${module.name}`;
    const row = await tx.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    const current = row ? Number(row.value) : 0;
    if (current >= module.migrations.length) continue;
    for (let v = current; v < module.migrations.length; v++) {
      const step = module.migrations[v]!;
      for (const statement of statementsOf(step, tx.dialect)) await tx.run(statement);
      if (typeof step !== 'string' && step.run) await step.run(tx);
    }
    await tx.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      String(module.migrations.length),
    ]);
  }
}

function statementsOf(step: MigrationStep, dialect: Queryable['dialect']): readonly string[] {
  if (typeof step !== 'string') return step[dialect] ?? [];
  return step
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
