// Phone users (Phone: list, get, update; calling plans; numbers): users of
// the account holding the phone licence, with their extension, site, calling
// plans, numbers and policy.
import type { Context, Input } from '../../core/provider.ts';
import { JsonText } from '../../core/pagination.ts';
import type { ReadCache } from '../../core/read-cache.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import { callingPlansOf, defaultPolicy, mergeDeep, validExtension, type PhoneUser } from '../../phone/model.ts';
import * as phone from '../../phone/repository.ts';
import { getUser } from '../users/repository.ts';
import { noPhoneUser, phoneAccount, phoneUserOf, siteOf, siteRef } from './common.ts';
import { accessMembers } from './settings.ts';
import { getTemplate } from './repository.ts';
import { devicesFollowSite } from '../phone-devices/provider.ts';

/** Numbers a phone user may hold (Zoom's maxItems on the user's phone_numbers). */
export const MAX_USER_NUMBERS = 10;
/** Policy entries managed as shared access settings (settingType), not through the policy. */
const MEMBER_LISTS = ['voicemail_access_members', 'auto_call_recording_access_members', 'ad_hoc_call_recording_access_members'] as const;

interface ProfileBody {
  emergency_address_id?: string;
  extension_number?: string;
  policy?: Record<string, unknown>;
  site_id?: string;
  template_id?: string;
}

const planName = (ctx: Context, type: number) => callingPlansOf(ctx.account, ctx.clock.iso()).find((p) => p.type === type)?.name ?? '';

/** The phone user as Zoom's Get user profile answers it. */
export async function phoneUserResponse(ctx: Context, pu: PhoneUser) {
  const user = await getUser(ctx.db, ctx.account.id, pu.user_id);
  const numbers = await phone.numbersOf(ctx.db, ctx.account.id, 'user', pu.user_id);
  const policy: Record<string, unknown> = { ...pu.policy };
  for (const list of MEMBER_LISTS) policy[list] = accessMembers(pu, list);
  return {
    id: pu.user_id,
    phone_user_id: pu.extension_id,
    email: user?.email ?? '',
    extension_id: pu.extension_id,
    extension_number: pu.extension_number,
    site_id: pu.site_id,
    site_admin: false,
    status: pu.status === 'deactivate' ? 'deactivate' : 'activate',
    calling_plans: pu.calling_plans.map((type) => ({ type })),
    phone_numbers: numbers.map((n) => ({ id: n.id, number: n.number })),
    ...(pu.emergency_address ? { emergency_address: pu.emergency_address } : {}),
    department: pu.department ?? '',
    cost_center: pu.cost_center ?? '',
    policy,
  };
}

/** A policy change: sub-objects merge; `reset: true` puts one back to its default. */
function applyPolicy(current: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> {
  const defaults = defaultPolicy();
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change)) {
    if ((MEMBER_LISTS as readonly string[]).includes(k)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && (v as { reset?: unknown }).reset === true) {
      patch[k] = defaults[k] ?? {};
      current = { ...current, [k]: defaults[k] ?? {} };
      continue;
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const { reset: _r, ...rest } = v as Record<string, unknown>;
      patch[k] = rest;
    } else patch[k] = v;
  }
  return mergeDeep(current, patch);
}

/** Get a phone user: by user id from a kept answer (dropped by the phone tables' and users' triggers), by email or extension from the database. */
export function phoneUserRead(answers: ReadCache) {
  return async function phoneUser(input: Input<{ userId: string }>, ctx: Context) {
    const id = ctx.resolveMe(input.path.userId);
    if (id.includes('@') || /^\d+$/.test(id)) return phoneUserResponse(ctx, await phoneUserOf(ctx, id));
    return answers.read(ctx.account.id, id, async () => {
      await phoneAccount(ctx);
      const pu = await phone.getPhoneUser(ctx.db, ctx.account.id, id);
      if (!pu) throw await noPhoneUser(ctx, id);
      return phoneUserResponse(ctx, pu);
    });
  };
}

