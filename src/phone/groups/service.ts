// What call queues, auto receptionists and shared line groups share: creation
// in a site with an extension from the directory, numbers held through the
// number model, members who are phone users of the account, deletion.
import { ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Provider } from '../../core/provider.ts';
import { PhoneErrors } from '../errors.ts';
import { getUser, getUserByEmail } from '../../api/users/repository.ts';
import * as phone from '../repository.ts';
import { recordOperation } from '../operation-log.ts';
import { defaultData, type GroupKind, type GroupMember, type MemberView, type NumberRef, type PhoneGroup, type SiteRef } from './model.ts';
import * as repo from './repository.ts';

export const LABEL: Record<GroupKind, string> = { callQueue: 'Call Queue', autoReceptionist: 'Auto Receptionist', sharedLineGroup: 'Shared Line Group' };

/** Zoom refuses adding more than this many members in one request. */
export const MEMBERS_PER_REQUEST = 10;
/** The most members a queue or shared line group holds. */
export const MAX_MEMBERS = 50;

export async function siteOrMain(ctx: Context, siteId: string | undefined) {
  const site = siteId ? await phone.getSite(ctx.db, ctx.account.id, siteId) : await phone.mainSite(ctx.db, ctx.account.id);
  if (!site) throw new ZoomError(400, 300, 'Site does not exist.');
  return site;
}

export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function createGroup(ctx: Context, kind: GroupKind, body: { name: string; site_id?: string; extension_number?: number; description?: string; cost_center?: string; department?: string }): Promise<PhoneGroup> {
  const site = await siteOrMain(ctx, body.site_id);
  const id = zoomId();
  const ext = await phone.claimExtension(ctx.db, ctx.account.id, { type: kind, id, name: body.name, site, extension_number: body.extension_number }, ctx.clock.iso());
  const data = defaultData(kind, ext.extension_id, ctx.account.data.timezone ?? 'America/Los_Angeles');
  for (const k of ['description', 'cost_center', 'department'] as const) if (body[k] !== undefined) data[k] = body[k];
  const g: PhoneGroup = { id, kind, extension_number: ext.extension_number, site_id: site.id, name: body.name, created_at: ctx.clock.iso(), data };
  await repo.insertGroup(ctx.db, ctx.account.id, g);
  await recordOperation(ctx, LABEL[kind], 'Add', `Add ${LABEL[kind]} ${body.name} (extension ${ext.extension_number})`);
  return g;
}

/** A group of the account, or (auto receptionists) a site's main one the directory knows, with Zoom's defaults. */
export async function findGroupOf(ctx: Context, kind: GroupKind, id: string): Promise<PhoneGroup | undefined> {
  const g = await repo.getGroup(ctx.db, ctx.account.id, kind, id);
  if (g || kind !== 'autoReceptionist') return g;
  const ext = await phone.getExtensionOf(ctx.db, ctx.account.id, kind, id);
  if (!ext) return undefined;
  return { id, kind, extension_number: ext.extension_number, site_id: ext.site_id, name: ext.name, created_at: '', data: defaultData(kind, ext.extension_id, ctx.account.data.timezone ?? 'America/Los_Angeles') };
}

/** Writes a group found by findGroupOf (inserting a site's main auto receptionist on its first change). */
export async function saveGroup(ctx: Context, before: PhoneGroup, g: PhoneGroup): Promise<void> {
  if (before.extension_number !== g.extension_number || before.name !== g.name || before.site_id !== g.site_id) {
    await phone.updateExtension(ctx.db, ctx.account.id, g.kind, g.id, { extension_number: g.extension_number, name: g.name, site_id: g.site_id });
  }
  if (before.created_at === '') await repo.insertGroup(ctx.db, ctx.account.id, { ...g, created_at: ctx.clock.iso() });
  else await repo.updateGroup(ctx.db, ctx.account.id, g);
  await recordOperation(ctx, LABEL[g.kind], 'Update', `Update ${LABEL[g.kind]} ${g.name}`);
}

export async function removeGroup(ctx: Context, g: PhoneGroup): Promise<void> {
  await phone.releaseExtension(ctx.db, ctx.account.id, g.kind, g.id);
  await repo.deleteGroup(ctx.db, ctx.account.id, g.id);
  await recordOperation(ctx, LABEL[g.kind], 'Delete', `Delete ${LABEL[g.kind]} ${g.name}`);
}

export async function siteRef(ctx: Context, siteId: string): Promise<SiteRef | undefined> {
  const s = await phone.getSite(ctx.db, ctx.account.id, siteId);
  return s && { id: s.id, name: s.name };
}

export async function numberRefs(ctx: Context, g: PhoneGroup): Promise<NumberRef[]> {
  return (await phone.numbersOf(ctx.db, ctx.account.id, g.kind, g.id)).map((n) => ({ id: n.id, number: n.number, source: n.source }));
}

export async function assign(ctx: Context, g: PhoneGroup, refs: Array<{ id?: string; number?: string }>): Promise<void> {
  const list = refs.map((r) => r.id ?? r.number).filter((r): r is string => typeof r === 'string' && r !== '');
  if (list.length === 0) throw new ZoomError(400, 400, 'Need to specify at least one phone number');
  const done = await phone.assignNumbers(ctx.db, ctx.account.id, { type: g.kind, id: g.id, site_id: g.site_id }, list);
  await recordOperation(ctx, LABEL[g.kind], 'Update', `Assign ${done.map((n) => n.number).join(', ')} to ${LABEL[g.kind]} ${g.name}`);
}

