// IM Chat, as Zoom's 2021 reference defines it (Send IM messages is still in
// today's), over the same stored conversations as Chat Messages: a channel is
// a "Group" session (its JID), two users' direct messages a "1:1" session.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { ADMIN_SCOPES, pathActor, reachesAccount, tokenActor, userByAnyId } from './common.ts';
import { ChatErrors } from './errors.ts';
import { HISTORY_MS, checkPosting, postMessage, resolveTarget } from './messages.ts';
import { channelJid, displayName, zoomDateTime } from './model.ts';
import * as repo from './repository.ts';

const DAY_MS = 86_400_000;

/** `from`–`to` as whole UTC days, at most six months back (Zoom's 300 otherwise). */
function days(ctx: Context, from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`) + DAY_MS - 1;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) throw Errors.validation([{ field: Number.isNaN(fromMs) ? 'from' : 'to', message: 'Invalid field.' }]);
  if (fromMs < ctx.clock.now() - HISTORY_MS - DAY_MS) throw ChatErrors.reportSixMonths();
  return { fromMs, toMs: Math.min(toMs, ctx.clock.now()) };
}

const sessionNotFound = (id: string) => new ZoomError(404, 300, `IM chat session does not exist: ${id}.`);

/** What the 2021 file calls an edited or deleted message's action. */
const ACTIONS: Record<string, string> = { Edited: 'Edit', Deleted: 'Delete' };

export function createImOperations() {
  return {
    async sendimmessages(input: Input<Record<string, never>, { chat_user?: string }, { message?: string }>, ctx: Context) {
      const { user: sender } = await pathActor(ctx, 'me');
      const ref = input.query.chat_user?.trim();
      if (!ref) throw ChatErrors.imInvalidTarget();
      const contact = await userByAnyId(ctx.db, ctx.account.id, ref);
      if (!contact) throw ChatErrors.imUserNotFound();
      const message = input.body.message ?? '';
      if (message.trim() === '') throw Errors.validation([{ field: 'message', message: 'Missing field.' }]);
      const target = await resolveTarget(ctx, sender, undefined, contact.id);
      await checkPosting(ctx, sender, target);
      const m = await postMessage(ctx, sender, target, message, {}, null, ctx.clock.now());
      return { id: m.id };
    },

    async listimmessages(input: Input<{ userId: string }, { chat_user?: string; channel?: string; date?: string }>, ctx: Context) {
      const { user } = await pathActor(ctx, input.path.userId);
      const q = input.query;
      if (!q.chat_user && !q.channel) throw ChatErrors.imInvalidTarget();
      const target = await resolveTarget(ctx, user, q.channel || undefined, q.chat_user || undefined);
      const date = q.date ?? new Date(ctx.clock.now()).toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw Errors.validation([{ field: 'date', message: 'Invalid field.' }]);
      const { fromMs, toMs } = days(ctx, date, date);
      // Chatbot messages were not IM messages in 2021 (nor are their ids UUIDs).
      const filter: repo.MessageFilter = { fromMs, toMs, includeDeleted: false, excludeReplies: false, bots: false };
      const total = await input.page.total(() => repo.countMessages(ctx.db, ctx.account.id, target.session, filter));
      const { messages, last } = await repo.listMessages(ctx.db, ctx.account.id, target.session, filter, input.page);
      const items = messages.map((m) => ({
        id: m.id.toLowerCase(),
        message: m.message,
        sender: m.sender.email,
        date_time: zoomDateTime(m.created_ms),
        timstamp: m.created_ms,
      }));
      const { total_records: _omit, ...body } = input.page.respond(total, { date: `${date}T00:00:00Z`, messages: items }, last);
      return body;
    },

    async imChatSessions(input: Input<Record<string, never>, { from: string; to: string }>, ctx: Context) {
      const acting = await tokenActor(ctx, ADMIN_SCOPES.imChatSessions);
      const { fromMs, toMs } = days(ctx, input.query.from, input.query.to);
      // An admin sees the account's sessions; a user its own.
      const viewer = acting.admin ? null : acting.user!.id;
      const { sessions, last } = await repo.listSessions(ctx.db, ctx.account.id, fromMs, toMs, viewer, input.page);
      const items = [];
      for (const s of sessions) {
        let name = '';
        if (s.channel_id) name = (await repo.getChannel(ctx.db, ctx.account.id, s.channel_id))?.name ?? '';
        else {
          const who = await repo.sessionParticipants(ctx.db, ctx.account.id, s.session_id);
          const others = (who?.users ?? []).filter((u) => u !== viewer);
          const names = [];
          for (const id of others.length > 0 ? others : (who?.users ?? [])) {
            const u = await userByAnyId(ctx.db, ctx.account.id, id);
            if (u) names.push(displayName(u));
          }
          name = names.join(', ');
        }
        items.push({ session_id: s.session_id, type: s.channel_id ? 'Group' : '1:1', name, last_message_sent_time: zoomDateTime(s.last_ms) });
      }
      // Sessions are grouped rows: a full page may be followed by more.
      const more = sessions.length === input.page.size ? input.page.offset + input.page.size + 1 : input.page.offset + sessions.length;
      const { total_records: _omit, ...body } = input.page.respond(more, { from: input.query.from, to: input.query.to, sessions: items }, last);
      return body;
    },

    async imChatMessages(input: Input<{ sessionId: string }, { from: string; to: string }>, ctx: Context) {
      const acting = await tokenActor(ctx, ADMIN_SCOPES.imChatMessages);
      const id = input.path.sessionId;
      const who = await repo.sessionParticipants(ctx.db, ctx.account.id, id);
      const channel = who?.channel_id ? await repo.getChannel(ctx.db, ctx.account.id, who.channel_id) : undefined;
      if (!who || (who.channel_id && (!channel || channelJid(channel.id) !== id))) throw sessionNotFound(id);
      if (!reachesAccount(ctx, ADMIN_SCOPES.imChatMessages)) {
        const me = acting.user!.id;
        const mine = channel ? (await repo.getMember(ctx.db, ctx.account.id, channel.id, me)) !== undefined : who.users.includes(me);
        if (!mine) throw Errors.noPermission();
      }
      const { fromMs, toMs } = days(ctx, input.query.from, input.query.to);
      const filter: repo.MessageFilter = { fromMs, toMs, includeDeleted: true, excludeReplies: false };
      const total = await input.page.total(() => repo.countMessages(ctx.db, ctx.account.id, id, filter));
      const { messages, last } = await repo.listMessages(ctx.db, ctx.account.id, id, filter, input.page);
      const items = messages.map((m) => ({
        message: m.status === 'Deleted' ? '' : m.message,
        sender: m.sender.email,
        date_time: zoomDateTime(m.created_ms),
        ...(ACTIONS[m.status] ? { action: ACTIONS[m.status], action_time: zoomDateTime(m.updated_ms) } : {}),
      }));
      const { total_records: _omit, ...body } = input.page.respond(total, { session_id: id, from: input.query.from, to: input.query.to, messages: items }, last);
      return body;
    },
  };
}
