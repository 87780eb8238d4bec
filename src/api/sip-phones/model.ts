// SIP phones: one stored record, answered in today's shape (`/sip_phones/phones`,
// servers as objects) and in the 2021 one (`/sip_phones`, flat fields). Pure functions only.
import { Errors } from '../../core/errors.ts';
import { validHost } from '../h323-devices/model.ts';

export type Transport = 'UDP' | 'TCP' | 'TLS' | 'AUTO';

export interface SipServer {
  proxy_server?: string;
  register_server?: string;
  transport_protocol?: Transport;
}

export interface SipPhone {
  phone_id: string;
  user_id: string;
  user_email: string;
  user_name: string;
  password: string;
  authorization_name: string;
  domain: string;
  registration_expire_time: number;
  voice_mail: string;
  display_number?: string;
  server: SipServer;
  server_2?: SipServer;
  server_3?: SipServer;
}

/** Zoom's default registration expiry, in minutes. */
export const DEFAULT_EXPIRE = 60;

/** Servers are hosts (name or address, optional port); the transport defaults to UDP. */
export function checkServer(field: string, s: SipServer | undefined, required: boolean): SipServer | undefined {
  const given = s && (s.proxy_server || s.register_server);
  if (!given) {
    if (required) throw Errors.validation([{ field: `${field}.register_server`, message: 'Missing field.' }]);
    return undefined;
  }
  for (const k of ['proxy_server', 'register_server'] as const) {
    const v = s![k];
    if (v !== undefined && v !== '' && !validHost(v.replace(/^sips?:/, ''))) throw Errors.validation([{ field: `${field}.${k}`, message: 'Invalid field.' }]);
  }
  return { proxy_server: s!.proxy_server ?? s!.register_server ?? '', register_server: s!.register_server ?? s!.proxy_server ?? '', transport_protocol: s!.transport_protocol ?? 'UDP' };
}

export function checkDomain(domain: string): void {
  if (!validHost(domain)) throw Errors.validation([{ field: 'domain', message: 'Invalid field.' }]);
}

/** Today's shape (Enable / List SIP phones under /sip_phones/phones). */
export function phoneResponse(p: SipPhone) {
  const { user_id: _u, ...rest } = p;
  return rest;
}

/** The 2021 shape: servers flattened into numbered fields. */
export function legacyResponse(p: SipPhone) {
  const flat = (s: SipServer | undefined, n: '' | '2' | '3') =>
    s ? { [`register_server${n}`]: s.register_server ?? '', [`transport_protocol${n}`]: s.transport_protocol ?? 'UDP', [`proxy_server${n}`]: s.proxy_server ?? '' } : {};
  return {
    id: p.phone_id,
    user_email: p.user_email,
    domain: p.domain,
    ...flat(p.server, ''),
    ...flat(p.server_2, '2'),
    ...flat(p.server_3, '3'),
    registration_expire_time: p.registration_expire_time,
    user_name: p.user_name,
    password: p.password,
    authorization_name: p.authorization_name,
    voice_mail: p.voice_mail,
  };
}

/** A 2021 body's flat server fields as today's server objects. */
export function serversFromLegacy(b: Record<string, unknown>, n: '' | '2' | '3'): SipServer | undefined {
  const register = b[`register_server${n}`] as string | undefined;
  const proxy = b[`proxy_server${n}`] as string | undefined;
  if (!register && !proxy) return undefined;
  return {
    ...(proxy !== undefined ? { proxy_server: proxy } : {}),
    ...(register !== undefined ? { register_server: register } : {}),
    ...(b[`transport_protocol${n}`] !== undefined ? { transport_protocol: b[`transport_protocol${n}`] as Transport } : {}),
  };
}
