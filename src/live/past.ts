// Ended instances as Zoom's past-meeting (and, later, past-webinar) operations
// answer them: which instance a path names, its details, its participants.
import { Errors, type ZoomError } from '../core/errors.ts';
import type { Page } from '../core/pagination.ts';
import type { Queryable } from '../storage/db.ts';
import { minutesOf, reportedType, seconds, spanSeconds, type InstanceRecord, type SessionKind } from './model.ts';
import * as repo from './repository.ts';

/** Zoom keeps past meeting details for a year (12702 after that). */
export const PAST_DETAILS_RETENTION_MS = 365 * 24 * 3600 * 1000;

/**
 * The ended instance a path names: a number means the session's last ended
 * instance, anything else is an instance UUID (the router has already decoded
 * it once or twice). Undefined when there is none.
 */
export async function pastInstance(db: Queryable, accountId: string, kind: SessionKind, idOrUuid: string): Promise<InstanceRecord | undefined> {
  if (/^\d{1,19}$/.test(idOrUuid)) return repo.lastEndedInstance(db, accountId, kind, idOrUuid);
  const i = await repo.getInstance(db, accountId, idOrUuid);
  return i && i.kind === kind && i.status === 'ended' ? i : undefined;
}

/** Zoom's past meeting details. */
export function pastDetails(i: InstanceRecord) {
  const end = i.end_time!;
  // Counted once, when the instance ended.
  const totals = i.data.totals!;
  return {
    id: Number(i.session_id),
    uuid: i.uuid,
    duration: minutesOf(spanSeconds(i.start_time, end, 0)),
    start_time: seconds(i.start_time),
    end_time: seconds(end),
    host_id: i.host_id,
    dept: i.data.dept,
    participants_count: totals.participants,
    source: 'Zoom',
    topic: i.data.topic,
    total_minutes: minutesOf(totals.attended_seconds),
    type: reportedType(i.data.type),
    user_email: i.data.host_email,
    user_name: i.data.host_name,
    has_meeting_summary: false,
  };
}

/** A page of the instance's participant records: one per stint in the meeting or its waiting room. */
export async function pastParticipants(db: Queryable, i: InstanceRecord, page: Page) {
  const total = await repo.countStints(db, i.account_id, i.uuid);
  const { stints, last } = await repo.listStints(db, i.account_id, i.uuid, page);
  const end = i.end_time!;
  const participants = stints.map((s) => ({
    id: s.participant_user_id,
    name: s.name,
    user_id: s.user_id,
    ...(s.registrant_id ? { registrant_id: s.registrant_id } : {}),
    user_email: s.email,
    join_time: seconds(s.started_at),
    leave_time: seconds(s.ended_at ?? end),
    duration: spanSeconds(s.started_at, s.ended_at ?? end, 0),
    failover: false,
    status: s.status,
    internal_user: s.participant_user_id !== '',
  }));
  return page.respond(total, { participants }, last);
}

/**
 * A past-meeting path no route matches is an un-encoded UUID holding `/`: Zoom
 * loses the slash and answers the meeting's 404/3001, not an unknown endpoint.
 */
export function unmatchedPastPath(url: string): ZoomError | null {
  const path = url.split('?')[0]!;
  const m = /^\/v2\/past_meetings\/(.+)$/.exec(path);
  if (!m) return null;
  const rest = m[1]!.replace(/\/(instances|participants|polls)\/?$/, '');
  return Errors.pastMeetingNotFound(rest.replace(/^\/+/, ''));
}
