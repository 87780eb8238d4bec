// Billing: Zoom's shapes of plans and invoices, from the plan records. Pure functions only.
//
// Invoices are not stored: each is a function of the plan history (records
// are never edited once invoiced, see tenancy/plans.ts) and the server clock.
// Every paid period that has begun is invoiced on its first day — at once
// for a new plan, then at each next_invoice_date — and lines of the same
// instant share one invoice. The same id therefore always names the same
// invoice, on every instance, without a scheduler.
import { createHash } from 'node:crypto';
import { inForce, nextInvoiceDate, periodStart, type PlanRecord, type PlanSlot } from '../../tenancy/plans.ts';
import type { PriceTable } from './catalogue.ts';

export const day = (iso: string): string => iso.slice(0, 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

type Status = 'active' | 'cancelled';
const status = (p: PlanRecord): Status => (p.cancelled_at !== undefined ? 'cancelled' : 'active');

/** One plan as Get plan information shows it. */
function planEntry(p: PlanRecord, now: string, withHosts = true) {
  return {
    type: p.type,
    ...(withHosts ? { hosts: p.hosts } : {}),
    service_effective_date: day(p.service_effective_date),
    next_invoice_date: day(p.ends_at ?? nextInvoiceDate(p, now)),
    status: status(p),
  };
}

const LISTED: ReadonlyArray<[PlanSlot, string]> = [
  ['webinar', 'plan_webinar'],
  ['large_meeting', 'plan_large_meeting'],
];
const SINGLE: ReadonlyArray<[PlanSlot, string]> = [
  ['zoom_rooms', 'plan_zoom_rooms'],
  ['room_connector', 'plan_room_connector'],
  ['whiteboard', 'plan_whiteboard'],
];

/** Get plan information: every plan in force (cancelled ones until their period ends). */
export function planInformation(plans: readonly PlanRecord[], now: string, activeHosts: number): Record<string, unknown> {
  const live = plans.filter((p) => inForce(p, now));
  const of = (slot: PlanSlot) => live.filter((p) => p.slot === slot);
  const out: Record<string, unknown> = {};
  const base = of('base')[0];
  if (base) out.plan_base = { ...planEntry(base, now), active_hosts: activeHosts };
  for (const [slot, key] of LISTED) if (of(slot).length > 0) out[key] = of(slot).map((p) => planEntry(p, now));
  for (const [slot, key] of SINGLE) {
    const p = of(slot)[0];
    if (p) out[key] = planEntry(p, now);
  }
  const recording = of('recording')[0];
  if (recording) {
    out.plan_recording = recording.type;
    out.plan_recording_service_effective_date = day(recording.service_effective_date);
    out.plan_recording_next_invoice_date = day(recording.ends_at ?? nextInvoiceDate(recording, now));
    out.plan_recording_status = status(recording);
  }
  const audio = of('audio')[0];
  if (audio) {
    out.plan_audio = {
      ...planEntry(audio, now, false),
      ...(audio.callout_countries !== undefined ? { callout_countries: audio.callout_countries } : {}),
      ...(audio.tollfree_countries !== undefined ? { tollfree_countries: audio.tollfree_countries } : {}),
      ...(audio.premium_countries !== undefined ? { premium_countries: audio.premium_countries } : {}),
      ...(audio.ddi_numbers !== undefined ? { ddi_numbers: audio.ddi_numbers } : {}),
    };
  }
  if (of('phone').length > 0) out.plan_phone = { plan_calling: of('phone').map((p) => planEntry(p, now)) };
  return out;
}

/**
 * The first server time after `nowMs` (ms; `now` is the same instant as the
 * clock's ISO time) at which Get plan information may answer otherwise: a plan
 * coming into force, ending or replaced, or a next invoice date reached.
 */
export function planInformationChangesAt(plans: readonly PlanRecord[], now: string, nowMs: number): number {
  let until = Infinity;
  const at = (iso: string | undefined) => {
    if (iso === undefined) return;
    // The answer compares second-precision times: it changes once the clock's second reaches this one.
    const ms = Math.floor(Date.parse(iso) / 1000) * 1000;
    if (ms > nowMs && ms < until) until = ms;
  };
  for (const p of plans) {
    at(p.service_effective_date);
    at(p.replaced_at);
    at(p.ends_at);
    if (inForce(p, now)) at(nextInvoiceDate(p, now));
  }
  return until;
}

/** The answer of a subscription: the plans just subscribed, `{type, hosts}` in Zoom's places. */
export function subscribed(plans: readonly PlanRecord[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pair = (p: PlanRecord) => ({ type: p.type, hosts: p.hosts });
  for (const p of plans) {
    if (p.slot === 'base') out.plan_base = pair(p);
    else if (p.slot === 'recording') out.plan_recording = p.type;
    else if (p.slot === 'audio') out.plan_audio = { type: p.type };
    else if (p.slot === 'phone') out.plan_phone = { plan_calling: [...((out.plan_phone as { plan_calling?: unknown[] })?.plan_calling ?? []), pair(p)] };
    else if (p.slot === 'webinar' || p.slot === 'large_meeting') {
      const key = p.slot === 'webinar' ? 'plan_webinar' : 'plan_large_meeting';
      out[key] = [...((out[key] as unknown[]) ?? []), pair(p)];
    } else out[`plan_${p.slot}`] = pair(p);
  }
  return out;
}

// ---- Invoices ----

export interface InvoiceItem {
  charge_name: string;
  charge_number: string;
  charge_type: string;
  start_date: string;
  end_date: string;
  quantity: number;
  total_amount: number;
  tax_amount: number;
}

export interface Invoice {
  id: string;
  invoice_number: string;
  invoice_date: string;
  target_date: string;
  due_date: string;
  status: string;
  currency: string;
  total_amount: number;
  tax_amount: number;
  balance: number;
  invoice_items: InvoiceItem[];
}

/** Every invoice of the account up to `now`, newest first. */
export function invoicesOf(accountId: string, plans: readonly PlanRecord[], prices: PriceTable, now: string): Invoice[] {
  const byInstant = new Map<string, InvoiceItem[]>();
  for (const p of plans) {
    const stop = p.replaced_at ?? p.ends_at;
    for (let k = 0; ; k++) {
      const start = periodStart(p, k);
      // The first period was charged when the plan was subscribed, even if replaced in the same instant.
      if (start > now || (k > 0 && stop !== undefined && start >= stop)) break;
      const end = periodStart(p, k + 1);
      const amount = round2(p.hosts * p.unit_price);
      const item: InvoiceItem = {
        charge_name: prices.plans[p.type]?.name ?? p.type,
        charge_number: `C-${p.id.slice(0, 8).toUpperCase()}`,
        charge_type: 'Recurring',
        start_date: day(start),
        end_date: day(end),
        quantity: p.hosts,
        total_amount: amount,
        tax_amount: round2(amount * prices.tax_rate),
      };
      byInstant.set(start, [...(byInstant.get(start) ?? []), item]);
      if (k > 10_000) break;
    }
  }
  const invoices: Invoice[] = [];
  for (const [instant, items] of byInstant) {
    const hash = createHash('sha256').update(`${accountId}|${instant}`).digest('hex');
    const tax = round2(items.reduce((n, i) => n + i.tax_amount, 0));
    const total = round2(items.reduce((n, i) => n + i.total_amount, 0) + tax);
    const due = new Date(Date.parse(instant) + prices.payment_terms_days * 86_400_000).toISOString();
    // Charged on the due date: the balance is the total until then.
    const paid = due.slice(0, 19) <= now.slice(0, 19);
    invoices.push({
      id: hash.slice(0, 32),
      invoice_number: `INV${(parseInt(hash.slice(0, 12), 16) % 100_000_000).toString().padStart(8, '0')}`,
      invoice_date: day(instant),
      target_date: day(instant),
      due_date: day(due),
      status: 'Posted',
      currency: prices.currency,
      total_amount: total,
      tax_amount: tax,
      balance: paid ? 0 : total,
      invoice_items: items,
    });
  }
  return invoices.sort((a, b) => (a.invoice_date < b.invoice_date ? 1 : a.invoice_date > b.invoice_date ? -1 : a.id < b.id ? 1 : -1));
}

/** One invoice as List billing invoices shows it (no items). */
export function invoiceSummary(i: Invoice) {
  const { invoice_items: _items, currency: _currency, ...rest } = i;
  return rest;
}
