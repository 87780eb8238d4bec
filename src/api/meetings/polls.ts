// Meeting polls: list, create, batch create, get, update, delete — the poll
// operations shared with webinars (src/shared/polls/operations.ts), on meetings.
import type { Context, Input } from '../../core/provider.ts';
import type { PollData } from '../../shared/polls/model.ts';
import { pollOperations } from '../../shared/polls/operations.ts';
import { findMeeting } from './access.ts';

type MeetingPath = { meetingId: string };
type PollPath = MeetingPath & { pollId: string };

export function createPollOperations() {
  const polls = pollOperations({ kind: 'meeting', label: 'Meeting', find: (ctx, raw) => findMeeting(ctx, raw) });
  const at = (p: PollPath) => ({ id: p.meetingId, pollId: p.pollId });
  return {
    async meetingPolls(input: Input<MeetingPath, { anonymous?: boolean }>, ctx: Context) {
      return polls.list({ id: input.path.meetingId }, input.query, ctx);
    },
    async meetingPollCreate(input: Input<MeetingPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      return (await polls.create({ id: input.path.meetingId }, [input.body], ctx))[0];
    },
    async createBatchPolls(input: Input<MeetingPath, Record<string, never>, { polls?: Array<Partial<PollData>> }>, ctx: Context) {
      return { polls: await polls.create({ id: input.path.meetingId }, input.body.polls ?? [], ctx, true) };
    },
    async meetingPollGet(input: Input<PollPath>, ctx: Context) {
      return polls.get(at(input.path), ctx);
    },
    async meetingPollUpdate(input: Input<PollPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      await polls.update(at(input.path), input.body, ctx);
    },
    async meetingPollDelete(input: Input<PollPath>, ctx: Context) {
      await polls.remove(at(input.path), ctx);
    },
  };
}
