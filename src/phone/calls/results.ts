// What a call leaves when it ends: a call log for each party that keeps a
// history (the users at either end, and the queue, shared line group or auto
// receptionist dialled), its recording, its voicemail, and their events.
import { randomUUID } from 'node:crypto';
import { findGroup, updateGroup } from '../groups/repository.ts';
import * as phone from '../repository.ts';
import { callLog, numbersOf, ownerOf, type CallLogEntry, type CallPlan, type Party } from './model.ts';
import type { CallTx } from './engine.ts';
import * as repo from './repository.ts';

type Emit = (event: string, object: Record<string, unknown>) => Promise<void>;

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

// The fields each call-log event carries (Zoom's schemas allow no others).
const LOG_EVENT_FIELDS = [
  'id', 'call_id', 'call_type', 'caller_number', 'caller_number_type', 'caller_number_source', 'caller_name', 'callee_number', 'callee_number_type', 'callee_number_source', 'callee_name',
  'duration', 'result', 'date_time', 'path', 'has_recording', 'recording_id', 'recording_type', 'has_voicemail', 'call_end_time', 'direction', 'hold_time', 'forwarded_by',
] as const;

function logEvent(entry: CallLogEntry & Record<string, unknown>, side: 'caller' | 'callee', plan: CallPlan) {
  const out: Record<string, unknown> = {};
  for (const k of LOG_EVENT_FIELDS) if (entry[k] !== undefined) out[k] = entry[k];
  if (entry.site) out.site = { id: (entry.site as { id: string }).id };
  if (side === 'callee') {
    if (entry.answer_start_time) out.answer_start_time = entry.answer_start_time;
    out.waiting_time = entry.waiting_time;
    if (plan.caller.kind === 'user' && plan.caller.id) out.caller_user_id = plan.caller.id;
    if (entry.user_id) out.callee_user_id = entry.user_id;
  }
  return out;
}

/** The queue (or shared line group, or auto receptionist) the call went through, if any. */
function groupsOf(plan: CallPlan): Party[] {
  const out: Party[] = [];
  for (const p of [plan.callee, plan.routed_to]) if (p && p.kind !== 'user' && p.kind !== 'pstn' && !out.some((o) => o.id === p.id)) out.push(p);
  return out;
}

async function siteOf(t: CallTx, siteId: string | undefined) {
  const s = siteId ? await phone.getSite(t.db, t.accountId, siteId) : undefined;
  return s && { id: s.id, name: s.name };
}

