// Team Chat messages: send to a channel or a contact with rich text, mentions,
// replies and cards; list with Zoom's filters and next_page_token; edit and
// delete by the sender only; chat_message.* and team_chat.* events; and the
// 2021 IM Chat operations over the same conversations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatAccount, events, type ChatAccount, type ChatUser } from './helpers/chat.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { expectNoEvents, markEvents } from './helpers/events.ts';

let s: TestServer;
let a: ChatAccount;
let ann: ChatUser;
let ben: ChatUser;
let cat: ChatUser;
let channelId: string;
before(async () => {
  s = await startServer();
  a = await chatAccount(s);
  ann = await a.user('Ann');
  ben = await a.user('Ben');
  cat = await a.user('Cat');
  channelId = (await ann.api.post('/v2/chat/users/me/channels', { name: 'General', type: 1, members: [{ email: ben.email }] })).body.id;
});
after(() => s.close());

const send = async (by: ChatUser, body: Record<string, unknown>) => {
  const r = await by.api.post('/v2/chat/users/me/messages', body);
  assert.equal(r.status, 201, r.raw);
  return r.body.id as string;
};
const list = async (by: ChatUser, query: string) => {
  const r = await by.api.get(`/v2/chat/users/me/messages?${query}`);
  assert.equal(r.status, 200, r.raw);
  return r.body;
};

