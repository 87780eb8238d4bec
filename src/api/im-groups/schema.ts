import type { SchemaModule } from '../../storage/schema.ts';
import { imGroupNameTaken } from './model.ts';

export const imGroupsSchema: SchemaModule = {
  name: 'im_groups',
  tables: ['im_groups', 'im_group_members'],
  duplicates: { im_groups_name: (key) => imGroupNameTaken(key?.[1] ?? '') },
  migrations: [
    // name_key (trimmed, lower-cased name) keeps one name per account (409/4132).
    `
    CREATE TABLE im_groups (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX im_groups_name ON im_groups (account_id, name_key);
    CREATE TABLE im_group_members (
      account_id TEXT NOT NULL,
      group_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, group_id, user_id)
    );
    CREATE INDEX im_group_members_list ON im_group_members (account_id, group_id, added_at, user_id);
    CREATE INDEX im_group_members_user ON im_group_members (account_id, user_id)
    `,
  ],
};
