// `openzoom webinars …`: live webinars from the command line, through the
// control plane (/_openzoom/webinars/{webinarId}/…): the practice session,
// panelists and attendees, raised hands, Q&A, poll answers, the end.
import { CliError } from './client.ts';
import type { CommandSpec, OptionSpec } from './commands.ts';
import { printInstance, printParticipant, type InstanceView, type ParticipantView } from './live.ts';
import { fields, table, type Output } from './output.ts';

interface QuestionView {
  question_id: string;
  participant_id: string;
  question: string;
  anonymous: boolean;
  status: string;
  asked_at: string;
  answers: Array<{ answer: string; private: boolean; live: boolean; answered_by: string }>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const path = (webinarId: string, rest = '') => `/webinars/${encodeURIComponent(webinarId)}${rest}`;
const one = { args: 'WEBINAR_ID', positionals: { min: 1, max: 1 } };
const two = (second: string) => ({ args: `WEBINAR_ID ${second}`, positionals: { min: 2, max: 2 } });

function printQuestion(out: Output, q: QuestionView): void {
  if (out.json) return out.data(q);
  fields(out, [
    ['question id', q.question_id],
    ['asked by', q.anonymous ? `${q.participant_id} (anonymous)` : q.participant_id],
    ['question', q.question],
    ['status', q.status],
  ]);
  if (q.answers.length > 0) table(out, ['ANSWER', 'BY', 'PRIVATE', 'LIVE'], q.answers.map((a) => [a.answer, a.answered_by, String(a.private), String(a.live)]));
}

const required = (command: string, ...pairs: Array<[string, string | undefined]>): string[] => {
  const missing = pairs.filter(([, v]) => v === undefined).map(([flag]) => `--${flag}`);
  if (missing.length > 0) throw new CliError(`openzoom webinars ${command} needs ${missing.join(' and ')}.`, 2);
  return pairs.map(([, v]) => v!);
};

function participantCommand(name: string, action: string, summary: string): CommandSpec {
  return {
    name: `webinars ${name}`,
    summary,
    ...two('PARTICIPANT_ID'),
    options: {},
    async run({ out, client, positionals }) {
      const [webinarId, participantId] = positionals as [string, string];
      printParticipant(out, await client.post<ParticipantView>(path(webinarId, `/participants/${encodeURIComponent(participantId)}/${action}`), {}));
    },
  };
}

const text = (value: string, description: string): OptionSpec => ({ type: 'string', value, description });

export const WEBINAR_COMMANDS: readonly CommandSpec[] = [
  {
    name: 'webinars start',
    summary: 'the host starts a webinar (--practice: its practice session; again without it: it goes live)',
    ...one,
    options: { practice: { type: 'boolean', description: 'start the practice session (attendees wait)' } },
    async run({ out, client, positionals, values }) {
      printInstance(out, await client.post<InstanceView>(path(positionals[0]!, '/start'), { practice_session: values.practice === true }));
    },
  },
  {
    name: 'webinars live',
    summary: 'the live instance of a webinar and who is in it',
    ...one,
    options: {},
    async run({ out, client, positionals }) {
      printInstance(out, await client.get<InstanceView>(path(positionals[0]!, '/live')));
    },
  },
  {
    name: 'webinars join',
    summary: 'an attendee or panelist joins (answers its participant id)',
    ...one,
    options: {
      name: text('NAME', "the participant's name (required)"),
      email: text('EMAIL', "the participant's email (required)"),
      role: text('ROLE', 'attendee (default) or panelist'),
      registrant: text('REGISTRANT_ID', 'the registrant joining (webinars with registration)'),
    },
    async run({ out, client, positionals, values }) {
      const [name, email] = required('join', ['name', str(values.name)], ['email', str(values.email)]);
      const body: Record<string, string> = { name: name!, email: email! };
      if (str(values.role)) body.role = str(values.role)!;
      if (str(values.registrant)) body.registrant_id = str(values.registrant)!;
      printParticipant(out, await client.post<ParticipantView>(path(positionals[0]!, '/participants'), body));
    },
  },
  participantCommand('leave', 'leave', 'a participant leaves'),
  participantCommand('raise-hand', 'raise_hand', 'an attendee raises their hand'),
  participantCommand('lower-hand', 'lower_hand', 'an attendee lowers their hand'),
  {
    name: 'webinars ask',
    summary: 'an attendee asks a question (answers its question id)',
    ...one,
    options: {
      participant: text('PARTICIPANT_ID', 'who asks (required)'),
      question: text('TEXT', 'the question (required)'),
      anonymous: { type: 'boolean', description: 'ask anonymously' },
    },
    async run({ out, client, positionals, values }) {
      const [participant, question] = required('ask', ['participant', str(values.participant)], ['question', str(values.question)]);
      printQuestion(out, await client.post<QuestionView>(path(positionals[0]!, '/questions'), { participant_id: participant, question, anonymous: values.anonymous === true }));
    },
  },
  {
    name: 'webinars answer-question',
    summary: 'the host or a panelist answers a question (--live: answered live)',
    ...two('QUESTION_ID'),
    options: {
      answer: text('TEXT', 'the answer'),
      by: text('PARTICIPANT_ID', 'the panelist answering (default: the host)'),
      private: { type: 'boolean', description: 'only the asker sees it' },
      live: { type: 'boolean', description: 'answered live' },
    },
    async run({ out, client, positionals, values }) {
      const [webinarId, questionId] = positionals as [string, string];
      const body: Record<string, unknown> = { private: values.private === true, live: values.live === true };
      if (str(values.answer) !== undefined) body.answer = str(values.answer);
      if (str(values.by) !== undefined) body.participant_id = str(values.by);
      printQuestion(out, await client.post<QuestionView>(path(webinarId, `/questions/${encodeURIComponent(questionId)}/answers`), body));
    },
  },
  {
    name: 'webinars dismiss',
    summary: 'dismiss a question',
    ...two('QUESTION_ID'),
    options: {},
    async run({ out, client, positionals }) {
      const [webinarId, questionId] = positionals as [string, string];
      printQuestion(out, await client.post<QuestionView>(path(webinarId, `/questions/${encodeURIComponent(questionId)}/dismiss`), {}));
    },
  },
  {
    name: 'webinars questions',
    summary: 'the questions asked so far, with their answers',
    ...one,
    options: {},
    async run({ out, client, positionals }) {
      const r = await client.get<{ questions: QuestionView[] }>(path(positionals[0]!, '/questions'));
      if (out.json) return out.data(r);
      table(out, ['QUESTION ID', 'ASKED BY', 'STATUS', 'QUESTION'], r.questions.map((q) => [q.question_id, q.anonymous ? 'anonymous' : q.participant_id, q.status, q.question]));
    },
  },
  {
    name: 'webinars end',
    summary: 'end a live webinar (as PUT /v2/webinars/{id}/status {"action":"end"} does)',
    ...one,
    options: {},
    async run({ out, client, positionals }) {
      printInstance(out, await client.post<InstanceView>(path(positionals[0]!, '/end'), {}));
    },
  },
];
