import type { SchemaModule } from '../storage/schema.ts';

// Questions asked during a live webinar (Q&A) and their answers, kept with the
// instance so past webinars can list them (List Q&A of past webinar).
export const liveQaSchema: SchemaModule = {
  name: 'live_qa',
  tables: ['live_questions'],
  migrations: [
    // status: 'open' | 'answered' | 'dismissed'; data: { answers: [{ answer, private,
    // live, answered_by, answered_at }] } in the order given.
    `
    CREATE TABLE live_questions (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      question TEXT NOT NULL,
      anonymous INTEGER NOT NULL,
      status TEXT NOT NULL,
      asked_at TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, id)
    );
    CREATE INDEX live_questions_order ON live_questions (account_id, instance_uuid, asked_at, id)
    `,
  ],
};
