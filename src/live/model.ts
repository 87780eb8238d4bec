// Live sessions without a database: records, event objects, durations and
// the rules that need no state. Generic over meetings and webinars.

export type SessionKind = 'meeting' | 'webinar';

/** A scheduled session as the live side needs it, read from its category (meetings, webinars). */
export interface SessionInfo {
  kind: SessionKind;
  accountId: string;
  /** The meeting or webinar number, as a string. */
  id: string;
  hostId: string;
  /** The session's stored UUID: its first instance takes it. */
  uuid: string;
  type: number;
  topic: string;
  timezone: string;
  duration: number;
  waitingRoom: boolean;
  /** Cloud recording starts with the session (the meeting's `auto_recording: cloud` on a paid plan). */
  autoRecording: boolean;
}

/** The host as the instance remembers it (for past meeting details and the plan limit). */
export interface HostInfo {
  id: string;
  email: string;
  name: string;
  dept: string;
  /** User type: 1 Basic, 2 Licensed … */
  type: number;
}

export interface InstanceData {
  topic: string;
  type: number;
  timezone: string;
  duration: number;
  host_email: string;
  host_name: string;
  dept: string;
  basic_host: boolean;
  waiting_room: boolean;
  waiting_room_title?: string;
  waiting_room_description?: string;
  /** Kept when the instance ends, so that its details are one read: joins, and seconds spent in the meeting by all. */
  totals?: { participants: number; attended_seconds: number };
  /** Invitations sent while live (participant.invite and callouts). */
  invitations?: Array<{ method: string; to: string; at: string }>;
  /** Webinars: the practice session is on (panelists only; attendees wait until it goes live). */
  practice_session?: boolean;
  /** Webinars: when the practice session ended and the webinar went live. */
  went_live_at?: string;
}

export type InstanceStatus = 'live' | 'ended';

export interface InstanceRecord {
  account_id: string;
  uuid: string;
  kind: SessionKind;
  session_id: string;
  /** 1 for the session's first instance, 2 for the next … */
  number: number;
  host_id: string;
  status: InstanceStatus;
  start_time: string;
  end_time: string | null;
  end_reason: string | null;
  auto_end_at: string | null;
  seq: number;
  data: InstanceData;
}

export type ParticipantStatus = 'in_meeting' | 'in_waiting_room' | 'left';
/** Panelists are webinars' only. */
export type ParticipantRole = 'host' | 'attendee' | 'panelist';

/** What a participant brings when joining (the control plane's body). */
export interface JoinDetails {
  name: string;
  email: string;
  registrant_id?: string;
  device?: string;
  location?: string;
  ip_address?: string;
  network_type?: string;
  version?: string;
  data_center?: string;
}

export interface ParticipantData {
  device: string;
  location: string;
  ip_address: string;
  network_type: string;
  version: string;
  /** Absent on rows stored before it was recorded. */
  data_center?: string;
}

export interface ParticipantRecord {
  account_id: string;
  instance_uuid: string;
  /** The participant's UUID for this join: the control plane's participant_id. */
  id: string;
  seq: number;
  /** The in-meeting user id (a number, as text). */
  user_id: string;
  /** The account user's id when the participant is one, else ''. */
  participant_user_id: string;
  name: string;
  email: string;
  registrant_id: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  joined_at: string;
  left_at: string | null;
  leave_reason: string | null;
  data: ParticipantData;
}

export type IntervalKind = 'sharing' | 'recording' | 'recording_paused' | 'ai_companion' | 'livestream' | 'speech' | 'chat' | 'raised_hand';

export interface IntervalRecord {
  id: string;
  kind: IntervalKind;
  participant_id: string;
  started_at: string;
  ended_at: string | null;
  data: Record<string, unknown>;
}

/** A Basic host's meeting with this many participants at once ends after FREE_LIMIT_MS. */
export const FREE_LIMIT_PARTICIPANTS = 3;
export const FREE_LIMIT_MS = 40 * 60 * 1000;

/** Zoom's leave reasons (meeting.participant_left `leave_reason`). */
export const LEAVE_REASONS = {
  left: (name: string) => `${name} left the meeting.`,
  hostEnded: 'Host ended the meeting.',
  freeLimit: 'Exceeded free meeting minutes limit.',
  removed: 'Removed by host.',
  leftWaitingRoom: 'Leave waiting room.',
} as const;

export const stamp = (ms: number): string => new Date(ms).toISOString();
/** Zoom's second-precision UTC form of a stored time. */
export const seconds = (iso: string): string => `${iso.slice(0, 19)}Z`;
export const msOf = (iso: string): number => Date.parse(iso);

/** Seconds between two stored times (a missing end: `now`). */
export function spanSeconds(from: string, to: string | null, now: number): number {
  return Math.max(0, Math.floor(((to ? msOf(to) : now) - msOf(from)) / 1000));
}

/** Minutes of a meeting: a started minute counts. */
export const minutesOf = (secs: number): number => Math.ceil(secs / 60);

/** Row keys that sort in creation order inside an instance: zero-padded sequence numbers. */
export const rowId = (seq: number): string => String(seq).padStart(8, '0');

/** In-meeting user ids count up as Zoom's do (16778240, 16779264, …). */
export const inMeetingUserId = (seq: number): string => String(16778240 + (seq - 1) * 1024);

/** Instance UUIDs: 24 characters of standard base64 ending in `==`. */
export const UUID_PATTERN = /^[A-Za-z0-9+/]{22}==$/;

// Meeting types Zoom's past-meeting and event schemas know (webinars: 5, 6, 9); screen-share-only
// meetings (10) are reported as scheduled meetings (2), which they are.
const REPORTED_TYPES = new Set([0, 1, 2, 3, 4, 7, 8, 5, 6, 9]);
export const reportedType = (type: number): number => (REPORTED_TYPES.has(type) ? type : 2);

/** The `object` every session event starts with (ids as strings, as Zoom's webhooks send them). */
export function eventObject(i: InstanceRecord): Record<string, unknown> {
  return {
    id: i.session_id,
    uuid: i.uuid,
    host_id: i.host_id,
    topic: i.data.topic,
    type: reportedType(i.data.type),
    start_time: seconds(i.start_time),
    ...(i.data.timezone ? { timezone: i.data.timezone } : {}),
    duration: i.data.duration,
  };
}

/** The participant as session events describe it. */
export function eventParticipant(p: ParticipantRecord): Record<string, unknown> {
  return {
    user_id: p.user_id,
    user_name: p.name,
    id: p.participant_user_id || p.id,
    participant_uuid: p.id,
    email: p.email,
    ...(p.registrant_id ? { registrant_id: p.registrant_id } : {}),
    ...(p.participant_user_id ? { participant_user_id: p.participant_user_id } : {}),
  };
}

/** Zoom's sharing content kinds. */
export const SHARE_CONTENT = ['application', 'whiteboard', 'desktop', 'airplay', 'camera', 'unknown'] as const;
export type ShareContent = (typeof SHARE_CONTENT)[number];
