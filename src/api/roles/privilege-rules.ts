// The privilege rule of every operation: what a user-level token's user needs
// beyond its scopes (privileges.ts applies it). Zoom's API reference declares the
// role privileges of 256 operations (`permissions` in the contract); the tables
// below give the rest a rule, each with its reason, and say which operations a
// user may perform on its own things without any privilege. An operation that
// resolves to no rule is refused to everyone but the account owner.
import type { Operation } from '../../core/contract.ts';

/**
 * What acting on the account (beyond the caller's own things) takes:
 * - a list: a role holding any one of these privileges;
 * - `{ area }`: `area:Read` or `area:Edit` for GET, `area:Edit` for writes;
 * - 'owner': the account owner alone; 'anyone': any user of the account.
 * The owner passes every rule.
 */
export type Needs = readonly string[] | { area: string } | 'owner' | 'anyone';

/**
 * What a user may do to its own things without `needs`:
 * - 'user': the `userId` path parameter names the caller (`me`, its id or email);
 * - 'resource': as 'user', and a token with only user-level scopes passes: the provider
 *   keeps it to the caller's own resources (meetings by id, own chat channels…);
 * - 'none': `needs` applies even to the caller's own user.
 */
export type Own = 'user' | 'resource' | 'none';

export interface PrivilegeRule {
  needs: readonly string[] | 'owner' | 'anyone';
  own: Own;
  /** 'zoom': the API reference's `permissions`; 'table': this file. */
  source: 'zoom' | 'table';
}

interface Entry {
  needs?: Needs;
  own?: Own;
  why: string;
}

/**
 * Per category: `needs` for the operations Zoom declares no privilege for, and
 * the `own` mode of all its operations (default: 'user').
 */
const CATEGORIES: Record<string, Entry> = {
  Billing: { needs: { area: 'BillingInformation' }, why: 'contact details and invoices are billing information' },
  Phone: { needs: { area: 'PbxAdmin' }, why: "Zoom Phone administration; PbxAdmin is the privilege Zoom declares on its phone device operations" },
  'Phone Auto Receptionists': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Blocked List': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Call Queues': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Common Area Phones': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Devices': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Reports': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Shared Line Groups': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Phone Site': { needs: { area: 'PbxAdmin' }, why: 'Zoom Phone administration' },
  'Cloud Recording': { needs: { area: 'Recording' }, own: 'resource', why: "recordings belong to their meeting's host; others need the recording privileges" },
  Meetings: { own: 'resource', why: "a user-level scope reaches the caller's own meetings (Zoom declares User:Read/User:Edit for others')" },
  Webinars: { own: 'resource', why: "a user-level scope reaches the caller's own webinars (Zoom declares User:Read/User:Edit for others')" },
  'Deprecated API Endpoints': { needs: ['User:Read'], own: 'resource', why: "past meeting and webinar files: the host's own, else User:Read as for other meeting reads" },
  'Chat Channels': { needs: { area: 'ChatChannel' }, own: 'resource', why: 'channels the caller belongs to are its own; others need the channel privileges' },
  'Chat Channels (Account-level)': { needs: { area: 'ChatChannel' }, why: "another user's channels need the channel privileges" },
  'Chat Messages': { needs: { area: 'ChatMessage' }, why: "another user's messages need the message privileges" },
  Contacts: { needs: 'anyone', own: 'resource', why: "a user's own contacts and the company directory it sees" },
  'IM Chat': { needs: { area: 'ChatMessage' }, own: 'resource', why: "the caller's own chat sessions; others' need the message privileges" },
  'IM Groups': { needs: { area: 'Group' }, why: 'IM directory groups are managed with the groups' },
  Devices: { needs: { area: 'AccountSetting' }, why: "H.323/SIP devices are an account-wide list that affects every user" },
  Dashboards: { needs: ['DashboardHome:Read'], why: 'dashboard reads; exceptions below name the matching dashboard' },
  Reports: { needs: ['UsageReport:Read'], why: 'Zoom declares UsageReport:Read for the other reports' },
  Roles: { needs: { area: 'Role' }, own: 'none', why: "Zoom: role management needs the account owner or role management privileges (Role:Read, Role:Edit)" },
  Rooms: { needs: { area: 'ZoomRooms' }, why: 'Zoom Rooms management' },
  'Rooms Account': { needs: { area: 'ZoomRooms' }, why: 'Zoom Rooms management' },
  'Rooms Location': { needs: { area: 'ZoomRooms' }, why: 'Zoom Rooms management' },
  'SIP Phone': { needs: { area: 'SipPhone' }, why: 'Zoom declares SipPhone for the other SIP phone operations' },
  'Information Barriers': { needs: { area: 'AccountSetting' }, why: 'account-wide policies on who may talk to whom' },
};

