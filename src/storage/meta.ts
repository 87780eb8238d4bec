// Server-wide values that every instance on one database shares: secrets
// (token and page-token signing keys), the deployment's id, the clock's state.
import { randomBytes } from 'node:crypto';
import type { ClockState } from '../core/clock.ts';
import type { Queryable } from './db.ts';

export async function serverSecret(db: Queryable, name: string): Promise<Buffer> {
  const key = `secret:${name}`;
  await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, randomBytes(32).toString('base64')]);
  const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
  return Buffer.from(row!.value, 'base64');
}

/** Names this deployment in stores it may share with others (Redis keys). */
export async function deploymentId(db: Queryable): Promise<string> {
  return (await serverSecret(db, 'deployment')).toString('hex').slice(0, 16);
}

export async function readClock(db: Queryable): Promise<ClockState | undefined> {
  const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'clock'");
  return row ? parseClock(row.value) : undefined;
}

export function parseClock(value: string): ClockState | undefined {
  try {
    const s = JSON.parse(value) as Partial<ClockState>;
    if (typeof s.offsetMs !== 'number' || typeof s.version !== 'number' || !(s.frozenAt === null || typeof s.frozenAt === 'number')) return undefined;
    return { offsetMs: s.offsetMs, frozenAt: s.frozenAt, version: s.version };
  } catch {
    return undefined;
  }
}

/**
 * Stores a clock state under the next version. The version row is bumped
 * first: its row lock orders concurrent writers, so versions follow commit
 * order and every instance ends on the last committed state.
 */
export async function writeClock(tx: Queryable, state: Omit<ClockState, 'version'>): Promise<void> {
  const bumped = await tx.get<{ value: string }>(
    "INSERT INTO meta (key, value) VALUES ('clock_version', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT) RETURNING value",
  );
  const value = JSON.stringify({ offsetMs: state.offsetMs, frozenAt: state.frozenAt, version: Number(bumped!.value) });
  await tx.run("INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [value]);
}
