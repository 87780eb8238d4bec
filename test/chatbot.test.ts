// Chatbot messages with a chatbot app's client_credentials token: send, edit
// and delete in Zoom's chatbot message format; the control plane's chat
// actions (a user writes to a bot, installs it, posts a message); and Zoom's
// own SDK (@zoom/rivet) chatbot and team chat clients against OpenZoom,
// changing only the base URL and the token store.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ChatbotClient } from '@zoom/rivet/chatbot';
import { TeamChatS2SAuthClient } from '@zoom/rivet/teamchat';
import { chatAccount, events, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import type { TestClient } from './helpers/client.ts';
import { startServer, type TestServer } from './helpers/server.ts';

let s: TestServer;
let a: ChatAccount;
let ann: ChatUser;
let ben: ChatUser;
let bot: { client_id: string; client_secret: string; robot_jid: string };
let botApi: TestClient;
let channelId: string;
const jid = (userId: string) => `${userId.toLowerCase()}@xmpp.zoom.us`;

async function botToken(clientId: string, clientSecret: string): Promise<{ access_token: string; expires_in: number; scope: string }> {
  const r = await s.app.inject({
    method: 'POST',
    url: '/oauth/token?grant_type=client_credentials',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
  });
  assert.equal(r.statusCode, 200, r.body);
  return JSON.parse(r.body);
}

before(async () => {
  s = await startServer();
  a = await chatAccount(s);
  ann = await a.user('Ann');
  ben = await a.user('Ben');
  channelId = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Bots', type: 1, members: [{ email: ben.email }] })).body.id;
  const app = await s.client.post('/_openzoom/apps', { account_id: a.accountId, scopes: ['imchat:bot'], app_type: 'chatbot', name: 'Helper' });
  assert.equal(app.status, 201, app.raw);
  bot = app.body;
  botApi = s.client.withToken((await botToken(bot.client_id, bot.client_secret)).access_token);
});
after(() => s.close());

const card = (text: string): any => ({ head: { text: 'Report', sub_head: { text: 'daily' } }, body: [{ type: 'message', text }, { type: 'fields', items: [{ key: 'Status', value: 'OK' }] }, { type: 'actions', items: [{ text: 'Ack', value: 'ack', style: 'Primary' }] }] });

describe('Send, edit and delete chatbot messages', () => {
  test('the chatbot app gets a robot_jid; it writes to a user and to a channel; the message is listed with its card', async () => {
    assert.match(bot.robot_jid, /^v1[A-Za-z0-9]{14}@xmpp\.zoom\.us$/);
    const toUser = await botApi.post('/v2/im/chat/messages', { robot_jid: bot.robot_jid, to_jid: jid(ann.id), account_id: a.accountId, user_jid: jid(ann.id), content: card('hello Ann') });
    assert.equal(toUser.status, 201, toUser.raw);
    assert.deepEqual([toUser.body.robot_jid, toUser.body.to_jid, toUser.body.user_jid], [bot.robot_jid, jid(ann.id), jid(ann.id)]);
    assert.match(toUser.body.sent_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const toChannel = await botApi.post('/v2/im/chat/messages', { robot_jid: bot.robot_jid, to_jid: `${channelId}@conference.xmpp.zoom.us`, account_id: a.accountId, user_jid: jid(ben.id), content: card('hello channel'), is_markdown_support: true });
    assert.equal(toChannel.status, 201, toChannel.raw);
    const listed = (await ben.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}`)).body.messages.find((m: { id: string }) => m.id === toChannel.body.message_id);
    assert.equal(listed.sender, bot.robot_jid);
    assert.deepEqual(listed.bot_message, card('hello channel'));
    assert.equal(listed.message, 'Report\nhello channel');
  });

  test('the bot edits and deletes its own message; an unknown or foreign message is 404/8001', async () => {
    const sent = await botApi.post('/v2/im/chat/messages', { robot_jid: bot.robot_jid, to_jid: `${channelId}@conference.xmpp.zoom.us`, account_id: a.accountId, user_jid: jid(ann.id), content: card('v1') });
    const id = sent.body.message_id;
    const edited = await botApi.put(`/v2/im/chat/messages/${id}`, { robot_jid: bot.robot_jid, account_id: a.accountId, content: card('v2'), user_jid: jid(ann.id) });
    assert.equal(edited.status, 200, edited.raw);
    assert.equal(edited.body.message_id, id);
    const all = (await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}&include_deleted_and_edited_message=true`)).body.messages;
    assert.deepEqual([all.find((m: { id: string }) => m.id === id).status, all.find((m: { id: string }) => m.id === id).bot_message.body[0].text], ['Edited', 'v2']);
    const gone = await botApi.delete(`/v2/im/chat/messages/${id}?account_id=${a.accountId}&robot_jid=${encodeURIComponent(bot.robot_jid)}&user_jid=${encodeURIComponent(jid(ann.id))}`);
    assert.equal(gone.status, 200, gone.raw);
    assert.equal(gone.body.message_id, id);
    const again = await botApi.delete(`/v2/im/chat/messages/${id}?account_id=${a.accountId}&robot_jid=${encodeURIComponent(bot.robot_jid)}`);
    assert.deepEqual([again.status, again.body.code], [404, 8001]);
    // A user's message is not the bot's to change.
    const userMessage = (await ann.api.post('/v2/chat/users/me/messages', { message: 'mine', to_channel: channelId })).body.id;
    assert.equal((await botApi.put(`/v2/im/chat/messages/${userMessage}`, { robot_jid: bot.robot_jid, account_id: a.accountId, content: card('x') })).body.code, 8001);
  });

  test("Zoom's chatbot errors: a bad card 7001, a malformed robot_jid 7002, another bot's 7003, a user token or foreign account 7004, an unknown to_jid 7004", async () => {
    const base = { robot_jid: bot.robot_jid, to_jid: jid(ann.id), account_id: a.accountId, user_jid: jid(ann.id), content: card('x') };
    const other = await s.client.post('/_openzoom/apps', { account_id: a.accountId, scopes: ['imchat:bot'], app_type: 'chatbot' });
    const cases: Array<[Record<string, unknown>, number, number, TestClient?]> = [
      [{ ...base, content: {} }, 400, 7001],
      [{ ...base, content: { body: [{ type: 'nonsense' }] } }, 400, 7001],
      [{ ...base, content: { head: { text: 3 } } }, 400, 7001],
      [{ ...base, content: { body: [{ type: 'fields', items: [{ key: 'k' }] }] } }, 400, 7001],
      [{ ...base, robot_jid: 'not-a-jid' }, 404, 7002],
      [{ ...base, robot_jid: other.body.robot_jid }, 403, 7003],
      [{ ...base, account_id: 'someone-else' }, 403, 7004],
      [{ ...base, to_jid: 'nobody@xmpp.zoom.us' }, 403, 7004],
      [{ ...base, to_jid: `${channelId}@conference.xmpp.zoom.us`, user_jid: jid(a.ownerId) }, 403, 7004],
      // A user's token: the privilege rule (IMChatBot:Edit) refuses a Member first.
      [base, 400, 200, ann.api],
      [{ ...base, account_id: undefined }, 400, 300],
    ];
    const before = (await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}&page_size=50`)).body.messages.length;
    for (const [body, status, code, client] of cases) {
      const r = await (client ?? botApi).post('/v2/im/chat/messages', body);
      assert.deepEqual([r.status, r.body.code], [status, code], JSON.stringify(body).slice(0, 120));
    }
    assert.equal((await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}&page_size=50`)).body.messages.length, before);
    // An app that is not a chatbot, even holding imchat:bot, is not authorized (7004).
    assert.deepEqual((await a.api.post('/v2/im/chat/messages', base)).body, { code: 7004, message: 'Not authorized.' });
  });
});

