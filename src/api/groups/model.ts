// Groups: the records we keep and the shapes Zoom answers. Pure functions only.
import { zoomId } from '../../core/ids.ts';

export interface GroupRecord {
  account_id: string;
  id: string;
  name: string;
  created_at: string;
}

export interface GroupMemberRecord {
  account_id: string;
  group_id: string;
  user_id: string;
  is_primary: boolean;
  added_at: string;
}

/** Group names are unique per account regardless of case or surrounding spaces. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export function newGroup(accountId: string, name: string, now: string): GroupRecord {
  return { account_id: accountId, id: zoomId(), name: name.trim(), created_at: now };
}

/** Get a group / one entry of List groups / Create a group. */
export function groupResponse(g: GroupRecord, totalMembers: number): { id: string; name: string; total_members: number } {
  return { id: g.id, name: g.name, total_members: totalMembers };
}
