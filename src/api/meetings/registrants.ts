// Meeting registrants: add (one, or a batch of ≤30 for type 2), get, list by
// status and occurrence, status updates (approve, deny, cancel), delete, and
// the registration questions. The registrant model is shared with webinars (src/shared/registrants).
import { Errors, ZoomError } from '../../core/errors.ts';
import { secret, zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import * as model from '../../shared/registrants/model.ts';
import * as rrepo from '../../shared/registrants/repository.ts';
import { firstAvailable } from '../../shared/recurrence/occurrences.ts';
import { findMeeting } from './access.ts';
import { eventMeeting } from './events.ts';
import { occurrences, type MeetingRecord } from './model.ts';
import * as repo from './repository.ts';

type MeetingPath = { meetingId: string };
type RegistrantBody = Record<string, unknown> & { auto_approve?: boolean };

const notEnabled = (m: MeetingRecord) => new ZoomError(400, 300, `Registration has not been enabled for this meeting: ${m.id}.`);
const registrantInvalid = () => new ZoomError(400, 300, 'The value that you entered for the Registrant ID field is invalid. Enter a valid value and try again.');
const capacityReached = () => new ZoomError(400, 3043, 'Meeting has reached maximum attendee capacity.');
const meetingOver = () =>
  new ZoomError(400, 3038, 'Meeting is over, you can not register now. If you have any questions, please contact the Meeting host.');

const registrationOn = (m: MeetingRecord) => m.type !== 1 && m.type !== 3 && m.data.settings.approval_type !== 2;

/** Registration closes when the meeting (every occurrence of a series) is over. */
function checkNotOver(m: MeetingRecord, nowMs: number): void {
  if (m.type === 8) {
    if (!firstAvailable(occurrences(m), nowMs)) throw meetingOver();
  } else if (m.data.start_time && Date.parse(m.data.start_time) + m.data.duration * 60_000 < nowMs) throw meetingOver();
}

/** The occurrences a registration covers: all (registration_type 1), else the ones asked for (one only for type 2), else the next one. */
function registeredOccurrences(m: MeetingRecord, asked: string | undefined, nowMs: number): string[] {
  if (m.type !== 8 || m.data.settings.registration_type === 1) return [];
  const all = occurrences(m).filter((o) => o.status === 'available');
  const ids = (asked ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) {
    const next = firstAvailable(all, nowMs);
    return next ? [next.occurrence_id] : [];
  }
  if (ids.some((id) => !all.some((o) => o.occurrence_id === id))) throw Errors.validation([{ field: 'occurrence_ids', message: 'Invalid parameter: occurrence_ids.' }]);
  if (ids.length > 1 && m.data.settings.registration_type !== 3) {
    throw Errors.validation([{ field: 'occurrence_ids', message: 'Registering for several occurrences needs registration_type 3.' }]);
  }
  return [...new Set(ids)];
}

export function createRegistrantOperations(deps: ProviderDeps) {
  const pwd = (m: MeetingRecord) => (m.data.embed_password ? m.data.encrypted_password : '');
  const joinUrl = (m: MeetingRecord, r: model.RegistrantRecord) => model.registrantJoinUrl(deps.baseUrl, m.id, r, pwd(m));
  const questionsOf = (m: MeetingRecord): model.Questions => m.data.registration ?? model.emptyQuestions();

  /** The event's registrant: who, and for created/approved the personal link and PIN. */
  function eventRegistrant(m: MeetingRecord, r: model.RegistrantRecord, withLink: boolean) {
    const { participant_pin_code, cancelled: _c, language: _l, ...fields } = r.data;
    return {
      id: r.id,
      ...fields,
      ...(withLink ? { join_url: joinUrl(m, r), participant_pin_code } : {}),
    };
  }

  /** Adds one registrant (or answers the one already registered with that email). */
  async function register(ctx: Context, m: MeetingRecord, body: RegistrantBody, occurrenceIds: string[]): Promise<model.RegistrantRecord> {
    const fields = model.fieldsOf(body);
    const errors = model.checkAnswers(questionsOf(m), fields);
    if (errors.length > 0) throw Errors.validation(errors);
    const existing = await rrepo.getRegistrantByEmail(ctx.db, ctx.account.id, 'meeting', m.id, fields.email);
    if (existing) return existing;
    if ((await rrepo.countRegistrants(ctx.db, ctx.account.id, 'meeting', m.id)) >= model.MAX_REGISTRANTS) throw capacityReached();
    // approval_type 0 approves at once; 1 waits for the host unless the API asks to auto-approve.
    const approved = m.data.settings.approval_type === 0 || body.auto_approve === true;
    const r: model.RegistrantRecord = {
      id: zoomId(),
      owner_kind: 'meeting',
      owner_id: m.id,
      email: fields.email.toLowerCase(),
      status: approved ? 'approved' : 'pending',
      // Milliseconds keep the order of registration in lists.
      created_at: ctx.clock.iso(),
      occurrence_ids: occurrenceIds,
      join_token: secret(43),
      data: { ...fields, participant_pin_code: model.pinCode() },
    };
    await rrepo.insertRegistrant(ctx.db, ctx.account.id, r);
    await ctx.emit('meeting.registration_created', {
      object: { ...eventMeeting(m), registrant: { ...eventRegistrant(m, r, true), status: r.status } },
    });
    return r;
  }

  return {
    async meetingRegistrants(input: Input<MeetingPath, { status?: model.RegistrantStatus; occurrence_id?: string }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const filter: rrepo.RegistrantFilter = { status: input.query.status ?? 'approved' };
      if (input.query.occurrence_id) filter.occurrenceId = input.query.occurrence_id;
      const total = await input.page.total(() => rrepo.countRegistrants(ctx.db, ctx.account.id, 'meeting', m.id, filter));
      const { registrants, last } = await rrepo.listRegistrants(ctx.db, ctx.account.id, 'meeting', m.id, filter, input.page);
      return input.page.respond(total, { registrants: registrants.map((r) => model.registrantResponse(r, joinUrl(m, r))) }, last);
    },

    async meetingRegistrantCreate(input: Input<MeetingPath, { occurrence_ids?: string }, RegistrantBody>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      if (!registrationOn(m)) throw notEnabled(m);
      const now = ctx.clock.now();
      checkNotOver(m, now);
      const r = await register(ctx, m, input.body, registeredOccurrences(m, input.query.occurrence_ids, now));
      const occ = occurrences(m).filter((o) => r.occurrence_ids.length === 0 || r.occurrence_ids.includes(o.occurrence_id));
      const start = m.type === 8 ? (firstAvailable(occ, now) ?? occ[0])?.start_time : m.data.start_time;
      return {
        id: Number(m.id),
        join_url: joinUrl(m, r),
        registrant_id: r.id,
        ...(start ? { start_time: start } : {}),
        topic: m.data.topic,
        ...(m.type === 8 ? { occurrences: occ } : {}),
        participant_pin_code: r.data.participant_pin_code,
      };
    },

    async meetingRegistrantGet(input: Input<MeetingPath & { registrantId: string }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const r = await rrepo.getRegistrant(ctx.db, ctx.account.id, 'meeting', m.id, input.path.registrantId);
      if (!r) throw registrantInvalid();
      return model.registrantResponse(r, joinUrl(m, r));
    },

    async addBatchRegistrants(input: Input<MeetingPath, Record<string, never>, { auto_approve?: boolean; registrants?: RegistrantBody[] }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      if (m.type !== 2) {
        throw new ZoomError(400, 303, 'This API can only be used for scheduled meeting(meeting type: 2). Batch registration is not supported for other meeting types.');
      }
      if (!registrationOn(m)) throw new ZoomError(400, 404, `Registration has not been enabled for this meeting: ${m.id}.`);
      checkNotOver(m, ctx.clock.now());
      const entries = input.body.registrants ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'registrants', message: 'Missing field.' }]);
      if (entries.length > model.MAX_BATCH) throw Errors.validation([{ field: 'registrants', message: `At most ${model.MAX_BATCH} registrants per request.` }]);
      const out: Array<Record<string, unknown>> = [];
      for (const entry of entries) {
        const r = await register(ctx, m, { ...entry, auto_approve: input.body.auto_approve === true }, []);
        out.push({ email: r.email, join_url: joinUrl(m, r), registrant_id: r.id, participant_pin_code: r.data.participant_pin_code });
      }
      return { registrants: out };
    },

    async meetingRegistrantStatus(
      input: Input<MeetingPath, { occurrence_id?: string }, { action: 'approve' | 'deny' | 'cancel'; registrants?: Array<{ id?: string; email?: string }> }>,
      ctx: Context,
    ) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const entries = input.body.registrants ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'registrants', message: 'Missing field.' }]);
      if (entries.length > model.MAX_BATCH) throw Errors.validation([{ field: 'registrants', message: `At most ${model.MAX_BATCH} registrants per request.` }]);
      const action = input.body.action;
      const changes: model.RegistrantRecord[] = [];
      for (const e of entries) {
        const r = e.id
          ? await rrepo.getRegistrant(ctx.db, ctx.account.id, 'meeting', m.id, e.id)
          : e.email
            ? await rrepo.getRegistrantByEmail(ctx.db, ctx.account.id, 'meeting', m.id, e.email)
            : undefined;
        if (!r) throw registrantInvalid();
        const next = model.nextStatus(r, action);
        if (next === null) throw Errors.badRequest(`Registrant ${r.id} cannot be ${action === 'approve' ? 'approved' : action === 'deny' ? 'denied' : 'cancelled'}: its status is ${r.status}.`);
        r.status = next;
        if (action === 'cancel') r.data.cancelled = true;
        if (action === 'approve') delete r.data.cancelled;
        changes.push(r);
      }
      const event = action === 'approve' ? 'meeting.registration_approved' : action === 'deny' ? 'meeting.registration_denied' : 'meeting.registration_cancelled';
      for (const r of changes) {
        await rrepo.updateRegistrant(ctx.db, ctx.account.id, r);
        await ctx.emit(event, { object: { ...eventMeeting(m), registrant: eventRegistrant(m, r, action === 'approve') } });
      }
    },

    async meetingregistrantdelete(input: Input<MeetingPath & { registrantId: string }, { occurrence_id?: string }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      if (!registrationOn(m)) throw notEnabled(m);
      const r = await rrepo.getRegistrant(ctx.db, ctx.account.id, 'meeting', m.id, input.path.registrantId);
      if (!r) throw registrantInvalid();
      const occurrenceId = input.query.occurrence_id;
      if (occurrenceId && m.type === 8) {
        const all = occurrences(m).filter((o) => o.status === 'available').map((o) => o.occurrence_id);
        const mine = r.occurrence_ids.length === 0 ? all : r.occurrence_ids;
        if (!mine.includes(occurrenceId)) throw Errors.validation([{ field: 'occurrence_id', message: 'Invalid parameter: occurrence_id.' }]);
        r.occurrence_ids = mine.filter((id) => id !== occurrenceId);
        if (r.occurrence_ids.length > 0) return rrepo.updateRegistrant(ctx.db, ctx.account.id, r);
      }
      await rrepo.deleteRegistrant(ctx.db, ctx.account.id, r.id);
    },

    async meetingRegistrantsQuestionsGet(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      return questionsOf(m);
    },

    async meetingRegistrantQuestionUpdate(input: Input<MeetingPath, Record<string, never>, Partial<model.Questions>>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const errors = model.checkQuestions(input.body);
      if (errors.length > 0) throw Errors.validation(errors);
      const q = questionsOf(m);
      m.data.registration = {
        questions: (input.body.questions ?? q.questions).map((x) => ({ field_name: x.field_name, required: x.required === true })),
        custom_questions: (input.body.custom_questions ?? q.custom_questions).map((c) => ({
          title: c.title,
          type: c.type,
          required: c.required === true,
          ...(c.type !== 'short' ? { answers: c.answers ?? [] } : {}),
        })),
      };
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },
  };
}
