// Contacts: a user's contacts (company contacts are the active users of the
// account; external contacts are added through the control plane), one
// contact's details with presence, and the company directory search. Users an
// information barrier keeps the caller from writing to are not shown.
import type { Cursor, Page } from '../../core/pagination.ts';
import type { Context, Input } from '../../core/provider.ts';
import type { PresenceStatus, UserRecord } from '../users/model.ts';
import { Barriers } from './barriers.ts';
import { pathActor, userByAnyId } from './common.ts';
import { ChatErrors } from './errors.ts';
import { memberIdOf } from './model.ts';
import * as repo from './repository.ts';

/** Users are read in batches and filtered until a page is full. */
const BATCH = 200;

/** Zoom's contact presence names for the statuses Update a user's presence status sets. */
const PRESENCE: Record<PresenceStatus, string> = {
  Available: 'Available',
  Away: 'Away',
  Do_No_Disturb: 'Do_Not_Disturb',
  In_A_Zoom_Meeting: 'In_A_Meeting',
  On_A_Call: 'In_A_Call',
  In_Calendar_Event: 'In_A_Calendar_Event',
  Presenting: 'Presenting',
  Out_of_Office: 'Out_of_Office',
  Busy: 'Busy',
};

/** The search answers only four statuses: busy ones read as Do_Not_Disturb. */
const SEARCH_PRESENCE = new Set(['Available', 'Away', 'Do_Not_Disturb', 'Offline']);

function presenceOf(ctx: Context, u: UserRecord): string {
  if (u.status !== 'active') return 'Offline';
  const p = u.profile;
  // Do Not Disturb ends at presence_until (as Get a user presence status reads it).
  if (p.presence_status === 'Do_No_Disturb' && (p.presence_until === null || Date.parse(p.presence_until) <= ctx.clock.now())) return 'Available';
  return PRESENCE[p.presence_status] ?? 'Available';
}

const phones = (u: UserRecord) => ({
  phone_number: u.profile.phone_number,
  phone_numbers: u.profile.phone_numbers.map((n) => ({ ...n, verified: n.verified ?? false })),
  direct_numbers: [] as string[],
});

/** Who the viewer may see: not itself, and nobody behind an information barrier. */
async function visible(barriers: Barriers, viewer: UserRecord | null, u: UserRecord): Promise<boolean> {
  if (!viewer) return true;
  return u.id !== viewer.id && (await barriers.canWrite(viewer.id, u.id));
}

/**
 * A page of directory users that pass `keep`, in list order, seeking past the
 * token's last key. The list's length is unknown until read to its end, so a
 * full page says there may be more (Zoom's contact lists carry no total).
 */
async function directoryPage(ctx: Context, page: Page, like: string | undefined, keep: (u: UserRecord) => Promise<boolean>) {
  const out: UserRecord[] = [];
  let after: Cursor | null = page.after;
  let last: Cursor | undefined;
  for (;;) {
    const batch = await repo.directoryBatch(ctx.db, ctx.account.id, after, BATCH, like);
    for (const u of batch) {
      if (out.length === page.size) break;
      last = [u.created_at, u.id];
      if (await keep(u)) out.push(u);
    }
    if (out.length === page.size || batch.length < BATCH) break;
    after = [batch.at(-1)!.created_at, batch.at(-1)!.id];
  }
  const more = out.length === page.size ? page.offset + page.size + 1 : page.offset + out.length;
  return { users: out, last, more };
}

const strip = <T extends { total_records?: number }>(body: T): Omit<T, 'total_records'> => {
  const { total_records: _omit, ...rest } = body;
  return rest;
};

