// `openzoom simulate FILE` plays a scenario (JSON or YAML) against a running
// server, advancing its clock instead of waiting; `--generate` makes a month
// for an account (and `--out` writes it instead of playing it). The scenario
// runs here, request by request through the control plane and the API, so a
// terminal shows its progress; POST /_openzoom/scenarios runs the same code in
// the server.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseScenario, scenarioErrors, type Scenario } from '../../scenarios/format.ts';
import { generateScenario } from '../../scenarios/generate.ts';
import { generateOptions } from '../../scenarios/control.ts';
import { runScenario, ScenarioFailure, type RunSummary } from '../../scenarios/runner.ts';
import { CliError } from './client.ts';
import type { CommandSpec } from './commands.ts';
import { fields } from './output.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const whole = (v: unknown, name: string, lo: number, hi: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new CliError(`--${name} must be a whole number from ${lo} to ${hi}.`, 2);
  return n;
};

export const simulate: CommandSpec = {
  name: 'simulate',
  summary: "play a scenario (an account's activity) on the server clock; --generate makes one",
  args: '[FILE]',
  positionals: { min: 0, max: 1 },
  options: {
    generate: { type: 'boolean', description: 'make a realistic scenario instead of reading FILE' },
    users: { type: 'string', value: 'N', description: 'generated users (default 50)' },
    days: { type: 'string', value: 'N', description: 'generated days (default 30)' },
    seed: { type: 'string', value: 'N', description: 'the generator seed: the same seed makes the same scenario (default 1)' },
    start: { type: 'string', value: 'YYYY-MM-DD', description: 'the first generated day (default: DAYS days before today on the server clock)' },
    plan: { type: 'string', value: 'PLAN', description: 'the generated account plan: pro, business (default) or enterprise' },
    out: { type: 'string', value: 'FILE', description: 'write the generated scenario to FILE (JSON) instead of playing it' },
  },
  notes: ['The scenario format is schemas/scenario.schema.json; examples/ holds examples.', 'The clock stays frozen where the last event left it: `openzoom clock --resume` lets it run again.'],
  async run({ out, client, values, positionals }) {
    let scenario: Scenario;
    if (values.generate === true) {
      if (positionals.length > 0) throw new CliError('Give a FILE or --generate, not both.', 2);
      const plan = str(values.plan);
      if (plan !== undefined && !['pro', 'business', 'enterprise'].includes(plan)) throw new CliError('--plan must be pro, business or enterprise.', 2);
      const start = str(values.start);
      if (start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new CliError('--start must be a date (YYYY-MM-DD).', 2);
      const clock = await client.get<{ now_ms: number }>('/clock');
      scenario = generateScenario(
        generateOptions(
          {
            users: whole(values.users, 'users', 1, 10_000) ?? 50,
            days: whole(values.days, 'days', 1, 62) ?? 30,
            seed: whole(values.seed, 'seed', 0, 4294967295) ?? 1,
            ...(start ? { start } : {}),
            ...(plan ? { plan: plan as 'pro' } : {}),
          },
          clock.now_ms,
        ),
      );
      const file = str(values.out);
      if (file) {
        writeFileSync(file, `${JSON.stringify(scenario, null, 1)}\n`);
        if (out.json) return out.data({ file, users: scenario.users?.length, meetings: scenario.meetings?.length, events: scenario.events?.length });
        return out.line(`Wrote ${file}: ${scenario.users?.length} users, ${scenario.meetings?.length} meetings, ${scenario.events?.length} events.`);
      }
    } else {
      const file = positionals[0];
      if (!file) throw new CliError('openzoom simulate needs a FILE, or --generate.', 2);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`Cannot read ${file}: ${(err as Error).message}`, 2);
      }
      let parsed: unknown;
      try {
        parsed = await parseScenario(text, file);
      } catch (err) {
        throw new CliError(`${file} is neither JSON nor YAML: ${(err as Error).message}`, 2);
      }
      const errors = scenarioErrors(parsed);
      if (errors.length > 0) throw new CliError(`${file} is not a valid scenario:${errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')}`, 2);
      scenario = parsed as Scenario;
    }
    // A progress bar on a terminal (stderr), nothing otherwise.
    const tty = process.stderr.isTTY === true && !out.json;
    let shown = -1;
    const progress = (done: number, total: number) => {
      const pct = Math.floor((done / total) * 100);
      if (!tty || pct === shown) return;
      shown = pct;
      const width = 30;
      const bar = '#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.');
      process.stderr.write(`\r  [${bar}] ${String(pct).padStart(3)}%  ${done}/${total} events`);
    };
    let summary: RunSummary;
    try {
      summary = await runScenario(scenario, { request: (method, path, body, headers) => client.exchange(method, path, body, headers) }, progress);
    } catch (err) {
      if (err instanceof ScenarioFailure) throw new CliError(err.message);
      throw err;
    } finally {
      if (tty) process.stderr.write('\n');
    }
    if (out.json) return out.data(summary);
    fields(out, [
      ['account', summary.account_id],
      ['client id', summary.client_id],
      ['client secret', summary.client_secret],
      ['users', Object.keys(summary.users).length],
      ['meetings', Object.keys(summary.meetings).length],
      ['events', summary.events],
      ['from', summary.started],
      ['clock now', summary.clock],
    ]);
  },
};
