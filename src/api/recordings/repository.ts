// The only SQL of cloud recordings. Every statement takes the account id first,
// except the server's sweeps (due processing, purge), which cross accounts.
import type { Cursor } from '../../core/pagination.ts';
import type { Param, Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { FileRecord, RecordingRecord } from './model.ts';

interface RecordingRow {
  account_id: string;
  uuid: string;
  kind: string;
  meeting_id: string;
  host_id: string;
  start_time: string;
  status: string;
  ended_at: string;
  trashed_at: string | null;
  total_size: number | string;
  secret: string;
  data: string;
}

const recordingOf = (r: RecordingRow): RecordingRecord => ({
  account_id: r.account_id,
  uuid: r.uuid,
  kind: r.kind as RecordingRecord['kind'],
  meeting_id: r.meeting_id,
  host_id: r.host_id,
  start_time: r.start_time,
  status: r.status as RecordingRecord['status'],
  ended_at: r.ended_at,
  trashed_at: r.trashed_at,
  total_size: Number(r.total_size),
  secret: r.secret,
  data: JSON.parse(r.data),
});

interface FileRow {
  account_id: string;
  id: string;
  meeting_uuid: string;
  position: number | string;
  archive: number | string;
  recording_type: string;
  file_type: string;
  file_extension: string;
  recording_start: string;
  recording_end: string;
  file_size: number | string;
  storage_key: string;
  trashed_at: string | null;
  data: string;
}

const fileOf = (r: FileRow): FileRecord => ({
  account_id: r.account_id,
  id: r.id,
  meeting_uuid: r.meeting_uuid,
  position: Number(r.position),
  archive: Number(r.archive) === 1,
  recording_type: r.recording_type,
  file_type: r.file_type,
  file_extension: r.file_extension,
  recording_start: r.recording_start,
  recording_end: r.recording_end,
  file_size: Number(r.file_size),
  storage_key: r.storage_key,
  trashed_at: r.trashed_at,
  data: JSON.parse(r.data),
});

export async function insertRecording(db: Queryable, accountId: string, r: RecordingRecord): Promise<void> {
  await db.run(
    'INSERT INTO recordings (account_id, uuid, kind, meeting_id, host_id, start_time, status, ended_at, trashed_at, total_size, secret, share_token, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, r.uuid, r.kind, r.meeting_id, r.host_id, r.start_time, r.status, r.ended_at, r.trashed_at, r.total_size, r.secret, r.data.share_token, JSON.stringify(r.data)],
  );
}

export async function updateRecording(db: Queryable, accountId: string, r: RecordingRecord): Promise<void> {
  await db.run('UPDATE recordings SET status = ?, trashed_at = ?, total_size = ?, data = ? WHERE account_id = ? AND uuid = ?', [
    r.status,
    r.trashed_at,
    r.total_size,
    JSON.stringify(r.data),
    accountId,
    r.uuid,
  ]);
}

/** The recording a share link names (share tokens are unique across the server: the link names no account). */
export async function recordingByShareToken(db: Queryable, token: string): Promise<RecordingRecord | undefined> {
  const r = await db.get<RecordingRow>("SELECT * FROM recordings WHERE share_token = ? AND status = 'completed'", [token]);
  return r && recordingOf(r);
}

export async function getRecording(db: Queryable, accountId: string, uuid: string): Promise<RecordingRecord | undefined> {
  const r = await db.get<RecordingRow>('SELECT * FROM recordings WHERE account_id = ? AND uuid = ?', [accountId, uuid]);
  return r && recordingOf(r);
}

/** The session's latest completed recording that is not purged (a meeting number names it). */
export async function latestRecording(db: Queryable, accountId: string, meetingId: string, purgeBefore: string): Promise<RecordingRecord | undefined> {
  const r = await db.get<RecordingRow>(
    "SELECT * FROM recordings WHERE account_id = ? AND meeting_id = ? AND status = 'completed' AND (trashed_at IS NULL OR trashed_at > ?) ORDER BY start_time DESC LIMIT 1",
    [accountId, meetingId, purgeBefore],
  );
  return r && recordingOf(r);
}

/** Removes a recording with its files, views and downloads; its files' bytes go to the collector. */
export async function deleteRecording(db: Queryable, accountId: string, uuid: string): Promise<void> {
  await db.run('INSERT INTO recording_garbage (account_id, storage_key) SELECT account_id, storage_key FROM recording_files WHERE account_id = ? AND meeting_uuid = ?', [accountId, uuid]);
  await db.run('DELETE FROM recording_files WHERE account_id = ? AND meeting_uuid = ?', [accountId, uuid]);
  await db.run('DELETE FROM recording_analytics WHERE account_id = ? AND meeting_uuid = ?', [accountId, uuid]);
  await db.run('DELETE FROM recordings WHERE account_id = ? AND uuid = ?', [accountId, uuid]);
}

/** Recordings still processing, across accounts (the server's sweep decides which are due). */
export async function processingRecordings(db: Queryable, limit = 200): Promise<RecordingRecord[]> {
  const rows = await db.all<RecordingRow>("SELECT * FROM recordings WHERE status = 'processing' ORDER BY ended_at LIMIT ?", [limit]);
  return rows.map(recordingOf);
}

/** Trash older than the cutoff, across accounts: whole recordings, and single files. */
export async function purgeable(db: Queryable, cutoff: string, limit = 100): Promise<{ recordings: Array<{ account_id: string; uuid: string }>; files: Array<{ account_id: string; id: string }> }> {
  return {
    recordings: await db.all('SELECT account_id, uuid FROM recordings WHERE trashed_at IS NOT NULL AND trashed_at <= ? LIMIT ?', [cutoff, limit]),
    files: await db.all('SELECT account_id, id FROM recording_files WHERE trashed_at IS NOT NULL AND trashed_at <= ? LIMIT ?', [cutoff, limit]),
  };
}

// ---- Files ----

export async function insertFile(db: Queryable, accountId: string, f: FileRecord): Promise<void> {
  await db.run(
    'INSERT INTO recording_files (account_id, id, meeting_uuid, position, archive, recording_type, file_type, file_extension, recording_start, recording_end, file_size, storage_key, trashed_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [accountId, f.id, f.meeting_uuid, f.position, f.archive ? 1 : 0, f.recording_type, f.file_type, f.file_extension, f.recording_start, f.recording_end, f.file_size, f.storage_key, f.trashed_at, JSON.stringify(f.data)],
  );
}

export async function getFile(db: Queryable, accountId: string, id: string): Promise<FileRecord | undefined> {
  const r = await db.get<FileRow>('SELECT * FROM recording_files WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && fileOf(r);
}

export async function setFileTrash(db: Queryable, accountId: string, id: string, trashedAt: string | null): Promise<void> {
  await db.run('UPDATE recording_files SET trashed_at = ? WHERE account_id = ? AND id = ?', [trashedAt, accountId, id]);
}

export async function deleteFile(db: Queryable, accountId: string, id: string): Promise<void> {
  await db.run('INSERT INTO recording_garbage (account_id, storage_key) SELECT account_id, storage_key FROM recording_files WHERE account_id = ? AND id = ?', [accountId, id]);
  await db.run('DELETE FROM recording_files WHERE account_id = ? AND id = ?', [accountId, id]);
}

/** A recording's files in order: cloud files, or archived ones. */
export async function filesOf(db: Queryable, accountId: string, uuid: string, archive = false): Promise<FileRecord[]> {
  const rows = await db.all<FileRow>('SELECT * FROM recording_files WHERE account_id = ? AND meeting_uuid = ? AND archive = ? ORDER BY position', [accountId, uuid, archive ? 1 : 0]);
  return rows.map(fileOf);
}

/** The files of several recordings at once (one page of a list), grouped by recording. */
export async function filesOfMany(db: Queryable, accountId: string, uuids: readonly string[], archive = false): Promise<Map<string, FileRecord[]>> {
  const out = new Map<string, FileRecord[]>(uuids.map((u) => [u, []]));
  if (uuids.length === 0) return out;
  const rows = await db.all<FileRow>(
    `SELECT * FROM recording_files WHERE account_id = ? AND archive = ? AND meeting_uuid IN (${uuids.map(() => '?').join(', ')}) ORDER BY meeting_uuid, position`,
    [accountId, archive ? 1 : 0, ...uuids],
  );
  for (const r of rows) out.get(r.meeting_uuid)?.push(fileOf(r));
  return out;
}

/** Storage keys whose rows are gone, across accounts (the collector's work). */
export async function garbage(db: Queryable, limit = 200): Promise<Array<{ account_id: string; storage_key: string }>> {
  return db.all('SELECT account_id, storage_key FROM recording_garbage LIMIT ?', [limit]);
}

export async function dropGarbage(db: Queryable, accountId: string, key: string): Promise<void> {
  await db.run('DELETE FROM recording_garbage WHERE account_id = ? AND storage_key = ?', [accountId, key]);
}

/** Bytes the account's recordings hold (trash included, as Zoom counts it), purged ones aside. */
export async function storageUsed(db: Queryable, accountId: string, purgeBefore: string): Promise<number> {
  const r = await db.get<{ used: number | string | null }>(
    `SELECT SUM(f.file_size) AS used FROM recording_files f JOIN recordings r ON r.account_id = f.account_id AND r.uuid = f.meeting_uuid
     WHERE f.account_id = ? AND f.archive = 0 AND (f.trashed_at IS NULL OR f.trashed_at > ?) AND (r.trashed_at IS NULL OR r.trashed_at > ?)`,
    [accountId, purgeBefore, purgeBefore],
  );
  return Number(r?.used ?? 0);
}

// ---- Lists ----

export interface RecordingFilter {
  hostId?: string;
  meetingId?: string;
  /** Inclusive ISO bounds on start_time (not applied to trash lists, as Zoom does). */
  from?: string;
  to?: string;
  /** '' for the recordings in use; 'meeting_recordings' or 'recording_file' for the trash. */
  trash: '' | 'meeting_recordings' | 'recording_file';
  purgeBefore: string;
  /** Archived files instead of cloud recording files. */
  archive?: boolean;
}

function where(accountId: string, f: RecordingFilter): { sql: string; params: Param[] } {
  const parts = ["r.account_id = ?", "r.status = 'completed'"];
  const params: Param[] = [accountId];
  if (f.hostId !== undefined) {
    parts.push('r.host_id = ?');
    params.push(f.hostId);
  }
  if (f.meetingId !== undefined) {
    parts.push('r.meeting_id = ?');
    params.push(f.meetingId);
  }
  const archive = f.archive ? 1 : 0;
  if (f.trash === '') {
    if (f.from !== undefined && f.to !== undefined) {
      parts.push('r.start_time >= ? AND r.start_time <= ?');
      params.push(f.from, f.to);
    }
    parts.push('r.trashed_at IS NULL');
    parts.push('EXISTS (SELECT 1 FROM recording_files x WHERE x.account_id = r.account_id AND x.meeting_uuid = r.uuid AND x.archive = ? AND x.trashed_at IS NULL)');
    params.push(archive);
  } else if (f.trash === 'meeting_recordings') {
    parts.push('r.trashed_at IS NOT NULL AND r.trashed_at > ?');
    params.push(f.purgeBefore);
  } else {
    parts.push('r.trashed_at IS NULL');
    parts.push('EXISTS (SELECT 1 FROM recording_files x WHERE x.account_id = r.account_id AND x.meeting_uuid = r.uuid AND x.archive = 0 AND x.trashed_at IS NOT NULL AND x.trashed_at > ?)');
    params.push(f.purgeBefore);
  }
  return { sql: parts.join(' AND '), params };
}

export async function countRecordings(db: Queryable, accountId: string, f: RecordingFilter): Promise<number> {
  const w = where(accountId, f);
  const r = await db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM recordings r WHERE ${w.sql}`, w.params);
  return Number(r?.n ?? 0);
}

export async function listRecordings(db: Queryable, accountId: string, f: RecordingFilter, page: PageWindow): Promise<{ recordings: RecordingRecord[]; last?: Cursor }> {
  const w = where(accountId, f);
  const tail = pageSql(page, 'r.start_time', 'r.uuid');
  const rows = await db.all<RecordingRow>(`SELECT r.* FROM recordings r WHERE ${w.sql} ${tail.sql}`, [...w.params, ...tail.params]);
  const lastRow = rows.at(-1);
  return { recordings: rows.map(recordingOf), ...(lastRow ? { last: [lastRow.start_time, lastRow.uuid] } : {}) };
}

// ---- Analytics ----

export async function insertAnalytics(db: Queryable, accountId: string, uuid: string, row: { id: string; kind: 'view' | 'download'; at: string; name: string; email: string; duration: number }): Promise<void> {
  await db.run('INSERT INTO recording_analytics (account_id, meeting_uuid, id, kind, at, name, email, duration) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    accountId,
    uuid,
    row.id,
    row.kind,
    row.at,
    row.name,
    row.email,
    row.duration,
  ]);
}

export async function countAnalytics(db: Queryable, accountId: string, uuid: string, kind: string, from: string, to: string): Promise<number> {
  const r = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM recording_analytics WHERE account_id = ? AND meeting_uuid = ? AND kind = ? AND at >= ? AND at <= ?', [
    accountId,
    uuid,
    kind,
    from,
    to,
  ]);
  return Number(r?.n ?? 0);
}

export async function listAnalytics(
  db: Queryable,
  accountId: string,
  uuid: string,
  kind: string,
  from: string,
  to: string,
  page: PageWindow,
): Promise<{ rows: Array<{ at: string; name: string; email: string; duration: number }>; last?: Cursor }> {
  const tail = pageSql(page, 'at', 'id');
  const rows = await db.all<{ id: string; at: string; name: string; email: string; duration: number | string }>(
    `SELECT id, at, name, email, duration FROM recording_analytics WHERE account_id = ? AND meeting_uuid = ? AND kind = ? AND at >= ? AND at <= ? ${tail.sql}`,
    [accountId, uuid, kind, from, to, ...tail.params],
  );
  const lastRow = rows.at(-1);
  return { rows: rows.map((r) => ({ at: r.at, name: r.name, email: r.email, duration: Number(r.duration) })), ...(lastRow ? { last: [lastRow.at, lastRow.id] } : {}) };
}

/** Views and downloads per day (UTC) in a range. */
export async function dailyAnalytics(db: Queryable, accountId: string, uuid: string, from: string, to: string): Promise<Array<{ day: string; kind: string; n: number }>> {
  const rows = await db.all<{ day: string; kind: string; n: number | string }>(
    'SELECT SUBSTR(at, 1, 10) AS day, kind, COUNT(*) AS n FROM recording_analytics WHERE account_id = ? AND meeting_uuid = ? AND at >= ? AND at <= ? GROUP BY SUBSTR(at, 1, 10), kind ORDER BY day',
    [accountId, uuid, from, to],
  );
  return rows.map((r) => ({ day: r.day, kind: r.kind, n: Number(r.n) }));
}

// ---- Archiving (a control-plane switch per account) ----

export async function archivingEnabled(db: Queryable, accountId: string): Promise<boolean> {
  const r = await db.get<{ archiving: number | string }>('SELECT archiving FROM recording_options WHERE account_id = ?', [accountId]);
  return Number(r?.archiving ?? 0) === 1;
}

export async function setArchiving(db: Queryable, accountId: string, on: boolean): Promise<void> {
  await db.run('DELETE FROM recording_options WHERE account_id = ?', [accountId]);
  await db.run('INSERT INTO recording_options (account_id, archiving) VALUES (?, ?)', [accountId, on ? 1 : 0]);
}
