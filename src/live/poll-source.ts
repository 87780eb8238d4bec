// The polls of a session, as the scheduling side stores them (src/shared/polls/).
import type { Queryable } from '../storage/db.ts';
import { getPoll } from '../shared/polls/repository.ts';
import type { PollQuestion } from '../shared/polls/model.ts';
import type { SessionKind } from './model.ts';

export type { PollQuestion };

export interface PollOfSession {
  id: string;
  questions: PollQuestion[];
}

export async function findPoll(db: Queryable, accountId: string, kind: SessionKind, sessionId: string, pollId: string): Promise<PollOfSession | undefined> {
  const poll = await getPoll(db, accountId, kind, sessionId, pollId);
  return poll && { id: poll.id, questions: poll.data.questions };
}
