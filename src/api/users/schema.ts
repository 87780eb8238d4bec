import type { SchemaModule } from '../../storage/schema.ts';

export const usersSchema: SchemaModule = {
  name: 'users',
  tables: ['users'],
  migrations: [
    // Emails are unique per account (not across accounts): accounts here are
    // isolated tenants, and a global index would leak one account's users to another.
    `
    CREATE TABLE users (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      email TEXT NOT NULL,
      status TEXT NOT NULL,
      type INTEGER NOT NULL,
      role_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX users_email ON users (account_id, email);
    CREATE INDEX users_list ON users (account_id, status, created_at, id)
    `,
  ],
};
