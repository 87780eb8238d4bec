// What every report checks first: a paid plan, and the group a `group_id` names.
import { Errors } from '../../core/errors.ts';
import type { Context } from '../../core/provider.ts';
import { isPaid, ReportErrors } from './model.ts';
import * as repo from './repository.ts';

export function needPaid(ctx: Context): void {
  if (!isPaid(ctx.account.plan)) throw ReportErrors.paidOnly(ctx.account.id);
}

/** The account's users, or those of one group (404 for a group not of the account). */
export async function hostsOf(ctx: Context, groupId: string | undefined) {
  if (groupId !== undefined && !(await repo.groupExists(ctx.db, ctx.account.id, groupId))) throw Errors.groupNotFound(groupId);
  return repo.users(ctx.db, ctx.account.id, groupId);
}
