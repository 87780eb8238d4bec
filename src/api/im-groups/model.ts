// IM directory groups: the record we keep and the shape Zoom answers. Pure functions only.
import { ZoomError } from '../../core/errors.ts';

export type ImGroupType = 'normal' | 'shared' | 'restricted';

export interface ImGroupRecord {
  id: string;
  name: string;
  type: ImGroupType;
  /** Who may find the group's members in the directory. */
  search_by_account: boolean;
  search_by_domain: boolean;
  search_by_ma_account: boolean;
  created_at: string;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();

export const imGroupNameTaken = (name: string) => new ZoomError(409, 4132, `Group name ${name} is already in use.`);
export const imGroupNotFound = (id: string) => new ZoomError(404, 4130, `IM group does not exist: ${id}.`);

/** Retrieve an IM directory group, an entry of List IM directory groups, and Create's answer. */
export function imGroupResponse(g: ImGroupRecord, totalMembers: number) {
  return {
    id: g.id,
    name: g.name,
    total_members: totalMembers,
    type: g.type,
    search_by_account: g.search_by_account,
    search_by_domain: g.search_by_domain,
    search_by_ma_account: g.search_by_ma_account,
  };
}
