// The only SQL of TSP. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { TspSettings, TspUser } from './model.ts';

export async function getSettings(db: Queryable, accountId: string): Promise<Partial<TspSettings> | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM tsp_settings WHERE account_id = ?', [accountId]);
  return r && (JSON.parse(r.data) as Partial<TspSettings>);
}

export async function putSettings(db: Queryable, accountId: string, s: TspSettings): Promise<void> {
  const done = await db.run('UPDATE tsp_settings SET data = ? WHERE account_id = ?', [JSON.stringify(s), accountId]);
  if (done.changes === 0) await db.run('INSERT INTO tsp_settings (account_id, data) VALUES (?, ?)', [accountId, JSON.stringify(s)]);
}

export async function getUser(db: Queryable, accountId: string, userId: string): Promise<TspUser> {
  const r = await db.get<{ data: string }>('SELECT data FROM tsp_users WHERE account_id = ? AND user_id = ?', [accountId, userId]);
  return r ? (JSON.parse(r.data) as TspUser) : { tsp_accounts: [] };
}

export async function putUser(db: Queryable, accountId: string, userId: string, u: TspUser): Promise<void> {
  const done = await db.run('UPDATE tsp_users SET data = ? WHERE account_id = ? AND user_id = ?', [JSON.stringify(u), accountId, userId]);
  if (done.changes === 0) await db.run('INSERT INTO tsp_users (account_id, user_id, data) VALUES (?, ?, ?)', [accountId, userId, JSON.stringify(u)]);
}
