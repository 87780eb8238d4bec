// Past webinars: the ended instances of a webinar (src/live keeps them) — the
// instances, participants (one record per stint), absentees, poll results and Q&A.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { pastInstance, pastParticipants } from '../../live/past.ts';
import { pollResults } from '../../live/polls.ts';
import { pastQuestions } from '../../live/qa.ts';
import { seconds, type InstanceRecord } from '../../live/model.ts';
import * as live from '../../live/repository.ts';
import { countRegistrants, listRegistrants } from '../../shared/registrants/repository.ts';
import { registrantJoinUrl, registrantResponse } from '../../shared/registrants/model.ts';
import { ownWebinarsOnly } from './access.ts';
import { registrationOn } from './model.ts';
import * as repo from './repository.ts';

type PastPath = Input<{ webinarId: string }>;

const notFound = (id: string) => new ZoomError(404, 3001, `Webinar does not exist: ${id}.`);

/** The ended instance a path names (a number: the last one), in this account; 404/3001 otherwise. */
async function findPast(ctx: Context, raw: string, missing: (id: string) => ZoomError = notFound): Promise<InstanceRecord> {
  const i = await pastInstance(ctx.db, ctx.account.id, 'webinar', raw);
  if (!i) throw missing(raw);
  if (ownWebinarsOnly(ctx) && i.host_id !== ctx.actor.userId) throw Errors.noPermission();
  return i;
}

export function createPastOperations(deps: ProviderDeps) {
  return {
    async pastWebinars(input: PastPath, ctx: Context) {
      const last = await findPast(ctx, String(input.path.webinarId));
      const all = await live.endedInstances(ctx.db, ctx.account.id, 'webinar', last.session_id);
      return { webinars: all.map((i) => ({ uuid: i.uuid, start_time: seconds(i.start_time) })) };
    },

    async listWebinarParticipants(input: PastPath, ctx: Context) {
      return pastParticipants(ctx.db, await findPast(ctx, input.path.webinarId), input.page);
    },

    async listPastWebinarPollResults(input: PastPath, ctx: Context) {
      const i = await findPast(ctx, input.path.webinarId);
      return { id: Number(i.session_id), uuid: i.uuid, start_time: seconds(i.start_time), questions: await pollResults(ctx.db, i) };
    },

    async listPastWebinarQA(input: PastPath, ctx: Context) {
      const i = await findPast(ctx, input.path.webinarId, () => new ZoomError(404, 3001, 'Webinar ID is invalid or not end.'));
      return { id: Number(i.session_id), uuid: i.uuid, start_time: seconds(i.start_time), questions: await pastQuestions(ctx.db, i) };
    },

    /** Approved registrants (of the instance's occurrence) who never joined it; registration required (3000). */
    async webinarAbsentees(input: Input<{ webinarId: string }, { occurrence_id?: string }>, ctx: Context) {
      const raw = input.path.webinarId;
      const i = await findPast(ctx, raw, (id) => new ZoomError(404, 3001, `Webinar ${id} not found or expired.`));
      const w = await repo.getWebinar(ctx.db, ctx.account.id, i.session_id, true);
      if (!w || !registrationOn(w)) throw new ZoomError(400, 3000, `This webinar doesn't have registration required: ${raw}.`);
      const filter = { status: 'approved' as const, absentFrom: i.uuid, ...(input.query.occurrence_id ? { occurrenceId: input.query.occurrence_id } : {}) };
      const total = await input.page.total(() => countRegistrants(ctx.db, ctx.account.id, 'webinar', w.id, filter));
      const { registrants, last } = await listRegistrants(ctx.db, ctx.account.id, 'webinar', w.id, filter, input.page);
      const pwd = w.data.embed_password ? w.data.encrypted_password : '';
      return input.page.respond(total, { registrants: registrants.map((r) => registrantResponse(r, registrantJoinUrl(deps.baseUrl, w.id, r, pwd))) }, last);
    },
  };
}
