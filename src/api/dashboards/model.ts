// Dashboard shapes: participants with their client, network and quality, QoS
// minutes, sharing. Pure functions over the live records.
import { seconds, type InstanceRecord, type IntervalRecord, type ParticipantRecord } from '../../live/model.ts';
import { qosMinuteView, qualityOf, type QosRow } from '../../live/quality.ts';

// Zoom's enums: values outside them (free text a driver gave) are left out of the answer.
const DEVICES: ReadonlySet<string> = new Set(['Phone', 'H.323/SIP', 'Windows', 'Mac', 'iOS', 'Android']);
const NETWORKS: ReadonlySet<string> = new Set(['Wired', 'Wifi', 'PPP', 'Cellular', 'Others']);
const FIXED_LEAVE_REASONS: ReadonlySet<string> = new Set([
  'Host ended the meeting.',
  'Host closed the meeting.',
  'Host started a new meeting.',
  'Network connection error.',
  'Host did not join.',
  'Exceeded free meeting minutes limit.',
  'Removed by host.',
  'Unknown reason.',
  'Leave waiting room.',
  'Removed by host from waiting room.',
]);

/** Client fields every participant answer shares. */
export function clientFields(p: ParticipantRecord) {
  const d = p.data;
  return {
    ...(DEVICES.has(d.device) ? { device: d.device } : {}),
    ...(NETWORKS.has(d.network_type) ? { network_type: d.network_type } : {}),
    ip_address: d.ip_address,
    location: d.location,
    version: d.version,
    data_center: d.data_center ?? '',
    full_data_center: d.data_center ?? '',
  };
}

const ends = (p: ParticipantRecord, i: InstanceRecord) => p.left_at ?? i.end_time;

/** A participant as the participants dashboard lists it. */
export function participantView(i: InstanceRecord, p: ParticipantRecord, shares: readonly IntervalRecord[], recorded: boolean, qos: readonly QosRow[]) {
  const mine = shares.filter((s) => s.participant_id === p.id);
  const left = ends(p, i);
  return {
    id: p.participant_user_id,
    user_id: p.user_id,
    participant_uuid: p.id,
    ...(p.participant_user_id ? { participant_user_id: p.participant_user_id } : {}),
    user_name: p.name,
    ...(p.email ? { email: p.email } : {}),
    ...(p.registrant_id ? { registrant_id: p.registrant_id } : {}),
    role: p.role,
    status: p.status === 'in_waiting_room' || p.leave_reason === 'Leave waiting room.' ? 'in_waiting_room' : 'in_meeting',
    join_time: seconds(p.joined_at),
    ...(left ? { leave_time: seconds(left) } : {}),
    // Webinars' reasons name the webinar ("Host ended the webinar.").
    ...(p.leave_reason && FIXED_LEAVE_REASONS.has(p.leave_reason) ? { leave_reason: p.leave_reason.replace('meeting', i.kind) } : {}),
    ...clientFields(p),
    share_application: mine.some((s) => s.data.content === 'application'),
    share_desktop: mine.some((s) => s.data.content === 'desktop'),
    share_whiteboard: mine.some((s) => s.data.content === 'whiteboard'),
    recording: recorded && p.role === 'host',
    audio_quality: qualityOf(qos, 'audio_input'),
    video_quality: qualityOf(qos, 'video_input'),
    screen_share_quality: qualityOf(qos, 'as_input'),
  };
}

/** A participant's QoS: who they are, and one entry per minute. */
export function qosView(i: InstanceRecord, p: ParticipantRecord, qos: readonly QosRow[]) {
  const left = ends(p, i);
  return {
    id: p.participant_user_id,
    user_id: p.user_id,
    participant_uuid: p.id,
    user_name: p.name,
    ...(p.email ? { email: p.email } : {}),
    join_time: seconds(p.joined_at),
    ...(left ? { leave_time: seconds(left) } : {}),
    ...clientFields(p),
    user_qos: qos.filter((r) => r.participant_id === p.id).map(qosMinuteView),
  };
}

/** The sharing dashboard: who shared what, when. */
export function sharingView(p: ParticipantRecord, shares: readonly IntervalRecord[], end: string | null) {
  return {
    id: p.participant_user_id,
    user_id: p.user_id,
    user_name: p.name,
    details: shares.map((s) => ({ content: String(s.data.content ?? 'desktop'), start_time: seconds(s.started_at), end_time: (s.ended_at ?? end) ? seconds((s.ended_at ?? end)!) : '' })),
  };
}
