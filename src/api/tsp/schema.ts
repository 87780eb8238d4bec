import type { SchemaModule } from '../../storage/schema.ts';

// The account's TSP settings, and per user the TSP accounts (at most two) and global dial-in URL.
export const tspSchema: SchemaModule = {
  name: 'tsp',
  tables: ['tsp_settings', 'tsp_users'],
  migrations: [
    `
    CREATE TABLE tsp_settings (
      account_id TEXT NOT NULL PRIMARY KEY,
      data TEXT NOT NULL
    );
    CREATE TABLE tsp_users (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, user_id)
    )
    `,
  ],
};
