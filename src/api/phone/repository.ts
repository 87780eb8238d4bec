// The only SQL of Zoom Phone's account configuration (settings, setting
// templates, BYOC SIP trunks). Every statement takes the account id first.
import type { Cursor } from '../../core/pagination.ts';
import type { Queryable } from '../../storage/db.ts';
import { pageSql, type PageWindow } from '../../storage/paging.ts';

export interface PhoneSettings {
  byoc: { enable: boolean };
  multiple_sites: { enabled: boolean; site_code: { enable: boolean; short_extension_length: number } };
  show_device_ip_for_call_log: { enable: boolean };
  billing_account?: { id: string };
}

export const DEFAULT_SETTINGS: PhoneSettings = {
  byoc: { enable: false },
  multiple_sites: { enabled: true, site_code: { enable: false, short_extension_length: 3 } },
  show_device_ip_for_call_log: { enable: false },
};

export async function getSettings(db: Queryable, accountId: string): Promise<PhoneSettings> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_account_settings WHERE account_id = ?', [accountId]);
  return r ? (JSON.parse(r.data) as PhoneSettings) : structuredClone(DEFAULT_SETTINGS);
}

export async function putSettings(db: Queryable, accountId: string, s: PhoneSettings): Promise<void> {
  await db.run('INSERT INTO phone_account_settings (account_id, data) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET data = excluded.data', [accountId, JSON.stringify(s)]);
}

export interface Template {
  id: string;
  name: string;
  description: string;
  type: string;
  site_id?: string;
  policy?: Record<string, unknown>;
  profile?: Record<string, unknown>;
  user_settings?: Record<string, unknown>;
}

export async function insertTemplate(db: Queryable, accountId: string, t: Template, now: string): Promise<void> {
  await db.run('INSERT INTO phone_setting_templates (account_id, id, site_id, type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)', [accountId, t.id, t.site_id ?? null, t.type, JSON.stringify(t), now]);
}

export async function updateTemplate(db: Queryable, accountId: string, t: Template): Promise<void> {
  await db.run('UPDATE phone_setting_templates SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(t), accountId, t.id]);
}

export async function getTemplate(db: Queryable, accountId: string, id: string): Promise<Template | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_setting_templates WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as Template);
}

const bySite = (siteId: string | undefined) => (siteId !== undefined ? ' AND site_id = ?' : '');

export async function countTemplates(db: Queryable, accountId: string, siteId: string | undefined): Promise<number> {
  const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM phone_setting_templates WHERE account_id = ?${bySite(siteId)}`, siteId !== undefined ? [accountId, siteId] : [accountId]);
  return Number(r?.n ?? 0);
}

/** A page of rows of one of these tables (templates, trunks), oldest first. */
async function page<T>(db: Queryable, table: string, accountId: string, where: string, params: string[], w: PageWindow): Promise<{ items: T[]; last?: Cursor }> {
  const tail = pageSql(w, 'created_at', 'id');
  const rows = await db.all<{ data: string; created_at: string; id: string }>(`SELECT data, created_at, id FROM ${table} WHERE account_id = ?${where} ${tail.sql}`, [accountId, ...params, ...tail.params]);
  const l = rows.at(-1);
  return { items: rows.map((r) => JSON.parse(r.data) as T), ...(l ? { last: [l.created_at, l.id] } : {}) };
}

export const listTemplates = (db: Queryable, accountId: string, siteId: string | undefined, w: PageWindow) =>
  page<Template>(db, 'phone_setting_templates', accountId, bySite(siteId), siteId !== undefined ? [siteId] : [], w);

export interface SipTrunk {
  id: string;
  name: string;
  carrier: string;
  carrier_account: string;
  region: string;
  sbc_label: string;
}

export async function insertTrunk(db: Queryable, accountId: string, t: SipTrunk, now: string): Promise<void> {
  await db.run('INSERT INTO phone_sip_trunks (account_id, id, data, created_at) VALUES (?, ?, ?, ?)', [accountId, t.id, JSON.stringify(t), now]);
}

export async function updateTrunk(db: Queryable, accountId: string, t: SipTrunk): Promise<void> {
  await db.run('UPDATE phone_sip_trunks SET data = ? WHERE account_id = ? AND id = ?', [JSON.stringify(t), accountId, t.id]);
}

export async function getTrunk(db: Queryable, accountId: string, id: string): Promise<SipTrunk | undefined> {
  const r = await db.get<{ data: string }>('SELECT data FROM phone_sip_trunks WHERE account_id = ? AND id = ?', [accountId, id]);
  return r && (JSON.parse(r.data) as SipTrunk);
}

export async function countTrunks(db: Queryable, accountId: string): Promise<number> {
  const r = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM phone_sip_trunks WHERE account_id = ?', [accountId]);
  return Number(r?.n ?? 0);
}

export const listTrunks = (db: Queryable, accountId: string, w: PageWindow) => page<SipTrunk>(db, 'phone_sip_trunks', accountId, '', [], w);
