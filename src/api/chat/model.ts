// Team Chat: the records we keep and the shapes Zoom answers. Pure functions only.
import { createHash, randomUUID } from 'node:crypto';
import { randomId } from '../../core/ids.ts';
import type { UserRecord } from '../users/model.ts';

/** 1 private, 2 private within the account, 3 public, 4 instant (a new chat), 5 public open to other accounts. */
export type ChannelType = 1 | 2 | 3 | 4 | 5;
export type MemberRole = 'owner' | 'admin' | 'member';

export interface ChannelSettings {
  add_member_permissions: 1 | 2;
  new_members_can_see_previous_messages_files: boolean;
  posting_permissions: 1 | 2 | 3;
  mention_all_permissions: 1 | 2 | 3;
  allow_to_add_external_users: 0 | 1 | 2 | 3;
  /** User ids allowed to post when posting_permissions is 3. */
  designated_posting_members: string[];
}

export interface ChannelRecord {
  id: string;
  name: string;
  type: ChannelType;
  owner_id: string;
  archived: boolean;
  settings: ChannelSettings;
  created_at: string;
}

export interface MemberRecord {
  user_id: string;
  member_id: string;
  role: MemberRole;
  added_at: string;
}

export interface AtItem {
  at_contact?: string;
  at_contact_member_id?: string;
  at_type: 1 | 2;
  start_position: number;
  end_position: number;
}

export interface RichText {
  start_position?: number;
  end_position?: number;
  format_type?: string;
  format_attr?: string;
}

/** What a message holds beyond its indexed columns. */
export interface MessageData {
  rich_text?: RichText[];
  at_items?: AtItem[];
  interactive_cards?: Array<{ card_id: string; card_json: string }>;
  /** Chatbot messages: the content as the bot sent it, and the bot's addressing. */
  bot_message?: Record<string, unknown>;
  to_jid?: string;
  user_jid?: string;
  visible_to_user?: string;
  is_markdown_support?: boolean;
  reply_to?: string;
}

export type MessageStatus = 'Normal' | 'Edited' | 'Deleted';

export interface MessageRecord {
  id: string;
  session_id: string;
  channel_id: string | null;
  sender_id: string;
  contact_id: string | null;
  robot_jid: string | null;
  reply_main_message_id: string | null;
  status: MessageStatus;
  message: string;
  created_ms: number;
  updated_ms: number;
  data: MessageData;
}

// ---- Ids and JIDs, shaped as Zoom's ----

/** Channel ids are 32 lower-case hex digits; the channel's JID is `<id>@conference.xmpp.zoom.us`. */
export const newChannelId = (): string => randomId(16).toString('hex');
export const channelJid = (id: string): string => `${id}@conference.xmpp.zoom.us`;
/** A user's member id is its JID's local part (users/model.ts writes `jid` the same way). */
export const memberIdOf = (userId: string): string => userId.toLowerCase();
export const userJid = (userId: string): string => `${memberIdOf(userId)}@xmpp.zoom.us`;
/** Team Chat message ids are upper-case UUIDs. */
export const newMessageId = (): string => randomUUID().toUpperCase();

/** A chatbot's JID, derived from its app's client id: `v1<16 characters>@xmpp.zoom.us`. */
export function robotJid(clientId: string): string {
  return `v1${createHash('sha256').update(clientId).digest('base64url').replace(/[-_]/g, 'x').slice(0, 14)}@xmpp.zoom.us`;
}

/** A direct conversation has one session whoever writes: 32 hex digits of both users' ids. */
export function dmSessionId(a: string, b: string): string {
  const [x, y] = a < b ? [a, b] : [b, a];
  return createHash('sha256').update(`${x}\n${y}`).digest('hex').slice(0, 32);
}

/** Zoom's launch link for a channel: base64url of `{"sid":"<jid>"}`. */
export function channelUrl(id: string): string {
  return `https://zoom.us/launch/chat/v2/${Buffer.from(JSON.stringify({ sid: channelJid(id) })).toString('base64url')}`;
}

/** Zoom's date-time in seconds. */
export const zoomDateTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---- Channels ----

