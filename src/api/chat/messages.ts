// Chat Messages: send to a channel or a contact (with rich text, mentions,
// replies and interactive cards), list with Zoom's filters, edit and delete
// (the sender only). Every operation acts on behalf of the path's user.
import { randomUUID } from 'node:crypto';
import { Errors } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type { UserRecord } from '../users/model.ts';
import { Barriers } from './barriers.ts';
import { pathActor, userByAnyId } from './common.ts';
import { ChatErrors } from './errors.ts';
import { dmSessionId, channelJid, displayName, memberIdOf, messageResponse, newMessageId, zoomDateTime, type AtItem, type ChannelRecord, type MessageData, type MessageRecord, type RichText } from './model.ts';
import * as repo from './repository.ts';

const DAY_MS = 86_400_000;
/** "Only provide past chat messages in recent 6 months." */
export const HISTORY_MS = 183 * DAY_MS;
const SCHEDULE_MIN_MS = 30 * 60_000;
const SCHEDULE_MAX_MS = 180 * DAY_MS;

/** Where a message goes: a channel the sender belongs to, or a user of the account. */
export type Target = { kind: 'channel'; channel: ChannelRecord; session: string } | { kind: 'contact'; contact: UserRecord; session: string };

interface SendBody {
  message: string;
  to_channel?: string;
  to_contact?: string;
  at_items?: Array<{ at_contact?: string; at_type?: 1 | 2; start_position?: number; end_position?: number }>;
  rich_text?: RichText[];
  file_ids?: string[];
  reply_main_message_id?: string;
  interactive_cards?: Array<{ card_json?: string }>;
  scheduled_time?: string;
}

interface EditBody {
  message?: string;
  to_channel?: string;
  to_contact?: string;
  file_ids?: string[];
  interactive_cards?: Array<{ card_id?: string; card_json?: string }>;
}

/** The conversation named by to_channel / to_contact, as the sender sees it. */
export async function resolveTarget(ctx: Context, sender: UserRecord, toChannel: string | undefined, toContact: string | undefined): Promise<Target> {
  if (toChannel !== undefined && toChannel !== '') {
    const channel = await repo.getChannel(ctx.db, ctx.account.id, toChannel);
    // A channel the user does not belong to is, for the user, no channel.
    if (!channel || !(await repo.getMember(ctx.db, ctx.account.id, channel.id, sender.id))) throw ChatErrors.channelNotFound(toChannel);
    return { kind: 'channel', channel, session: channelJid(channel.id) };
  }
  if (toContact !== undefined && toContact !== '') {
    const contact = await userByAnyId(ctx.db, ctx.account.id, toContact);
    if (!contact) throw Errors.userNotFound(toContact);
    return { kind: 'contact', contact, session: dmSessionId(sender.id, contact.id) };
  }
  throw ChatErrors.needsTarget();
}

/** Whether the sender may post here: channel posting rights, archive state and information barriers. */
export async function checkPosting(ctx: Context, sender: UserRecord, target: Target): Promise<void> {
  const barriers = await Barriers.load(ctx.db, ctx.account.id);
  if (target.kind === 'contact') {
    if (!(await barriers.canWrite(sender.id, target.contact.id))) throw ChatErrors.cannotChat();
    return;
  }
  const { channel } = target;
  if (channel.archived) throw ChatErrors.archived();
  const member = await repo.getMember(ctx.db, ctx.account.id, channel.id, sender.id);
  const lead = member?.role === 'owner' || member?.role === 'admin';
  const posting = channel.settings.posting_permissions;
  if ((posting === 2 && !lead) || (posting === 3 && !lead && !channel.settings.designated_posting_members.includes(sender.id))) throw ChatErrors.sendFailed();
  if (!barriers.none && (await barriers.walledOff(sender.id, await repo.memberIds(ctx.db, ctx.account.id, channel.id))).length > 0) throw ChatErrors.cannotChat();
}

