// Billing: contact information, invoices and their PDF files, upcoming
// renewals, and the master's invoice reports on its sub accounts.
import { FileBody } from '../../core/file-body.ts';
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { inForce, nextInvoiceDate } from '../../tenancy/plans.ts';
import { listSubAccounts, updateAccount, type AccountRecord } from '../../tenancy/repository.ts';
import type { Catalogue } from './catalogue.ts';
import { day, invoicesOf, invoiceSummary, type Invoice } from './model.ts';
import * as repo from './repository.ts';
import { billedAccount, checkContact } from './subscriptions.ts';

/** Reports are kept this long after they are generated (Zoom's `remaining_days` counts down to it). */
export const REPORT_KEEP_DAYS = 30;
const DAY_MS = 86_400_000;

/** The calling account when it may act as a master (it is no sub account itself). */
function master(ctx: Context): AccountRecord {
  if (ctx.account.master_account_id !== null) throw Errors.noPermission();
  return ctx.account;
}

/** Every sub account of a master, oldest first. */
async function subAccounts(db: Queryable, masterId: string): Promise<AccountRecord[]> {
  const all: AccountRecord[] = [];
  for (let offset = 0; ; offset += 300) {
    const { accounts } = await listSubAccounts(db, masterId, 300, offset);
    all.push(...accounts);
    if (accounts.length < 300) return all;
  }
}

const BILLING_CYCLES: Record<number, string> = { 1: 'Monthly', 3: 'Quarterly', 12: 'Annual', 24: 'Two years', 36: 'Three years' };

