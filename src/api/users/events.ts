// The payloads of the user events (Zoom's catalogue, contract/events/users.json).
// Pure functions: the provider emits them with ctx.emit in the write's transaction.
import type { Context } from '../../core/provider.ts';
import { ROLE_NAMES, type PresenceStatus, type UserRecord } from './model.ts';

/** The user as user.created, user.deleted, user.activated … name it. */
export function userObject(u: UserRecord, withDisplayName = false) {
  return {
    id: u.id,
    first_name: u.profile.first_name,
    last_name: u.profile.last_name,
    ...(withDisplayName ? { display_name: u.profile.display_name } : {}),
    email: u.email,
    type: u.type,
  };
}

/** The fields of user.updated's object, as Zoom names them, read from a record. */
function updatedFields(u: UserRecord): Record<string, unknown> {
  const p = u.profile;
  return {
    first_name: p.first_name,
    last_name: p.last_name,
    display_name: p.display_name,
    email: u.email,
    type: u.type,
    phone_number: p.phone_number,
    phone_country: p.phone_country,
    company: p.company,
    pmi: p.pmi,
    use_pmi: p.use_pmi,
    timezone: p.timezone,
    pic_url: p.pic_url,
    vanity_name: p.vanity_name,
    host_key: p.host_key,
    role: ROLE_NAMES[u.role_id] ?? 'Member',
    dept: p.dept,
    language: p.language,
    custom_attributes: p.custom_attributes.map((a) => ({ key: a.key ?? '', name: a.name ?? '', value: a.value ?? '' })),
    primary_group_id: p.group_ids[0] ?? '',
  };
}

/**
 * user.updated: only the fields that changed, in `object` (new values) and
 * `old_object` (old values), each with the user's id, as Zoom sends it. An
 * update that changed none of the fields Zoom reports emits nothing.
 */
export async function emitUserUpdated(ctx: Context, before: UserRecord, after: UserRecord): Promise<void> {
  const was = updatedFields(before);
  const now = updatedFields(after);
  const changed = Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(was[k]));
  if (changed.length === 0) return;
  const pick = (from: Record<string, unknown>) => Object.fromEntries([['id', after.id], ...changed.map((k) => [k, from[k]])]);
  await ctx.emit('user.updated', { time_stamp: ctx.clock.now(), object: pick(now), old_object: pick(was) });
}

/** The API's presence names where the event's differ (Do_No_Disturb is the API's spelling). */
const EVENT_PRESENCE: Partial<Record<PresenceStatus, string>> = {
  Do_No_Disturb: 'Do_Not_Disturb',
  In_A_Zoom_Meeting: 'In_Meeting',
  On_A_Call: 'On_Phone_Call',
  // The event has no Out_of_Office (src/webhooks/README.md): it reads as Away.
  Out_of_Office: 'Away',
};

export function presenceObject(u: UserRecord, status: PresenceStatus, at: string) {
  return { date_time: at, email: u.email, id: u.id, presence_status: EVENT_PRESENCE[status] ?? status };
}
