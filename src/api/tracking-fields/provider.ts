// Tracking fields (5 operations): the account's definitions. Meetings and
// webinars check and answer their `tracking_fields` with them through
// `trackingFieldsFor` (model.ts `applyTrackingFields`).
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { applyTrackingFields, checkDefinition, type TrackingField, type TrackingValue } from './model.ts';
import * as repo from './repository.ts';

/** What a meeting or webinar create (requireAll) or update stores as its tracking fields. */
export async function trackingFieldsFor(db: Queryable, accountId: string, given: readonly TrackingValue[] | undefined, requireAll: boolean): Promise<TrackingValue[]> {
  return applyTrackingFields(await repo.listFields(db, accountId), given, requireAll);
}

type Definition = Partial<Omit<TrackingField, 'id'>>;

const uniqueValues = (values: readonly string[] | undefined) => [...new Set(values ?? [])];

export function createTrackingFieldsProvider(deps: ProviderDeps): Provider {
  // Kept answers of Get a tracking field: its row alone, whose triggers drop it (storage/coherence-schema.ts).
  const answers = deps.readCache('tracking_field');
  return {
    async trackingfieldList(_input: Input, ctx: Context) {
      const fields = await repo.listFields(ctx.db, ctx.account.id);
      return { total_records: fields.length, tracking_fields: fields };
    },

    async trackingfieldGet(input: Input<{ fieldId: string }>, ctx: Context) {
      return answers.read(ctx.account.id, input.path.fieldId, async () => {
        const f = await repo.getField(ctx.db, ctx.account.id, input.path.fieldId);
        if (!f) throw Errors.trackingFieldNotFound(input.path.fieldId);
        return f;
      });
    },

    async trackingfieldCreate(input: Input<Record<string, never>, Record<string, never>, Definition>, ctx: Context) {
      const body = input.body;
      if (body.field === undefined) throw Errors.validation([{ field: 'field', message: 'Missing field.' }]);
      checkDefinition(body);
      if (await repo.getFieldByName(ctx.db, ctx.account.id, body.field)) throw Errors.trackingFieldTaken(body.field.trim());
      const f: TrackingField = {
        id: zoomId(),
        field: body.field.trim(),
        recommended_values: uniqueValues(body.recommended_values),
        required: body.required ?? false,
        visible: body.visible ?? true,
      };
      await repo.insertField(ctx.db, ctx.account.id, f, ctx.clock.iso());
      return f;
    },

    async trackingfieldUpdate(input: Input<{ fieldId: string }, Record<string, never>, Definition>, ctx: Context) {
      const f = await repo.getField(ctx.db, ctx.account.id, input.path.fieldId);
      if (!f) throw Errors.trackingFieldNotFound(input.path.fieldId);
      const body = input.body;
      checkDefinition(body);
      if (body.field !== undefined) {
        const other = await repo.getFieldByName(ctx.db, ctx.account.id, body.field);
        if (other && other.id !== f.id) throw Errors.trackingFieldTaken(body.field.trim());
      }
      await repo.updateField(ctx.db, ctx.account.id, {
        ...f,
        ...(body.field !== undefined ? { field: body.field.trim() } : {}),
        ...(body.recommended_values !== undefined ? { recommended_values: uniqueValues(body.recommended_values) } : {}),
        ...(body.required !== undefined ? { required: body.required } : {}),
        ...(body.visible !== undefined ? { visible: body.visible } : {}),
      });
    },

    async trackingfieldDelete(input: Input<{ fieldId: string }>, ctx: Context) {
      if ((await repo.deleteField(ctx.db, ctx.account.id, input.path.fieldId)) === 0) throw Errors.trackingFieldNotFound(input.path.fieldId);
    },
  };
}