describe('Chat on the control plane', () => {
  test('a user writes to a chatbot (bot_notification) and installs it (bot_installed); an unknown bot is 404/7002', async () => {
    const r = await s.client.post('/_openzoom/chat/messages', { account_id: a.accountId, user: ann.email, to_jid: bot.robot_jid, message: 'weather Paris' });
    assert.equal(r.status, 201, r.raw);
    const note = (await events(s, a.accountId, 'bot_notification')).at(-1)!.payload;
    assert.deepEqual([note.cmd, note.robotJid, note.userId, note.userJid, note.accountId, note.name], ['weather Paris', bot.robot_jid, ann.id, jid(ann.id), a.accountId, 'Helper']);
    const install = await s.client.post('/_openzoom/chat/bot_installs', { account_id: a.accountId, user: ann.id, robot_jid: bot.robot_jid });
    assert.equal(install.status, 201, install.raw);
    assert.equal((await events(s, a.accountId, 'bot_installed')).at(-1)!.payload.userId, ann.id);
    assert.equal((await s.client.post('/_openzoom/chat/bot_installs', { account_id: a.accountId, user: ann.id, robot_jid: 'v1nobody@xmpp.zoom.us' })).body.code, 7002);
  });

  test('a user posts to a channel or a contact as through the API (events included); refusals are the API\'s', async () => {
    const r = await s.client.post('/_openzoom/chat/messages', { account_id: a.accountId, user: ben.id, to_channel: channelId, message: 'from the control plane' });
    assert.equal(r.status, 201, r.raw);
    assert.equal((await events(s, a.accountId, 'team_chat.channel_message_posted')).at(-1)!.payload.object.message_id, r.body.id);
    assert.ok((await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}`)).body.messages.some((m: { id: string }) => m.id === r.body.id));
    const outsider = await a.user('Outsider');
    assert.equal((await s.client.post('/_openzoom/chat/messages', { account_id: a.accountId, user: outsider.id, to_channel: channelId, message: 'x' })).body.code, 4130);
    assert.equal((await s.client.post('/_openzoom/chat/messages', { account_id: a.accountId, user: 'nobody@x.example.com', to_contact: ann.id, message: 'x' })).body.code, 1001);
    assert.equal((await s.client.post('/_openzoom/chat/messages', { account_id: a.accountId, user: ann.id, message: 'x', extra: 1 })).body.code, 300);
  });
});

/** Rivet asks zoom.us for tokens whatever the base URL: the store hands it OpenZoom's. */
class OpenZoomTokenStore {
  private token: { accessToken: string; expirationTimeIso: string; scopes: string[] } | undefined;
  private readonly fetchToken: () => Promise<{ access_token: string; expires_in: number; scope: string }>;
  constructor(fetchToken: () => Promise<{ access_token: string; expires_in: number; scope: string }>) {
    this.fetchToken = fetchToken;
  }
  async getLatestToken() {
    if (!this.token || Date.parse(this.token.expirationTimeIso) - Date.now() < 5 * 60_000) {
      const t = await this.fetchToken();
      this.token = { accessToken: t.access_token, expirationTimeIso: new Date(Date.now() + t.expires_in * 1000).toISOString(), scopes: t.scope.split(' ') };
    }
    return this.token;
  }
  storeToken(token: { accessToken: string; expirationTimeIso: string; scopes: string[] }) {
    this.token = token;
  }
}

describe('@zoom/rivet against OpenZoom', () => {
  let base: string;
  before(async () => {
    base = await s.app.listen({ host: '127.0.0.1', port: 0 });
  });

  test('the chatbot client sends, edits and deletes; the team chat client creates a channel, posts and lists', async () => {
    const chatbot = new ChatbotClient({
      clientId: bot.client_id,
      clientSecret: bot.client_secret,
      tokenStore: new OpenZoomTokenStore(() => botToken(bot.client_id, bot.client_secret)),
      baseUrl: `${base}/v2`,
      disableReceiver: true,
    } as ConstructorParameters<typeof ChatbotClient>[0]);
    const sent = await chatbot.endpoints.messages.sendChatbotMessage({ body: { robot_jid: bot.robot_jid, to_jid: jid(ann.id), account_id: a.accountId, user_jid: jid(ann.id), content: card('from Rivet') } });
    assert.equal(sent.statusCode, 201);
    const id = (sent.data as { message_id: string }).message_id;
    const edited = await chatbot.endpoints.messages.editChatbotMessage({ path: { message_id: id }, body: { robot_jid: bot.robot_jid, account_id: a.accountId, user_jid: jid(ann.id), content: card('edited by Rivet') } });
    assert.equal(edited.data?.message_id, id);
    const deleted = await chatbot.endpoints.messages.deleteChatbotMessage({ path: { message_id: id }, query: { robot_jid: bot.robot_jid, account_id: a.accountId, user_jid: jid(ann.id) } });
    assert.equal(deleted.statusCode, 200);

    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const { account_id, client_id, client_secret, owner_id } = acct.body;
    const teamChat = new TeamChatS2SAuthClient({
      clientId: client_id,
      clientSecret: client_secret,
      accountId: account_id,
      tokenStore: new OpenZoomTokenStore(async () => {
        const r = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${account_id}`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}` },
        });
        return (await r.json()) as { access_token: string; expires_in: number; scope: string };
      }),
      baseUrl: `${base}/v2`,
      disableReceiver: true,
    });
    const channel = await teamChat.endpoints.chatChannels.createChannel({ path: { userId: owner_id }, body: { name: 'Rivet channel', type: 1 } });
    assert.equal(channel.statusCode, 201);
    const posted = await teamChat.endpoints.chatMessages.sendChatMessage({ path: { userId: owner_id }, body: { message: 'hello from Rivet', to_channel: channel.data!.id! } });
    assert.equal(posted.statusCode, 201);
    const listed = await teamChat.endpoints.chatMessages.listUsersChatMessages({ path: { userId: owner_id }, query: { to_channel: channel.data!.id! } });
    assert.deepEqual(listed.data?.messages?.map((m) => m.id), [posted.data!.id]);
    const channels = await teamChat.endpoints.chatChannels.listUsersChannels({ path: { userId: owner_id } });
    assert.deepEqual(channels.data?.channels?.map((c) => c.name), ['Rivet channel']);
    await assert.rejects(teamChat.endpoints.chatChannels.getChannel({ path: { channelId: '0123456789abcdef0123456789abcdef' } }), /\[404\/4130\]/);
  });
});
