// Desk phones: their shape, MAC addresses and provisioning. Pure functions only.
import { secret } from '../../core/ids.ts';
import type { Extension } from '../../phone/model.ts';

export interface Device {
  id: string;
  display_name: string;
  /** 12 lower-case hex digits. */
  mac_address: string;
  /** Zoom's device type: the manufacturer (`yealink`, `poly` …). */
  device_type: string;
  model: string;
  site_id: string | null;
  /** Extension ids of the users and common area phones it serves. */
  assignees: string[];
  provision_template_id?: string;
  /** SIP credentials the device registers with, one per assignee extension. */
  sip_password: string;
}

/** A MAC address as given (with or without `:`/`-`), in the stored form; undefined when it is none. */
export function normalMac(raw: string): string | undefined {
  const hex = raw.replace(/[:-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) ? hex : undefined;
}

export const newPassword = (): string => secret(16);

/** Zoom's list of device types (manufacturers), lower case; others are `other`. */
const TYPES = ['algo', 'audiocodes', 'cisco', 'cyberdata', 'grandstream', 'poly', 'yealink'];
export const deviceType = (type: string): string => (TYPES.includes(type.toLowerCase()) ? type.toLowerCase() : 'other');

/** The device's SIP accounts: one per assignee extension (Zoom's manual provisioning). */
export function sipAccounts(d: Device, assignees: readonly Extension[], accountNumber: number) {
  return assignees.map((x) => ({
    sip_domain: `${accountNumber}.zoom.us`,
    outbound_proxy: 'us01sip.zoom.us:5091',
    secondary_outbound_proxy: 'us02sip.zoom.us:5091',
    user_name: `${x.extension_id.slice(0, 12).toLowerCase()}${x.extension_number}`,
    authorization_id: String(x.extension_number),
    password: d.sip_password,
  }));
}
