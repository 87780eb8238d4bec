// Meeting and webinar templates: one shape, one table each (meeting_templates,
// webinar_templates). Every statement carries the account id.
import type { Queryable } from '../../storage/db.ts';

export interface TemplateRecord {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  data: Record<string, unknown>;
}

type TemplateRow = Omit<TemplateRecord, 'data'> & { data: string };
const fromRow = (r: TemplateRow): TemplateRecord => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> });

export function templateStore(table: 'meeting_templates' | 'webinar_templates') {
  const columns = 'id, user_id, name, created_at, data';
  return {
    async insert(db: Queryable, accountId: string, t: TemplateRecord): Promise<void> {
      await db.run(`INSERT INTO ${table} (account_id, ${columns}) VALUES (?, ?, ?, ?, ?, ?)`, [accountId, t.id, t.user_id, t.name, t.created_at, JSON.stringify(t.data)]);
    },
    async get(db: Queryable, accountId: string, templateId: string): Promise<TemplateRecord | undefined> {
      const r = await db.get<TemplateRow>(`SELECT ${columns} FROM ${table} WHERE account_id = ? AND id = ?`, [accountId, templateId]);
      return r && fromRow(r);
    },
    /** The user's templates, oldest first (one by id when asked). */
    async ofUser(db: Queryable, accountId: string, userId: string, templateId?: string): Promise<TemplateRecord[]> {
      const rows = await db.all<TemplateRow>(
        `SELECT ${columns} FROM ${table} WHERE account_id = ? AND user_id = ?${templateId ? ' AND id = ?' : ''} ORDER BY created_at, id`,
        templateId ? [accountId, userId, templateId] : [accountId, userId],
      );
      return rows.map(fromRow);
    },
    async count(db: Queryable, accountId: string, userId: string): Promise<number> {
      const r = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = ? AND user_id = ?`, [accountId, userId]);
      return Number(r?.n ?? 0);
    },
    async delete(db: Queryable, accountId: string, templateId: string): Promise<void> {
      await db.run(`DELETE FROM ${table} WHERE account_id = ? AND id = ?`, [accountId, templateId]);
    },
    async deleteOfUser(db: Queryable, accountId: string, userId: string): Promise<void> {
      await db.run(`DELETE FROM ${table} WHERE account_id = ? AND user_id = ?`, [accountId, userId]);
    },
  };
}
