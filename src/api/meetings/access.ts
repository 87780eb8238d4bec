// Meetings: finding a meeting for the caller, and who may host and schedule.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context } from '../../core/provider.ts';
import { getUser, listAssistants } from '../users/repository.ts';
import type { UserRecord } from '../users/model.ts';
import { hostSettings } from '../settings/provider.ts';
import type { MeetingRecord } from './model.ts';
import * as repo from './repository.ts';
import { pmiMeeting } from './pmi.ts';
import type { HostSettings } from './settings.ts';

export const meetingNotFound = (meetingId: string) => new ZoomError(404, 3001, `Meeting does not exist: ${meetingId}.`);

/** Zoom's 3161 (wording of Create a meeting; the other operations word it the other way round). */
export const cannotHost = (create = false) =>
  new ZoomError(
    400,
    3161,
    create
      ? 'Your user account is not allowed meeting hosting and scheduling capabilities.'
      : 'Meeting hosting and scheduling capabilities are not allowed for your user account.',
  );

export const cannotScheduleFor = (who: string) => new ZoomError(400, 3000, `You cannot schedule a meeting for ${who}`);

/**
 * A token whose meeting scopes are all user-level reaches only the caller's
 * own meetings (privilege rule `own: 'resource'`); admin and master scopes reach the account's.
 */
export function ownMeetingsOnly(ctx: Context): boolean {
  if (!ctx.actor.userId || ctx.account.id !== ctx.actor.accountId) return false;
  for (const s of ctx.actor.scopes) if (s.startsWith('meeting:') && (s.endsWith(':admin') || s.endsWith(':master'))) return false;
  return true;
}

/** The path's meeting id as stored (digits); anything else is no meeting of ours. */
export function meetingKey(raw: unknown): string {
  const s = String(raw);
  return /^\d{1,19}$/.test(s) ? s : '';
}

/**
 * The meeting the path names, in this account and not deleted, else 404/3001.
 * A user-level-only token may act on the meetings it hosts or scheduled; others
 * answer 400/200, as the privilege check answers a Member acting on another's things.
 */
export async function findMeeting(ctx: Context, raw: unknown, opts: { withDeleted?: boolean; pmi?: boolean } = {}): Promise<MeetingRecord> {
  const id = meetingKey(raw);
  let m = id === '' ? undefined : await repo.getMeeting(ctx.db, ctx.account.id, id, opts.withDeleted === true);
  // A personal meeting ID reads as the room's type-4 meeting where the operation takes one.
  if (!m && opts.pmi === true && id.length === 10) m = await pmiMeeting(ctx, id);
  if (!m) throw meetingNotFound(String(raw));
  if (ownMeetingsOnly(ctx) && m.host_id !== ctx.actor.userId && m.data.assistant_id !== ctx.actor.userId) throw Errors.noPermission();
  return m;
}

/** Users of type 4 (no meetings) and 99 (none), and deactivated users, cannot host (3161). */
export function checkCanHost(user: UserRecord, create = false): void {
  if (user.type === 4 || user.type === 99 || user.status === 'inactive') throw cannotHost(create);
}

export async function hostOf(ctx: Context, m: MeetingRecord): Promise<UserRecord | undefined> {
  return getUser(ctx.db, ctx.account.id, m.host_id);
}

/** The host's effective settings and what is locked above the host. */
export function settingsOf(ctx: Context, userId: string): Promise<HostSettings> {
  return hostSettings(ctx, userId);
}

/** Whether `scheduler` holds scheduling privilege for `host` (Zoom's assistants / schedulers). */
export async function maySchedule(ctx: Context, scheduler: UserRecord, host: UserRecord): Promise<boolean> {
  if (scheduler.id === host.id) return true;
  return (await listAssistants(ctx.db, ctx.account.id, host.id)).some((r) => r.assistant_id === scheduler.id);
}
