// Zoom Phone's shared model: the shapes of sites, extensions, numbers and
// phone users, their defaults, and the rules that need no database.
import type { AccountRecord } from '../tenancy/repository.ts';
import { plansInForce } from '../tenancy/plans.ts';

/** Who may hold an extension (Zoom's extension types). */
export type ExtensionType = 'user' | 'callQueue' | 'autoReceptionist' | 'sharedLineGroup' | 'commonArea';
/** Who may hold a number: the extension types (Zoom calls a common area phone's `commonArea` in number assignees). */
export type AssigneeType = ExtensionType;

export interface Extension {
  extension_number: number;
  extension_id: string;
  owner_type: ExtensionType;
  owner_id: string;
  name: string;
  site_id: string;
}

/** The assignee of a number, as Zoom's number objects show it. */
export interface Assignee {
  type: AssigneeType;
  id: string;
  name: string;
  extension_number: number;
}

export interface EmergencyAddress {
  address_line1: string;
  address_line2?: string;
  city: string;
  country: string;
  state_code: string;
  zip: string;
  id?: string;
}

export interface Site {
  id: string;
  name: string;
  main: boolean;
  /** Extensions of the site are site_code × 10^length + a short extension. */
  site_code: number;
  short_extension: { length: number };
  country: { code: string; name: string };
  default_emergency_address: EmergencyAddress;
  /** The site's main auto receptionist (an extension owner of type autoReceptionist). */
  main_auto_receptionist_id: string;
}

export interface PhoneNumber {
  id: string;
  number: string;
  number_type: 'toll' | 'tollfree';
  /** internal: Zoom's numbers; external: BYOC numbers added through a carrier. */
  source: 'internal' | 'external';
  status: 'pending' | 'available';
  site_id: string | null;
  assignee: { type: AssigneeType; id: string } | null;
  capability: string[];
  location: string;
  display_name: string;
  carrier?: { code: number; name: string };
  sip_group?: { id: string; display_name: string };
  emergency_address?: EmergencyAddress;
  /** The account's main company number. */
  main_company_number?: boolean;
}

/** A phone user: a user of the account with the phone licence (extension and site are in the directory). */
export interface PhoneUser {
  user_id: string;
  status: 'activate' | 'deactivate' | 'pending';
  extension_id: string;
  extension_number: number;
  site_id: string;
  calling_plans: number[];
  policy: Record<string, unknown>;
  /** Settings by settingType (shared access: voicemail, call recordings, delegation …), each a list of entries. */
  shared: Record<string, Array<Record<string, unknown>>>;
  /** Phone settings other than the policy (area code, audio language, outbound caller id …). */
  settings: Record<string, unknown>;
  emergency_address?: EmergencyAddress;
  department?: string;
  cost_center?: string;
}

/** Billing's phone plan codes and the Zoom Phone calling plan each gives (Zoom's plan codes, developers.zoom.us phone-calling-plans). */
export const CALLING_PLANS: Readonly<Record<string, { type: number; name: string }>> = {
  phone_metered_monthly: { type: 100, name: 'US/CA Metered Calling Plan' },
  phone_unlimited_monthly: { type: 200, name: 'US/CA Unlimited Calling Plan' },
};

export interface CallingPlanHeld {
  type: number;
  name: string;
  subscribed: number;
}

/** The calling plans the account's phone plans in force give, by type, with their licences. */
export function callingPlansOf(account: Pick<AccountRecord, 'data'>, now: string): CallingPlanHeld[] {
  const byType = new Map<number, CallingPlanHeld>();
  for (const p of plansInForce(account.data.plans ?? [], now)) {
    const plan = p.slot === 'phone' ? CALLING_PLANS[p.type] : undefined;
    if (!plan) continue;
    const held = byType.get(plan.type) ?? { type: plan.type, name: plan.name, subscribed: 0 };
    held.subscribed += p.hosts;
    byType.set(plan.type, held);
  }
  return [...byType.values()].sort((a, b) => a.type - b.type);
}

/** The account holds Zoom Phone: a phone plan in force (or the phone add-on). */
export const hasPhone = (account: Pick<AccountRecord, 'data'>): boolean => account.data.addons?.phone !== undefined;

