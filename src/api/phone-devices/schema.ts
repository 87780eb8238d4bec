// Desk phones (Phone Devices; a common area phone's desk phone is one too):
// MAC addresses unique per account.
import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const macTaken = () => new ZoomError(409, 409, 'The MAC Address already exists in the system.');

export const phoneDevicesSchema: SchemaModule = {
  name: 'phone_devices',
  tables: ['phone_devices'],
  duplicates: { phone_devices_mac: () => macTaken() },
  migrations: [
    // `assignee_ext` is the first assignee's extension id, NULL when unassigned: the list filters on it
    // through the extension directory, so an assignee that is gone leaves the device unassigned.
    `
    CREATE TABLE phone_devices (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      mac_address TEXT NOT NULL,
      site_id TEXT,
      assignee_ext TEXT,
      device_type TEXT NOT NULL,
      search TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX phone_devices_mac ON phone_devices (account_id, mac_address);
    CREATE INDEX phone_devices_list ON phone_devices (account_id, created_at, id)
    `,
  ],
};
