// The files of one recorded segment, made from what happened in the session:
// who was there, who spoke (speech intervals), who shared, what was written in
// chat. Pure apart from reading the instance's rows.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Queryable } from '../../storage/db.ts';
import { msOf, type IntervalRecord } from '../../live/model.ts';
import * as live from '../../live/repository.ts';
import { chatTxt, mediaPool, timelineJson, vtt, type SpeechCue, type VideoLayout, type VideoScene } from '../../media/index.ts';
import type { FileChoices, Segment } from './model.ts';

export interface MadeFile {
  recording_type: string;
  file_type: string;
  file_extension: string;
  content_type: string;
  /** The file: its bytes (text files), or how to write it to a path (media, made as they are encoded). */
  bytes: Uint8Array | ((path: string) => Promise<void>);
  /** Delivered with recording.transcript_completed rather than recording.completed. */
  transcript: boolean;
  /** For media: everything its bytes are made from; a file of the same identity made before may be copied instead. */
  identity?: string;
  messages?: number;
}

interface Person {
  id: string;
  name: string;
  email: string;
  user_id: string;
  participant_user_id: string;
}

/** What the session left behind that files are made from. */
export interface SessionFacts {
  people: Map<string, Person>;
  stints: Array<{ participant_id: string; started_at: string; ended_at: string | null }>;
  speech: IntervalRecord[];
  chat: IntervalRecord[];
  sharing: IntervalRecord[];
}

export async function sessionFacts(db: Queryable, accountId: string, uuid: string): Promise<SessionFacts> {
  const people = new Map<string, Person>();
  for (const p of await live.participantsIn(db, accountId, uuid, ['in_meeting', 'in_waiting_room', 'left'])) people.set(p.id, p);
  const { stints } = await live.listStints(db, accountId, uuid, { size: 100_000, offset: 0, after: null });
  return {
    people,
    stints: stints.filter((s) => s.status === 'in_meeting'),
    speech: await live.intervals(db, accountId, uuid, 'speech'),
    chat: await live.intervals(db, accountId, uuid, 'chat'),
    sharing: await live.intervals(db, accountId, uuid, 'sharing'),
  };
}

/** Where a moment of the session falls in the segment's media (pauses are cut out); null outside it or in a pause. */
export function mediaOffset(s: Segment, iso: string): number | null {
  const t = msOf(iso);
  if (t < msOf(s.start) || t > msOf(s.end)) return null;
  let cut = 0;
  for (const p of s.pauses) {
    if (t >= msOf(p.start) && t < msOf(p.end)) return null;
    if (t >= msOf(p.end)) cut += msOf(p.end) - msOf(p.start);
  }
  return t - msOf(s.start) - cut;
}

const overlaps = (s: Segment, from: string, to: string | null) => from <= s.end && (to === null || to >= s.start);

export async function segmentFiles(facts: SessionFacts, s: Segment, choices: FileChoices): Promise<MadeFile[]> {
  const name = (participantId: string) => facts.people.get(participantId)?.name ?? 'Unknown';
  const present = [...new Set(facts.stints.filter((x) => overlaps(s, x.started_at, x.ended_at)).map((x) => name(x.participant_id)))];
  const cues: SpeechCue[] = [];
  for (const sp of facts.speech) {
    const start = mediaOffset(s, sp.started_at);
    if (start === null) continue;
    const end = mediaOffset(s, sp.ended_at ?? s.end) ?? Math.min(s.recorded_ms, start + 1000);
    cues.push({ startMs: start, endMs: Math.max(end, start + 1), speaker: name(sp.participant_id), text: String(sp.data.text ?? '') });
  }
  // The picture follows the speaker; between cues nobody is highlighted.
  const scenes: VideoScene[] = [{ atMs: 0, people: present, speaking: null }];
  for (const c of cues) scenes.push({ atMs: c.startMs, people: present, speaking: c.speaker }, { atMs: c.endMs, people: present, speaking: null });
  const shared = facts.sharing.some((x) => overlaps(s, x.started_at, x.ended_at));
  const out: MadeFile[] = [];
  const video = async (layout: VideoLayout, recordingType: string) =>
    out.push({
      recording_type: recordingType,
      file_type: 'MP4',
      file_extension: 'MP4',
      content_type: 'video/mp4',
      bytes: (path: string) => mediaPool.write({ kind: 'mp4', path, options: { durationMs: s.recorded_ms, layout, scenes } }),
      // The picture shows who is present only in the gallery; the other layouts follow the speaker alone.
      identity: JSON.stringify(['MP4', s.recorded_ms, layout, scenes.map((x) => [x.atMs, x.speaking, layout === 'gallery_view' ? x.people : null])]),
      transcript: false,
    });
  if (choices.speaker_view) await video(shared ? 'shared_screen_with_speaker_view' : 'active_speaker', shared ? 'shared_screen_with_speaker_view' : 'active_speaker');
  if (choices.gallery_view) await video('gallery_view', shared ? 'shared_screen_with_gallery_view' : 'gallery_view');
  if (choices.audio_file) {
    out.push({ recording_type: 'audio_only', file_type: 'M4A', file_extension: 'M4A', content_type: 'audio/mp4', bytes: (path: string) => mediaPool.write({ kind: 'm4a', path, options: { durationMs: s.recorded_ms } }), transcript: false, identity: JSON.stringify(['M4A', s.recorded_ms]) });
  }
  const messages = facts.chat.flatMap((m) => {
    const at = mediaOffset(s, m.started_at);
    return at === null ? [] : [{ atMs: at, sender: name(m.participant_id), to: String(m.data.to ?? 'Everyone'), text: String(m.data.text ?? '') }];
  });
  if (choices.chat && messages.length > 0) {
    out.push({ recording_type: 'chat_file', file_type: 'CHAT', file_extension: 'TXT', content_type: 'text/plain; charset=utf-8', bytes: utf8(chatTxt(messages)), transcript: false, messages: messages.length });
  }
  if (choices.timeline) {
    const entries = cues.map((c) => {
      const speech = facts.speech.find((sp) => name(sp.participant_id) === c.speaker);
      const p = speech ? facts.people.get(speech.participant_id) : undefined;
      return { atMs: c.startMs, users: [{ username: c.speaker, user_id: p?.user_id ?? '', zoom_userid: p?.participant_user_id ?? '', email_address: p?.email ?? '' }] };
    });
    out.push({ recording_type: 'timeline', file_type: 'TIMELINE', file_extension: 'JSON', content_type: 'application/json', bytes: utf8(timelineJson(entries)), transcript: false });
  }
  if (choices.transcript && cues.length > 0) {
    out.push({ recording_type: 'audio_transcript', file_type: 'TRANSCRIPT', file_extension: 'VTT', content_type: 'text/vtt; charset=utf-8', bytes: utf8(vtt(cues)), transcript: true });
  }
  if (choices.closed_caption && cues.length > 0) {
    out.push({ recording_type: 'closed_caption', file_type: 'CC', file_extension: 'VTT', content_type: 'text/vtt; charset=utf-8', bytes: utf8(vtt(cues)), transcript: false });
  }
  return out;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const fingerprint = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of a file, read in chunks. */
export async function fileFingerprint(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const CONTENT_TYPES: Record<string, string> = {
  MP4: 'video/mp4',
  M4A: 'audio/mp4',
  TXT: 'text/plain; charset=utf-8',
  VTT: 'text/vtt; charset=utf-8',
  JSON: 'application/json',
};
