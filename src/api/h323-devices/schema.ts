import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const h323DevicesSchema: SchemaModule = {
  name: 'h323_devices',
  tables: ['h323_devices'],
  duplicates: { h323_devices_name: (key) => Errors.deviceNameTaken(key?.[1] ?? '') },
  migrations: [
    // name_key (trimmed, lower-cased display name): one device of a name per account (404/2020).
    `
    CREATE TABLE h323_devices (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name_key TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX h323_devices_name ON h323_devices (account_id, name_key);
    CREATE INDEX h323_devices_list ON h323_devices (account_id, created_at, id)
    `,
  ],
};
