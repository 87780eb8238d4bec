// Creating accounts (with their owner) and OAuth apps: used on an empty
// database for the demo account, and by the control plane.
import { newUser, OWNER_ROLE_ID } from '../api/users/model.ts';
import { insertUser } from '../api/users/repository.ts';
import type { Clock } from '../core/clock.ts';
import type { Contract } from '../core/contract.ts';
import { secret, zoomId } from '../core/ids.ts';
import type { Plan } from '../core/ratelimit.ts';
import type { Queryable } from '../storage/db.ts';
import { insertAccount, insertApp, type AccountRecord, type AppRecord, type AppType } from './repository.ts';

/** Licensed seats a new account gets by plan (configurable per account through the control plane). */
export const DEFAULT_SEATS: Record<Plan, number> = { free: 1, pro: 9, business: 250, enterprise: 1000 };

export interface NewAccount {
  id?: string;
  account_name?: string;
  plan?: Plan;
  owner_email?: string;
  owner_first_name?: string;
  owner_last_name?: string;
  master_account_id?: string | null;
  seats?: number;
  timezone?: string;
}

export async function createAccount(db: Queryable, clock: Clock, input: NewAccount): Promise<{ account: AccountRecord; ownerId: string }> {
  const id = input.id ?? zoomId();
  const plan = input.plan ?? 'pro';
  const ownerEmail = (input.owner_email ?? `owner-${id.slice(0, 8).toLowerCase()}@example.com`).toLowerCase();
  const account: AccountRecord = {
    id,
    master_account_id: input.master_account_id ?? null,
    account_name: input.account_name ?? 'OpenZoom Demo',
    account_number: 100_000_000 + Math.floor(Math.random() * 899_999_999),
    plan,
    created_at: clock.iso(),
    data: {
      owner_id: '',
      owner_email: ownerEmail,
      timezone: input.timezone ?? 'America/Los_Angeles',
      seats: input.seats ?? DEFAULT_SEATS[plan],
      vanity_url: '',
    },
  };
  const owner = newUser(
    account,
    {
      email: ownerEmail,
      type: plan === 'free' ? 1 : 2,
      action: 'custCreate',
      first_name: input.owner_first_name ?? 'Account',
      last_name: input.owner_last_name ?? 'Owner',
      role_id: OWNER_ROLE_ID,
    },
    account.created_at,
  );
  owner.profile.login_types = [100];
  account.data.owner_id = owner.id;
  await insertAccount(db, account);
  await insertUser(db, account.id, owner);
  return { account, ownerId: owner.id };
}

export interface NewApp {
  account_id: string;
  name?: string;
  app_type?: AppType;
  scopes: readonly string[];
  client_id?: string;
  client_secret?: string;
  redirect_uris?: readonly string[];
}

export async function createApp(db: Queryable, clock: Clock, input: NewApp): Promise<AppRecord> {
  const app: AppRecord = {
    client_id: input.client_id ?? zoomId(),
    client_secret: input.client_secret ?? secret(32),
    account_id: input.account_id,
    name: input.name ?? 'Server-to-Server OAuth app',
    app_type: input.app_type ?? 's2s',
    scopes: [...new Set(input.scopes)].join(' '),
    created_at: clock.iso(),
    redirect_uris: [...new Set(input.redirect_uris ?? [])].join(' '),
  };
  await insertApp(db, app);
  return app;
}

/** Every classic and granular scope any operation accepts. */
export function allScopes(contract: Contract): string[] {
  const all = new Set<string>();
  for (const op of contract.operations) for (const s of [...op.scopes, ...op.granularScopes]) all.add(s);
  return [...all].sort();
}
