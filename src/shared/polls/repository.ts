// The only SQL of polls (of meetings and webinars). Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { PollData, PollRecord, PollStatus } from './model.ts';

interface Row {
  id: string;
  owner_kind: string;
  owner_id: string;
  status: string;
  created_at: string;
  data: string;
}
const fromRow = (r: Row): PollRecord => ({
  id: r.id,
  owner_kind: r.owner_kind as PollRecord['owner_kind'],
  owner_id: r.owner_id,
  status: r.status as PollStatus,
  created_at: r.created_at,
  data: JSON.parse(r.data) as PollData,
});

export async function getPoll(db: Queryable, accountId: string, kind: PollRecord['owner_kind'], ownerId: string, pollId: string): Promise<PollRecord | undefined> {
  const r = await db.get<Row>('SELECT id, owner_kind, owner_id, status, created_at, data FROM polls WHERE account_id = ? AND id = ? AND owner_kind = ? AND owner_id = ?', [
    accountId,
    pollId,
    kind,
    ownerId,
  ]);
  return r && fromRow(r);
}

/** The polls of a meeting or webinar, in the order they were created. */
export async function listPolls(db: Queryable, accountId: string, kind: PollRecord['owner_kind'], ownerId: string): Promise<PollRecord[]> {
  const rows = await db.all<Row>(
    'SELECT id, owner_kind, owner_id, status, created_at, data FROM polls WHERE account_id = ? AND owner_kind = ? AND owner_id = ? ORDER BY created_at, id',
    [accountId, kind, ownerId],
  );
  return rows.map(fromRow);
}

export async function countPolls(db: Queryable, accountId: string, kind: PollRecord['owner_kind'], ownerId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM polls WHERE account_id = ? AND owner_kind = ? AND owner_id = ?', [accountId, kind, ownerId]);
  return Number(r?.n ?? 0);
}

export async function insertPoll(db: Queryable, accountId: string, p: PollRecord): Promise<void> {
  await db.run('INSERT INTO polls (account_id, id, owner_kind, owner_id, status, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    p.id,
    p.owner_kind,
    p.owner_id,
    p.status,
    p.created_at,
    JSON.stringify(p.data),
  ]);
}

export async function updatePoll(db: Queryable, accountId: string, p: PollRecord): Promise<void> {
  await db.run('UPDATE polls SET status = ?, data = ? WHERE account_id = ? AND id = ?', [p.status, JSON.stringify(p.data), accountId, p.id]);
}

export async function deletePoll(db: Queryable, accountId: string, pollId: string): Promise<void> {
  await db.run('DELETE FROM polls WHERE account_id = ? AND id = ?', [accountId, pollId]);
}