/** The range of extension numbers a site allocates from. */
export function siteRange(site: Pick<Site, 'site_code' | 'short_extension'>): { from: number; to: number } {
  const span = 10 ** site.short_extension.length;
  return { from: site.site_code * span + 1, to: site.site_code * span + span - 1 };
}

/** Zoom's extension numbers: 2 to 7 digits, not starting with 0. */
export const validExtension = (n: number): boolean => Number.isInteger(n) && n >= 10 && n <= 9_999_999;

/** E.164 form (`+` and digits) of a number as given, or undefined when it is none. */
export function e164(raw: string): string | undefined {
  const digits = raw.replace(/[\s().-]/g, '');
  return /^\+?[1-9]\d{6,14}$/.test(digits) ? (digits.startsWith('+') ? digits : `+${digits}`) : undefined;
}

/**
 * The numbers a provisioned account starts with: fictional US numbers
 * (555-01xx, reserved for fiction), in an area code picked from the account
 * number so accounts differ, and two toll-free numbers.
 */
export function numberPool(accountNumber: number, count: number): Array<{ number: string; number_type: 'toll' | 'tollfree'; location: string }> {
  const areas = [212, 312, 415, 512, 617, 646, 702, 718, 206, 303];
  const area = areas[accountNumber % areas.length]!;
  const out: Array<{ number: string; number_type: 'toll' | 'tollfree'; location: string }> = [];
  for (let i = 0; i < count; i++) out.push({ number: `+1${area}555${String(100 + i).padStart(4, '0')}`, number_type: 'toll', location: AREA_LOCATIONS[area] ?? 'United States' });
  for (let i = 0; i < 2; i++) out.push({ number: `+1833555${String(100 + i).padStart(4, '0')}`, number_type: 'tollfree', location: 'United States' });
  return out;
}

const AREA_LOCATIONS: Record<number, string> = {
  212: 'New York, NY', 312: 'Chicago, IL', 415: 'San Francisco, CA', 512: 'Austin, TX', 617: 'Boston, MA',
  646: 'New York, NY', 702: 'Las Vegas, NV', 718: 'New York, NY', 206: 'Seattle, WA', 303: 'Denver, CO',
};

/** A phone user's policy as a new phone user gets it: Zoom's defaults, call recording off. */
export function defaultPolicy(): Record<string, unknown> {
  return {
    ad_hoc_call_recording: { enable: true, recording_start_prompt: true, recording_transcription: false, locked: false },
    ad_hoc_call_recording_access_members: [],
    auto_call_recording: {
      enable: false,
      recording_calls: 'both',
      recording_start_prompt: true,
      recording_explicit_consent: false,
      recording_transcription: false,
      allow_stop_resume_recording: false,
      disconnect_on_recording_failure: false,
      locked: false,
    },
    auto_call_recording_access_members: [],
    call_overflow: { enable: true, call_overflow_type: 4 },
    call_park: { enable: true, expiration_period: 10, call_not_picked_up_action: 100 },
    call_transferring: { enable: true, call_transferring_type: 2 },
    delegation: true,
    elevate_to_meeting: true,
    emergency_calls_to_psap: true,
    forwarding_to_external_numbers: true,
    call_handling_forwarding_to_other_users: { enable: true, call_forwarding_type: 1 },
    hand_off_to_room: { enable: true },
    international_calling: false,
    mobile_switch_to_carrier: { enable: true },
    select_outbound_caller_id: { enable: true, allow_hide_outbound_caller_id: true },
    sms: { enable: true, international_sms: false },
    voicemail: { enable: true, allow_delete: true, allow_download: true, allow_transcription: false, allow_videomail: false },
    voicemail_access_members: [],
    zoom_phone_on_mobile: { enable: true, allow_calling_sms_mms: true },
  };
}

/** Deep merge of a partial policy (objects merge, everything else replaces). */
export function mergeDeep<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur) ? mergeDeep(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out as T;
}

/** The call recording a user's policy asks for, read by the call simulator. */
export function recordsCalls(policy: Record<string, unknown>, direction: 'inbound' | 'outbound'): boolean {
  const auto = policy.auto_call_recording as { enable?: boolean; recording_calls?: string } | undefined;
  if (!auto?.enable) return false;
  return auto.recording_calls === 'both' || auto.recording_calls === direction || auto.recording_calls === undefined;
}
