// Billing (18 operations): plans in subscriptions.ts, contact, invoices,
// renewals and invoice reports in invoices.ts. The price table is read once,
// when the provider is made.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { loadCatalogue } from './catalogue.ts';
import { createInvoices } from './invoices.ts';
import { createSubscriptions } from './subscriptions.ts';

export function createBillingProvider(_deps: ProviderDeps): Provider {
  const catalogue = loadCatalogue();
  return { ...createSubscriptions(catalogue), ...createInvoices(catalogue) };
}