function positionsWithin(field: string, items: ReadonlyArray<{ start_position?: number; end_position?: number }>, length: number): void {
  for (const [i, it] of items.entries()) {
    const start = it.start_position ?? 0;
    const end = it.end_position ?? start;
    if (start < 0 || end < start || end > length) throw Errors.validation([{ field: `${field}[${i}]`, message: 'Invalid field.' }]);
  }
}

/** @mentions: a contact (at_type 1) by email, id or member id; @all (at_type 2) in channels, as mention_all_permissions allows. */
async function mentions(ctx: Context, sender: UserRecord, target: Target, body: SendBody): Promise<AtItem[]> {
  const items = body.at_items ?? [];
  positionsWithin('at_items', items, body.message.length);
  const out: AtItem[] = [];
  for (const [i, it] of items.entries()) {
    const place = { start_position: it.start_position ?? 0, end_position: it.end_position ?? it.start_position ?? 0 };
    if (it.at_type === 2) {
      if (target.kind !== 'channel') throw Errors.validation([{ field: `at_items[${i}].at_type`, message: 'Invalid field.' }]);
      const member = await repo.getMember(ctx.db, ctx.account.id, target.channel.id, sender.id);
      const allowed = target.channel.settings.mention_all_permissions;
      if (allowed === 3 || (allowed === 2 && member?.role !== 'owner' && member?.role !== 'admin')) throw ChatErrors.sendFailed();
      out.push({ at_type: 2, ...place });
      continue;
    }
    const who = it.at_contact ? await userByAnyId(ctx.db, ctx.account.id, it.at_contact) : undefined;
    if (!who) throw Errors.validation([{ field: `at_items[${i}].at_contact`, message: 'Invalid field.' }]);
    out.push({ at_contact: who.email, at_contact_member_id: memberIdOf(who.id), at_type: 1, ...place });
  }
  return out;
}

/** Cards are Zoom's card JSON; each gets an id (Update a message names cards by it). */
function cards(given: ReadonlyArray<{ card_json?: string }> | undefined): MessageData['interactive_cards'] {
  if (!given) return undefined;
  return given.map((c) => {
    try {
      if (typeof c.card_json !== 'string' || typeof JSON.parse(c.card_json) !== 'object') throw new Error('not an object');
    } catch {
      throw ChatErrors.cardFailed();
    }
    return { card_id: randomUUID().toUpperCase(), card_json: c.card_json };
  });
}

/** The reply's main message: in the same conversation, not deleted, not itself a reply. */
async function mainMessage(ctx: Context, target: Target, id: string): Promise<MessageRecord> {
  const main = await repo.getMessage(ctx.db, ctx.account.id, id);
  if (!main || main.session_id !== target.session || main.status === 'Deleted') throw ChatErrors.messageNotFound(id);
  if (main.reply_main_message_id) throw ChatErrors.replyToMainOnly();
  return main;
}

/** Zoom's event objects for a message: the chat_message.* one and the team_chat.* one. */
export function messageEvents(ctx: Context, sender: UserRecord, target: Target, m: MessageRecord) {
  const when = { timestamp: m.updated_ms, date_time: zoomDateTime(m.updated_ms) };
  const chat = {
    id: m.id,
    type: target.kind === 'channel' ? 'to_channel' : 'to_contact',
    ...when,
    session_id: target.session,
    contact_email: target.kind === 'contact' ? target.contact.email : '',
    contact_id: target.kind === 'contact' ? target.contact.id : '',
    channel_id: target.kind === 'channel' ? target.channel.id : '',
    channel_name: target.kind === 'channel' ? target.channel.name : '',
    message: m.message,
  };
  const reply = m.reply_main_message_id ? { reply_main_message_id: m.reply_main_message_id } : {};
  const where =
    target.kind === 'channel'
      ? { channel_id: target.channel.id, channel_owner_account_id: ctx.account.id, channel_name: target.channel.name }
      : { contact_id: target.contact.id, contact_email: target.contact.email, contact_account_id: ctx.account.id, contact_member_id: memberIdOf(target.contact.id) };
  const operator = { operator: sender.email, operator_id: sender.id };
  const teamChat = { ...operator, operator_member_id: memberIdOf(sender.id), by_external_user: false };
  return { chat, reply, where, when, operator, teamChat, family: target.kind === 'channel' ? 'channel' : 'dm' };
}

