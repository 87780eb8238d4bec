// The reports of one ended meeting or webinar (details, participants, poll
// answers, Q&A): the same records for both kinds (src/live keeps them per
// instance), found by number (the last instance) or UUID, within a year.
import type { Page } from '../../core/pagination.ts';
import type { Context } from '../../core/provider.ts';
import { msOf, seconds, type InstanceRecord, type ParticipantRecord, type SessionKind } from '../../live/model.ts';
import { pastDetails, pastInstance, pastParticipants, PAST_DETAILS_RETENTION_MS } from '../../live/past.ts';
import { pollResults } from '../../live/polls.ts';
import { questionsOf, type Answer } from '../../live/qa.ts';
import * as live from '../../live/repository.ts';
import { needPaid } from './gate.ts';
import { ReportErrors } from './model.ts';

/** The ended meeting (or webinar) a report path names (number: its last instance; else a UUID), within a year. */
export async function reportedInstance(ctx: Context, raw: string, kind: SessionKind = 'meeting'): Promise<InstanceRecord> {
  const i = await pastInstance(ctx.db, ctx.account.id, kind, raw);
  if (!i) throw kind === 'webinar' ? ReportErrors.webinarNotFound(raw) : ReportErrors.meetingNotFound(raw);
  if (ctx.clock.now() - msOf(i.end_time!) > PAST_DETAILS_RETENTION_MS) throw kind === 'webinar' ? ReportErrors.webinarTooOld() : ReportErrors.meetingTooOld();
  return i;
}

/** What every per-instance report starts with. */
const heading = (i: InstanceRecord) => ({ id: Number(i.session_id), uuid: i.uuid, start_time: seconds(i.start_time) });

export async function instanceDetails(ctx: Context, raw: string, kind: SessionKind) {
  needPaid(ctx);
  const { has_meeting_summary: _s, source: _src, host_id: _h, ...details } = pastDetails(await reportedInstance(ctx, raw, kind));
  return { ...details, tracking_fields: [], custom_keys: [] };
}

/** One record per stint, as past meetings and webinars list them. */
export async function instanceParticipants(ctx: Context, raw: string, kind: SessionKind, page: Page) {
  needPaid(ctx);
  const i = await reportedInstance(ctx, raw, kind);
  const out = (await pastParticipants(ctx.db, i, page)) as { participants: Array<Record<string, unknown>> };
  // Zoom names the account user `participant_user_id` here (`id` is the in-report id).
  out.participants = out.participants.map(({ internal_user: _internal, ...p }) => ({ ...p, participant_user_id: p.id }));
  return out;
}

export async function instancePolls(ctx: Context, raw: string, kind: SessionKind) {
  needPaid(ctx);
  const i = await reportedInstance(ctx, raw, kind);
  return { ...heading(i), questions: await pollResults(ctx.db, i) };
}

/** Zoom's answer types: text answers public or private, and answers given live (aloud). */
const answerType = (a: Answer) => (a.live ? 'host_answered' : a.private ? 'host_answered_privately' : 'host_answered_publicly');
/** How a live answer reads in the report (as past webinars' Q&A shows it). */
const LIVE_ANSWER = 'live answered';

/**
 * The Q&A report: each asker (anonymous questions each on their own, unnamed)
 * with their questions, status, and every answer with who gave it.
 */
export async function instanceQa(ctx: Context, raw: string, kind: SessionKind) {
  needPaid(ctx);
  const i = await reportedInstance(ctx, raw, kind);
  const people = new Map((await live.participantsIn(ctx.db, ctx.account.id, i.uuid, ['in_meeting', 'in_waiting_room', 'left'])).map((p) => [p.id, p]));
  const host = [...people.values()].find((p) => p.role === 'host');
  // An answer given through the API names no participant: the host's.
  const who = (id: string): Pick<ParticipantRecord, 'user_id' | 'name' | 'email'> =>
    people.get(id) ?? (host && id === i.host_id ? host : { user_id: '', name: i.data.host_name, email: i.data.host_email });
  const askers = new Map<string, { user_id: string; email: string; name: string; question_details: Array<Record<string, unknown>> }>();
  for (const q of await questionsOf(ctx.db, i)) {
    const key = q.anonymous ? `anonymous:${q.id}` : q.participant_id;
    let entry = askers.get(key);
    if (!entry) {
      const p = who(q.participant_id);
      entry = q.anonymous ? { user_id: '', email: '', name: 'Anonymous Attendee', question_details: [] } : { user_id: p.user_id, email: p.email, name: p.name, question_details: [] };
      askers.set(key, entry);
    }
    entry.question_details.push({
      question_id: q.id,
      question: q.question,
      create_time: seconds(q.asked_at),
      question_status: q.status,
      answer: q.answers.map((a) => (a.live ? LIVE_ANSWER : a.answer)).join('; '),
      answer_details: q.answers.map((a) => {
        const by = who(a.answered_by);
        return { user_id: by.user_id, name: by.name, email: by.email, content: a.live ? LIVE_ANSWER : a.answer, create_time: seconds(a.answered_at), type: answerType(a) };
      }),
    });
  }
  return { ...heading(i), questions: [...askers.values()] };
}