describe('Send a chat message (sendaChatMessage)', () => {
  test('to a channel: an upper-case UUID, listed newest first with sender, date_time and timestamp; chat_message.sent and team_chat.channel_message_posted', async () => {
    const id = await send(ann, { message: 'Hello channel', to_channel: channelId });
    assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    const got = await list(ben, `to_channel=${channelId}`);
    const m = got.messages.find((x: { id: string }) => x.id === id);
    assert.equal(m.message, 'Hello channel');
    assert.equal(m.sender, ann.email);
    assert.equal(m.send_member_id, ann.id.toLowerCase());
    assert.match(m.date_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(typeof m.timestamp, 'number');
    assert.equal(m.date_time, new Date(m.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    assert.ok(got.date, 'today by default');
    const sent = (await events(s, a.accountId, 'chat_message.sent')).at(-1)!.payload;
    assert.deepEqual([sent.object.id, sent.object.type, sent.object.channel_id, sent.object.channel_name, sent.object.contact_id, sent.operator_id], [id, 'to_channel', channelId, 'General', '', ann.id]);
    assert.equal(sent.object.session_id, `${channelId}@conference.xmpp.zoom.us`);
    const posted = (await events(s, a.accountId, 'team_chat.channel_message_posted')).at(-1)!.payload;
    assert.deepEqual([posted.object.message_id, posted.object.channel_owner_account_id, posted.operator_member_id, posted.by_external_user], [id, a.accountId, ann.id.toLowerCase(), false]);
  });

  test('to a contact by email, id or member id: one conversation both ways; team_chat.dm_message_posted', async () => {
    const one = await send(ann, { message: 'hi Cat', to_contact: cat.email });
    const two = await send(cat, { message: 'hi Ann', to_contact: ann.id });
    const three = await send(ann, { message: 'by member id', to_contact: cat.id.toLowerCase() });
    const fromAnn = (await list(ann, `to_contact=${cat.email}`)).messages.map((m: { id: string }) => m.id);
    const fromCat = (await list(cat, `to_contact=${ann.id}`)).messages.map((m: { id: string }) => m.id);
    assert.deepEqual(new Set(fromAnn), new Set([one, two, three]));
    assert.deepEqual(fromCat, fromAnn);
    const dm = (await events(s, a.accountId, 'team_chat.dm_message_posted')).at(-1)!.payload.object;
    assert.deepEqual([dm.message_id, dm.contact_id, dm.contact_email, dm.contact_member_id], [three, cat.id, cat.email, cat.id.toLowerCase()]);
  });

  test('rich text and mentions are kept; @all follows mention_all_permissions; positions must fall in the message', async () => {
    const id = await send(ann, {
      message: 'Hey @Ben and @all',
      to_channel: channelId,
      rich_text: [{ start_position: 0, end_position: 3, format_type: 'Bold' }],
      at_items: [
        { at_contact: ben.email, at_type: 1, start_position: 4, end_position: 8 },
        { at_type: 2, start_position: 13, end_position: 17 },
      ],
    });
    const m = (await list(ben, `to_channel=${channelId}`)).messages.find((x: { id: string }) => x.id === id);
    assert.deepEqual(m.rich_text, [{ start_position: 0, end_position: 3, format_type: 'Bold' }]);
    assert.deepEqual(m.at_items[0], { at_contact: ben.email, at_contact_member_id: ben.id.toLowerCase(), at_type: 1, start_position: 4, end_position: 8 });
    assert.equal((await ann.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: channelId, rich_text: [{ start_position: 0, end_position: 9, format_type: 'Bold' }] })).body.code, 300);
    assert.equal((await ann.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: channelId, at_items: [{ at_contact: 'nobody@x.example.com', at_type: 1, start_position: 0, end_position: 1 }] })).body.code, 300);
    const quiet = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Quiet', type: 1, members: [{ email: ben.email }], channel_settings: { mention_all_permissions: 2 } })).body.id;
    assert.equal((await ben.api.post('/v2/chat/users/me/messages', { message: '@all', to_channel: quiet, at_items: [{ at_type: 2, start_position: 0, end_position: 4 }] })).body.code, 5301);
    assert.equal((await ann.api.post('/v2/chat/users/me/messages', { message: '@all', to_channel: quiet, at_items: [{ at_type: 2, start_position: 0, end_position: 4 }] })).status, 201);
  });

  test('replies go to a main message of the same conversation (chat_message.replied); replying to a reply is 5402', async () => {
    const main = await send(ann, { message: 'Main', to_channel: channelId });
    const reply = await send(ben, { message: 'Reply', to_channel: channelId, reply_main_message_id: main });
    const replied = (await events(s, a.accountId, 'chat_message.replied')).at(-1)!.payload.object;
    assert.deepEqual([replied.id, replied.parent_msg_id], [reply, main]);
    const got = (await list(ann, `to_channel=${channelId}`)).messages;
    const r = got.find((x: { id: string }) => x.id === reply);
    assert.equal(r.reply_main_message_id, main);
    assert.equal(r.reply_main_message_timestamp, got.find((x: { id: string }) => x.id === main).timestamp);
    assert.ok(!(await list(ann, `to_channel=${channelId}&exclude_child_message=true`)).messages.some((x: { id: string }) => x.id === reply));
    assert.deepEqual((await ann.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: channelId, reply_main_message_id: reply })).body, { code: 5402, message: 'This only supports replies to a main message.' });
    assert.equal((await ann.api.post('/v2/chat/users/me/messages', { message: 'x', to_contact: ben.email, reply_main_message_id: main })).body.code, 300);
  });

  test('bad input answers Zoom\'s errors and writes nothing', async () => {
    const before = (await list(ann, `to_channel=${channelId}&page_size=50`)).messages.length;
    const mark = await markEvents(s);
    const cases: Array<[Record<string, unknown>, number, number]> = [
      [{ message: 'x' }, 400, 300],
      [{ to_channel: channelId }, 400, 300],
      [{ message: 'x', to_channel: '0123456789abcdef0123456789abcdef' }, 404, 4130],
      [{ message: 'x', to_contact: 'nobody@chat.example.com' }, 404, 1001],
      [{ message: 'x', to_channel: channelId, file_ids: ['abc'] }, 400, 5404],
      [{ message: 'x', to_channel: channelId, interactive_cards: [{ card_json: 'not json' }] }, 400, 5405],
      [{ message: 'x'.repeat(1025), to_channel: channelId }, 400, 300],
      [{ message: 'x', to_channel: channelId, scheduled_time: new Date(Date.now() + 60_000).toISOString() }, 400, 300],
      [{ message: 42, to_channel: channelId }, 400, 300],
    ];
    for (const [body, status, code] of cases) {
      const r = await ann.api.post('/v2/chat/users/me/messages', body);
      assert.deepEqual([r.status, r.body.code], [status, code], JSON.stringify(body));
    }
    // A user outside the channel cannot post in it.
    assert.equal((await cat.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: channelId })).body.code, 4130);
    assert.equal((await list(ann, `to_channel=${channelId}&page_size=50`)).messages.length, before);
    await expectNoEvents(s, mark);
  });

  test('posting_permissions: 2 keeps posting to the owner and admins, 3 adds designated members', async () => {
    const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Announcements', type: 1, members: [{ email: ben.email }, { email: cat.email }], channel_settings: { posting_permissions: 2 } })).body.id;
    assert.deepEqual((await ben.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: c })).body, { code: 5301, message: 'Message sending failed.' });
    await send(ann, { message: 'Owner speaks', to_channel: c });
    assert.equal((await ann.api.patch(`/v2/chat/channels/${c}`, { channel_settings: { posting_permissions: 3, designated_posting_members: [{ member_id: ben.id.toLowerCase() }] } })).status, 204);
    await send(ben, { message: 'Designated', to_channel: c });
    assert.equal((await cat.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: c })).body.code, 5301);
  });

  test('a scheduled message (30 minutes to 180 days ahead) appears when its time comes', async () => {
    const at = Date.now() + 31 * 60_000;
    const id = await send(ann, { message: 'Later', to_contact: ben.email, scheduled_time: new Date(at).toISOString() });
    assert.ok(!(await list(ann, `to_contact=${ben.email}`)).messages.some((m: { id: string }) => m.id === id));
    await s.client.post('/_openzoom/clock', { advance_seconds: 32 * 60 });
    try {
      const day = new Date(at).toISOString().slice(0, 10);
      assert.ok((await list(ann, `to_contact=${ben.email}&date=${day}`)).messages.some((m: { id: string }) => m.id === id));
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
    }
  });
});

