// GET /report/cloud_recording: the account's cloud recording storage in use at
// the end of each day (Zoom's report charts the cumulative storage per day,
// support.zoom.com KB0064974), with the storage its plans gave that day.
// Computed from the cloud recording files (src/api/recordings) and the plan
// records (src/tenancy/plans.ts).
import type { Context, Input } from '../../core/provider.ts';
import { derive, plansInForce } from '../../tenancy/plans.ts';
import { purgedAt } from '../recordings/model.ts';
import { hostsOf, needPaid } from './gate.ts';
import { reportRange } from './model.ts';
import * as repo from './repository.ts';

const DAY_MS = 86_400_000;
const GB = 1024 ** 3;
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes as Zoom writes storage ("29 MB", "3 TB"): the largest unit of 1024 that leaves at least 1, two decimals at most. */
export function storageText(bytes: number): string {
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  return `${Math.round(n * 100) / 100} ${UNITS[u]}`;
}

/** The storage the plans in force at `at` give: a storage plan's (plan), else what the base plan includes (free). */
function storageAt(ctx: Context, at: string): { plan: number; free: number } {
  const plans = ctx.account.data.plans;
  // An account without plan records: what it allows now, every day.
  const gb = plans ? (derive(plans, {}, at).addons.cloud_recording?.storage_gb ?? 0) : (ctx.account.data.addons?.cloud_recording?.storage_gb ?? 0);
  const bought = plans ? plansInForce(plans, at).some((p) => p.slot === 'recording') : false;
  return bought ? { plan: gb * GB, free: 0 } : { plan: 0, free: gb * GB };
}

export function createCloudRecordingReport() {
  return {
    /**
     * One entry per day from `from` to `to`, up to yesterday (UTC): the bytes of
     * cloud recording files stored by the end of the day — trash included, as
     * it counts against the storage until purged 30 days after — of the hosts
     * of `group_id` when given.
     */
    async reportCloudRecording(input: Input<Record<string, never>, { from?: string; to?: string; group_id?: string }>, ctx: Context) {
      needPaid(ctx);
      const now = ctx.clock.now();
      const range = reportRange(now, input.query.from, input.query.to);
      const hosts = input.query.group_id === undefined ? undefined : new Set((await hostsOf(ctx, input.query.group_id)).map((u) => u.id));
      const last = Math.min(Date.parse(range.end), Date.parse(new Date(now).toISOString().slice(0, 10)));
      const files = (await repo.recordingFilesBefore(ctx.db, ctx.account.id, new Date(last).toISOString())).filter((f) => !hosts || hosts.has(f.host_id));
      const stored = new Map<string, number>();
      const storedAt = (f: (typeof files)[number]) => {
        let at = stored.get(f.uuid);
        if (at === undefined) {
          const completed = (JSON.parse(f.data) as { completed_at?: string }).completed_at;
          at = Date.parse(completed ?? f.ended_at);
          stored.set(f.uuid, at);
        }
        return at;
      };
      const cloud_recording_storage = [];
      for (let day = Date.parse(range.start.slice(0, 10)); day < last; day += DAY_MS) {
        const end = day + DAY_MS;
        const used = files.reduce((n, f) => (storedAt(f) < end && !purgedAt(f.f_trashed, end) && !purgedAt(f.r_trashed, end) ? n + f.file_size : n), 0);
        // The plans as they stood at the day's last second (plan times are whole seconds).
        const storage = storageAt(ctx, ctx.clock.iso(end - 1000));
        cloud_recording_storage.push({ date: new Date(day).toISOString().slice(0, 10), usage: storageText(used), plan_usage: storageText(storage.plan), free_usage: storageText(storage.free) });
      }
      return { from: range.from, to: range.to, cloud_recording_storage };
    },
  };
}
