// Dashboards (Zoom's Dashboards category) for meetings: lists of live and past
// meetings, a meeting's participants with their client, network and quality,
// QoS per participant and minute, sharing, post-meeting feedback, client
// satisfaction and versions, quality scores. Business plans and up; six months.
// Zoom Rooms, CRC and phone dashboards are in rooms.ts, crc.ts and phone.ts;
// webinar dashboards answer 501 until the state they read exists.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { msOf, seconds, spanSeconds, stamp, type InstanceRecord, type ParticipantRecord } from '../../live/model.ts';
import { pastInstance, PAST_DETAILS_RETENTION_MS } from '../../live/past.ts';
import { FEEDBACK_ISSUES, feedbackOf, grade, qosRows, type QosTotals } from '../../live/quality.ts';
import { Errors } from '../../core/errors.ts';
import * as live from '../../live/repository.ts';
import { getUser } from '../users/repository.ts';
import { clockDuration, figures, isBusiness, monthStart, ReportErrors, reportRange, RETENTION_MONTHS, userTypeLabel } from '../reports/model.ts';
import * as repo from '../reports/repository.ts';
import { participantView, qosView, sharingView } from './model.ts';

type DashType = 'live' | 'past' | 'pastOne';
type MeetingPath = Input<{ meetingId: string }, { type?: DashType }>;
const ALL_STATES = ['in_meeting', 'in_waiting_room', 'left'] as const;

export function needBusiness(ctx: Context): void {
  if (!isBusiness(ctx.account.plan)) throw ReportErrors.dashboardPlan();
}

/** The instance a dashboard path names: the live one (`type=live`, the default) or an ended one; a year at most. */
async function dashboardInstance(ctx: Context, raw: string, type: DashType = 'live'): Promise<InstanceRecord> {
  let i: InstanceRecord | undefined;
  if (type === 'live') {
    i = /^\d{1,19}$/.test(raw) ? await live.liveInstance(ctx.db, ctx.account.id, 'meeting', raw) : await live.getInstance(ctx.db, ctx.account.id, raw);
    if (i && (i.kind !== 'meeting' || i.status !== 'live')) i = undefined;
  } else {
    i = await pastInstance(ctx.db, ctx.account.id, 'meeting', raw);
  }
  if (!i) throw ReportErrors.dashboardNotFound();
  if (i.end_time && ctx.clock.now() - msOf(i.end_time) > PAST_DETAILS_RETENTION_MS) throw ReportErrors.meetingTooOld();
  return i;
}

export const dashboardRange = (ctx: Context, q: { from?: string; to?: string }) => reportRange(ctx.clock.now(), q.from, q.to, ReportErrors.dashboardMonth);

export async function meetingView(ctx: Context, i: InstanceRecord, kinds: Set<string>, hostType?: number) {
  const type = hostType ?? (await getUser(ctx.db, ctx.account.id, i.host_id))?.type ?? 2;
  const end = i.end_time ?? stamp(ctx.clock.now());
  const participants = i.status === 'ended' ? figures(i).participants : await live.countParticipants(ctx.db, ctx.account.id, i.uuid);
  return {
    uuid: i.uuid,
    id: Number(i.session_id),
    topic: i.data.topic,
    host: i.data.host_name,
    email: i.data.host_email,
    user_type: userTypeLabel(type),
    start_time: seconds(i.start_time),
    ...(i.end_time ? { end_time: seconds(i.end_time) } : {}),
    duration: clockDuration(spanSeconds(i.start_time, end, 0)),
    participants,
    dept: i.data.dept ?? '',
    has_screen_share: kinds.has('sharing'),
    has_recording: kinds.has('recording'),
    custom_keys: [],
  };
}

/** Zoom's four grades, counted. */
const grades = () => ({ good: 0, fair: 0, poor: 0, bad: 0 });

