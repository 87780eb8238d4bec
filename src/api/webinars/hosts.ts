// Host rules: what happens to a user's webinars when the user is deleted.
import type { Context } from '../../core/provider.ts';
import type { UserRecord } from '../users/model.ts';
import { endLiveWebinar } from '../../live/webinars.ts';
import { eventWebinar, updatedPayload } from './events.ts';
import * as repo from './repository.ts';

/**
 * Deleting a user deletes the webinars they host (webinar.deleted each), or,
 * with `transfer_webinar` and `transfer_email`, gives them to that user
 * (webinar.updated with the new host_id). Their webinar templates go with them.
 */
export async function removeHostWebinars(ctx: Context, userId: string, transferTo: UserRecord | undefined, baseUrl: string): Promise<void> {
  for (const w of await repo.webinarsOfHost(ctx.db, ctx.account.id, userId)) {
    if (transferTo && transferTo.id !== userId) {
      const after = structuredClone(w);
      after.host_id = transferTo.id;
      delete after.data.assistant_id;
      await repo.saveWebinar(ctx.db, ctx.account.id, after);
      const payload = updatedPayload(w, after, { baseUrl }, ctx.clock.now(), after.type === 9 ? 'all' : undefined);
      if (payload) await ctx.emit('webinar.updated', payload);
    } else {
      await endLiveWebinar(ctx, w);
      w.deleted_at = ctx.clock.iso();
      await repo.saveWebinar(ctx.db, ctx.account.id, w);
      await ctx.emit('webinar.deleted', { operation: 'all', object: eventWebinar(w) });
    }
  }
  await repo.deleteTemplatesOfUser(ctx.db, ctx.account.id, userId);
}
