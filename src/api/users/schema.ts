import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const usersSchema: SchemaModule = {
  name: 'users',
  tables: ['users', 'user_assistants', 'user_tokens', 'collaboration_devices'],
  duplicates: { users_email: (key) => Errors.emailTaken(key?.[1] ?? '') },
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
    // One row per (user, assistant) pair: the user's assistants and the
    // assistant's schedulers are the two directions of the same relation.
    `
    CREATE TABLE user_assistants (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      assistant_id TEXT NOT NULL,
      can_manage_host_private_event INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, user_id, assistant_id)
    );
    CREATE INDEX user_assistants_scheduler ON user_assistants (account_id, assistant_id);
    CREATE TABLE user_tokens (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      type TEXT NOT NULL,
      meeting_id TEXT,
      secret TEXT NOT NULL,
      issued_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX user_tokens_user ON user_tokens (account_id, user_id);
    CREATE TABLE collaboration_devices (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX collaboration_devices_user ON collaboration_devices (account_id, user_id, created_at)
    `,
    // List users reads each row's list entry as stored JSON text (written with the row) and
    // seeks by (created_at, id) for every filter Zoom offers: status, and status with role_id.
    `
    ALTER TABLE users ADD COLUMN list_item TEXT;
    CREATE INDEX users_list_role ON users (account_id, status, role_id, created_at, id)
    `,
  ],
};
