import { Errors } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

// SIP Connected Audio. A master account's own trunks are its SIP trunk
// configurations (master_trunk = 1); a sub account's rows are the trunks
// assigned to it. Numbers: a master's are its SIP trunk numbers, a sub
// account's those assigned to it.
export const sipAudioSchema: SchemaModule = {
  name: 'sip_audio',
  tables: ['sip_audio_settings', 'sip_trunks', 'sip_trunk_numbers', 'sip_internal_numbers', 'sip_callout_countries'],
  duplicates: { sip_internal_numbers_number: () => Errors.internalNumberTaken() },
  migrations: [
    `
    CREATE TABLE sip_audio_settings (
      account_id TEXT NOT NULL PRIMARY KEY,
      data TEXT NOT NULL
    );
    CREATE TABLE sip_trunks (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      master_trunk INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE TABLE sip_trunk_numbers (
      account_id TEXT NOT NULL,
      number TEXT NOT NULL,
      country TEXT NOT NULL,
      PRIMARY KEY (account_id, number)
    );
    CREATE TABLE sip_internal_numbers (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      number TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX sip_internal_numbers_number ON sip_internal_numbers (account_id, number);
    CREATE INDEX sip_internal_numbers_list ON sip_internal_numbers (account_id, created_at, id);
    CREATE TABLE sip_callout_countries (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    )
    `,
  ],
};
