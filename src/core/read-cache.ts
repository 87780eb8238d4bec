// Answers of single reads (`GET /users/{id}`, `GET /groups/{id}` …) kept as the
// JSON text sent, one per object, so a repeated read costs neither a query nor
// a serialisation. They stay right the way every cache here does (coherence.ts):
// a trigger on each table an answer is made from publishes `o:<kind>:<account>:<id>`
// when the row (or what it counts) changes, on this instance before the writer
// answers and on the others at commit; a change to the account drops every
// answer of that account (answers carry account fields); a lost listener drops
// everything and keeps nothing until it is back.
import type { Change, Coherence } from './coherence.ts';
import { JsonText } from './pagination.ts';

/**
 * How long a kept page of a list holds at most (server time): the next_page_token
 * in it was made with the page and must stay usable for 14.5 of its 15 minutes.
 */
export const PAGE_HOLD_MS = 30_000;

/** Entries per kind before the cache starts again from empty (bounded memory). */
const LIMIT = 20_000;

/** The object another kind of change drops; without an id, every answer of the account. */
export type DroppedBy = (change: Change) => { accountId: string; id?: string } | undefined;

/** A kept answer; one that also depends on the server clock holds for `[from, until)` of server time. */
interface Kept {
  answer: JsonText;
  from?: number;
  until?: number;
  meta?: unknown;
}

/** What `readTimed`'s load makes: the body (or its JSON text), until when it holds (server ms; not kept when not after now), and what each read checks. */
export interface TimedAnswer<M> {
  body: unknown;
  until: number;
  meta: M;
}

export class ReadCache {
  private readonly byAccount = new Map<string, Map<string, Kept>>();
  private size = 0;
  /** Bumped by every drop: a load that overlapped one may have read what was dropped, so it is not kept. */
  private epoch = 0;

  private readonly coherence: Coherence;

  /** `alsoDroppedBy` names the object another kind of change drops (a role's own `r:` line, for roles). */
  constructor(kind: string, coherence: Coherence, alsoDroppedBy?: DroppedBy) {
    this.coherence = coherence;
    coherence.subscribe((change) => {
      const other = alsoDroppedBy?.(change);
      if (other) this.drop(other.accountId, other.id);
      else if (change.kind === 'object' && change.object === kind) this.drop(change.accountId, change.id);
      else if (change.kind === 'account') this.drop(change.accountId);
      else if (change.kind === 'everything') this.drop();
    });
  }

  /**
   * The answer for one object: kept, or made by `load` (which throws Zoom's
   * not-found error for an unknown id: nothing is kept for it).
   */
  async read(accountId: string, id: string, load: () => Promise<unknown>): Promise<JsonText> {
    const kept = this.byAccount.get(accountId)?.get(id);
    if (kept) return kept.answer;
    const epoch = this.epoch;
    const answer = new JsonText(JSON.stringify(await load()));
    if (epoch === this.epoch && this.coherence.live) this.keep(accountId, id, { answer });
    return answer;
  }

  /**
   * An answer that also changes with the server clock (a meeting's next occurrence,
   * its start link): kept while the clock stays within what `load` said it holds
   * for, made again once the clock passes `until` or is set back before it was made.
   * `meta` comes back with it, for checks every read makes (who may see it).
   */
  async readTimed<M>(accountId: string, id: string, nowMs: number, load: () => Promise<TimedAnswer<M>>): Promise<{ answer: JsonText; meta: M }> {
    const kept = this.byAccount.get(accountId)?.get(id);
    if (kept && kept.from! <= nowMs && nowMs < kept.until!) return { answer: kept.answer, meta: kept.meta as M };
    const epoch = this.epoch;
    const made = await load();
    const answer = made.body instanceof JsonText ? made.body : new JsonText(JSON.stringify(made.body));
    if (made.until > nowMs && epoch === this.epoch && this.coherence.live) this.keep(accountId, id, { answer, from: nowMs, until: made.until, meta: made.meta });
    return { answer, meta: made.meta };
  }

  /**
   * A page of a list (`key`: the Page's), kept as the text sent for PAGE_HOLD_MS
   * of server time at most, and dropped like any answer when what it lists changes.
   */
  async readPage(accountId: string, key: string, nowMs: number, load: () => Promise<JsonText>): Promise<JsonText> {
    const kept = this.byAccount.get(accountId)?.get(key);
    if (kept && kept.from! <= nowMs && nowMs < kept.until!) return kept.answer;
    const epoch = this.epoch;
    const answer = await load();
    if (epoch === this.epoch && this.coherence.live) this.keep(accountId, key, { answer, from: nowMs, until: nowMs + PAGE_HOLD_MS });
    return answer;
  }

  /**
   * A page that also changes with the server clock before PAGE_HOLD_MS passes (a
   * list filtered on "now"), or whose readers are checked on every read: `load`
   * says until when it holds (kept PAGE_HOLD_MS at most) and what each read checks.
   */
  async readPageTimed<M>(accountId: string, key: string, nowMs: number, load: () => Promise<TimedAnswer<M>>): Promise<{ answer: JsonText; meta: M }> {
    return this.readTimed(accountId, key, nowMs, async () => {
      const made = await load();
      return { ...made, until: Math.min(made.until, nowMs + PAGE_HOLD_MS) };
    });
  }

  private keep(accountId: string, id: string, answer: Kept): void {
    if (this.size >= LIMIT) this.drop();
    let answers = this.byAccount.get(accountId);
    if (!answers) this.byAccount.set(accountId, (answers = new Map()));
    if (!answers.has(id)) this.size++;
    answers.set(id, answer);
  }

  private drop(accountId?: string, id?: string): void {
    this.epoch++;
    if (accountId === undefined) {
      this.byAccount.clear();
      this.size = 0;
      return;
    }
    const answers = this.byAccount.get(accountId);
    if (!answers) return;
    if (id === undefined) {
      this.size -= answers.size;
      this.byAccount.delete(accountId);
    } else if (answers.delete(id)) this.size--;
  }
}
