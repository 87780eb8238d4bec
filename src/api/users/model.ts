// Users: the record we keep and the shapes Zoom answers. Pure functions only.
import { pmi, zoomId } from '../../core/ids.ts';
import type { AccountRecord } from '../../tenancy/repository.ts';

export type UserStatus = 'active' | 'inactive' | 'pending';
export type UserType = 1 | 2 | 4 | 99;
export type CreateAction = 'create' | 'autoCreate' | 'custCreate' | 'ssoCreate';

/** Built-in roles; ids as Zoom numbers them. */
export const ROLE_NAMES: Record<string, string> = { '0': 'Owner', '1': 'Admin', '2': 'Member' };
export const OWNER_ROLE_ID = '0';
export const MEMBER_ROLE_ID = '2';

// Zoom's login type codes: 100 work email, 99 API user (custCreate), 101 SSO.
const LOGIN_TYPE_BY_ACTION: Record<CreateAction, number> = { create: 100, autoCreate: 100, custCreate: 99, ssoCreate: 101 };

export interface PhoneNumber {
  code?: string;
  country?: string;
  label?: 'Mobile' | 'Office' | 'Home' | 'Fax';
  number?: string;
  verified?: boolean;
}

export interface CustomAttribute {
  key?: string;
  name?: string;
  value?: string;
}

/** Everything about a user that is not an indexed column. */
export interface UserProfile {
  first_name: string;
  last_name: string;
  display_name: string;
  pmi: number;
  use_pmi: boolean;
  vanity_name: string;
  timezone: string;
  verified: 0 | 1;
  dept: string;
  language: string;
  phone_country: string;
  phone_number: string;
  phone_numbers: PhoneNumber[];
  pic_url: string;
  host_key: string;
  login_types: number[];
  last_login_time: string | null;
  last_client_version: string | null;
  cms_user_id: string;
  company: string;
  job_title: string;
  cost_center: string;
  location: string;
  manager: string | null;
  pronouns: string;
  pronouns_option: 1 | 2 | 3;
  custom_attributes: CustomAttribute[];
  employee_unique_id: string;
  group_ids: string[];
  im_group_ids: string[];
  division_ids: string[];
  plan_united_type: string | null;
  zoom_one_type: number | null;
  about_me: string;
  linkedin_url: string;
  zoom_phone: boolean;
  password_hash: string | null;
  /** Set by Update a user's presence status; Do_No_Disturb ends at `presence_until`. */
  presence_status: PresenceStatus;
  presence_until: string | null;
  /** Feature values set by Bulk update features (large_meeting, webinar, …), as Zoom's feature_value strings. */
  features: Record<string, string>;
}

export type PresenceStatus =
  | 'Away'
  | 'Available'
  | 'In_Calendar_Event'
  | 'Presenting'
  | 'In_A_Zoom_Meeting'
  | 'On_A_Call'
  | 'Out_of_Office'
  | 'Busy'
  | 'Do_No_Disturb';

/** Login type 99: an API user (custCreate), whose ZAK lives 90 days instead of 2 hours. */
export const API_USER_LOGIN_TYPE = 99;
export const WORK_EMAIL_LOGIN_TYPE = 100;
export const ADMIN_ROLE_ID = '1';

export interface UserRecord {
  account_id: string;
  id: string;
  email: string;
  status: UserStatus;
  type: UserType;
  role_id: string;
  created_at: string;
  profile: UserProfile;
}

export interface NewUser {
  email: string;
  type: UserType;
  action: CreateAction;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  division_ids?: string[];
  plan_united_type?: string;
  zoom_phone?: boolean;
  zoom_one_type?: number;
  role_id?: string;
  password_hash?: string | null;
}

function hostKey(): string {
  return String(100000 + Math.floor(Math.random() * 900000));
}

export function displayName(first: string, last: string, email: string): string {
  const name = `${first} ${last}`.trim();
  return name || email.split('@')[0]!;
}

