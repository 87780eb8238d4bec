// Setting up Zoom Phone on an account: the main site with its main auto
// receptionist, a pool of numbers, and the owner as a phone user with a
// number. Used by account provisioning (`addons.phone`), the control plane's
// add-on changes and the 2021 set-up operation; and keeping phone users in
// step with the users category (the user's `feature.zoom_phone` licence).
import { zoomId } from '../core/ids.ts';
import type { Queryable } from '../storage/db.ts';
import type { AccountRecord } from '../tenancy/repository.ts';
import { getUser, updateUser } from '../api/users/repository.ts';
import type { UserRecord } from '../api/users/model.ts';
import { country } from '../core/countries.ts';
import * as repo from './repository.ts';
import { callingPlansOf, defaultPolicy, numberPool, type EmergencyAddress, type PhoneUser, type Site } from './model.ts';

/** Numbers a newly set-up account gets (plus two toll-free ones). */
export const POOL_SIZE = 25;

export const DEFAULT_ADDRESS: EmergencyAddress = { address_line1: '55 Almaden Blvd', city: 'San Jose', state_code: 'CA', zip: '95113', country: 'US' };

export const userName = (u: Pick<UserRecord, 'email' | 'profile'>): string =>
  `${u.profile.first_name ?? ''} ${u.profile.last_name ?? ''}`.trim() || u.profile.display_name || u.email;

/** A new site's record (its main auto receptionist gets its extension in `addSite`). */
export function newSite(input: { name: string; main: boolean; site_code: number; short_length?: number; address: EmergencyAddress }): Site {
  const c = country(input.address.country);
  return {
    id: zoomId(),
    name: input.name,
    main: input.main,
    site_code: input.site_code,
    short_extension: { length: input.short_length ?? 3 },
    country: { code: input.address.country.toUpperCase(), name: c?.name ?? input.address.country.toUpperCase() },
    default_emergency_address: { ...input.address, id: zoomId() },
    main_auto_receptionist_id: zoomId(),
  };
}

/** Stores a site and gives its main auto receptionist an extension (`ar_extension` when given). */
export async function addSite(db: Queryable, accountId: string, site: Site, arName: string, now: string, arExtension?: number): Promise<Site> {
  await repo.insertSite(db, accountId, site, now);
  await repo.claimExtension(db, accountId, { type: 'autoReceptionist', id: site.main_auto_receptionist_id, name: arName, site, extension_number: arExtension }, now);
  return site;
}

/** The first calling plan type with a free licence, if any. */
export async function freePlanType(db: Queryable, account: Pick<AccountRecord, 'id' | 'data'>, now: string): Promise<number | undefined> {
  const used = await repo.plansAssigned(db, account.id);
  return callingPlansOf(account, now).find((p) => p.subscribed > (used.get(p.type) ?? 0))?.type;
}

/** Makes a user of the account a phone user in `site` (default: the main site), with a calling plan when one is free. */
export async function enablePhoneUser(db: Queryable, account: Pick<AccountRecord, 'id' | 'data'>, user: UserRecord, now: string, site?: Site, extension?: number): Promise<PhoneUser | undefined> {
  const where = site ?? (await repo.mainSite(db, account.id));
  if (!where) return undefined;
  const plan = await freePlanType(db, account, now);
  return repo.insertPhoneUser(
    db,
    account.id,
    {
      user_id: user.id,
      status: 'activate',
      site_id: where.id,
      site: where,
      name: userName(user),
      calling_plans: plan === undefined ? [] : [plan],
      policy: defaultPolicy(),
      shared: {},
      settings: {},
      ...(extension !== undefined ? { extension_number: extension } : {}),
    },
    now,
  );
}

/**
 * Keeps the phone user of `user` in step with its phone licence
 * (`feature.zoom_phone`): the licence given makes it a phone user of the main
 * site, taken away removes it (its numbers return to the account); its name
 * in the extension directory follows the user's.
 */
export async function syncPhoneUser(db: Queryable, account: Pick<AccountRecord, 'id' | 'data'>, user: UserRecord, now: string): Promise<void> {
  const ext = await repo.getExtensionOf(db, account.id, 'user', user.id);
  if (user.profile.zoom_phone && !ext) await enablePhoneUser(db, account, user, now);
  else if (!user.profile.zoom_phone && ext) await repo.deletePhoneUser(db, account.id, user.id);
  else if (ext && ext.name !== userName(user)) await repo.updateExtension(db, account.id, 'user', user.id, { name: userName(user) });
}

/**
 * Sets up Zoom Phone: the main site and its main auto receptionist, the
 * number pool, and the owner as a phone user (with `owner_extension` when
 * given) holding the first number. Nothing happens when a main site exists.
 */
export async function setUpPhone(
  db: Queryable,
  account: Pick<AccountRecord, 'id' | 'data' | 'account_number'>,
  now: string,
  options: { address?: EmergencyAddress; owner_extension?: number } = {},
): Promise<Site | undefined> {
  if (await repo.mainSite(db, account.id)) return undefined;
  const site = newSite({ name: 'Main Site', main: true, site_code: 1, address: options.address ?? DEFAULT_ADDRESS });
  await repo.insertSite(db, account.id, site, now);
  for (const n of numberPool(account.account_number, POOL_SIZE)) {
    await repo.insertNumber(
      db,
      account.id,
      { id: zoomId(), ...n, source: 'internal', status: 'available', site_id: site.id, assignee: null, capability: ['incoming', 'outgoing'], display_name: '', carrier: { code: 1, name: 'Zoom' } },
      now,
    );
  }
  const owner = await getUser(db, account.id, account.data.owner_id);
  if (owner) {
    if (!owner.profile.zoom_phone) {
      owner.profile.zoom_phone = true;
      await updateUser(db, account.id, owner);
    }
    const pu = await enablePhoneUser(db, account, owner, now, site, options.owner_extension);
    const first = (await repo.listNumbers(db, account.id, { type: 'unassigned', number_type: 'toll' }, { size: 1, offset: 0, after: null })).numbers[0];
    if (pu && first) await repo.assignNumbers(db, account.id, { type: 'user', id: owner.id, site_id: site.id }, [first.number.id]);
  }
  await repo.claimExtension(db, account.id, { type: 'autoReceptionist', id: site.main_auto_receptionist_id, name: 'Main Auto Receptionist', site }, now);
  return site;
}
