// The only SQL of SIP Connected Audio. Every statement takes the account id first.
import { zoomId } from '../../core/ids.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';
import type { InternalNumber, SipAudioSettings, SipTrunk } from './model.ts';

export async function getSettings(db: Queryable, accountId: string): Promise<SipAudioSettings | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM sip_audio_settings WHERE account_id = ?', [accountId]);
  return r && (JSON.parse(r.data) as SipAudioSettings);
}

export async function putSettings(db: Queryable, accountId: string, s: SipAudioSettings): Promise<void> {
  const done = await db.run('UPDATE sip_audio_settings SET data = ? WHERE account_id = ?', [JSON.stringify(s), accountId]);
  if (done.changes === 0) await db.run('INSERT INTO sip_audio_settings (account_id, data) VALUES (?, ?)', [accountId, JSON.stringify(s)]);
}

// ---- Trunks ----

export async function listTrunks(db: Queryable, accountId: string): Promise<SipTrunk[]> {
  const rows = await db.all<{ data: string }>('SELECT data FROM sip_trunks WHERE account_id = ? ORDER BY created_at, id', [accountId]);
  return rows.map((r) => JSON.parse(r.data) as SipTrunk);
}

export async function getTrunk(db: Queryable, accountId: string, id: string): Promise<SipTrunk | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM sip_trunks WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as SipTrunk);
}

/** Inserts or replaces the trunk `t.id` of the account. */
export async function putTrunk(db: Queryable, accountId: string, t: SipTrunk, master: boolean, now: string): Promise<void> {
  const done = await db.run('UPDATE sip_trunks SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(t), accountId, t.id]);
  if (done.changes === 0) {
    await db.run('INSERT INTO sip_trunks (account_id, id, master_trunk, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, t.id, master ? 1 : 0, JSON.stringify(t), now]);
  }
}

export async function deleteTrunk(db: Queryable, accountId: string, id: string): Promise<number> {
  return (await db.run('DELETE FROM sip_trunks WHERE account_id = ? AND id = ?', [accountId, id])).changes;
}

/** A master account's SIP trunk configuration and number (the SIP Connected Audio plan as Zoom sets it up). */
export async function seedSipTrunk(db: Queryable, accountId: string, accountNumber: number): Promise<void> {
  const n = String(accountNumber).padStart(9, '0');
  const trunk: SipTrunk = {
    id: zoomId(),
    name: 'SIP Trunk 1',
    number_prefix: '',
    sip_server_address: `sip-${n}.trunk.example.net`,
    dnis: n.slice(-6),
    outbound_caller_id: `+1650${n.slice(-7)}`,
  };
  await putTrunk(db, accountId, trunk, true, new Date(0).toISOString());
  await addTrunkNumber(db, accountId, `+1650${n.slice(-7)}`, 'US');
}

// ---- Trunk numbers ----

export async function listTrunkNumbers(db: Queryable, accountId: string): Promise<Array<{ number: string; country: string }>> {
  return db.all('SELECT number, country FROM sip_trunk_numbers WHERE account_id = ? ORDER BY number', [accountId]);
}

export async function addTrunkNumber(db: Queryable, accountId: string, number: string, country: string): Promise<void> {
  const exists = await db.get('SELECT 1 AS one FROM sip_trunk_numbers WHERE account_id = ? AND number = ?', [accountId, number]);
  if (!exists) await db.run('INSERT INTO sip_trunk_numbers (account_id, number, country) VALUES (?, ?, ?)', [accountId, number, country]);
}

export async function deleteTrunkNumbers(db: Queryable, accountId: string): Promise<void> {
  await db.run('DELETE FROM sip_trunk_numbers WHERE account_id = ?', [accountId]);
}

// ---- Internal numbers ----

export async function getInternalNumber(db: Queryable, accountId: string, id: string): Promise<InternalNumber | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM sip_internal_numbers WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as InternalNumber);
}

export async function internalNumberByNumber(db: Queryable, accountId: string, number: string): Promise<InternalNumber | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM sip_internal_numbers WHERE account_id = ? AND number = ?', [accountId, number]);
  return r && (JSON.parse(r.data) as InternalNumber);
}

export async function countInternalNumbers(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sip_internal_numbers WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

export async function insertInternalNumber(db: Queryable, accountId: string, n: InternalNumber, now: string): Promise<void> {
  await db.run('INSERT INTO sip_internal_numbers (account_id, id, number, data, created_at) VALUES (?, ?, ?, ?, ?)', [accountId, n.id, n.number, JSON.stringify(n), now]);
}

export async function updateInternalNumber(db: Queryable, accountId: string, n: InternalNumber): Promise<void> {
  await db.run('UPDATE sip_internal_numbers SET number = ?, data = ? WHERE account_id = ? AND id = ?', [n.number, JSON.stringify(n), accountId, n.id]);
}

export async function deleteInternalNumber(db: Queryable, accountId: string, id: string): Promise<number> {
  return (await db.run('DELETE FROM sip_internal_numbers WHERE account_id = ? AND id = ?', [accountId, id])).changes;
}

export async function listInternalNumbers(db: Queryable, accountId: string, page: PageWindow): Promise<{ numbers: InternalNumber[]; last?: [string, string] }> {
  const tail = pageSql(page, 'created_at', 'id');
  const rows = await db.all<{ data: string; created_at: string; id: string }>(
    `SELECT data, created_at, id FROM sip_internal_numbers WHERE account_id = ? ${tail.sql}`,
    [accountId, ...tail.params],
  );
  const lastRow = rows.at(-1);
  return { numbers: rows.map((r) => JSON.parse(r.data) as InternalNumber), ...(lastRow ? { last: [lastRow.created_at, lastRow.id] as [string, string] } : {}) };
}

// ---- Call-out countries ----

export async function listCalloutCountries(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>('SELECT id FROM sip_callout_countries WHERE account_id = ? ORDER BY added_at, id', [accountId]);
  return rows.map((r) => r.id);
}

export async function addCalloutCountry(db: Queryable, accountId: string, id: string, now: string): Promise<void> {
  const exists = await db.get('SELECT 1 AS one FROM sip_callout_countries WHERE account_id = ? AND id = ?', [accountId, id]);
  if (!exists) await db.run('INSERT INTO sip_callout_countries (account_id, id, added_at) VALUES (?, ?, ?)', [accountId, id, now]);
}

export async function deleteCalloutCountry(db: Queryable, accountId: string, id: string): Promise<number> {
  return (await db.run('DELETE FROM sip_callout_countries WHERE account_id = ? AND id = ?', [accountId, id])).changes;
}
