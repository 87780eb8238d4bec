// Calls that happen: placing one (who rings, when, how it ends) and walking
// its plan as the server clock passes each step, emitting Zoom's phone.*
// events at the step's time and, at the end, writing its call logs, its
// recording and its voicemail. Each call moves in the transaction of whoever
// moves it (the control plane, the sweep); the plan says which steps are done,
// so a second run of a transaction emits nothing twice.
import { randomInt } from 'node:crypto';
import { ZoomError } from '../../core/errors.ts';
import type { Queryable } from '../../storage/db.ts';
import { emitEvent, type EventSource } from '../../webhooks/emit.ts';
import { findGroup, members as groupMembers, noteCall } from '../groups/repository.ts';
import { withinHours, type PhoneGroup, type RouteTarget } from '../groups/model.ts';
import { recordsCalls } from '../model.ts';
import * as phone from '../repository.ts';
import { ringOrder, ringLegs, stepsOf, eventParty, ANSWER_AFTER, DEFAULT_DURATION, GREETING, USER_RING, type CallPlan, type Leg, type Outcome, type Party, type Step } from './model.ts';
import { partyOfExtension, resolveParty } from './parties.ts';
import { finish } from './results.ts';
import type { CallQos } from './qos.ts';
import * as repo from './repository.ts';

export interface PlaceCall {
  from: string;
  to: string;
  outcome: Outcome;
  duration_seconds?: number;
  record?: boolean;
  hold_seconds?: number;
  /** Whoever answers blind-transfers the call here after `duration_seconds`. */
  transfer_to?: string;
  /** Talk time after the transfer. */
  transfer_duration_seconds?: number;
  /** Each end's device and network (src/phone/calls/qos.ts). */
  qos?: CallQos;
}

export interface CallTx {
  db: Queryable;
  accountId: string;
  now: number;
  baseUrl: string;
}

