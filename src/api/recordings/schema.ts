import type { SchemaModule } from '../../storage/schema.ts';

// Cloud recordings: one row per recorded session instance, its files, the
// views and downloads counted for analytics. Times are ISO 8601 with
// milliseconds (sortable text), from the server clock.
export const recordingsSchema: SchemaModule = {
  name: 'recordings',
  tables: ['recordings', 'recording_files', 'recording_analytics', 'recording_options', 'recording_garbage'],
  duplicates: {},
  migrations: [
    // recordings: kind 'meeting' | 'webinar'; meeting_id the session number;
    // ended_at the session's end; status 'processing' until the processing
    // delay has passed on the server clock, then 'completed'; trashed_at set while the whole recording is in
    // the trash (purged 30 days later); secret signs its download tokens and
    // file links; share_token is the key of its share_url; data: topic, type, timezone, duration, host email, the
    // recording settings (share, passcode, on-demand, approval …), the
    // registration questions and the segments recorded.
    // recording_files: one row per file; trashed_at set while the file alone is
    // in the trash; storage_key names the bytes in the file store; archive 1 for
    // archived files (accounts with archiving), 0 for cloud recording files.
    // recording_analytics: one row per view or download.
    // recording_garbage: storage keys whose rows were deleted, for the sweep to
    // remove from the file store after the deleting transaction committed.
    // recording_options: per account, archiving on (1) or off (0) — a control-plane switch.
    `
    CREATE TABLE recordings (
      account_id TEXT NOT NULL,
      uuid TEXT NOT NULL,
      kind TEXT NOT NULL,
      meeting_id TEXT NOT NULL,
      host_id TEXT NOT NULL,
      start_time TEXT NOT NULL,
      status TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      trashed_at TEXT,
      total_size BIGINT NOT NULL,
      secret TEXT NOT NULL,
      share_token TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, uuid)
    );
    CREATE INDEX recordings_share ON recordings (share_token);
    CREATE INDEX recordings_host ON recordings (account_id, host_id, start_time, uuid);
    CREATE INDEX recordings_account ON recordings (account_id, start_time, uuid);
    CREATE INDEX recordings_meeting ON recordings (account_id, meeting_id, start_time);
    CREATE INDEX recordings_due ON recordings (status, ended_at);
    CREATE TABLE recording_files (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      meeting_uuid TEXT NOT NULL,
      position INTEGER NOT NULL,
      archive INTEGER NOT NULL,
      recording_type TEXT NOT NULL,
      file_type TEXT NOT NULL,
      file_extension TEXT NOT NULL,
      recording_start TEXT NOT NULL,
      recording_end TEXT NOT NULL,
      file_size BIGINT NOT NULL,
      storage_key TEXT NOT NULL,
      trashed_at TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX recording_files_meeting ON recording_files (account_id, meeting_uuid, position);
    CREATE INDEX recording_files_key ON recording_files (storage_key);
    CREATE TABLE recording_analytics (
      account_id TEXT NOT NULL,
      meeting_uuid TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      duration INTEGER NOT NULL,
      PRIMARY KEY (account_id, meeting_uuid, id)
    );
    CREATE INDEX recording_analytics_list ON recording_analytics (account_id, meeting_uuid, kind, at, id);
    CREATE TABLE recording_options (
      account_id TEXT NOT NULL,
      archiving INTEGER NOT NULL,
      PRIMARY KEY (account_id)
    );
    CREATE TABLE recording_garbage (
      account_id TEXT NOT NULL,
      storage_key TEXT NOT NULL,
      PRIMARY KEY (account_id, storage_key)
    )
    `,
  ],
};
