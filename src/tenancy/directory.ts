// Accounts as the request path needs them: cached by id (they are read on
// every request and change rarely), and the rule for which account a master
// path reaches. The cache stays coherent through Coherence: any change to an
// account row (a disassociation, options, the owner, the plan), on any
// instance, drops that account here.
import type { Coherence } from '../core/coherence.ts';
import { Errors } from '../core/errors.ts';
import type { Queryable } from '../storage/db.ts';
import type { Clock } from '../core/clock.ts';
import { asOf } from './plans.ts';
import { getAccount, type AccountRecord } from './repository.ts';

export class AccountDirectory {
  private readonly cache = new Map<string, AccountRecord>();
  private readonly coherence: Coherence;
  /** Bumped by every drop: a load that overlapped one may have read what was dropped, so it is not kept. */
  private epoch = 0;
  /** Plans change what an account allows on the server clock (tenancy/plans.ts `asOf`). */
  private readonly clock: Clock | undefined;

  constructor(coherence: Coherence, clock?: Clock) {
    this.coherence = coherence;
    this.clock = clock;
    coherence.subscribe((change) => {
      if (change.kind === 'account') this.invalidate(change.accountId);
      else if (change.kind === 'everything') this.invalidate();
    });
  }

  async get(db: Queryable, accountId: string): Promise<AccountRecord | undefined> {
    let a = this.cache.get(accountId);
    if (!a) {
      const epoch = this.epoch;
      a = await getAccount(db, accountId);
      if (a && epoch === this.epoch && this.coherence.live) this.cache.set(accountId, a);
    }
    return a && this.current(a);
  }

  /**
   * The account an `/accounts/{accountId}/…` path acts on: the caller's own
   * (`me` or its id) or one of its sub accounts. Anything else answers the
   * same 404 whether or not it exists, so no other account's existence leaks.
   */
  async target(db: Queryable, own: AccountRecord, accountId: string): Promise<AccountRecord> {
    if (accountId === 'me' || accountId === own.id) return own;
    const sub = await this.get(db, accountId);
    if (!sub || sub.master_account_id !== own.id) throw Errors.accountNotFound(accountId);
    return sub;
  }

  /** The account as `db` reads it now, past the cache: writes act on this copy. */
  async load(db: Queryable, accountId: string): Promise<AccountRecord | undefined> {
    const a = await getAccount(db, accountId);
    return a && this.current(a);
  }

  private current(a: AccountRecord): AccountRecord {
    return this.clock && a.data.plans_change_at !== undefined ? asOf(a, this.clock.iso()) : a;
  }

  invalidate(accountId?: string): void {
    this.epoch++;
    if (accountId) this.cache.delete(accountId);
    else this.cache.clear();
  }
}
