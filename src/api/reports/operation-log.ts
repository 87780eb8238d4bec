// The operation log: the admin operations Zoom's operation-log report lists
// (users, their settings, the account, sub accounts, billing, roles, IM
// groups), recorded by the API as they succeed — in the operation's own write
// transaction, so a refused or rolled-back write leaves no entry.
import type { Context, Handler } from '../../core/provider.ts';
import { zoomId } from '../../core/ids.ts';
import { getUser } from '../users/repository.ts';

type LogInput = { path: Record<string, string>; query: Record<string, unknown>; body: any };
interface Logged {
  category: string;
  action: (i: LogInput) => string;
  detail: (i: LogInput) => string;
}

const fixed = (action: string) => () => action;
const user = (i: LogInput) => `User: ${i.path.userId}`;
const entry = (category: string, action: string | ((i: LogInput) => string), detail: (i: LogInput) => string): Logged => ({
  category,
  action: typeof action === 'string' ? fixed(action) : action,
  detail,
});

export const OPERATION_LOG: Readonly<Record<string, Logged>> = {
  userCreate: entry('user', 'Add', (i) => `User: ${String(i.body?.user_info?.email ?? '')}`),
  userUpdate: entry('user', 'Update', user),
  userDelete: entry('user', (i) => (i.query.action === 'delete' ? 'Delete' : 'Disassociate'), user),
  userStatus: entry('user', (i) => (i.body?.action === 'activate' ? 'Activate' : 'Deactivate'), user),
  userEmailUpdate: entry('user', 'Update', (i) => `User: ${i.path.userId}, email: ${String(i.body?.email ?? '')}`),
  userPassword: entry('user', 'Update', (i) => `User: ${i.path.userId}, password`),
  userSettingsUpdate: entry('user_settings', 'Update', (i) => `User settings: ${i.path.userId}`),
  accountSettingsUpdate: entry('account', 'Update', () => 'Account settings'),
  UpdateLockedSettings: entry('account', 'Update', () => 'Account locked settings'),
  UpdateOptions: entry('account', 'Update', () => 'Account options'),
  UpdateTheAccountOwner: entry('account', 'Update', (i) => `Account owner: ${String(i.body?.email ?? '')}`),
  accountCreate: entry('sub_account', 'Add', (i) => `Sub account: ${String(i.body?.account_name ?? '')}`),
  DisassociateASubAccount: entry('sub_account', 'Delete', (i) => `Sub account: ${i.path.accountId}`),
  UpdateBillingInformation: entry('billing', 'Update', () => 'Billing contact'),
  SubscribeAccountToAPlan: entry('billing', 'Add', () => 'Base plan'),
  SubscribeAccountToAnAdditionalPlan: entry('billing', 'Add', () => 'Additional plan'),
  "UpdateAnAccount'sAdditionalPlan": entry('billing', 'Update', () => 'Additional plan'),
  CancelAdditionalPlans: entry('billing', 'Cancel', () => 'Additional plan'),
  UpdateABasePlan: entry('billing', 'Update', () => 'Base plan'),
  CancelABasePlan: entry('billing', 'Cancel', () => 'Base plan'),
  createRole: entry('role', 'Add', (i) => `Role: ${String(i.body?.name ?? '')}`),
  updateRole: entry('role', 'Update', (i) => `Role: ${i.path.roleId}`),
  deleteRole: entry('role', 'Delete', (i) => `Role: ${i.path.roleId}`),
  AddRoleMembers: entry('role', 'Add', (i) => `Role members: ${i.path.roleId}`),
  roleMemberDelete: entry('role', 'Delete', (i) => `Role member: ${i.path.memberId} of ${i.path.roleId}`),
  imGroupCreate: entry('im', 'Add', (i) => `IM group: ${String(i.body?.name ?? '')}`),
  imGroupUpdate: entry('im', 'Update', (i) => `IM group: ${i.path.groupId}`),
  imGroupDelete: entry('im', 'Delete', (i) => `IM group: ${i.path.groupId}`),
  imGroupMembersCreate: entry('im', 'Add', (i) => `IM group members: ${i.path.groupId}`),
  imGroupMembersDelete: entry('im', 'Delete', (i) => `IM group member: ${i.path.memberId} of ${i.path.groupId}`),
};

/** Who did it: the token's user, or (an account-level app) the account owner. */
async function operatorOf(ctx: Context): Promise<string> {
  const u = ctx.actor.userId ? await getUser(ctx.db, ctx.actor.accountId, ctx.actor.userId) : undefined;
  return u?.email ?? ctx.account.data.owner_email;
}

/** The handlers, those of logged operations writing their entry after they succeed. */
export function withOperationLog(map: Map<string, Handler>): Map<string, Handler> {
  for (const [operationId, logged] of Object.entries(OPERATION_LOG)) {
    const handler = map.get(operationId) as ((input: LogInput, ctx: Context) => Promise<unknown>) | undefined;
    if (!handler) continue;
    const wrapped = async (input: LogInput, ctx: Context) => {
      const out = await handler(input, ctx);
      await ctx.db.run(
        'INSERT INTO report_operation_logs (account_id, id, time, operator, category_type, action, operation_detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [ctx.account.id, zoomId(), ctx.clock.iso(), await operatorOf(ctx), logged.category, logged.action(input), logged.detail(input)],
      );
      return out;
    };
    map.set(operationId, wrapped as Handler);
  }
  return map;
}
