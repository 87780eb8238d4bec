import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const sipPhonesSchema: SchemaModule = {
  name: 'sip_phones',
  tables: ['sip_phones'],
  duplicates: { sip_phones_user: () => Errors.sipPhoneEmailTaken() },
  migrations: [
    // One SIP phone per user; `search` (email and user name, lower case) is what search_key matches.
    `
    CREATE TABLE sip_phones (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      search TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX sip_phones_user ON sip_phones (account_id, user_id);
    CREATE INDEX sip_phones_list ON sip_phones (account_id, created_at, id)
    `,
  ],
};
