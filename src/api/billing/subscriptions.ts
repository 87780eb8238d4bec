// Billing: plans — information, usage, subscribe, update and cancel the base
// plan and add-ons. A master account acts on its sub accounts (Zoom's billing
// APIs are master APIs); an account that is not a sub account may also act on
// itself. Every change rewrites the account's plan records and what they allow
// (tenancy/plans.ts), so seats, tiers and add-ons change at once everywhere.
import { Errors } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import type { ReadCache } from '../../core/read-cache.ts';
import { country } from '../../core/countries.ts';
import { applyPlans, inForce, nextInvoiceDate, type PlanRecord } from '../../tenancy/plans.ts';
import { getAccount, updateAccount, type AccountRecord } from '../../tenancy/repository.ts';
import { countFeatureHolders, countLicensedUsers } from '../users/repository.ts';
import type { Catalogue } from './catalogue.ts';
import { planInformation, planInformationChangesAt, subscribed } from './model.ts';

/** The account a billing operation acts on; Zoom's refusals for a self-paying sub account and for a sub account acting on itself. */
export function billedAccount(ctx: Context): AccountRecord {
  const a = ctx.account;
  if (a.id === ctx.actor.accountId) {
    if (a.master_account_id !== null) throw Errors.noPermission();
  } else if (a.data.options?.pay_mode === 'sub') throw Errors.selfPay();
  return a;
}

const planRecords = (a: AccountRecord): PlanRecord[] => [...(a.data.plans ?? [])];
const hasBase = (plans: readonly PlanRecord[], now: string) => plans.some((p) => p.slot === 'base' && inForce(p, now));

/** Writes the plans back with what they allow, as of now. */
async function save(ctx: Context, a: AccountRecord, plans: PlanRecord[]): Promise<void> {
  applyPlans(a, plans, ctx.clock.iso());
  await updateAccount(ctx.db, a);
}

interface Contact {
  address: string;
  apt?: string;
  city: string;
  country: string;
  email: string;
  first_name: string;
  last_name: string;
  phone_number: string;
  state: string;
  zip: string;
  employee_count?: string;
}

/** Zoom refuses countries it does not know and fields with characters no address holds. */
export function checkContact(c: Partial<Contact>): void {
  if (c.country !== undefined && !country(c.country)) throw Errors.invalidCountry(c.country);
  for (const [field, value] of Object.entries(c)) {
    if (typeof value === 'string' && /[<>{}\\]/.test(value)) {
      throw Errors.badRequest(`Your request was not accepted because "${field}" contains special character(s).`);
    }
  }
}

interface Sized {
  type?: string;
  hosts?: number;
}

/** Plan fields of Subscribe plans this server sells; any other `plan_*` field is a product it cannot sell. */
const SELLABLE = new Set(['plan_base', 'plan_webinar', 'plan_large_meeting', 'plan_recording', 'plan_zoom_rooms', 'plan_room_connector', 'plan_phone', 'plan_audio', 'plan_whiteboard']);

interface SubscribeBody {
  contact: Contact;
  subscription_options?: { paid_period_start_date?: string; service_effective_date?: string };
  plan_base: Sized;
  plan_webinar?: Sized[];
  plan_large_meeting?: Sized[];
  plan_recording?: string;
  plan_zoom_rooms?: Sized;
  plan_room_connector?: Sized;
  plan_phone?: { plan_calling?: Sized[]; plan_base?: unknown; plan_number?: unknown[]; plan_calling_addons?: unknown[] };
  plan_audio?: Sized & { callout_countries?: string; tollfree_countries?: string; premium_countries?: string; ddi_numbers?: number };
  plan_whiteboard?: Sized;
  [other: string]: unknown;
}