export function createContactOperations() {
  return {
    async getUserContacts(input: Input<Record<string, never>, { type?: string }>, ctx: Context) {
      const { user: me } = await pathActor(ctx, 'me');
      if (input.query.type === 'external') {
        const total = await input.page.total(() => repo.countExternalContacts(ctx.db, ctx.account.id, me.id));
        const { contacts, last } = await repo.listExternalContacts(ctx.db, ctx.account.id, me.id, input.page);
        const items = contacts.map((c) => ({ email: c.email, first_name: c.first_name, id: c.id, member_id: memberIdOf(c.id), last_name: c.last_name }));
        return strip(input.page.respond(total, { contacts: items }, last));
      }
      const barriers = await Barriers.load(ctx.db, ctx.account.id);
      const { users, last, more } = await directoryPage(ctx, input.page, undefined, async (u) => u.status === 'active' && (await visible(barriers, me, u)));
      const items = users.map((u) => ({ email: u.email, first_name: u.profile.first_name, id: u.id, member_id: memberIdOf(u.id), last_name: u.profile.last_name }));
      return strip(input.page.respond(more, { contacts: items }, last));
    },

    async getUserContact(input: Input<{ identifier: string }, { query_presence_status?: boolean }>, ctx: Context) {
      const { user: me } = await pathActor(ctx, 'me');
      const ref = input.path.identifier;
      const u = await userByAnyId(ctx.db, ctx.account.id, ref);
      const barriers = await Barriers.load(ctx.db, ctx.account.id);
      if (!u || u.status !== 'active' || !(await visible(barriers, me, u))) {
        // An external contact of the user's own, by id or email.
        const id = ref.includes('@') ? await repo.externalContactByEmail(ctx.db, ctx.account.id, me.id, ref.toLowerCase()) : ref;
        const found = id !== undefined ? await repo.externalContact(ctx.db, ctx.account.id, me.id, id) : undefined;
        if (!found) throw ChatErrors.contactNotFound(ref);
        return { email: found.email, first_name: found.first_name, id: found.id, member_id: memberIdOf(found.id), last_name: found.last_name, direct_numbers: [] };
      }
      return {
        email: u.email,
        first_name: u.profile.first_name,
        id: u.id,
        member_id: memberIdOf(u.id),
        last_name: u.profile.last_name,
        ...phones(u),
        ...(input.query.query_presence_status ? { presence_status: presenceOf(ctx, u) } : {}),
      };
    },

    async searchCompanyContacts(
      input: Input<Record<string, never>, { search_key: string; query_presence_status?: boolean; contact_types?: number; user_status?: 'active' | 'inactive' }>,
      ctx: Context,
    ) {
      const q = input.query;
      const key = q.search_key.trim().toLowerCase();
      const viewer = ctx.actor.userId ? (await pathActor(ctx, 'me')).user : null;
      const barriers = await Barriers.load(ctx.db, ctx.account.id);
      const status = q.user_status ?? 'active';
      // Contact type 1 is the company directory; the others (rooms, phones, bots …) are not kept here.
      const types = q.contact_types ?? 1;
      const matches = (u: UserRecord) =>
        key === '' || u.email.includes(key) || [u.profile.first_name, u.profile.last_name, u.profile.display_name].some((n) => n.toLowerCase().includes(key));
      const keep = async (u: UserRecord) =>
        types === 1 && (status === 'active' ? u.status === 'active' : u.status === 'inactive') && matches(u) && (!viewer || (await barriers.canWrite(viewer.id, u.id)));
      const { users, last, more } = await directoryPage(ctx, input.page, key === '' ? undefined : key, keep);
      const items = users.map((u) => {
        const presence = presenceOf(ctx, u);
        return {
          contact_type: 1,
          id: u.id,
          member_id: memberIdOf(u.id),
          email: u.email,
          first_name: u.profile.first_name,
          last_name: u.profile.last_name,
          display_name: u.profile.display_name,
          dept: u.profile.dept,
          job_title: u.profile.job_title,
          location: u.profile.location,
          ...phones(u),
          im_group_id: u.profile.im_group_ids[0] ?? '',
          user_status: u.status === 'inactive' ? 'inactive' : 'active',
          ...(q.query_presence_status ? { presence_status: SEARCH_PRESENCE.has(presence) ? presence : 'Do_Not_Disturb' } : {}),
        };
      });
      return strip(input.page.respond(more, { contacts: items }, last));
    },
  };
}
