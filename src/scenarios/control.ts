// POST /_openzoom/scenarios: plays a scenario (the body), or one the generator
// makes (`{"generate": {"users": 500, "days": 30, "seed": 7}}`), through the
// server's own routes in process (the same requests a client and an app would
// send), and answers what it made: the account, its credentials and the ids of
// the scenario's keys.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { Errors } from '../core/errors.ts';
import { readBody } from '../control/schemas.ts';
import type { DirectRoutes } from '../control/direct.ts';
import type { RecordingWork } from '../api/recordings/processing.ts';
import { scenarioErrors, type Scenario } from './format.ts';
import { generateScenario, type GenerateOptions } from './generate.ts';
import { runScenario, ScenarioFailure, type Transport } from './runner.ts';

export const GENERATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['generate'],
  properties: {
    generate: {
      type: 'object',
      additionalProperties: false,
      required: ['users', 'days'],
      properties: {
        users: { type: 'integer', minimum: 1, maximum: 10_000 },
        days: { type: 'integer', minimum: 1, maximum: 62 },
        seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
        start: { type: 'string', format: 'date' },
        plan: { enum: ['pro', 'business', 'enterprise'] },
        per_user_day: { type: 'number', minimum: 0, maximum: 5 },
      },
    },
  },
};

/** The first day of a generated month by default: `days` days before today on the server clock. */
export function generateOptions(g: { users: number; days: number; seed?: number; start?: string; plan?: GenerateOptions['plan']; per_user_day?: number }, now: number): GenerateOptions {
  const today = Date.parse(new Date(now).toISOString().slice(0, 10));
  return {
    users: g.users,
    days: g.days,
    seed: g.seed ?? 1,
    start: g.start ?? new Date(today - g.days * 86_400_000).toISOString().slice(0, 10),
    ...(g.plan ? { plan: g.plan } : {}),
    ...(g.per_user_day !== undefined ? { perUserDay: g.per_user_day } : {}),
  };
}

export function registerScenarios(c: FastifyInstance, root: { inject(o: InjectOptions): Promise<{ statusCode: number; body: string }> }, deps: { clock: Clock; direct?: DirectRoutes; recordings?: RecordingWork }): void {
  c.post('/scenarios', async (req, reply) => {
    const raw = req.body;
    let scenario: Scenario;
    if (raw && typeof raw === 'object' && 'generate' in raw) {
      const body = readBody<{ generate: Parameters<typeof generateOptions>[0] }>(req, GENERATE_BODY);
      scenario = generateScenario(generateOptions(body.generate, deps.clock.now()));
    } else {
      const errors = scenarioErrors(raw ?? {});
      if (errors.length > 0) throw Errors.validation(errors);
      scenario = raw as Scenario;
    }
    // The requests go in as this one came: same host, same control-plane key.
    const passed: Record<string, string> = {};
    for (const h of ['host', 'x-openzoom-admin-key']) if (typeof req.headers[h] === 'string') passed[h] = req.headers[h] as string;
    const transport: Transport = {
      async request(method, path, body, headers = {}) {
        // The clock and live actions run in process (the same work as their routes); the rest as requests.
        const played = await deps.direct?.call(method, path, body);
        if (played) return played;
        const r = await root.inject({
          method: method as InjectOptions['method'],
          url: path,
          headers: { ...passed, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        });
        return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
      },
    };
    // Recordings process beside the events rather than in their way; all of them are done before the answer.
    const release = deps.recordings?.hold();
    try {
      const summary = await runScenario(scenario, transport);
      await release?.();
      return reply.code(201).send(summary);
    } catch (err) {
      await release?.().catch(() => undefined);
      if (err instanceof ScenarioFailure) throw Errors.badRequest(err.message);
      throw err;
    }
  });
}
