// The only SQL for settings. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';
import type { Level } from './defaults.ts';
import type { Overrides } from './model.ts';

/** A level of the settings table: account, group and user, and Zoom Rooms' account, location and room (src/api/rooms/settings.ts). */
export type StoredLevel = Level | 'zr_account' | 'zr_location' | 'zr_room';

export async function getOverrides(db: Queryable, accountId: string, level: StoredLevel, ownerId: string): Promise<Overrides> {
  const r = await db.get<{ data: string }>('SELECT data FROM settings WHERE account_id = ? AND level = ? AND owner_id = ?', [
    accountId,
    level,
    ownerId,
  ]);
  return r ? (JSON.parse(r.data) as Overrides) : {};
}

export async function putOverrides(db: Queryable, accountId: string, level: StoredLevel, ownerId: string, data: Overrides, at: string): Promise<void> {
  await db.run(
    `INSERT INTO settings (account_id, level, owner_id, updated_at, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, level, owner_id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
    [accountId, level, ownerId, at, JSON.stringify(data)],
  );
}

/** Settings of a user or group that no longer exists. */
export async function deleteOverrides(db: Queryable, accountId: string, level: StoredLevel, ownerId: string): Promise<void> {
  await db.run('DELETE FROM settings WHERE account_id = ? AND level = ? AND owner_id = ?', [accountId, level, ownerId]);
}
