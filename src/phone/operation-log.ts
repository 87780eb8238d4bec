// The phone system's operation log (GET /phone/reports/operationlogs): every
// admin change made through the Zoom Phone API, recorded in the change's own
// transaction by whichever phone category made it. `category_type` and
// `action` use the words of Zoom's report ("Call Queue", "Add").
import type { Context, Handler } from '../core/provider.ts';
import { eventId } from '../webhooks/emit.ts';

export async function recordOperation(ctx: Context, categoryType: string, action: string, detail: string): Promise<void> {
  const operator = ctx.actor.userId
    ? await ctx.db.get<{ email: string }>('SELECT email FROM users WHERE account_id = ? AND id = ?', [ctx.account.id, ctx.actor.userId])
    : await ctx.db.get<{ email: string }>('SELECT email FROM users WHERE account_id = ? AND id = ?', [ctx.account.id, ctx.account.data.owner_id ?? '']);
  const now = ctx.clock.now();
  const entry = { time: ctx.clock.iso(now), operator: operator?.email ?? '', category_type: categoryType, action, operation_detail: detail };
  await ctx.db.run('INSERT INTO phone_operation_logs (account_id, id, time_ms, category_type, data) VALUES (?, ?, ?, ?, ?)', [
    ctx.account.id,
    eventId(),
    now,
    categoryType,
    JSON.stringify(entry),
  ]);
}

type LogInput = { path: Record<string, string>; query: Record<string, unknown>; body: any };
type Detail = (i: LogInput) => string;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * The configuration operations of Zoom Phone, logged as they succeed (queues,
 * auto receptionists and shared line groups log from their own service, with
 * what only they know: names and extensions).
 */
const PHONE_OPERATION_LOG: Readonly<Record<string, [category: string, action: string, detail: Detail]>> = {
  updatePhoneSettings: ['Account', 'Update', () => 'Phone settings'],
  setUpAccount: ['Account', 'Add', () => 'Phone system set up'],
  postPhoneSIPTrunk: ['SIP Trunk', 'Add', () => 'SIP trunks'],
  updatePhoneSIPTrunk: ['SIP Trunk', 'Update', (i) => `SIP trunk ${str(i.path.sipTrunkId)}`],
  addBYOCNumber: ['Phone Number', 'Add', (i) => `BYOC numbers ${(i.body?.phone_numbers ?? []).map(str).join(', ')}`],
  changeMainCompanyNumber: ['Phone Number', 'Update', (i) => `Main company number ${str(i.body?.phone_number)}`],
  updatePhoneNumberDetails: ['Phone Number', 'Update', (i) => `Phone number ${str(i.path.phoneNumberId)}`],
  addSettingTemplate: ['Setting Template', 'Add', (i) => `Setting template ${str(i.body?.name)}`],
  updateSettingTemplate: ['Setting Template', 'Update', (i) => `Setting template ${str(i.path.templateId)}`],
  updateUserProfile: ['Phone User', 'Update', (i) => `Phone user ${str(i.path.userId)}`],
  assignCallingPlan: ['Phone User', 'Update', (i) => `Assign calling plans to ${str(i.path.userId)}`],
  unassignCallingPlan: ['Phone User', 'Update', (i) => `Unassign calling plan ${str(i.path.planType)} from ${str(i.path.userId)}`],
  assignPhoneNumber: ['Phone Number', 'Update', (i) => `Assign numbers to ${str(i.path.userId)}`],
  UnassignPhoneNumber: ['Phone Number', 'Update', (i) => `Unassign ${str(i.path.phoneNumberId)} from ${str(i.path.userId)}`],
  addUserSetting: ['Phone User', 'Update', (i) => `Add ${str(i.path.settingType)} of ${str(i.path.userId)}`],
  updateUserSetting: ['Phone User', 'Update', (i) => `Update ${str(i.path.settingType)} of ${str(i.path.userId)}`],
  deleteUserSetting: ['Phone User', 'Update', (i) => `Delete ${str(i.path.settingType)} of ${str(i.path.userId)}`],
  addAnumberToBlockedList: ['Blocked List', 'Add', (i) => `Block ${str(i.body?.phone_number)}`],
  updateBlockedList: ['Blocked List', 'Update', (i) => `Blocked list entry ${str(i.path.blockedListId)}`],
  deleteABlockedList: ['Blocked List', 'Delete', (i) => `Blocked list entry ${str(i.path.blockedListId)}`],
  addCommonAreaPhone: ['Common Area Phone', 'Add', (i) => `Common area phone ${str(i.body?.display_name)}`],
  updateCommonAreaPhone: ['Common Area Phone', 'Update', (i) => `Common area phone ${str(i.path.commonAreaPhoneId)}`],
  deleteCommonAreaPhone: ['Common Area Phone', 'Delete', (i) => `Common area phone ${str(i.path.commonAreaPhoneId)}`],
  addPhoneDevice: ['Device', 'Add', (i) => `Device ${str(i.body?.display_name)} (${str(i.body?.mac_address)})`],
  updateADevice: ['Device', 'Update', (i) => `Device ${str(i.path.deviceId)}`],
  deleteADevice: ['Device', 'Delete', (i) => `Device ${str(i.path.deviceId)}`],
  createPhoneSite: ['Site', 'Add', (i) => `Site ${str(i.body?.name)}`],
  updateSiteDetails: ['Site', 'Update', (i) => `Site ${str(i.path.siteId)}${i.body?.name ? ` (${str(i.body.name)})` : ''}`],
  deletePhoneSite: ['Site', 'Delete', (i) => `Site ${str(i.path.siteId)}, moved to ${str(i.query.transfer_site_id)}`],
};

/** The handlers, the phone configuration operations writing their log entry in their own transaction once they succeed. */
export function withPhoneOperationLog(map: Map<string, Handler>): Map<string, Handler> {
  for (const [operationId, [category, action, detail]] of Object.entries(PHONE_OPERATION_LOG)) {
    const handler = map.get(operationId) as ((input: LogInput, ctx: Context) => Promise<unknown>) | undefined;
    if (!handler) continue;
    map.set(operationId, (async (input: LogInput, ctx: Context) => {
      const out = await handler(input, ctx);
      await recordOperation(ctx, category, action, detail(input));
      return out;
    }) as Handler);
  }
  return map;
}
