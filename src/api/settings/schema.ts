import type { SchemaModule } from '../../storage/schema.ts';

export const settingsSchema: SchemaModule = {
  name: 'settings',
  tables: ['settings'],
  migrations: [
    // One row per level that changed something: the account (owner_id = account id),
    // a group or a user. `data` holds only that level's overrides and locks.
    `
    CREATE TABLE settings (
      account_id TEXT NOT NULL,
      level TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, level, owner_id)
    )
    `,
  ],
};
