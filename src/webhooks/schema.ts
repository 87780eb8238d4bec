import { ZoomError } from '../core/errors.ts';
import type { SchemaModule } from '../storage/schema.ts';

export const webhooksSchema: SchemaModule = {
  name: 'webhooks',
  duplicates: { webhook_subscriptions_id: () => new ZoomError(409, 300, 'The event subscription already exists.') },
  tables: ['webhook_events', 'webhook_subscriptions', 'webhook_deliveries', 'webhook_attempts'],
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
    // Subscriptions (an app's endpoint, secret and events; or a WebSocket),
    // one delivery per event and subscription (written with the event, in the
    // same transaction), and every attempt of each. Times named *_at are the
    // server clock's epoch ms; lease_until is real time (a claim's expiry).
    `
    CREATE TABLE webhook_subscriptions (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      endpoint_url TEXT NOT NULL,
      secret_token TEXT NOT NULL,
      events TEXT NOT NULL,
      user_ids TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      validated_at BIGINT,
      next_validation_at BIGINT,
      failed_validations INTEGER NOT NULL DEFAULT 0,
      last_validation TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX webhook_subscriptions_id ON webhook_subscriptions (id);
    CREATE INDEX webhook_subscriptions_client ON webhook_subscriptions (client_id);
    CREATE INDEX webhook_subscriptions_validation ON webhook_subscriptions (next_validation_at);
    CREATE TABLE webhook_deliveries (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      subscription_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      ladder INTEGER NOT NULL DEFAULT 0,
      due_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      lease TEXT NOT NULL DEFAULT '',
      lease_until BIGINT NOT NULL DEFAULT 0,
      last_status INTEGER
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, due_at);
    CREATE INDEX webhook_deliveries_claim ON webhook_deliveries (subscription_id, status, due_at, id);
    CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
    CREATE TABLE webhook_attempts (
      id TEXT PRIMARY KEY,
      delivery_id TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      account_id TEXT NOT NULL,
      subscription_id TEXT NOT NULL,
      event TEXT NOT NULL,
      at BIGINT NOT NULL,
      status_code INTEGER NOT NULL,
      latency_ms INTEGER NOT NULL,
      error TEXT NOT NULL,
      response TEXT NOT NULL
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);
    CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, id)
    `,
    // Fields some events carry beside payload (recording.completed's download_token); pruning by age.
    `
    ALTER TABLE webhook_events ADD COLUMN top TEXT;
    DROP INDEX webhook_events_ts;
    CREATE INDEX webhook_events_age ON webhook_events (event_ts)
    `,
    // The subscriptions an event is for, until the deliverer makes their delivery rows: a write
    // adds one small index entry instead of a delivery row and its indexes.
    `
    ALTER TABLE webhook_events ADD COLUMN subscribers TEXT;
    CREATE INDEX webhook_events_subscribers ON webhook_events (id) WHERE subscribers IS NOT NULL
    `,
  ],
};
