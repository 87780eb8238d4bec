// Phone Reports: the operation log of admin changes made through the Zoom
// Phone API (written by each phone category: src/phone/operation-log.ts).
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { phoneOnly } from '../../phone/groups/service.ts';
import type { Param } from '../../storage/db.ts';
import { dateWindow, windowPage } from '../../phone/calls/lists.ts';

export function createPhoneReportsProvider(_deps: ProviderDeps): Provider {
  return phoneOnly({
    async getPSOperationLogs(input: Input<Record<string, never>, { from?: string; to?: string; category_type?: string }>, ctx: Context) {
      // Zoom: "If unspecified, returns data within the 24 hours."
      const w = dateWindow(ctx, input.query, input.query.from === undefined ? 1 : 0);
      const parts = ['time_ms >= ?', 'time_ms <= ?'];
      const params: Param[] = [w.fromMs, w.toMs];
      const category = input.query.category_type;
      if (category && category.toLowerCase() !== 'all') {
        parts.push('LOWER(category_type) = ?');
        params.push(category.toLowerCase());
      }
      return windowPage(ctx, input.page, { table: 'phone_operation_logs', time: 'time_ms', where: parts.join(' AND '), params }, 'operation_logs', w);
    },
  });
}
