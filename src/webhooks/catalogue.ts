// Zoom's event catalogue, derived into contract/events/ by `npm run contract`:
// the JSON Schema of every event's whole delivered body. Loaded on first use;
// each event's validator is compiled on first use. Built once (app.ts, tests)
// and handed to whoever needs it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type JsonSchema = Record<string, any>;

/** Which of the fields filled in at delivery an event's payload declares. */
export interface PayloadShape {
  accountId: boolean;
  operator: boolean;
  operatorId: boolean;
  /** A few events declare event_ts as text: epoch ms as text, or an ISO date-time. */
  eventTsText: false | 'ms' | 'date-time';
}

const eventsDir = fileURLToPath(new URL('../../contract/events/', import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** Events Zoom sends outside any subscription's list (url validation): every field a builder may add is allowed. */
const ALL_FIELDS: PayloadShape = { accountId: true, operator: true, operatorId: true, eventTsText: false };

export class EventCatalogue {
  private schemas: Map<string, { product: string; schema: JsonSchema }> | undefined;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly shapes = new Map<string, PayloadShape>();
  private ajv: Ajv | undefined;

  private load(): Map<string, { product: string; schema: JsonSchema }> {
    if (this.schemas) return this.schemas;
    const schemas = new Map<string, { product: string; schema: JsonSchema }>();
    for (const file of readdirSync(eventsDir).filter((f) => f.endsWith('.json')).sort()) {
      const product = file.slice(0, -5);
      const events = JSON.parse(readFileSync(eventsDir + file, 'utf8')) as Record<string, JsonSchema>;
      for (const [name, schema] of Object.entries(events)) schemas.set(name, { product, schema });
    }
    return (this.schemas = schemas);
  }

  /** Every event name, sorted. */
  names(): string[] {
    return [...this.load().keys()].sort();
  }

  has(event: string): boolean {
    return this.load().has(event);
  }

  /** The product file an event comes from (users, accounts, meetings …). */
  product(event: string): string | undefined {
    return this.load().get(event)?.product;
  }

  /** The schema of the event's whole body (`event`, `event_ts`, `payload`). */
  schema(event: string): JsonSchema | undefined {
    return this.load().get(event)?.schema;
  }

  /** The schema of the event's `payload`. */
  payloadSchema(event: string): JsonSchema | undefined {
    return this.schema(event)?.properties?.payload;
  }

  shape(event: string): PayloadShape {
    let shape = this.shapes.get(event);
    if (!shape) {
      const props = this.payloadSchema(event)?.properties;
      const ts = this.schema(event)?.properties?.event_ts;
      const eventTsText = ts?.type !== 'string' ? false : ts.format === 'date-time' ? 'date-time' : 'ms';
      shape = props ? { accountId: 'account_id' in props, operator: 'operator' in props, operatorId: 'operator_id' in props, eventTsText } : ALL_FIELDS;
      this.shapes.set(event, shape);
    }
    return shape;
  }

  /** Validates a whole delivered body against its event's schema; an event outside the catalogue is an error. */
  check(body: { event?: unknown }): string[] {
    const name = typeof body?.event === 'string' ? body.event : '';
    if (!this.has(name)) return [`event ${JSON.stringify(body?.event)} is not in Zoom's catalogue`];
    const validate = this.validator(name);
    return validate(body) ? [] : describe(validate.errors ?? []);
  }

  private validator(event: string): ValidateFunction {
    let v = this.validators.get(event);
    if (!v) {
      this.ajv ??= newAjv();
      v = this.ajv.compile(this.schema(event)!);
      this.validators.set(event, v);
    }
    return v;
  }
}

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  // Ajv's "url" refuses loopback, private and TLD-less hosts, where a self-hosted server's download URLs live: any http(s) URL passes.
  ajv.addFormat('url', (u: string) => /^https?:\/\//i.test(u) && URL.canParse(u));
  // Zoom's own format names (int64, datetime, "email or name" …) say nothing Ajv can check.
  for (const f of ['int32', 'int64', 'float', 'double', 'datetime', 'date_time', 'email or name', 'string', 'url']) {
    if (!ajv.formats[f]) ajv.addFormat(f, true);
  }
  return ajv;
}

function describe(errors: ErrorObject[]): string[] {
  return errors.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}
