import type { SchemaModule } from '../../storage/schema.ts';

// What calls leave behind: the calls themselves (a plan of timed steps the
// clock walks through), call logs (one per party that keeps a history: users,
// call queues, auto receptionists), recordings and voicemails (their audio is
// made from their duration when downloaded), and the phone system's
// operation log (admin changes made through the API, written by both halves
// of Zoom Phone through src/phone/operation-log.ts).
export const phoneCallsSchema: SchemaModule = {
  name: 'phone_calls',
  tables: ['phone_calls', 'phone_call_logs', 'phone_recordings', 'phone_voicemails', 'phone_operation_logs'],
  migrations: [
    `
    CREATE TABLE phone_calls (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      due_ms BIGINT,
      data TEXT NOT NULL,
      created_ms BIGINT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_calls_due ON phone_calls (due_ms);
    CREATE TABLE phone_call_logs (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      call_id TEXT NOT NULL,
      owner_type TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      user_id TEXT,
      site_id TEXT,
      start_ms BIGINT NOT NULL,
      end_ms BIGINT NOT NULL,
      missed INTEGER NOT NULL,
      path TEXT NOT NULL,
      numbers TEXT NOT NULL,
      user_deleted INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_call_logs_list ON phone_call_logs (account_id, start_ms, id);
    CREATE INDEX phone_call_logs_user ON phone_call_logs (account_id, user_id, start_ms, id);
    CREATE TABLE phone_recordings (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      call_id TEXT NOT NULL,
      owner_type TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      site_id TEXT,
      recording_type TEXT NOT NULL,
      start_ms BIGINT NOT NULL,
      end_ms BIGINT NOT NULL,
      duration INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_recordings_list ON phone_recordings (account_id, start_ms, id);
    CREATE INDEX phone_recordings_owner ON phone_recordings (account_id, owner_id, start_ms, id);
    CREATE TABLE phone_voicemails (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      call_id TEXT NOT NULL,
      owner_type TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      start_ms BIGINT NOT NULL,
      duration INTEGER NOT NULL,
      status TEXT NOT NULL,
      trashed INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_voicemails_owner ON phone_voicemails (account_id, owner_id, start_ms, id);
    CREATE TABLE phone_operation_logs (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      time_ms BIGINT NOT NULL,
      category_type TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX phone_operation_logs_list ON phone_operation_logs (account_id, time_ms, id)
    `,
  ],
};