export async function finish(t: CallTx, plan: CallPlan, emit: Emit): Promise<void> {
  const answerer = plan.answer ? plan.legs[plan.answer.leg]!.party : undefined;
  const queue = groupsOf(plan).find((g) => g.kind === 'callQueue');
  // The recording belongs to the queue a call came through, else to the user who took it, else to the caller.
  const recOwner = plan.record && plan.answer ? (queue ?? (answerer?.kind === 'user' ? answerer : plan.caller.kind === 'user' ? plan.caller : undefined)) : undefined;
  const recordingId = recOwner ? randomUUID().replaceAll('-', '') : undefined;

  // Logs: the caller's (outbound), the user's who took or was rung directly (inbound), each group's.
  const owners: Array<{ party: Party; direction: 'inbound' | 'outbound'; side: 'caller' | 'callee' }> = [];
  if (plan.caller.kind === 'user') owners.push({ party: plan.caller, direction: 'outbound', side: 'caller' });
  const calleeUser = answerer?.kind === 'user' ? answerer : plan.callee.kind === 'user' ? plan.callee : plan.routed_to?.kind === 'user' ? plan.routed_to : undefined;
  if (calleeUser) owners.push({ party: calleeUser, direction: 'inbound', side: 'callee' });
  const transferred = plan.transfer ? plan.legs[plan.transfer.leg]!.party : undefined;
  if (transferred?.kind === 'user') owners.push({ party: transferred, direction: 'inbound', side: 'callee' });
  for (const g of groupsOf(plan)) owners.push({ party: g, direction: 'inbound', side: 'callee' });

  const logIds = new Map<string, string>();
  for (const o of owners) {
    const id = randomUUID();
    logIds.set(`${o.party.kind}:${o.party.id}`, id);
    const withRecording = recordingId && recOwner && (recOwner.id === o.party.id || o.party.id === answerer?.id) ? { recording_id: recordingId } : {};
    const entry = callLog(plan, id, o.party, o.direction, { ...withRecording, ...(o.party.site_id ? { site: await siteOf(t, o.party.site_id) } : {}) });
    const answeredVia = o.side === 'callee' && o.party.kind === 'user' && (plan.routed_to || plan.callee.kind !== 'user') ? viaGroup(plan) : {};
    const stored = { ...entry, ...answeredVia };
    await repo.insertLog(t.db, t.accountId, {
      id,
      call_id: plan.id,
      owner_type: o.party.kind,
      owner_id: o.party.id!,
      user_id: o.party.kind === 'user' ? o.party.id! : null,
      site_id: o.party.site_id ?? null,
      start_ms: plan.start_ms,
      end_ms: plan.end_ms,
      missed: !plan.answer,
      path: entry.path,
      numbers: `${plan.caller.phone_number} ${plan.callee.phone_number}`,
      data: stored,
    });
    if (o.party.kind === 'user') {
      await emit(o.side === 'caller' ? 'phone.caller_call_log_completed' : 'phone.callee_call_log_completed', { user_id: o.party.id!, call_logs: [logEvent(stored, o.side, plan)] });
    }
  }

  if (recOwner && recordingId && plan.answer) {
    const duration = Math.round((plan.end_ms - plan.answer.at_ms) / 1000);
    const site = await siteOf(t, recOwner.site_id);
    const inbound = recOwner.id !== plan.caller.id;
    const data = {
      id: recordingId,
      call_id: plan.id,
      call_log_id: logIds.get(`${recOwner.kind}:${recOwner.id}`) ?? '',
      ...numbersOf(plan.caller, plan.callee),
      date_time: iso(plan.answer.at_ms),
      end_time: iso(plan.end_ms),
      duration,
      direction: inbound ? ('inbound' as const) : ('outbound' as const),
      download_url: `${t.baseUrl}/v2/phone/recording/download/${recordingId}`,
      owner: ownerOf(recOwner),
      recording_type: 'Automatic',
      ...(site ? { site } : {}),
      ...(answerer && inbound ? { accepted_by: { name: answerer.name, extension_number: String(answerer.extension_number ?? '') } } : {}),
    };
    await repo.insertRecording(t.db, t.accountId, {
      id: recordingId,
      call_id: plan.id,
      owner_type: recOwner.kind,
      owner_id: recOwner.id!,
      site_id: recOwner.site_id ?? null,
      recording_type: 'Automatic',
      start_ms: plan.answer.at_ms,
      end_ms: plan.end_ms,
      duration,
      data,
    });
    const { site: s, ...rest } = data;
    await emit('phone.recording_completed', { recordings: [{ ...rest, ...(s ? { site: { id: s.id } } : {}), ...(recOwner.kind === 'user' ? { user_id: recOwner.id } : {}) }] });
  }

  if (plan.voicemail) {
    const v = plan.voicemail;
    const id = randomUUID().replaceAll('-', '');
    const data = {
      id,
      call_id: plan.id,
      call_log_id: logIds.get(`${v.owner.kind}:${v.owner.id}`) ?? '',
      ...numbersOf(plan.caller, v.owner),
      date_time: iso(v.from_ms),
      duration: v.duration,
      download_url: `${t.baseUrl}/v2/phone/voice_mails/download/${id}`,
      status: 'unread' as const,
    };
    await repo.insertVoicemail(t.db, t.accountId, { id, call_id: plan.id, owner_type: v.owner.kind, owner_id: v.owner.id!, start_ms: v.from_ms, duration: v.duration, status: 'unread', data });
    const { status: _s, ...event } = data;
    await emit('phone.voicemail_received', {
      ...event,
      caller_number_type: data.caller_number_type,
      callee_number_type: 1,
      callee_extension_type: v.owner.kind,
      callee_id: v.owner.id!,
      ...(plan.caller.kind === 'user' && plan.caller.id ? { caller_user_id: plan.caller.id } : {}),
      ...(v.owner.kind === 'user' ? { callee_user_id: v.owner.id! } : {}),
    });
  }

  // A rotating queue starts its next call after the member who took this one.
  if (queue?.id && answerer?.kind === 'user') {
    const g = await findGroup(t.db, t.accountId, queue.id);
    if (g) await updateGroup(t.db, t.accountId, { ...g, data: { ...g.data, last_member: answerer.id! } });
  }
}

function viaGroup(plan: CallPlan) {
  const via = plan.routed_to && plan.routed_to.kind !== 'user' ? plan.routed_to : plan.callee;
  return via.kind === 'user' || via.kind === 'pstn' ? {} : { forwarded_by: { name: via.name, extension_number: String(via.extension_number ?? ''), extension_type: via.kind } };
}
