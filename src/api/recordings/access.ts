// Finding the recording a path names, for the caller.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context } from '../../core/provider.ts';
import { purgedAt, stamp, TRASH_RETENTION_MS, type RecordingRecord } from './model.ts';
import * as repo from './repository.ts';

export const noRecording = () => new ZoomError(404, 3301, 'There is no recording for this meeting.');
/** Cloud recording is a paid feature (wording of Zoom's paid-only answers). */
export const paidOnly = () => new ZoomError(400, 200, 'Only available for paid account.');

/**
 * A token whose recording scopes are all user-level reaches only the
 * recordings the caller hosted (privilege rule `own: 'resource'`).
 */
export function ownRecordingsOnly(ctx: Context): boolean {
  if (!ctx.actor.userId || ctx.account.id !== ctx.actor.accountId) return false;
  for (const s of ctx.actor.scopes) if ((s.startsWith('recording:') || s.startsWith('cloud_recording:')) && (s.endsWith(':admin') || s.endsWith(':master'))) return false;
  return true;
}

export const purgeCutoff = (ctx: Context): string => stamp(ctx.clock.now() - TRASH_RETENTION_MS);

export type TrashRule = 'live' | 'any';

/**
 * The completed recording a path names in this account: a number is the
 * meeting's latest recording, anything else an instance UUID (decoded by the
 * router). Purged ones are gone; `live` also refuses a recording in the trash.
 */
export async function findRecording(ctx: Context, raw: unknown, trash: TrashRule = 'live'): Promise<RecordingRecord> {
  if (ctx.account.plan === 'free') throw paidOnly();
  const id = String(raw);
  const r = /^\d{1,19}$/.test(id) ? await repo.latestRecording(ctx.db, ctx.account.id, id, purgeCutoff(ctx)) : await repo.getRecording(ctx.db, ctx.account.id, id);
  if (!r || r.status !== 'completed' || purgedAt(r.trashed_at, ctx.clock.now())) throw noRecording();
  if (trash === 'live' && r.trashed_at !== null) throw noRecording();
  if (ownRecordingsOnly(ctx) && r.host_id !== ctx.actor.userId) throw Errors.noPermission();
  return r;
}
