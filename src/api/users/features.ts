// Users: Bulk update features (bulkUpdateFeature). Each user either takes the
// new value or lands in one of Zoom's fail_details reasons; one bad user never
// fails the others.
import { Errors } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { OWNER_ROLE_ID, type UserRecord } from './model.ts';
import { lookupUser } from './lookup.ts';
import * as repo from './repository.ts';

type FeatureType =
  | 'user_type'
  | 'concurrent_meeting'
  | 'large_meeting'
  | 'webinar'
  | 'zoom_events'
  | 'zoom_whiteboard'
  | 'plan_united_type'
  | 'zoom_one_type'
  | 'zoom_iq_for_sales'
  | 'zoom_revenue_accelerator'
  | 'zoom_clips_plus';

type FailReason =
  | 'Users not found'
  | 'Unpaid user'
  | 'Not enough seats'
  | "Can't update for free users"
  | 'Not allowed to add basic users'
  | 'No need to update';

const ON_OFF = ['true', 'false'];
// feature_value choices, as the users spec lists them per feature_type.
const VALUES: Record<Exclude<FeatureType, 'user_type' | 'plan_united_type' | 'zoom_one_type'>, readonly string[]> = {
  concurrent_meeting: ['Basic', 'Plus', 'None'],
  large_meeting: ['0', '1', '32', '64', '128', '256', '1024', '2048'],
  webinar: ['0', '16', '1', '64', '128', '256', '512', '1024', '2048', '4096', '8192', '16384', '32768'],
  zoom_events: ['0', '500', '1000', '3000', '5000', '10000', '20000', '30000', '50000'],
  zoom_whiteboard: ON_OFF,
  zoom_iq_for_sales: ON_OFF,
  zoom_revenue_accelerator: ON_OFF,
  zoom_clips_plus: ON_OFF,
};

function validValue(type: FeatureType, value: string): boolean {
  if (type === 'user_type') return value === '1' || value === '2';
  if (type === 'plan_united_type') return /^[1-9]\d*$/.test(value) || value === 'none';
  if (type === 'zoom_one_type') return /^\d+$/.test(value);
  return VALUES[type].includes(value);
}

interface Body {
  feature_type: FeatureType;
  feature_value: string;
  subscription_id?: string;
  users: Array<{ id?: string; email?: string }>;
  license_info_list?: Array<{ subscription_id: string }>;
}

function current(user: UserRecord, type: FeatureType): string | undefined {
  if (type === 'user_type') return String(user.type);
  if (type === 'plan_united_type') return user.profile.plan_united_type ?? 'none';
  if (type === 'zoom_one_type') return user.profile.zoom_one_type === null ? undefined : String(user.profile.zoom_one_type);
  return (user.profile.features ?? {})[type];
}

export async function bulkUpdateFeature(input: Input<Record<string, never>, Record<string, never>, Body>, ctx: Context) {
  const body = input.body;
  if (ctx.account.plan === 'free') throw Errors.featuresPaidOnly();
  // No subscriptions are sold here, so any subscription id given is unknown.
  const subscription = body.subscription_id ?? body.license_info_list?.[0]?.subscription_id;
  if (subscription !== undefined) throw Errors.subscriptionNotFound(subscription);
  if (!validValue(body.feature_type, body.feature_value)) {
    throw Errors.validation([{ field: 'feature_value', message: `Invalid value for ${body.feature_type}.` }]);
  }
  if (body.users.length === 0) throw Errors.validation([{ field: 'users', message: 'Missing field.' }]);

  const success: string[] = [];
  const failed = new Map<FailReason, string[]>();
  const fail = (reason: FailReason, id: string) => failed.set(reason, [...(failed.get(reason) ?? []), id]);
  const seen = new Set<string>();
  let licensed = await repo.countLicensedUsers(ctx.db, ctx.account.id);
  // Webinar and large meeting licences are the account's add-on plans' hosts (tenancy/plans.ts).
  const addon = body.feature_type === 'webinar' || body.feature_type === 'large_meeting' ? body.feature_type : null;
  const licences = addon ? (ctx.account.data.addons?.[addon]?.hosts ?? 0) : 0;
  let holders = addon ? await repo.countFeatureHolders(ctx.db, ctx.account.id, addon) : 0;
  const on = (v: string | undefined) => v !== undefined && v !== '0';

  for (const ref of body.users) {
    const key = ref.id ?? ref.email;
    if (!key) continue;
    const user = await lookupUser(ctx.db, ctx.account.id, key);
    if (!user) {
      fail('Users not found', key);
      continue;
    }
    if (seen.has(user.id)) continue;
    seen.add(user.id);
    if (current(user, body.feature_type) === body.feature_value) {
      fail('No need to update', user.id);
      continue;
    }
    if (body.feature_type === 'user_type') {
      if (body.feature_value === '2') {
        if (user.status !== 'inactive' && licensed >= ctx.account.data.seats) {
          fail('Not enough seats', user.id);
          continue;
        }
        if (user.status !== 'inactive') licensed++;
        user.type = 2;
      } else {
        // The owner must stay Licensed.
        if (user.role_id === OWNER_ROLE_ID) {
          fail('Not allowed to add basic users', user.id);
          continue;
        }
        if (user.type === 2 && user.status !== 'inactive') licensed--;
        user.type = 1;
      }
    } else if (user.type !== 2) {
      // Add-on features attach to a licence: Basic users have none.
      fail("Can't update for free users", user.id);
      continue;
    } else if (body.feature_type === 'plan_united_type') {
      user.profile.plan_united_type = body.feature_value === 'none' ? null : body.feature_value;
    } else if (body.feature_type === 'zoom_one_type') {
      user.profile.zoom_one_type = Number(body.feature_value);
    } else {
      if (addon && on(body.feature_value) !== on(current(user, body.feature_type))) {
        if (on(body.feature_value) && holders >= licences) {
          fail('Not enough seats', user.id);
          continue;
        }
        holders += on(body.feature_value) ? 1 : -1;
      }
      user.profile.features = { ...(user.profile.features ?? {}), [body.feature_type]: body.feature_value };
    }
    await repo.updateUser(ctx.db, ctx.account.id, user);
    success.push(user.id);
  }
  return { success_user_ids: success, fail_details: [...failed].map(([reason, user_ids]) => ({ user_ids, reason })) };
}