describe("List user's chat messages (getChatMessages)", () => {
  test('pages newest first by next_page_token, without repeats or gaps', async () => {
    const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Busy', type: 1 })).body.id;
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await send(ann, { message: `m${i}`, to_channel: c }));
    const seen: string[] = [];
    let token = '';
    do {
      const page = await list(ann, `to_channel=${c}&page_size=3${token ? `&next_page_token=${token}` : ''}`);
      assert.equal(page.page_size, 3);
      assert.equal(page.total_records, undefined);
      seen.push(...page.messages.map((m: { id: string }) => m.id));
      token = page.next_page_token;
    } while (token);
    assert.deepEqual(new Set(seen), new Set(ids));
    assert.equal(seen.length, 7);
    const times = [];
    for (const id of seen) times.push((await list(ann, `to_channel=${c}&page_size=50`)).messages.find((m: { id: string }) => m.id === id).timestamp);
    assert.deepEqual(times, [...times].sort((x, y) => y - x));
  });

  test('date, from/to, search and include_deleted_and_edited_message filter as Zoom documents', async () => {
    const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Filters', type: 1 })).body.id;
    const keep = await send(ann, { message: 'Apples and pears', to_channel: c });
    const edit = await send(ann, { message: 'Typo', to_channel: c });
    const gone = await send(ann, { message: 'Oops', to_channel: c });
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${edit}`, { message: 'Fixed', to_channel: c })).status, 204);
    assert.equal((await ann.api.delete(`/v2/chat/users/me/messages/${gone}?to_channel=${c}`)).status, 204);
    const plain = (await list(ann, `to_channel=${c}`)).messages;
    assert.deepEqual(plain.map((m: { id: string }) => m.id).sort(), [keep, edit].sort());
    assert.equal(plain.find((m: { id: string }) => m.id === edit).message, 'Fixed');
    assert.ok(plain.every((m: { status?: string }) => m.status === undefined));
    const all = (await list(ann, `to_channel=${c}&include_deleted_and_edited_message=true`)).messages;
    assert.deepEqual(Object.fromEntries(all.map((m: { id: string; status: string }) => [m.id, m.status])), { [keep]: 'Normal', [edit]: 'Edited', [gone]: 'Deleted' });
    const found = await list(ann, `search_type=message&search_key=${encodeURIComponent('APPLES')}`);
    assert.deepEqual(found.messages.map((m: { id: string }) => m.id), [keep]);
    assert.deepEqual((await list(ann, 'search_type=file&search_key=apples')).messages, []);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await list(ann, `to_channel=${c}&date=${today}`)).date, today);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual((await list(ann, `to_channel=${c}&date=${yesterday}`)).messages, []);
    const ranged = await list(ann, `to_channel=${c}&from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z/, 'Z'))}`);
    assert.equal(ranged.messages.length, 2);
    assert.ok(ranged.from && ranged.to);
  });

  test("Zoom's errors: no target (300), older than six months (300), unknown channel (4130) or contact (1001), a search half given (300)", async () => {
    assert.deepEqual((await ann.api.get('/v2/chat/users/me/messages')).body, { code: 300, message: 'Must provide either contact or channel parameter.' });
    assert.deepEqual((await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}&date=2020-01-01`)).body, { code: 300, message: 'Only provide past chat messages in recent 6 months.' });
    assert.equal((await ann.api.get('/v2/chat/users/me/messages?to_channel=0123456789abcdef0123456789abcdef')).body.code, 4130);
    assert.equal((await ann.api.get('/v2/chat/users/me/messages?to_contact=nobody@chat.example.com')).body.code, 1001);
    assert.equal((await ann.api.get('/v2/chat/users/me/messages?search_key=x')).body.code, 300);
    assert.equal((await ann.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}&date=not-a-date`)).body.code, 300);
  });

  test("an admin app reads a user's messages by the user's id; a user-level token only its own (4711)", async () => {
    await send(ann, { message: 'For the record', to_contact: ben.email });
    assert.ok((await a.api.get(`/v2/chat/users/${ann.id}/messages?to_contact=${ben.email}`)).body.messages.length > 0);
    const r = await cat.api.get(`/v2/chat/users/${ann.id}/messages?to_contact=${ben.email}`);
    assert.deepEqual([r.status, r.body.code], [400, 4711]);
  });
});

describe("Kept pages of a channel's messages (getChatMessages)", () => {
  type Listed = { date?: string; messages: Array<{ id: string; message: string; sender_display_name: string; reply_main_message_id?: string }> };
  const page = async (by: ChatUser, query: string) => (await by.api.get(`/v2/chat/users/me/messages?${query}`)).body as Listed & { code?: number };

  test('a page answered again follows every write: sent, replied, edited, deleted, the sender renamed, a member leaving, the channel deleted; each user its own', async () => {
    const c = (await ann.api.post('/v2/chat/users/me/channels', { name: 'Kept', type: 1, members: [{ email: ben.email }] })).body.id;
    const q = `to_channel=${c}`;
    const one = await send(ann, { message: 'one', to_channel: c });
    assert.deepEqual(await page(ann, q), await page(ann, q));
    assert.equal((await page(cat, q)).code, 4130, "not a member: another user's kept page is not its own");
    const two = await send(ben, { message: 'two', to_channel: c });
    const reply = await send(ben, { message: 'three', to_channel: c, reply_main_message_id: one });
    assert.deepEqual((await page(ann, q)).messages.map((m) => m.id).sort(), [one, two, reply].sort());
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${one}`, { message: 'one, edited', to_channel: c })).status, 204);
    assert.equal((await page(ben, q)).messages.find((m) => m.id === one)!.message, 'one, edited');
    assert.equal((await ben.api.delete(`/v2/chat/users/me/messages/${two}?to_channel=${c}`)).status, 204);
    assert.ok(!(await page(ann, q)).messages.some((m) => m.id === two));
    assert.equal((await a.api.patch(`/v2/users/${ben.id}`, { first_name: 'Benedict' })).status, 204);
    assert.match((await page(ann, q)).messages.find((m) => m.id === reply)!.sender_display_name, /^Benedict /);
    assert.equal((await ben.api.delete(`/v2/chat/channels/${c}/members/me`)).status, 204);
    assert.equal((await page(ben, q)).code, 4130, 'a member who left reads no more');
    assert.equal((await page(ann, q)).messages.length, 2);
    assert.equal((await ann.api.delete(`/v2/chat/channels/${c}`)).status, 204);
    assert.equal((await page(ann, q)).code, 4130);
  });

  test('a kept page follows the clock: a scheduled message appears when its time comes, and a new day lists the new day', async () => {
    // 23:00 (UTC) tomorrow, the clock stopped; tokens are made again whenever it moved.
    const eve = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 23);
    const move = async (toMs: number) => {
      assert.equal((await s.client.post('/_openzoom/clock', { set: toMs, freeze: true })).status, 200);
      me.api = await a.token(ann.id);
    };
    const me = { ...ann };
    try {
      await move(eve);
      const c = (await me.api.post('/v2/chat/users/me/channels', { name: 'Kept by the clock', type: 1 })).body.id;
      const now = await send(me, { message: 'now', to_channel: c });
      const later = await send(me, { message: 'later', to_channel: c, scheduled_time: new Date(eve + 31 * 60_000).toISOString() });
      const window = `to_channel=${c}&from=${encodeURIComponent(new Date(eve - 3600_000).toISOString())}&to=${encodeURIComponent(new Date(eve + 7200_000).toISOString())}`;
      const today = `to_channel=${c}`;
      assert.deepEqual((await page(me, window)).messages.map((m) => m.id), [now]);
      // Kept ten seconds before the scheduled time, and read again five seconds after it.
      await move(eve + 31 * 60_000 - 10_000);
      assert.deepEqual((await page(me, window)).messages.map((m) => m.id), [now]);
      assert.deepEqual((await page(me, today)).messages.map((m) => m.id), [now]);
      await move(eve + 31 * 60_000 + 5_000);
      assert.deepEqual((await page(me, window)).messages.map((m) => m.id), [later, now]);
      assert.deepEqual((await page(me, today)).messages.map((m) => m.id), [later, now]);
      // Kept ten seconds before midnight, read again ten seconds after it.
      await move(eve + 3600_000 - 10_000);
      const before = await page(me, today);
      assert.equal(before.messages.length, 2);
      await move(eve + 3600_000 + 10_000);
      const after = await page(me, today);
      assert.notEqual(after.date, before.date);
      assert.deepEqual(after.messages, []);
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
    }
  });
});

