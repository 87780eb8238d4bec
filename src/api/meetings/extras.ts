// A meeting's extras: invitation text, invite links, the closed caption token,
// meeting templates, the survey, and live stream settings (starting and stopping
// the stream is the live side's).
import { DateTime } from 'luxon';
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { addInviteLinks, applySurvey, captionToken, setStream, streamView, surveyView, type InviteAttendee, type SurveyBody } from '../../shared/extras/extras.ts';
import { getPath, type Doc } from '../settings/model.ts';
import { findUser } from '../users/lookup.ts';
import { checkCanHost, findMeeting, hostOf, meetingKey, settingsOf } from './access.ts';
import { joinUrl, occurrences, type LiveStream, type MeetingRecord } from './model.ts';
import * as repo from './repository.ts';

type MeetingPath = { meetingId: string };

/** Zoom: up to 40 meeting templates per user. */
export const MAX_TEMPLATES = 40;

const surveyDisabled = () =>
  new ZoomError(400, 3000, 'Meeting survey disabled. To enable this feature, enable the "Meeting Survey" setting in the Zoom web portal\'s "Settings" interface.');

function invitationText(m: MeetingRecord, hostName: string, url: string): string {
  const when = (iso: string) => DateTime.fromISO(iso, { zone: m.data.timezone }).toFormat("LLL d, yyyy hh:mm a");
  const lines = [`${hostName} is inviting you to a scheduled Zoom meeting.`, '', `Topic: ${m.data.topic}`];
  const occ = occurrences(m).filter((o) => o.status === 'available');
  if (m.type === 8 && occ.length > 0) {
    lines.push(`Time: ${when(occ[0]!.start_time)} ${m.data.timezone}`, `        Every occurrence:`);
    for (const o of occ) lines.push(`        ${when(o.start_time)}`);
  } else if (m.data.start_time && m.type !== 3 && m.type !== 1) lines.push(`Time: ${when(m.data.start_time)} ${m.data.timezone}`);
  else if (m.type === 3) lines.push('Time: This is a recurring meeting Meet anytime');
  lines.push('', 'Join Zoom Meeting', url, '', `Meeting ID: ${m.id.replace(/^(\d{3})(\d{4})(\d+)$/, '$1 $2 $3')}`);
  if (m.data.password !== '') lines.push(`Passcode: ${m.data.password}`);
  return `${lines.join('\r\n')}\r\n`;
}

export function createExtraOperations(deps: ProviderDeps) {
  const urls = { baseUrl: deps.baseUrl };

  async function surveyHost(ctx: Context, m: MeetingRecord): Promise<void> {
    const { settings } = await settingsOf(ctx, m.host_id);
    if (getPath(settings, 'in_meeting.meeting_survey') === false) throw surveyDisabled();
  }

  return {
    async meetingInvitation(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId, { pmi: true });
      const host = await hostOf(ctx, m);
      return { invitation: invitationText(m, host?.profile.display_name || host?.email || 'Zoom', joinUrl(m, urls)), sip_links: [] };
    },

    async meetingInviteLinksCreate(input: Input<MeetingPath, Record<string, never>, { attendees?: InviteAttendee[]; ttl?: number }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const out = addInviteLinks(m.data, input.body.attendees ?? [], input.body.ttl, ctx.clock.now(), joinUrl(m, urls));
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
      return out;
    },

    async meetingToken(input: Input<MeetingPath, { type?: string }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      return captionToken(m.data, m.id, m.host_id, ctx.clock.now(), deps.baseUrl);
    },

    async listMeetingTemplates(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      checkCanHost(user);
      const templates = await repo.listTemplates(ctx.db, ctx.account.id, user.id);
      return { total_records: templates.length, templates: templates.map((t) => ({ id: t.id, name: t.name, type: 1 })) };
    },

    async meetingTemplateCreate(
      input: Input<{ userId: string }, Record<string, never>, { meeting_id?: number; name?: string; save_recurrence?: boolean; overwrite?: boolean }>,
      ctx: Context,
    ) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      checkCanHost(user);
      const id = meetingKey(input.body.meeting_id);
      const m = id === '' ? undefined : await repo.getMeeting(ctx.db, ctx.account.id, id);
      if (!m || m.host_id !== user.id) throw new ZoomError(400, 3001, `Meeting does not exist: ${input.body.meeting_id ?? ''}`);
      const name = (input.body.name ?? '').trim();
      if (name === '') throw Errors.validation([{ field: 'name', message: 'Missing field.' }]);
      const existing = (await repo.listTemplates(ctx.db, ctx.account.id, user.id)).find((t) => t.name === name);
      if (existing && input.body.overwrite !== true) throw new ZoomError(400, 3000, `Meeting template name already exists: ${name}.`);
      if (!existing && (await repo.countTemplates(ctx.db, ctx.account.id, user.id)) >= MAX_TEMPLATES) {
        throw new ZoomError(400, 300, `You can only create up to ${MAX_TEMPLATES} meeting templates.`);
      }
      // What a meeting made from the template starts with: its settings, length and agenda; its recurrence when asked.
      const { alternative_hosts: _alt, meeting_invitees: _inv, ...settings } = m.data.settings;
      const data: Doc = { duration: m.data.duration, agenda: m.data.agenda, settings };
      if (input.body.save_recurrence === true && m.type === 8 && m.data.recurrence) Object.assign(data, { type: 8, recurrence: m.data.recurrence });
      if (existing) await repo.deleteTemplate(ctx.db, ctx.account.id, existing.id);
      const t = { id: existing?.id ?? zoomId(), user_id: user.id, name, created_at: ctx.clock.iso(), data };
      await repo.insertTemplate(ctx.db, ctx.account.id, t);
      return { id: t.id, name: t.name };
    },

    async meetingSurveyGet(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      await surveyHost(ctx, m);
      return surveyView(m.data);
    },

    async meetingSurveyUpdate(input: Input<MeetingPath, Record<string, never>, SurveyBody>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      await surveyHost(ctx, m);
      applySurvey(m.data, input.body);
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },

    async meetingSurveyDelete(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      await surveyHost(ctx, m);
      delete m.data.survey;
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },

    async getMeetingLiveStreamDetails(input: Input<MeetingPath>, ctx: Context) {
      return streamView((await findMeeting(ctx, input.path.meetingId)).data);
    },

    async meetingLiveStreamUpdate(input: Input<MeetingPath, Record<string, never>, LiveStream>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      setStream(m.data, input.body);
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },
  };
}