/** Stores a user's message and emits chat_message.sent (or .replied) and team_chat.*_message_posted. */
export async function postMessage(ctx: Context, sender: UserRecord, target: Target, message: string, data: MessageData, replyTo: string | null, at: number): Promise<MessageRecord> {
  const m: MessageRecord = {
    id: newMessageId(),
    session_id: target.session,
    channel_id: target.kind === 'channel' ? target.channel.id : null,
    sender_id: sender.id,
    contact_id: target.kind === 'contact' ? target.contact.id : null,
    robot_jid: null,
    reply_main_message_id: replyTo,
    status: 'Normal',
    message,
    created_ms: at,
    updated_ms: at,
    data,
  };
  await repo.insertMessage(ctx.db, ctx.account.id, m);
  const e = messageEvents(ctx, sender, target, m);
  if (replyTo) await ctx.emit('chat_message.replied', { ...e.operator, object: { ...e.chat, parent_msg_id: replyTo } });
  else await ctx.emit('chat_message.sent', { ...e.operator, object: e.chat });
  const rich = { ...(data.rich_text?.length ? { rich_text: data.rich_text } : {}) };
  const at_items = target.kind === 'channel' && data.at_items?.length ? { at_items: data.at_items } : {};
  await ctx.emit(`team_chat.${e.family}_message_posted`, {
    ...e.teamChat,
    object: { message_id: m.id, ...e.reply, session_id: m.session_id, ...e.when, ...e.where, message, ...rich, ...at_items },
  });
  return m;
}

/** The message named in the path, which only its sender may change. */
async function ownMessage(ctx: Context, sender: UserRecord, target: Target, id: string): Promise<MessageRecord> {
  const m = await repo.getMessage(ctx.db, ctx.account.id, id);
  if (!m || m.session_id !== target.session || m.status === 'Deleted' || m.robot_jid) throw ChatErrors.messageNotFound(id);
  if (m.sender_id !== sender.id) throw ChatErrors.senderOnly();
  return m;
}

/** The time window of a list: `date` (a UTC day), else `from`–`to`, else today; never more than six months back. */
export function window(ctx: Context, q: { date?: string; from?: string; to?: string }, now = ctx.clock.now()): { fromMs: number; toMs: number; endMs: number; echo: Record<string, string> } {
  let fromMs: number;
  let toMs: number;
  let echo: Record<string, string>;
  if (q.date !== undefined || q.from === undefined) {
    const date = q.date ?? new Date(now).toISOString().slice(0, 10);
    fromMs = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(fromMs)) throw Errors.validation([{ field: 'date', message: 'Invalid field.' }]);
    toMs = fromMs + DAY_MS - 1;
    echo = { date };
  } else {
    fromMs = Date.parse(q.from);
    toMs = q.to !== undefined ? Date.parse(q.to) : now;
    if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) throw Errors.validation([{ field: Number.isNaN(fromMs) ? 'from' : 'to', message: 'Invalid field.' }]);
    echo = { from: zoomDateTime(fromMs), to: zoomDateTime(toMs) };
  }
  if (fromMs < now - HISTORY_MS - DAY_MS) throw ChatErrors.sixMonths();
  // Scheduled messages appear once their time comes (`endMs`: where the window ends once the clock is past it).
  return { fromMs, toMs: Math.min(toMs, now), endMs: toMs, echo };
}

interface ListQuery {
  to_contact?: string;
  to_channel?: string;
  date?: string;
  from?: string;
  to?: string;
  include_deleted_and_edited_message?: boolean;
  search_type?: 'message' | 'file';
  search_key?: string;
  exclude_child_message?: boolean;
}

