// Reading back what the control plane creates: accounts with their apps'
// client ids, apps, and the demo account's credentials (for scripts and the
// `openzoom token` command). Client secrets appear only for the demo app.
import type { FastifyInstance } from 'fastify';
import { Errors } from '../core/errors.ts';
import { listAccounts, listApps, getAccount, type AccountRecord, type AppRecord } from '../tenancy/repository.ts';
import type { ControlDeps } from './routes.ts';
import { QUERIES, readQuery } from './schemas.ts';

const appView = (a: AppRecord) => ({
  client_id: a.client_id,
  account_id: a.account_id,
  name: a.name,
  app_type: a.app_type,
  scopes: a.scopes.split(' ').filter(Boolean),
  redirect_uris: a.redirect_uris.split(' ').filter(Boolean),
  created_at: a.created_at,
});

const accountView = (a: AccountRecord, apps: AppRecord[], demoAccount: string | undefined) => ({
  id: a.id,
  account_name: a.account_name,
  account_number: a.account_number,
  plan: a.plan,
  master_account_id: a.master_account_id,
  owner_id: a.data.owner_id,
  owner_email: a.data.owner_email,
  seats: a.data.seats,
  addons: a.data.addons ?? {},
  created_at: a.created_at,
  demo: a.id === demoAccount,
  apps: apps.map((app) => ({ client_id: app.client_id, name: app.name, app_type: app.app_type })),
});

export function registerInventory(c: FastifyInstance, deps: Pick<ControlDeps, 'db' | 'demo'>): void {
  c.get('/demo', async (req) => {
    readQuery(req, QUERIES.none);
    const demo = deps.demo.current;
    if (!demo) throw Errors.accountNotFound('demo');
    return { account_id: demo.accountId, client_id: demo.clientId, client_secret: demo.clientSecret };
  });

  c.get('/accounts', async (req) => {
    readQuery(req, QUERIES.none);
    const [accounts, apps] = await Promise.all([listAccounts(deps.db), listApps(deps.db)]);
    const byAccount = new Map<string, AppRecord[]>();
    for (const app of apps) byAccount.set(app.account_id, [...(byAccount.get(app.account_id) ?? []), app]);
    const demo = deps.demo.current?.accountId;
    return { total_records: accounts.length, accounts: accounts.map((a) => accountView(a, byAccount.get(a.id) ?? [], demo)) };
  });

  c.get<{ Params: { accountId: string } }>('/accounts/:accountId', async (req) => {
    readQuery(req, QUERIES.none);
    const account = await getAccount(deps.db, req.params.accountId);
    if (!account) throw Errors.accountNotFound(req.params.accountId);
    const apps = await listApps(deps.db, account.id);
    return { ...accountView(account, apps, deps.demo.current?.accountId), apps: apps.map(appView) };
  });

  c.get('/apps', async (req) => {
    const { account_id } = readQuery<{ account_id?: string }>(req, QUERIES.apps);
    const apps = await listApps(deps.db, account_id);
    return { total_records: apps.length, apps: apps.map(appView) };
  });
}