/** Per operation: overrides the category and Zoom's declaration. */
const OPERATIONS: Record<string, Entry> = {
  UpdateTheAccountOwner: {
    needs: 'owner',
    own: 'none',
    why: "Zoom: \"An account's current owner can change the account's owner\"",
  },
  "SwitchAUser'sAccount": {
    needs: ['SubAccount:Edit'],
    own: 'none',
    why: 'moving users between the master account and its sub accounts is sub-account management',
  },
  userPictureDelete: { needs: ['User:Edit'], why: 'as uploading a picture, for which Zoom declares User:Edit' },
  userZak: { needs: 'anyone', why: "only ever the caller's own ZAK (/users/me/zak)" },
  updateAGroupMember: { needs: ['Group:Edit'], why: 'moving members between groups: Zoom declares Group:Edit for adding and removing members' },
  // Billing: plans are the subscription.
  "UpdateAnAccount'sAdditionalPlan": { needs: { area: 'BillingSubscription' }, why: 'plans are the billing subscription' },
  CancelAdditionalPlans: { needs: { area: 'BillingSubscription' }, why: 'plans are the billing subscription' },
  UpdateABasePlan: { needs: { area: 'BillingSubscription' }, why: 'plans are the billing subscription' },
  CancelABasePlan: { needs: { area: 'BillingSubscription' }, why: 'plans are the billing subscription' },
  // Dashboards that have a privilege of their own.
  dashboardIM: { needs: ['DashboardIM:Read'], why: 'the chat dashboard' },
  listMeetingSatisfaction: { needs: ['DashboardMeetings:Read'], why: 'the meetings dashboard' },
  dashboardMeetingDetail: { needs: ['DashboardMeetings:Read'], why: 'the meetings dashboard' },
  dashboardMeetingParticipants: { needs: ['DashboardMeetings:Read'], why: 'the meetings dashboard' },
  dashboardWebinars: { needs: ['DashboardWebinars:Read'], why: 'the webinars dashboard' },
  dashboardWebinarParticipants: { needs: ['DashboardWebinars:Read'], why: 'the webinars dashboard' },
  listCallLogsMetrics: { needs: ['PbxAdmin:Read'], why: 'Zoom Phone call quality' },
  getCallQoS: { needs: ['PbxAdmin:Read'], why: 'Zoom Phone call quality' },
  getCallLogMetricsDetails: { needs: ['PbxAdmin:Read'], why: 'Zoom Phone call quality' },
  // Phone operations on the caller's own voicemail and things.
  deleteVoicemail: { own: 'resource', why: "a user-level scope deletes the caller's own voicemail" },
};

function concrete(needs: Needs, op: Operation): PrivilegeRule['needs'] {
  if (typeof needs === 'string' || Array.isArray(needs)) return needs as PrivilegeRule['needs'];
  const { area } = needs as { area: string };
  return op.method === 'GET' ? [`${area}:Read`, `${area}:Edit`] : [`${area}:Edit`];
}

/** The operation's rule; undefined when neither Zoom nor the tables give one (fail closed). */
export function ruleFor(op: Operation): PrivilegeRule | undefined {
  const byOp = OPERATIONS[op.operationId];
  const byCategory = CATEGORIES[op.category];
  const own = byOp?.own ?? byCategory?.own ?? 'user';
  if (byOp?.needs !== undefined) return { needs: concrete(byOp.needs, op), own, source: 'table' };
  if (op.permissions.length > 0) return { needs: op.permissions, own, source: 'zoom' };
  if (byCategory?.needs !== undefined) return { needs: concrete(byCategory.needs, op), own, source: 'table' };
  return undefined;
}

/** Every privilege name a rule may require (model.ts must know each). */
export function privilegesNamed(ops: readonly Operation[]): Set<string> {
  const names = new Set<string>();
  for (const op of ops) {
    const rule = ruleFor(op);
    if (rule && typeof rule.needs !== 'string') for (const p of rule.needs) names.add(p);
  }
  return names;
}
