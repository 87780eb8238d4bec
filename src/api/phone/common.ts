// What every Zoom Phone operation starts from: the account's phone system set
// up (a main site), and the phone user a path names (user id, `me`, email,
// extension number or extension id).
import type { Context } from '../../core/provider.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import * as phone from '../../phone/repository.ts';
import type { PhoneUser, Site } from '../../phone/model.ts';
import { getUser, getUserByEmail } from '../users/repository.ts';

/** The account's main site; Zoom's 403/2031 when Zoom Phone is not set up on the account. */
export async function phoneAccount(ctx: Context): Promise<Site> {
  const site = await phone.mainSite(ctx.db, ctx.account.id);
  if (!site) throw PhoneErrors.notEnabled();
  return site;
}

/** The phone user a path names; a user of the account without the phone licence, or an unknown one, is Zoom's 404/1001. */
export async function phoneUserOf(ctx: Context, ref: string): Promise<PhoneUser> {
  await phoneAccount(ctx);
  const id = ctx.resolveMe(ref);
  const pu = await phone.findPhoneUser(ctx.db, ctx.account.id, id);
  if (pu) return pu;
  throw await noPhoneUser(ctx, id);
}

/** Zoom's 404/1001 for a reference that names no phone user (a user without the licence, or nobody). */
export async function noPhoneUser(ctx: Context, id: string): Promise<Error> {
  const user = id.includes('@') ? await getUserByEmail(ctx.db, ctx.account.id, id) : await getUser(ctx.db, ctx.account.id, id);
  return user ? PhoneErrors.notPhoneUser(id) : PhoneErrors.userNotFound(id);
}

/** A site of the account, by id; Zoom's "Site does not exist." otherwise. */
export async function siteOf(ctx: Context, id: string): Promise<Site> {
  const site = await phone.getSite(ctx.db, ctx.account.id, id);
  if (!site) throw PhoneErrors.siteNotFound();
  return site;
}

/** `{id, name}` of a site, as Zoom's objects name it. */
export const siteRef = (s: Pick<Site, 'id' | 'name'>) => ({ id: s.id, name: s.name });
