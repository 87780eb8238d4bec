// Accounts and OAuth apps: the tenancy every request resolves first.
import type { Plan } from '../core/ratelimit.ts';
import type { Queryable } from '../storage/db.ts';
import type { Addons, PlanRecord } from './plans.ts';

export interface AccountRecord {
  id: string;
  master_account_id: string | null;
  account_name: string;
  account_number: number;
  plan: Plan;
  created_at: string;
  data: AccountData;
}

/** Account fields kept as JSON beside the indexed columns. */
export interface AccountData {
  owner_id: string;
  owner_email: string;
  timezone: string;
  /** Licensed (type 2) seats the plan includes. */
  seats: number;
  vanity_url: string;
  /** Sub account options a master sets (Accounts: Update options); absent until set. */
  options?: AccountOptions;
  /** Managed and trusted domains; absent until first read (then the owner's email domain is managed). */
  managed_domains?: Array<{ domain: string; status: string }>;
  trusted_domains?: string[];
  /** Every plan record, past and present (tenancy/plans.ts); absent on accounts that never held one. */
  plans?: PlanRecord[];
  /** What the plans in force and Zoom-enabled features allow (tenancy/plans.ts `derive`). */
  addons?: Addons;
  /** When the plans next change what they allow (a cancellation ending): the account is re-derived from then on. */
  plans_change_at?: string;
  /** Billing contact (Billing: Update billing information). */
  billing_contact?: Record<string, string>;
}

/** Options of a sub account, as Zoom names them. */
export interface AccountOptions {
  share_rc?: boolean;
  room_connector_list?: string[];
  share_mc?: boolean;
  meeting_connector_list?: string[];
  pay_mode?: 'master' | 'sub';
  billing_auto_renew?: boolean;
  resource_share_mc?: boolean;
  resource_share_mh?: boolean;
  resource_meeting_connector_list?: string[];
  resource_meeting_hybrid_list?: string[];
}

export type AppType = 's2s' | 'oauth' | 'chatbot';

export interface AppRecord {
  client_id: string;
  account_id: string;
  client_secret: string;
  name: string;
  app_type: AppType;
  scopes: string;
  created_at: string;
  /** Registered OAuth redirect URLs, space-separated. */
  redirect_uris: string;
}

interface AccountRow extends Omit<AccountRecord, 'data'> {
  data: string;
}

const accountFromRow = (r: AccountRow): AccountRecord => ({ ...r, data: JSON.parse(r.data) as AccountData });

export async function getAccount(db: Queryable, accountId: string): Promise<AccountRecord | undefined> {
  const r = await db.get<AccountRow>('SELECT * FROM accounts WHERE id = ?', [accountId]);
  return r && accountFromRow(r);
}

export async function insertAccount(db: Queryable, a: AccountRecord): Promise<void> {
  await db.run(
    'INSERT INTO accounts (id, master_account_id, account_name, account_number, plan, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [a.id, a.master_account_id, a.account_name, a.account_number, a.plan, a.created_at, JSON.stringify(a.data)],
  );
}

/** Writes an account's name, plan, master and data back (its id, number and creation time never change). */
export async function updateAccount(db: Queryable, a: AccountRecord): Promise<void> {
  await db.run('UPDATE accounts SET master_account_id = ?, account_name = ?, plan = ?, data = ? WHERE id = ?', [
    a.master_account_id,
    a.account_name,
    a.plan,
    JSON.stringify(a.data),
    a.id,
  ]);
}

/** A master account's sub accounts, oldest first. */
export async function listSubAccounts(
  db: Queryable,
  masterId: string,
  limit: number,
  offset: number,
): Promise<{ total: number; accounts: AccountRecord[] }> {
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM accounts WHERE master_account_id = ?', [masterId]);
  const rows = await db.all<AccountRow>('SELECT * FROM accounts WHERE master_account_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?', [
    masterId,
    limit,
    offset,
  ]);
  return { total: Number(count?.n ?? 0), accounts: rows.map(accountFromRow) };
}

/** Whether the account has any sub account (one indexed lookup). */
export async function hasSubAccounts(db: Queryable, masterId: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS one FROM accounts WHERE master_account_id = ? LIMIT 1', [masterId])) !== undefined;
}

export async function countAccounts(db: Queryable): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM accounts');
  return Number(r?.n ?? 0);
}

export async function getApp(db: Queryable, clientId: string): Promise<AppRecord | undefined> {
  return db.get<AppRecord>('SELECT * FROM apps WHERE client_id = ?', [clientId]);
}

export async function insertApp(db: Queryable, app: AppRecord): Promise<void> {
  await db.run(
    'INSERT INTO apps (client_id, account_id, client_secret, name, app_type, scopes, created_at, redirect_uris) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [app.client_id, app.account_id, app.client_secret, app.name, app.app_type, app.scopes, app.created_at, app.redirect_uris],
  );
}

/** The first app created (the demo app on a database this server seeded). */
export async function oldestApp(db: Queryable): Promise<AppRecord | undefined> {
  return db.get<AppRecord>("SELECT * FROM apps WHERE app_type = 's2s' ORDER BY created_at, client_id LIMIT 1");
}

/** Every account, oldest first (the control plane's inventory). */
export async function listAccounts(db: Queryable): Promise<AccountRecord[]> {
  return (await db.all<AccountRow>('SELECT * FROM accounts ORDER BY created_at, id')).map(accountFromRow);
}

/** Apps, oldest first: one account's, or every app. */
export async function listApps(db: Queryable, accountId?: string): Promise<AppRecord[]> {
  return accountId === undefined
    ? db.all<AppRecord>('SELECT * FROM apps ORDER BY created_at, client_id')
    : db.all<AppRecord>('SELECT * FROM apps WHERE account_id = ? ORDER BY created_at, client_id', [accountId]);
}
