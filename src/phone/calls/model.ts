// A simulated call as a plan of timed steps, and what it leaves behind, in
// Zoom's shapes. Pure functions only: routing (who rings when), the timeline
// of an outcome, and the call log, recording and voicemail objects.
import type { Distribution, GroupMember } from '../groups/model.ts';
import type { CallQos } from './qos.ts';

export type Outcome = 'answered' | 'missed' | 'voicemail' | 'rejected';
export type PartyKind = 'user' | 'pstn' | 'callQueue' | 'autoReceptionist' | 'sharedLineGroup';

/** One end of a call, or a member it rang. */
export interface Party {
  kind: PartyKind;
  /** User id or group id; none for an external number. */
  id?: string;
  name: string;
  /** The number shown: a direct number, else the extension number. */
  phone_number: string;
  extension_number?: number;
  extension_id?: string;
  site_id?: string;
  timezone?: string;
}

/** Seconds a callee rings before it answers or declines. */
export const ANSWER_AFTER = 5;
/** Seconds a user's phone rings before the call is missed or goes to voicemail. */
export const USER_RING = 30;
/** Seconds an auto receptionist's greeting plays before it routes the call. */
export const GREETING = 10;
/** Talk (or message) time when a call names no duration: well within ten minutes. */
export const DEFAULT_DURATION = 60;

export interface Leg {
  party: Party;
  ring_ms: number;
  stop_ms: number;
  /** How the ringing stopped: answered, declined, timed out (missed), or another member took the call. */
  result: 'answered' | 'rejected' | 'missed' | 'elsewhere';
}

export interface CallPlan {
  id: string;
  caller: Party;
  /** What was dialled. */
  callee: Party;
  /** Where an auto receptionist sent the call, if it did. */
  routed_to?: Party;
  outcome: Outcome;
  start_ms: number;
  legs: Leg[];
  answer?: { leg: number; at_ms: number };
  hold?: { from_ms: number; to_ms: number };
  /** A blind transfer by whoever answered, at `at_ms`, to the party of leg `leg` (which rings then and answers). */
  transfer?: { leg: number; at_ms: number };
  voicemail?: { owner: Party; from_ms: number; duration: number };
  record: boolean;
  end_ms: number;
  /** Each end's device and network, as given when the call was placed (the call QoS dashboards). */
  qos?: CallQos;
  /** Steps already emitted (the clock walks the plan). */
  done: number;
}

/** Who a queue rings, in order, by its distribution type. */
export function ringOrder(members: GroupMember[], distribution: Distribution, lastMember: string | undefined): GroupMember[] {
  const ready = members.filter((m) => m.receive_call && m.member_type === 'user');
  if (distribution === 'rotating' && lastMember) {
    const i = ready.findIndex((m) => m.member_id === lastMember);
    return i < 0 ? ready : [...ready.slice(i + 1), ...ready.slice(0, i + 1)];
  }
  if (distribution === 'longest_idle') return [...ready].sort((a, b) => a.last_call_ms - b.last_call_ms || a.seq - b.seq);
  return ready;
}

/**
 * The legs of a call to `targets`: all at once (simultaneous, shared lines) or
 * one after another, each `ringSeconds`. Answered: the first target answers
 * ANSWER_AFTER seconds into its ringing, the others stop then. Rejected: each
 * declines ANSWER_AFTER seconds in. Missed and voicemail: everyone rings out.
 */
export function ringLegs(targets: Party[], together: boolean, ringSeconds: number, outcome: Outcome, start: number): { legs: Leg[]; until: number; answer?: { leg: number; at_ms: number } } {
  const legs: Leg[] = [];
  let t = start;
  if (outcome === 'answered' && targets.length > 0) {
    const at = start + ANSWER_AFTER * 1000;
    targets.forEach((p, i) => {
      if (i === 0 || together) legs.push({ party: p, ring_ms: start, stop_ms: at, result: i === 0 ? 'answered' : 'elsewhere' });
    });
    return { legs, until: at, answer: { leg: 0, at_ms: at } };
  }
  const span = (outcome === 'rejected' ? ANSWER_AFTER : ringSeconds) * 1000;
  for (const p of targets) {
    legs.push({ party: p, ring_ms: together ? start : t, stop_ms: (together ? start : t) + span, result: outcome === 'rejected' ? 'rejected' : 'missed' });
    if (!together) t += span;
  }
  return { legs, until: together && targets.length > 0 ? start + span : t };
}

export interface Step {
  at: number;
  kind: 'ring' | 'answer' | 'hold' | 'unhold' | 'transfer' | 'stop' | 'end';
  leg?: number;
}

/** The plan's steps in time order (ties keep this order: rings, answer, hold, stops, end). */
export function stepsOf(plan: CallPlan): Step[] {
  const steps: Step[] = [];
  plan.legs.forEach((l, i) => steps.push({ at: l.ring_ms, kind: 'ring', leg: i }));
  plan.legs.forEach((l, i) => {
    if (l.result === 'answered') steps.push({ at: l.stop_ms, kind: 'answer', leg: i });
    else steps.push({ at: l.stop_ms, kind: 'stop', leg: i });
  });
  if (plan.hold) steps.push({ at: plan.hold.from_ms, kind: 'hold' }, { at: plan.hold.to_ms, kind: 'unhold' });
  if (plan.transfer) steps.push({ at: plan.transfer.at_ms, kind: 'transfer' });
  steps.push({ at: plan.end_ms, kind: 'end' });
  const rank = { transfer: 0, ring: 1, answer: 2, hold: 3, unhold: 4, stop: 5, end: 6 } as const;
  return steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || rank[a.s.kind] - rank[b.s.kind] || a.i - b.i).map((x) => x.s);
}

