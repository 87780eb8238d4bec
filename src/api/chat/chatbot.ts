// Chatbot Messages: a chatbot app (client_credentials token, src/oauth/token.ts)
// sends, edits and deletes its messages to a user or a channel, in Zoom's
// chatbot message format (head, body items: message, fields, actions,
// selects, attachments, sections …). The bot is named by its JID, derived
// from its app's client id (model.ts robotJid, answered by POST /_openzoom/apps).
import type { Context, Input } from '../../core/provider.ts';
import { getApp } from '../../tenancy/repository.ts';
import type { UserRecord } from '../users/model.ts';
import { ChatErrors } from './errors.ts';
import { channelJid, dmSessionId, newMessageId, robotJid, userJid, type ChannelRecord, type MessageRecord } from './model.ts';
import * as repo from './repository.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const textOf = (v: unknown): boolean => isObject(v) && isText(v.text);

/** Each body element's own fields, as Zoom's chatbot message reference gives them. */
const ELEMENTS: Record<string, (e: Json) => boolean> = {
  message: (e) => isText(e.text),
  fields: (e) => Array.isArray(e.items) && e.items.every((i) => isObject(i) && isText(i.key) && isText(i.value)),
  actions: (e) => Array.isArray(e.items) && e.items.every((i) => isObject(i) && isText(i.text) && isText(i.value)),
  select: (e) => isText(e.text) && (Array.isArray(e.select_items) ? e.select_items.every((i) => isObject(i) && isText(i.text) && isText(i.value)) : isText(e.static_source)),
  attachments: (e) => isText(e.resource_url) && (e.information === undefined || isObject(e.information)),
  file: (e) => textOf(e.title),
  divider: () => true,
  progress_bar: (e) => typeof e.value === 'number',
  timepicker: () => true,
  datepicker: () => true,
  radio_buttons: (e) => Array.isArray(e.items),
  checkboxes: (e) => Array.isArray(e.items),
  alert: (e) => isText(e.text),
  images: (e) => Array.isArray(e.items),
  plain_text_input: (e) => isText(e.text),
  video: () => true,
  section: (e) => Array.isArray(e.sections) && e.sections.every(element),
  page: (e) => Array.isArray(e.pages) && e.pages.every((p) => isObject(p) && Array.isArray(p.body) && p.body.every(element)),
};

function element(e: unknown): boolean {
  if (!isObject(e) || !isText(e.type)) return false;
  const check = ELEMENTS[e.type];
  return check !== undefined && check(e);
}

/** A card: a head with text, a body of known elements, or both (Zoom's 7001 otherwise). */
export function validContent(content: unknown): boolean {
  if (!isObject(content)) return false;
  const { head, body } = content;
  if (head === undefined && body === undefined) return false;
  if (head !== undefined && !(isObject(head) && isText(head.text) && (head.sub_head === undefined || textOf(head.sub_head)))) return false;
  return body === undefined || (Array.isArray(body) && body.every(element));
}

/** The message's text as lists and searches show it: the head, then the first message element. */
function plainText(content: Json): string {
  const head = isObject(content.head) && isText(content.head.text) ? content.head.text : '';
  const first = Array.isArray(content.body) ? content.body.find((e) => isObject(e) && e.type === 'message') : undefined;
  return [head, isObject(first) && isText(first.text) ? first.text : ''].filter(Boolean).join('\n');
}

/** Zoom answers sent_time as "yyyy-MM-dd HH:mm:ss" (UTC). */
const sentTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The calling chatbot: a client_credentials token of a chatbot app, for its own JID and account. */
async function theBot(ctx: Context, robot: string, accountId: string | undefined): Promise<string> {
  if (!/^[^@\s]+@xmpp\.zoom\.us$/.test(robot)) throw ChatErrors.botInvalidRobot();
  const app = ctx.actor.userId ? undefined : await getApp(ctx.db, ctx.actor.clientId);
  if (!app || app.app_type !== 'chatbot') throw ChatErrors.botNotAuthorized();
  if (robotJid(app.client_id) !== robot) throw ChatErrors.botUnknownRobot();
  if (accountId !== undefined && accountId !== ctx.account.id) throw ChatErrors.botNotAuthorized();
  return robot;
}

/** A user of the account by JID (`<member id>@xmpp.zoom.us`). */
async function userByJid(ctx: Context, jid: string): Promise<UserRecord | undefined> {
  const m = /^([^@\s]+)@xmpp\.zoom\.us$/.exec(jid);
  return m ? repo.userByMemberId(ctx.db, ctx.account.id, m[1]!) : undefined;
}

async function channelByJid(ctx: Context, jid: string): Promise<ChannelRecord | undefined> {
  const m = /^([0-9a-f]{32})@conference\.xmpp\.zoom\.us$/.exec(jid);
  return m ? repo.getChannel(ctx.db, ctx.account.id, m[1]!) : undefined;
}

