// Webinars: finding a webinar for the caller, and who may host one.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context } from '../../core/provider.ts';
import { getUser } from '../users/repository.ts';
import type { UserRecord } from '../users/model.ts';
import { checkCanHost } from '../meetings/access.ts';
import { requireLicence } from './licences.ts';
import type { WebinarRecord } from './model.ts';
import * as repo from './repository.ts';

export const webinarNotFound = (id: string) => new ZoomError(404, 3001, `Webinar does not exist: ${id}.`);

/** A token whose webinar scopes are all user-level reaches only the caller's own webinars. */
export function ownWebinarsOnly(ctx: Context): boolean {
  if (!ctx.actor.userId || ctx.account.id !== ctx.actor.accountId) return false;
  for (const s of ctx.actor.scopes) if (s.startsWith('webinar:') && (s.endsWith(':admin') || s.endsWith(':master'))) return false;
  return true;
}

/** The path's webinar id as stored (digits); anything else names no webinar. */
export const webinarKey = (raw: unknown): string => (/^\d{1,19}$/.test(String(raw)) ? String(raw) : '');

/**
 * The webinar the path names, in this account and not deleted, else 404/3001;
 * a user-level-only token reaches the webinars it hosts (400/200 for others').
 */
export async function findWebinar(ctx: Context, raw: unknown, withDeleted = false): Promise<WebinarRecord> {
  const id = webinarKey(raw);
  const w = id === '' ? undefined : await repo.getWebinar(ctx.db, ctx.account.id, id, withDeleted);
  if (!w) throw webinarNotFound(String(raw));
  if (ownWebinarsOnly(ctx) && w.host_id !== ctx.actor.userId && w.data.assistant_id !== ctx.actor.userId) throw Errors.noPermission();
  return w;
}

export async function hostOf(ctx: Context, w: WebinarRecord): Promise<UserRecord | undefined> {
  return getUser(ctx.db, ctx.account.id, w.host_id);
}

/** A user who may host webinars: can host at all (3161) and holds a webinar licence (200); answers the licence's capacity. */
export function checkWebinarHost(ctx: Context, user: UserRecord, create = false): number {
  checkCanHost(user, create);
  return requireLicence(ctx, user);
}

/** The webinar, for operations that need its host to hold a licence still (plan gating). */
export async function findLicensedWebinar(ctx: Context, raw: unknown): Promise<{ w: WebinarRecord; host: UserRecord; capacity: number }> {
  const w = await findWebinar(ctx, raw);
  const host = await hostOf(ctx, w);
  if (!host) throw webinarNotFound(String(raw));
  return { w, host, capacity: requireLicence(ctx, host) };
}