export async function unassign(ctx: Context, g: PhoneGroup, ref?: string): Promise<boolean> {
  if (ref === undefined) {
    await phone.unassignAllNumbers(ctx.db, ctx.account.id, g.kind, g.id);
    await recordOperation(ctx, LABEL[g.kind], 'Update', `Unassign all numbers of ${LABEL[g.kind]} ${g.name}`);
    return true;
  }
  const n = await phone.unassignNumber(ctx.db, ctx.account.id, { type: g.kind, id: g.id }, ref);
  if (n) await recordOperation(ctx, LABEL[g.kind], 'Update', `Unassign ${n.number} from ${LABEL[g.kind]} ${g.name}`);
  return n !== undefined;
}

export interface MembersBody {
  members?: { users?: Array<{ id?: string; email?: string }>; common_area_ids?: string[] };
}

/** Adds phone users (by id or email) and common area phones; each must be the account's. Nothing is written unless all pass. */
export async function addMembers(ctx: Context, g: PhoneGroup, body: MembersBody, level: (first: boolean) => GroupMember['level']): Promise<void> {
  const users = body.members?.users ?? [];
  const areas = body.members?.common_area_ids ?? [];
  if (users.length + areas.length === 0) throw new ZoomError(400, 300, 'Validation Failed.');
  if (users.length + areas.length > MEMBERS_PER_REQUEST) throw new ZoomError(400, 300, 'Exceeded the maximum number to add members per time.');
  const found: Array<{ id: string; type: GroupMember['member_type'] }> = [];
  for (const u of users) {
    const ref = u.id ?? u.email ?? '';
    const pu = u.id ? await phone.getPhoneUser(ctx.db, ctx.account.id, u.id) : u.email ? await phone.getPhoneUserByEmail(ctx.db, ctx.account.id, u.email) : undefined;
    if (!pu) throw new ZoomError(404, 1001, `User not found: ${ref}.`);
    found.push({ id: pu.user_id, type: 'user' });
  }
  for (const a of areas) {
    if (!(await phone.getExtensionOf(ctx.db, ctx.account.id, 'commonArea', a))) throw new ZoomError(404, 1001, `Common area not found: ${a}.`);
    found.push({ id: a, type: 'common_area' });
  }
  const current = await repo.members(ctx.db, ctx.account.id, g.id);
  const fresh = found.filter((f, i) => !current.some((m) => m.member_id === f.id) && found.findIndex((x) => x.id === f.id) === i);
  if (current.length + fresh.length > MAX_MEMBERS) throw new ZoomError(400, 412, `The maximum number of ${LABEL[g.kind]} members is up to ${MAX_MEMBERS}.`);
  let first = current.length === 0;
  for (const f of fresh) {
    await repo.addMember(ctx.db, ctx.account.id, g.id, { member_id: f.id, member_type: f.type, level: f.type === 'user' ? level(first) : 'user', receive_call: true, added_at: ctx.clock.iso() });
    if (f.type === 'user') first = false;
  }
  if (fresh.length > 0) await recordOperation(ctx, LABEL[g.kind], 'Update', `Add ${fresh.length} member(s) to ${LABEL[g.kind]} ${g.name}`);
}

/** Members as the group's details show them (names and extensions from the directory). */
export async function memberViews(ctx: Context, g: PhoneGroup): Promise<{ users: Array<MemberView & { level: GroupMember['level']; receive_call: boolean }>; areas: MemberView[] }> {
  const users: Array<MemberView & { level: GroupMember['level']; receive_call: boolean }> = [];
  const areas: MemberView[] = [];
  for (const m of await repo.memberEntries(ctx.db, ctx.account.id, g.id)) {
    if (m.member_type === 'user') users.push({ id: m.member_id, name: m.name, extension_id: m.extension_id, level: m.level, receive_call: m.receive_call });
    else areas.push({ id: m.member_id, name: m.name, extension_id: m.extension_id });
  }
  return { users, areas };
}

/** A user of the account by id or email (for error messages naming what was given). */
export async function accountUser(ctx: Context, ref: string) {
  return ref.includes('@') ? getUserByEmail(ctx.db, ctx.account.id, ref) : getUser(ctx.db, ctx.account.id, ref);
}

/** An admin change to a group's members or settings, in the operation log. */
export async function noteChange(ctx: Context, g: PhoneGroup, what: string): Promise<void> {
  await recordOperation(ctx, LABEL[g.kind], 'Update', `${what} ${LABEL[g.kind]} ${g.name}`);
}

/** Every handler of a phone provider first asks that the account has Zoom Phone set up (its main site exists). */
export function phoneOnly(provider: Provider): Provider {
  const out: Provider = {};
  for (const [name, handler] of Object.entries(provider)) {
    out[name] = async (input: never, ctx: Context) => {
      if (!(await phone.mainSite(ctx.db, ctx.account.id))) throw PhoneErrors.notEnabled();
      return (handler as (i: never, c: Context) => unknown)(input, ctx);
    };
  }
  return out;
}
