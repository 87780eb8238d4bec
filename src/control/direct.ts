// Control-plane actions callable in process: each is registered once, as its
// Fastify route and in this table, so a caller inside the server (the scenario
// runner's in-process transport) runs the same work — body checked against the
// same schema, one transaction, the same answer — without building a request,
// serialising JSON and going through the HTTP pipeline for every event.
// Routes not in the table go through the app as requests.
import type { FastifyInstance } from 'fastify';
import { ZoomError } from '../core/errors.ts';
import { checkBody } from './schemas.ts';

type Schema = Record<string, unknown>;
export type Params = Record<string, string>;

export interface DirectReply {
  status: number;
  body: unknown;
}

interface Entry {
  method: string;
  pattern: RegExp;
  names: string[];
  schema: Schema;
  run(params: Params, body: any): Promise<DirectReply>;
}

export class DirectRoutes {
  private readonly entries: Entry[] = [];
  private readonly prefix: string;

  /** `prefix`: where the app mounts the routes registered here (the control plane: /_openzoom). */
  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** Registers `path` on `c` (Fastify's `:name` parameters) and in the table; `run` answers the status and body. */
  add<B = any>(c: FastifyInstance, method: 'POST', path: string, schema: Schema, run: (params: Params, body: B) => Promise<DirectReply>): void {
    c.route({
      method,
      url: path,
      handler: async (req, reply) => {
        const out = await run(req.params as Params, checkBody<B>(req.body, schema));
        return reply.code(out.status).send(out.body);
      },
    });
    const names: string[] = [];
    const source = `${this.prefix}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/?]+)';
    });
    this.entries.push({ method, pattern: new RegExp(`^${source}$`), names, schema, run });
  }

  /** The action at `method path`, run in process; undefined when the table has none (send it as a request). */
  async call(method: string, path: string, body: unknown): Promise<DirectReply | undefined> {
    for (const e of this.entries) {
      if (e.method !== method) continue;
      const m = e.pattern.exec(path);
      if (!m) continue;
      const params: Params = {};
      e.names.forEach((name, n) => (params[name] = decodeURIComponent(m[n + 1]!)));
      try {
        return await e.run(params, checkBody(body, e.schema));
      } catch (err) {
        if (err instanceof ZoomError) return { status: err.status, body: err.toJSON() };
        throw err;
      }
    }
    return undefined;
  }
}
