// The phone system's operation log (GET /phone/reports/operationlogs): every
// admin change made through the Zoom Phone API, recorded in the change's own
// transaction by whichever phone category made it. `category_type` and
// `action` use the words of Zoom's report ("Call Queue", "Add").
import type { Context } from '../core/provider.ts';
import { eventId } from '../webhooks/emit.ts';

export async function recordOperation(ctx: Context, categoryType: string, action: string, detail: string): Promise<void> {
  const operator = ctx.actor.userId
    ? await ctx.db.get<{ email: string }>('SELECT email FROM users WHERE account_id = ? AND id = ?', [ctx.account.id, ctx.actor.userId])
    : await ctx.db.get<{ email: string }>('SELECT email FROM users WHERE account_id = ? AND id = ?', [ctx.account.id, ctx.account.data.owner_id ?? '']);
  const now = ctx.clock.now();
  const entry = { time: ctx.clock.iso(now), operator: operator?.email ?? '', category_type: categoryType, action, operation_detail: detail };
  await ctx.db.run('INSERT INTO phone_operation_logs (account_id, id, time_ms, category_type, data) VALUES (?, ?, ?, ?, ?)', [
    ctx.account.id,
    eventId(),
    now,
    categoryType,
    JSON.stringify(entry),
  ]);
}
