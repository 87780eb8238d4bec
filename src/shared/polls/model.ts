// Polls and quizzes of a meeting or webinar: Zoom's poll object and the rules
// of each question type. Pure functions; every broken rule is a 300 field error.
import type { FieldError } from '../../core/errors.ts';

export type PollType = 1 | 2 | 3;
export type QuestionType = 'single' | 'multiple' | 'matching' | 'rank_order' | 'short_answer' | 'long_answer' | 'fill_in_the_blank' | 'rating_scale';
export type PollStatus = 'notstart' | 'started' | 'ended' | 'sharing' | 'deactivated';

export interface PollQuestion {
  name: string;
  type: QuestionType;
  answer_required?: boolean;
  answers?: string[];
  right_answers?: string[];
  prompts?: Array<{ prompt_question: string; prompt_right_answers?: string[] }>;
  show_as_dropdown?: boolean;
  case_sensitive?: boolean;
  answer_min_character?: number;
  answer_max_character?: number;
  rating_min_value?: number;
  rating_max_value?: number;
  rating_min_label?: string;
  rating_max_label?: string;
}

export interface PollData {
  title: string;
  /** 1 poll, 2 advanced poll, 3 quiz. */
  poll_type: PollType;
  anonymous: boolean;
  questions: PollQuestion[];
}

export interface PollRecord {
  id: string;
  owner_kind: 'meeting' | 'webinar';
  owner_id: string;
  status: PollStatus;
  created_at: string;
  data: PollData;
}

/** Zoom: at most 50 polls per meeting (4400), 25 questions per poll, 10 answers per question. */
export const MAX_POLLS = 50;
export const MAX_QUESTIONS = 25;
export const MAX_ANSWERS = 10;
/** Longest answer Zoom takes for short and long answer questions. */
const MAX_CHARACTERS: Partial<Record<QuestionType, number>> = { short_answer: 500, long_answer: 2000 };

const ADVANCED: ReadonlySet<QuestionType> = new Set(['matching', 'rank_order', 'short_answer', 'long_answer', 'fill_in_the_blank', 'rating_scale']);

/** Whether the poll uses what "advanced polls and quizzes" must be allowed for. */
export function isAdvanced(p: PollData): boolean {
  return p.poll_type !== 1 || p.questions.some((q) => ADVANCED.has(q.type));
}

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

