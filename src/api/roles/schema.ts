import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const rolesSchema: SchemaModule = {
  name: 'roles',
  tables: ['roles'],
  duplicates: { roles_name: (key) => Errors.roleNameTaken(key?.[1] ?? '') },
  migrations: [
    // Custom roles, and overrides of the built-in Admin/Member roles (same ids "1"/"2").
    // Members are users.role_id: the index below serves role filters and member counts.
    `
    CREATE TABLE roles (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX roles_name ON roles (account_id, name_key);
    CREATE INDEX users_role ON users (account_id, role_id)
    `,
    // Role members are listed in the order users were created, seeking by (created_at, id);
    // that index also serves what users_role did (one B-tree fewer to write per user).
    `CREATE INDEX users_role_list ON users (account_id, role_id, created_at, id);
    DROP INDEX users_role`,
  ],
};
