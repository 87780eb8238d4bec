// Who a call is from or to, as the control plane names them: a phone number,
// an extension number or id, a user id or email, or a call queue / auto
// receptionist / shared line group id. Numbers of the account reach their
// assignee; other numbers are outside callers (PSTN).
import { ZoomError } from '../../core/errors.ts';
import type { Queryable } from '../../storage/db.ts';
import type { Extension } from '../model.ts';
import * as phone from '../repository.ts';
import * as groupsRepo from '../groups/repository.ts';
import type { Party } from './model.ts';

const unknown = (ref: string) => new ZoomError(404, 1001, `No phone user, extension, call queue, auto receptionist or number of the account matches: ${ref}.`);

/** The party behind an extension of the directory. */
export async function partyOfExtension(db: Queryable, accountId: string, ext: Extension): Promise<Party> {
  if (ext.owner_type === 'commonArea') throw new ZoomError(400, 300, 'Calls to common area phones are not simulated.');
  const numbers = await phone.numbersOf(db, accountId, ext.owner_type, ext.owner_id);
  return {
    kind: ext.owner_type,
    id: ext.owner_id,
    name: ext.name,
    phone_number: numbers[0]?.number ?? String(ext.extension_number),
    extension_number: ext.extension_number,
    extension_id: ext.extension_id,
    site_id: ext.site_id,
  };
}

export async function resolveParty(db: Queryable, accountId: string, ref: string): Promise<Party> {
  const trimmed = ref.trim();
  if (trimmed.includes('@')) {
    const u = await phone.getPhoneUserByEmail(db, accountId, trimmed);
    if (!u) throw unknown(ref);
    return party(db, accountId, 'user', u.user_id, ref);
  }
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\d{2,7}$/.test(digits)) {
    const ext = await phone.getExtensionByNumber(db, accountId, Number(digits));
    if (!ext) throw unknown(ref);
    return partyOfExtension(db, accountId, ext);
  }
  if (/^\+?\d{8,15}$/.test(digits)) {
    const n = await phone.findNumber(db, accountId, digits);
    if (!n) return { kind: 'pstn', name: digits.startsWith('+') ? digits : `+${digits}`, phone_number: digits.startsWith('+') ? digits : `+${digits}` };
    if (!n.assignee) throw new ZoomError(400, 300, `Phone number ${n.number} is not assigned.`);
    const p = await party(db, accountId, n.assignee.type, n.assignee.id, ref);
    return { ...p, phone_number: n.number };
  }
  // An id: a user, a group (any kind), a site's auto receptionist, or an extension id.
  if (await phone.getPhoneUser(db, accountId, trimmed)) return party(db, accountId, 'user', trimmed, ref);
  const g = await groupsRepo.findGroup(db, accountId, trimmed);
  if (g) return party(db, accountId, g.kind, g.id, ref);
  const ext = (await phone.getExtensionById(db, accountId, trimmed)) ?? (await phone.getExtensionOf(db, accountId, 'autoReceptionist', trimmed));
  if (ext) return partyOfExtension(db, accountId, ext);
  throw unknown(ref);
}

async function party(db: Queryable, accountId: string, type: Extension['owner_type'], id: string, ref: string): Promise<Party> {
  const ext = await phone.getExtensionOf(db, accountId, type, id);
  if (!ext) throw unknown(ref);
  return partyOfExtension(db, accountId, ext);
}
