// Server-wide secrets (token and page-token signing keys) live in the database
// so that every instance on one PostgreSQL signs and checks alike.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';

export async function serverSecret(db: Db, name: string): Promise<Buffer> {
  const key = `secret:${name}`;
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, randomBytes(32).toString('base64')]);
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
  return Buffer.from(row!.value, 'base64');
}
