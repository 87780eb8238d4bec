// GET /_openzoom/requests: the last requests this server answered, with their
// bodies (truncated, secrets masked), oldest first. `?status=404` (or `4xx`),
// `operation=`, `account_id=`, `method=`; `after=ID` for what came since
// (`openzoom requests --follow` polls with the answer's `next_after`); `limit=N` for the newest N.
import type { FastifyInstance } from 'fastify';
import type { RequestFilter, RequestHistory } from '../core/request-history.ts';
import { QUERIES, readQuery } from './schemas.ts';

const DEFAULT_LIMIT = 100;

export function registerRequests(c: FastifyInstance, history: RequestHistory): void {
  c.get('/requests', async (req) => {
    const filter = readQuery<RequestFilter>(req, QUERIES.requests);
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const requests = history.list({ ...filter, limit });
    // Where a follower goes on from: past everything looked at, unless the page was full.
    const full = filter.after !== undefined && requests.length === limit;
    return { kept: history.capacity, next_after: full ? requests.at(-1)!.id : history.lastId, requests };
  });
}