export function createDashboardsProvider(_deps: ProviderDeps): Provider {
  async function participantsOf(ctx: Context, i: InstanceRecord): Promise<ParticipantRecord[]> {
    return live.participantsIn(ctx.db, ctx.account.id, i.uuid, ALL_STATES);
  }

  return {
    async dashboardMeetings(input: Input<Record<string, never>, { type?: DashType; from?: string; to?: string; group_id?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const type = input.query.type ?? 'live';
      let hosts: Set<string> | undefined;
      if (input.query.group_id !== undefined) {
        if (!(await repo.groupExists(ctx.db, ctx.account.id, input.query.group_id))) throw ReportErrors.dashboardNotFound();
        hosts = new Set((await repo.users(ctx.db, ctx.account.id, input.query.group_id)).map((u) => u.id));
      }
      const found = (await repo.instancesBetween(ctx.db, ctx.account.id, 'meeting', range.start, range.end, type === 'live' ? 'live' : 'ended')).filter(
        (i) => (!hosts || hosts.has(i.host_id)) && (type !== 'pastOne' || figures(i).participants === 1),
      );
      const page = input.page;
      const slice = found.slice(page.offset, page.offset + page.size);
      const kinds = await repo.intervalKinds(ctx.db, ctx.account.id, slice.map((i) => i.uuid));
      const types = new Map((await repo.users(ctx.db, ctx.account.id)).map((u) => [u.id, u.type]));
      const meetings = [];
      for (const i of slice) meetings.push(await meetingView(ctx, i, kinds.get(i.uuid) ?? new Set(), types.get(i.host_id)));
      return page.respond(found.length, { from: range.from, to: range.to, meetings });
    },

    async dashboardMeetingDetail(input: MeetingPath, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const kinds = await repo.intervalKinds(ctx.db, ctx.account.id, [i.uuid]);
      const { custom_keys: _k, ...view } = await meetingView(ctx, i, kinds.get(i.uuid) ?? new Set());
      return { ...view, in_room_participants: 0, has_meeting_summary: false };
    },

    async dashboardMeetingParticipants(input: MeetingPath, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const all = await participantsOf(ctx, i);
      const page = input.page;
      const slice = all.slice(page.offset, page.offset + page.size);
      const shares = await live.intervals(ctx.db, ctx.account.id, i.uuid, 'sharing');
      const recorded = (await live.intervals(ctx.db, ctx.account.id, i.uuid, 'recording')).length > 0;
      const qos = await qosRows(ctx.db, ctx.account.id, i.uuid, slice.map((p) => p.id));
      const participants = slice.map((p) => participantView(i, p, shares, recorded, qos.filter((r) => r.participant_id === p.id)));
      return page.respond(all.length, { meeting_number: i.session_id, participants });
    },

    async dashboardMeetingParticipantsQOS(input: MeetingPath, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const all = await participantsOf(ctx, i);
      const page = input.page;
      const slice = all.slice(page.offset, page.offset + page.size);
      const qos = await qosRows(ctx.db, ctx.account.id, i.uuid, slice.map((p) => p.id));
      return page.respond(all.length, { meeting_number: i.session_id, participants: slice.map((p) => qosView(i, p, qos)) });
    },

    async dashboardMeetingParticipantQOS(input: Input<{ meetingId: string; participantId: string }, { type?: 'live' | 'past' }>, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const wanted = String(input.path.participantId);
      const p = (await participantsOf(ctx, i)).find((x) => x.id === wanted || x.user_id === wanted);
      if (!p) throw ReportErrors.dashboardNotFound();
      return { ...qosView(i, p, await qosRows(ctx.db, ctx.account.id, i.uuid, [p.id])), meeting_number: i.session_id };
    },

    async dashboardMeetingParticipantShare(input: MeetingPath, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const shares = await live.intervals(ctx.db, ctx.account.id, i.uuid, 'sharing');
      const sharers = (await participantsOf(ctx, i)).filter((p) => shares.some((s) => s.participant_id === p.id));
      const page = input.page;
      const participants = sharers.slice(page.offset, page.offset + page.size).map((p) => sharingView(p, shares.filter((s) => s.participant_id === p.id), i.end_time));
      return page.respond(sharers.length, { participants });
    },

    /** Post-meeting feedback of one meeting's participants. */
    async participantFeedback(input: MeetingPath, ctx: Context) {
      needBusiness(ctx);
      const i = await dashboardInstance(ctx, String(input.path.meetingId), input.query.type);
      const people = new Map((await participantsOf(ctx, i)).map((p) => [p.id, p]));
      const rows = await feedbackOf(ctx.db, ctx.account.id, i.uuid);
      const page = input.page;
      const participants = rows.slice(page.offset, page.offset + page.size).map((f) => {
        const p = people.get(f.participant_id)!;
        return { user_id: p.user_id, ...(p.email ? { email: p.email } : {}), quality: f.quality, date_time: seconds(f.given_at), ...(f.comment ? { comment: f.comment } : {}) };
      });
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(rows.length, { participants });
      return body;
    },

    /** Per day (of the meetings' start): good, not good, and participants who gave no feedback. */
    async listMeetingSatisfaction(input: Input<Record<string, never>, { from?: string; to?: string }>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const days = new Map<string, { date: string; good_count: number; not_good_count: number; none_count: number; satisfaction_percent: number }>();
      const day = (iso: string) => {
        const date = iso.slice(0, 10);
        return days.get(date) ?? days.set(date, { date, good_count: 0, not_good_count: 0, none_count: 0, satisfaction_percent: 0 }).get(date)!;
      };
      for (const i of await repo.instancesBetween(ctx.db, ctx.account.id, 'meeting', range.start, range.end, 'ended')) day(i.start_time).none_count += figures(i).participants;
      for (const f of await repo.feedbackOfRange(ctx.db, ctx.account.id, range.start, range.end)) {
        const d = day(f.start_time);
        if (f.quality === 'GOOD') d.good_count++;
        else d.not_good_count++;
        d.none_count = Math.max(0, d.none_count - 1);
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
      // Per meeting: its participants' totals summed; per participant: each one's own.
      const byUnit = new Map<string, QosTotals>();
      for (const r of await repo.qosTotalsOfRange(ctx.db, ctx.account.id, range.start, range.end)) {
        const key = input.query.type === 'participants' ? `${r.instance_uuid} ${r.participant_id}` : r.instance_uuid;
        const sum = byUnit.get(key) ?? byUnit.set(key, {}).get(key)!;
        for (const [stream, t] of Object.entries(JSON.parse(r.data) as QosTotals)) {
          const into = (sum[stream as keyof QosTotals] ??= { n: 0, loss: 0, latency: 0 });
          into.n += t.n;
          into.loss += t.loss;
          into.latency += t.latency;
        }
      }
      const quality = { audio: grades(), video: grades(), screen_share: grades() };
      for (const totals of byUnit.values()) {
        for (const [name, stream] of [['audio', 'audio_input'], ['video', 'video_input'], ['screen_share', 'as_input']] as const) {
          const g = grade(totals, stream);
          if (g) quality[name][g]++;
        }
      }
      return { from: range.from, to: range.to, quality };
    },
  };
}
