// Host rules: what happens to a user's meetings when the user is deleted.
import type { Context } from '../../core/provider.ts';
import type { UserRecord } from '../users/model.ts';
import { eventMeeting, updatedPayload } from './events.ts';
import * as repo from './repository.ts';

/**
 * Deleting a user deletes the meetings they host (meeting.deleted each), or,
 * with `transfer_meeting` and `transfer_email`, gives them to that user
 * (meeting.updated with the new host_id). Their meeting templates go with them.
 */
export async function removeHostMeetings(ctx: Context, userId: string, transferTo: UserRecord | undefined, baseUrl: string): Promise<void> {
  const now = ctx.clock.iso();
  for (const m of await repo.meetingsOfHost(ctx.db, ctx.account.id, userId)) {
    if (transferTo && transferTo.id !== userId) {
      const after = structuredClone(m);
      after.host_id = transferTo.id;
      delete after.data.assistant_id;
      await repo.updateMeeting(ctx.db, ctx.account.id, after);
      const payload = updatedPayload(m, after, { baseUrl }, ctx.clock.now(), after.type === 8 ? 'all' : undefined);
      if (payload) await ctx.emit('meeting.updated', payload);
    } else {
      m.deleted_at = now;
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
      await ctx.emit('meeting.deleted', { operation: 'all', object: eventMeeting(m) });
    }
  }
  await repo.deleteTemplatesOfUser(ctx.db, ctx.account.id, userId);
}
