// Zoom Phone account configuration: phone settings, setting templates and
// BYOC SIP trunks. Sites, numbers and phone users are the shared model's
// (src/phone/schema.ts).
import type { SchemaModule } from '../../storage/schema.ts';

export const phoneConfigSchema: SchemaModule = {
  name: 'phone_config',
  tables: ['phone_account_settings', 'phone_setting_templates', 'phone_sip_trunks'],
  migrations: [
    `
    CREATE TABLE phone_account_settings (
      account_id TEXT NOT NULL PRIMARY KEY,
      data TEXT NOT NULL
    );
    CREATE TABLE phone_setting_templates (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      site_id TEXT,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_setting_templates_list ON phone_setting_templates (account_id, created_at, id);
    CREATE TABLE phone_sip_trunks (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_sip_trunks_list ON phone_sip_trunks (account_id, created_at, id)
    `,
  ],
};
