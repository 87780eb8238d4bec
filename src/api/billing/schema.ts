import type { SchemaModule } from '../../storage/schema.ts';

// Plans and billing contacts live in the account row (tenancy/plans.ts);
// invoices are derived from the plans (model.ts). Only the master's invoice
// reports are rows of their own.
export const billingSchema: SchemaModule = {
  name: 'billing',
  tables: ['billing_invoice_reports'],
  migrations: [
    `
    CREATE TABLE billing_invoice_reports (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      account_ids TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX billing_invoice_reports_list ON billing_invoice_reports (account_id, created_at, id)
    `,
  ],
};
