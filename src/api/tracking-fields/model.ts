// Tracking fields: the record we keep (Zoom's shape itself) and the rules
// meetings and webinars apply with them. Pure functions only.
import { Errors } from '../../core/errors.ts';

export interface TrackingField {
  id: string;
  field: string;
  recommended_values: string[];
  required: boolean;
  visible: boolean;
}

/** Field names are unique per account regardless of case or surrounding spaces. */
export const fieldKey = (field: string): string => field.trim().toLowerCase();

/** Zoom's documented limits: a name of at most 64 characters, values of at most 64 each. */
export const MAX_FIELD_LENGTH = 64;

export function checkDefinition(d: Partial<TrackingField>): void {
  if (d.field !== undefined && (d.field.trim() === '' || d.field.length > MAX_FIELD_LENGTH)) throw Errors.validation([{ field: 'field', message: 'Invalid field.' }]);
  if (d.recommended_values?.some((v) => v.length > MAX_FIELD_LENGTH)) throw Errors.validation([{ field: 'recommended_values', message: 'Invalid field.' }]);
}

/** A meeting's or webinar's tracking fields as they are given and answered. */
export interface TrackingValue {
  field: string;
  value: string;
  visible?: boolean;
}

/**
 * The tracking fields a meeting or webinar stores, from what the request
 * gives and the account's definitions: each given field must be defined (by
 * name, any case), a required field must be given with a value on create
 * (`requireAll`), and the answer carries each field's `visible`. Values are
 * free text; the recommended values are a suggestion, as in Zoom's web portal.
 */
export function applyTrackingFields(defined: readonly TrackingField[], given: readonly TrackingValue[] | undefined, requireAll: boolean): TrackingValue[] {
  const byKey = new Map(defined.map((d) => [fieldKey(d.field), d]));
  const out: TrackingValue[] = [];
  const seen = new Set<string>();
  for (const g of given ?? []) {
    const d = byKey.get(fieldKey(g.field));
    if (!d) throw Errors.trackingFieldUnknown(g.field);
    if (seen.has(fieldKey(d.field))) continue;
    seen.add(fieldKey(d.field));
    if (d.required && g.value.trim() === '') throw Errors.trackingFieldRequired(d.field);
    out.push({ field: d.field, value: g.value, visible: d.visible });
  }
  if (requireAll) for (const d of defined) if (d.required && !seen.has(fieldKey(d.field))) throw Errors.trackingFieldRequired(d.field);
  return out;
}
