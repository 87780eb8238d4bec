// Webinar licences: the account's webinar plans (tenancy/plans.ts, `addons.webinar`)
// give a number of licences; a Licensed user holds one while their `webinar`
// feature is on (users' profile `features.webinar`, Zoom's feature value: 1 is
// 500 attendees, 64 is 1000 …, 0 off). Users' settings and Bulk update features
// both read and write that one value.
import { Errors, ZoomError } from '../../core/errors.ts';
import { callerHolds } from '../roles/privileges.ts';
import type { Context } from '../../core/provider.ts';
import type { Doc } from '../settings/model.ts';
import type { UserRecord } from '../users/model.ts';
import { countFeatureHolders, updateUser } from '../users/repository.ts';

/** Zoom's webinar feature values by capacity (Bulk update features' `feature_value`). */
const CODE_BY_CAPACITY: Record<number, string> = { 100: '16', 500: '1', 1000: '64', 3000: '128', 5000: '256', 10000: '512', 20000: '1024', 30000: '2048', 40000: '4096', 50000: '8192' };
const CAPACITY_BY_CODE: Record<string, number> = { ...Object.fromEntries(Object.entries(CODE_BY_CAPACITY).map(([c, v]) => [v, Number(c)])), '16384': 500, '32768': 1000 };

export const webinarPlanMissing = () =>
  new ZoomError(400, 200, 'Webinar plan is missing. You must subscribe to the webinar plan and enable webinars for this user in order to perform this action.');

/** The attendee capacity of the user's webinar licence, or 0 without one. */
export function webinarCapacity(user: Pick<UserRecord, 'type' | 'status' | 'profile'>): number {
  const v = user.profile.features?.webinar;
  if (user.type !== 2 || v === undefined || v === '0' || v === 'false') return 0;
  return CAPACITY_BY_CODE[v] ?? 500;
}

/** Plan gating: the host must hold a webinar licence (400/200 otherwise). */
export function requireLicence(ctx: Context, user: Pick<UserRecord, 'type' | 'status' | 'profile'>): number {
  const capacity = webinarCapacity(user);
  if (capacity === 0 || !ctx.account.data.addons?.webinar) throw webinarPlanMissing();
  return capacity;
}

/**
 * `PATCH /users/{userId}/settings` `{"feature": {"webinar": true, "webinar_capacity": 500}}`:
 * takes a licence of that capacity (the largest the plans hold when not given)
 * while one is free, else Zoom's 200 "You can add max N Webinar 500 users.";
 * `webinar: false` gives it back. Licensed users only (1122, checked before).
 */
export async function applyWebinarFeature(ctx: Context, user: UserRecord, feature: Doc): Promise<void> {
  if (feature.webinar === undefined && feature.webinar_capacity === undefined) return;
  // Licences are the admin's to give: a user editing their own settings may not take one.
  if (!(await callerHolds(ctx, ['User:Edit']))) throw Errors.noPermission();
  const plan = ctx.account.data.addons?.webinar;
  const holding = webinarCapacity(user) > 0;
  if (feature.webinar === false) {
    if (!holding) return;
    user.profile.features = { ...(user.profile.features ?? {}), webinar: '0' };
    await updateUser(ctx.db, ctx.account.id, user);
    return;
  }
  if (feature.webinar !== true && !holding) return;
  const capacity = typeof feature.webinar_capacity === 'number' ? feature.webinar_capacity : (plan?.capacity ?? 500);
  const code = CODE_BY_CAPACITY[capacity];
  if (!plan || !code || capacity > plan.capacity) throw new ZoomError(400, 200, `You can add max 0 Webinar ${capacity} users.`);
  if (!holding && (await countFeatureHolders(ctx.db, ctx.account.id, 'webinar')) >= plan.hosts) {
    throw new ZoomError(400, 200, `You can add max ${plan.hosts} Webinar ${capacity} users.`);
  }
  user.profile.features = { ...(user.profile.features ?? {}), webinar: code };
  await updateUser(ctx.db, ctx.account.id, user);
}

/** What users' settings show of the licence: `feature.webinar` and `feature.webinar_capacity`. */
export function webinarFeatureView(user: Pick<UserRecord, 'type' | 'status' | 'profile'>): Doc {
  const capacity = webinarCapacity(user);
  return capacity > 0 ? { webinar: true, webinar_capacity: capacity } : { webinar: false };
}
