// A meeting's extras: invitation text, invite links, the closed caption token,
// meeting templates, the survey, and live stream settings (starting and stopping
// the stream is the live side's).
import { createHmac } from 'node:crypto';
import { DateTime } from 'luxon';
import { Errors, ZoomError } from '../../core/errors.ts';
import { secret, zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { checkPoll, normalizePoll, type PollData } from '../../shared/polls/model.ts';
import { getPath, type Doc } from '../settings/model.ts';
import { findUser } from '../users/lookup.ts';
import { checkCanHost, findMeeting, hostOf, meetingKey, settingsOf } from './access.ts';
import { joinUrl, occurrences, type LiveStream, type MeetingRecord } from './model.ts';
import * as repo from './repository.ts';

type MeetingPath = { meetingId: string };

/** Zoom: up to 40 meeting templates per user. */
export const MAX_TEMPLATES = 40;
/** Invite links live 2 hours unless `ttl` says otherwise (at most 90 days). */
const INVITE_TTL_S = 7200;
/** The closed caption token's life. */
const CC_TOKEN_TTL_S = 24 * 3600;

export interface InviteLink {
  token: string;
  name: string;
  disable_video: boolean;
  disable_audio: boolean;
  expires_at: number;
}

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

    async meetingInviteLinksCreate(
      input: Input<MeetingPath, Record<string, never>, { attendees?: Array<{ name: string; disable_video?: boolean; disable_audio?: boolean }>; ttl?: number }>,
      ctx: Context,
    ) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const attendees = input.body.attendees ?? [];
      if (attendees.length === 0) throw Errors.validation([{ field: 'attendees', message: 'Missing field.' }]);
      const now = ctx.clock.now();
      const ttl = input.body.ttl === undefined || input.body.ttl === 0 ? INVITE_TTL_S : input.body.ttl;
      const links: InviteLink[] = attendees.map((a) => ({
        token: secret(32),
        name: a.name,
        disable_video: a.disable_video === true,
        disable_audio: a.disable_audio === true,
        expires_at: now + ttl * 1000,
      }));
      // Expired links are dropped as new ones are made; the live side checks `tk` against the rest.
      m.data.invite_links = [...(m.data.invite_links ?? []).filter((l) => l.expires_at > now), ...links];
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
      const base = joinUrl(m, urls);
      const sep = base.includes('?') ? '&' : '?';
      return { attendees: links.map((l) => ({ name: l.name, join_url: `${base}${sep}tk=${l.token}&uname=${encodeURIComponent(l.name)}` })) };
    },

    async meetingToken(input: Input<MeetingPath, { type?: string }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      // A closed caption URL signed with the meeting's secret: the live side can check it without stored state.
      const expire = Math.floor(ctx.clock.now() / 1000) + CC_TOKEN_TTL_S;
      const query = `id=${m.id}&ns=${Buffer.from(m.host_id).toString('base64url')}&expire=${expire}`;
      const signature = createHmac('sha256', m.data.start_secret).update(query).digest('base64url');
      return { token: `${deps.baseUrl}/closedcaption?${query}&sparams=id%2Cns%2Cexpire&signature=${signature}` };
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
      const survey = m.data.survey ?? {};
      return { show_in_the_browser: true, ...survey };
    },

    async meetingSurveyUpdate(
      input: Input<MeetingPath, Record<string, never>, { custom_survey?: Doc; show_in_the_browser?: boolean; third_party_survey?: string }>,
      ctx: Context,
    ) {
      const m = await findMeeting(ctx, input.path.meetingId);
      await surveyHost(ctx, m);
      const survey: Doc = { ...(m.data.survey ?? {}) };
      const b = input.body;
      if (b.third_party_survey !== undefined) {
        if (b.third_party_survey !== '' && !/^https:\/\/[^\s]+$/.test(b.third_party_survey)) {
          throw new ZoomError(400, 300, `Invalid third party survey: ${b.third_party_survey}.`);
        }
        survey.third_party_survey = b.third_party_survey;
      }
      if (b.show_in_the_browser !== undefined) survey.show_in_the_browser = b.show_in_the_browser;
      if (b.custom_survey !== undefined) {
        const c = { ...((survey.custom_survey as Doc | undefined) ?? {}), ...b.custom_survey };
        // Survey questions follow the poll question rules (no right answers: an advanced poll).
        const asPoll = normalizePoll({ title: String(c.title ?? ''), poll_type: 2, questions: (c.questions ?? []) as PollData['questions'] });
        const errors = checkPoll(asPoll, 'custom_survey.');
        if (errors.length > 0) throw Errors.validation(errors);
        survey.custom_survey = { ...c, questions: asPoll.questions.map(({ right_answers: _r, case_sensitive: _c, ...q }) => q) };
      }
      m.data.survey = survey;
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },

    async meetingSurveyDelete(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      await surveyHost(ctx, m);
      delete m.data.survey;
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },

    async getMeetingLiveStreamDetails(input: Input<MeetingPath>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const ls = m.data.livestream;
      return { stream_url: ls?.stream_url ?? '', stream_key: ls?.stream_key ?? '', page_url: ls?.page_url ?? '', ...(ls?.resolution ? { resolution: ls.resolution } : {}) };
    },

    async meetingLiveStreamUpdate(input: Input<MeetingPath, Record<string, never>, LiveStream>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId);
      const b = input.body;
      m.data.livestream = { stream_url: b.stream_url, stream_key: b.stream_key, page_url: b.page_url, ...(b.resolution ? { resolution: b.resolution } : {}) };
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
    },
  };
}
