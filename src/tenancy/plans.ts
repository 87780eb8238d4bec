// The plans an account holds and what they allow: one model for the whole
// product. Billing subscribes, updates and cancels plans; everything else reads
// what they allow from the account (`plan`, `data.seats`, `data.addons`), which
// this module keeps derived from the plan records. Pure functions only.
//
// A plan record is never edited in place once invoiced: an update ends the
// record (`replaced_at`) and starts a new one, so invoices of past periods
// stay what they were (billing/invoices.ts reads the whole history).
import type { Plan } from '../core/ratelimit.ts';

/** Where a plan sits in Zoom's plan information (`plan_base`, `plan_webinar` …). */
export type PlanSlot = 'base' | 'webinar' | 'large_meeting' | 'recording' | 'zoom_rooms' | 'room_connector' | 'phone' | 'audio' | 'whiteboard';

export interface PlanRecord {
  /** Stable id of this record (invoice items name it). */
  id: string;
  slot: PlanSlot;
  /** Zoom's plan code (`monthly`, `webinar500_monthly` …), one of the price table's. */
  type: string;
  hosts: number;
  /** Base plans: the tier the plan gives the account. */
  tier?: Exclude<Plan, 'free'>;
  /** Webinar and large meeting plans: attendees per meeting or webinar. */
  capacity?: number;
  /** Cloud recording plans: storage included, in GB. */
  storage_gb?: number;
  /** Length of one paid period, in months. */
  period_months: number;
  /** Price of one host for one period, fixed when subscribed. */
  unit_price: number;
  /** First day the plan is in force (ISO time). */
  service_effective_date: string;
  /** Start of the first paid period: periods follow one another from here. */
  anchor: string;
  /** Audio plans: Zoom's country lists, as given. */
  callout_countries?: string;
  tollfree_countries?: string;
  premium_countries?: string;
  ddi_numbers?: number;
  /** Set by a cancellation: the plan stays in force until `ends_at`, the end of its paid period. */
  cancelled_at?: string;
  ends_at?: string;
  /** Set when an update replaced this record by a new one (at that instant). */
  replaced_at?: string;
}

/** What an account's plans and Zoom-enabled features allow; read by every category through `account.data.addons`. */
export interface Addons {
  /** Webinar licences: how many hosts may hold one, and the largest attendee capacity. */
  webinar?: { hosts: number; capacity: number };
  large_meeting?: { hosts: number; capacity: number };
  /** Cloud recording storage the plans include, in GB (paid plans without a storage plan: the tier's default). */
  cloud_recording?: { storage_gb: number };
  zoom_rooms?: { hosts: number };
  room_connector?: { hosts: number };
  /** Zoom Phone calling licences. */
  phone?: { hosts: number };
  whiteboard?: { hosts: number };
  /** Audio conferencing (needed by PAC and dial-in numbers). */
  audio?: { type: string };
  // Features Zoom enables on an account (no plan code of their own here):
  /** Telephony service provider audio (TSP). */
  tsp?: boolean;
  /** SIP phone integration. */
  sip_phone?: boolean;
  /** The SIP Connected Audio plan (SIP trunks). */
  sip_connected_audio?: boolean;
  /** Personal audio conference accounts. */
  pac?: boolean;
}

export const FEATURE_ADDONS = ['tsp', 'sip_phone', 'sip_connected_audio', 'pac'] as const;
export type FeatureAddon = (typeof FEATURE_ADDONS)[number];

/** Licensed seats an account without a base plan has (a free account's owner). */
export const FREE_SEATS = 1;
/** Cloud recording storage (GB) a paid base plan includes per licensed host, where no storage plan is held. */
export const INCLUDED_STORAGE_GB: Record<Plan, number> = { free: 0, pro: 5, business: 5, enterprise: 5 };

/** The record is in force at `now` (ISO times compare as strings: one format throughout). */
export function inForce(p: PlanRecord, now: string): boolean {
  if (p.service_effective_date > now) return false;
  if (p.replaced_at !== undefined && p.replaced_at <= now) return false;
  if (p.ends_at !== undefined && p.ends_at <= now) return false;
  return true;
}

