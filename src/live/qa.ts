// Q&A while live (webinars, and meetings with Q&A on): attendees ask (named or
// anonymous, as the session's Q&A settings allow), the host and panelists
// answer in text or live, publicly or privately, or dismiss; and raised hands.
// Past webinars list the questions and their answers (List Q&A of past
// webinar); the Q&A reports read them too.
import { Errors } from '../core/errors.ts';
import { zoomId } from '../core/ids.ts';
import { readBody } from '../control/schemas.ts';
import type { Queryable } from '../storage/db.ts';
import type { KindRoutes, LiveSession } from './control.ts';
import type { LiveTx } from './engine.ts';
import { rowId, seconds, stamp, type InstanceRecord, type ParticipantRecord } from './model.ts';
import * as repo from './repository.ts';

export interface QaSettings {
  enable?: boolean;
  allow_submit_questions?: boolean;
  allow_anonymous_questions?: boolean;
}

export interface Answer {
  answer: string;
  private: boolean;
  live: boolean;
  answered_by: string;
  answered_at: string;
}

export interface QuestionRecord {
  id: string;
  participant_id: string;
  question: string;
  anonymous: boolean;
  status: 'open' | 'answered' | 'dismissed';
  asked_at: string;
  answers: Answer[];
}

interface Row {
  id: string;
  participant_id: string;
  question: string;
  anonymous: number;
  status: string;
  asked_at: string;
  data: string;
}

const fromRow = (r: Row): QuestionRecord => ({
  id: r.id,
  participant_id: r.participant_id,
  question: r.question,
  anonymous: Number(r.anonymous) === 1,
  status: r.status as QuestionRecord['status'],
  asked_at: r.asked_at,
  answers: (JSON.parse(r.data) as { answers: Answer[] }).answers,
});

async function getQuestion(db: Queryable, i: InstanceRecord, id: string): Promise<QuestionRecord | undefined> {
  const r = await db.get<Row>('SELECT id, participant_id, question, anonymous, status, asked_at, data FROM live_questions WHERE account_id = ? AND instance_uuid = ? AND id = ?', [
    i.account_id,
    i.uuid,
    id,
  ]);
  return r && fromRow(r);
}

export async function questionsOf(db: Queryable, i: InstanceRecord): Promise<QuestionRecord[]> {
  const rows = await db.all<Row>(
    'SELECT id, participant_id, question, anonymous, status, asked_at, data FROM live_questions WHERE account_id = ? AND instance_uuid = ? ORDER BY asked_at, id',
    [i.account_id, i.uuid],
  );
  return rows.map(fromRow);
}

export function questionView(q: QuestionRecord) {
  return {
    question_id: q.id,
    participant_id: q.participant_id,
    question: q.question,
    anonymous: q.anonymous,
    status: q.status,
    asked_at: seconds(q.asked_at),
    answers: q.answers.map((a) => ({ ...a, answered_at: seconds(a.answered_at) })),
  };
}

/** An attendee in the session asks a question; the session's Q&A settings decide whether (and anonymously). */
export async function ask(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, qa: QaSettings, question: string, anonymous: boolean): Promise<QuestionRecord> {
  if (qa.enable === false || qa.allow_submit_questions === false) throw Errors.liveConflict(`Q&A is off for this ${i.kind}.`);
  if (anonymous && qa.allow_anonymous_questions === false) throw Errors.liveConflict(`This ${i.kind} does not allow anonymous questions.`);
  if (p.role !== 'attendee') throw Errors.liveConflict('Only attendees ask questions.');
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the ${i.kind}.`);
  const q: QuestionRecord = { id: zoomId(), participant_id: p.id, question, anonymous, status: 'open', asked_at: stamp(t.now), answers: [] };
  await t.db.run(
    'INSERT INTO live_questions (account_id, instance_uuid, id, participant_id, question, anonymous, status, asked_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [i.account_id, i.uuid, q.id, p.id, question, anonymous ? 1 : 0, q.status, q.asked_at, JSON.stringify({ answers: [] })],
  );
  return q;
}

async function save(t: LiveTx, i: InstanceRecord, q: QuestionRecord): Promise<void> {
  await t.db.run('UPDATE live_questions SET status = ?, data = ? WHERE account_id = ? AND instance_uuid = ? AND id = ?', [
    q.status,
    JSON.stringify({ answers: q.answers }),
    i.account_id,
    i.uuid,
    q.id,
  ]);
}

async function findQuestion(t: LiveTx, i: InstanceRecord, id: string): Promise<QuestionRecord> {
  const q = await getQuestion(t.db, i, id);
  if (!q) throw Errors.liveConflict(`Question ${id} is not a question of this ${i.kind}.`);
  return q;
}

/** The host or a panelist in the session answers (text or live, public or private); answering a dismissed question reopens it. */
export async function answer(t: LiveTx, i: InstanceRecord, id: string, by: ParticipantRecord | undefined, body: { answer?: string; private?: boolean; live?: boolean }): Promise<QuestionRecord> {
  const q = await findQuestion(t, i, id);
  if (by && (by.role === 'attendee' || by.status !== 'in_meeting')) throw Errors.liveConflict(`Participant ${by.id} cannot answer: only the host and panelists in the ${i.kind} answer.`);
  const live = body.live === true;
  if (!live && (body.answer ?? '').trim() === '') throw Errors.validation([{ field: 'answer', message: 'Missing field.' }]);
  q.answers.push({ answer: body.answer ?? '', private: body.private === true, live, answered_by: by?.id ?? i.host_id, answered_at: stamp(t.now) });
  q.status = 'answered';
  await save(t, i, q);
  return q;
}

export async function dismiss(t: LiveTx, i: InstanceRecord, id: string): Promise<QuestionRecord> {
  const q = await findQuestion(t, i, id);
  if (q.status === 'dismissed') throw Errors.liveConflict(`Question ${id} is already dismissed.`);
  q.status = 'dismissed';
  await save(t, i, q);
  return q;
}

/** An attendee raises (or lowers) their hand: an open `raised_hand` interval while raised. */
export async function hand(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, raise: boolean): Promise<{ participant_id: string; hand_raised: boolean }> {
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the ${i.kind}.`);
  const open = (await repo.openIntervals(t.db, i.account_id, i.uuid, 'raised_hand')).find((h) => h.participant_id === p.id);
  if (raise && !open) {
    await repo.openInterval(t.db, i.account_id, i.uuid, { id: rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), kind: 'raised_hand', participant_id: p.id, started_at: stamp(t.now), ended_at: null, data: {} });
  } else if (!raise && open) await repo.closeInterval(t.db, i.account_id, i.uuid, open.id, stamp(t.now));
  return { participant_id: p.id, hand_raised: raise };
}