/** A date the caller gives (`YYYY-MM-DD` or an ISO time), as an ISO time; 300 naming the field when it is neither. */
function dateField(field: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw Errors.validation([{ field, message: 'Invalid date.' }]);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createSubscriptions(catalogue: Catalogue, plans: ReadCache) {
  /** A new record of `code`, which must belong to `slot` (base plans: any tier). */
  const record = (code: string | undefined, hosts: number | undefined, slot: PlanRecord['slot'], effective: string, anchor: string): PlanRecord => {
    const entry = code === undefined ? undefined : catalogue.entry(code);
    if (!entry || entry.slot !== slot) throw slot === 'base' ? Errors.invalidPlanType() : Errors.invalidAddonType(code ?? '');
    if (hosts !== undefined && (!Number.isInteger(hosts) || hosts < 0)) throw Errors.validation([{ field: 'hosts', message: 'Invalid field.' }]);
    return catalogue.record(code!, slot === 'recording' || slot === 'audio' ? 1 : (hosts ?? 1), effective, anchor);
  };

  return {
    async GetAccountPlanInformation(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const nowMs = ctx.clock.now();
      // Kept until the account's row (its `a:` line) or a user of it changes, or the clock reaches the next date that changes the answer.
      const { answer } = await plans.readTimed(a.id, 'plans', nowMs, async () => {
        const now = ctx.clock.iso(nowMs);
        const records = ((await getAccount(ctx.db, a.id)) ?? a).data.plans ?? [];
        return { body: planInformation(records, now, await countLicensedUsers(ctx.db, a.id)), until: planInformationChangesAt(records, now, nowMs), meta: null };
      });
      return answer;
    },

    async GetPlanUsage(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      const live = (a.data.plans ?? []).filter((p) => inForce(p, now));
      const base = live.find((p) => p.slot === 'base');
      if (!base) throw Errors.usagePaidOnly();
      const out: Record<string, unknown> = {
        plan_base: { type: base.type, hosts: base.hosts, usage: await countLicensedUsers(ctx.db, a.id), pending: 0 },
      };
      for (const [slot, key, feature] of [
        ['webinar', 'plan_webinar', 'webinar'],
        ['large_meeting', 'plan_large_meeting', 'large_meeting'],
      ] as const) {
        const held = live.filter((p) => p.slot === slot);
        if (held.length === 0) continue;
        // Feature holders are not told apart by plan code: all count against the first plan, the rest against the others in order.
        let used = await countFeatureHolders(ctx.db, a.id, feature);
        out[key] = held.map((p) => {
          const usage = Math.min(used, p.hosts);
          used -= usage;
          return { type: p.type, hosts: p.hosts, usage, pending: 0 };
        });
      }
      const storage = a.data.addons?.cloud_recording?.storage_gb ?? 0;
      const recording = live.find((p) => p.slot === 'recording');
      // Recordings count against the plan once a category stores them; none are stored yet (README).
      out.plan_recording = {
        ...(recording ? { type: recording.type } : {}),
        free_storage: recording ? '0 GB' : `${storage} GB`,
        free_storage_usage: '0 GB',
        plan_storage: recording ? `${storage} GB` : '0 GB',
        plan_storage_usage: '0 GB',
        plan_storage_exceed: '0 GB',
      };
      const rooms = live.find((p) => p.slot === 'zoom_rooms');
      if (rooms) out.plan_zoom_rooms = { type: rooms.type, hosts: rooms.hosts, usage: 0 };
      const whiteboard = live.find((p) => p.slot === 'whiteboard');
      if (whiteboard) out.plan_whiteboard = { type: whiteboard.type, hosts: whiteboard.hosts, usage: await countFeatureHolders(ctx.db, a.id, 'zoom_whiteboard'), pending: 0 };
      return out;
    },

    async SubscribeAccountToAPlan(input: Input<{ accountId: string }, Record<string, never>, SubscribeBody>, ctx: Context) {
      const a = billedAccount(ctx);
      const body = input.body;
      const now = ctx.clock.iso();
      for (const key of Object.keys(body)) if (key.startsWith('plan_') && !SELLABLE.has(key)) throw Errors.cannotBuyProduct();
      const plans = planRecords(a);
      if (hasBase(plans, now)) throw Errors.basePlanHeld();
      checkContact(body.contact);
      const effective = dateField('subscription_options.service_effective_date', body.subscription_options?.service_effective_date, now);
      const anchor = dateField('subscription_options.paid_period_start_date', body.subscription_options?.paid_period_start_date, effective);
      const added: PlanRecord[] = [record(body.plan_base.type, body.plan_base.hosts, 'base', effective, anchor)];
      const licensed = await countLicensedUsers(ctx.db, a.id);
      if (added[0]!.hosts < licensed) throw Errors.tooManyPaidUsers(licensed);
      for (const p of body.plan_webinar ?? []) added.push(record(p.type, p.hosts, 'webinar', effective, anchor));
      for (const p of body.plan_large_meeting ?? []) added.push(record(p.type, p.hosts, 'large_meeting', effective, anchor));
      if (body.plan_recording !== undefined) added.push(record(body.plan_recording, 1, 'recording', effective, anchor));
      if (body.plan_zoom_rooms) added.push(record(body.plan_zoom_rooms.type, body.plan_zoom_rooms.hosts, 'zoom_rooms', effective, anchor));
      if (body.plan_room_connector) added.push(record(body.plan_room_connector.type, body.plan_room_connector.hosts, 'room_connector', effective, anchor));
      if (body.plan_whiteboard) added.push(record(body.plan_whiteboard.type, body.plan_whiteboard.hosts, 'whiteboard', effective, anchor));
      if (body.plan_phone) {
        if (body.plan_phone.plan_base !== undefined || body.plan_phone.plan_number !== undefined || body.plan_phone.plan_calling_addons !== undefined) throw Errors.cannotBuyProduct();
        for (const p of body.plan_phone.plan_calling ?? []) added.push(record(p.type, p.hosts, 'phone', effective, anchor));
      }
      if (body.plan_audio) {
        const audio = record(body.plan_audio.type, 1, 'audio', effective, anchor);
        for (const k of ['callout_countries', 'tollfree_countries', 'premium_countries'] as const) if (body.plan_audio[k] !== undefined) audio[k] = body.plan_audio[k];
        if (body.plan_audio.ddi_numbers !== undefined) audio.ddi_numbers = body.plan_audio.ddi_numbers;
        added.push(audio);
      }
      const codes = added.filter((p) => p.slot !== 'base').map((p) => p.type);
      const twice = codes.find((c, i) => codes.indexOf(c) !== i);
      if (twice !== undefined) throw Errors.addonHeld(twice);
      a.data.billing_contact = { ...body.contact };
      await save(ctx, a, [...plans, ...added]);
      return subscribed(added);
    },

    async SubscribeAccountToAnAdditionalPlan(
      input: Input<{ accountId: string }, Record<string, never>, { type?: string; hosts?: number; paid_period_start_date?: string; service_effective_date?: string; [k: string]: unknown }>,
      ctx: Context,
    ) {
      const a = billedAccount(ctx);
      const body = input.body;
      const now = ctx.clock.iso();
      if (body.plan_details !== undefined || body.plan_zcc_details !== undefined || body.plan_znode_details !== undefined) throw Errors.cannotBuyProduct();
      const plans = planRecords(a);
      if (!hasBase(plans, now)) throw Errors.addonOnFreePlan();
      const entry = body.type === undefined ? undefined : catalogue.entry(body.type);
      if (!entry || entry.slot === 'base') throw Errors.invalidAddonType(body.type ?? '');
      if (plans.some((p) => p.type === body.type && inForce(p, now) && p.cancelled_at === undefined)) throw Errors.addonHeld(body.type!);
      const effective = dateField('service_effective_date', body.service_effective_date, now);
      const anchor = dateField('paid_period_start_date', body.paid_period_start_date, effective);
      const added = record(body.type, body.hosts, entry.slot, effective, anchor);
      await save(ctx, a, [...plans, added]);
      return subscribed([added]);
    },

    async "UpdateAnAccount'sAdditionalPlan"(
      input: Input<{ accountId: string }, Record<string, never>, { type: string; hosts: number; paid_period_start_date?: string; service_effective_date?: string }>,
      ctx: Context,
    ) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      const plans = planRecords(a);
      if (!hasBase(plans, now)) throw Errors.majorPlanFirst();
      const entry = catalogue.entry(input.body.type);
      if (!entry || entry.slot === 'base') throw Errors.invalidAddonType(input.body.type);
      // The held add-on of the same kind (a webinar plan for a webinar code): the update may change its code and hosts.
      const held = plans.find((p) => p.type === input.body.type && inForce(p, now)) ?? plans.find((p) => p.slot === entry.slot && inForce(p, now));
      if (!held) throw Errors.addonChangeFailed(a.id);
      const next = record(input.body.type, input.body.hosts, entry.slot, now, now);
      const i = plans.indexOf(held);
      plans[i] = { ...held, replaced_at: now };
      await save(ctx, a, [...plans, next]);
    },

    async CancelAdditionalPlans(input: Input<{ accountId: string }, Record<string, never>, { action?: string; type?: string; reason?: number; comment?: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      const plans = planRecords(a);
      if (!hasBase(plans, now)) throw Errors.cancelAddonOnFree();
      if (input.body.action !== undefined && input.body.action !== 'cancel') throw Errors.validation([{ field: 'action', message: 'Invalid field.' }]);
      const type = input.body.type ?? '';
      const targets = plans.filter((p) => p.slot !== 'base' && p.type === type && inForce(p, now) && p.cancelled_at === undefined);
      if (targets.length === 0) throw Errors.addonNotHeld(type);
      await save(ctx, a, plans.map((p) => (targets.includes(p) ? { ...p, cancelled_at: now, ends_at: nextInvoiceDate(p, now) } : p)));
    },

    async UpdateABasePlan(
      input: Input<{ accountId: string }, Record<string, never>, { type: string; hosts?: number; active_hosts?: number; increasing_hosts?: number; paid_period_start_date?: string; service_effective_date?: string }>,
      ctx: Context,
    ) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      const plans = planRecords(a);
      const base = plans.find((p) => p.slot === 'base' && inForce(p, now));
      if (!base) throw Errors.majorPlanFirst();
      const body = input.body;
      const hosts = body.hosts ?? base.hosts + (body.increasing_hosts ?? 0);
      const next = record(body.type, hosts, 'base', now, now);
      const licensed = await countLicensedUsers(ctx.db, a.id);
      if (next.hosts < licensed) throw Errors.tooManyPaidUsers(licensed);
      plans[plans.indexOf(base)] = { ...base, replaced_at: now };
      await save(ctx, a, [...plans, next]);
    },

    async CancelABasePlan(input: Input<{ accountId: string }, Record<string, never>, { action: string; reason?: number; comment?: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      if (input.body.action !== 'cancel') throw Errors.validation([{ field: 'action', message: 'Invalid field.' }]);
      const plans = planRecords(a);
      const base = plans.find((p) => p.slot === 'base' && inForce(p, now));
      if (!base) throw Errors.cancelBaseOnFree();
      if (base.cancelled_at !== undefined) throw Errors.addonNotHeld(base.type);
      if (plans.some((p) => p.slot !== 'base' && inForce(p, now) && p.cancelled_at === undefined)) throw Errors.cancelAddonsFirst();
      plans[plans.indexOf(base)] = { ...base, cancelled_at: now, ends_at: nextInvoiceDate(base, now) };
      await save(ctx, a, plans);
    },
  };
}
