// Billing (18 operations): plans in subscriptions.ts, contact, invoices,
// renewals and invoice reports in invoices.ts. The price table is read once,
// when the provider is made.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { loadCatalogue } from './catalogue.ts';
import { createInvoices } from './invoices.ts';
import { createSubscriptions } from './subscriptions.ts';

export function createBillingProvider(deps: ProviderDeps): Provider {
  const catalogue = loadCatalogue();
  // Kept answers of Get plan information: the account's plans (its row) and how many licensed users it has.
  const plans = deps.readCache('plans', (c) => (c.kind === 'object' && c.object === 'user' ? { accountId: c.accountId } : undefined));
  return { ...createSubscriptions(catalogue, plans), ...createInvoices(catalogue) };
}
