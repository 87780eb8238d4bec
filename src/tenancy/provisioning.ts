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
import { Errors } from '../core/errors.ts';
import { loadCatalogue } from '../api/billing/catalogue.ts';
import { seedSipTrunk } from '../api/sip-audio/repository.ts';
import { setUpPhone } from '../phone/provisioning.ts';
import { applyPlans, FEATURE_ADDONS, type PlanRecord, type PlanSlot } from './plans.ts';

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
  /** Add-ons the account starts with (control plane `addons`); none when absent. */
  addons?: AddonsInput;
}

/**
 * Add-ons as the control plane gives them: plan add-ons become plan records of
 * the price table's smallest fitting code (so Billing shows and invoices
 * them), features are switched on.
 */
export interface AddonsInput {
  /** One plan of `hosts` licences, or Zoom's shape: a list of licences by capacity (`[{capacity: 500, quantity: 2}]`). */
  webinar?: { hosts?: number; capacity?: number } | Array<{ capacity: number; quantity?: number }>;
  large_meeting?: { hosts?: number; capacity?: number };
  cloud_recording?: { storage_gb?: number };
  zoom_rooms?: { hosts?: number };
  room_connector?: { hosts?: number };
  /** `true`: Zoom Phone as a new phone account has it (PHONE_LICENCES of each calling plan). */
  phone?: { hosts?: number } | true;
  whiteboard?: { hosts?: number };
  audio?: boolean;
  tsp?: boolean;
  sip_phone?: boolean;
  sip_connected_audio?: boolean;
  pac?: boolean;
}

/** Everything: the demo account's add-ons, so every operation can be tried at once. */
export const ALL_ADDONS: AddonsInput = {
  webinar: [{ capacity: 500, quantity: 2 }],
  large_meeting: { hosts: 1, capacity: 500 },
  cloud_recording: { storage_gb: 100 },
  zoom_rooms: { hosts: 1 },
  phone: true,
  audio: true,
  tsp: true,
  sip_phone: true,
  sip_connected_audio: true,
  pac: true,
};

/** Licences of each calling plan `addons: {phone: true}` gives. */
export const PHONE_LICENCES = 20;
const PHONE_PLAN_CODES = ['phone_metered_monthly', 'phone_unlimited_monthly'] as const;

const SIZED: ReadonlyArray<[keyof AddonsInput, PlanSlot]> = [
  ['webinar', 'webinar'],
  ['large_meeting', 'large_meeting'],
  ['cloud_recording', 'recording'],
  ['zoom_rooms', 'zoom_rooms'],
  ['room_connector', 'room_connector'],
  ['phone', 'phone'],
  ['whiteboard', 'whiteboard'],
];

/** The plan records and feature switches `addons` asks for; an add-on no plan code fits names itself in the error. */
export function addonPlans(addons: AddonsInput, effective: string): { plans: PlanRecord[]; features: Record<string, boolean> } | { unfit: string } {
  const catalogue = loadCatalogue();
  const plans: PlanRecord[] = [];
  for (const [key, slot] of SIZED) {
    if (key === 'phone' && addons.phone === true) {
      // A phone account set up as Zoom sells it: metered and unlimited calling plans.
      for (const code of PHONE_PLAN_CODES) plans.push(catalogue.record(code, PHONE_LICENCES, effective));
      continue;
    }
    const given = addons[key] as { hosts?: number; capacity?: number; storage_gb?: number } | Array<{ capacity: number; quantity?: number }> | undefined;
    if (!given) continue;
    // A list of licences by capacity: one plan record per entry.
    const wants = Array.isArray(given) ? given.map((e) => ({ hosts: e.quantity ?? 1, capacity: e.capacity })) : [given];
    for (const want of wants) {
      const code = catalogue.codeFor(slot, want.capacity ?? ('storage_gb' in want ? want.storage_gb : undefined));
      if (!code) return { unfit: key };
      plans.push(catalogue.record(code, slot === 'recording' ? 1 : (want.hosts ?? 1), effective));
    }
  }
  if (addons.audio) {
    const code = catalogue.codeFor('audio');
    if (!code) return { unfit: 'audio' };
    plans.push(catalogue.record(code, 1, effective));
  }
  const features: Record<string, boolean> = {};
  for (const f of FEATURE_ADDONS) if (addons[f] === true) features[f] = true;
  return { plans, features };
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
  // Paid accounts hold a base plan (seats hosts) from their creation, billed from then on.
  const plans: PlanRecord[] = plan === 'free' ? [] : [loadCatalogue().record(loadCatalogue().baseCode(plan), account.data.seats, account.created_at)];
  const wanted = input.addons ? addonPlans(input.addons, account.created_at) : { plans: [], features: {} };
  if ('unfit' in wanted) throw Errors.validation([{ field: `addons.${wanted.unfit}`, message: 'No plan of the price table fits.' }]);
  account.data.addons = wanted.features;
  if (plan !== 'free' || wanted.plans.length > 0) {
    applyPlans(account, [...plans, ...wanted.plans], account.created_at);
    // Add-ons never lower the tier or seats asked for.
    account.plan = plan;
    account.data.seats = input.seats ?? DEFAULT_SEATS[plan];
  }
  await insertAccount(db, account);
  if (wanted.features.sip_connected_audio) await seedSipTrunk(db, account.id, account.account_number);
  if (account.data.addons?.phone) owner.profile.zoom_phone = true;
  await insertUser(db, account.id, owner);
  // Zoom Phone comes set up: a main site, numbers, the owner a phone user with a number.
  if (account.data.addons?.phone) await setUpPhone(db, account, account.created_at);
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

/**
 * Changes an account's add-ons (control plane PATCH): a plan add-on given
 * replaces the plans of its kind from now on (`false` ends them now), a
 * feature is switched on or off. The base plan stays as it is.
 */
export function changeAddons(account: AccountRecord, addons: { [K in keyof AddonsInput]?: AddonsInput[K] | false }, now: string): { unfit: string } | undefined {
  const on: AddonsInput = {};
  const replaced = new Set<PlanSlot>();
  for (const [key, slot] of [...SIZED, ['audio', 'audio'] as const]) {
    const v = addons[key];
    if (v === undefined) continue;
    replaced.add(slot);
    if (v !== false) (on as Record<string, unknown>)[key] = v;
  }
  const wanted = addonPlans(on, now);
  if ('unfit' in wanted) return wanted;
  const plans = (account.data.plans ?? []).map((p) => (replaced.has(p.slot) && p.replaced_at === undefined && (p.ends_at === undefined || p.ends_at > now) ? { ...p, replaced_at: now } : p));
  const features = { ...(account.data.addons ?? {}) } as Record<string, unknown>;
  for (const f of FEATURE_ADDONS) if (addons[f] !== undefined) features[f] = addons[f] === true;
  account.data.addons = features;
  const keepTier = account.plan;
  const keepSeats = account.data.seats;
  applyPlans(account, [...plans, ...wanted.plans], now);
  // Accounts created before they held plan records keep their tier and seats.
  if (!(account.data.plans ?? []).some((p) => p.slot === 'base')) {
    account.plan = keepTier;
    account.data.seats = keepSeats;
  }
  return undefined;
}
