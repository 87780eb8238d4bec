// The tail of a list query: ORDER BY the list's sort key, then either seek past
// the previous page's last key (keyset: through an index, whatever the depth)
// or, with no key (a first page, or a page_number page), skip `offset` rows.
// The sort key is two columns, the second unique (an id), so pages never overlap.
import type { Cursor } from '../core/pagination.ts';

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