describe('Update and delete a message (editMessage, deleteChatMessage)', () => {
  test('only the sender edits (chat_message.updated, team_chat.dm_message_updated) and deletes (chat_message.deleted); others get 400/200', async () => {
    const id = await send(ann, { message: 'Draft', to_contact: ben.email });
    assert.deepEqual((await ben.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'Hijack', to_contact: ann.email })).body, { code: 200, message: 'Only the sender of this message can make updates.' });
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'Final', to_contact: ben.email })).status, 204);
    const updated = (await events(s, a.accountId, 'chat_message.updated')).at(-1)!.payload.object;
    assert.deepEqual([updated.id, updated.message, updated.type], [id, 'Final', 'to_contact']);
    assert.equal((await events(s, a.accountId, 'team_chat.dm_message_updated')).at(-1)!.payload.object.message_id, id);
    assert.equal((await ben.api.delete(`/v2/chat/users/me/messages/${id}?to_contact=${ann.email}`)).body.code, 200);
    assert.equal((await ann.api.delete(`/v2/chat/users/me/messages/${id}?to_contact=${ben.email}`)).status, 204);
    assert.equal((await events(s, a.accountId, 'chat_message.deleted')).at(-1)!.payload.object.id, id);
    assert.equal((await events(s, a.accountId, 'team_chat.dm_message_deleted')).at(-1)!.payload.object.message_id, id);
    // Gone: neither edited nor deleted again.
    assert.deepEqual((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'Again', to_contact: ben.email })).body, { code: 300, message: `Message does not exist: ${id}.` });
    assert.equal((await ann.api.delete(`/v2/chat/users/me/messages/${id}?to_contact=${ben.email}`)).body.code, 300);
  });

  test('a target is required and must be the message\'s conversation', async () => {
    const id = await send(ann, { message: 'Here', to_channel: channelId });
    assert.deepEqual((await ann.api.delete(`/v2/chat/users/me/messages/${id}`)).body, { code: 300, message: 'You must provide the "to_contact" or the "to_channel" query parameter.' });
    assert.deepEqual((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'x' })).body, { code: 300, message: 'Must provide either contact or channel parameter.' });
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'x', to_contact: ben.email })).body.code, 300);
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { message: 'x', to_channel: channelId, file_ids: ['f'] })).body.code, 5404);
    assert.equal((await list(ann, `to_channel=${channelId}`)).messages.find((m: { id: string }) => m.id === id).message, 'Here');
  });

  test('interactive cards get ids; an edit keeps a card by id, replaces others, and refuses unknown ids (5046)', async () => {
    const id = await send(ann, { message: 'Card', to_channel: channelId, interactive_cards: [{ card_json: '{"content":{"head":{"text":"Hi"}}}' }] });
    const card = (await list(ann, `to_channel=${channelId}`)).messages.find((m: { id: string }) => m.id === id).interactive_cards[0];
    assert.match(card.card_id, /^[0-9A-F-]{36}$/);
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { to_channel: channelId, interactive_cards: [{ card_id: 'nope' }] })).body.code, 5046);
    assert.equal((await ann.api.put(`/v2/chat/users/me/messages/${id}`, { to_channel: channelId, interactive_cards: [{ card_id: card.card_id }, { card_json: '{"a":1}' }] })).status, 204);
    const cards = (await list(ann, `to_channel=${channelId}`)).messages.find((m: { id: string }) => m.id === id).interactive_cards;
    assert.equal(cards.length, 2);
    assert.deepEqual(cards[0], card);
  });
});

