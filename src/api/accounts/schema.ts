import type { SchemaModule } from '../../storage/schema.ts';

export const accountsSchema: SchemaModule = {
  name: 'accounts',
  tables: ['account_files'],
  migrations: [
    // Uploaded files (profile pictures, virtual backgrounds) as base64 TEXT so
    // both databases take the same SQL. `owner_type` + `owner_id` say whose
    // file it is: a user's picture, or the account's, a group's or a user's background.
    `
    CREATE TABLE account_files (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      owner_type TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      name TEXT NOT NULL,
      mimetype TEXT NOT NULL,
      size INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      content TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX account_files_owner ON account_files (account_id, owner_type, owner_id, created_at)
    `,
  ],
};