/** Zoom's call ids: 19 digits. */
const callId = () => `7${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
const bad = (message: string) => new ZoomError(400, 300, message);

async function memberParties(t: CallTx, g: PhoneGroup): Promise<Party[]> {
  const order = ringOrder(await groupMembers(t.db, t.accountId, g.id), g.data.distribution ?? 'simultaneous', g.data.last_member);
  const out: Party[] = [];
  for (const m of order) {
    const ext = await phone.getExtensionOf(t.db, t.accountId, 'user', m.member_id);
    if (ext) out.push(await partyOfExtension(t.db, t.accountId, ext));
  }
  return out;
}

/** Where an auto receptionist sends a call now: its business-hours target or its closed-hours one. */
async function routeOf(t: CallTx, ar: PhoneGroup, at: number): Promise<Party | 'voicemail'> {
  const open = ar.data.business_hours ? withinHours(ar.data.business_hours, ar.data.timezone, at) : true;
  const target: RouteTarget = (open ? ar.data.business_target : ar.data.closed_target) ?? { type: 'voicemail' };
  if (target.type === 'voicemail' || !target.id) return 'voicemail';
  const ext = await phone.getExtensionOf(t.db, t.accountId, target.type, target.id);
  return ext ? partyOfExtension(t.db, t.accountId, ext) : 'voicemail';
}

/** The group behind a party, with Zoom's defaults for a site's main auto receptionist not yet changed. */
async function groupOf(t: CallTx, p: Party): Promise<PhoneGroup | undefined> {
  if (!p.id || p.kind === 'user' || p.kind === 'pstn') return undefined;
  return findGroup(t.db, t.accountId, p.id);
}

export async function placeCall(t: CallTx, body: PlaceCall): Promise<CallPlan> {
  const caller = await resolveParty(t.db, t.accountId, body.from);
  const callee = await resolveParty(t.db, t.accountId, body.to);
  if (caller.kind !== 'user' && caller.kind !== 'pstn') throw bad('A call is placed by a phone user or an outside number.');
  if (caller.kind === 'pstn' && callee.kind === 'pstn') throw bad('One end of the call must be in the account.');
  if (caller.kind === callee.kind && caller.id === callee.id && caller.phone_number === callee.phone_number) throw bad('A phone cannot call itself.');
  const duration = body.duration_seconds ?? DEFAULT_DURATION;
  const hold = body.hold_seconds ?? 0;
  if (hold > 0 && (body.outcome !== 'answered' || hold >= duration)) throw bad('hold_seconds needs an answered call longer than the hold.');
  if (body.transfer_to !== undefined && body.outcome !== 'answered') throw bad('transfer_to needs an answered call.');
  const start = t.now;

  // Who rings: the dialled party, what an auto receptionist routes to, or a group's members.
  let routeStart = start;
  let target: Party | 'voicemail' = callee;
  let routedTo: Party | undefined;
  if (callee.kind === 'autoReceptionist') {
    routeStart = start + GREETING * 1000;
    const ar = await groupOf(t, callee);
    target = ar ? await routeOf(t, ar, start) : 'voicemail';
    if (target !== 'voicemail') routedTo = target;
  }
  let targets: Party[] = [];
  let together = true;
  let ring = USER_RING;
  let mailbox: Party | undefined = target === 'voicemail' ? callee : target;
  // A queue set to record records every call it takes.
  let groupRecords = false;
  if (target !== 'voicemail') {
    if (target.kind === 'user' || target.kind === 'pstn') targets = [target];
    else {
      const g = await groupOf(t, target);
      targets = g ? await memberParties(t, g) : [];
      if (g?.kind === 'callQueue') {
        together = (g.data.distribution ?? 'simultaneous') === 'simultaneous';
        ring = g.data.ring_seconds ?? 30;
        groupRecords = g.data.record === true;
      }
    }
  }
  if (mailbox?.kind === 'pstn') mailbox = undefined;
  let outcome: Outcome = body.outcome;
  // Nobody to ring: the call goes to the mailbox when the caller leaves a message (or would have been answered), else it is missed.
  if (targets.length === 0) outcome = outcome === 'voicemail' || outcome === 'answered' ? 'voicemail' : 'missed';
  if (outcome === 'voicemail' && !mailbox) throw bad('A voicemail is left only in a mailbox of the account.');

  const { legs, until, answer } = ringLegs(targets, together, ring, outcome, routeStart);
  const plan: CallPlan = { id: callId(), caller, callee, outcome, start_ms: start, legs, record: false, end_ms: until, done: 0, ...(routedTo ? { routed_to: routedTo } : {}), ...(body.qos ? { qos: body.qos } : {}) };
  if (answer) {
    plan.answer = answer;
    plan.end_ms = answer.at_ms + duration * 1000;
    if (hold > 0) {
      const from = answer.at_ms + Math.floor((duration - hold) / 2) * 1000;
      plan.hold = { from_ms: from, to_ms: from + hold * 1000 };
    }
    const answerer = legs[answer.leg]!.party;
    plan.record = body.record ?? (groupRecords || (await policyRecords(t, caller, answerer)));
    if (body.transfer_to !== undefined) {
      const to = await resolveParty(t.db, t.accountId, body.transfer_to);
      if (to.kind !== 'user' && to.kind !== 'pstn') throw bad('A call is transferred to a phone user or a number.');
      if (to.kind === answerer.kind && to.id === answerer.id) throw bad('A call cannot be transferred to whoever holds it.');
      const at = plan.end_ms;
      plan.legs.push({ party: to, ring_ms: at, stop_ms: at + ANSWER_AFTER * 1000, result: 'answered' });
      plan.transfer = { leg: plan.legs.length - 1, at_ms: at };
      plan.end_ms = at + ANSWER_AFTER * 1000 + (body.transfer_duration_seconds ?? DEFAULT_DURATION) * 1000;
    }
  } else if (outcome === 'voicemail') {
    plan.voicemail = { owner: mailbox!, from_ms: until, duration };
    plan.end_ms = until + duration * 1000;
  }
  const due = await settle(t, plan);
  await repo.insertCall(t.db, t.accountId, plan, due);
  return plan;
}

/** Automatic recording as the users' phone policies ask (inbound for the answerer, outbound for the caller). */
async function policyRecords(t: CallTx, caller: Party, answerer: Party): Promise<boolean> {
  for (const [p, direction] of [[answerer, 'inbound'], [caller, 'outbound']] as const) {
    if (p.kind !== 'user' || !p.id) continue;
    const u = await phone.getPhoneUser(t.db, t.accountId, p.id);
    if (u && recordsCalls(u.policy, direction)) return true;
  }
  return false;
}

/** Emits the plan's steps due by `t.now`; answers the time of the next one (null once the call is over). */
export async function settle(t: CallTx, plan: CallPlan): Promise<number | null> {
  const steps = stepsOf(plan);
  while (plan.done < steps.length && steps[plan.done]!.at <= t.now) {
    await emitStep(t, plan, steps[plan.done]!);
    plan.done++;
  }
  return steps[plan.done]?.at ?? null;
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function forwardedBy(plan: CallPlan) {
  const via = plan.routed_to && plan.routed_to.kind !== 'user' ? plan.routed_to : plan.callee.kind !== 'user' && plan.callee.kind !== 'pstn' ? plan.callee : undefined;
  return via ? { forwarded_by: { name: via.name, extension_number: String(via.extension_number ?? ''), extension_type: via.kind } } : {};
}

async function emitStep(t: CallTx, plan: CallPlan, step: Step): Promise<void> {
  const source: EventSource = { accountId: t.accountId, operatorUserId: null, clientId: null, now: step.at, operator: null };
  const emit = (event: string, object: Record<string, unknown>) => emitEvent(t.db, source, event, { object });
  const caller = plan.caller;
  const leg: Leg | undefined = step.leg !== undefined ? plan.legs[step.leg] : undefined;
  const base = { call_id: plan.id, ringing_start_time: iso(plan.start_ms) };
  const callerUser = caller.kind === 'user';
  switch (step.kind) {
    case 'ring':
      if (step.leg === 0 && callerUser) await emit('phone.caller_ringing', { ...base, caller: eventParty(caller), callee: eventParty(plan.callee, false) });
      if (leg && leg.party.kind === 'user') await emit('phone.callee_ringing', { ...base, ringing_start_time: iso(leg.ring_ms), caller: eventParty(caller, false), callee: eventParty(leg.party), ...forwardedBy(plan) });
      return;
    case 'answer':
      if (leg!.party.kind === 'user') await emit('phone.callee_answered', { ...base, caller: eventParty(caller, false), callee: eventParty(leg!.party), answer_start_time: iso(step.at), ...forwardedBy(plan) });
      if (callerUser && step.leg === plan.answer!.leg) await emit('phone.caller_connected', { ...base, caller: eventParty(caller), callee: eventParty(leg!.party, false), connected_start_time: iso(step.at) });
      return;
    case 'transfer': {
      const by = plan.legs[plan.answer!.leg]!.party;
      const to = plan.legs[plan.transfer!.leg]!.party;
      await emit('phone.blind_transfer_initiated', {
        call_id: plan.id,
        transfer_phone_number: to.phone_number,
        date_time: iso(step.at),
        ...(by.kind === 'user' ? { owner: { type: 'user', id: by.id!, name: by.name, extension_number: by.extension_number ?? 0 } } : {}),
      });
      if (by.kind === 'user') await emit('phone.callee_ended', { ...base, caller: eventParty(caller, false), callee: eventParty(by), answer_start_time: iso(plan.answer!.at_ms), call_end_time: iso(step.at), ...forwardedBy(plan) });
      return;
    }
    case 'hold':
    case 'unhold': {
      const answerer = plan.legs[plan.answer!.leg]!.party;
      if (answerer.kind === 'user') await emit(`phone.callee_${step.kind}`, { call_id: plan.id, caller: eventParty(caller, false), callee: eventParty(answerer), date_time: iso(step.at) });
      return;
    }
    case 'stop':
      if (leg!.party.kind !== 'user' || leg!.result === 'elsewhere') return;
      await emit(leg!.result === 'rejected' ? 'phone.callee_rejected' : 'phone.callee_missed', {
        ...base,
        ringing_start_time: iso(leg!.ring_ms),
        caller: eventParty(caller, false),
        callee: eventParty(leg!.party),
        call_end_time: iso(step.at),
        handup_result: leg!.result === 'rejected' ? 'Call Rejected' : 'No Answer',
        ...(leg!.result === 'missed' ? forwardedBy(plan) : {}),
      });
      return;
    case 'end': {
      const answerer = plan.transfer ? plan.legs[plan.transfer.leg]!.party : plan.answer ? plan.legs[plan.answer.leg]!.party : undefined;
      const answeredAt = plan.transfer ? plan.legs[plan.transfer.leg]!.stop_ms : plan.answer?.at_ms;
      const end = { call_end_time: iso(plan.end_ms), ...(answeredAt !== undefined ? { answer_start_time: iso(answeredAt) } : {}) };
      if (answerer?.kind === 'user') await emit('phone.callee_ended', { ...base, caller: eventParty(caller, false), callee: eventParty(answerer), ...end, ...forwardedBy(plan) });
      if (callerUser) await emit('phone.caller_ended', { ...base, caller: eventParty(caller), callee: eventParty(answerer ?? plan.callee, false), ...end, handup_result: plan.answer ? 'Call connected' : plan.voicemail ? 'Voicemail' : plan.outcome === 'rejected' ? 'Call Rejected' : 'No Answer' });
      if (plan.answer) for (const p of [plan.legs[plan.answer.leg]!.party, answerer, caller]) if (p?.kind === 'user' && p.id) await noteCall(t.db, t.accountId, p.id, plan.end_ms);
      await finish(t, plan, emit);
      return;
    }
  }
}

/** Moves every due call of every account up to `now`, each in a transaction of its own. */
export async function settleDue(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>, lane?: string): Promise<T> } & Queryable, now: number, baseUrl: string): Promise<number> {
  const due = await repo.dueCalls(db, now);
  for (const d of due) {
    await db.transaction(async (tx) => {
      const c = await repo.getCall(tx, d.account_id, d.id);
      if (!c || c.due_ms === null || c.due_ms > now) return;
      const next = await settle({ db: tx, accountId: d.account_id, now, baseUrl }, c.plan);
      await repo.saveCall(tx, d.account_id, c.plan, next);
    }, d.account_id);
  }
  return due.length;
}

