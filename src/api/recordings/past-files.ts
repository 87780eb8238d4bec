// Deprecated API Endpoints (2021 definitions): List past meeting's / webinar's
// files — the files participants sent in the session's chat. Zoom deletes them
// 24 hours after the session ends; their download_url needs the Authorization
// header of an access token of the account.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { msOf, type SessionKind } from '../../live/model.ts';
import { pastInstance } from '../../live/past.ts';
import * as live from '../../live/repository.ts';

export const IN_MEETING_FILE_RETENTION_MS = 24 * 3600 * 1000;

export const inMeetingHandle = (accountId: string, uuid: string, id: string) => Buffer.from(`${accountId}\n${uuid}\n${id}`).toString('base64url');
export function parseInMeetingHandle(handle: string): { accountId: string; uuid: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{4,400}$/.test(handle)) return null;
  const [accountId, uuid, id, extra] = Buffer.from(handle, 'base64url').toString().split('\n');
  return accountId && uuid && id && extra === undefined ? { accountId, uuid, id } : null;
}

/** A user-level-only token reaches the sessions it hosted (meeting:* or webinar:* scopes). */
function ownOnly(ctx: Context, kind: SessionKind): boolean {
  if (!ctx.actor.userId || ctx.account.id !== ctx.actor.accountId) return false;
  for (const s of ctx.actor.scopes) if (s.startsWith(`${kind}:`) && (s.endsWith(':admin') || s.endsWith(':master'))) return false;
  return true;
}

export function createPastFilesProvider(deps: ProviderDeps): Provider {
  async function files(ctx: Context, kind: SessionKind, raw: unknown) {
    const i = await pastInstance(ctx.db, ctx.account.id, kind, String(raw));
    if (!i) throw new ZoomError(404, 3001, `${kind === 'meeting' ? 'Meeting' : 'Webinar'} ID is invalid or not end.`);
    if (ownOnly(ctx, kind) && i.host_id !== ctx.actor.userId) throw Errors.noPermission();
    if (ctx.clock.now() - msOf(i.end_time!) > IN_MEETING_FILE_RETENTION_MS) return { total_records: 0, in_meeting_files: [] };
    const sent = (await live.intervals(ctx.db, ctx.account.id, i.uuid, 'chat')).filter((c) => typeof c.data.file_name === 'string');
    const in_meeting_files = sent.map((c) => ({
      file_name: String(c.data.file_name),
      download_url: `${deps.baseUrl}/rec/inmeeting/${inMeetingHandle(ctx.account.id, i.uuid, c.id)}`,
      file_size: Buffer.byteLength(String(c.data.text ?? '')),
    }));
    return { total_records: in_meeting_files.length, in_meeting_files };
  }
  return {
    listPastMeetingFiles: (input: Input<{ meetingId: string }>, ctx: Context) => files(ctx, 'meeting', input.path.meetingId),
    listPastWebinarFiles: (input: Input<{ webinarId: string }>, ctx: Context) => files(ctx, 'webinar', input.path.webinarId),
  };
}
