// Poll operations of a meeting or webinar (list, create, batch create, get,
// update, delete), written once: each category gives its owner — how the path's
// session is found, its kind, and its label for Zoom's messages.
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context } from '../../core/provider.ts';
import { hostSettings } from '../../api/settings/provider.ts';
import { getPath } from '../../api/settings/model.ts';
import { checkPoll, isAdvanced, MAX_POLLS, normalizePoll, pollResponse, type PollData, type PollRecord } from './model.ts';
import * as prepo from './repository.ts';

export interface PollOwner {
  kind: 'meeting' | 'webinar';
  /** "Meeting" or "Webinar", for messages. */
  label: 'Meeting' | 'Webinar';
  /** The session the path names (its checks included), by the path's id. */
  find(ctx: Context, raw: string): Promise<{ id: string; host_id: string }>;
}

type OwnerPath = { id: string };
type PollPath = OwnerPath & { pollId: string };

export function pollOperations(owner: PollOwner) {
  const { kind, label } = owner;
  const disabled = () =>
    new ZoomError(400, 4400, `${label} polls disabled. To enable this feature, enable the "${label} Polls/Quizzes" setting in the Zoom web portal's "Settings" interface.`);
  const advancedDisabled = () =>
    new ZoomError(
      400,
      4400,
      `Advanced ${label.toLowerCase()} polls disabled. To enable this feature, enable the "Allow host to create advanced polls and quizzes" setting in the Zoom web portal's "Settings" interface.`,
    );
  const notFound = () => new ZoomError(404, 404, `${label} Poll not found.`);
  const tooMany = () => new ZoomError(400, 4400, `You can only add a maximum of ${MAX_POLLS} polls.`);

  /** The host's polling settings decide whether polls, and advanced polls and quizzes, may be made. */
  async function allowed(ctx: Context, hostId: string): Promise<{ advanced: boolean }> {
    const { settings } = await hostSettings(ctx, hostId);
    if (getPath(settings, 'in_meeting.polling') === false || getPath(settings, 'in_meeting.meeting_polling.enable') === false) throw disabled();
    return { advanced: getPath(settings, 'in_meeting.meeting_polling.advanced_polls') !== false };
  }

  function checked(body: Partial<PollData>, advanced: boolean, at = ''): PollData {
    const poll = normalizePoll(body);
    const errors = checkPoll(poll, at);
    if (errors.length > 0) throw Errors.validation(errors);
    if (isAdvanced(poll) && !advanced) throw advancedDisabled();
    return poll;
  }

  async function findPoll(ctx: Context, path: PollPath): Promise<{ o: { id: string; host_id: string }; p: PollRecord }> {
    const o = await owner.find(ctx, path.id);
    const p = await prepo.getPoll(ctx.db, ctx.account.id, kind, o.id, path.pollId);
    if (!p) throw notFound();
    return { o, p };
  }

  async function insert(ctx: Context, ownerId: string, data: PollData): Promise<Record<string, unknown>> {
    const p: PollRecord = { id: zoomId(), owner_kind: kind, owner_id: ownerId, status: 'notstart', created_at: ctx.clock.iso(), data };
    await prepo.insertPoll(ctx.db, ctx.account.id, p);
    return pollResponse(p);
  }

  return {
    async list(path: OwnerPath, query: { anonymous?: boolean }, ctx: Context) {
      const o = await owner.find(ctx, path.id);
      let polls = await prepo.listPolls(ctx.db, ctx.account.id, kind, o.id);
      if (query.anonymous !== undefined) polls = polls.filter((p) => p.data.anonymous === (String(query.anonymous) === 'true'));
      return { total_records: polls.length, polls: polls.map(pollResponse) };
    },

    async create(path: OwnerPath, bodies: Array<Partial<PollData>>, ctx: Context, batch = false) {
      const o = await owner.find(ctx, path.id);
      const { advanced } = await allowed(ctx, o.host_id);
      if (bodies.length === 0) throw Errors.validation([{ field: 'polls', message: 'Missing field.' }]);
      const polls = bodies.map((b, i) => checked(b, advanced, batch ? `polls.${i}.` : ''));
      if ((await prepo.countPolls(ctx.db, ctx.account.id, kind, o.id)) + polls.length > MAX_POLLS) throw tooMany();
      const out: Array<Record<string, unknown>> = [];
      for (const data of polls) out.push(await insert(ctx, o.id, data));
      return out;
    },

    async get(path: PollPath, ctx: Context) {
      return pollResponse((await findPoll(ctx, path)).p);
    },

    async update(path: PollPath, body: Partial<PollData>, ctx: Context) {
      const { o, p } = await findPoll(ctx, path);
      const { advanced } = await allowed(ctx, o.host_id);
      // PUT replaces the poll; what the body leaves out keeps its value.
      p.data = checked({ ...p.data, ...body }, advanced);
      await prepo.updatePoll(ctx.db, ctx.account.id, p);
    },

    async remove(path: PollPath, ctx: Context) {
      const { p } = await findPoll(ctx, path);
      await prepo.deletePoll(ctx.db, ctx.account.id, p.id);
    },
  };
}