export function plansInForce(plans: readonly PlanRecord[], now: string): PlanRecord[] {
  return plans.filter((p) => inForce(p, now));
}

/** `iso` moved by whole months (UTC), the day clamped to the month's last. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().replace('.000Z', 'Z');
}

/** Start of the paid period `k` (0 = the first). */
export const periodStart = (p: PlanRecord, k: number): string => addMonths(p.anchor, k * p.period_months);

/** The end of the paid period holding `now`: the plan's next invoice date. */
export function nextInvoiceDate(p: PlanRecord, now: string): string {
  let k = 1;
  let end = periodStart(p, k);
  while (end <= now) end = periodStart(p, ++k);
  return end;
}

/** What the plans in force allow: the account's tier, licensed seats and add-ons. */
export function derive(plans: readonly PlanRecord[], features: Addons, now: string): { plan: Plan; seats: number; addons: Addons } {
  const live = plansInForce(plans, now);
  const base = live.find((p) => p.slot === 'base');
  const plan: Plan = base?.tier ?? 'free';
  const addons: Addons = {};
  for (const f of FEATURE_ADDONS) if (features[f] === true) addons[f] = true;
  const sum = (slot: PlanSlot) => live.filter((p) => p.slot === slot);
  const webinars = sum('webinar');
  if (webinars.length > 0) addons.webinar = { hosts: total(webinars), capacity: Math.max(...webinars.map((p) => p.capacity ?? 0)) };
  const large = sum('large_meeting');
  if (large.length > 0) addons.large_meeting = { hosts: total(large), capacity: Math.max(...large.map((p) => p.capacity ?? 0)) };
  const recording = sum('recording');
  if (recording.length > 0) addons.cloud_recording = { storage_gb: recording.reduce((n, p) => n + (p.storage_gb ?? 0), 0) };
  else if (base) addons.cloud_recording = { storage_gb: INCLUDED_STORAGE_GB[plan] * base.hosts };
  for (const slot of ['zoom_rooms', 'room_connector', 'phone', 'whiteboard'] as const) {
    const held = sum(slot);
    if (held.length > 0) addons[slot] = { hosts: total(held) };
  }
  const audio = sum('audio')[0];
  if (audio) addons.audio = { type: audio.type };
  return { plan, seats: base ? base.hosts : FREE_SEATS, addons };
}

const total = (ps: readonly PlanRecord[]) => ps.reduce((n, p) => n + p.hosts, 0);

/** The next instant at which the plans change what they allow (a cancellation ending, a plan starting), if any. */
export function nextChange(plans: readonly PlanRecord[], now: string): string | undefined {
  let next: string | undefined;
  for (const p of plans) {
    for (const t of [p.service_effective_date, p.ends_at]) {
      if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
    }
  }
  return next;
}

/** The minimal account shape this module reads and writes. */
interface PlannedAccount {
  plan: Plan;
  data: { seats: number; plans?: PlanRecord[]; addons?: Addons; plans_change_at?: string };
}

/** Sets the account's plan records and what they allow, as of `now`. */
export function applyPlans<A extends PlannedAccount>(account: A, plans: PlanRecord[], now: string): A {
  const { plan, seats, addons } = derive(plans, account.data.addons ?? {}, now);
  account.plan = plan;
  account.data.plans = plans;
  account.data.seats = seats;
  account.data.addons = addons;
  const next = nextChange(plans, now);
  if (next === undefined) delete account.data.plans_change_at;
  else account.data.plans_change_at = next;
  return account;
}

/**
 * The account as its plans make it at `now`: past a scheduled change (a
 * cancelled plan's period ended), a re-derived copy, without writing — every
 * reader (seat checks, rate limits, gating) sees the change at that instant
 * of the server clock. The stored row catches up at the next billing write.
 */
export function asOf<A extends PlannedAccount>(account: A, now: string): A {
  const at = account.data.plans_change_at;
  if (at === undefined || at > now || !account.data.plans) return account;
  return applyPlans({ ...account, data: { ...account.data } }, account.data.plans, now);
}
