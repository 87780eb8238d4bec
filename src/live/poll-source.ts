// The polls of a session, as the scheduling side stores them (src/shared/polls/).
import type { Queryable } from '../storage/db.ts';
import type { SessionKind } from './model.ts';

export interface PollQuestion {
  name: string;
  type: string;
  answers?: string[];
  answer_required?: boolean;
  rating_min_value?: number;
  rating_max_value?: number;
  answer_min_character?: number;
  answer_max_character?: number;
}

export interface PollOfSession {
  id: string;
  questions: PollQuestion[];
}

export async function findPoll(_db: Queryable, _accountId: string, _kind: SessionKind, _sessionId: string, _pollId: string): Promise<PollOfSession | undefined> {
  return undefined;
}
