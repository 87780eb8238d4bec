// Poll answers given during a live instance, checked against the poll's
// questions, and the past-meeting poll results built from them.
import { Errors, type FieldError } from '../core/errors.ts';
import { seconds, stamp, type InstanceRecord, type ParticipantRecord } from './model.ts';
import type { LiveTx } from './engine.ts';
import { findPoll, type PollQuestion } from './poll-source.ts';
import * as repo from './repository.ts';

export interface PollAnswerInput {
  participant_id: string;
  answers: Array<{ question: string; answer: string | string[] }>;
}

/** Zoom's poll reports join the choices of one answer with ';'. */
const JOIN = ';';

/** Why an answer does not fit its question, or null when it does. */
function misfit(q: PollQuestion, given: string[]): string | null {
  const options = q.answers ?? [];
  const among = () => (given.every((a) => options.includes(a)) ? null : `Answers must be among the question's answers: ${options.join(', ')}.`);
  switch (q.type) {
    case 'single':
      return given.length !== 1 ? 'A single-choice question takes one answer.' : among();
    case 'multiple':
      return new Set(given).size !== given.length ? 'An answer is repeated.' : among();
    case 'matching':
    case 'rank_order':
      return among();
    case 'rating_scale': {
      const min = q.rating_min_value ?? 0;
      const max = q.rating_max_value ?? 10;
      const n = Number(given[0]);
      return given.length === 1 && Number.isInteger(n) && n >= min && n <= max ? null : `A rating between ${min} and ${max}.`;
    }
    case 'short_answer':
    case 'long_answer': {
      const min = q.answer_min_character ?? 1;
      const max = q.answer_max_character ?? (q.type === 'short_answer' ? 500 : 2000);
      const len = given.join(' ').length;
      return given.length === 1 && len >= min && len <= max ? null : `An answer of ${min} to ${max} characters.`;
    }
    case 'fill_in_the_blank':
      return null;
    default:
      return among();
  }
}

/** A participant answers a poll of the meeting; answering a question again replaces the earlier answer. */
export async function answerPoll(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, pollId: string, answers: PollAnswerInput['answers']) {
  const poll = await findPoll(t.db, i.account_id, i.kind, i.session_id, pollId);
  if (!poll) throw Errors.liveConflict(`Poll ${pollId} is not a poll of this meeting.`);
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the meeting.`);
  const problems: FieldError[] = [];
  const byName = new Map(poll.questions.map((q) => [q.name, q]));
  const seen = new Set<string>();
  answers.forEach((a, n) => {
    const q = byName.get(a.question);
    const given = Array.isArray(a.answer) ? a.answer : [a.answer];
    if (!q) problems.push({ field: `answers[${n}].question`, message: 'Not a question of this poll.' });
    else if (seen.has(a.question)) problems.push({ field: `answers[${n}].question`, message: 'The question is answered twice.' });
    else {
      const why = misfit(q, given);
      if (why) problems.push({ field: `answers[${n}].answer`, message: why });
    }
    seen.add(a.question);
  });
  for (const q of poll.questions) if (q.answer_required === true && !seen.has(q.name)) problems.push({ field: 'answers', message: `An answer to "${q.name}" is required.` });
  if (problems.length > 0) throw Errors.validation(problems);
  const at = stamp(t.now);
  for (const a of answers) {
    const answer = (Array.isArray(a.answer) ? a.answer : [a.answer]).join(JOIN);
    const position = poll.questions.findIndex((q) => q.name === a.question);
    await repo.saveAnswer(t.db, i.account_id, i.uuid, { poll_id: pollId, participant_id: p.id, question: a.question, answer, position, answered_at: at });
  }
  return { poll_id: pollId, participant_id: p.id, uuid: i.uuid, date_time: seconds(at), answers: answers.map((a) => ({ question: a.question, answer: Array.isArray(a.answer) ? a.answer.join(JOIN) : a.answer })) };
}

/** Zoom's past poll results: one entry per participant who answered, with every answer. */
export async function pollResults(db: LiveTx['db'], i: InstanceRecord) {
  const rows = await repo.pollAnswers(db, i.account_id, i.uuid);
  const byParticipant = new Map<string, { name: string; email: string; question_details: Array<{ answer: string; date_time: string; polling_id: string; question: string }> }>();
  for (const r of rows) {
    let entry = byParticipant.get(r.participant_id);
    if (!entry) byParticipant.set(r.participant_id, (entry = { name: r.name, email: r.email, question_details: [] }));
    entry.question_details.push({ answer: r.answer, date_time: seconds(r.answered_at), polling_id: r.poll_id, question: r.question });
  }
  return [...byParticipant.values()];
}
