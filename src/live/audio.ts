// Joining by telephone: the control plane's join takes an `audio` description
// (dial-in toll-free or toll, call-out, "call me", SIP Connected Audio) and
// keeps it beside the participant, so the telephone report can list the call
// leg — from the join to the participant's leave.
import { country } from '../core/countries.ts';
import { Errors } from '../core/errors.ts';
import type { Queryable } from '../storage/db.ts';
import type { InstanceRecord, ParticipantRecord } from './model.ts';

export const AUDIO_TYPES = ['toll_free', 'toll', 'call_out', 'call_me', 'sip'] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

export interface AudioJoin {
  type: AudioType;
  /** The participant's telephone: the caller for dial-in, the number called for call-out and call me. */
  phone_number: string;
  /** ISO 3166 code of the number's country (default US). */
  country?: string;
  /** The Zoom number dialled (dial-in) or calling (call-out). */
  zoom_number?: string;
}

const PHONE = { type: 'string', pattern: '^\\+?[0-9][0-9 ()-]{2,30}$' };

/** The `audio` member of the join body. */
export const AUDIO_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'phone_number'],
  properties: {
    type: { enum: [...AUDIO_TYPES] },
    phone_number: PHONE,
    country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    zoom_number: PHONE,
  },
};

/** Refuses a country the server does not know before anything is written. */
export function checkAudio(audio: AudioJoin): void {
  if (audio.country !== undefined && !country(audio.country)) throw Errors.validation([{ field: 'audio.country', message: 'Unknown country code.' }]);
}

/** Keeps the call leg of a participant who just joined by telephone. */
export async function saveAudio(db: Queryable, i: InstanceRecord, p: ParticipantRecord, audio: AudioJoin): Promise<AudioJoin & { country: string }> {
  const row = { type: audio.type, phone_number: audio.phone_number, country: (audio.country ?? 'US').toUpperCase(), ...(audio.zoom_number ? { zoom_number: audio.zoom_number } : {}) };
  await db.run('INSERT INTO live_audio (account_id, instance_uuid, participant_id, type, phone_number, zoom_number, country, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    i.account_id,
    i.uuid,
    p.id,
    row.type,
    row.phone_number,
    row.zoom_number ?? '',
    row.country,
    p.joined_at,
  ]);
  return row;
}
