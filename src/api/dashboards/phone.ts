// Zoom Phone dashboards: call logs metrics (one entry per ended call, with each
// end's number, device and network, and the call's MOS), one call's details,
// and its QoS per minute of talk for each end (src/phone/calls/qos.ts).
// Business plans and up, with Zoom Phone.
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { phoneOnly } from '../../phone/groups/service.ts';
import { dateWindow } from '../../phone/calls/lists.ts';
import { talkOf, type CallPlan, type Party } from '../../phone/calls/model.ts';
import { callMos, deviceFields, endQos, mosText, type EndQos } from '../../phone/calls/qos.ts';
import { getCall } from '../../phone/calls/repository.ts';
import { needBusiness } from './sessions.ts';
import * as repo from './repository.ts';

/** Zoom's baseline: a MOS of 3.5 or more is good quality. */
const GOOD_MOS = 3.5;

const callNotFound = (id: string) => new ZoomError(404, 404, `Call does not exist: ${id}.`);
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The end that answered (the dialled user, or the member of the queue who took it), else the end dialled. */
const answering = (plan: CallPlan): Party => (plan.answer ? plan.legs[plan.answer.leg]!.party : plan.callee);

/** Talk time: from the answer to the end of the call (transfers included). */
const talk = (plan: CallPlan) => (plan.answer ? { from: plan.answer.at_ms, to: plan.end_ms } : undefined);

function direction(plan: CallPlan): 'internal' | 'outbound' | 'inbound' {
  if (plan.callee.kind === 'pstn') return 'outbound';
  return plan.caller.kind === 'pstn' ? 'inbound' : 'internal';
}

function endView(p: Party, qos: EndQos | undefined, detail: boolean) {
  return {
    ...deviceFields(qos),
    ...(p.extension_number !== undefined ? { extension_number: String(p.extension_number) } : {}),
    phone_number: p.phone_number,
    ...(p.site_id ? { site_id: p.site_id } : {}),
    ...(detail && p.kind !== 'pstn' ? { id: p.id ?? '', extension_type: p.kind, display_name: p.name } : {}),
  };
}

function callView(plan: CallPlan, detail: boolean) {
  const mos = callMos(plan.qos, plan.answer !== undefined);
  return {
    call_id: plan.id,
    caller: endView(plan.caller, plan.qos?.caller, detail),
    callee: endView(plan.callee, plan.qos?.callee, detail),
    date_time: iso(plan.start_ms),
    direction: direction(plan),
    duration: Math.round((plan.end_ms - plan.start_ms) / 1000),
    mos: mos === undefined ? '' : mosText(mos),
  };
}

/** An ended call of the account. */
async function endedCall(ctx: Context, id: string): Promise<CallPlan> {
  const found = await getCall(ctx.db, ctx.account.id, id);
  if (!found || found.due_ms !== null) throw callNotFound(id);
  return found.plan;
}

export function createPhoneDashboardsProvider(_deps: ProviderDeps): Provider {
  return phoneOnly({
    async listCallLogsMetrics(input: Input<Record<string, never>, { from?: string; to?: string; site_id?: string; quality_type?: string }>, ctx: Context) {
      needBusiness(ctx);
      const q = input.query;
      const quality = q.quality_type ?? 'all';
      if (!['good', 'bad', 'all'].includes(quality)) throw Errors.validation([{ field: 'quality_type', message: 'Invalid field.' }]);
      // Without dates: the past day, as Zoom documents.
      const w = dateWindow(ctx, q, 1);
      const calls = (await repo.endedCalls(ctx.db, ctx.account.id, w.fromMs, w.toMs)).filter((c) => {
        if (q.site_id && c.caller.site_id !== q.site_id && c.callee.site_id !== q.site_id && answering(c).site_id !== q.site_id) return false;
        if (quality === 'all') return true;
        const mos = callMos(c.qos, c.answer !== undefined);
        return mos !== undefined && (quality === 'good') === mos >= GOOD_MOS;
      });
      const page = input.page;
      const call_logs = calls.slice(page.offset, page.offset + page.size).map((c) => callView(c, false));
      const { page_count: _c, page_number: _n, ...body } = page.respond(calls.length, { from: w.from, to: w.to, call_logs });
      return body;
    },

    async getCallLogMetricsDetails(input: Input<{ call_id: string }>, ctx: Context) {
      needBusiness(ctx);
      return callView(await endedCall(ctx, String(input.path.call_id)), true);
    },

    /** Each end's QoS per minute of talk: what it sent, and what it received from the other end. */
    async getCallQoS(input: Input<{ callId: string }>, ctx: Context) {
      needBusiness(ctx);
      const plan = await endedCall(ctx, String(input.path.callId));
      const t = talk(plan);
      // An end's own part of a transferred call is its stretch of the talk.
      const callerTalk = t;
      const calleeTalk = plan.answer ? talkOf(plan, answering(plan)) : undefined;
      return {
        call_id: plan.id,
        caller_qos: endQos(plan.qos?.caller, plan.qos?.callee, callerTalk),
        callee_qos: endQos(plan.qos?.callee, plan.qos?.caller, calleeTalk),
      };
    },
  });
}
