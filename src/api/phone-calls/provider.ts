// The Phone category's operations on what calls leave: call logs (the
// account's and a user's), recordings, voicemails. Calls themselves happen on
// the control plane (src/phone/calls/). Lists are newest first.
import { ZoomError } from '../../core/errors.ts';
import { JsonText } from '../../core/pagination.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { phoneOnly } from '../../phone/groups/service.ts';
import type { Param } from '../../storage/db.ts';
import { dateWindow, recordingsPage, windowPage } from '../../phone/calls/lists.ts';
import * as repo from '../../phone/calls/repository.ts';
import { getUser, getUserByEmail } from '../users/repository.ts';

interface LogQuery {
  from?: string;
  to?: string;
  type?: string;
  time_type?: 'startTime' | 'endTime';
  path?: string;
  site_id?: string;
  phone_number?: string;
  charged_call_logs?: boolean;
}

/** A user of the account named by the path (`me`, id or email). */
async function pathUser(ctx: Context, ref: string) {
  const id = ctx.resolveMe(ref);
  const u = id.includes('@') ? await getUserByEmail(ctx.db, ctx.account.id, id) : await getUser(ctx.db, ctx.account.id, id);
  if (!u) throw new ZoomError(404, 1001, `User does not exist: ${ref}.`);
  return u;
}

