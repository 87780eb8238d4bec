import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const informationBarriersSchema: SchemaModule = {
  name: 'information_barriers',
  tables: ['information_barrier_policies'],
  duplicates: { information_barrier_pair: (key) => Errors.policyDuplicate(key?.[1] ?? '', key?.[2] ?? '') },
  migrations: [
    // One policy per (assigned group, to group) pair: Zoom refuses duplicates (7002).
    `
    CREATE TABLE information_barrier_policies (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      assigned_group_id TEXT NOT NULL,
      to_group_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX information_barrier_pair ON information_barrier_policies (account_id, assigned_group_id, to_group_id);
    CREATE INDEX information_barrier_list ON information_barrier_policies (account_id, created_at, id)
    `,
  ],
};
