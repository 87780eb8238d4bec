// The only SQL for Team Chat: channels, their members, messages and external
// contacts. Every statement takes the account id first. Member lists join
// `users`, so a removed user drops out of every channel at once.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { jsonObjectSql, pageSql, type PageWindow } from '../../storage/paging.ts';
import { fromRow as userFromRow, type UserRow } from '../users/repository.ts';
import type { UserRecord } from '../users/model.ts';
import type { ChannelRecord, ChannelSettings, ChannelType, MemberRecord, MemberRole, MessageData, MessageRecord, MessageStatus } from './model.ts';

interface ChannelRow {
  id: string;
  name: string;
  type: number;
  owner_id: string;
  archived: number;
  settings: string;
  created_at: string;
}

const CHANNEL_COLUMNS = 'c.id, c.name, c.type, c.owner_id, c.archived, c.settings, c.created_at';

const channelFromRow = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  name: r.name,
  type: Number(r.type) as ChannelType,
  owner_id: r.owner_id,
  archived: Number(r.archived) === 1,
  settings: JSON.parse(r.settings) as ChannelSettings,
  created_at: r.created_at,
});

/** Instant channels (type 4) may share a name; the others are unique per account. */
const nameKey = (c: Pick<ChannelRecord, 'name' | 'type'>): string | null => (c.type === 4 ? null : c.name.trim().toLowerCase());

export async function getChannel(db: Queryable, accountId: string, id: string): Promise<ChannelRecord | undefined> {
  const r = await db.get<ChannelRow>(`SELECT ${CHANNEL_COLUMNS} FROM chat_channels c WHERE c.account_id = ? AND c.id = ?`, [accountId, id]);
  return r && channelFromRow(r);
}

/** The id of another channel of the account with this name, if any. */
export async function channelNamed(db: Queryable, accountId: string, c: Pick<ChannelRecord, 'name' | 'type'>): Promise<string | undefined> {
  const key = nameKey(c);
  if (key === null) return undefined;
  return (await db.get<{ id: string }>('SELECT id FROM chat_channels WHERE account_id = ? AND name_key = ?', [accountId, key]))?.id;
}

export async function insertChannel(db: Queryable, accountId: string, c: ChannelRecord): Promise<void> {
  await db.run(
    'INSERT INTO chat_channels (account_id, id, name, name_key, type, owner_id, archived, settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, c.id, c.name, nameKey(c), c.type, c.owner_id, c.archived ? 1 : 0, JSON.stringify(c.settings), c.created_at],
  );
}

export async function updateChannel(db: Queryable, accountId: string, c: ChannelRecord): Promise<void> {
  await db.run('UPDATE chat_channels SET name = ?, name_key = ?, type = ?, owner_id = ?, archived = ?, settings = ? WHERE account_id = ? AND id = ?', [
    c.name,
    nameKey(c),
    c.type,
    c.owner_id,
    c.archived ? 1 : 0,
    JSON.stringify(c.settings),
    accountId,
    c.id,
  ]);
}

/** The channel goes with its members and its messages. */
export async function deleteChannel(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM chat_messages WHERE account_id = ? AND channel_id = ?', [accountId, id]);
  await db.run('DELETE FROM chat_channel_members WHERE account_id = ? AND channel_id = ?', [accountId, id]);
  await db.run('DELETE FROM chat_channels WHERE account_id = ? AND id = ?', [accountId, id]);
}

export async function countUserChannels(db: Queryable, accountId: string, userId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_channel_members WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  return Number(r?.n ?? 0);
}

/** A page of the user's channels, in the order the user joined them. */
export async function listUserChannels(db: Queryable, accountId: string, userId: string, w: PageWindow): Promise<{ channels: ChannelRecord[]; last?: Cursor }> {
  const page = pageSql(w, 'm.added_at', 'm.channel_id');
  const rows = await db.all<ChannelRow & { added_at: string }>(
    `SELECT ${CHANNEL_COLUMNS}, m.added_at FROM chat_channel_members m
     JOIN chat_channels c ON c.account_id = m.account_id AND c.id = m.channel_id
     WHERE m.account_id = ? AND m.user_id = ? ${page.sql}`,
    [accountId, userId, ...page.params],
  );
  const last = rows.at(-1);
  return { channels: rows.map(channelFromRow), ...(last ? { last: [last.added_at, last.id] } : {}) };
}