function logQuery(ctx: Context, q: LogQuery, userId?: string) {
  const w = dateWindow(ctx, q);
  const time = q.time_type === 'endTime' ? 'end_ms' : 'start_ms';
  const parts = [`${time} >= ?`, `${time} <= ?`];
  const params: Param[] = [w.fromMs, w.toMs];
  if (userId) {
    parts.push("owner_type = 'user' AND user_id = ? AND user_deleted = 0");
    params.push(userId);
  }
  if (q.type === 'missed') parts.push('missed = 1');
  if (q.path) {
    parts.push('path = ?');
    params.push(q.path);
  }
  if (q.site_id) {
    parts.push('site_id = ?');
    params.push(q.site_id);
  }
  if (q.phone_number) {
    parts.push("numbers LIKE ? ESCAPE '\\'");
    params.push(`%${q.phone_number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  // No call here is charged: every simulated call is free.
  if (q.charged_call_logs === true) parts.push('1 = 0');
  return { w, q: { table: 'phone_call_logs' as const, time: time as 'start_ms' | 'end_ms', where: parts.join(' AND '), params } };
}

/** Is `userId` the owner of the voicemail, or a member of the queue or shared line group that owns it? */
async function canReach(ctx: Context, owner: { owner_type: string; owner_id: string }, userId: string): Promise<boolean> {
  if (owner.owner_type === 'user') return owner.owner_id === userId;
  const r = await ctx.db.get('SELECT 1 AS x FROM phone_group_members WHERE account_id = ? AND group_id = ? AND member_id = ?', [ctx.account.id, owner.owner_id, userId]);
  return r !== undefined;
}

const userScopesOnly = (ctx: Context) => ctx.actor.userId !== null && ![...ctx.actor.scopes].some((s) => s.endsWith(':admin'));

export function createPhoneCallsProvider(deps: ProviderDeps): Provider {
  // Pages of the account's call logs, kept until a log of the account is added, changed or removed.
  const logPages = deps.readCache('call_logs', (c) => (c.kind === 'object' && c.object === 'call_logs' ? { accountId: c.accountId } : undefined));
  return phoneOnly({
    async accountCallLogs(input: Input<Record<string, never>, LogQuery>, ctx: Context) {
      const { w, q } = logQuery(ctx, input.query);
      // The window moves with the clock (no dates: the month up to today): it names the page too.
      return logPages.readPage(ctx.account.id, `${input.page.key}\n${w.fromMs}\n${w.toMs}`, ctx.clock.now(), async () => {
        const answer = await windowPage(ctx, input.page, q, 'call_logs', w);
        return answer instanceof JsonText ? answer : new JsonText(JSON.stringify(answer));
      });
    },

    async phoneUserCallLogs(input: Input<{ userId: string }, LogQuery>, ctx: Context) {
      const u = await pathUser(ctx, input.path.userId);
      const { w, q } = logQuery(ctx, input.query, u.id);
      return windowPage(ctx, input.page, q, 'call_logs', w);
    },

    async deleteCallLog(input: Input<{ userId: string; callLogId: string }>, ctx: Context) {
      const u = await pathUser(ctx, input.path.userId);
      const log = await repo.userLog(ctx.db, ctx.account.id, u.id, input.path.callLogId);
      if (!log) throw new ZoomError(404, 404, `Call log information was not found for the following callLogId: ${input.path.callLogId}.`);
      await repo.hideUserLog(ctx.db, ctx.account.id, log.id);
      await ctx.emit('phone.call_log_deleted', { object: { user_id: u.id, call_logs: [{ id: log.id, call_id: log.call_id }] } });
    },

    async getPhoneRecordings(input: Input<Record<string, never>, { from?: string; to?: string; owner_type?: string; recording_type?: string; site_id?: string; query_date_type?: string }>, ctx: Context) {
      const q = input.query;
      return recordingsPage(ctx, input.page, q, { ...(q.owner_type ? { owner_type: q.owner_type } : {}), ...(q.recording_type ? { recording_type: q.recording_type } : {}), ...(q.site_id ? { site_id: q.site_id } : {}) }, 'account');
    },

    async phoneUserRecordings(input: Input<{ userId: string }, { from?: string; to?: string }>, ctx: Context) {
      const u = await pathUser(ctx, input.path.userId);
      return recordingsPage(ctx, input.page, input.query, { owner_id: u.id, owner_type: 'user' }, 'user');
    },

    async phoneUserVoiceMails(input: Input<{ userId: string }, { from?: string; to?: string; status?: string; trash?: boolean }>, ctx: Context) {
      const u = await pathUser(ctx, input.path.userId);
      const w = dateWindow(ctx, input.query);
      // The user's own mailbox and those of the queues and shared line groups it belongs to.
      const parts = [
        'start_ms >= ?',
        'start_ms <= ?',
        "(owner_id = ? OR owner_id IN (SELECT group_id FROM phone_group_members WHERE account_id = ? AND member_id = ?))",
        'trashed = ?',
      ];
      const params: Param[] = [w.fromMs, w.toMs, u.id, ctx.account.id, u.id, input.query.trash === true ? 1 : 0];
      if (input.query.status === 'read' || input.query.status === 'unread') {
        parts.push('status = ?');
        params.push(input.query.status);
      }
      return windowPage(ctx, input.page, { table: 'phone_voicemails', time: 'start_ms', where: parts.join(' AND '), params }, 'voice_mails', w);
    },

    // A first delete moves the voicemail to the trash; deleting it from the trash removes it.
    async deleteVoicemail(input: Input<{ voicemailId: string }>, ctx: Context) {
      const v = await repo.getVoicemail(ctx.db, ctx.account.id, input.path.voicemailId);
      const mine = v && (!userScopesOnly(ctx) || (await canReach(ctx, v, ctx.actor.userId!)));
      if (!v || !mine) throw new ZoomError(404, 404, `Voicemail does not exist: ${input.path.voicemailId}.`);
      if (v.trashed) {
        await repo.deleteVoicemail(ctx.db, ctx.account.id, input.path.voicemailId);
        await ctx.emit('phone.voicemail_permanently_deleted', { object: { voice_mails: [{ id: input.path.voicemailId }] } });
      } else {
        await repo.trashVoicemail(ctx.db, ctx.account.id, input.path.voicemailId);
        await ctx.emit('phone.voicemail_deleted', { object: { voice_mails: [{ id: input.path.voicemailId }] } });
      }
    },
  });
}
