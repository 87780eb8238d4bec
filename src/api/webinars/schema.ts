import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';
import { sessionTable } from '../../shared/sessions/schema.ts';

export const webinarsSchema: SchemaModule = {
  name: 'webinars',
  tables: ['webinars', 'webinar_panelists', 'webinar_templates'],
  duplicates: {
    // Webinar numbers are unique across accounts (join links name no account); a clash
    // of two random numbers runs the create again with a new one.
    webinars_number: () => new ZoomError(409, 3000, 'The webinar ID is already in use. Try again.'),
    // Adding a panelist twice keeps the first (the check); two adds racing land here.
    webinar_panelists_email: (key) => new ZoomError(409, 3000, `Panelist already exists: ${key?.[2] ?? ''}.`),
    webinar_templates_name: (key) => new ZoomError(400, 3000, `Webinar template name already exists: ${key?.[2] ?? ''}.`),
  },
  migrations: [
    // webinars: as meetings (see meetings/schema.ts): `data` holds the document
    // (topic, settings, recurrence, registration questions, survey, branding …),
    // the columns what lookups and lists filter on; list_item the stored list entry.
    // webinar_panelists: one row per panelist (email unique per webinar).
    `${sessionTable('webinars')}
    CREATE TABLE webinar_panelists (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      webinar_id TEXT NOT NULL,
      email TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX webinar_panelists_email ON webinar_panelists (account_id, webinar_id, email);
    CREATE INDEX webinar_panelists_list ON webinar_panelists (account_id, webinar_id, created_at, id);
    CREATE TABLE webinar_templates (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX webinar_templates_name ON webinar_templates (account_id, user_id, name);
    CREATE INDEX webinar_templates_user ON webinar_templates (account_id, user_id, created_at, id)
    `,
  ],
};
