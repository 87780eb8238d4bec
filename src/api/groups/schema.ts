import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const groupsSchema: SchemaModule = {
  name: 'groups',
  tables: ['groups', 'group_members', 'group_admins'],
  duplicates: { groups_name: (key) => Errors.groupNameTaken(key?.[1] ?? '') },
  migrations: [
    // name_key (trimmed, lower-cased name) enforces Zoom's one-name-per-account rule (409/4132)
    // and orders List groups.
    `
    CREATE TABLE groups (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX groups_name ON groups (account_id, name_key);
    CREATE TABLE group_members (
      account_id TEXT NOT NULL,
      group_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      is_primary INTEGER NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, group_id, user_id)
    );
    CREATE INDEX group_members_user ON group_members (account_id, user_id);
    CREATE TABLE group_admins (
      account_id TEXT NOT NULL,
      group_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, group_id, user_id)
    )
    `,
    // Group members are listed in the order they joined, seeking by (added_at, user_id).
    `CREATE INDEX group_members_list ON group_members (account_id, group_id, added_at, user_id)`,
  ],
};
