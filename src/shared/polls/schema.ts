import type { SchemaModule } from '../../storage/schema.ts';

export const pollsSchema: SchemaModule = {
  name: 'polls',
  tables: ['polls'],
  migrations: [
    // owner_kind 'meeting' | 'webinar', owner_id the meeting or webinar number; `data`
    // holds Zoom's poll object (title, poll_type, anonymous, questions). status:
    // notstart | started | ended | sharing | deactivated (the live side moves it).
    `
    CREATE TABLE polls (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      owner_kind TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX polls_owner ON polls (account_id, owner_kind, owner_id, created_at, id)
    `,
  ],
};