export function createInvoices(catalogue: Catalogue) {
  const invoices = (a: AccountRecord, now: string): Invoice[] => invoicesOf(a.id, a.data.plans ?? [], catalogue.table, now);

  const reportState = (r: repo.InvoiceReportRecord, nowMs: number) => {
    const created = Date.parse(r.created_at);
    const ready = nowMs >= created + catalogue.table.invoice_report_ready_minutes * 60_000;
    return {
      id: r.id,
      start_date: r.start_date,
      end_date: r.end_date,
      accounts_total_number: r.account_ids.length,
      remaining_days: Math.max(0, Math.ceil((created + REPORT_KEEP_DAYS * DAY_MS - nowMs) / DAY_MS)),
      ready,
    };
  };

  const reportCsv = async (db: Queryable, masterId: string, r: repo.InvoiceReportRecord, now: string): Promise<string> => {
    const subs = new Map((await subAccounts(db, masterId)).map((a) => [a.id, a]));
    const lines = ['account_id,account_name,account_number,invoice_id,invoice_number,invoice_date,due_date,charge_name,start_date,end_date,quantity,tax_amount,total_amount,currency'];
    const cell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    for (const id of r.account_ids) {
      const a = subs.get(id);
      if (!a) continue;
      for (const inv of invoices(a, now).reverse()) {
        if (inv.invoice_date < r.start_date || inv.invoice_date > r.end_date) continue;
        for (const item of inv.invoice_items) {
          lines.push(
            [a.id, a.account_name, a.account_number, inv.id, inv.invoice_number, inv.invoice_date, inv.due_date, item.charge_name, item.start_date, item.end_date, item.quantity, item.tax_amount, item.total_amount, inv.currency]
              .map(cell)
              .join(','),
          );
        }
      }
    }
    return `${lines.join('\n')}\n`;
  };

  return {
    async GetBillingInformation(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const c = a.data.billing_contact ?? {};
      return {
        first_name: c.first_name ?? '',
        last_name: c.last_name ?? '',
        email: c.email ?? a.data.owner_email,
        phone_number: c.phone_number ?? '',
        address: c.address ?? '',
        ...(c.apt !== undefined ? { apt: c.apt } : {}),
        city: c.city ?? '',
        state: c.state ?? '',
        zip: c.zip ?? '',
        country: c.country ?? '',
        employee_count: c.employee_count ?? 'Just Me',
      };
    },

    async UpdateBillingInformation(input: Input<{ accountId: string }, Record<string, never>, Record<string, string>>, ctx: Context) {
      const a = billedAccount(ctx);
      const now = ctx.clock.iso();
      if (!(a.data.plans ?? []).some((p) => p.slot === 'base' && inForce(p, now))) throw Errors.subscribePlanFirst();
      checkContact(input.body);
      a.data.billing_contact = { ...(a.data.billing_contact ?? {}), ...input.body };
      await updateAccount(ctx.db, a);
    },

    async ListBillingInvoices(input: Input<{ accountId: string }, { from?: string; to?: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      if ((a.data.plans ?? []).length === 0) throw Errors.billingPaidOnly(a.id);
      const { from, to } = input.query;
      const list = invoices(a, ctx.clock.iso()).filter((i) => (from === undefined || i.invoice_date >= from) && (to === undefined || i.invoice_date <= to));
      return { currency: catalogue.table.currency, invoices: list.map(invoiceSummary) };
    },

    async GetInvoiceDetails(input: Input<{ accountId: string; invoiceId: string }>, ctx: Context) {
      const a = billedAccount(ctx);
      const found = invoices(a, ctx.clock.iso()).find((i) => i.id === input.path.invoiceId);
      if (!found) throw Errors.invoiceNotFound(input.path.invoiceId);
      return found;
    },

    /** The caller's own invoices, and a master's its sub accounts' (the path names no account). */
    async downloadInvoicePDF(input: Input<{ invoiceId: string }>, ctx: Context) {
      const now = ctx.clock.iso();
      const own = ctx.account;
      const candidates = own.master_account_id === null ? [own, ...(await subAccounts(ctx.db, own.id)).filter((s) => s.data.options?.pay_mode !== 'sub')] : [own];
      for (const a of candidates) {
        const found = invoices(a, now).find((i) => i.id === input.path.invoiceId);
        if (!found) continue;
        const party = { account_name: a.account_name, account_number: a.account_number, ...(a.data.billing_contact ? { contact: a.data.billing_contact } : {}) };
        // pdfkit and its fonts take ~100 ms to load: loaded on the first invoice asked for, not at start.
        const { invoicePdf } = await import('./invoice-pdf.ts');
        const pdf = await invoicePdf(found, party, new Date(`${found.invoice_date}T00:00:00Z`));
        return new FileBody(pdf, 'application/pdf', `${found.invoice_number}.pdf`);
      }
      throw Errors.invoiceNotFound(input.path.invoiceId);
    },

    async Getupcomingrenewalaccounts(input: Input<Record<string, never>, { interval?: number }>, ctx: Context) {
      const m = master(ctx);
      const interval = input.query.interval ?? 30;
      const now = ctx.clock.iso();
      const horizon = day(new Date(Date.parse(now) + interval * DAY_MS).toISOString());
      const results = [];
      for (const a of await subAccounts(ctx.db, m.id)) {
        if (a.data.options?.pay_mode === 'sub') continue;
        const renewing = (a.data.plans ?? []).filter((p) => inForce(p, now) && p.cancelled_at === undefined && day(nextInvoiceDate(p, now)) <= horizon);
        if (renewing.length === 0) continue;
        const subscriptions = renewing.map((p) => ({
          plan_name: catalogue.table.plans[p.type]?.name ?? p.type,
          quantity: p.hosts,
          billing_cycle: BILLING_CYCLES[p.period_months] ?? 'Monthly',
          service_effective_date: day(p.service_effective_date),
          next_invoice_date: day(nextInvoiceDate(p, now)),
          next_invoice_amount: Math.round(p.hosts * p.unit_price * 100) / 100,
        }));
        results.push({
          account_id: a.id,
          account_number: String(a.account_number),
          account_name: a.account_name,
          email: a.data.owner_email,
          total_renewal_amount: Math.round(subscriptions.reduce((n, s) => n + s.next_invoice_amount, 0)),
          next_renewal_date: subscriptions.map((s) => s.next_invoice_date).sort()[0]!,
          auto_renew: a.data.options?.billing_auto_renew ?? true,
          renewable_subscriptions: subscriptions,
        });
      }
      results.sort((x, y) => (x.next_renewal_date < y.next_renewal_date ? -1 : x.next_renewal_date > y.next_renewal_date ? 1 : x.account_id < y.account_id ? -1 : 1));
      const page = results.slice(input.page.offset, input.page.offset + input.page.size);
      return input.page.respond(results.length, { interval, results: page });
    },

    async generateSubInvoiceReport(input: Input<Record<string, never>, Record<string, never>, { start_date?: string; end_date?: string; account_ids?: string[] }>, ctx: Context) {
      const m = master(ctx);
      const body = input.body;
      const ids = [...new Set(body.account_ids ?? [])];
      if (ids.length === 0) throw Errors.reportNeedsAccounts();
      const isDate = (v: string | undefined) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
      if (!isDate(body.start_date)) throw Errors.validation([{ field: 'start_date', message: 'Invalid date.' }]);
      if (!isDate(body.end_date)) throw Errors.validation([{ field: 'end_date', message: 'Invalid date.' }]);
      const start = body.start_date!;
      const end = body.end_date!;
      const monthAfter = new Date(`${start}T00:00:00Z`);
      monthAfter.setUTCMonth(monthAfter.getUTCMonth() + 1);
      if (end < start || end > day(monthAfter.toISOString())) throw Errors.reportSpan();
      const subs = new Set((await subAccounts(ctx.db, m.id)).map((a) => a.id));
      if (ids.some((id) => !subs.has(id))) throw Errors.reportAccountsNotFound(m.id);
      const record = { id: zoomId(), start_date: start, end_date: end, account_ids: ids, created_at: ctx.clock.iso() };
      await repo.insertReport(ctx.db, m.id, record);
      const { ready: _ready, ...state } = reportState(record, ctx.clock.now());
      return { ...state, status: 'Processing' };
    },

    async listSubInvoiceReport(input: Input, ctx: Context) {
      const m = master(ctx);
      const nowMs = ctx.clock.now();
      const since = new Date(nowMs - REPORT_KEEP_DAYS * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const total = await input.page.total(() => repo.countReports(ctx.db, m.id, since));
      const { reports, last } = await repo.listReports(ctx.db, m.id, since, input.page);
      const invoice_reports = reports.map((r) => {
        const { ready, ...state } = reportState(r, nowMs);
        return { ...state, status: ready ? 'Completed' : 'Processing' };
      });
      const body = input.page.respond(total, { invoice_reports }, last);
      // Zoom's answer has only next_page_token beside the reports.
      return { next_page_token: body.next_page_token, invoice_reports };
    },

    async downloadBillingInvoiceReport(input: Input<{ invoiceReportId: string }, { download: boolean }>, ctx: Context) {
      const m = master(ctx);
      const r = await repo.getReport(ctx.db, m.id, input.path.invoiceReportId);
      const nowMs = ctx.clock.now();
      if (!r || nowMs >= Date.parse(r.created_at) + REPORT_KEEP_DAYS * DAY_MS) throw Errors.invoiceReportNotFound(input.path.invoiceReportId);
      const { ready, ...state } = reportState(r, nowMs);
      if (ready && input.query.download === true) {
        const csv = await reportCsv(ctx.db, m.id, r, ctx.clock.iso());
        return new FileBody(Buffer.from(csv), 'text/csv; charset=utf-8', `invoice-report-${r.start_date}-${r.end_date}.csv`);
      }
      return { ...state, status: ready ? 'Available' : 'Processing' };
    },

    async deleteBillingInvoiceReport(input: Input<{ invoiceReportId: string }>, ctx: Context) {
      const m = master(ctx);
      const r = await repo.getReport(ctx.db, m.id, input.path.invoiceReportId);
      if (!r) throw Errors.invoiceReportNotFound(input.path.invoiceReportId);
      await repo.deleteReport(ctx.db, m.id, r.id);
    },
  };
}
