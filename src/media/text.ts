// The text files of a recording: transcripts and captions (WebVTT), the chat file (TXT) and
// the timeline (JSON), in the layouts Zoom's own files use.

/** One stretch of speech: who spoke, from when to when (ms from the recording start), what was said. */
export interface SpeechCue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

function clock(ms: number, withMillis: boolean): string {
  const total = Math.max(0, Math.floor(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const base = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return withMillis ? `${base}.${String(total % 1000).padStart(3, '0')}` : base;
}

/** A cue's text may not hold a blank line or the "-->" arrow (WebVTT §4.1). */
function cueText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').replace(/-->/g, '->').trim() || '…';
}

/** WebVTT with numbered cues "Speaker: text", as Zoom's audio transcript and closed-caption files. */
export function vtt(cues: readonly SpeechCue[]): string {
  const lines = ['WEBVTT', ''];
  [...cues]
    .sort((a, b) => a.startMs - b.startMs)
    .forEach((cue, i) => {
      const end = Math.max(cue.endMs, cue.startMs + 1);
      lines.push(String(i + 1), `${clock(cue.startMs, true)} --> ${clock(end, true)}`, `${cueText(`${cue.speaker}: ${cue.text}`)}`, '');
    });
  return lines.join('\n');
}

export interface ChatLine {
  atMs: number;
  sender: string;
  /** "Everyone" or the one person a direct message went to. */
  to?: string;
  text: string;
}

/** The chat file: one line per message, "HH:MM:SS From Sender to Everyone:" and the text on a tab-indented line. */
export function chatTxt(messages: readonly ChatLine[]): string {
  return [...messages]
    .sort((a, b) => a.atMs - b.atMs)
    .map((m) => `${clock(m.atMs, false)} From ${m.sender} to ${m.to ?? 'Everyone'}:\n\t${m.text.replace(/\r?\n/g, '\n\t')}\n`)
    .join('');
}

export interface TimelineUser {
  username: string;
  user_id: string;
  zoom_userid?: string;
  email_address?: string;
  multiple_people?: boolean;
  client_type?: number;
  os?: string;
  avatar_url?: string;
}

export interface TimelineEntry {
  atMs: number;
  users: readonly TimelineUser[];
}

/** The timeline file: who was on screen (speaking) from each moment on. */
export function timelineJson(entries: readonly TimelineEntry[]): string {
  const timeline = [...entries]
    .sort((a, b) => a.atMs - b.atMs)
    .map((e) => ({
      ts: clock(e.atMs, true),
      users: e.users.map((u) => ({
        username: u.username,
        multiple_people: u.multiple_people ?? false,
        user_id: u.user_id,
        zoom_userid: u.zoom_userid ?? '',
        avatar_url: u.avatar_url ?? '',
        os: u.os ?? '',
        client_type: u.client_type ?? 0,
        email_address: u.email_address ?? '',
      })),
    }));
  return JSON.stringify({ timeline });
}
