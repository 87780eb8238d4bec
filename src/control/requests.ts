// GET /_openzoom/requests: the last requests this server answered, with their
// bodies (truncated, secrets masked), oldest first. `?status=404` (or `4xx`),
// `operation=`, `account_id=`, `method=`; `after=ID` for what came since
// (`openzoom requests --follow` polls with the answer's `next_after`); `limit=N` for the newest N.
// GET /_openzoom/requests/stream: the same as server-sent events (one `request`
// event per request, `id:` its id; `Last-Event-ID` or `after=` to go on from),
// for the web console. The stream reads the history a few times a second while
// someone follows it, so the request path itself does nothing for followers.
import type { FastifyInstance } from 'fastify';
import type { RequestFilter, RequestHistory } from '../core/request-history.ts';
import { QUERIES, readQuery } from './schemas.ts';

const DEFAULT_LIMIT = 100;
/** How often a stream looks for new requests, and how often it says it is still there. */
const STREAM_POLL_MS = 250;
const STREAM_HEARTBEAT_MS = 15_000;

export function registerRequests(c: FastifyInstance, history: RequestHistory): void {
  c.get('/requests', async (req) => {
    const filter = readQuery<RequestFilter>(req, QUERIES.requests);
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const requests = history.list({ ...filter, limit });
    // Where a follower goes on from: past everything looked at, unless the page was full.
    const full = filter.after !== undefined && requests.length === limit;
    return { kept: history.capacity, next_after: full ? requests.at(-1)!.id : history.lastId, requests };
  });

  const streams = new Set<() => void>();
  // Open streams never end by themselves: end them before the server waits for its connections.
  c.addHook('preClose', async () => {
    for (const end of streams) end();
  });
  c.get('/requests/stream', async (req, reply) => {
    const { limit, ...filter } = readQuery<RequestFilter>(req, QUERIES.requests);
    const resumeFrom = Number(req.headers['last-event-id']);
    // A new follower gets the newest `limit` first (100 by default); a resumed one what it missed.
    let after = Number.isSafeInteger(resumeFrom) && resumeFrom >= 0 ? resumeFrom : filter.after;
    let backlog = after === undefined ? (limit ?? DEFAULT_LIMIT) : undefined;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 1000\n\n`);
    let seen = history.lastId;
    const send = () => {
      if (backlog === undefined && history.lastId === seen) return;
      seen = history.lastId;
      const batch = history.list({ ...filter, ...(after !== undefined ? { after } : {}), ...(backlog !== undefined ? { limit: backlog } : {}) });
      backlog = undefined;
      after = Math.max(after ?? 0, seen);
      let out = '';
      for (const r of batch) out += `id: ${r.id}\nevent: request\ndata: ${JSON.stringify(r)}\n\n`;
      // Filtered-out requests still move the stream's place.
      out += `id: ${seen}\n\n`;
      res.write(out);
    };
    send();
    const poll = setInterval(send, STREAM_POLL_MS);
    const beat = setInterval(() => res.write(': still here\n\n'), STREAM_HEARTBEAT_MS);
    const end = () => {
      clearInterval(poll);
      clearInterval(beat);
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    req.raw.on('close', end);
  });
}
