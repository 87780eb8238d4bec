// Meeting polls: list, create, batch create, get, update, delete. The poll
// model and its rules are shared with webinars (src/shared/polls).
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input } from '../../core/provider.ts';
import { checkPoll, isAdvanced, MAX_POLLS, normalizePoll, pollResponse, type PollData, type PollRecord } from '../../shared/polls/model.ts';
import * as prepo from '../../shared/polls/repository.ts';
import { getPath } from '../settings/model.ts';
import { findMeeting, settingsOf } from './access.ts';
import type { MeetingRecord } from './model.ts';

type MeetingPath = { meetingId: string };
type PollPath = MeetingPath & { pollId: string };

const pollsDisabled = () =>
  new ZoomError(400, 4400, 'Meeting polls disabled. To enable this feature, enable the "Meeting Polls/Quizzes" setting in the Zoom web portal\'s "Settings" interface.');
const advancedDisabled = () =>
  new ZoomError(
    400,
    4400,
    'Advanced meeting polls disabled. To enable this feature, enable the "Allow host to create advanced polls and quizzes" setting in the Zoom web portal\'s "Settings" interface.',
  );
const pollNotFound = () => new ZoomError(404, 404, 'Meeting Poll not found.');
const tooMany = () => new ZoomError(400, 4400, `You can only add a maximum of ${MAX_POLLS} polls.`);

/** The host's polling settings decide whether polls, and advanced polls and quizzes, may be made. */
async function pollingAllowed(ctx: Context, m: MeetingRecord): Promise<{ advanced: boolean }> {
  const { settings } = await settingsOf(ctx, m.host_id);
  if (getPath(settings, 'in_meeting.polling') === false || getPath(settings, 'in_meeting.meeting_polling.enable') === false) throw pollsDisabled();
  return { advanced: getPath(settings, 'in_meeting.meeting_polling.advanced_polls') !== false };
}

function checked(body: Partial<PollData>, advanced: boolean, at = ''): PollData {
  const poll = normalizePoll(body);
  const errors = checkPoll(poll, at);
  if (errors.length > 0) throw Errors.validation(errors);
  if (isAdvanced(poll) && !advanced) throw advancedDisabled();
  return poll;
}

export function createPollOperations() {
  async function findPoll(ctx: Context, path: PollPath): Promise<{ m: MeetingRecord; p: PollRecord }> {
    const m = await findMeeting(ctx, path.meetingId);
    const p = await prepo.getPoll(ctx.db, ctx.account.id, 'meeting', m.id, path.pollId);
    if (!p) throw pollNotFound();
    return { m, p };
  }

  function newPoll(ctx: Context, m: MeetingRecord, data: PollData): PollRecord {
    return { id: zoomId(), owner_kind: 'meeting', owner_id: m.id, status: 'notstart', created_at: ctx.clock.iso(), data };
  }

  return {
    async meetingPolls(input: Input<MeetingPath, { anonymous?: boolean }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      let polls = await prepo.listPolls(ctx.db, ctx.account.id, 'meeting', m.id);
      const anonymous = input.query.anonymous;
      if (anonymous !== undefined) polls = polls.filter((p) => p.data.anonymous === (anonymous === true || String(anonymous) === 'true'));
      return { total_records: polls.length, polls: polls.map(pollResponse) };
    },

    async meetingPollCreate(input: Input<MeetingPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const { advanced } = await pollingAllowed(ctx, m);
      const data = checked(input.body, advanced);
      if ((await prepo.countPolls(ctx.db, ctx.account.id, 'meeting', m.id)) >= MAX_POLLS) throw tooMany();
      const p = newPoll(ctx, m, data);
      await prepo.insertPoll(ctx.db, ctx.account.id, p);
      return pollResponse(p);
    },

    async createBatchPolls(input: Input<MeetingPath, Record<string, never>, { polls?: Array<Partial<PollData>> }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const { advanced } = await pollingAllowed(ctx, m);
      const bodies = input.body.polls ?? [];
      if (bodies.length === 0) throw Errors.validation([{ field: 'polls', message: 'Missing field.' }]);
      const polls = bodies.map((b, i) => checked(b, advanced, `polls.${i}.`));
      if ((await prepo.countPolls(ctx.db, ctx.account.id, 'meeting', m.id)) + polls.length > MAX_POLLS) throw tooMany();
      const out: Array<Record<string, unknown>> = [];
      for (const data of polls) {
        const p = newPoll(ctx, m, data);
        await prepo.insertPoll(ctx.db, ctx.account.id, p);
        out.push(pollResponse(p));
      }
      return { polls: out };
    },

    async meetingPollGet(input: Input<PollPath>, ctx: Context) {
      return pollResponse((await findPoll(ctx, input.path)).p);
    },

    async meetingPollUpdate(input: Input<PollPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      const { m, p } = await findPoll(ctx, input.path);
      const { advanced } = await pollingAllowed(ctx, m);
      // PUT replaces the poll; what the body leaves out keeps its value.
      p.data = checked({ ...p.data, ...input.body }, advanced);
      await prepo.updatePoll(ctx.db, ctx.account.id, p);
    },

    async meetingPollDelete(input: Input<PollPath>, ctx: Context) {
      const { p } = await findPoll(ctx, input.path);
      await prepo.deletePoll(ctx.db, ctx.account.id, p.id);
    },
  };
}