function answer(m: MessageRecord, at: number) {
  return { message_id: m.id, robot_jid: m.robot_jid!, sent_time: sentTime(at), to_jid: m.data.to_jid ?? '', user_jid: m.data.user_jid ?? '' };
}

/** The bot's own message, else Zoom's 8001. */
async function botMessage(ctx: Context, robot: string, id: string): Promise<MessageRecord> {
  const m = await repo.getMessage(ctx.db, ctx.account.id, id);
  if (!m || m.robot_jid !== robot || m.status === 'Deleted') throw ChatErrors.botMessageNotFound();
  return m;
}

interface SendBody {
  robot_jid: string;
  to_jid: string;
  account_id: string;
  content: Json;
  visible_to_user?: string;
  user_jid: string;
  reply_to?: string;
  is_markdown_support?: boolean;
}

export function createChatbotOperations() {
  return {
    async sendChatbot(input: Input<Record<string, never>, Record<string, never>, SendBody>, ctx: Context) {
      const b = input.body;
      const robot = await theBot(ctx, b.robot_jid, b.account_id);
      if (!validContent(b.content)) throw ChatErrors.botBody();
      const on = await userByJid(ctx, b.user_jid);
      if (!on) throw ChatErrors.botNotAuthorized();
      // To a user (the bot's 1:1 conversation with it) or a channel the user belongs to.
      const channel = await channelByJid(ctx, b.to_jid);
      const to = channel ? undefined : await userByJid(ctx, b.to_jid);
      if (!channel && !to) throw ChatErrors.botNoTarget();
      if (channel && !(await repo.getMember(ctx.db, ctx.account.id, channel.id, on.id))) throw ChatErrors.botNotAuthorized();
      const visible = b.visible_to_user ? ((await userByJid(ctx, b.visible_to_user)) ?? (await repo.userByMemberId(ctx.db, ctx.account.id, b.visible_to_user))) : undefined;
      if (b.visible_to_user && !visible) throw ChatErrors.botNoTarget();
      if (b.reply_to !== undefined) {
        const parent = await repo.getMessage(ctx.db, ctx.account.id, b.reply_to);
        if (!parent || parent.session_id !== (channel ? channelJid(channel.id) : dmSessionId(robot, to!.id))) throw ChatErrors.botBody();
      }
      const now = ctx.clock.now();
      const m: MessageRecord = {
        id: newMessageId(),
        session_id: channel ? channelJid(channel.id) : dmSessionId(robot, to!.id),
        channel_id: channel?.id ?? null,
        sender_id: ctx.actor.clientId,
        contact_id: to?.id ?? null,
        robot_jid: robot,
        reply_main_message_id: b.reply_to ?? null,
        status: 'Normal',
        message: plainText(b.content),
        created_ms: now,
        updated_ms: now,
        data: {
          bot_message: b.content,
          to_jid: channel ? channelJid(channel.id) : userJid(to!.id),
          user_jid: userJid(on.id),
          ...(visible ? { visible_to_user: userJid(visible.id) } : {}),
          ...(b.is_markdown_support !== undefined ? { is_markdown_support: b.is_markdown_support } : {}),
        },
      };
      await repo.insertMessage(ctx.db, ctx.account.id, m);
      return answer(m, now);
    },

    async editChatbotMessage(
      input: Input<{ message_id: string }, Record<string, never>, { robot_jid: string; account_id: string; content: Json; user_jid?: string; is_markdown_support?: boolean }>,
      ctx: Context,
    ) {
      const b = input.body;
      const robot = await theBot(ctx, b.robot_jid, b.account_id);
      const m = await botMessage(ctx, robot, input.path.message_id);
      if (!validContent(b.content)) throw ChatErrors.botBody();
      m.data.bot_message = b.content;
      if (b.is_markdown_support !== undefined) m.data.is_markdown_support = b.is_markdown_support;
      m.message = plainText(b.content);
      m.status = 'Edited';
      m.updated_ms = Math.max(ctx.clock.now(), m.created_ms);
      await repo.updateMessage(ctx.db, ctx.account.id, m);
      return answer(m, m.updated_ms);
    },

    async deleteAChatbotMessage(input: Input<{ message_id: string }, { account_id: string; robot_jid: string; user_jid?: string }>, ctx: Context) {
      const robot = await theBot(ctx, input.query.robot_jid, input.query.account_id);
      const m = await botMessage(ctx, robot, input.path.message_id);
      m.status = 'Deleted';
      m.updated_ms = Math.max(ctx.clock.now(), m.created_ms);
      await repo.updateMessage(ctx.db, ctx.account.id, m);
      return answer(m, m.updated_ms);
    },
  };
}
