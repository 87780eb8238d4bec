// The per-session dashboards, the same for meetings and webinars (src/live
// keeps both kinds alike): the live or past list, one session's detail, its
// participants with their client, network and quality, QoS per participant
// and minute, sharing, post-session feedback. provider.ts serves them for
// meetings, webinars.ts for webinars.
import type { Context, Input } from '../../core/provider.ts';
import { msOf, seconds, spanSeconds, stamp, type InstanceRecord, type ParticipantRecord, type SessionKind } from '../../live/model.ts';
import { pastInstance, PAST_DETAILS_RETENTION_MS } from '../../live/past.ts';
import { feedbackOf, qosRows } from '../../live/quality.ts';
import * as live from '../../live/repository.ts';
import { getUser } from '../users/repository.ts';
import { clockDuration, figures, isBusiness, ReportErrors, reportRange, userTypeLabel } from '../reports/model.ts';
import * as repo from '../reports/repository.ts';
import { participantView, qosView, sharingView } from './model.ts';

export type DashType = 'live' | 'past' | 'pastOne';
type SessionPath = Input<Record<string, string>, { type?: DashType }>;
type ListQuery = { type?: DashType; from?: string; to?: string; group_id?: string };
const ALL_STATES = ['in_meeting', 'in_waiting_room', 'left'] as const;

export function needBusiness(ctx: Context): void {
  if (!isBusiness(ctx.account.plan)) throw ReportErrors.dashboardPlan();
}

export const dashboardRange = (ctx: Context, q: { from?: string; to?: string }) => reportRange(ctx.clock.now(), q.from, q.to, ReportErrors.dashboardMonth);

const notFound = (kind: SessionKind) => (kind === 'webinar' ? ReportErrors.dashboardWebinarNotFound() : ReportErrors.dashboardNotFound());

/** The instance a dashboard path names: the live one (`type=live`, the default) or an ended one; a year at most. */
async function dashboardInstance(ctx: Context, kind: SessionKind, raw: string, type: DashType = 'live'): Promise<InstanceRecord> {
  let i: InstanceRecord | undefined;
  if (type === 'live') {
    i = /^\d{1,19}$/.test(raw) ? await live.liveInstance(ctx.db, ctx.account.id, kind, raw) : await live.getInstance(ctx.db, ctx.account.id, raw);
    if (i && (i.kind !== kind || i.status !== 'live')) i = undefined;
  } else {
    i = await pastInstance(ctx.db, ctx.account.id, kind, raw);
  }
  if (!i) throw notFound(kind);
  if (i.end_time && ctx.clock.now() - msOf(i.end_time) > PAST_DETAILS_RETENTION_MS) throw kind === 'webinar' ? ReportErrors.webinarTooOld() : ReportErrors.meetingTooOld();
  return i;
}

