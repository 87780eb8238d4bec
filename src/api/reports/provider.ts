// Reports (Zoom's Reports category): usage computed from the live tables —
// every ended instance keeps its participants and total minutes (src/live) —
// and the sign-in records of report_activities; cloud recording storage,
// telephone legs and department billing in their own files. Pro plans and up;
// six months of activity; date ranges of a month at most.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { reportedType, seconds, type InstanceRecord } from '../../live/model.ts';
import { getUser } from '../users/repository.ts';
import { createBillingReports } from './billing.ts';
import { createCloudRecordingReport } from './cloud-recording.ts';
import { hostsOf, needPaid } from './gate.ts';
import { instanceDetails, instanceParticipants, instancePolls, instanceQa } from './instances.ts';
import { figures, monthStart, ReportErrors, reportRange, RETENTION_MONTHS } from './model.ts';
import { createTelephoneReport } from './telephone.ts';
import * as repo from './repository.ts';
import { webinarReports } from './webinars.ts';

type RangeQuery = { from?: string; to?: string; group_id?: string };

const nameOf = (u: { first_name: string; last_name: string; email: string }) => `${u.first_name} ${u.last_name}`.trim() || u.email;

export function createReportsProvider(_deps: ProviderDeps): Provider {
  return {
    ...createCloudRecordingReport(),
    ...createTelephoneReport(),
    ...createBillingReports(),
    /** Daily usage of a month: new users, meetings, participants (joins) and meeting minutes per day. */
    async reportDaily(input: Input<Record<string, never>, { year?: number; month?: number; group_id?: string }>, ctx: Context) {
      needPaid(ctx);
      const now = ctx.clock.now();
      const current = new Date(now);
      const year = input.query.year ?? current.getUTCFullYear();
      const month = input.query.month ?? current.getUTCMonth() + 1;
      if (month < 1 || month > 12) throw Errors.validation([{ field: 'month', message: 'Invalid field.' }]);
      const start = Date.UTC(year, month - 1, 1);
      if (start < monthStart(now, RETENTION_MONTHS - 1) || start > monthStart(now)) throw ReportErrors.dailyMonth();
      const end = Date.UTC(year, month, 1);
      const people = await hostsOf(ctx, input.query.group_id);
      const days = new Map<string, { date: string; meeting_minutes: number; meetings: number; new_users: number; participants: number }>();
      for (let d = start; d < end; d += 86_400_000) {
        const date = new Date(d).toISOString().slice(0, 10);
        days.set(date, { date, meeting_minutes: 0, meetings: 0, new_users: 0, participants: 0 });
      }
      for (const u of people) days.get(u.created_at.slice(0, 10)) && days.get(u.created_at.slice(0, 10))!.new_users++;
      const ended = { kind: 'meeting', from: new Date(start).toISOString(), to: new Date(end).toISOString(), status: 'ended', hosts: input.query.group_id ?? true } as const;
      for (const t of await repo.instanceTotals(ctx.db, ctx.account.id, ended, 'day')) {
        const day = days.get(t.key)!;
        day.meetings += t.meetings;
        day.participants += t.participants;
        day.meeting_minutes += t.minutes;
      }
      return { year, month, dates: [...days.values()] };
    },

    /** Active (hosted a meeting in the range) or inactive hosts, with their meetings, participants and minutes. */
    async reportUsers(input: Input<Record<string, never>, RangeQuery & { type?: 'active' | 'inactive' }>, ctx: Context) {
      needPaid(ctx);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const people = await hostsOf(ctx, input.query.group_id);
      const byHost = new Map<string, { meetings: number; participants: number; meeting_minutes: number }>();
      for (const t of await repo.instanceTotals(ctx.db, ctx.account.id, { kind: 'meeting', from: range.start, to: range.end, status: 'ended' }, 'host')) {
        byHost.set(t.key, { meetings: t.meetings, participants: t.participants, meeting_minutes: t.minutes });
      }
      const active = input.query.type !== 'inactive';
      const rows = people
        .filter((u) => byHost.has(u.id) === active)
        .map((u) => ({ id: u.id, email: u.email, user_name: nameOf(u), type: u.type, dept: u.dept, ...(byHost.get(u.id) ?? { meetings: 0, participants: 0, meeting_minutes: 0 }) }));
      const sum = (k: 'meetings' | 'participants' | 'meeting_minutes') => rows.reduce((s, r) => s + r[k], 0);
      const page = input.page;
      return page.respond(rows.length, {
        from: range.from,
        to: range.to,
        total_meetings: sum('meetings'),
        total_participants: sum('participants'),
        total_meeting_minutes: sum('meeting_minutes'),
        users: rows.slice(page.offset, page.offset + page.size),
      });
    },

    /** A user's ended meetings: hosted with 2+ participants (`past`), with one (`pastOne`), or joined (`pastJoined`). */
    async reportMeetings(input: Input<{ userId: string }, RangeQuery & { type?: 'past' | 'pastOne' | 'pastJoined' }>, ctx: Context) {
      needPaid(ctx);
      const userId = ctx.resolveMe(input.path.userId);
      const user = await getUser(ctx.db, ctx.account.id, userId);
      if (!user) throw ReportErrors.userNotFound(input.path.userId);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const type = input.query.type ?? 'past';
      const page = input.page;
      let total: number;
      let slice: InstanceRecord[];
      if (type === 'pastJoined') {
        const found = await repo.joinedBetween(ctx.db, ctx.account.id, 'meeting', user.id, range.start, range.end);
        total = found.length;
        slice = found.slice(page.offset, page.offset + page.size);
      } else {
        const hosted = { kind: 'meeting', from: range.start, to: range.end, status: 'ended', hostId: user.id, participants: type === 'pastOne' ? { min: 1, max: 1 } : { min: 2 } } as const;
        total = await repo.countInstances(ctx.db, ctx.account.id, hosted);
        slice = await repo.instancesPage(ctx.db, ctx.account.id, hosted, page.size, page.offset);
      }
      const kinds = await repo.intervalKinds(ctx.db, ctx.account.id, slice.map((i) => i.uuid));
      const meetings = slice.map((i) => {
        const f = figures(i);
        const has = kinds.get(i.uuid) ?? new Set();
        const joined = 'joined' in i ? (i as unknown as { joined: string; left: string | null }) : undefined;
        return {
          uuid: i.uuid,
          id: Number(i.session_id),
          host_id: i.host_id,
          type: reportedType(i.data.type),
          topic: i.data.topic,
          user_name: i.data.host_name,
          user_email: i.data.host_email,
          start_time: seconds(i.start_time),
          end_time: seconds(i.end_time!),
          duration: f.duration,
          total_minutes: f.minutes,
          participants_count: f.participants,
          source: 'Zoom',
          has_screen_share: has.has('sharing'),
          has_recording: has.has('recording'),
          has_chat: false,
          ...(joined ? { join_time: seconds(joined.joined), ...(joined.left ? { leave_time: seconds(joined.left) } : {}) } : {}),
        };
      });
      return page.respond(total, { from: range.from, to: range.to, meetings });
    },

    reportMeetingDetails: (input: Input<{ meetingId: string }>, ctx: Context) => instanceDetails(ctx, String(input.path.meetingId), 'meeting'),
    reportMeetingParticipants: (input: Input<{ meetingId: string }>, ctx: Context) => instanceParticipants(ctx, String(input.path.meetingId), 'meeting', input.page),
    reportMeetingPolls: (input: Input<{ meetingId: string }>, ctx: Context) => instancePolls(ctx, String(input.path.meetingId), 'meeting'),
    /** Meeting Q&A: the questions asked in a meeting with Q&A on (src/live/qa.ts). */
    reportMeetingQA: (input: Input<{ meetingId: string }>, ctx: Context) => instanceQa(ctx, String(input.path.meetingId), 'meeting'),
    ...webinarReports(),

    /** Sign-in and sign-out records in the range (the last month by default), newest first. */
    async reportSignInSignOutActivities(input: Input<Record<string, never>, RangeQuery>, ctx: Context) {
      needPaid(ctx);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const page = input.page;
      const total = await page.total(() => repo.countActivities(ctx.db, ctx.account.id, range.start, range.end));
      const rows = await repo.listActivities(ctx.db, ctx.account.id, range.start, range.end, page.size, page.offset);
      const activity_logs = rows.map((r) => ({ email: r.email, time: seconds(r.time), type: r.type, ip_address: r.ip_address, client_type: r.client_type, version: r.version }));
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(total, { from: range.from, to: range.to, activity_logs });
      return body;
    },

    /** The admin operations recorded in the range (operation-log.ts), newest first, of one category or all. */
    async reportOperationLogs(input: Input<Record<string, never>, RangeQuery & { category_type?: string }>, ctx: Context) {
      needPaid(ctx);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const category = input.query.category_type;
      const page = input.page;
      const total = await page.total(() => repo.countOperationLogs(ctx.db, ctx.account.id, range.start, range.end, category));
      const rows = await repo.listOperationLogs(ctx.db, ctx.account.id, range.start, range.end, category, page.size, page.offset);
      const operation_logs = rows.map((r) => ({ time: seconds(r.time), operator: r.operator, category_type: r.category_type, action: r.action, operation_detail: r.operation_detail }));
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(total, { from: range.from, to: range.to, operation_logs });
      return body;
    },

    /** Meetings scheduled to start in the range, by start. */
    async reportUpcomingEvents(input: Input<Record<string, never>, RangeQuery & { type?: 'meeting' | 'webinar' | 'all' }>, ctx: Context) {
      needPaid(ctx);
      const range = reportRange(ctx.clock.now(), input.query.from, input.query.to);
      const people = await hostsOf(ctx, input.query.group_id);
      const byId = new Map(people.map((u) => [u.id, u]));
      const rows = input.query.type === 'webinar' ? [] : (await repo.upcomingMeetings(ctx.db, ctx.account.id, range.start, range.end)).filter((m) => byId.has(m.host_id));
      const page = input.page;
      const upcoming_events = rows.slice(page.offset, page.offset + page.size).map((m) => {
        const host = byId.get(m.host_id)!;
        return { id: m.id, start_time: seconds(m.list_start), topic: String((JSON.parse(m.data) as { topic?: string }).topic ?? ''), host_id: m.host_id, host_name: nameOf(host), dept: host.dept };
      });
      const { total_records: _t, page_count: _c, page_number: _n, ...body } = page.respond(rows.length, { from: range.from, to: range.to, upcoming_events });
      return body;
    },
  };
}
