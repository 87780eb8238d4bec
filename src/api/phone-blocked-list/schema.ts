// The account's blocked list: numbers and prefixes Zoom Phone refuses
// (inbound, outbound or as threats). One entry per (number or prefix, direction).
import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const blockedTwice = () => new ZoomError(409, 409, 'The phone number has already been blocked.');

export const phoneBlockedListSchema: SchemaModule = {
  name: 'phone_blocked_list',
  tables: ['phone_blocked_list'],
  duplicates: { phone_blocked_list_number: () => blockedTwice() },
  migrations: [
    `
    CREATE TABLE phone_blocked_list (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      phone_number TEXT NOT NULL,
      match_type TEXT NOT NULL,
      block_type TEXT NOT NULL,
      status TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX phone_blocked_list_number ON phone_blocked_list (account_id, phone_number, match_type, block_type);
    CREATE INDEX phone_blocked_list_list ON phone_blocked_list (account_id, created_at, id)
    `,
  ],
};
