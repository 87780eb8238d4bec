// The only SQL for uploaded files. Every statement takes the account id first.
import type { Queryable } from '../../storage/db.ts';

/** Whose file: a user's profile picture, or a virtual background of the account, a group or a user. */
export type FileOwner = 'picture' | 'vb_account' | 'vb_group' | 'vb_user' | 'webinar_vb' | 'webinar_wallpaper';

export interface FileRecord {
  id: string;
  owner_type: FileOwner;
  owner_id: string;
  name: string;
  mimetype: string;
  size: number;
  created_at: string;
}

interface FileRow extends FileRecord {
  account_id: string;
}

const META = 'id, owner_type, owner_id, name, mimetype, size, created_at';
const fromRow = (r: FileRow): FileRecord => ({ ...r, size: Number(r.size) });

export async function insertFile(db: Queryable, accountId: string, f: FileRecord, data: Buffer): Promise<void> {
  await db.run(
    'INSERT INTO account_files (account_id, id, owner_type, owner_id, name, mimetype, size, created_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, f.id, f.owner_type, f.owner_id, f.name, f.mimetype, f.size, f.created_at, data.toString('base64')],
  );
}

export async function listFiles(db: Queryable, accountId: string, owner: FileOwner, ownerId: string): Promise<FileRecord[]> {
  const rows = await db.all<FileRow>(
    `SELECT ${META} FROM account_files WHERE account_id = ? AND owner_type = ? AND owner_id = ? ORDER BY created_at, id`,
    [accountId, owner, ownerId],
  );
  return rows.map(fromRow);
}

export async function countFiles(db: Queryable, accountId: string, owner: FileOwner, ownerId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM account_files WHERE account_id = ? AND owner_type = ? AND owner_id = ?', [
    accountId,
    owner,
    ownerId,
  ]);
  return Number(r?.n ?? 0);
}

/** A file with its bytes, for serving it. */
export async function getFileContent(db: Queryable, accountId: string, id: string): Promise<(FileRecord & { data: Buffer }) | undefined> {
  const r = await db.get<FileRow & { content: string }>(`SELECT ${META}, content FROM account_files WHERE account_id = ? AND id = ?`, [accountId, id]);
  if (!r) return undefined;
  const { content, ...meta } = r;
  return { ...fromRow(meta as FileRow), data: Buffer.from(content, 'base64') };
}

export async function deleteFiles(db: Queryable, accountId: string, owner: FileOwner, ownerId: string, ids?: readonly string[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const where = 'account_id = ? AND owner_type = ? AND owner_id = ?';
  const r = ids
    ? await db.run(`DELETE FROM account_files WHERE ${where} AND id IN (${ids.map(() => '?').join(', ')})`, [accountId, owner, ownerId, ...ids])
    : await db.run(`DELETE FROM account_files WHERE ${where}`, [accountId, owner, ownerId]);
  return Number(r.changes ?? 0);
}

/** A user switching accounts takes their picture and backgrounds along. */
export async function moveUserFiles(db: Queryable, fromAccountId: string, toAccountId: string, userId: string): Promise<void> {
  await db.run("UPDATE account_files SET account_id = ? WHERE account_id = ? AND owner_id = ? AND owner_type IN ('picture', 'vb_user')", [
    toAccountId,
    fromAccountId,
    userId,
  ]);
}