// ---- Members ----

interface MemberRow {
  user_id: string;
  member_id: string;
  role: string;
  added_at: string;
}

const memberFromRow = (r: MemberRow): MemberRecord => ({ user_id: r.user_id, member_id: r.member_id, role: r.role as MemberRole, added_at: r.added_at });

export async function getMember(db: Queryable, accountId: string, channelId: string, userId: string): Promise<MemberRecord | undefined> {
  const r = await db.get<MemberRow>(
    'SELECT user_id, member_id, role, added_at FROM chat_channel_members WHERE account_id = ? AND channel_id = ? AND user_id = ?',
    [accountId, channelId, userId],
  );
  return r && memberFromRow(r);
}

export async function getMemberByMemberId(db: Queryable, accountId: string, channelId: string, memberId: string): Promise<MemberRecord | undefined> {
  const r = await db.get<MemberRow>(
    'SELECT user_id, member_id, role, added_at FROM chat_channel_members WHERE account_id = ? AND channel_id = ? AND member_id = ?',
    [accountId, channelId, memberId.toLowerCase()],
  );
  return r && memberFromRow(r);
}

export async function addMember(db: Queryable, accountId: string, channelId: string, m: MemberRecord): Promise<void> {
  await db.run('INSERT INTO chat_channel_members (account_id, channel_id, user_id, member_id, role, added_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    channelId,
    m.user_id,
    m.member_id,
    m.role,
    m.added_at,
  ]);
}

export async function removeMember(db: Queryable, accountId: string, channelId: string, userId: string): Promise<void> {
  await db.run('DELETE FROM chat_channel_members WHERE account_id = ? AND channel_id = ? AND user_id = ?', [accountId, channelId, userId]);
}

export async function countMembers(db: Queryable, accountId: string, channelId: string): Promise<number> {
  const r = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM chat_channel_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
     WHERE m.account_id = ? AND m.channel_id = ?`,
    [accountId, channelId],
  );
  return Number(r?.n ?? 0);
}

/** A page of the channel's members with their users, in the order they joined. */
export async function listMembers(
  db: Queryable,
  accountId: string,
  channelId: string,
  w: PageWindow,
): Promise<{ members: Array<{ member: MemberRecord; user: UserRecord }>; last?: Cursor }> {
  const page = pageSql(w, 'm.added_at', 'm.user_id');
  const rows = await db.all<MemberRow & UserRow>(
    `SELECT m.user_id, m.member_id, m.role, m.added_at, u.account_id, u.id, u.email, u.status, u.type, u.role_id, u.created_at, u.data
     FROM chat_channel_members m JOIN users u ON u.account_id = m.account_id AND u.id = m.user_id
     WHERE m.account_id = ? AND m.channel_id = ? ${page.sql}`,
    [accountId, channelId, ...page.params],
  );
  const last = rows.at(-1);
  return { members: rows.map((r) => ({ member: memberFromRow(r), user: userFromRow(r) })), ...(last ? { last: [last.added_at, last.user_id] } : {}) };
}

/** Every current member's user id (for information barrier checks). */
export async function memberIds(db: Queryable, accountId: string, channelId: string): Promise<string[]> {
  const rows = await db.all<{ user_id: string }>('SELECT user_id FROM chat_channel_members WHERE account_id = ? AND channel_id = ?', [accountId, channelId]);
  return rows.map((r) => r.user_id);
}

// ---- Messages ----

/** A stored message: its record, with the numbers and JSON as the engine returns them. */
type MessageRow = Omit<MessageRecord, 'status' | 'created_ms' | 'updated_ms' | 'data'> & {
  status: string;
  created_ms: number | string;
  updated_ms: number | string;
  data: string;
};

const MESSAGE_COLUMNS = 'id, session_id, channel_id, sender_id, contact_id, robot_jid, reply_main_message_id, status, message, created_ms, updated_ms, data';

const messageFromRow = (r: MessageRow): MessageRecord => ({
  id: r.id,
  session_id: r.session_id,
  channel_id: r.channel_id,
  sender_id: r.sender_id,
  contact_id: r.contact_id,
  robot_jid: r.robot_jid,
  reply_main_message_id: r.reply_main_message_id,
  status: r.status as MessageStatus,
  message: r.message,
  created_ms: Number(r.created_ms),
  updated_ms: Number(r.updated_ms),
  data: JSON.parse(r.data) as MessageData,
});

export async function getMessage(db: Queryable, accountId: string, id: string): Promise<MessageRecord | undefined> {
  const r = await db.get<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE account_id = ? AND id = ?`, [accountId, id]);
  return r && messageFromRow(r);
}

