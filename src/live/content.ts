// What participants say and write while live: speech (who spoke, when, what —
// the cues of a recording's transcript and timeline) and in-meeting chat (the
// recording's chat file). Kept as intervals of the instance ('speech', 'chat').
import { Errors } from '../core/errors.ts';
import type { LiveTx } from './engine.ts';
import { rowId, stamp, type InstanceRecord, type ParticipantRecord } from './model.ts';
import * as repo from './repository.ts';

type Schema = Record<string, unknown>;

export const CONTENT_BODIES = {
  speak: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' }, seconds: { type: 'number', minimum: 0.5, maximum: 600 } },
  },
  chat: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 4096, pattern: '\\S' },
      to_participant_id: { type: 'string', minLength: 1, maxLength: 64 },
      // A file sent in chat: its name; `text` is then the file's content (a text file).
      file_name: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^/\\\\]+$' },
    },
  },
} satisfies Record<string, Schema>;

/** Seconds a sentence takes to say when the caller gives none: about 150 words a minute, at least one second. */
export const speakingSeconds = (text: string): number => Math.max(1, text.trim().split(/\s+/).length * 0.4);

async function add(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, kind: 'speech' | 'chat', endMs: number, data: Record<string, unknown>) {
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the meeting.`);
  const id = rowId(await repo.nextSeq(t.db, i.account_id, i.uuid));
  await repo.openInterval(t.db, i.account_id, i.uuid, { id, kind, participant_id: p.id, started_at: stamp(t.now), ended_at: null, data });
  await repo.closeInterval(t.db, i.account_id, i.uuid, id, stamp(endMs));
  return { id, participant_id: p.id, kind, at: stamp(t.now), ...data };
}

/** The participant speaks `text`, from now for `seconds`. */
export function speak(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, body: { text: string; seconds?: number }) {
  return add(t, i, p, 'speech', t.now + Math.round((body.seconds ?? speakingSeconds(body.text)) * 1000), { text: body.text });
}

/** The participant sends a chat message (or a file) to everyone, or to one participant. */
export async function chat(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, body: { text: string; to_participant_id?: string; file_name?: string }) {
  let to = 'Everyone';
  if (body.to_participant_id !== undefined) {
    const other = await repo.getParticipant(t.db, i.account_id, i.uuid, body.to_participant_id);
    if (!other) throw Errors.liveParticipantNotFound(body.to_participant_id);
    to = other.name;
  }
  return add(t, i, p, 'chat', t.now, { text: body.text, to, ...(body.file_name !== undefined ? { file_name: body.file_name } : {}) });
}
