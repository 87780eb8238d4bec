// The only SQL for information barrier policies. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { Policy } from './model.ts';

interface PolicyRow {
  data: string;
}

const fromRow = (r: PolicyRow): Policy => JSON.parse(r.data) as Policy;

export async function getPolicy(db: Queryable, accountId: string, id: string): Promise<Policy | undefined> {
  const r = await db.get<PolicyRow>('SELECT data FROM information_barrier_policies WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && fromRow(r);
}

/** The id of the policy between these groups, if any. */
export async function policyForPair(db: Queryable, accountId: string, assigned: string, to: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>(
    'SELECT id FROM information_barrier_policies WHERE account_id = ? AND assigned_group_id = ? AND to_group_id = ?',
    [accountId, assigned, to],
  );
  return r?.id;
}

export async function listPolicies(db: Queryable, accountId: string, limit: number, offset: number): Promise<{ total: number; policies: Policy[] }> {
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM information_barrier_policies WHERE account_id = ?', [accountId]);
  const rows = await db.all<PolicyRow>(
    'SELECT data FROM information_barrier_policies WHERE account_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?',
    [accountId, limit, offset],
  );
  return { total: Number(count?.n ?? 0), policies: rows.map(fromRow) };
}

export async function insertPolicy(db: Queryable, accountId: string, p: Policy, createdAt: string): Promise<void> {
  await db.run(
    'INSERT INTO information_barrier_policies (account_id, id, assigned_group_id, to_group_id, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
    [accountId, p.id, p.assigned_group_id, p.to_group_id, createdAt, JSON.stringify(p)],
  );
}

export async function updatePolicy(db: Queryable, accountId: string, p: Policy): Promise<void> {
  await db.run('UPDATE information_barrier_policies SET assigned_group_id = ?, to_group_id = ?, data = ? WHERE account_id = ? AND id = ?', [
    p.assigned_group_id,
    p.to_group_id,
    JSON.stringify(p),
    accountId,
    p.id,
  ]);
}

export async function deletePolicy(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('DELETE FROM information_barrier_policies WHERE account_id = ? AND id = ?', [accountId, id]);
}

/** Every active policy of the account (the chat, meeting and phone checks consult them). */
export async function activePolicies(db: Queryable, accountId: string): Promise<Policy[]> {
  const rows = await db.all<PolicyRow>('SELECT data FROM information_barrier_policies WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map(fromRow).filter((p) => p.status === 1);
}
