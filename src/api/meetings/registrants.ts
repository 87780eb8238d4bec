// Meeting registrants: the registrant operations shared with webinars
// (src/shared/registrants/operations.ts), with the meeting's rules — batch
// registration for scheduled meetings (type 2) only, 4,999 registrants at most,
// Zoom's meeting wording, and the PIN in answers and created/approved events.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type * as model from '../../shared/registrants/model.ts';
import { registrantOperations } from '../../shared/registrants/operations.ts';
import { findMeeting } from './access.ts';
import { eventMeeting } from './events.ts';
import { occurrences, type MeetingRecord } from './model.ts';
import * as repo from './repository.ts';

type MeetingPath = { meetingId: string };
type RegistrantBody = Record<string, unknown> & { auto_approve?: boolean };

export function createRegistrantOperations(deps: ProviderDeps) {
  const ops = registrantOperations<MeetingRecord>(
    {
      kind: 'meeting',
      find: (ctx, raw) => findMeeting(ctx, raw),
      recurring: (m) => m.type === 8,
      batchType: 2,
      occurrences,
      registrationOn: (m) => m.type !== 1 && m.type !== 3 && m.data.settings.approval_type !== 2,
      capacity: async () => MAX_MEETING_REGISTRANTS,
      save: (ctx, m) => repo.updateMeeting(ctx.db, ctx.account.id, m),
      errors: {
        notEnabled: (m, batch) => new ZoomError(400, batch ? 404 : 300, `Registration has not been enabled for this meeting: ${m.id}.`),
        full: () => new ZoomError(400, 3043, 'Meeting has reached maximum attendee capacity.'),
        over: () => new ZoomError(400, 3038, 'Meeting is over, you can not register now. If you have any questions, please contact the Meeting host.'),
        registrantInvalid: () => new ZoomError(400, 300, 'The value that you entered for the Registrant ID field is invalid. Enter a valid value and try again.'),
        batchType: () => new ZoomError(400, 303, 'This API can only be used for scheduled meeting(meeting type: 2). Batch registration is not supported for other meeting types.'),
      },
      eventObject: eventMeeting,
      eventRegistrant(r, event, joinUrl) {
        const { participant_pin_code, cancelled: _c, language: _l, ...fields } = r.data;
        const withLink = event === 'created' || event === 'approved';
        return { id: r.id, ...fields, ...(withLink ? { join_url: joinUrl, participant_pin_code } : {}), ...(event === 'created' ? { status: r.status } : {}) };
      },
      pin: true,
    },
    deps.baseUrl,
  );

  return {
    async meetingRegistrants(input: Input<MeetingPath, { status?: model.RegistrantStatus; occurrence_id?: string }>, ctx: Context) {
      return ops.list(input.path.meetingId, input.query, input.page, ctx);
    },
    async meetingRegistrantCreate(input: Input<MeetingPath, { occurrence_ids?: string }, RegistrantBody>, ctx: Context) {
      return ops.create(input.path.meetingId, input.query.occurrence_ids, input.body, ctx);
    },
    async meetingRegistrantGet(input: Input<MeetingPath & { registrantId: string }>, ctx: Context) {
      return ops.get(input.path.meetingId, input.path.registrantId, ctx);
    },
    async addBatchRegistrants(input: Input<MeetingPath, Record<string, never>, { auto_approve?: boolean; registrants?: RegistrantBody[] }>, ctx: Context) {
      return ops.batch(input.path.meetingId, input.body, ctx);
    },
    async meetingRegistrantStatus(input: Input<MeetingPath, { occurrence_id?: string }, { action: 'approve' | 'deny' | 'cancel'; registrants?: Array<{ id?: string; email?: string }> }>, ctx: Context) {
      await ops.status(input.path.meetingId, input.body, ctx);
    },
    async meetingregistrantdelete(input: Input<MeetingPath & { registrantId: string }, { occurrence_id?: string }>, ctx: Context) {
      await ops.remove(input.path.meetingId, input.path.registrantId, input.query.occurrence_id, ctx);
    },
    async meetingRegistrantsQuestionsGet(input: Input<MeetingPath>, ctx: Context) {
      return ops.questions(input.path.meetingId, ctx);
    },
    async meetingRegistrantQuestionUpdate(input: Input<MeetingPath, Record<string, never>, Partial<model.Questions>>, ctx: Context) {
      await ops.updateQuestions(input.path.meetingId, input.body, ctx);
    },
  };
}

/** Zoom's documented cap on registrants per meeting (3043 past it). */
const MAX_MEETING_REGISTRANTS = 4999;
