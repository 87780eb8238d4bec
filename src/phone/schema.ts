// Zoom Phone's shared model: sites, the extension directory, phone numbers,
// phone users and their calling plans. Every phone category (numbers, users,
// sites, call queues, auto receptionists, shared line groups, common area
// phones) reads and writes these tables through ./repository.ts.
import type { SchemaModule } from '../storage/schema.ts';
import { PhoneErrors } from './errors.ts';

export const phoneSchema: SchemaModule = {
  name: 'phone',
  tables: ['phone_sites', 'phone_extensions', 'phone_numbers', 'phone_users', 'phone_user_plans'],
  duplicates: {
    phone_sites_name: () => PhoneErrors.siteNameTaken(),
    phone_extensions_pkey: (key) => PhoneErrors.extensionTaken(key?.[1] ?? ''),
    phone_extensions_owner: () => PhoneErrors.extensionTaken(''),
    phone_numbers_number: (key) => PhoneErrors.numberExists(key?.[1] ?? ''),
  },
  migrations: [
    // A site: `main` marks the account's main site (one, never deleted);
    // `data` holds the site as Zoom answers it (country, short extension, policy…).
    `
    CREATE TABLE phone_sites (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      main INTEGER NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX phone_sites_name ON phone_sites (account_id, name);
    CREATE INDEX phone_sites_list ON phone_sites (account_id, created_at, id)
    `,
    // The extension directory: every extension of the account (users, call
    // queues, auto receptionists, shared line groups, common area phones),
    // its owner and the site it belongs to. Extension numbers are unique per
    // account; an owner has one extension.
    `
    CREATE TABLE phone_extensions (
      account_id TEXT NOT NULL,
      extension_number BIGINT NOT NULL,
      extension_id TEXT NOT NULL,
      owner_type TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      name TEXT NOT NULL,
      site_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, extension_number)
    );
    CREATE UNIQUE INDEX phone_extensions_owner ON phone_extensions (account_id, owner_type, owner_id);
    CREATE INDEX phone_extensions_site ON phone_extensions (account_id, site_id)
    `,
    // Numbers: an assignee (type, id) at most; the list filters on assignee
    // type, number type, source and site. `data` holds the rest of Zoom's
    // number object (capability, carrier, location, emergency address …).
    `
    CREATE TABLE phone_numbers (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      number TEXT NOT NULL,
      number_type TEXT NOT NULL,
      source TEXT NOT NULL,
      status TEXT NOT NULL,
      site_id TEXT,
      assignee_type TEXT,
      assignee_id TEXT,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX phone_numbers_number ON phone_numbers (account_id, number);
    CREATE INDEX phone_numbers_assignee ON phone_numbers (account_id, assignee_type, assignee_id);
    CREATE INDEX phone_numbers_list ON phone_numbers (account_id, created_at, id)
    `,
    // A phone user: a user of the account holding the phone licence. Its
    // extension and site are in phone_extensions; `data` holds policy,
    // settings, emergency address, department and cost center.
    `
    CREATE TABLE phone_users (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      status TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, user_id)
    );
    CREATE INDEX phone_users_list ON phone_users (account_id, created_at, user_id)
    `,
    // Calling plans held by phone users (type: Zoom's plan code); counted per type against the account's plans.
    `
    CREATE TABLE phone_user_plans (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      type INTEGER NOT NULL,
      PRIMARY KEY (account_id, user_id, type)
    );
    CREATE INDEX phone_user_plans_type ON phone_user_plans (account_id, type)
    `,
    // Extensions are also named by their extension id (delegation, devices, intercom).
    `CREATE INDEX phone_extensions_id ON phone_extensions (account_id, extension_id)`,
  ],
};