/** A page of List user's chat messages, and the conversation it lists (`w`: the query's window, when already made). */
async function messagePage(ctx: Context, input: Input<{ userId: string }, ListQuery>, w?: ReturnType<typeof window>) {
  const { user } = await pathActor(ctx, input.path.userId);
  const q = input.query;
  if ((q.search_key === undefined) !== (q.search_type === undefined)) {
    throw Errors.validation([{ field: q.search_key === undefined ? 'search_key' : 'search_type', message: 'Missing field.' }]);
  }
  const searching = q.search_key !== undefined;
  const hasTarget = Boolean(q.to_channel) || Boolean(q.to_contact);
  if (!hasTarget && !searching) throw ChatErrors.needsTarget();
  const conversation = hasTarget ? (await resolveTarget(ctx, user, q.to_channel, q.to_contact)).session : { participant: user.id };
  const { fromMs, toMs, echo } = w ?? window(ctx, q);
  const filter: repo.MessageFilter = {
    fromMs,
    toMs,
    includeDeleted: q.include_deleted_and_edited_message === true,
    excludeReplies: q.exclude_child_message === true,
    ...(searching ? { search: q.search_key } : {}),
  };
  // No files are kept, so a file search finds nothing.
  const files = q.search_type === 'file';
  const total = files ? 0 : await input.page.total(() => repo.countMessages(ctx.db, ctx.account.id, conversation, filter));
  const { messages, last } = files ? { messages: [] as repo.ListedMessage[], last: undefined } : await repo.listMessages(ctx.db, ctx.account.id, conversation, filter, input.page);
  const items = messages.map((m) => messageResponse(m, m.sender, m.parent_ms, filter.includeDeleted));
  const { total_records: _omit, ...body } = input.page.respond(total, { ...echo, messages: items }, last);
  return { answer: body, session: typeof conversation === 'string' ? conversation : null };
}

