// Accounts: the shapes Zoom answers for sub accounts, options and domains, and
// the rules for uploaded files. Pure functions only.
import type { AccountOptions, AccountRecord } from '../../tenancy/repository.ts';

const ACCOUNT_TYPES: Record<AccountRecord['plan'], string> = { free: 'Free', pro: 'Pro', business: 'Business', enterprise: 'Enterprise' };

export const accountType = (a: AccountRecord): string => ACCOUNT_TYPES[a.plan] ?? 'Pro';

/** Options as Zoom answers them: its documented defaults where nothing was set (no automatic renewal). */
export function accountOptions(a: AccountRecord): Required<AccountOptions> {
  const o = a.data.options ?? {};
  return {
    share_rc: o.share_rc ?? false,
    room_connector_list: o.room_connector_list ?? [],
    share_mc: o.share_mc ?? false,
    meeting_connector_list: o.meeting_connector_list ?? [],
    pay_mode: o.pay_mode ?? 'master',
    billing_auto_renew: o.billing_auto_renew ?? false,
    resource_share_mc: o.resource_share_mc ?? false,
    resource_share_mh: o.resource_share_mh ?? false,
    resource_meeting_connector_list: o.resource_meeting_connector_list ?? [],
    resource_meeting_hybrid_list: o.resource_meeting_hybrid_list ?? [],
  };
}

/**
 * No subscriptions are sold here, so a sub account has no subscription times:
 * Zoom answers an empty string then. Nor are there resellers or bulk licenses.
 */
const NO_SUBSCRIPTION = { subscription_start_time: '', subscription_end_time: '' } as const;

export function subAccountListItem(a: AccountRecord) {
  return {
    id: a.id,
    account_name: a.account_name,
    owner_email: a.data.owner_email,
    account_type: accountType(a),
    seats: a.data.seats,
    account_number: Number(a.account_number),
    created_at: a.created_at,
    ...NO_SUBSCRIPTION,
    reseller: false,
    bulk_license: false,
  };
}

export function subAccountDetails(a: AccountRecord) {
  return {
    id: a.id,
    account_name: a.account_name,
    owner_email: a.data.owner_email,
    owner_id: a.data.owner_id,
    account_type: accountType(a),
    account_number: Number(a.account_number),
    seats: a.data.seats,
    created_at: a.created_at,
    ...NO_SUBSCRIPTION,
    ...(a.data.vanity_url ? { vanity_url: a.data.vanity_url } : {}),
    reseller: false,
    options: accountOptions(a),
  };
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** An account's managed domains: what it holds, else the owner's email domain (the one it signed up with). */
export function managedDomains(a: AccountRecord): Array<{ domain: string; status: string }> {
  return a.data.managed_domains ?? [{ domain: emailDomain(a.data.owner_email), status: 'verified' }];
}

// Uploads: Zoom's accepted formats and sizes.
export const PICTURE_MAX = 2 * 1024 * 1024;
export const BACKGROUND_MAX = 15 * 1024 * 1024;
export const BACKGROUNDS_PER_OWNER = 10;

const PICTURE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };
const BACKGROUND_TYPES: Record<string, string> = { ...PICTURE_TYPES, 'video/mp4': 'mp4', 'video/quicktime': 'mov' };
const EXT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', mp4: 'video/mp4', mov: 'video/quicktime' };

/**
 * The file's media type from its declared type, or from its name when the
 * client sent a generic one; undefined when not one of `allowed`.
 */
function mediaType(filename: string, mimetype: string, allowed: Record<string, string>): string | undefined {
  if (allowed[mimetype]) return mimetype === 'image/jpg' ? 'image/jpeg' : mimetype;
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  const byName = EXT_TYPES[ext];
  if (byName && allowed[byName] && (mimetype === '' || mimetype === 'application/octet-stream')) return byName;
  return undefined;
}

export const pictureType = (filename: string, mimetype: string) => mediaType(filename, mimetype, PICTURE_TYPES);
export const backgroundType = (filename: string, mimetype: string) => mediaType(filename, mimetype, BACKGROUND_TYPES);
export const extensionOf = (mimetype: string): string => BACKGROUND_TYPES[mimetype] ?? 'bin';

export function backgroundResponse(f: { id: string; name: string; size: number; mimetype: string }) {
  return { id: f.id, is_default: false, name: f.name, size: f.size, type: f.mimetype.startsWith('video/') ? 'video' : 'image' };
}