/** Zoom's result words for a call log. */
export function resultOf(plan: CallPlan): string {
  if (plan.answer) return 'Call connected';
  if (plan.voicemail) return 'Voicemail';
  if (plan.outcome === 'rejected') return 'Rejected';
  return 'No Answer';
}

const numberType = (p: Party): 1 | 2 => (p.kind === 'pstn' ? 2 : 1);
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The party as phone.* call events show it. */
export function eventParty(p: Party, withUser = true) {
  return {
    ...(p.extension_id ? { extension_id: p.extension_id } : {}),
    extension_type: p.kind,
    ...(withUser && p.kind === 'user' && p.id ? { user_id: p.id } : {}),
    name: p.name,
    phone_number: p.phone_number,
    ...(p.extension_number !== undefined ? { extension_number: p.extension_number } : {}),
    ...(withUser && p.timezone ? { timezone: p.timezone } : {}),
    connection_type: p.kind === 'pstn' ? ('pstn_off_net' as const) : ('voip' as const),
  };
}

/** Caller and callee fields shared by logs, recordings and voicemails. */
export function numbersOf(caller: Party, callee: Party) {
  return {
    caller_number: caller.phone_number,
    caller_number_type: numberType(caller),
    caller_name: caller.name,
    callee_number: callee.phone_number,
    callee_number_type: numberType(callee),
    callee_name: callee.name,
  };
}

export interface LogOwner {
  type: 'user' | 'callQueue' | 'autoReceptionist' | 'sharedLineGroup';
  id: string;
  name: string;
  extension_number: number;
}

export const ownerOf = (p: Party): LogOwner => ({ type: p.kind as LogOwner['type'], id: p.id!, name: p.name, extension_number: p.extension_number ?? 0 });

/** Who talked when: the first answerer until a transfer, the transfer's target after it. */
export function talkOf(plan: CallPlan, owner: Party): { from: number; to: number } | undefined {
  if (!plan.answer) return undefined;
  const t = plan.transfer;
  if (!t) return { from: plan.answer.at_ms, to: plan.end_ms };
  const first = plan.legs[plan.answer.leg]!.party;
  const target = plan.legs[t.leg]!;
  if (owner.kind === first.kind && owner.id === first.id) return { from: plan.answer.at_ms, to: t.at_ms };
  if (owner.kind === target.party.kind && owner.id === target.party.id) return { from: target.stop_ms, to: plan.end_ms };
  return { from: plan.answer.at_ms, to: plan.end_ms };
}

/** A call log entry as the account list shows it (the user list and the log events take the same fields). */
export function callLog(plan: CallPlan, id: string, owner: Party, direction: 'inbound' | 'outbound', extra: { recording_id?: string; site?: { id: string; name: string } }) {
  const talk = talkOf(plan, owner);
  const answered = talk && { at_ms: talk.from };
  const path = plan.callee.kind === 'pstn' || plan.caller.kind === 'pstn' ? 'pstn' : plan.callee.kind === 'user' ? 'extension' : plan.callee.kind;
  return {
    id,
    call_id: plan.id,
    call_type: plan.caller.kind === 'pstn' || plan.callee.kind === 'pstn' ? ('pstn' as const) : ('voip' as const),
    ...numbersOf(plan.caller, plan.callee),
    caller_number_source: plan.caller.kind === 'pstn' ? ('external' as const) : ('internal' as const),
    callee_number_source: plan.callee.kind === 'pstn' ? ('external' as const) : ('internal' as const),
    direction,
    duration: talk ? Math.round((talk.to - talk.from) / 1000) : plan.voicemail ? plan.voicemail.duration : 0,
    result: resultOf(plan),
    date_time: iso(plan.start_ms),
    ...(answered ? { answer_start_time: iso(answered.at_ms) } : {}),
    call_end_time: iso(talk?.to ?? plan.end_ms),
    path,
    owner: ownerOf(owner),
    ...(owner.kind === 'user' ? { user_id: owner.id! } : {}),
    ...(extra.site ? { site: extra.site } : {}),
    has_recording: extra.recording_id !== undefined,
    ...(extra.recording_id ? { recording_id: extra.recording_id, recording_type: 'Automatic' as const } : {}),
    has_voicemail: plan.voicemail !== undefined,
    hold_time: plan.hold ? Math.round((plan.hold.to_ms - plan.hold.from_ms) / 1000) : 0,
    waiting_time: Math.round(((answered?.at_ms ?? plan.legs.at(-1)?.stop_ms ?? plan.start_ms) - plan.start_ms) / 1000),
  };
}
export type CallLogEntry = ReturnType<typeof callLog>;
