// Information barrier policies: the record we keep is the shape Zoom answers. Pure functions only.
export interface PolicySettings {
  complete_phone_calls: boolean;
  file_transfer: boolean;
  im: boolean;
  in_meeting_chat: boolean;
  meeting: boolean;
  message_via_sms: boolean;
  recording: boolean;
  screen_share: boolean;
}

export interface Policy {
  id: string;
  policy_name: string;
  assigned_group_id: string;
  to_group_id: string;
  /** 0 inactive, 1 active. */
  status: 0 | 1;
  type: 0 | 1 | 2 | 3;
  settings: PolicySettings;
}

export type PolicyBody = Omit<Policy, 'id'> & { id?: string };

const SETTING_KEYS = [
  'complete_phone_calls',
  'file_transfer',
  'im',
  'in_meeting_chat',
  'meeting',
  'message_via_sms',
  'recording',
  'screen_share',
] as const;

/** Only Zoom's fields are kept. */
export function policyFrom(id: string, body: PolicyBody): Policy {
  const settings = Object.fromEntries(SETTING_KEYS.map((k) => [k, body.settings[k]])) as unknown as PolicySettings;
  return {
    id,
    policy_name: body.policy_name.trim(),
    assigned_group_id: body.assigned_group_id.trim(),
    to_group_id: body.to_group_id.trim(),
    status: body.status,
    type: body.type,
    settings,
  };
}

/**
 * A policy as List policies answers it: with the chaperone group Zoom's list
 * defines, which no operation sets (chaperones are chosen in the web portal), so "".
 */
export function policyListItem(p: Policy): Policy & { chaperone_group_id: string } {
  return { ...p, chaperone_group_id: '' };
}
