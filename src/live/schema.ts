import { ZoomError } from '../core/errors.ts';
import type { SchemaModule } from '../storage/schema.ts';

// What live sessions (meetings now, webinars later) leave behind: every instance,
// every participant's joins, and the intervals of attendance, sharing and
// recording, so that past meetings, reports, dashboards and recordings compute
// from the same rows. Times are ISO 8601 with milliseconds (sortable text).
export const liveSchema: SchemaModule = {
  name: 'live',
  tables: ['live_instances', 'live_participants', 'live_attendance', 'live_intervals', 'live_poll_answers'],
  duplicates: {
    // Two starts racing: storage runs the loser again, which then finds the live instance.
    live_instances_one_live: () => new ZoomError(409, 3000, 'The meeting has already started.'),
  },
  migrations: [
    // live_instances: one row per instance (kind 'meeting' | 'webinar', session_id
    // the meeting or webinar number, number its 1st, 2nd … instance); status 'live' | 'ended'; auto_end_at the
    // time a plan limit ends it (a Basic host with 3+ participants); seq numbers
    // the rows of an instance in the other tables; data the session as it was
    // when the instance started (topic, type, timezone, duration, host).
    // live_participants: one row per join (a rejoin is a new row, as in Zoom's
    // reports); status 'in_meeting' | 'in_waiting_room' | 'left'.
    // live_attendance: the participant's stints, 'in_meeting' or 'in_waiting_room'.
    // live_intervals: sharing ('sharing', per participant), recording ('recording',
    // 'recording_paused') and AI Companion ('ai_companion') intervals.
    `
    CREATE TABLE live_instances (
      account_id TEXT NOT NULL,
      uuid TEXT NOT NULL,
      kind TEXT NOT NULL,
      session_id TEXT NOT NULL,
      number INTEGER NOT NULL,
      host_id TEXT NOT NULL,
      status TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT,
      end_reason TEXT,
      auto_end_at TEXT,
      seq INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, uuid)
    );
    CREATE UNIQUE INDEX live_instances_one_live ON live_instances (account_id, kind, session_id) WHERE status = 'live';
    CREATE INDEX live_instances_session ON live_instances (account_id, kind, session_id, number);
    CREATE INDEX live_instances_due ON live_instances (status, auto_end_at);
    CREATE TABLE live_participants (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      participant_user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      registrant_id TEXT NOT NULL,
      role TEXT NOT NULL,
      status TEXT NOT NULL,
      joined_at TEXT NOT NULL,
      left_at TEXT,
      leave_reason TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, id)
    );
    CREATE INDEX live_participants_order ON live_participants (account_id, instance_uuid, seq);
    CREATE TABLE live_attendance (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      status TEXT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      PRIMARY KEY (account_id, instance_uuid, id)
    );
    CREATE INDEX live_attendance_list ON live_attendance (account_id, instance_uuid, started_at, id);
    CREATE INDEX live_attendance_participant ON live_attendance (account_id, instance_uuid, participant_id, started_at);
    CREATE TABLE live_intervals (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      id TEXT NOT NULL,
      kind TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, id)
    );
    CREATE INDEX live_intervals_kind ON live_intervals (account_id, instance_uuid, kind, started_at, id);
    CREATE TABLE live_poll_answers (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      poll_id TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      position INTEGER NOT NULL,
      answered_at TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, poll_id, participant_id, question)
    )
    `,
    // Summary columns the reports and dashboards add up instead of parsing `data`:
    // an instance's joins and seconds attended by all (data.totals, kept as it
    // ends; 0 while live), a join's client version and its instance's start.
    `
    ALTER TABLE live_instances ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE live_instances ADD COLUMN attended_seconds BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE live_participants ADD COLUMN version TEXT;
    ALTER TABLE live_participants ADD COLUMN instance_start TEXT;
    UPDATE live_participants SET instance_start = (SELECT i.start_time FROM live_instances i WHERE i.account_id = live_participants.account_id AND i.uuid = live_participants.instance_uuid)
    `,
    {
      sqlite: [
        "UPDATE live_instances SET participants = COALESCE(json_extract(data, '$.totals.participants'), 0), attended_seconds = COALESCE(json_extract(data, '$.totals.attended_seconds'), 0) WHERE json_extract(data, '$.totals') IS NOT NULL",
        "UPDATE live_participants SET version = json_extract(data, '$.version')",
      ],
      postgres: [
        "UPDATE live_instances SET participants = COALESCE((data::jsonb #>> '{totals,participants}')::integer, 0), attended_seconds = COALESCE((data::jsonb #>> '{totals,attended_seconds}')::bigint, 0) WHERE data::jsonb -> 'totals' IS NOT NULL",
        "UPDATE live_participants SET version = data::jsonb ->> 'version'",
      ],
    },
  ],
};
