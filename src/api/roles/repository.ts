// The only SQL for roles. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { RoleData } from './model.ts';

interface RoleRow {
  id: string;
  data: string;
}

export interface StoredRole {
  id: string;
  data: RoleData;
}

const fromRow = (r: RoleRow): StoredRole => ({ id: r.id, data: JSON.parse(r.data) as RoleData });

export async function getRole(db: Queryable, accountId: string, roleId: string): Promise<StoredRole | undefined> {
  const r = await db.get<RoleRow>('SELECT id, data FROM roles WHERE account_id = ? AND id = ?', [accountId, roleId]);
  return r && fromRow(r);
}

export async function listRoles(db: Queryable, accountId: string): Promise<StoredRole[]> {
  const rows = await db.all<RoleRow>('SELECT id, data FROM roles WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map(fromRow);
}

export async function roleIdByName(db: Queryable, accountId: string, name: string): Promise<string | undefined> {
  const r = await db.get<{ id: string }>('SELECT id FROM roles WHERE account_id = ? AND name_key = ?', [accountId, name.trim().toLowerCase()]);
  return r?.id;
}

export async function upsertRole(db: Queryable, accountId: string, id: string, data: RoleData, createdAt: string): Promise<void> {
  await db.run(
    'INSERT INTO roles (account_id, id, name_key, created_at, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, id) DO UPDATE SET name_key = excluded.name_key, data = excluded.data',
    [accountId, id, data.name.trim().toLowerCase(), createdAt, JSON.stringify(data)],
  );
}

export async function deleteRole(db: Queryable, accountId: string, roleId: string): Promise<void> {
  await db.run('DELETE FROM roles WHERE account_id = ? AND id = ?', [accountId, roleId]);
}
