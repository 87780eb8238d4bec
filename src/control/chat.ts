// Team Chat on the control plane: what happens in Zoom's chat clients rather
// than through the API, so that apps under test receive chat events and
// chatbots can be exercised end to end.
//   POST /_openzoom/chat/messages      a user posts a message (to a channel, a contact, or a chatbot)
//   POST /_openzoom/chat/bot_installs  a user installs a chatbot (bot_installed)
//   POST /_openzoom/chat/contacts      a user adds an external contact
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { Errors } from '../core/errors.ts';
import { zoomId } from '../core/ids.ts';
import type { Context } from '../core/provider.ts';
import { emitEvent } from '../webhooks/emit.ts';
import { userByAnyId } from '../api/chat/common.ts';
import { ChatErrors } from '../api/chat/errors.ts';
import { checkPosting, postMessage, resolveTarget } from '../api/chat/messages.ts';
import { displayName, robotJid, userJid } from '../api/chat/model.ts';
import * as chat from '../api/chat/repository.ts';
import type { UserRecord } from '../api/users/model.ts';
import type { Db, Queryable } from '../storage/db.ts';
import { getAccount, listApps, type AppRecord } from '../tenancy/repository.ts';
import { readBody } from './schemas.ts';

const id = { type: 'string', minLength: 1, maxLength: 128 };
const closed = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', additionalProperties: false, properties, required });

const BODIES = {
  message: closed(
    {
      account_id: id,
      user: id,
      to_channel: id,
      to_contact: id,
      to_jid: id,
      message: { type: 'string', minLength: 1, maxLength: 1024 },
    },
    ['account_id', 'user', 'message'],
  ),
  install: closed({ account_id: id, user: id, robot_jid: id }, ['account_id', 'user', 'robot_jid']),
  contact: closed(
    {
      account_id: id,
      user: id,
      email: { type: 'string', format: 'email', maxLength: 128 },
      first_name: { type: 'string', maxLength: 64 },
      last_name: { type: 'string', maxLength: 64 },
    },
    ['account_id', 'user', 'email'],
  ),
};

interface Scene {
  account: NonNullable<Awaited<ReturnType<typeof getAccount>>>;
  user: UserRecord;
  ctx: Context;
}

/** The account and user a control-plane chat action acts as, with a context the chat operations accept. */
async function scene(tx: Queryable, clock: Clock, accountId: string, who: string): Promise<Scene> {
  const account = await getAccount(tx, accountId);
  if (!account) throw Errors.accountNotFound(accountId);
  const user = await userByAnyId(tx, accountId, who);
  if (!user) throw Errors.userNotFound(who);
  const source = { accountId, operatorUserId: user.id, clientId: null, now: clock.now() };
  const ctx: Context = {
    account,
    actor: { clientId: '', accountId, userId: user.id, scopes: new Set() },
    db: tx,
    clock,
    resolveMe: (u) => (u === 'me' ? user.id : u),
    emit: (event, payload) => emitEvent(tx, source, event, payload),
  };
  return { account, user, ctx };
}

async function chatbotByJid(tx: Queryable, accountId: string, jid: string): Promise<AppRecord> {
  const bot = (await listApps(tx, accountId)).find((a) => a.app_type === 'chatbot' && robotJid(a.client_id) === jid);
  if (!bot) throw ChatErrors.botInvalidRobot();
  return bot;
}

export function registerChatControl(c: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  c.post('/chat/messages', async (req, reply) => {
    const body = readBody<{ account_id: string; user: string; to_channel?: string; to_contact?: string; to_jid?: string; message: string }>(req, BODIES.message);
    const out = await deps.db.transaction(async (tx) => {
      const { user, ctx } = await scene(tx, deps.clock, body.account_id, body.user);
      if (body.to_jid !== undefined) {
        // A message to a chatbot reaches the bot's app as bot_notification.
        const bot = await chatbotByJid(tx, body.account_id, body.to_jid);
        const now = deps.clock.now();
        await ctx.emit('bot_notification', {
          accountId: body.account_id,
          cmd: body.message,
          name: bot.name,
          robotJid: body.to_jid,
          timestamp: now,
          toJid: userJid(user.id),
          userId: user.id,
          userJid: userJid(user.id),
          userName: displayName(user),
        });
        return { robot_jid: body.to_jid, cmd: body.message, timestamp: now };
      }
      const target = await resolveTarget(ctx, user, body.to_channel, body.to_contact);
      await checkPosting(ctx, user, target);
      const m = await postMessage(ctx, user, target, body.message, {}, null, deps.clock.now());
      return { id: m.id, session_id: m.session_id, timestamp: m.created_ms };
    });
    return reply.code(201).send(out);
  });

  c.post('/chat/bot_installs', async (req, reply) => {
    const body = readBody<{ account_id: string; user: string; robot_jid: string }>(req, BODIES.install);
    const out = await deps.db.transaction(async (tx) => {
      const { user, ctx } = await scene(tx, deps.clock, body.account_id, body.user);
      await chatbotByJid(tx, body.account_id, body.robot_jid);
      const payload = { accountId: body.account_id, robotJid: body.robot_jid, timestamp: deps.clock.now(), userId: user.id, userJid: userJid(user.id), userName: displayName(user) };
      await ctx.emit('bot_installed', payload);
      return payload;
    });
    return reply.code(201).send(out);
  });

  c.post('/chat/contacts', async (req, reply) => {
    const body = readBody<{ account_id: string; user: string; email: string; first_name?: string; last_name?: string }>(req, BODIES.contact);
    const out = await deps.db.transaction(async (tx) => {
      const { user } = await scene(tx, deps.clock, body.account_id, body.user);
      const email = body.email.toLowerCase();
      if (await chat.externalContactByEmail(tx, body.account_id, user.id, email)) throw ChatErrors.contactExists();
      const contact = { id: zoomId(), email, first_name: body.first_name ?? '', last_name: body.last_name ?? '', added_at: deps.clock.iso() };
      await chat.insertExternalContact(tx, body.account_id, user.id, contact);
      return contact;
    });
    return reply.code(201).send(out);
  });
}
