// Lists of a host's scheduled sessions (meetings, webinars) filtered on the
// server clock ("upcoming", "previous"): until when a page made now stays the
// same, so that it can be kept (core/read-cache.ts) no longer than that.
import type { Queryable } from '../../storage/db.ts';

/**
 * The first instant after `after` (an ISO UTC bound as the list compares it)
 * at which one of the host's listed sessions ends: a list bounded by "now"
 * changes then and not before. Infinity when none ends later.
 */
export async function nextListEnd(db: Queryable, table: 'meetings' | 'webinars', accountId: string, hostId: string, after: string): Promise<number> {
  const r = await db.get<{ t: string | null }>(`SELECT MIN(list_end) AS t FROM ${table} WHERE account_id = ? AND host_id = ? AND listed = 1 AND list_end > ?`, [
    accountId,
    hostId,
    after,
  ]);
  return r?.t ? Date.parse(r.t) : Infinity;
}
