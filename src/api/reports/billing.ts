// GET /report/billing and /report/billing/invoices: Zoom's department billing
// reports, from the account's invoices (src/api/billing: every paid period of
// its plan records is invoiced on its first day). A billing period is a
// calendar month (UTC): its report totals the invoices dated in it, and its
// invoice report lists their lines. Zoom enables Department Billing on request;
// here every paid account has it.
import { createHash } from 'node:crypto';
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { loadCatalogue, type Catalogue } from '../billing/catalogue.ts';
import { invoicesOf, type Invoice } from '../billing/model.ts';
import { needPaid } from './gate.ts';

const BillingErrors = {
  invalidId: () => new ZoomError(400, 300, 'Invalid parameter "billing_id"'),
  notFound: () => new ZoomError(404, 5010, 'Report does not exist.'),
};

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const ID = /^[0-9a-f]{24}$/;

interface Period {
  id: string;
  start_date: string;
  end_date: string;
  invoices: Invoice[];
}

/** The account's billing periods that hold an invoice, newest first; each id names the account and the month. */
function periods(ctx: Context, catalogue: Catalogue): Period[] {
  const byMonth = new Map<string, Invoice[]>();
  for (const inv of invoicesOf(ctx.account.id, ctx.account.data.plans ?? [], catalogue.table, ctx.clock.iso())) {
    const month = inv.invoice_date.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), inv]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([month, invoices]) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return {
        id: createHash('sha256').update(`${ctx.account.id}|billing|${month}`).digest('hex').slice(0, 24),
        start_date: `${month}-01`,
        end_date: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10),
        // Oldest first within the period, as a statement reads.
        invoices: invoices.reverse(),
      };
    });
}

export function createBillingReports(catalogue: Catalogue = loadCatalogue()) {
  return {
    /** One Detailed Billing Report (type 0) per billing period: its invoices' totals (tax included) and tax. */
    async getBillingReport(_input: Input, ctx: Context) {
      needPaid(ctx);
      const billing_reports = periods(ctx, catalogue).map((p) => ({
        id: p.id,
        type: 0,
        start_date: p.start_date,
        end_date: p.end_date,
        total_amount: money(p.invoices.reduce((n, i) => n + i.total_amount, 0)),
        tax_amount: money(p.invoices.reduce((n, i) => n + i.tax_amount, 0)),
      }));
      return { currency: catalogue.table.currency, billing_reports };
    },

    /** The lines of the period's invoices: each charge with its subscription period, quantity, tax and total (tax included). */
    async getBillingInvoicesReports(input: Input<Record<string, never>, { billing_id?: string }>, ctx: Context) {
      needPaid(ctx);
      const id = input.query.billing_id ?? '';
      if (!ID.test(id)) throw BillingErrors.invalidId();
      const period = periods(ctx, catalogue).find((p) => p.id === id);
      if (!period) throw BillingErrors.notFound();
      const invoices = period.invoices.flatMap((inv) =>
        inv.invoice_items.map((item) => ({
          invoice_number: inv.invoice_number,
          invoice_charge_name: item.charge_name,
          quantity: item.quantity,
          start_date: item.start_date,
          end_date: item.end_date,
          tax_amount: money(item.tax_amount),
          total_amount: money(item.total_amount + item.tax_amount),
        })),
      );
      return { currency: catalogue.table.currency, invoices };
    },
  };
}