describe('IM Chat (the 2021 definitions, over the same conversations)', () => {
  test('Send IM messages and Get user\'s IM messages: lower-case UUIDs, "timstamp" as Zoom spells it', async () => {
    const r = await ann.api.post(`/v2/im/users/me/chat/messages?chat_user=${encodeURIComponent(cat.email)}`, { message: 'IM hello' });
    assert.equal(r.status, 201, r.raw);
    const got = await cat.api.get(`/v2/im/users/me/chat/messages?chat_user=${ann.id}`);
    assert.equal(got.status, 200, got.raw);
    const m = got.body.messages.find((x: { message: string }) => x.message === 'IM hello');
    assert.equal(m.id, r.body.id.toLowerCase());
    assert.equal(m.sender, ann.email);
    assert.equal(typeof m.timstamp, 'number');
    assert.match(got.body.date, /T00:00:00Z$/);
    // The same message in the Team Chat list.
    assert.ok((await list(cat, `to_contact=${ann.email}`)).messages.some((x: { id: string }) => x.id === r.body.id));
    assert.deepEqual((await ann.api.post('/v2/im/users/me/chat/messages', { message: 'x' })).body, { code: 300, message: 'Invalid parameter: channel/chat_user.' });
    assert.deepEqual((await ann.api.post('/v2/im/users/me/chat/messages?chat_user=nobody@chat.example.com', { message: 'x' })).body, { code: 1001, message: 'User does not exist.' });
    assert.equal((await ann.api.get(`/v2/im/users/me/chat/messages?channel=${channelId}`)).status, 200);
    assert.equal((await ann.api.get('/v2/im/users/me/chat/messages')).body.code, 300);
  });

  test('Get IM chat sessions and Get IM chat messages: Group and 1:1 sessions, edits and deletions as actions', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const sessions = await a.api.get(`/v2/im/chat/sessions?from=${today}&to=${today}`);
    assert.equal(sessions.status, 200, sessions.raw);
    const group = sessions.body.sessions.find((x: { session_id: string }) => x.session_id === `${channelId}@conference.xmpp.zoom.us`);
    assert.deepEqual([group.type, group.name], ['Group', 'General']);
    assert.ok(sessions.body.sessions.some((x: { type: string }) => x.type === '1:1'));
    const own = (await cat.api.get(`/v2/im/chat/sessions?from=${today}&to=${today}`)).body.sessions;
    assert.ok(!own.some((x: { session_id: string }) => x.session_id === group.session_id), 'Cat is not in General');
    assert.ok(own.some((x: { type: string }) => x.type === '1:1'));
    const edited = await send(ann, { message: 'v1', to_channel: channelId });
    await ann.api.put(`/v2/chat/users/me/messages/${edited}`, { message: 'v2', to_channel: channelId });
    const msgs = await a.api.get(`/v2/im/chat/sessions/${encodeURIComponent(group.session_id)}?from=${today}&to=${today}&page_size=300`);
    assert.equal(msgs.status, 200, msgs.raw);
    const m = msgs.body.messages.find((x: { message: string }) => x.message === 'v2');
    assert.equal(m.action, 'Edit');
    assert.ok(m.action_time);
    // Cat is not in the channel: its own token may not read the session.
    assert.deepEqual((await cat.api.get(`/v2/im/chat/sessions/${encodeURIComponent(group.session_id)}?from=${today}&to=${today}`)).body, { code: 200, message: 'No permission.' });
    assert.equal((await a.api.get(`/v2/im/chat/sessions/nosuchsession?from=${today}&to=${today}`)).status, 404);
    assert.deepEqual((await a.api.get('/v2/im/chat/sessions?from=2020-01-01&to=2020-01-02')).body, { code: 300, message: 'Report requested exceeds 6 month limit.' });
    assert.equal((await a.api.get('/v2/im/chat/sessions?from=2020-01-01')).body.code, 300);
  });
});

