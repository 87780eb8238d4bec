// The webhook commands of `openzoom`, run as a user runs them, against a
// server on loopback: listen --forward-to (subscribe, print, forward signed,
// unsubscribe on Ctrl-C), trigger, events (and show, redeliver), subscriptions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BIN, ROOT, cli } from './helpers/cli.ts';
import { Receiver } from './helpers/receiver.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { assertValidEvent } from './helpers/events.ts';

let s: TestServer;
let rx: Receiver;
let url = '';

before(async () => {
  s = await startServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  rx = await new Receiver('listen-secret').start();
});
after(async () => {
  await s.close();
  await rx.close();
});

const run = (...args: string[]) => cli([...args, '--url', url]);
async function ok(...args: string[]): Promise<string> {
  const r = await run(...args);
  assert.equal(r.code, 0, `openzoom ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));

/** A long-running command: its output so far, and a promise for a line matching a pattern. */
function background(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args, '--url', url], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiting: Array<{ pattern: RegExp; resolve: (m: RegExpExecArray) => void }> = [];
  const feed = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiting]) {
      const m = w.pattern.exec(out);
      if (m) (waiting.splice(waiting.indexOf(w), 1), w.resolve(m));
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    exited,
    output: () => out,
    until: (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const m = pattern.exec(out);
        if (m) return resolve(m);
        waiting.push({ pattern, resolve });
        void exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${out}`)));
      }),
  };
}

describe('openzoom listen', () => {
  test('subscribes, forwards url validation and each event signed to the app, prints it, and unsubscribes on Ctrl-C', async () => {
    const listen = background(['listen', '--forward-to', rx.url, '--events', 'group.created,user.created', '--secret', rx.secret]);
    try {
      const ready = await listen.until(/Ready! Forwarding 2 events to (\S+)\nSecret token: listen-secret {2}\(subscription (\S+);/);
      assert.equal(ready[1], rx.url);
      const subscriptionId = ready[2]!;
      // The app itself answered the validation challenge, through the command.
      assert.ok(rx.received.some((r) => r.body?.event === 'endpoint.url_validation' && r.signed && r.answered === 200));

      const arrived = rx.nextEvent('group.created');
      const g = await s.api.post('/v2/groups', { name: 'Listened' });
      const r = await arrived;
      assert.equal(r.signed, true);
      assert.equal(r.headers['user-agent'], 'Zoom Marketplace/1.0a');
      assert.equal(r.body.payload.object.id, g.body.id);
      await listen.until(new RegExp(`group\\.created\\s+${g.body.id}  → 200`));

      const triggered = rx.nextEvent('user.created');
      const t = await ok('trigger', 'user.created');
      assert.match(t, new RegExp(`user\\.created emitted \\(\\S+\\) to 1 subscription: ${subscriptionId}`));
      assertValidEvent((await triggered).body);

      const subs = await json('subscriptions', 'list');
      assert.ok(subs.subscriptions.some((x: { id: string }) => x.id === subscriptionId));
      listen.child.kill('SIGINT');
      assert.equal(await listen.exited, 0);
      assert.equal((await s.client.get(`/_openzoom/event_subscriptions/${subscriptionId}`)).status, 404);
    } finally {
      if (listen.child.exitCode === null) listen.child.kill('SIGKILL');
    }
  });

  test('an app that fails url validation is told so, and nothing stays subscribed', async () => {
    rx.mode = 'wrong-token';
    try {
      const r = await run('listen', '--forward-to', rx.url, '--events', 'group.created', '--secret', rx.secret);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /failed url validation: The encryptedToken is not the HMAC-SHA256/);
    } finally {
      rx.mode = 'ok';
    }
    const demo = s.demo!;
    assert.deepEqual((await s.client.get(`/_openzoom/event_subscriptions?client_id=${demo.clientId}`)).body.subscriptions, []);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run('listen')).code, 2);
    assert.equal((await run('listen', '--forward-to', 'ftp://x')).code, 2);
    assert.equal((await run('trigger')).code, 2);
  });
});

describe('subscriptions, trigger and the delivery log', () => {
  test('create (validated), get, trigger, events, show, redeliver, validate, delete', async () => {
    const created = await json('subscriptions', 'create', '--endpoint', rx.url, '--secret', rx.secret, '--events', 'group.deleted');
    assert.equal(created.status, 'validated', JSON.stringify(created.last_validation));
    assert.equal((await json('subscriptions', 'get', created.id)).endpoint_url, rx.url);
    const text = await ok('subscriptions', 'list');
    assert.match(text, new RegExp(`${created.id}\\s+webhook\\s+validated\\s+${rx.url.replace(/[.]/g, '\\.')}\\s+group\\.deleted`));

    const arrived = rx.nextEvent('group.deleted');
    await ok('trigger', 'group.deleted', '--subscription', created.id);
    assertValidEvent((await arrived).body);
    await s.webhooks.afterNextRun();
    const log = await json('events', '--subscription', created.id);
    assert.equal(log.length, 1);
    assert.equal(log[0].event, 'group.deleted');
    assert.equal(log[0].status_code, 200);
    assert.match(await ok('events', '--subscription', created.id), /group\.deleted\s+.*#1 {2}200/);

    const shown = await json('events', 'show', created.id, log[0].delivery_id);
    assert.equal(shown.status, 'delivered');
    assertValidEvent(shown.body);
    const again = rx.nextEvent('group.deleted');
    assert.match(await ok('events', 'redeliver', created.id, log[0].delivery_id), /queued to be sent again/);
    await again;

    assert.equal((await json('subscriptions', 'validate', created.id)).status, 'validated');
    assert.match(await ok('subscriptions', 'delete', created.id), /deleted/);
    assert.equal((await run('subscriptions', 'get', created.id)).code, 1);
  });

  test('bad input is answered with the field named', async () => {
    const r = await run('subscriptions', 'create', '--endpoint', rx.url, '--secret', 'x', '--events', 'nothing.happened');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /events\[0\]: Unknown event: nothing\.happened\./);
    const t = await run('trigger', 'nothing.happened');
    assert.equal(t.code, 1);
    assert.match(t.stderr, /event: Unknown event/);
  });
});
