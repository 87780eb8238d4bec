// Views and downloads of a recording's files (counted when play_url or
// download_url is used): per day, and one by one.
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { findRecording } from './access.ts';
import { dateRange, stamp, zoomTime } from './model.ts';
import * as repo from './repository.ts';

type RangeQuery = { from?: string; to?: string };

/** The range's days: default the last week, clamped to a month as the list operations are. */
function days(q: RangeQuery, now: number) {
  const range = dateRange(q.from ?? (q.to ? undefined : stamp(now - 6 * 86_400_000).slice(0, 10)), q.to, now);
  return { ...range, fromIso: `${range.from}T00:00:00.000Z`, toIso: `${range.to}T23:59:59.999Z` };
}

export function createAnalyticsProvider(_deps: ProviderDeps): Provider {
  return {
    async analytics_summary(input: Input<{ meetingId: string }, RangeQuery>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const range = days(input.query, ctx.clock.now());
      const counts = await repo.dailyAnalytics(ctx.db, ctx.account.id, r.uuid, range.fromIso, range.toIso);
      const summary = [];
      for (let t = Date.parse(range.fromIso); t <= Date.parse(range.toIso); t += 86_400_000) {
        const day = stamp(t).slice(0, 10);
        const of = (kind: string) => counts.find((c) => c.day === day && c.kind === kind)?.n ?? 0;
        summary.push({ date: day, views_total_count: of('view'), downloads_total_count: of('download') });
      }
      return { from: range.from, to: range.to, analytics_summary: summary };
    },

    async analytics_details(input: Input<{ meetingId: string }, RangeQuery & { type?: 'by_view' | 'by_download' }>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const range = days(input.query, ctx.clock.now());
      const kind = input.query.type === 'by_download' ? 'download' : 'view';
      const total = await input.page.total(() => repo.countAnalytics(ctx.db, ctx.account.id, r.uuid, kind, range.fromIso, range.toIso));
      const { rows, last } = await repo.listAnalytics(ctx.db, ctx.account.id, r.uuid, kind, range.fromIso, range.toIso, input.page);
      const details = rows.map((x) => ({ date_time: zoomTime(x.at), name: x.name, email: x.email, duration: x.duration }));
      return input.page.respond(total, { from: range.from, to: range.to, analytics_details: details }, last);
    },
  };
}