describe("Another account's ids", () => {
  test('channels, users and messages of another account are unknown here (4130, 1001, 300), and nothing of theirs changes', async () => {
    const b = await chatAccount(s);
    const bob = await b.user('Bob');
    const mine = (await bob.api.post('/v2/chat/users/me/channels', { name: 'B channel', type: 3 })).body.id;
    const theirMessage = await send(ann, { message: 'A only', to_channel: channelId });
    const before = (await list(ann, `to_channel=${channelId}&include_deleted_and_edited_message=true&page_size=50`)).messages;
    assert.equal((await bob.api.post('/v2/chat/users/me/messages', { message: 'x', to_channel: channelId })).body.code, 4130);
    assert.equal((await bob.api.post('/v2/chat/users/me/messages', { message: 'x', to_contact: ann.email })).body.code, 1001);
    assert.equal((await bob.api.post('/v2/chat/users/me/messages', { message: 'x', to_contact: ann.id })).body.code, 1001);
    assert.equal((await bob.api.get(`/v2/chat/users/me/messages?to_channel=${channelId}`)).body.code, 4130);
    assert.equal((await bob.api.put(`/v2/chat/users/me/messages/${theirMessage}`, { message: 'x', to_channel: mine })).body.code, 300);
    assert.equal((await bob.api.delete(`/v2/chat/users/me/messages/${theirMessage}?to_channel=${mine}`)).body.code, 300);
    assert.equal((await b.api.post(`/v2/chat/users/${bob.id}/channels/${mine}/members`, { members: [{ email: ann.email }] })).body.code, 1001);
    assert.equal((await bob.api.post(`/v2/chat/channels/${channelId}/members/me`)).body.code, 4130);
    assert.equal((await bob.api.get(`/v2/chat/users/me/contacts/${ann.id}`)).body.code, 1001);
    assert.deepEqual((await bob.api.get(`/v2/contacts?search_key=${encodeURIComponent(ann.email)}`)).body.contacts, []);
    assert.equal((await b.api.get(`/v2/im/chat/sessions/${encodeURIComponent(`${channelId}@conference.xmpp.zoom.us`)}?from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`)).status, 404);
    assert.deepEqual((await list(ann, `to_channel=${channelId}&include_deleted_and_edited_message=true&page_size=50`)).messages, before);
  });
});