export const phoneUserOperations = {
  async listPhoneUsers(
    input: Input<Record<string, never>, { site_id?: string; calling_type?: number; status?: PhoneUser['status']; department?: string; cost_center?: string; keyword?: string }>,
    ctx: Context,
  ) {
    await phoneAccount(ctx);
    const q = input.query;
    const filter: phone.PhoneUserFilter = { site_id: q.site_id, calling_type: q.calling_type, status: q.status, department: q.department, cost_center: q.cost_center, keyword: q.keyword?.trim() || undefined };
    const total = await input.page.total(() => phone.countPhoneUsers(ctx.db, ctx.account.id, filter));
    const { users, last } = await phone.listPhoneUsers(ctx.db, ctx.account.id, filter, input.page);
    const sites = new Map((await phone.allSites(ctx.db, ctx.account.id)).map((s) => [s.id, s]));
    const items = [];
    const held = await phone.numbersOfMany(ctx.db, ctx.account.id, 'user', users.map((u) => u.user_id));
    for (const u of users) {
      const numbers = held.get(u.user_id) ?? [];
      const site = sites.get(u.site_id);
      items.push({
        id: u.user_id,
        phone_user_id: u.extension_id,
        name: u.name,
        email: u.email,
        extension_id: u.extension_id,
        extension_number: u.extension_number,
        status: u.status,
        activation_status: 'activated',
        calling_plans: u.calling_plans.map((type) => ({ type, name: planName(ctx, type) })),
        phone_numbers: numbers.map((n) => ({ id: n.id, number: n.number })),
        ...(site ? { site: siteRef(site) } : {}),
        department: u.department ?? '',
        cost_center: u.cost_center ?? '',
      });
    }
    return new JsonText(JSON.stringify(input.page.respond(total, { users: items }, last)));
  },


  async updateUserProfile(input: Input<{ userId: string }, Record<string, never>, ProfileBody>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const b = input.body;
    let extension: number | undefined;
    if (b.extension_number !== undefined) {
      extension = Number(b.extension_number);
      if (!/^\d+$/.test(b.extension_number) || !validExtension(extension)) throw PhoneErrors.extensionOutOfRange(b.extension_number);
    }
    const site = b.site_id !== undefined ? await siteOf(ctx, b.site_id) : undefined;
    if (b.template_id !== undefined) {
      const t = await getTemplate(ctx.db, ctx.account.id, b.template_id);
      if (!t || t.type !== 'user') throw PhoneErrors.templateNotFound(b.template_id);
      pu.policy = applyPolicy(pu.policy, (t.policy ?? {}) as Record<string, unknown>);
    }
    if (b.emergency_address_id !== undefined) {
      const sites = await phone.allSites(ctx.db, ctx.account.id);
      const address = sites.map((s) => s.default_emergency_address).find((a) => a.id === b.emergency_address_id);
      if (!address) throw PhoneErrors.emergencyAddressNotFound(b.emergency_address_id);
      pu.emergency_address = address;
    }
    if (b.policy !== undefined) pu.policy = applyPolicy(pu.policy, b.policy);
    await phone.updateExtension(ctx.db, ctx.account.id, 'user', pu.user_id, { extension_number: extension, site_id: site?.id });
    await phone.updatePhoneUser(ctx.db, ctx.account.id, pu);
    if (site && site.id !== pu.site_id) await devicesFollowSite(ctx, pu.extension_id, site.id);
  },

  async assignCallingPlan(input: Input<{ userId: string }, Record<string, never>, { calling_plans?: Array<{ type?: number }> }>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const wanted = [...new Set((input.body.calling_plans ?? []).map((p) => p.type))];
    if (wanted.length === 0 || wanted.some((t) => t === undefined)) throw PhoneErrors.planNotHeld();
    const held = callingPlansOf(ctx.account, ctx.clock.iso());
    const used = await phone.plansAssigned(ctx.db, ctx.account.id);
    for (const type of wanted as number[]) {
      if (pu.calling_plans.includes(type)) continue;
      const plan = held.find((p) => p.type === type);
      if (!plan) throw PhoneErrors.planNotHeld();
      if ((used.get(type) ?? 0) >= plan.subscribed) throw PhoneErrors.planExhausted(type);
    }
    for (const type of wanted as number[]) await phone.addUserPlan(ctx.db, ctx.account.id, pu.user_id, type);
  },

  async unassignCallingPlan(input: Input<{ userId: string; planType: string }>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const type = Number(input.path.planType);
    if (!/^\d+$/.test(input.path.planType) || !(await phone.removeUserPlan(ctx.db, ctx.account.id, pu.user_id, type))) throw PhoneErrors.planNotAssigned();
  },

  async assignPhoneNumber(input: Input<{ userId: string }, Record<string, never>, { phone_numbers?: Array<{ id?: string; number?: string }> }>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const refs = (input.body.phone_numbers ?? []).map((n) => n.id ?? n.number);
    if (refs.length === 0 || refs.some((r) => r === undefined || r === '')) throw PhoneErrors.numbersRequired();
    const held = await phone.numbersOf(ctx.db, ctx.account.id, 'user', pu.user_id);
    const added = await phone.assignNumbers(ctx.db, ctx.account.id, { type: 'user', id: pu.user_id, site_id: pu.site_id }, refs as string[]);
    const total = new Set([...held.map((n) => n.id), ...added.map((n) => n.id)]).size;
    if (total > MAX_USER_NUMBERS) throw PhoneErrors.tooManyNumbers(MAX_USER_NUMBERS);
    return { phone_numbers: added.map((n) => ({ id: n.id, number: n.number })) };
  },

  async UnassignPhoneNumber(input: Input<{ userId: string; phoneNumberId: string }>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    if (!(await phone.unassignNumber(ctx.db, ctx.account.id, { type: 'user', id: pu.user_id }, input.path.phoneNumberId))) throw PhoneErrors.numberNotAssigned();
  },
};
