import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const trackingFieldsSchema: SchemaModule = {
  name: 'tracking_fields',
  tables: ['tracking_fields'],
  duplicates: { tracking_fields_field: (key) => Errors.trackingFieldTaken(key?.[1] ?? '') },
  migrations: [
    // field_key (trimmed, lower-cased name) keeps one field of a name per account.
    `
    CREATE TABLE tracking_fields (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      field_key TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX tracking_fields_field ON tracking_fields (account_id, field_key);
    CREATE INDEX tracking_fields_list ON tracking_fields (account_id, created_at, id)
    `,
  ],
};
