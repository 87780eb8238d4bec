// Roles: the built-in roles, Zoom's privilege names and the shapes Zoom answers. Pure functions only.
import { ROLE_NAMES } from '../users/model.ts';

/**
 * Zoom's privilege names: every value the API reference declares as an
 * operation's required permission, plus the role-management and meeting
 * privileges Zoom lists for a user (GET /users/{userId}/permissions), and
 * PbxAdmin (Zoom Phone administration, declared on the phone device operations).
 */
export const PRIVILEGES: readonly string[] = [
  'AccountProfile:Read',
  'AccountProfile:Edit',
  'AccountSetting:Read',
  'AccountSetting:Edit',
  'BillingInformation:Read',
  'BillingInformation:Edit',
  'BillingSubscription:Read',
  'BillingSubscription:Edit',
  'ChatChannel:Read',
  'ChatChannel:Edit',
  'ChatMessage:Read',
  'ChatMessage:Edit',
  'DashboardCRC:Read',
  'DashboardHome:Read',
  'DashboardIM:Read',
  'DashboardMeetings:Read',
  'DashboardWebinars:Read',
  'DashboardZR:Read',
  'Group:Read',
  'Group:Edit',
  'IMChatBot:Edit',
  'Meeting:Read',
  'Meeting:Edit',
  'MobileDeviceManagement:Read',
  'PbxAdmin:Read',
  'PbxAdmin:Edit',
  'Recording:Read',
  'Recording:Edit',
  'Role:Read',
  'Role:Edit',
  'ScheduleTrackingFields:Read',
  'ScheduleTrackingFields:Edit',
  'SipPhone:Read',
  'SipPhone:Edit',
  'SubAccount:Read',
  'SubAccount:Edit',
  'UsageReport:Read',
  'User:Read',
  'User:Edit',
  'Webinar:Read',
  'Webinar:Edit',
  'ZoomRooms:Read',
  'ZoomRooms:Edit',
];
const KNOWN = new Set(PRIVILEGES);

/** Only the owner manages billing, sub accounts, the account profile and roles by default. */
const OWNER_ONLY = new Set([
  'AccountProfile:Edit',
  'BillingInformation:Edit',
  'BillingSubscription:Edit',
  'Role:Edit',
  'SubAccount:Read',
  'SubAccount:Edit',
]);

export const OWNER_ROLE = '0';
export const ADMIN_ROLE = '1';
export const MEMBER_ROLE = '2';

export interface RoleData {
  name: string;
  description: string;
  type: string;
  privileges: string[];
  sub_account_privileges?: { second_level?: number };
}

export interface RoleRecord extends RoleData {
  id: string;
  builtIn: boolean;
}

const BUILT_IN_DESCRIPTIONS: Record<string, string> = {
  [OWNER_ROLE]: 'Account owner has full privileges to access and manage a Zoom account.',
  [ADMIN_ROLE]: 'Admins have wide-range privileges to access and manage a Zoom account.',
  [MEMBER_ROLE]: 'Members have access to basic Zoom video meeting functions but no account management privileges.',
};

/** A built-in role as every account starts with it; a stored row of the same id overrides it. */
export function builtInRole(id: string): RoleRecord | undefined {
  const name = ROLE_NAMES[id];
  if (name === undefined) return undefined;
  const privileges = id === OWNER_ROLE ? [...PRIVILEGES] : id === ADMIN_ROLE ? PRIVILEGES.filter((p) => !OWNER_ONLY.has(p)) : [];
  return { id, builtIn: true, name, description: BUILT_IN_DESCRIPTIONS[id]!, type: 'common', privileges };
}

export const BUILT_IN_IDS = [OWNER_ROLE, ADMIN_ROLE, MEMBER_ROLE] as const;

/** Privileges a request names that Zoom does not know. */
export function unknownPrivileges(privileges: readonly string[]): string[] {
  return privileges.filter((p) => !KNOWN.has(p));
}

/** Keeps Zoom's order and drops repeats. */
export function normalisePrivileges(privileges: readonly string[]): string[] {
  const wanted = new Set(privileges);
  return PRIVILEGES.filter((p) => wanted.has(p));
}

export function roleListItem(r: RoleRecord, totalMembers: number) {
  return { id: r.id, name: r.name, description: r.description, type: r.type, total_members: totalMembers };
}

/** Create a role answers the role as the 2021-08 definition of its 201 gives it. */
export function createdRoleResponse(r: RoleRecord) {
  return { id: r.id, name: r.name, description: r.description, total_members: 0, privileges: r.privileges };
}

/**
 * Manages sub accounts as their owner (1) or with the role's own privileges (2)
 * when nothing was set: the owner is the owner everywhere.
 */
export function subAccountPrivileges(r: RoleRecord): { second_level?: number } {
  return r.sub_account_privileges ?? { second_level: r.id === OWNER_ROLE ? 1 : 2 };
}

/**
 * Get role information. `privilege_scopes` lists only privileges limited to
 * some groups, which no operation sets: always empty. `sub_account_privileges`
 * is shown only to accounts in a master/sub account structure, as Zoom documents.
 */
export function roleResponse(r: RoleRecord, totalMembers: number, inMasterStructure: boolean) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.type,
    total_members: totalMembers,
    privileges: r.privileges,
    ...(inMasterStructure ? { sub_account_privileges: subAccountPrivileges(r) } : {}),
    privilege_scopes: [] as Array<{ permission_id: string; group_ids: string[] }>,
  };
}
