// A sample of an event's payload built from its catalogue schema (for
// `openzoom trigger`): every declared field, the first enum value, values of
// the declared format, within declared bounds. Ids are random so two samples
// never look like the same object.
import { zoomId } from '../core/ids.ts';
import type { EventCatalogue } from './catalogue.ts';

type Schema = Record<string, any>;

/** Filled in at delivery from the account and the operator, so not sampled. */
const FILLED = new Set(['account_id', 'operator', 'operator_id']);

/** A sample event's `payload` and the fields it has beside payload (recording.completed's download_token). */
export function sampleEvent(catalogue: EventCatalogue, event: string, now: number): { payload: Record<string, unknown>; top: Record<string, unknown> } | undefined {
  const schema = catalogue.schema(event);
  if (!schema) return undefined;
  const body = sample(schema, 'body', now, 0) as Record<string, unknown>;
  const payload = (body.payload ?? {}) as Record<string, unknown>;
  for (const k of FILLED) delete payload[k];
  const { event: _e, event_ts: _t, payload: _p, ...top } = body;
  return { payload, top };
}

function sample(s: Schema, name: string, now: number, depth: number): unknown {
  const container = s.type === 'array' || s.type === 'object';
  if (s.default !== undefined && s.default !== null && !container) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0 && !container) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (Array.isArray(alt) && alt.length > 0) return sample(alt[0], name, now, depth);
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return sample(Object.assign({}, ...s.allOf), name, now, depth);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : (s.type ?? inferred(s));
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 12) return out;
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) out[k] = sample(v, k, now, depth + 1);
      for (const k of s.required ?? []) if (!(k in out)) out[k] = `Sample ${k}`;
      return out;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 1);
      return s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? Array.from({ length: n }, () => sample(s.items, name, now, depth + 1)) : [];
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : undefined;
      const max = typeof s.maximum === 'number' ? s.maximum : undefined;
      if (/(^|_)(ts|time_stamp|timestamp)$/.test(name) || s.format === 'int64' && /time|date/.test(name)) return now;
      return min ?? (max !== undefined ? Math.min(1, max) : 1);
    }
    case 'boolean':
      return true;
    default:
      return sampleString(s, name, now);
  }
}

/** Zoom's files leave `type` out at times: the other keywords tell. */
function inferred(s: Schema): string {
  if (s.properties || s.required || s.additionalProperties !== undefined) return 'object';
  if (s.items) return 'array';
  return 'string';
}

function sampleString(s: Schema, name: string, now: number): string {
  const v = plainString(s, name, now);
  if (typeof s.pattern !== 'string') return v;
  // A pattern the plain sample misses: the empty string or a shorter address often match (Zoom's email patterns).
  const fits = (x: string) => {
    try {
      return new RegExp(s.pattern, 'u').test(x);
    } catch {
      return true;
    }
  };
  return [v, 'jchill@example.co', ''].find(fits) ?? v;
}

function plainString(s: Schema, name: string, now: number): string {
  let v: string;
  switch (s.format) {
    case 'email':
      v = 'jchill@example.com';
      break;
    case 'date-time':
    case 'datetime':
    case 'date_time':
      v = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      break;
    case 'date':
      v = new Date(now).toISOString().slice(0, 10);
      break;
    case 'uri':
    case 'url':
      v = 'https://example.com/';
      break;
    case 'hostname':
      v = 'example.com';
      break;
    default:
      v = /(^|_)id$/.test(name) ? zoomId() : /(^|_)(time|date)/.test(name) ? new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z') : `Sample ${name}`;
  }
  if (typeof s.maxLength === 'number' && v.length > s.maxLength) v = v.slice(0, s.maxLength);
  if (typeof s.minLength === 'number' && v.length < s.minLength) v = v.padEnd(s.minLength, 'x');
  return v;
}
