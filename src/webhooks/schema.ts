import type { SchemaModule } from '../storage/schema.ts';

export const webhooksSchema: SchemaModule = {
  name: 'webhooks',
  tables: ['webhook_events'],
  migrations: [
    // The outbox: one row per event, written in the transaction of the change
    // that caused it (no event for a rolled-back write, none lost for a committed one).
    `
    CREATE TABLE webhook_events (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      event TEXT NOT NULL,
      event_ts BIGINT NOT NULL,
      operator_user_id TEXT,
      client_id TEXT,
      payload TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX webhook_events_ts ON webhook_events (account_id, event_ts, id)
    `,
    // The operator the event names, resolved when it is emitted (the user may be gone by delivery).
    `
    ALTER TABLE webhook_events ADD COLUMN operator TEXT;
    ALTER TABLE webhook_events ADD COLUMN operator_id TEXT
    `,
  ],
};
