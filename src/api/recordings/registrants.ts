// Recording registrants (on-demand recordings): register, list, approve or
// deny, and the registration questions. Registrants belong to the meeting
// number (the path takes one); the shared registrant model keeps them with
// owner kind 'recording'. A registrant's share_url carries its token (`tk`).
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import * as model from '../../shared/registrants/model.ts';
import * as rrepo from '../../shared/registrants/repository.ts';
import { findRecording } from './access.ts';
import { opaqueToken, recordingSummary, shareUrl, zoomTime, type RecordingRecord } from './model.ts';
import * as repo from './repository.ts';

type MeetingPath = { meetingId: string };
type RegistrantBody = Record<string, unknown>;

const registrationOff = () => new ZoomError(400, 300, 'Registration is not required for this recording; turn on on_demand to register viewers.');

export function createRecordingRegistrantsProvider(deps: ProviderDeps): Provider {
  const questionsOf = (r: RecordingRecord): model.Questions => (r.data.questions as model.Questions | undefined) ?? model.emptyQuestions();
  const registrantShareUrl = (r: RecordingRecord, reg: model.RegistrantRecord) => `${shareUrl(deps.baseUrl, r)}?tk=${reg.join_token}`;

  /** recording.registration_* events: the recording, and the registrant (every standard field when created; who, when approved or denied). */
  function eventObject(r: RecordingRecord, reg: model.RegistrantRecord, full = true) {
    const { total_size: _size, recording_count: _count, ...session } = recordingSummary(r, []);
    const f = reg.data;
    if (!full) return { ...session, registrant: { id: reg.id, email: reg.email, first_name: f.first_name, last_name: f.last_name ?? '' } };
    return {
      ...session,
      registrant: {
        id: reg.id,
        email: reg.email,
        status: reg.status,
        first_name: f.first_name,
        last_name: f.last_name ?? '',
        address: f.address ?? '',
        city: f.city ?? '',
        country: f.country ?? '',
        zip: f.zip ?? '',
        state: f.state ?? '',
        phone: f.phone ?? '',
        industry: f.industry ?? '',
        org: f.org ?? '',
        job_title: f.job_title ?? '',
        purchasing_time_frame: f.purchasing_time_frame ?? '',
        role_in_purchase_process: f.role_in_purchase_process ?? '',
        no_of_employees: f.no_of_employees ?? '',
        comments: f.comments ?? '',
        ...(f.custom_questions ? { custom_questions: f.custom_questions } : {}),
      },
    };
  }

  return {
    async meetingRecordingRegistrants(input: Input<MeetingPath, { status?: model.RegistrantStatus }>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const filter: rrepo.RegistrantFilter = { status: input.query.status ?? 'approved' };
      const total = await input.page.total(() => rrepo.countRegistrants(ctx.db, ctx.account.id, 'recording', r.meeting_id, filter));
      const { registrants, last } = await rrepo.listRegistrants(ctx.db, ctx.account.id, 'recording', r.meeting_id, filter, input.page);
      return input.page.respond(
        total,
        {
          registrants: registrants.map((reg) => {
            const { participant_pin_code: _p, cancelled: _c, language: _l, ...fields } = reg.data;
            return { id: reg.id, ...fields, email: reg.email, status: reg.status, create_time: zoomTime(reg.created_at), share_url: registrantShareUrl(r, reg) };
          }),
        },
        last,
      );
    },

    async meetingRecordingRegistrantCreate(input: Input<MeetingPath, Record<string, never>, RegistrantBody>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const settings = r.data.settings;
      if (!settings.on_demand || settings.approval_type === 2) throw registrationOff();
      const fields = model.fieldsOf(input.body);
      const errors = model.checkAnswers(questionsOf(r), fields);
      if (errors.length > 0) throw Errors.validation(errors);
      let reg = await rrepo.getRegistrantByEmail(ctx.db, ctx.account.id, 'recording', r.meeting_id, fields.email);
      if (!reg) {
        if ((await rrepo.countRegistrants(ctx.db, ctx.account.id, 'recording', r.meeting_id)) >= model.MAX_REGISTRANTS) {
          throw new ZoomError(400, 3043, 'Recording has reached maximum attendee capacity.');
        }
        reg = {
          id: zoomId(),
          owner_kind: 'recording',
          owner_id: r.meeting_id,
          email: fields.email,
          // approval_type 0 approves at once; 1 waits for the host.
          status: settings.approval_type === 0 ? 'approved' : 'pending',
          created_at: ctx.clock.iso(),
          occurrence_ids: [],
          join_token: opaqueToken(32),
          data: { ...fields, participant_pin_code: model.pinCode() },
        };
        await rrepo.insertRegistrant(ctx.db, ctx.account.id, reg);
        await ctx.emit('recording.registration_created', { object: eventObject(r, reg) });
      }
      return { id: Number(r.meeting_id), registrant_id: reg.id, share_url: registrantShareUrl(r, reg), topic: r.data.topic };
    },

    async meetingRecordingRegistrantStatus(input: Input<MeetingPath, Record<string, never>, { action: 'approve' | 'deny'; registrants?: Array<{ id?: string }> }>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const entries = input.body.registrants ?? [];
      if (entries.length === 0) throw Errors.validation([{ field: 'registrants', message: 'Missing field.' }]);
      if (entries.length > model.MAX_BATCH) throw Errors.validation([{ field: 'registrants', message: `At most ${model.MAX_BATCH} registrants per request.` }]);
      const action = input.body.action;
      for (const e of entries) {
        const reg = e.id ? await rrepo.getRegistrant(ctx.db, ctx.account.id, 'recording', r.meeting_id, e.id) : undefined;
        if (!reg) throw new ZoomError(404, 3001, `Registrant does not exist: ${e.id ?? ''}.`);
        const next = model.nextStatus(reg, action);
        if (!next) continue;
        const changed = { ...reg, status: next };
        await rrepo.updateRegistrant(ctx.db, ctx.account.id, changed);
        await ctx.emit(action === 'approve' ? 'recording.registration_approved' : 'recording.registration_denied', { object: eventObject(r, changed, false) });
      }
    },

    async recordingRegistrantsQuestionsGet(input: Input<MeetingPath>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      return questionsOf(r);
    },

    async recordingRegistrantQuestionUpdate(input: Input<MeetingPath, Record<string, never>, Partial<model.Questions>>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const errors = model.checkQuestions(input.body);
      if (errors.length > 0) throw Errors.validation(errors);
      const questions = model.updatedQuestions(questionsOf(r), input.body);
      await repo.updateRecording(ctx.db, ctx.account.id, { ...r, data: { ...r.data, questions } });
    },
  };
}
