// Update meeting status (PUT /meetings/{meetingId}/status): `recover` brings back a
// meeting deleted within the recovery window; `end` ends the live instance.
import { Errors } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { findMeeting, meetingNotFound } from './access.ts';
import { eventMeeting } from './events.ts';
import type { MeetingRecord } from './model.ts';
import * as repo from './repository.ts';
import { recoverable } from './scheduling.ts';
import { endLiveMeeting } from '../../live/meetings.ts';

/**
 * Ends the meeting's live instance (src/live/, which emits meeting.ended). A
 * meeting that is not in progress answers 204 and nothing changes, as Zoom
 * answers it (zoom/api#28).
 */
export async function endMeeting(ctx: Context, meeting: MeetingRecord): Promise<void> {
  await endLiveMeeting(ctx, meeting);
}

export function createStatusOperations() {
  return {
    async meetingStatus(input: Input<{ meetingId: string }, Record<string, never>, { action?: 'end' | 'recover' }>, ctx: Context) {
      const action = input.body.action;
      if (action === 'recover') {
        const m = await findMeeting(ctx, input.path.meetingId, { withDeleted: true });
        if (m.deleted_at === null) return;
        if (!recoverable(m, ctx.clock.now())) throw meetingNotFound(input.path.meetingId);
        m.deleted_at = null;
        await repo.updateMeeting(ctx.db, ctx.account.id, m);
        await ctx.emit('meeting.recovered', { operation: 'all', object: eventMeeting(m) });
        return;
      }
      if (action === 'end') {
        await endMeeting(ctx, await findMeeting(ctx, input.path.meetingId));
        return;
      }
      throw Errors.validation([{ field: 'action', message: 'Missing field.' }]);
    },
  };
}