/** A session as the lists and details show it. */
export async function sessionView(ctx: Context, i: InstanceRecord, kinds: Set<string>, hostType?: number) {
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

/**
 * The dashboards of one kind of session. `extra` adds what one kind's list
 * items and details carry besides the shared view (webinars: quality, polls).
 */
export function sessionDashboards(kind: SessionKind, extra: (ctx: Context, i: InstanceRecord) => Promise<Record<string, unknown>> = async () => ({})) {
  const numberKey = `${kind}_number`;
  const idOf = (input: SessionPath) => String(input.path[`${kind}Id`]);
  const instanceOf = (ctx: Context, input: SessionPath) => dashboardInstance(ctx, kind, idOf(input), input.query.type);
  const participantsOf = (ctx: Context, i: InstanceRecord): Promise<ParticipantRecord[]> => live.participantsIn(ctx.db, ctx.account.id, i.uuid, ALL_STATES);
  /** The session, all its participants, the page asked for and the page's QoS minutes. */
  async function participantPage(ctx: Context, input: SessionPath) {
    needBusiness(ctx);
    const i = await instanceOf(ctx, input);
    const all = await participantsOf(ctx, i);
    const slice = all.slice(input.page.offset, input.page.offset + input.page.size);
    return { i, all, slice, qos: await qosRows(ctx.db, ctx.account.id, i.uuid, slice.map((p) => p.id)) };
  }

  return {
    /** Live sessions, or ended ones (`past`; `pastOne`: with one participant), that started in the range. */
    async list(input: Input<Record<string, never>, ListQuery>, ctx: Context) {
      needBusiness(ctx);
      const range = dashboardRange(ctx, input.query);
      const type = input.query.type ?? 'live';
      if (input.query.group_id !== undefined && !(await repo.groupExists(ctx.db, ctx.account.id, input.query.group_id))) throw notFound(kind);
      const which: repo.InstanceFilter = {
        kind,
        from: range.start,
        to: range.end,
        status: type === 'live' ? 'live' : 'ended',
        hosts: input.query.group_id,
        participants: type === 'pastOne' ? { min: 1, max: 1 } : undefined,
      };
      const page = input.page;
      const total = await repo.countInstances(ctx.db, ctx.account.id, which);
      const slice = await repo.instancesPage(ctx.db, ctx.account.id, which, page.size, page.offset);
      const kinds = await repo.intervalKinds(ctx.db, ctx.account.id, slice.map((i) => i.uuid));
      const types = await repo.userTypes(ctx.db, ctx.account.id, [...new Set(slice.map((i) => i.host_id))]);
      const items = [];
      for (const i of slice) items.push({ ...(await sessionView(ctx, i, kinds.get(i.uuid) ?? new Set(), types.get(i.host_id))), ...(await extra(ctx, i)) });
      return page.respond(total, { from: range.from, to: range.to, [`${kind}s`]: items });
    },

    async detail(input: SessionPath, ctx: Context) {
      needBusiness(ctx);
      const i = await instanceOf(ctx, input);
      const kinds = await repo.intervalKinds(ctx.db, ctx.account.id, [i.uuid]);
      return { ...(await sessionView(ctx, i, kinds.get(i.uuid) ?? new Set())), ...(await extra(ctx, i)) };
    },

    async participants(input: SessionPath, ctx: Context) {
      const { i, all, slice, qos } = await participantPage(ctx, input);
      const shares = await live.intervals(ctx.db, ctx.account.id, i.uuid, 'sharing');
      const recorded = (await live.intervals(ctx.db, ctx.account.id, i.uuid, 'recording')).length > 0;
      const participants = slice.map((p) => participantView(i, p, shares, recorded, qos.filter((r) => r.participant_id === p.id)));
      return input.page.respond(all.length, { [numberKey]: i.session_id, participants });
    },

    async participantsQos(input: SessionPath, ctx: Context) {
      const { i, all, slice, qos } = await participantPage(ctx, input);
      return input.page.respond(all.length, { [numberKey]: i.session_id, participants: slice.map((p) => qosView(i, p, qos)) });
    },

    /** One participant's QoS, by participant UUID or in-session user id. */
    async participantQos(input: SessionPath, ctx: Context) {
      needBusiness(ctx);
      const i = await instanceOf(ctx, input);
      const wanted = String(input.path.participantId);
      const p = (await participantsOf(ctx, i)).find((x) => x.id === wanted || x.user_id === wanted);
      if (!p) throw notFound(kind);
      return { ...qosView(i, p, await qosRows(ctx.db, ctx.account.id, i.uuid, [p.id])), [numberKey]: i.session_id };
    },

    async sharing(input: SessionPath, ctx: Context) {
      needBusiness(ctx);
      const i = await instanceOf(ctx, input);
      const shares = await live.intervals(ctx.db, ctx.account.id, i.uuid, 'sharing');
      const sharers = (await participantsOf(ctx, i)).filter((p) => shares.some((s) => s.participant_id === p.id));
      const page = input.page;
      const participants = sharers.slice(page.offset, page.offset + page.size).map((p) => sharingView(p, shares.filter((s) => s.participant_id === p.id), i.end_time));
      return page.respond(sharers.length, { participants });
    },

    /** Post-session feedback of one session's participants. */
    async feedback(input: SessionPath, ctx: Context) {
      needBusiness(ctx);
      const i = await instanceOf(ctx, input);
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
  };
}
