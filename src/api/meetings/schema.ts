import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';
import { sessionTable } from '../../shared/sessions/schema.ts';

export const meetingsSchema: SchemaModule = {
  name: 'meetings',
  tables: ['meetings', 'meeting_templates'],
  // Meeting numbers are unique across accounts (join links name no account). A
  // clash of two random numbers makes storage run the create again with a new
  // number; the error only answers if that keeps failing.
  duplicates: { meetings_number: () => new ZoomError(409, 3000, 'The meeting ID is already in use. Try again.') },
  migrations: [
    // One row per meeting. `data` holds the document (topic, settings, recurrence,
    // per-occurrence changes …); the columns are what lookups and lists filter on:
    // - status: 'waiting' or 'started' (the live side sets it), uuid: the current instance's;
    // - deleted_at: set by Delete a meeting, kept for `recover` until purged;
    // - listed: 1 for meetings List meetings shows (not instant, not deleted);
    // - list_start / list_end: UTC start of the first and end of the last occurrence
    //   (type 3: created_at and far future), the list's sort key and its from/to filter;
    // - list_item: the stored JSON text of the list entry.
    `${sessionTable('meetings')}
    CREATE TABLE meeting_templates (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX meeting_templates_user ON meeting_templates (account_id, user_id, created_at, id)
    `,
  ],
};