/** Zoom's past Q&A: each asker with their questions and the answers given (anonymous askers unnamed). */
export async function pastQuestions(db: Queryable, i: InstanceRecord) {
  const out = new Map<string, { name: string; email: string; question_details: Array<{ question: string; answer: string }> }>();
  for (const q of await questionsOf(db, i)) {
    const p = await repo.getParticipant(db, i.account_id, i.uuid, q.participant_id);
    const key = q.anonymous ? `anonymous:${q.id}` : q.participant_id;
    let entry = out.get(key);
    if (!entry) out.set(key, (entry = { name: q.anonymous ? 'Anonymous Attendee' : (p?.name ?? ''), email: q.anonymous ? '' : (p?.email ?? ''), question_details: [] }));
    entry.question_details.push({ question: q.question, answer: q.answers.map((a) => (a.live ? 'live answered' : a.answer)).join('; ') });
  }
  return [...out.values()];
}

type Schema = Record<string, unknown>;
const closed = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });
const QA_BODIES = {
  none: closed({}),
  question: closed({ participant_id: { type: 'string', minLength: 1, maxLength: 64 }, question: { type: 'string', minLength: 1, maxLength: 1024, pattern: '\\S' }, anonymous: { type: 'boolean' } }, [
    'participant_id',
    'question',
  ]),
  answer: closed({ answer: { type: 'string', maxLength: 1024 }, private: { type: 'boolean' }, live: { type: 'boolean' }, participant_id: { type: 'string', minLength: 1, maxLength: 64 } }),
};

/**
 * Q&A on the control plane (`…/questions`, `…/questions/{id}/answers`, `…/questions/{id}/dismiss`)
 * for a kind whose sessions have Q&A; `settingsOf` reads the session's Q&A settings.
 */
export function qaRoutes(r: KindRoutes, settingsOf: (t: LiveTx, session: LiveSession) => Promise<QaSettings>): void {
  const { c, base, act, needLive, participantOf } = r;
  type P = { id: string };
  c.get<{ Params: P }>(`${base}/questions`, async (req) =>
    act(req.params.id, async (t, session, live) => ({ questions: (await questionsOf(t.db, needLive(session, live))).map(questionView) })),
  );
  c.post<{ Params: P }>(`${base}/questions`, async (req, reply) => {
    const body = readBody<{ participant_id: string; question: string; anonymous?: boolean }>(req, QA_BODIES.question);
    const q = await act(req.params.id, async (t, session, live) => {
      const i = needLive(session, live);
      const p = await participantOf(t, i, body.participant_id);
      return ask(t, i, p, await settingsOf(t, session), body.question, body.anonymous === true);
    });
    return reply.code(201).send(questionView(q));
  });
  c.post<{ Params: P & { questionId: string } }>(`${base}/questions/:questionId/answers`, async (req, reply) => {
    const body = readBody<{ answer?: string; private?: boolean; live?: boolean; participant_id?: string }>(req, QA_BODIES.answer);
    const q = await act(req.params.id, async (t, session, live) => {
      const i = needLive(session, live);
      const by = body.participant_id !== undefined ? await participantOf(t, i, body.participant_id) : undefined;
      return answer(t, i, req.params.questionId, by, body);
    });
    return reply.code(201).send(questionView(q));
  });
  c.post<{ Params: P & { questionId: string } }>(`${base}/questions/:questionId/dismiss`, async (req) => {
    readBody(req, QA_BODIES.none);
    return questionView(await act(req.params.id, async (t, session, live) => dismiss(t, needLive(session, live), req.params.questionId)));
  });
}