export async function insertMessage(db: Queryable, accountId: string, m: MessageRecord): Promise<void> {
  await db.run(
    `INSERT INTO chat_messages (account_id, ${MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      accountId,
      m.id,
      m.session_id,
      m.channel_id,
      m.sender_id,
      m.contact_id,
      m.robot_jid,
      m.reply_main_message_id,
      m.status,
      m.message,
      m.created_ms,
      m.updated_ms,
      JSON.stringify(m.data),
    ],
  );
}

/** Writes a message's text, state and data back (its place in the conversation never changes). */
export async function updateMessage(db: Queryable, accountId: string, m: MessageRecord): Promise<void> {
  await db.run('UPDATE chat_messages SET status = ?, message = ?, updated_ms = ?, data = ? WHERE account_id = ? AND id = ?', [
    m.status,
    m.message,
    m.updated_ms,
    JSON.stringify(m.data),
    accountId,
    m.id,
  ]);
}

/** The conversations a user takes part in: its direct messages and its channels'. */
const PARTICIPANT = '(m.sender_id = ? OR m.contact_id = ? OR m.channel_id IN (SELECT channel_id FROM chat_channel_members WHERE account_id = ? AND user_id = ?))';

/** A user by member id (its id lower-cased, the local part of its JID). */
export async function userByMemberId(db: Queryable, accountId: string, memberId: string): Promise<UserRecord | undefined> {
  const r = await db.get<UserRow>('SELECT * FROM users WHERE account_id = ? AND LOWER(id) = ?', [accountId, memberId.toLowerCase()]);
  return r && userFromRow(r);
}

export interface MessageFilter {
  fromMs: number;
  toMs: number;
  includeDeleted: boolean;
  /** Text the message must contain (any case). */
  search?: string;
  excludeReplies: boolean;
  /** Only chatbot messages (true), only users' (false), or both. */
  bots?: boolean;
}

type Conversation = string | { participant: string };

/** The WHERE clause of a message list: one session, or every conversation of a participant. */
function messageWhere(accountId: string, conversation: Conversation, f: MessageFilter): { where: string[]; params: (string | number)[] } {
  const where = ['m.account_id = ?', 'm.created_ms >= ?', 'm.created_ms <= ?'];
  const params: (string | number)[] = [accountId, f.fromMs, f.toMs];
  if (typeof conversation === 'string') {
    where.push('m.session_id = ?');
    params.push(conversation);
  } else {
    where.push(PARTICIPANT);
    params.push(conversation.participant, conversation.participant, accountId, conversation.participant);
  }
  if (!f.includeDeleted) where.push("m.status <> 'Deleted'");
  if (f.excludeReplies) where.push('m.reply_main_message_id IS NULL');
  if (f.bots === false) where.push('m.robot_jid IS NULL');
  if (f.search !== undefined) {
    where.push("LOWER(m.message) LIKE ? ESCAPE '\\'");
    params.push(`%${f.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { where, params };
}

export async function countMessages(db: Queryable, accountId: string, conversation: Conversation, f: MessageFilter): Promise<number> {
  const { where, params } = messageWhere(accountId, conversation, f);
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM chat_messages m WHERE ${where.join(' AND ')}`, params);
  return Number(r?.n ?? 0);
}

/** A listed message: the message, its sender's email and names, and its main message's time (replies). */
export interface ListedMessage extends MessageRecord {
  sender: { email: string; name: string };
  parent_ms?: number;
}

/**
 * A page of messages, newest first, seeking past the previous page's last
 * (created_ms, id); one statement brings each message's sender (a user, or
 * the chatbot's JID) and its main message's time.
 */
export async function listMessages(
  db: Queryable,
  accountId: string,
  conversation: Conversation,
  f: MessageFilter,
  w: PageWindow,
): Promise<{ messages: ListedMessage[]; last?: Cursor }> {
  const { where, params } = messageWhere(accountId, conversation, f);
  let tail = 'ORDER BY m.created_ms DESC, m.id DESC LIMIT ? OFFSET ?';
  let tailParams: (string | number)[] = [w.size, w.offset];
  if (w.after && w.after.length === 2) {
    where.push('(m.created_ms, m.id) < (?, ?)');
    params.push(Number(w.after[0]), String(w.after[1]));
    tail = 'ORDER BY m.created_ms DESC, m.id DESC LIMIT ?';
    tailParams = [w.size];
  }
  const names = jsonObjectSql(db.dialect, { f: ['u.data', 'first_name'], l: ['u.data', 'last_name'], d: ['u.data', 'display_name'] });
  const rows = await db.all<MessageRow & { sender_email: string | null; sender_names: string | null; parent_ms: number | string | null }>(
    `SELECT ${MESSAGE_COLUMNS.split(', ').map((c) => `m.${c}`).join(', ')}, u.email AS sender_email, CASE WHEN u.id IS NULL THEN NULL ELSE ${names} END AS sender_names, p.created_ms AS parent_ms
     FROM chat_messages m
     LEFT JOIN users u ON u.account_id = m.account_id AND u.id = m.sender_id
     LEFT JOIN chat_messages p ON p.account_id = m.account_id AND p.id = m.reply_main_message_id
     WHERE ${where.join(' AND ')} ${tail}`,
    [...params, ...tailParams],
  );
  const last = rows.at(-1);
  const messages = rows.map((r): ListedMessage => {
    const m = messageFromRow(r);
    const n = r.sender_names ? (JSON.parse(r.sender_names) as { f: string | null; l: string | null; d: string | null }) : null;
    const name = n ? n.d || `${n.f ?? ''} ${n.l ?? ''}`.trim() || (r.sender_email ?? '') : m.robot_jid ? 'Chatbot' : '';
    return { ...m, sender: { email: r.sender_email ?? m.robot_jid ?? '', name }, ...(r.parent_ms !== null ? { parent_ms: Number(r.parent_ms) } : {}) };
  });
  return { messages, ...(last ? { last: [Number(last.created_ms), last.id] } : {}) };
}

/** The time of the conversation's first message after `afterMs` (a scheduled one), if any. */
export async function nextMessageAfter(db: Queryable, accountId: string, sessionId: string | null, afterMs: number): Promise<number | undefined> {
  if (sessionId === null) return undefined;
  const r = await db.get<{ t: number | string | null }>('SELECT MIN(created_ms) AS t FROM chat_messages WHERE account_id = ? AND session_id = ? AND created_ms > ?', [accountId, sessionId, afterMs]);
  return r?.t === null || r?.t === undefined ? undefined : Number(r.t);
}

export interface SessionRow {
  session_id: string;
  channel_id: string | null;
  last_ms: number;
}

/**
 * Conversations with messages between two times, by session id (IM chat
 * sessions): every session of the account, or those `userId` takes part in.
 */
export async function listSessions(
  db: Queryable,
  accountId: string,
  fromMs: number,
  toMs: number,
  userId: string | null,
  w: PageWindow,
): Promise<{ sessions: SessionRow[]; last?: Cursor }> {
  const where = ['account_id = ?', 'created_ms >= ?', 'created_ms <= ?'];
  const params: (string | number)[] = [accountId, fromMs, toMs];
  if (userId !== null) {
    where.push(PARTICIPANT);
    params.push(userId, userId, accountId, userId);
  }
  if (w.after && w.after.length === 2) {
    where.push('session_id > ?');
    params.push(String(w.after[0]));
  }
  const offset = w.after ? 0 : w.offset;
  const rows = await db.all<{ session_id: string; channel_id: string | null; last_ms: number | string }>(
    `SELECT session_id, MAX(channel_id) AS channel_id, MAX(created_ms) AS last_ms FROM chat_messages m WHERE ${where.join(' AND ')}
     GROUP BY session_id ORDER BY session_id LIMIT ? OFFSET ?`,
    [...params, w.size, offset],
  );
  const last = rows.at(-1);
  return {
    sessions: rows.map((r) => ({ session_id: r.session_id, channel_id: r.channel_id, last_ms: Number(r.last_ms) })),
    ...(last ? { last: [last.session_id, last.session_id] } : {}),
  };
}

/** Who took part in a direct session: its two users (from any one of its messages). */
export async function sessionParticipants(db: Queryable, accountId: string, sessionId: string): Promise<{ channel_id: string | null; users: string[] } | undefined> {
  const r = await db.get<{ channel_id: string | null; sender_id: string; contact_id: string | null; robot_jid: string | null }>(
    'SELECT channel_id, sender_id, contact_id, robot_jid FROM chat_messages WHERE account_id = ? AND session_id = ? AND robot_jid IS NULL LIMIT 1',
    [accountId, sessionId],
  );
  if (!r) return undefined;
  return { channel_id: r.channel_id, users: [r.sender_id, ...(r.contact_id ? [r.contact_id] : [])] };
}

// ---- External contacts (added through the control plane) ----

export interface ExternalContact {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  added_at: string;
}

export async function insertExternalContact(db: Queryable, accountId: string, userId: string, c: ExternalContact): Promise<void> {
  await db.run('INSERT INTO chat_external_contacts (account_id, user_id, id, email, data, added_at) VALUES (?, ?, ?, ?, ?, ?)', [
    accountId,
    userId,
    c.id,
    c.email,
    JSON.stringify({ first_name: c.first_name, last_name: c.last_name }),
    c.added_at,
  ]);
}

export async function externalContactByEmail(db: Queryable, accountId: string, userId: string, email: string): Promise<string | undefined> {
  return (await db.get<{ id: string }>('SELECT id FROM chat_external_contacts WHERE account_id = ? AND user_id = ? AND email = ?', [accountId, userId, email]))
    ?.id;
}

export async function listExternalContacts(db: Queryable, accountId: string, userId: string, w: PageWindow): Promise<{ contacts: ExternalContact[]; last?: Cursor }> {
  const page = pageSql(w, 'added_at', 'id');
  const rows = await db.all<{ id: string; email: string; data: string; added_at: string }>(
    `SELECT id, email, data, added_at FROM chat_external_contacts WHERE account_id = ? AND user_id = ? ${page.sql}`,
    [accountId, userId, ...page.params],
  );
  const last = rows.at(-1);
  return {
    contacts: rows.map((r) => ({ id: r.id, email: r.email, added_at: r.added_at, ...(JSON.parse(r.data) as { first_name: string; last_name: string }) })),
    ...(last ? { last: [last.added_at, last.id] } : {}),
  };
}

export async function countExternalContacts(db: Queryable, accountId: string, userId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM chat_external_contacts WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  return Number(r?.n ?? 0);
}

// ---- The company directory ----

/**
 * Users of the account in list order (created_at, id) after `after`, whose
 * email or stored profile contains `like` (lower-cased) when given: the
 * contact lists filter these further (names, status, information barriers).
 */
export async function directoryBatch(
  db: Queryable,
  accountId: string,
  after: Cursor | null,
  limit: number,
  like?: string,
): Promise<UserRecord[]> {
  const where = ['account_id = ?'];
  const params: (string | number)[] = [accountId];
  if (after && after.length === 2) {
    where.push('(created_at, id) > (?, ?)');
    params.push(String(after[0]), String(after[1]));
  }
  if (like !== undefined) {
    where.push("(LOWER(email) LIKE ? ESCAPE '\\' OR LOWER(data) LIKE ? ESCAPE '\\')");
    const pattern = `%${like.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(pattern, pattern);
  }
  const rows = await db.all<UserRow>(`SELECT * FROM users WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT ?`, [...params, limit]);
  return rows.map(userFromRow);
}

export async function externalContact(db: Queryable, accountId: string, userId: string, id: string): Promise<ExternalContact | undefined> {
  const r = await db.get<{ id: string; email: string; data: string; added_at: string }>(
    'SELECT id, email, data, added_at FROM chat_external_contacts WHERE account_id = ? AND user_id = ? AND id = ?',
    [accountId, userId, id],
  );
  return r && { id: r.id, email: r.email, added_at: r.added_at, ...(JSON.parse(r.data) as { first_name: string; last_name: string }) };
}
