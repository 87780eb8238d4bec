// The event catalogue half of `npm run contract`: Zoom's webhook definitions
// (../shared/zoom-api/webhooks/*.json, OpenAPI 3.1 `webhooks` sections) become
// contract/events/<product>.json, one line per event: its name and the JSON
// Schema of the whole delivered body (`event`, `event_ts`, `payload`), cleaned
// like the API contract (validation keywords only, no prose). `$ref`s (which
// Zoom's files point at a `#/paths/...` that does not exist) are inlined.
// Corrections live in contract/event-overrides.json, each with a reason.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

type Spec = any;

interface EventOverride {
  event: string;
  pointer: string;
  op: 'set' | 'remove';
  value?: unknown;
  was?: unknown;
  reason: string;
}

export interface EventsOptions {
  apiDir: string;
  outDir: string;
  clean: (schema: Spec) => Spec;
  fail: (message: string) => never;
}

function unescapePointer(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Zoom's refs read `#/paths/<event>/post/...`; the file keeps events under `webhooks`. */
function inlineRefs(s: Spec, webhooks: Spec, fail: EventsOptions['fail'], depth = 0): Spec {
  if (depth > 50) fail('$ref cycle in the webhook definitions');
  if (Array.isArray(s)) return s.map((x) => inlineRefs(x, webhooks, fail, depth));
  if (s === null || typeof s !== 'object') return s;
  if (typeof s.$ref === 'string') {
    const m = /^#\/(?:paths|webhooks)\/(.+)$/.exec(s.$ref);
    if (!m) fail(`unsupported $ref ${s.$ref}`);
    let target: Spec = webhooks;
    for (const t of m[1].split('/').map(unescapePointer)) {
      if (target === null || typeof target !== 'object' || !Object.hasOwn(target, t)) fail(`$ref does not resolve: ${s.$ref}`);
      target = target[t];
    }
    return inlineRefs(target, webhooks, fail, depth + 1);
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inlineRefs(v, webhooks, fail, depth)]));
}

function applyOverride(o: EventOverride, schema: Spec, fail: EventsOptions['fail']): void {
  const tokens = o.pointer.split('/').slice(1).map(unescapePointer);
  if (!o.pointer.startsWith('/') || tokens.length === 0) fail(`event override ${o.event} ${o.pointer}: bad pointer`);
  let parent: Spec = schema;
  for (const t of tokens.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, t)) fail(`event override ${o.event} ${o.pointer}: does not resolve (at "${t}")`);
    parent = parent[t];
  }
  const last = tokens[tokens.length - 1]!;
  if ('was' in o && !(Object.hasOwn(parent, last) && isDeepStrictEqual(parent[last], o.was))) {
    fail(`event override ${o.event} ${o.pointer}: expected ${JSON.stringify(o.was)}, found ${JSON.stringify(parent[last])}`);
  }
  if (o.op === 'remove') {
    if (!Object.hasOwn(parent, last)) fail(`event override ${o.event} ${o.pointer}: nothing to remove`);
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (o.op === 'set') {
    if (!('value' in o)) fail(`event override ${o.event} ${o.pointer}: set without value`);
    parent[last] = structuredClone(o.value);
  } else {
    fail(`event override ${o.event} ${o.pointer}: unknown op ${JSON.stringify(o.op)}`);
  }
}

/**
 * A keyword written inside `properties` (account.settings_updated's `chat`
 * has `"type": "object"` among its fields) is no field: moved out, where the
 * node does not already say it.
 */
function liftStrayKeywords(s: Spec): number {
  if (Array.isArray(s)) return s.reduce((n: number, x: Spec) => n + liftStrayKeywords(x), 0);
  if (s === null || typeof s !== 'object') return 0;
  let n = 0;
  const props = s.properties;
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [k, v] of Object.entries<Spec>(props)) {
      if (typeof v === 'string') {
        if (!Object.hasOwn(s, k)) s[k] = v;
        delete props[k];
        n++;
      }
    }
  }
  for (const v of Object.values<Spec>(s)) n += liftStrayKeywords(v);
  return n;
}

/** Derives contract/events/; answers a one-line summary. */
export function deriveEvents({ apiDir, outDir, clean, fail }: EventsOptions): string {
  const sourceDir = path.join(apiDir, 'webhooks');
  const eventsDir = path.join(outDir, 'events');
  const overridesFile = path.join(outDir, 'event-overrides.json');
  const overrides: EventOverride[] = fs.existsSync(overridesFile) ? JSON.parse(fs.readFileSync(overridesFile, 'utf8')) : [];
  for (const o of overrides) {
    if (typeof o?.event !== 'string' || typeof o.pointer !== 'string' || typeof o.reason !== 'string' || !o.reason.trim()) {
      fail(`event override needs event, pointer and a reason: ${JSON.stringify(o)}`);
    }
  }

  const byProduct = new Map<string, Map<string, Spec>>();
  const owner = new Map<string, string>();
  let lifted = 0;
  for (const file of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.json')).sort()) {
    const product = file.slice(0, -5);
    const webhooks = JSON.parse(fs.readFileSync(path.join(sourceDir, file), 'utf8')).webhooks ?? {};
    const events = new Map<string, Spec>();
    for (const [name, item] of Object.entries<Spec>(webhooks)) {
      const schema = item?.post?.requestBody?.content?.['application/json']?.schema;
      if (!schema) fail(`${file} ${name}: no application/json request body schema`);
      if (owner.has(name)) fail(`event ${name} is defined in ${owner.get(name)} and ${file}`);
      owner.set(name, file);
      const inlined = inlineRefs(schema, webhooks, fail);
      lifted += liftStrayKeywords(inlined);
      events.set(name, clean(inlined));
    }
    byProduct.set(product, events);
  }

  for (const o of overrides) {
    const file = owner.get(o.event);
    if (!file) return fail(`event override for unknown event ${o.event}`);
    applyOverride(o, byProduct.get(file.slice(0, -5))!.get(o.event), fail);
  }

  // Every schema must compile as the server compiles it.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  formatsModule.default(ajv);
  const problems: string[] = [];
  for (const events of byProduct.values()) {
    for (const [name, schema] of events) {
      try {
        ajv.compile(schema);
      } catch (err) {
        problems.push(`${name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
  if (problems.length > 0) fail(`event schemas that Ajv refuses (fix in event-overrides.json):\n  ${problems.join('\n  ')}`);

  fs.mkdirSync(eventsDir, { recursive: true });
  for (const [product, events] of byProduct) {
    const lines = [...events.keys()].sort().map((name) => `${JSON.stringify(name)}:${JSON.stringify(events.get(name))}`);
    fs.writeFileSync(path.join(eventsDir, `${product}.json`), `{\n${lines.join(',\n')}\n}\n`);
  }
  for (const f of fs.readdirSync(eventsDir)) {
    if (f.endsWith('.json') && !byProduct.has(f.slice(0, -5))) fs.rmSync(path.join(eventsDir, f));
  }
  return `events: ${owner.size} in ${byProduct.size} products; keywords lifted out of properties: ${lifted}; event overrides applied: ${overrides.length}`;
}
