// H.323/SIP devices: the record (Zoom's shape itself) and its validation. Pure functions only.
import { isIP } from 'node:net';
import { Errors } from '../../core/errors.ts';

export interface Device {
  id: string;
  name: string;
  protocol: 'H.323' | 'SIP';
  ip: string;
  encryption: 'auto' | 'yes' | 'no';
}

export const nameKey = (name: string): string => name.trim().toLowerCase();

const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PORT = /^\d{1,5}$/;

/** A host (IP address or DNS name), with an optional port. */
export function validHost(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const v6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (v6) return isIP(v6[1]!) === 6 && (v6[2] === undefined || Number(v6[2]) <= 65535);
  const [host, port, extra] = value.split(':');
  if (extra !== undefined || !host) return false;
  if (port !== undefined && (!PORT.test(port) || Number(port) > 65535)) return false;
  return HOST.test(host);
}

/**
 * What Zoom's `ip` takes: an H.323 device is dialled by IP address or host
 * name; a SIP device also by SIP URI (`[sip:]user@host`).
 */
export function validAddress(protocol: Device['protocol'], ip: string): boolean {
  if (validHost(ip)) return true;
  if (protocol !== 'SIP') return false;
  const m = /^(?:sips?:)?([^@\s:]+)@(.+)$/.exec(ip);
  return m !== null && /^[A-Za-z0-9._~+-]+$/.test(m[1]!) && validHost(m[2]!);
}

export function checkDevice(d: Omit<Device, 'id'>): Omit<Device, 'id'> {
  const name = d.name.trim();
  if (name === '') throw Errors.validation([{ field: 'name', message: 'Invalid field.' }]);
  if (!validAddress(d.protocol, d.ip.trim())) throw Errors.badRequest('Invalid parameter: ip.');
  return { name, protocol: d.protocol, ip: d.ip.trim(), encryption: d.encryption };
}
