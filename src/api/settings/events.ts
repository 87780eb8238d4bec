// The payloads of the settings events: account.settings_updated,
// account.lock_settings_updated, group.settings_updated,
// group.lock_settings_updated, user.settings_updated. Zoom sends only the
// settings that changed: `object.settings` the new values, `old_object.settings`
// the old ones, limited to the settings the event's schema names.
import type { Context } from '../../core/provider.ts';
import type { EventCatalogue } from '../../webhooks/catalogue.ts';
import type { Doc } from './model.ts';

type Schema = Record<string, any>;

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The leaves that differ between two settings documents, where the schema declares them: [new, old]. */
export function settingsDiff(before: Doc, after: Doc, schema: Schema | undefined): [Doc, Doc] {
  const now: Doc = {};
  const was: Doc = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const props = schema?.properties as Record<string, Schema> | undefined;
    // Where the schema lists fields, only those; a free-form object takes anything.
    if (props && !(key in props)) continue;
    const sub = props?.[key];
    const a = before[key];
    const b = after[key];
    if (isDoc(a) && isDoc(b)) {
      const [n, w] = settingsDiff(a, b, sub);
      if (Object.keys(n).length > 0) (now[key] = n), (was[key] = w);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      if (b !== undefined) now[key] = b;
      if (a !== undefined) was[key] = a;
    }
  }
  return [now, was];
}

/** Emits `event` for the settings of `id` that changed from `before` to `after`; nothing when none did. */
export async function emitSettingsChange(ctx: Context, catalogue: EventCatalogue, event: string, id: string, before: Doc, after: Doc): Promise<void> {
  const schema = catalogue.payloadSchema(event)?.properties?.object?.properties?.settings;
  const [now, was] = settingsDiff(before, after, schema);
  if (Object.keys(now).length === 0 && Object.keys(was).length === 0) return;
  await ctx.emit(event, { time_stamp: ctx.clock.now(), object: { id, settings: now }, old_object: { id, settings: was } });
}
