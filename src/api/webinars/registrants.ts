// Webinar registrants and polls: the operations shared with meetings
// (src/shared/registrants, src/shared/polls), with the webinar's rules — the
// host's licence, batch registration for type 5 only, registrants up to the
// webinar's restriction or its licence's capacity, the host may not register.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type { PollData } from '../../shared/polls/model.ts';
import { pollOperations } from '../../shared/polls/operations.ts';
import type * as model from '../../shared/registrants/model.ts';
import { registrantOperations } from '../../shared/registrants/operations.ts';
import { findLicensedWebinar } from './access.ts';
import { eventWebinar } from './events.ts';
import { occurrences, registrationOn, type WebinarRecord } from './model.ts';
import * as repo from './repository.ts';
import { hostOf } from './access.ts';
import { webinarCapacity } from './licences.ts';

type WebinarPath = { webinarId: string };
type PollPath = WebinarPath & { pollId: string };
type RegistrantBody = Record<string, unknown> & { auto_approve?: boolean };

/** The most registrants a webinar takes: its own restriction, else its host's licence capacity. */
export async function registrantCapacity(ctx: Context, w: WebinarRecord): Promise<number> {
  const restrict = Number(w.data.settings.registrants_restrict_number ?? 0);
  if (restrict > 0) return restrict;
  const host = await hostOf(ctx, w);
  return host ? webinarCapacity(host) : 0;
}

export const findForHost = async (ctx: Context, raw: string) => (await findLicensedWebinar(ctx, raw)).w;

export function webinarRegistrants(baseUrl: string) {
  return registrantOperations<WebinarRecord>(
    {
      kind: 'webinar',
      find: findForHost,
      recurring: (w) => w.type === 9,
      batchType: 5,
      occurrences,
      registrationOn,
      capacity: registrantCapacity,
      save: (ctx, w) => repo.saveWebinar(ctx.db, ctx.account.id, w),
      errors: {
        notEnabled: (w) => new ZoomError(400, 3000, `Registration has not been enabled for this webinar: ${w.id}.`),
        full: () => new ZoomError(400, 3000, 'You have reached the limit for the number of attendees you can add. Contact Zoom Support for more information.'),
        over: () => new ZoomError(400, 3038, 'Webinar is over, you cannot register now. If you have any questions, contact the webinar host.'),
        registrantInvalid: (id) => new ZoomError(400, 3079, `This registrant does not exist: ${id}.`),
        batchType: () => new ZoomError(400, 300, 'This API can only be used for scheduled webinars (type 5). Batch registration is not supported for other webinar types.'),
      },
      eventObject: eventWebinar,
      eventRegistrant(r, event, joinUrl) {
        const { participant_pin_code: _p, cancelled: _c, language: _l, tracking_source, ...fields } = r.data;
        const who = {
          id: r.id,
          first_name: fields.first_name,
          ...(fields.last_name !== undefined ? { last_name: fields.last_name } : {}),
          email: fields.email,
          ...(tracking_source ? { tracking_source } : {}),
        };
        if (event === 'created') return { id: r.id, ...fields, status: r.status, join_url: joinUrl, ...(tracking_source ? { tracking_source } : {}) };
        return event === 'approved' ? { ...who, join_url: joinUrl } : who;
      },
      pin: false,
      async beforeRegister(ctx, w, fields) {
        const host = await hostOf(ctx, w);
        if (host && host.email.toLowerCase() === fields.email) throw new ZoomError(400, 3027, 'Host cannot register.');
      },
    },
    baseUrl,
  );
}

export function createRegistrantOperations(deps: ProviderDeps) {
  const ops = webinarRegistrants(deps.baseUrl);
  const polls = pollOperations({ kind: 'webinar', label: 'Webinar', find: findForHost });
  const at = (p: PollPath) => ({ id: p.webinarId, pollId: p.pollId });
  return {
    async webinarRegistrants(input: Input<WebinarPath, { status?: model.RegistrantStatus; occurrence_id?: string; tracking_source_id?: string }>, ctx: Context) {
      return ops.list(input.path.webinarId, input.query, input.page, ctx);
    },
    async webinarRegistrantCreate(input: Input<WebinarPath, { occurrence_ids?: string }, RegistrantBody>, ctx: Context) {
      return ops.create(input.path.webinarId, input.query.occurrence_ids, input.body, ctx);
    },
    async webinarRegistrantGet(input: Input<WebinarPath & { registrantId: string }>, ctx: Context) {
      return ops.get(input.path.webinarId, input.path.registrantId, ctx);
    },
    async addBatchWebinarRegistrants(input: Input<WebinarPath, Record<string, never>, { auto_approve?: boolean; registrants?: RegistrantBody[] }>, ctx: Context) {
      return ops.batch(input.path.webinarId, input.body, ctx);
    },
    async webinarRegistrantStatus(input: Input<WebinarPath, { occurrence_id?: string }, { action: 'approve' | 'deny' | 'cancel'; registrants?: Array<{ id?: string; email?: string }> }>, ctx: Context) {
      await ops.status(input.path.webinarId, input.body, ctx);
    },
    async deleteWebinarRegistrant(input: Input<WebinarPath & { registrantId: string }, { occurrence_id?: string }>, ctx: Context) {
      await ops.remove(input.path.webinarId, input.path.registrantId, input.query.occurrence_id, ctx);
    },
    async webinarRegistrantsQuestionsGet(input: Input<WebinarPath>, ctx: Context) {
      return ops.questions(input.path.webinarId, ctx);
    },
    async webinarRegistrantQuestionUpdate(input: Input<WebinarPath, Record<string, never>, Partial<model.Questions>>, ctx: Context) {
      await ops.updateQuestions(input.path.webinarId, input.body, ctx);
    },

    async webinarPolls(input: Input<WebinarPath, { anonymous?: boolean }>, ctx: Context) {
      return polls.list({ id: input.path.webinarId }, input.query, ctx);
    },
    async webinarPollCreate(input: Input<WebinarPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      return (await polls.create({ id: input.path.webinarId }, [input.body], ctx))[0];
    },
    async webinarPollGet(input: Input<PollPath>, ctx: Context) {
      return polls.get(at(input.path), ctx);
    },
    async webinarPollUpdate(input: Input<PollPath, Record<string, never>, Partial<PollData>>, ctx: Context) {
      await polls.update(at(input.path), input.body, ctx);
    },
    async webinarPollDelete(input: Input<PollPath>, ctx: Context) {
      await polls.remove(at(input.path), ctx);
    },
  };
}
