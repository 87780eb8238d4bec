// The price table as the rest of the product reads it: the default one
// (prices.ts), or a JSON file named by OPENZOOM_PRICE_TABLE, checked once when
// read. Plan records copy what they need from it when subscribed, so a changed
// table never rewrites past invoices.
import { readFileSync } from 'node:fs';
import type { Plan } from '../../core/ratelimit.ts';
import { zoomId } from '../../core/ids.ts';
import type { PlanRecord, PlanSlot } from '../../tenancy/plans.ts';
import { DEFAULT_PRICES } from './prices.ts';

export interface PriceEntry {
  name: string;
  slot: PlanSlot;
  tier?: Exclude<Plan, 'free'>;
  capacity?: number;
  storage_gb?: number;
  period_months: number;
  unit_price: number;
}

export interface PriceTable {
  currency: string;
  /** Tax charged on every invoice line, as a fraction (0.2 = 20 %). */
  tax_rate: number;
  /** Days from an invoice to its due date. */
  payment_terms_days: number;
  /** Minutes after which a sub accounts' invoice report is ready. */
  invoice_report_ready_minutes: number;
  plans: Record<string, PriceEntry>;
}

const SLOTS: readonly PlanSlot[] = ['base', 'webinar', 'large_meeting', 'recording', 'zoom_rooms', 'room_connector', 'phone', 'audio', 'whiteboard'];

export class Catalogue {
  readonly table: PriceTable;
  constructor(table: PriceTable) {
    for (const [code, p] of Object.entries(table.plans)) {
      if (!SLOTS.includes(p.slot) || !(p.period_months >= 1) || !(p.unit_price >= 0) || (p.slot === 'base' && !p.tier)) {
        throw new Error(`Price table: plan ${code} is not valid (slot, period_months, unit_price, and tier for base plans).`);
      }
    }
    this.table = table;
  }

  entry(code: string): PriceEntry | undefined {
    return Object.hasOwn(this.table.plans, code) ? this.table.plans[code] : undefined;
  }

  /** The base plan code a tier is sold as by default (monthly). */
  baseCode(tier: Exclude<Plan, 'free'>): string {
    const code = Object.keys(this.table.plans).find((c) => this.table.plans[c]!.slot === 'base' && this.table.plans[c]!.tier === tier);
    if (!code) throw new Error(`Price table: no base plan for ${tier}.`);
    return code;
  }

  /** The first code of a slot whose capacity or storage is at least `size` (the smallest that fits). */
  codeFor(slot: PlanSlot, size?: number): string | undefined {
    const fits = Object.entries(this.table.plans)
      .filter(([, p]) => p.slot === slot && (size === undefined || (p.capacity ?? p.storage_gb ?? 0) >= size))
      .sort(([, a], [, b]) => (a.capacity ?? a.storage_gb ?? 0) - (b.capacity ?? b.storage_gb ?? 0) || a.period_months - b.period_months);
    return fits[0]?.[0];
  }

  /** A new plan record of `code` for `hosts`, in force from `effective`, paid from `anchor`. */
  record(code: string, hosts: number, effective: string, anchor: string = effective): PlanRecord {
    const p = this.entry(code);
    if (!p) throw new Error(`Unknown plan code ${code}`);
    return {
      id: zoomId(),
      slot: p.slot,
      type: code,
      hosts,
      ...(p.tier ? { tier: p.tier } : {}),
      ...(p.capacity !== undefined ? { capacity: p.capacity } : {}),
      ...(p.storage_gb !== undefined ? { storage_gb: p.storage_gb } : {}),
      period_months: p.period_months,
      unit_price: p.unit_price,
      service_effective_date: effective,
      anchor,
    };
  }
}

/** The price table in force: OPENZOOM_PRICE_TABLE's file when set, else the default. */
export function loadCatalogue(path: string | undefined = process.env.OPENZOOM_PRICE_TABLE): Catalogue {
  if (!path) return new Catalogue(DEFAULT_PRICES);
  return new Catalogue({ ...DEFAULT_PRICES, ...(JSON.parse(readFileSync(path, 'utf8')) as Partial<PriceTable>) });
}
