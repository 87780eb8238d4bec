import type { SchemaModule } from '../storage/schema.ts';

// How participants who joined by telephone came in: one row per join that
// brought an audio description (control plane `POST …/participants` with
// `audio`). The call leg starts with the join and ends when the participant
// leaves (`live_participants.left_at`); the telephone report reads both.
export const liveAudioSchema: SchemaModule = {
  name: 'live_audio',
  tables: ['live_audio'],
  migrations: [
    // type: toll_free | toll | call_out | call_me | sip; phone_number the
    // participant's telephone; zoom_number the Zoom number dialled (dial-in) or
    // shown (call-out), '' when not given; country an ISO 3166 code.
    `
    CREATE TABLE live_audio (
      account_id TEXT NOT NULL,
      instance_uuid TEXT NOT NULL,
      participant_id TEXT NOT NULL,
      type TEXT NOT NULL,
      phone_number TEXT NOT NULL,
      zoom_number TEXT NOT NULL,
      country TEXT NOT NULL,
      started_at TEXT NOT NULL,
      PRIMARY KEY (account_id, instance_uuid, participant_id)
    );
    CREATE INDEX live_audio_time ON live_audio (account_id, started_at)
    `,
  ],
};
