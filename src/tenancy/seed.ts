// On an empty database: a demo account (Pro plan, an owner) and a
// server-to-server app holding every scope. OPENZOOM_ACCOUNT_ID,
// OPENZOOM_CLIENT_ID and OPENZOOM_CLIENT_SECRET pin its credentials.
import type { Clock } from '../core/clock.ts';
import type { Contract } from '../core/contract.ts';
import type { Db, Queryable } from '../storage/db.ts';
import { lockStartup } from '../storage/migrations.ts';
import { ALL_ADDONS, allScopes, createAccount, createApp } from './provisioning.ts';
import { countAccounts, getAccount, getApp, oldestApp, type AppRecord } from './repository.ts';

export interface DemoPins {
  accountId?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export interface DemoCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
  created: boolean;
}

/** The seed in a transaction of its own, under the start-up lock: instances seeding at once (resets) create one demo account. */
export async function seedDemo(db: Db, clock: Clock, contract: Contract, pins: DemoPins): Promise<DemoCredentials | null> {
  return db.transaction(async (tx) => {
    await lockStartup(tx);
    return seedDemoIn(tx, clock, contract, pins);
  });
}

/** The seed inside the caller's transaction, which holds the start-up lock. */
export async function seedDemoIn(tx: Queryable, clock: Clock, contract: Contract, pins: DemoPins): Promise<DemoCredentials | null> {
  const pinnedAccount = pins.accountId ? await getAccount(tx, pins.accountId) : undefined;
  if (!pinnedAccount && (pins.accountId || (await countAccounts(tx)) === 0)) {
    const { account } = await createAccount(tx, clock, { ...(pins.accountId ? { id: pins.accountId } : {}), plan: 'pro', owner_email: 'owner@example.com', addons: ALL_ADDONS });
    const app = await createApp(tx, clock, {
      account_id: account.id,
      scopes: allScopes(contract),
      ...(pins.clientId ? { client_id: pins.clientId } : {}),
      ...(pins.clientSecret ? { client_secret: pins.clientSecret } : {}),
    });
    return { accountId: account.id, clientId: app.client_id, clientSecret: app.client_secret, created: true };
  }
  // Existing data: report the pinned app, else the first one, so the banner can show it.
  const app: AppRecord | undefined = pins.clientId ? await getApp(tx, pins.clientId) : await oldestApp(tx);
  return app ? { accountId: app.account_id, clientId: app.client_id, clientSecret: app.client_secret, created: false } : null;
}