export function createMessageOperations(deps: ProviderDeps) {
  // Pages of a channel's messages (core/read-cache.ts): kept until a message, a channel or a
  // channel's members (who may read it), or a user (senders' names, the path's user) of the account changes.
  const pages = deps.readCache('chat_messages', (c) => (c.kind === 'object' && (c.object === 'chat_messages' || c.object === 'user') ? { accountId: c.accountId } : undefined));
  return {
    async sendaChatMessage(input: Input<{ userId: string }, Record<string, never>, SendBody>, ctx: Context) {
      const { user: sender } = await pathActor(ctx, input.path.userId);
      const body = input.body;
      const target = await resolveTarget(ctx, sender, body.to_channel, body.to_contact);
      await checkPosting(ctx, sender, target);
      const interactive = cards(body.interactive_cards);
      if (body.message.trim() === '' && !interactive?.length) throw Errors.validation([{ field: 'message', message: 'Missing field.' }]);
      // Files are uploaded through Zoom's file API, which is not kept here: no file id exists.
      if (body.file_ids?.length) throw ChatErrors.fileNotFound(body.file_ids.join(','));
      positionsWithin('rich_text', body.rich_text ?? [], body.message.length);
      const at_items = await mentions(ctx, sender, target, body);
      const replyTo = body.reply_main_message_id ? (await mainMessage(ctx, target, body.reply_main_message_id)).id : null;
      const now = ctx.clock.now();
      let at = now;
      if (body.scheduled_time !== undefined) {
        at = Date.parse(body.scheduled_time);
        if (Number.isNaN(at) || at < now + SCHEDULE_MIN_MS || at > now + SCHEDULE_MAX_MS) throw ChatErrors.scheduleRange();
      }
      const data: MessageData = {
        ...(body.rich_text?.length ? { rich_text: body.rich_text } : {}),
        ...(at_items.length ? { at_items } : {}),
        ...(interactive?.length ? { interactive_cards: interactive } : {}),
      };
      const m = await postMessage(ctx, sender, target, body.message, data, replyTo, at);
      return { id: m.id };
    },

    async getChatMessages(input: Input<{ userId: string }, ListQuery>, ctx: Context) {
      const q = input.query;
      // Pages of a channel's messages are kept when the query is valid and its window is fixed
      // (`from` without `to` ends at the clock's current second, echoed): by the page, the path's
      // user (`me` is the caller) and the window's start (today, when no date is given).
      if (q.to_channel && (q.search_key === undefined) === (q.search_type === undefined) && (q.from === undefined || q.date !== undefined || q.to !== undefined)) {
        const who = ctx.resolveMe(input.path.userId);
        const at = ctx.clock.now();
        let w: ReturnType<typeof window> | undefined;
        try {
          w = window(ctx, q, at);
        } catch {
          // Answered below, after the checks that come first.
        }
        if (w) {
          const fixed = w;
          const page = await pages.readPageTimed(ctx.account.id, `${input.page.key}\n${who}\n${fixed.fromMs}`, at, async () => {
            const { answer, session } = await messagePage(ctx, input, fixed);
            // While the window still ends after now, the page holds until a message already stored (scheduled) comes into it.
            const next = fixed.endMs > at ? await repo.nextMessageAfter(ctx.db, ctx.account.id, session, at) : undefined;
            return { body: answer, until: next ?? Infinity, meta: null };
          });
          return page.answer;
        }
      }
      return (await messagePage(ctx, input)).answer;
    },

    async editMessage(input: Input<{ userId: string; messageId: string }, Record<string, never>, EditBody>, ctx: Context) {
      const { user: sender } = await pathActor(ctx, input.path.userId);
      const body = input.body;
      const target = await resolveTarget(ctx, sender, body.to_channel, body.to_contact);
      const m = await ownMessage(ctx, sender, target, input.path.messageId);
      if (body.file_ids?.length) throw ChatErrors.fileNotFound(body.file_ids.join(','));
      if (body.interactive_cards !== undefined) {
        const known = new Map((m.data.interactive_cards ?? []).map((c) => [c.card_id, c]));
        const next = [];
        for (const c of body.interactive_cards) {
          if ('card_id' in c && c.card_id !== undefined) {
            const card = known.get(c.card_id);
            if (!card) throw ChatErrors.cardNotFound(c.card_id);
            next.push(card);
          } else next.push(...(cards([c]) ?? []));
        }
        m.data.interactive_cards = next;
      }
      if (body.message !== undefined) {
        if (body.message.trim() === '' && !m.data.interactive_cards?.length) throw Errors.validation([{ field: 'message', message: 'Invalid field.' }]);
        m.message = body.message;
        // Mentions and formatting were placed in the old text.
        delete m.data.at_items;
        delete m.data.rich_text;
      }
      m.status = 'Edited';
      m.updated_ms = Math.max(ctx.clock.now(), m.created_ms);
      await repo.updateMessage(ctx.db, ctx.account.id, m);
      const e = messageEvents(ctx, sender, target, m);
      await ctx.emit('chat_message.updated', { ...e.operator, object: e.chat });
      await ctx.emit(`team_chat.${e.family}_message_updated`, { ...e.teamChat, object: { message_id: m.id, ...e.reply, session_id: m.session_id, ...e.when, ...e.where, message: m.message } });
    },

    async deleteChatMessage(input: Input<{ userId: string; messageId: string }, { to_contact?: string; to_channel?: string }>, ctx: Context) {
      const { user: sender } = await pathActor(ctx, input.path.userId);
      const q = input.query;
      if (!q.to_channel && !q.to_contact) throw ChatErrors.needsTargetQuery();
      const target = await resolveTarget(ctx, sender, q.to_channel, q.to_contact);
      const m = await ownMessage(ctx, sender, target, input.path.messageId);
      m.status = 'Deleted';
      m.updated_ms = Math.max(ctx.clock.now(), m.created_ms);
      await repo.updateMessage(ctx.db, ctx.account.id, m);
      const e = messageEvents(ctx, sender, target, m);
      await ctx.emit('chat_message.deleted', { ...e.operator, object: e.chat });
      await ctx.emit(`team_chat.${e.family}_message_deleted`, { ...e.teamChat, object: { message_id: m.id, ...e.reply, ...e.when, ...e.where } });
    },
  };
}
