import { ZoomError } from '../../core/errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

export const registrantsSchema: SchemaModule = {
  name: 'registrants',
  tables: ['registrants'],
  // One registration per email per meeting or webinar: registering again answers the
  // existing registrant (see README), so a race on the index runs again and finds it.
  duplicates: { registrants_email: () => new ZoomError(409, 3000, 'This email is already registered.') },
  migrations: [
    // owner_kind 'meeting' | 'webinar', owner_id the meeting or webinar number.
    // occurrence_ids: ',id,id,' of the occurrences registered for, '' for all of them.
    // join_token: the `tk` of the registrant's personal join link.
    `
    CREATE TABLE registrants (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      owner_kind TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      email TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      occurrence_ids TEXT NOT NULL,
      join_token TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX registrants_email ON registrants (account_id, owner_kind, owner_id, email);
    CREATE INDEX registrants_list ON registrants (account_id, owner_kind, owner_id, status, created_at, id);
    CREATE INDEX registrants_token ON registrants (join_token)
    `,
  ],
};
