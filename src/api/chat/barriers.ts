// Information barriers in Team Chat (src/api/information-barriers/): an active
// policy whose `im` setting is on forbids chat between its two groups. Its type
// says in which direction (Zoom's descriptions of `type`):
// - 0: blocked both ways (the only type Zoom's API accepts: `im` governs);
// - 1, 2: "only users in Group 1 can chat with users in Group 2": group 1 may
//   write to group 2, group 2 may not write to group 1;
// - 3: "users in Group 1 and Group 2 can chat with each other": nothing blocked.
// Blocked users cannot message each other, cannot be put in one channel, and
// do not find each other in contact lists and searches.
import type { Queryable } from '../../storage/db.ts';
import { groupIdsOfUser } from '../groups/repository.ts';
import type { Policy } from '../information-barriers/model.ts';
import { activePolicies } from '../information-barriers/repository.ts';

/** Whether a user in `from` groups may write to a user in `to` groups under this policy. */
export function policyAllows(p: Policy, from: ReadonlySet<string>, to: ReadonlySet<string>): boolean {
  if (p.status !== 1 || !p.settings.im || p.type === 3) return true;
  const oneToTwo = from.has(p.assigned_group_id) && to.has(p.to_group_id);
  const twoToOne = from.has(p.to_group_id) && to.has(p.assigned_group_id);
  if (twoToOne) return false;
  return !(oneToTwo && p.type === 0);
}

/** The chat barriers of one account, loaded once per request. */
export class Barriers {
  private readonly groups = new Map<string, Set<string>>();
  private readonly db: Queryable;
  private readonly accountId: string;
  private readonly policies: Policy[];
  private constructor(db: Queryable, accountId: string, policies: Policy[]) {
    this.db = db;
    this.accountId = accountId;
    this.policies = policies;
  }

  static async load(db: Queryable, accountId: string): Promise<Barriers> {
    const policies = (await activePolicies(db, accountId)).filter((p) => p.settings.im && p.type !== 3);
    return new Barriers(db, accountId, policies);
  }

  get none(): boolean {
    return this.policies.length === 0;
  }

  private async groupsOf(userId: string): Promise<Set<string>> {
    let g = this.groups.get(userId);
    if (!g) {
      g = new Set(await groupIdsOfUser(this.db, this.accountId, userId));
      this.groups.set(userId, g);
    }
    return g;
  }

  /** Whether `from` may write to `to`. */
  async canWrite(from: string, to: string): Promise<boolean> {
    if (this.none || from === to) return true;
    const [a, b] = [await this.groupsOf(from), await this.groupsOf(to)];
    return this.policies.every((p) => policyAllows(p, a, b));
  }

  /** Whether the two may share a conversation (a channel): both directions open. */
  async canMeet(a: string, b: string): Promise<boolean> {
    return (await this.canWrite(a, b)) && (await this.canWrite(b, a));
  }

  /** The users among `others` that `userId` may not share a channel with. */
  async walledOff(userId: string, others: readonly string[]): Promise<string[]> {
    if (this.none) return [];
    const out: string[] = [];
    for (const o of others) if (!(await this.canMeet(userId, o))) out.push(o);
    return out;
  }
}