/** Defaults of Create a channel, with the fixed values Zoom documents per type. */
export function newSettings(type: ChannelType, given: Partial<ChannelSettings> = {}): ChannelSettings {
  const s: ChannelSettings = {
    add_member_permissions: given.add_member_permissions ?? 1,
    new_members_can_see_previous_messages_files: given.new_members_can_see_previous_messages_files ?? true,
    posting_permissions: given.posting_permissions ?? 1,
    mention_all_permissions: given.mention_all_permissions ?? 1,
    allow_to_add_external_users: EXTERNAL_BY_TYPE[type],
    designated_posting_members: [],
  };
  return fixForType(s, type);
}

/** Which external users may be added, by type (see README): none in type 2 and 3, anyone in instant and type 5 channels. */
const EXTERNAL_BY_TYPE: Record<ChannelType, ChannelSettings['allow_to_add_external_users']> = { 1: 2, 2: 0, 3: 0, 4: 1, 5: 1 };

/** "This setting is always set to 1 and is not editable for channel types 3, 4 and 5." */
export function fixForType(s: ChannelSettings, type: ChannelType): ChannelSettings {
  if (type >= 3) s.add_member_permissions = 1;
  s.allow_to_add_external_users = EXTERNAL_BY_TYPE[type];
  return s;
}

export const isPublic = (c: ChannelRecord): boolean => c.type === 3 || c.type === 5;

function settingsResponse(c: ChannelRecord, withDesignated: boolean) {
  const { designated_posting_members, ...rest } = c.settings;
  if (!withDesignated) return rest;
  return {
    ...rest,
    designated_posting_members: designated_posting_members.map((u) => ({ user_id: u, member_id: memberIdOf(u) })),
  };
}

/** Create a channel's answer. */
export function createdChannel(c: ChannelRecord) {
  return { id: c.id, jid: channelJid(c.id), name: c.name, type: c.type, channel_url: channelUrl(c.id) };
}

/** Get a channel (designated posters included) and the entries of List user's channels. */
export function channelResponse(c: ChannelRecord, withDesignated = true) {
  return { channel_settings: settingsResponse(c, withDesignated), id: c.id, jid: channelJid(c.id), name: c.name, type: c.type, channel_url: channelUrl(c.id) };
}

/** The channel as chat_channel.* events carry it. */
export function channelEventObject(c: ChannelRecord, ms: number) {
  return { id: c.id, name: c.name, type: c.type, timestamp: ms, date_time: zoomDateTime(ms) };
}

export const eventMember = (u: UserRecord) => ({ id: u.id, display_name: displayName(u) });

export function displayName(u: UserRecord): string {
  const p = u.profile;
  return p.display_name || `${p.first_name} ${p.last_name}`.trim() || u.email;
}

/** One entry of List channel members. */
export function memberResponse(m: MemberRecord, u: UserRecord) {
  return {
    email: u.email,
    first_name: u.profile.first_name,
    id: u.id,
    member_id: m.member_id,
    last_name: u.profile.last_name,
    name: displayName(u),
    role: m.role,
    is_external: false,
  };
}

// ---- Messages ----

/** One entry of List user's chat messages. */
export function messageResponse(
  m: MessageRecord,
  sender: { email: string; name: string },
  parentTimestamp: number | undefined,
  withStatus: boolean,
): Record<string, unknown> {
  const d = m.data;
  return {
    id: m.id,
    message: m.status === 'Deleted' ? '' : m.message,
    sender: sender.email,
    sender_display_name: sender.name,
    send_member_id: m.robot_jid ? m.robot_jid.split('@')[0] : memberIdOf(m.sender_id),
    date_time: zoomDateTime(m.created_ms),
    timestamp: m.created_ms,
    message_type: 'plain_text_message',
    ...(m.reply_main_message_id ? { reply_main_message_id: m.reply_main_message_id } : {}),
    ...(m.reply_main_message_id && parentTimestamp !== undefined ? { reply_main_message_timestamp: parentTimestamp } : {}),
    ...(d.at_items?.length ? { at_items: d.at_items } : {}),
    ...(d.rich_text?.length ? { rich_text: d.rich_text } : {}),
    ...(d.interactive_cards?.length ? { interactive_cards: d.interactive_cards } : {}),
    ...(d.bot_message ? { bot_message: d.bot_message } : {}),
    files: [],
    reactions: [],
    ...(withStatus ? { status: m.status } : {}),
  };
}
