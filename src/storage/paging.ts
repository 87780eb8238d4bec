// The tail of a list query: ORDER BY the list's sort key, then either seek past
// the previous page's last key (keyset: through an index, whatever the depth)
// or, with no key (a first page, or a page_number page), skip `offset` rows.
// The sort key is two columns, the second unique (an id), so pages never overlap.
import type { Cursor } from '../core/pagination.ts';
import type { Param, Queryable } from './db.ts';

export interface PageWindow {
  size: number;
  offset: number;
  after: Cursor | null;
}

export function pageSql(w: PageWindow, first: string, second: string): { sql: string; params: (string | number)[] } {
  if (w.after && w.after.length === 2) {
    return { sql: `AND (${first}, ${second}) > (?, ?) ORDER BY ${first}, ${second} LIMIT ?`, params: [String(w.after[0]), String(w.after[1]), w.size] };
  }
  return { sql: `ORDER BY ${first}, ${second} LIMIT ? OFFSET ?`, params: [w.size, w.offset] };
}

export interface TextPage {
  /** The page's items, each a JSON text, joined with commas in list order ('' for an empty page). */
  items: string;
  /** The sort key of the page's last row. */
  last?: Cursor;
  /** Rows whose item was NULL (left out of `items`): the caller makes that page another way. */
  missing: number;
}

/**
 * A page of a list whose items the database can give as JSON text (a stored
 * entry, or one built by `json_object`/`json_build_object`): the database joins
 * them in list order and the answer is one string, not a row per item — no
 * object per row, no string per item, no parse. `item` is the SQL expression of
 * an item's text; `from` holds the FROM and WHERE of the list (its `?` params
 * first); `first`/`second` are its sort key, as for pageSql. Keys must hold no
 * comma or space (timestamps and ids do not).
 */
export async function pageText(
  db: Queryable,
  q: { item: string; from: string; params: readonly Param[]; first: string; second: string },
  w: PageWindow,
): Promise<TextPage> {
  const page = pageSql(w, q.first, q.second);
  const join = db.dialect === 'postgres' ? 'string_agg' : 'group_concat';
  const r = await db.get<{ items: string | null; keys: string | null; missing: number | string }>(
    `SELECT ${join}(item, ',' ORDER BY k1, k2) AS items, ${join}(k1 || ' ' || k2, ',' ORDER BY k1, k2) AS keys, COUNT(*) - COUNT(item) AS missing
     FROM (SELECT ${q.item} AS item, ${q.first} AS k1, ${q.second} AS k2 ${q.from} ${page.sql}) page`,
    [...q.params, ...page.params],
  );
  const missing = Number(r?.missing ?? 0);
  if (!r?.keys) return { items: '', missing };
  const key = r.keys.slice(r.keys.lastIndexOf(',') + 1);
  const space = key.indexOf(' ');
  return { items: r.items ?? '', last: [key.slice(0, space), key.slice(space + 1)], missing };
}

/**
 * The SQL of a JSON object built by the database, for pageText items:
 * `fields` maps each key to an SQL expression, or to `[json, key]` to take a
 * text field out of a JSON text column.
 */
export function jsonObjectSql(dialect: Queryable['dialect'], fields: Record<string, string | readonly [string, string]>): string {
  const pairs = Object.entries(fields).map(([key, value]) => {
    const expr = typeof value === 'string' ? value : dialect === 'postgres' ? `(${value[0]})::json ->> '${value[1]}'` : `json_extract(${value[0]}, '$.${value[1]}')`;
    return `'${key}', ${expr}`;
  });
  return dialect === 'postgres' ? `json_build_object(${pairs.join(', ')})::text` : `json_object(${pairs.join(', ')})`;
}
