// Dashboards (Zoom's Dashboards category) for meetings and webinars: lists of
// live and past sessions, a session's participants with their client, network
// and quality, QoS per participant and minute, sharing, post-session feedback
// (sessions.ts, for both kinds; webinars.ts), client satisfaction and
// versions, quality scores, chat. Business plans and up; six months. Zoom
// Rooms, CRC and phone dashboards are in rooms.ts, crc.ts and phone.ts.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { seconds } from '../../live/model.ts';
import { FEEDBACK_ISSUES } from '../../live/quality.ts';
import { Errors } from '../../core/errors.ts';
import { monthStart, RETENTION_MONTHS } from '../reports/model.ts';
import * as repo from '../reports/repository.ts';
import { dashboardRange, needBusiness, sessionDashboards, type DashType } from './sessions.ts';
import { webinarDashboards } from './webinars.ts';

/** Zoom's four grades, counted. */
const grades = () => ({ good: 0, fair: 0, poor: 0, bad: 0 });

export function createDashboardsProvider(_deps: ProviderDeps): Provider {
  const meetings = sessionDashboards('meeting');
  return {
    dashboardMeetings: meetings.list,
    async dashboardMeetingDetail(input: Input<{ meetingId: string }, { type?: DashType }>, ctx: Context) {
      const { custom_keys: _k, ...view } = await meetings.detail(input, ctx);
      return { ...view, in_room_participants: 0, has_meeting_summary: false };
    },
    dashboardMeetingParticipants: meetings.participants,
    dashboardMeetingParticipantsQOS: meetings.participantsQos,
    dashboardMeetingParticipantQOS: meetings.participantQos,
    dashboardMeetingParticipantShare: meetings.sharing,
    participantFeedback: meetings.feedback,
    ...webinarDashboards(),

    /** Per day (of the meetings' start): good, not good, and participants who gave no feedback. */
    async listMeetingSatisfaction(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const days = new Map<string, { date: string; good_count: number; not_good_count: number; none_count: number; satisfaction_percent: number }>();
      const day = (iso: string) => {
        const date = iso.slice(0, 10);
        return days.get(date) ?? days.set(date, { date, good_count: 0, not_good_count: 0, none_count: 0, satisfaction_percent: 0 }).get(date)!;
      };
      // Joins of ended meetings less the feedback given (in meetings live or ended), per start day.
      const ended = { kind: 'meeting', from: range.start, to: range.end, status: 'ended' } as const;
      for (const t of await repo.instanceTotals(ctx.db, ctx.account.id, ended, 'day')) day(t.key).none_count += t.participants;
      for (const f of await repo.feedbackPerDay(ctx.db, ctx.account.id, range.start, range.end)) {
        const d = day(f.day);
        d.good_count += f.good;
        d.not_good_count += f.given - f.good;
        d.none_count = Math.max(0, d.none_count - f.given);
      }
      const client_satisfaction = [...days.values()]
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((d) => ({ ...d, satisfaction_percent: d.good_count + d.not_good_count === 0 ? 0 : Math.round((d.good_count / (d.good_count + d.not_good_count)) * 10000) / 100 }));
      return { from: range.from, to: range.to, total_records: client_satisfaction.length, client_satisfaction };
    },

    /**
     * Team Chat: what each user sent in the range, in channels (`group_sent`) and to one person
     * (`p2p_sent`). Messages are text (OpenZoom's chat stores no files, audio, video or GIFs).
     */
    async dashboardChat(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const people = new Map((await repo.users(ctx.db, ctx.account.id)).map((u) => [u.id, u]));
      const rows = (await repo.chatSent(ctx.db, ctx.account.id, Date.parse(range.start), Date.parse(range.end))).filter((r) => people.has(r.sender_id));
      const page = input.page;
      const users = rows.slice(page.offset, page.offset + page.size).map((r) => {
        const u = people.get(r.sender_id)!;
        return {
          user_id: u.id,
          user_name: `${u.first_name} ${u.last_name}`.trim() || u.email,
          email: u.email,
          ...r,
          text_sent: r.total_sent,
          audio_sent: 0,
          code_sippet_sent: 0,
          files_sent: 0,
          giphys_sent: 0,
          images_sent: 0,
          video_sent: 0,
        };
      }).map(({ sender_id: _s, ...u }) => u);
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(rows.length, { from: range.from, to: range.to, users });
      return body;
    },

    /**
     * The 2021 IM dashboard: per user, messages sent and received (to one person and in
     * channels). Only text exists in OpenZoom's chat: calls, files, images, voice, video and
     * emoji counts are 0.
     */
    async dashboardIM(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const [fromMs, toMs] = [Date.parse(range.start), Date.parse(range.end)];
      const sent = new Map((await repo.chatSent(ctx.db, ctx.account.id, fromMs, toMs)).map((r) => [r.sender_id, r]));
      const received = new Map((await repo.chatReceived(ctx.db, ctx.account.id, fromMs, toMs)).map((r) => [r.user_id, r]));
      const active = (await repo.users(ctx.db, ctx.account.id)).filter((u) => sent.has(u.id) || received.has(u.id));
      const page = input.page;
      const zero = { calls_send: 0, calls_receive: 0, files_send: 0, files_receive: 0, images_send: 0, images_receive: 0, voice_send: 0, voice_receive: 0, videos_send: 0, videos_receive: 0, emoji_send: 0, emoji_receive: 0 };
      const users = active.slice(page.offset, page.offset + page.size).map((u) => {
        const out = sent.get(u.id);
        const into = received.get(u.id);
        return {
          user_id: u.id,
          user_name: `${u.first_name} ${u.last_name}`.trim() || u.email,
          email: u.email,
          total_send: out?.total_sent ?? 0,
          total_receive: (into?.p2p ?? 0) + (into?.group ?? 0),
          group_send: out?.group_sent ?? 0,
          group_receive: into?.group ?? 0,
          ...zero,
        };
      });
      return page.respond(active.length, { from: range.from, to: range.to, users });
    },

    /** How many participants picked each issue with a thumbs down, in the range (the last month by default). */
    async dashboardClientFeedback(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const counts = new Map<string, number>();
      for (const f of await repo.feedbackIssues(ctx.db, ctx.account.id, range.start, range.end)) for (const id of f.issues.split(',')) counts.set(id, (counts.get(id) ?? 0) + 1);
      const client_feedbacks = [...counts].sort(([a], [b]) => Number(a) - Number(b)).map(([id, n]) => ({ feedback_id: id, feedback_name: FEEDBACK_ISSUES[id]!, participants_count: n }));
      return { from: range.from, to: range.to, total_records: client_feedbacks.length, client_feedbacks };
    },

    /** Who picked one issue, when, in which meeting. */
    async dashboardClientFeedbackDetail(input: Input<{ feedbackId: string }, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const id = String(input.path.feedbackId);
      if (!Object.hasOwn(FEEDBACK_ISSUES, id)) throw Errors.validation([{ field: 'feedbackId', message: 'Invalid field.' }]);
      const range = dashboardRange(ctx, input.query);
      const rows = (await repo.feedbackIssues(ctx.db, ctx.account.id, range.start, range.end)).filter((f) => f.issues.split(',').includes(id));
      const page = input.page;
      const client_feedback_details = rows
        .slice(page.offset, page.offset + page.size)
        .map((f) => ({ participant_name: f.name, email: f.email, meeting_id: f.session_id, time: seconds(f.given_at) }));
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(rows.length, { from: range.from, to: range.to, client_feedback_details });
      return body;
    },

    /** Joins per client version over the last six months. */
    async getClientVersions(_input: Input, ctx: Context) {
      needBusiness(ctx);
      return { client_versions: await repo.clientVersions(ctx.db, ctx.account.id, new Date(monthStart(ctx.clock.now(), RETENTION_MONTHS)).toISOString()) };
    },

    /** Meetings (or participants) graded good/fair/poor/bad for audio, video and screen share, from their QoS minutes. */
    async dashboardQuality(input: Input<Record<string, never>, { from?: string; to?: string; type?: 'meeting' | 'participants' }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      // The grades kept with the QoS totals: per meeting (its participants' minutes together) or per participant.
      const quality = { audio: grades(), video: grades(), screen_share: grades() };
      for (const c of await repo.gradeCounts(ctx.db, ctx.account.id, range.start, range.end, input.query.type === 'participants')) {
        for (const name of ['audio', 'video', 'screen_share'] as const) {
          const g = c[name] as '' | keyof ReturnType<typeof grades>;
          if (g) quality[name][g] += c.n;
        }
      }
      return { from: range.from, to: range.to, quality };
    },
  };
}
