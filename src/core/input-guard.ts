// Values no Zoom field can hold, refused once for every operation before any
// handler or database sees them: NUL characters (PostgreSQL cannot store them
// in text, and no Zoom name, id or email contains one) and numbers beyond
// JavaScript's safe integers (they lose digits, and no Zoom id or count is
// that large). Each is Zoom's 400/300 naming the field.
import type { FieldError } from './errors.ts';

const MAX_DEPTH = 64;

const invalid = (field: string): FieldError => ({ field, message: 'Invalid field.' });

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

/** Fields of `value` (a parsed body, query or path parameters) holding a NUL or an unsafe number. */
export function unsafeFields(value: unknown, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  visit(value, prefix, 0, out);
  return out;
}

function visit(value: unknown, field: string, depth: number, out: FieldError[]): void {
  if (out.length >= 20) return;
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) out.push(invalid(field || 'body'));
      return;
    case 'number':
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) out.push(invalid(field || 'body'));
      return;
    case 'object':
      if (value === null || Buffer.isBuffer(value)) return;
      if (depth > MAX_DEPTH) {
        out.push(invalid(field || 'body'));
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => visit(item, join(field, i), depth + 1, out));
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) out.push(invalid(join(field, key.replaceAll('\u0000', ''))));
        else visit(item, join(field, key), depth + 1, out);
      }
  }
}
