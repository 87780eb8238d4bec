// Common area phones (2021 definitions): an extension of the account
// (directory type commonArea) with its desk phone (a phone_devices row).
import type { SchemaModule } from '../../storage/schema.ts';

export const commonAreaPhonesSchema: SchemaModule = {
  name: 'phone_common_area_phones',
  tables: ['phone_common_area_phones'],
  migrations: [
    `
    CREATE TABLE phone_common_area_phones (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_common_area_phones_device ON phone_common_area_phones (account_id, device_id);
    CREATE INDEX phone_common_area_phones_list ON phone_common_area_phones (account_id, created_at, id)
    `,
  ],
};
