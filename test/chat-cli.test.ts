// `openzoom chat send` against a running server: a user posts to a contact or a
// channel (the message is then in the API's lists), and bad use exits 2.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cli, serve, type Served } from './helpers/cli.ts';

const KEY = 'chat-cli-admin-key';
let s: Served;
let token: string;
let owner: { id: string; email: string };
const run = (...args: string[]) => cli([...args, '--url', s.url], { env: { OPENZOOM_ADMIN_KEY: KEY } });
const api = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${s.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: r.status, body: (await r.json()) as any };
};

before(async () => {
  s = await serve([], { OPENZOOM_ADMIN_KEY: KEY });
  const t = await run('token');
  assert.equal(t.code, 0, t.stderr);
  token = t.stdout.trim();
  const users = await api('GET', '/v2/users');
  owner = users.body.users[0];
});
after(() => s.stop());

test('chat send posts as the user to a contact and to a channel; the messages are listed', async () => {
  const dm = await run('chat', 'send', '--user', owner.email, '--contact', owner.email, 'note to self', '--json');
  assert.equal(dm.code, 0, dm.stderr);
  const id = JSON.parse(dm.stdout).id;
  const mine = await api('GET', `/v2/chat/users/${owner.id}/messages?to_contact=${encodeURIComponent(owner.email)}`);
  assert.deepEqual(mine.body.messages.map((m: { id: string; message: string }) => [m.id, m.message]), [[id, 'note to self']]);

  const channel = await api('POST', `/v2/chat/users/${owner.id}/channels`, { name: 'From the CLI', type: 1 });
  const text = await run('chat', 'send', '--user', owner.id, '--channel', channel.body.id, 'hello channel');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /id +[0-9A-F-]{36}/);
  const listed = await api('GET', `/v2/chat/users/${owner.id}/messages?to_channel=${channel.body.id}`);
  assert.equal(listed.body.messages[0].message, 'hello channel');
});

test('chat send refuses bad use: no user or no single target (exit 2), an unknown channel (exit 1, Zoom\'s error)', async () => {
  assert.equal((await run('chat', 'send', '--contact', owner.email, 'x')).code, 2);
  assert.equal((await run('chat', 'send', '--user', owner.email, 'x')).code, 2);
  assert.equal((await run('chat', 'send', '--user', owner.email, '--contact', owner.email, '--channel', 'c', 'x')).code, 2);
  const unknown = await run('chat', 'send', '--user', owner.email, '--channel', '0123456789abcdef0123456789abcdef', 'x');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /4130/);
});