/** A new user as each create action leaves it: `create` waits for the emailed confirmation, the others are active at once. */
export function newUser(account: AccountRecord, input: NewUser, now: string): UserRecord {
  const first = input.first_name ?? '';
  const last = input.last_name ?? '';
  const pending = input.action === 'create';
  return {
    account_id: account.id,
    id: zoomId(),
    email: input.email.toLowerCase(),
    status: pending ? 'pending' : 'active',
    type: input.type,
    role_id: input.role_id ?? MEMBER_ROLE_ID,
    created_at: now,
    profile: {
      first_name: first,
      last_name: last,
      display_name: input.display_name ?? displayName(first, last, input.email),
      pmi: pmi(),
      use_pmi: false,
      vanity_name: '',
      timezone: account.data.timezone,
      verified: pending ? 0 : 1,
      dept: '',
      language: 'en-US',
      phone_country: '',
      phone_number: '',
      phone_numbers: [],
      pic_url: '',
      host_key: hostKey(),
      login_types: [LOGIN_TYPE_BY_ACTION[input.action]],
      last_login_time: null,
      last_client_version: null,
      cms_user_id: '',
      company: account.account_name,
      job_title: '',
      cost_center: '',
      location: '',
      manager: null,
      pronouns: '',
      pronouns_option: 3,
      custom_attributes: [],
      employee_unique_id: '',
      group_ids: [],
      im_group_ids: [],
      division_ids: input.division_ids ?? [],
      plan_united_type: input.plan_united_type ?? null,
      zoom_one_type: input.zoom_one_type ?? null,
      about_me: '',
      linkedin_url: '',
      zoom_phone: input.zoom_phone ?? false,
      password_hash: input.password_hash ?? null,
      presence_status: 'Available',
      presence_until: null,
      features: {},
    },
  };
}

export interface Urls {
  /** Where meeting join links point (this server, or a configured public URL). */
  web: string;
}

export function personalMeetingUrl(u: UserRecord, urls: Urls): string {
  return u.profile.vanity_name ? `${urls.web}/my/${u.profile.vanity_name}` : `${urls.web}/j/${u.profile.pmi}`;
}

const optional = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
  value === null ? {} : ({ [key]: value } as Record<K, V>);

/** Get a user (`user`). */
export function userResponse(u: UserRecord, account: AccountRecord, urls: Urls): Record<string, unknown> {
  const p = u.profile;
  return {
    id: u.id,
    first_name: p.first_name,
    last_name: p.last_name,
    display_name: p.display_name,
    email: u.email,
    type: u.type,
    role_name: ROLE_NAMES[u.role_id] ?? 'Member',
    pmi: p.pmi,
    use_pmi: p.use_pmi,
    personal_meeting_url: personalMeetingUrl(u, urls),
    timezone: p.timezone,
    verified: p.verified,
    dept: p.dept,
    created_at: u.created_at,
    user_created_at: u.created_at,
    ...optional('last_login_time', p.last_login_time),
    ...optional('last_client_version', p.last_client_version),
    pic_url: p.pic_url,
    cms_user_id: p.cms_user_id,
    jid: `${u.id.toLowerCase()}@xmpp.zoom.us`,
    group_ids: p.group_ids,
    im_group_ids: p.im_group_ids,
    division_ids: p.division_ids,
    account_id: account.id,
    account_number: account.account_number,
    language: p.language,
    phone_country: p.phone_country,
    phone_number: p.phone_number,
    // Nothing here sends verification codes, so a number set through the API stays unverified.
    phone_numbers: p.phone_numbers.map((n) => ({ ...n, verified: n.verified ?? false })),
    status: u.status,
    role_id: u.role_id,
    login_types: p.login_types,
    company: p.company,
    job_title: p.job_title,
    cost_center: p.cost_center,
    location: p.location,
    ...optional('manager', p.manager),
    pronouns: p.pronouns,
    pronouns_option: p.pronouns_option,
    custom_attributes: p.custom_attributes,
    employee_unique_id: p.employee_unique_id,
    ...optional('plan_united_type', p.plan_united_type),
    ...optional('zoom_one_type', p.zoom_one_type),
    ...(p.vanity_name ? { vanity_url: personalMeetingUrl(u, urls) } : {}),
    cluster: 'us06',
  };
}

/** One entry of List users (`users`). */
export function userListItem(u: UserRecord, include: { customAttributes: boolean; hostKey: boolean }): Record<string, unknown> {
  const p = u.profile;
  return {
    id: u.id,
    first_name: p.first_name,
    last_name: p.last_name,
    display_name: p.display_name,
    email: u.email,
    type: u.type,
    pmi: p.pmi,
    timezone: p.timezone,
    verified: p.verified,
    dept: p.dept,
    created_at: u.created_at,
    user_created_at: u.created_at,
    ...optional('last_login_time', p.last_login_time),
    ...optional('last_client_version', p.last_client_version),
    language: p.language,
    phone_number: p.phone_number,
    status: u.status,
    role_id: u.role_id,
    employee_unique_id: p.employee_unique_id,
    group_ids: p.group_ids,
    im_group_ids: p.im_group_ids,
    division_ids: p.division_ids,
    ...optional('plan_united_type', p.plan_united_type),
    ...(include.customAttributes ? { custom_attributes: p.custom_attributes } : {}),
    ...(include.hostKey ? { host_key: p.host_key } : {}),
  };
}
