// Archived files (accounts with archiving, a control-plane switch): a copy of
// each recorded session's video, audio and chat kept apart from cloud
// recordings, made when the recording is processed.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { isMember } from '../groups/repository.ts';
import { paidOnly, purgeCutoff } from './access.ts';
import { archiveFileView, recordingSummary, stamp, zoomTime } from './model.ts';
import * as repo from './repository.ts';

const archivingOff = () => new ZoomError(400, 200, 'Archiving is not enabled for this account.');
const DAY_MS = 86_400_000;

interface ArchiveQuery {
  from?: string;
  to?: string;
  query_date_type?: 'meeting_start_time' | 'archive_complete_time';
  group_id?: string;
  group_ids?: string;
}

export function createArchiveProvider(deps: ProviderDeps): Provider {
  return {
    async listArchivedFiles(input: Input<Record<string, string>, ArchiveQuery>, ctx: Context) {
      if (ctx.account.plan === 'free') throw paidOnly();
      if (!(await repo.archivingEnabled(ctx.db, ctx.account.id))) throw archivingOff();
      const now = ctx.clock.now();
      const to = input.query.to ? Date.parse(input.query.to) : now;
      // Default: the day before `to`; a range over seven days is clamped to seven.
      let from = input.query.from ? Date.parse(input.query.from) : to - DAY_MS;
      if (from > to) from = to;
      if (to - from > 7 * DAY_MS) from = to - 7 * DAY_MS;
      const groups = (input.query.group_ids ?? input.query.group_id ?? '').split(',').map((g) => g.trim()).filter(Boolean);
      const byCompletion = input.query.query_date_type === 'archive_complete_time';
      const f: repo.RecordingFilter = { trash: '', purgeBefore: purgeCutoff(ctx), archive: true, ...(byCompletion ? {} : { from: stamp(from), to: stamp(to) }) };
      const total = await input.page.total(() => repo.countRecordings(ctx.db, ctx.account.id, f));
      const { recordings, last } = await repo.listRecordings(ctx.db, ctx.account.id, f, input.page);
      const files = await repo.filesOfMany(ctx.db, ctx.account.id, recordings.map((r) => r.uuid), true);
      const inGroups = async (hostId: string) => {
        for (const g of groups) if (await isMember(ctx.db, ctx.account.id, g, hostId)) return true;
        return groups.length === 0;
      };
      const shown = [];
      for (const r of recordings) if (await inGroups(r.host_id)) shown.push(r);
      const meetings = shown
        .filter((r) => !byCompletion || (r.data.completed_at !== undefined && Date.parse(r.data.completed_at) >= from && Date.parse(r.data.completed_at) <= to))
        .map((r) => {
          const archived = files.get(r.uuid) ?? [];
          return {
            ...recordingSummary(r, archived),
            timezone: r.data.timezone,
            duration_in_second: Math.round(r.data.recorded_ms / 1000),
            meeting_type: 'internal',
            account_name: ctx.account.account_name,
            complete_time: r.data.completed_at ? zoomTime(r.data.completed_at) : '',
            is_breakout_room: false,
            status: 'completed',
            archive_files: archived.map((a) => archiveFileView(deps.baseUrl, a)),
          };
        });
      return input.page.respond(total, { from: zoomTime(stamp(from)), to: zoomTime(stamp(to)), meetings }, last);
    },
  };
}