/** The rules of each question type; `at` prefixes field names (`questions.0.answers`, as schema errors name them). */
export function checkPoll(p: PollData, at = ''): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field: `${at}${field}`, message });
  if (blank(p.title)) fail('title', 'Missing field.');
  if (p.questions.length === 0) fail('questions', 'Missing field.');
  if (p.questions.length > MAX_QUESTIONS) fail('questions', `At most ${MAX_QUESTIONS} questions per poll.`);
  const quiz = p.poll_type === 3;
  for (const [i, q] of p.questions.entries()) {
    const f = (name: string) => `questions.${i}.${name}`;
    const answers = q.answers ?? [];
    const right = q.right_answers ?? [];
    if (blank(q.name)) fail(f('name'), 'Missing field.');
    if (p.poll_type === 1 && ADVANCED.has(q.type)) fail(f('type'), `Question type ${q.type} needs an advanced poll (poll_type 2) or a quiz (poll_type 3).`);
    if (answers.length > MAX_ANSWERS) fail(f('answers'), `At most ${MAX_ANSWERS} answers per question.`);
    if (new Set(answers).size !== answers.length) fail(f('answers'), 'Answers must be different from each other.');
    switch (q.type) {
      case 'single':
      case 'multiple':
        if (answers.length < 2) fail(f('answers'), 'A choice question needs at least 2 answers.');
        if (right.some((a) => !answers.includes(a))) fail(f('right_answers'), 'Right answers must be among the answers.');
        if (quiz && right.length === 0) fail(f('right_answers'), 'A quiz question needs its right answers.');
        if (q.type === 'single' && right.length > 1) fail(f('right_answers'), 'A single choice question has one right answer.');
        break;
      case 'matching':
      case 'rank_order': {
        const prompts = q.prompts ?? [];
        if (prompts.length < 2) fail(f('prompts'), `A ${q.type} question needs at least 2 prompts.`);
        if (answers.length < 2) fail(f('answers'), `A ${q.type} question needs at least 2 answers.`);
        for (const [j, pr] of prompts.entries()) {
          if (blank(pr.prompt_question)) fail(f(`prompts.${j}.prompt_question`), 'Missing field.');
          const pra = pr.prompt_right_answers ?? [];
          if (pra.some((a) => !answers.includes(a))) fail(f(`prompts.${j}.prompt_right_answers`), 'Right answers must be among the answers.');
          if (quiz && pra.length === 0) fail(f(`prompts.${j}.prompt_right_answers`), 'A quiz question needs its right answers.');
        }
        break;
      }
      case 'short_answer':
      case 'long_answer': {
        const min = q.answer_min_character ?? 1;
        const max = q.answer_max_character ?? MAX_CHARACTERS[q.type]!;
        if (min < 1 || max > MAX_CHARACTERS[q.type]! || min > max) {
          fail(f('answer_max_character'), `Answer length must be between 1 and ${MAX_CHARACTERS[q.type]} characters, minimum not above maximum.`);
        }
        break;
      }
      case 'fill_in_the_blank':
        if (right.length === 0) fail(f('right_answers'), 'A fill in the blank question needs the right answer of each blank.');
        break;
      case 'rating_scale': {
        const min = q.rating_min_value ?? 1;
        const max = q.rating_max_value ?? 5;
        if (min < 0 || min > 1) fail(f('rating_min_value'), 'The scale starts at 0 or 1.');
        if (max > 10 || max <= min) fail(f('rating_max_value'), 'The scale ends above its start, at most at 10.');
        break;
      }
    }
  }
  return errors;
}

/** A poll as kept: defaults filled in, only the fields each type uses. */
export function normalizePoll(body: Partial<PollData>): PollData {
  return {
    title: body.title ?? '',
    poll_type: body.poll_type ?? 1,
    anonymous: body.anonymous ?? false,
    questions: (body.questions ?? []).map((q) => {
      const out: PollQuestion = { name: q.name, type: q.type, answer_required: q.answer_required ?? false };
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'matching' || q.type === 'rank_order') out.answers = q.answers ?? [];
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'fill_in_the_blank') out.right_answers = q.right_answers ?? [];
      if (q.type === 'matching' || q.type === 'rank_order') out.prompts = q.prompts ?? [];
      if (q.type === 'single') out.show_as_dropdown = q.show_as_dropdown ?? false;
      if (q.type === 'fill_in_the_blank') out.case_sensitive = q.case_sensitive ?? false;
      if (q.type === 'short_answer' || q.type === 'long_answer') {
        out.answer_min_character = q.answer_min_character ?? 1;
        out.answer_max_character = q.answer_max_character ?? MAX_CHARACTERS[q.type]!;
      }
      if (q.type === 'rating_scale') {
        out.rating_min_value = q.rating_min_value ?? 1;
        out.rating_max_value = q.rating_max_value ?? 5;
        out.rating_min_label = q.rating_min_label ?? '';
        out.rating_max_label = q.rating_max_label ?? '';
      }
      return out;
    }),
  };
}

/** Zoom's poll object; lists a type does not use stay out (the schema wants them non-empty). */
export function pollResponse(p: PollRecord): Record<string, unknown> {
  const questions = p.data.questions.map((q) => {
    const out: Record<string, unknown> = { ...q };
    for (const k of ['answers', 'right_answers', 'prompts'] as const) if (Array.isArray(q[k]) && q[k]!.length === 0) delete out[k];
    if (q.prompts) out.prompts = q.prompts.map((pr) => (pr.prompt_right_answers?.length === 0 ? { prompt_question: pr.prompt_question } : pr));
    return out;
  });
  return { id: p.id, status: p.status, ...p.data, questions };
}
