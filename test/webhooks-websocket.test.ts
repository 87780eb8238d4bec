// WebSocket subscriptions: Zoom's path and query on the API's port, the
// build_connection answer, heartbeats (and closing a silent client), events
// framed as Zoom frames them, and nothing for the time a client was away.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';
import { assertValidEvent } from './helpers/events.ts';

let s: TestServer;
let api: TestClient;
let acct: { account_id: string; client_id: string };
let base = '';

before(async () => {
  s = await startServer({ webhooks: { webSocketIdleMs: 60_000 } });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
  const a = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
  acct = a.body;
  api = await s.client.withCredentials(a.body.account_id, a.body.client_id, a.body.client_secret);
});
after(() => s.close());

/** A client as Zoom's samples write one; every frame it gets is queued for `next()`. */
class Client {
  readonly ws: WebSocket;
  private readonly frames: any[] = [];
  private waiting: ((f: any) => void) | undefined;
  readonly closed: Promise<number>;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      const f = JSON.parse(String(data));
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(f);
      } else this.frames.push(f);
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
  }
  next(): Promise<any> {
    const f = this.frames.shift();
    return f !== undefined ? Promise.resolve(f) : new Promise((resolve) => (this.waiting = resolve));
  }
}

async function websocketSubscription(events = ['group.created']) {
  const r = await s.client.post('/_openzoom/event_subscriptions', { account_id: acct.account_id, client_id: acct.client_id, type: 'websocket', events });
  assert.equal(r.status, 201, r.raw);
  return r.body as { id: string; status: string; endpoint_url: null };
}

const connect = (id: string, token = api.token!) => new Client(`${base}/ws?subscriptionId=${encodeURIComponent(id)}&access_token=${encodeURIComponent(token)}`);

describe('WebSocket subscriptions', () => {
  test('need no endpoint and no secret; a wrong token or subscription is told so and closed', async () => {
    const sub = await websocketSubscription();
    assert.equal(sub.status, 'validated');
    assert.equal(sub.endpoint_url, null);
    const bad = connect(sub.id, 'not-a-token');
    assert.deepEqual(await bad.next(), { module: 'build_connection', success: false, content: 'Invalid access token.' });
    assert.equal(await bad.closed, 4001);
    const other = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const otherApi = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    const stranger = connect(sub.id, otherApi.token!);
    assert.equal((await stranger.next()).success, false);
    assert.equal(await stranger.closed, 4001);
  });

  test('a connected client gets build_connection, heartbeat answers, and each event framed as Zoom frames it', async () => {
    const sub = await websocketSubscription();
    const c = connect(sub.id);
    assert.deepEqual(await c.next(), { module: 'build_connection', success: true });
    c.ws.send(JSON.stringify({ module: 'heartbeat' }));
    assert.deepEqual(await c.next(), { module: 'heartbeat', success: true });
    const g = await api.post('/v2/groups', { name: 'Socket news' });
    const frame = await c.next();
    assert.equal(frame.module, 'message');
    assert.equal(typeof frame.content, 'string');
    const event = JSON.parse(frame.content);
    assert.equal(event.event, 'group.created');
    assert.equal(event.payload.object.id, g.body.id);
    assertValidEvent(event);
    c.ws.close();
    await c.closed;
  });

  test('events emitted while no client was connected are never delivered', async () => {
    const sub = await websocketSubscription();
    const first = connect(sub.id);
    await first.next();
    first.ws.close();
    await first.closed;
    await api.post('/v2/groups', { name: 'Missed' });
    const again = connect(sub.id);
    assert.equal((await again.next()).module, 'build_connection');
    await api.post('/v2/groups', { name: 'Caught' });
    const frame = await again.next();
    assert.equal(JSON.parse(frame.content).payload.object.name, 'Caught');
    const log = (await s.client.get(`/_openzoom/event_subscriptions/${sub.id}/events`)).body.events;
    assert.deepEqual(log.map((e: { status: string }) => e.status), ['failed', 'delivered']);
    again.ws.close();
    await again.closed;
  });

  test('a new connection replaces the old one', async () => {
    const sub = await websocketSubscription();
    const one = connect(sub.id);
    await one.next();
    const two = connect(sub.id);
    await two.next();
    assert.equal(await one.closed, 4003);
    two.ws.close();
    await two.closed;
  });

  test('a client that sends no heartbeat is closed', async () => {
    const quick = await startServer({ webhooks: { webSocketIdleMs: 150 } });
    try {
      await quick.app.listen({ port: 0, host: '127.0.0.1' });
      const demo = quick.demo!;
      const r = await quick.client.post('/_openzoom/event_subscriptions', { account_id: demo.accountId, client_id: demo.clientId, type: 'websocket', events: ['group.created'] });
      const c = new Client(`ws://127.0.0.1:${(quick.app.server.address() as AddressInfo).port}/ws?subscriptionId=${r.body.id}&access_token=${quick.api.token}`);
      assert.equal((await c.next()).success, true);
      assert.equal(await c.closed, 4002);
    } finally {
      await quick.close();
    }
  });

  test('other paths are not upgraded', async () => {
    const c = new WebSocket(`${base}/elsewhere`);
    const failed = await new Promise<string>((resolve) => c.on('error', (e) => resolve(String(e.message))));
    assert.match(failed, /404/);
  });
});
