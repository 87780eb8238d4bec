// WebSocket subscriptions as Zoom offers them (developers.zoom.us/docs/api/websockets/):
// a client connects to `/ws?subscriptionId={id}&access_token={token}` with a
// token of the subscription's app, is told `{"module":"build_connection","success":true}`,
// sends `{"module":"heartbeat"}` (Zoom's clients every 30 s) or is closed, and
// receives each event as `{"module":"message","content":"<event JSON as a string>"}`.
// Events emitted while no client is connected are never delivered, as Zoom
// documents. One connection per subscription: a new one replaces the old.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Tokens } from '../oauth/tokens.ts';
import type { Queryable } from '../storage/db.ts';
import type { Deliverer, SocketHub } from './delivery.ts';
import { getSubscription } from './subscriptions.ts';

export const WEBSOCKET_PATH = '/ws';
/** Close codes: a refused connection, and one closed for missing heartbeats. */
const REFUSED = 4001;
const IDLE = 4002;
const REPLACED = 4003;

export interface HubDeps {
  db: Queryable;
  tokens: Tokens;
  deliverer: Deliverer;
  /** Real time a connection may stay silent before it is closed (Zoom's clients beat every 30 s; Zoom's limit is not documented). */
  idleMs: number;
}

export class WebSocketHub implements SocketHub {
  // ws is loaded on the first upgrade: most servers never take one, and it costs start-up time.
  private wss: Promise<WebSocketServer> | undefined;
  private readonly bySubscription = new Map<string, WebSocket>();
  private readonly deps: HubDeps;
  private readonly idleMs: number;

  constructor(deps: HubDeps) {
    this.deps = deps;
    this.idleMs = deps.idleMs;
  }

  /** Takes upgrades to /ws on the API's own port (Zoom's path: existing clients change only the host). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== WEBSOCKET_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
        return;
      }
      this.wss ??= import('ws').then(({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 }));
      void this.wss.then((wss) => wss.handleUpgrade(req, socket, head, (ws) => void this.open(ws, url.searchParams)));
    });
  }

  subscriptionIds(): string[] {
    return [...this.bySubscription.keys()];
  }

  send(subscriptionId: string, text: string): boolean {
    const ws = this.bySubscription.get(subscriptionId);
    if (!ws || ws.readyState !== ws.OPEN) return false;
    ws.send(text);
    return true;
  }

  /** Closes every connection (the server is stopping). */
  close(): void {
    for (const ws of this.bySubscription.values()) ws.terminate();
    this.bySubscription.clear();
    void this.wss?.then((wss) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    });
  }

  private async open(ws: WebSocket, query: URLSearchParams): Promise<void> {
    const refuse = (content: string) => {
      ws.send(JSON.stringify({ module: 'build_connection', success: false, content }));
      ws.close(REFUSED, content.slice(0, 120));
    };
    const subscriptionId = query.get('subscriptionId') ?? '';
    const token = query.get('access_token') ?? '';
    let clientId: string;
    try {
      clientId = (await this.deps.tokens.authenticate(this.deps.db, `Bearer ${token}`)).clientId;
    } catch {
      return refuse('Invalid access token.');
    }
    const sub = subscriptionId ? await getSubscription(this.deps.db, subscriptionId) : undefined;
    if (!sub || sub.kind !== 'websocket' || sub.client_id !== clientId) return refuse(`No WebSocket subscription ${subscriptionId} for this app.`);
    if (ws.readyState !== ws.OPEN) return;

    // What was emitted while nobody listened is dropped; from now on events come here.
    await this.deps.deliverer.dropUndelivered(sub.id);
    const before = this.bySubscription.get(sub.id);
    if (before) before.close(REPLACED, 'Another connection took this subscription.');
    this.bySubscription.set(sub.id, ws);

    let idle: NodeJS.Timeout | undefined;
    const beat = () => {
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(IDLE, 'No heartbeat.'), this.idleMs);
      idle.unref();
    };
    beat();
    ws.on('message', (data) => {
      let message: { module?: unknown };
      try {
        message = JSON.parse(String(data)) as { module?: unknown };
      } catch {
        return;
      }
      if (message?.module === 'heartbeat') {
        beat();
        ws.send(JSON.stringify({ module: 'heartbeat', success: true }));
      }
    });
    ws.on('close', () => {
      clearTimeout(idle);
      if (this.bySubscription.get(sub.id) === ws) this.bySubscription.delete(sub.id);
    });
    ws.send(JSON.stringify({ module: 'build_connection', success: true }));
    this.deps.deliverer.wake();
  }
}
