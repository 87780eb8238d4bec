import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

// Call queues, auto receptionists and shared line groups: one table, as Zoom
// treats them (each is an extension of a site, with a name, phone numbers and,
// for queues and shared line groups, members). `kind` tells them apart. Name,
// extension number and site live in the phone model's extension directory
// (phone_extensions, src/phone/schema.ts), joined on every read: a site's
// deletion moves them there once for every kind of owner.
export const phoneGroupsSchema: SchemaModule = {
  name: 'phone_groups',
  tables: ['phone_groups', 'phone_group_members'],
  duplicates: {
    phone_group_members_pkey: () => new ZoomError(409, 300, 'The member already exists.'),
  },
  migrations: [
    `
    CREATE TABLE phone_groups (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_groups_list ON phone_groups (account_id, kind, created_at, id);
    CREATE TABLE phone_group_members (
      account_id TEXT NOT NULL,
      group_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_type TEXT NOT NULL,
      level TEXT NOT NULL,
      receive_call INTEGER NOT NULL,
      last_call_ms BIGINT NOT NULL,
      added_at TEXT NOT NULL,
      seq BIGINT NOT NULL,
      PRIMARY KEY (account_id, group_id, member_id)
    );
    CREATE INDEX phone_group_members_member ON phone_group_members (account_id, member_id)
    `,
  ],
};
