// The only SQL of tracking fields. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import { fieldKey, type TrackingField } from './model.ts';

export async function getField(db: Queryable, accountId: string, id: string): Promise<TrackingField | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM tracking_fields WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as TrackingField);
}

export async function getFieldByName(db: Queryable, accountId: string, field: string): Promise<TrackingField | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM tracking_fields WHERE account_id = ? AND field_key = ?', [accountId, fieldKey(field)]);
  return r && (JSON.parse(r.data) as TrackingField);
}

/** Every field of the account, oldest first (meetings read them all to check what they are given). */
export async function listFields(db: Queryable, accountId: string): Promise<TrackingField[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM tracking_fields WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map((r) => JSON.parse(r.data) as TrackingField);
}

export async function insertField(db: Queryable, accountId: string, f: TrackingField, now: string): Promise<void> {
  await db.run('INSERT INTO tracking_fields (account_id, id, field_key, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, f.id, fieldKey(f.field), JSON.stringify(f), now]);
}

export async function updateField(db: Queryable, accountId: string, f: TrackingField): Promise<void> {
  await db.run('UPDATE tracking_fields SET field_key = ?, data = ? WHERE account_id = ? AND id = ?', [fieldKey(f.field), JSON.stringify(f), accountId, f.id]);
}

export async function deleteField(db: Queryable, accountId: string, id: string): Promise<number> {
  return (await db.run('DELETE FROM tracking_fields WHERE account_id = ? AND id = ?', [accountId, id])).changes;
}
