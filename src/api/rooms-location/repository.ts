// The only SQL of Zoom Rooms locations and the account's Zoom Rooms record
// (structure, account profile). Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import { pageText, jsonObjectSql, type PageWindow, type TextPage } from '../../storage/paging.ts';
import { nameKey, type LocationRecord, type LocationType } from './model.ts';
import type { Doc } from '../settings/model.ts';
import { countWhere, whereSql } from '../rooms/repository.ts';

/** The account's Zoom Rooms record: its location structure and account profile. */
export interface RoomsAccount {
  structures?: LocationType[];
  profile?: { basic?: Doc; setup?: Doc };
}

export async function getRoomsAccount(db: Queryable, accountId: string): Promise<RoomsAccount> {
  const r = await db.get<{ data: string }>('SELECT data FROM zr_accounts WHERE account_id = ?', [accountId]);
  return r ? (JSON.parse(r.data) as RoomsAccount) : {};
}

export async function putRoomsAccount(db: Queryable, accountId: string, data: RoomsAccount): Promise<void> {
  await db.run('INSERT INTO zr_accounts (account_id, data) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET data = excluded.data', [accountId, JSON.stringify(data)]);
}

export async function getLocation(db: Queryable, accountId: string, id: string): Promise<LocationRecord | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM zr_locations WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as LocationRecord);
}

/** The location and its parents, outermost first. */
export async function locationPath(db: Queryable, accountId: string, id: string): Promise<LocationRecord[]> {
  const out: LocationRecord[] = [];
  let next: string = id;
  // The structure has six levels at most; the bound guards against a cycle.
  for (let depth = 0; next !== '' && depth < 8; depth++) {
    const l = await getLocation(db, accountId, next);
    if (!l) break;
    out.unshift(l);
    next = l.parent_location_id;
  }
  return out;
}

export async function locationIdByName(db: Queryable, accountId: string, parentId: string, name: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM zr_locations WHERE account_id = ? AND parent_id = ? AND name_key = ?', [accountId, parentId, nameKey(name)]);
  return r?.id;
}

export async function saveLocation(db: Queryable, accountId: string, l: LocationRecord, now: string): Promise<void> {
  await db.run(
    `INSERT INTO zr_locations (account_id, id, parent_id, name_key, type, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET parent_id = excluded.parent_id, name_key = excluded.name_key, type = excluded.type, data = excluded.data`,
    [accountId, l.id, l.parent_location_id, nameKey(l.name), l.type, JSON.stringify(l), now],
  );
}

/** Whether `ancestorId` is `id` or one of its parents. */
export async function isWithin(db: Queryable, accountId: string, id: string, ancestorId: string): Promise<boolean> {
  return (await locationPath(db, accountId, id)).some((l) => l.id === ancestorId);
}

/** Every location under `id` (not itself), any depth. */
export async function descendants(db: Queryable, accountId: string, id: string): Promise<string[]> {
  const out: string[] = [];
  let level = [id];
  for (let depth = 0; level.length > 0 && depth < 8; depth++) {
    const marks = level.map(() => '?').join(', ');
    const rows = await db.all<{ id: string }>(`SELECT id FROM zr_locations WHERE account_id = ? AND parent_id IN (${marks})`, [accountId, ...level]);
    level = rows.map((r) => r.id);
    out.push(...level);
  }
  return out;
}

/** How many locations of each type the account has, and pairs of (child type, parent type) in use. */
export async function typesInUse(db: Queryable, accountId: string): Promise<{ types: Set<string>; pairs: Array<[string, string]> }> {
  const types = await db.all<{ type: string }>('SELECT DISTINCT type FROM zr_locations WHERE account_id = ?', [accountId]);
  const pairs = await db.all<{ child: string; parent: string }>(
    `SELECT DISTINCT c.type AS child, COALESCE(p.type, '') AS parent FROM zr_locations c
     LEFT JOIN zr_locations p ON p.account_id = c.account_id AND p.id = c.parent_id WHERE c.account_id = ?`,
    [accountId],
  );
  return { types: new Set(types.map((t) => t.type)), pairs: pairs.map((p) => [p.child, p.parent]) };
}

export interface LocationFilter {
  parentId?: string;
  type?: string;
}

const where = (accountId: string, f: LocationFilter) => whereSql('zr_locations', accountId, { parent_id: f.parentId, type: f.type });

export async function countLocations(db: Queryable, accountId: string, f: LocationFilter): Promise<number> {
  return countWhere(db, where(accountId, f));
}

export async function listLocations(db: Queryable, accountId: string, f: LocationFilter, page: PageWindow): Promise<TextPage> {
  const w = where(accountId, f);
  const item = jsonObjectSql(db.dialect, { id: ['data', 'id'], name: ['data', 'name'], parent_location_id: ['data', 'parent_location_id'], type: ['data', 'type'] });
  return pageText(db, { item, from: w.sql, params: w.params, first: 'created_at', second: 'id' }, page);
}
