// TSP: the records we keep and the shapes Zoom answers. Pure functions only.
import type { AccountRecord } from '../../tenancy/repository.ts';

export type Bridge = 'US_TSP_TB' | 'EU_TSP_TB';

export interface TspSettings {
  enable: boolean;
  tsp_enabled: boolean;
  tsp_provider: string;
  tsp_bridge: Bridge;
  dial_in_number_unrestricted: boolean;
  master_account_setting_extended: boolean;
  modify_credential_forbidden: boolean;
  dial_in_numbers: Array<{ code: string; number: string; type: string }>;
}

/** An account with the TSP add-on starts with TSP on; without it, off (and it cannot be turned on). */
export function defaultSettings(a: AccountRecord): TspSettings {
  const on = a.data.addons?.tsp === true;
  return {
    enable: on,
    tsp_enabled: on,
    tsp_provider: '',
    tsp_bridge: 'US_TSP_TB',
    dial_in_number_unrestricted: false,
    master_account_setting_extended: false,
    modify_credential_forbidden: false,
    dial_in_numbers: [],
  };
}

export interface DialIn {
  code?: string;
  country_label?: string;
  number: string;
  type?: 'toll' | 'tollfree' | 'media_link';
}

export interface TspAccount {
  id: '1' | '2';
  conference_code: string;
  leader_pin: string;
  tsp_bridge?: Bridge;
  dial_in_numbers?: DialIn[];
}

export interface TspUser {
  tsp_accounts: TspAccount[];
  audio_url?: string;
}

/** Zoom keeps at most two TSP accounts per user, ids '1' and '2'. */
export const MAX_TSP_ACCOUNTS = 2;

/** `tsp_credentials` of the user.tsp_* events (whose country_label names a bridge, so other labels stay out). */
export function credentials(t: Omit<TspAccount, 'id'>) {
  return {
    conference_code: t.conference_code,
    leader_pin: t.leader_pin,
    ...(t.tsp_bridge !== undefined ? { tsp_bridge: t.tsp_bridge } : {}),
    ...(t.dial_in_numbers !== undefined
      ? {
          dial_in_numbers: t.dial_in_numbers.map((d) => ({
            number: d.number,
            ...(d.code !== undefined ? { code: d.code } : {}),
            ...(d.type !== undefined ? { type: d.type } : {}),
            ...(d.country_label === 'US_TSP_TB' || d.country_label === 'EU_TSP_TB' ? { country_label: d.country_label } : {}),
          })),
        }
      : {}),
  };
}
