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

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Top-level boxes an ISO base media file (MP4, QuickTime) may open with; older QuickTime files have no 'ftyp'.
const QUICKTIME_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** What the bytes are, by their magic numbers, whatever the upload declared. */
export function sniffedType(data: Buffer): string | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  const head = data.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  const box = head.slice(4, 8);
  if (box === 'ftyp') return head.slice(8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  if (QUICKTIME_BOXES.has(box)) return 'video/quicktime';
  return undefined;
}

/**
 * The file's media type: declared (or, when the client sent a generic type,
 * from its name) as one of `allowed`, and the bytes one of `allowed` too. The
 * bytes decide what is stored and served: a mislabelled JPEG is kept as a
 * JPEG, and a script labelled image/png is refused. Undefined when refused.
 */
function mediaType(file: { filename: string; mimetype: string; data: Buffer }, allowed: Record<string, string>): string | undefined {
  const { filename, mimetype } = file;
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  const byName = EXT_TYPES[ext];
  const declared = allowed[mimetype] !== undefined || (byName !== undefined && allowed[byName] !== undefined && (mimetype === '' || mimetype === 'application/octet-stream'));
  const actual = declared ? sniffedType(file.data) : undefined;
  return actual !== undefined && allowed[actual] !== undefined ? actual : undefined;
}

type Upload = { filename: string; mimetype: string; data: Buffer };
export const pictureType = (file: Upload) => mediaType(file, PICTURE_TYPES);
export const backgroundType = (file: Upload) => mediaType(file, BACKGROUND_TYPES);
export const extensionOf = (mimetype: string): string => BACKGROUND_TYPES[mimetype] ?? 'bin';

export function backgroundResponse(f: { id: string; name: string; size: number; mimetype: string }) {
  return { id: f.id, is_default: false, name: f.name, size: f.size, type: f.mimetype.startsWith('video/') ? 'video' : 'image' };
}
