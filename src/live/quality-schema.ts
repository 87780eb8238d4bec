import type { SchemaModule } from '../storage/schema.ts';
import { gradeStoredTotals } from './quality.ts';

const GRADE_COLUMNS = ['live_qos_totals', 'live_instances'].flatMap((table) =>
  ['audio_quality', 'video_quality', 'screen_share_quality'].map((column) => `ALTER TABLE ${table} ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`),
);

// What participants' clients report about a live session, for the dashboards:
// quality of service one row per participant and minute (a later sample of the
// same minute replaces it), and the post-meeting feedback (one per participant
// join, a later answer replaces it). `data` holds the minute's figures as numbers;
// the dashboards add Zoom's units when they answer.
export const liveQualitySchema: SchemaModule = {
  name: 'live_quality',
  tables: ['live_qos', 'live_feedback', 'live_qos_totals'],
  migrations: [
    `
    CREATE TABLE live_qos (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      minute TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, participant_id, minute)
    );
    CREATE TABLE live_feedback (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      quality TEXT NOT NULL,
      comment TEXT NOT NULL,
      given_at TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, participant_id)
    );
    CREATE INDEX live_feedback_time ON live_feedback (account_id, given_at)
    `,
    // Each participant's minutes summed per stream (minutes, loss, latency),
    // kept with every sample: quality grades over a month read these, not the minutes.
    `
    CREATE TABLE live_qos_totals (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, participant_id)
    )
    `,
    // The issues a participant picked with a thumbs down (ids of FEEDBACK_ISSUES, comma-separated).
    `ALTER TABLE live_feedback ADD COLUMN issues TEXT NOT NULL DEFAULT ''`,
    // Grades ('good' … 'bad', '' without samples) of audio, video and screen share kept
    // beside the totals: a participant's own, and an instance's (all its participants'
    // minutes together), so that `/metrics/quality` over a month counts rows.
    { sqlite: GRADE_COLUMNS, postgres: GRADE_COLUMNS, run: gradeStoredTotals },
  ],
};
