// The `openzoom` command: `start` runs the server; every other command talks
// to a running one through its control plane (--url). Exit codes: 0 done,
// 1 the server refused or could not be reached, 2 the command line was wrong.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, controlClient } from './client.ts';
import { COMMANDS, type CommandSpec, type OptionSpec, type Values } from './commands.ts';
import { output, type Output } from './output.ts';
import { SERVER_FLAGS } from './server-flags.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const DEFAULT_URL = 'http://127.0.0.1:9090';

const GLOBAL: Record<string, OptionSpec> = {
  url: { type: 'string', value: 'URL', description: `the server (OPENZOOM_URL; default ${DEFAULT_URL})` },
  'admin-key': { type: 'string', value: 'KEY', description: 'the control plane key, when the server is not on loopback (OPENZOOM_ADMIN_KEY)' },
  json: { type: 'boolean', description: 'print JSON, for scripts' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

const GROUPS = ['accounts', 'apps', 'subscriptions', 'meetings', 'rooms'];

function flagText(name: string, o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options);
  const width = Math.max(...entries.map(([n, o]) => flagText(n, o).length));
  return entries.map(([n, o]) => `  ${flagText(n, o).padEnd(width)}  ${o.description}`);
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'start'.length);
  return [
    `openzoom ${VERSION}: a self-hosted Zoom REST API v2`,
    '',
    'Usage: openzoom <command> [options]',
    '',
    'Commands:',
    `  ${'start'.padEnd(width)}  run the server (openzoom start --help lists its flags)`,
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  help on a command (openzoom help clock)`,
    '',
    'Options of every command but start:',
    ...optionLines(GLOBAL),
    '',
    'Through npx, which keeps --help for itself: npx openzoom help, or npx -- openzoom --help.',
  ].join('\n');
}

function commandHelp(c: CommandSpec): string {
  const own = Object.keys(c.options).length > 0;
  return [
    `openzoom ${c.name}: ${c.summary}`,
    '',
    `Usage: openzoom ${c.name}${c.args ? ` ${c.args}` : ''}${own ? ' [options]' : ''} [--url URL] [--json]`,
    ...(own ? ['', 'Options:', ...optionLines(c.options)] : []),
    '',
    'Common options:',
    ...optionLines(GLOBAL),
    ...(c.notes ? ['', ...c.notes] : []),
  ].join('\n');
}

function startHelp(): string {
  const entries = Object.entries(SERVER_FLAGS);
  const width = Math.max(...entries.map(([n, f]) => `--${n} ${f.value}`.length));
  return [
    'openzoom start: run the server',
    '',
    'Usage: openzoom start [options]      (npm start -- [options] in a clone)',
    '',
    'Options (each also an environment variable; flags win):',
    ...entries.map(([n, f]) => `  ${`--${n} ${f.value}`.padEnd(width)}  ${f.description} (${f.env}${f.fallback ? `; default ${f.fallback}` : ''})`),
    '',
    'Environment only: OPENZOOM_ADMIN_KEY (the control plane key off loopback),',
    'OPENZOOM_ACCOUNT_ID, OPENZOOM_CLIENT_ID, OPENZOOM_CLIENT_SECRET (pin the demo credentials).',
  ].join('\n');
}

/** The command a command line names, and the arguments after its name. */
function lookup(argv: string[]): { command: CommandSpec; rest: string[] } | null {
  const [first, second] = argv;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === first);
  if (one) return { command: one, rest: argv.slice(1) };
  // `openzoom accounts` alone lists them.
  const list = COMMANDS.find((c) => c.name === `${first} list`);
  if (list && (second === undefined || second.startsWith('-'))) return { command: list, rest: argv.slice(1) };
  return null;
}

const usage = (message: string, see: string) => new CliError(`${message}\nSee ${see}.`, 2);

function unknownCommand(argv: string[]): CliError {
  const [first, second] = argv;
  if (first !== undefined && GROUPS.includes(first)) {
    const subs = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.split(' ')[1]);
    const listed = COMMANDS.some((c) => c.name === `${first} list`);
    return usage(`Unknown command: openzoom ${[first, second].filter((w) => w !== undefined && !w.startsWith('-')).join(' ')}. Use ${subs.join(', ')}.`, listed ? `openzoom ${first} --help` : 'openzoom help');
  }
  return usage(`Unknown command: ${first}.`, 'openzoom help');
}

async function start(args: string[], out: Output): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.line(startHelp());
    return 0;
  }
  const { loadConfig } = await import('../../config.ts');
  try {
    loadConfig(args, process.env);
  } catch (err) {
    throw usage(`openzoom start: ${(err as Error).message}`, 'openzoom start --help');
  }
  const { main } = await import('../../main.ts');
  await main(args);
  return 0;
}

export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const wantsJson = argv.includes('--json');
  const out = output(wantsJson);
  try {
    const [first] = argv;
    if (first === undefined || first === '--help' || first === '-h') {
      out.line(overview());
      return 0;
    }
    if (first === '--version' || first === '-v') {
      out.line(VERSION);
      return 0;
    }
    if (first === 'help') {
      const topic = argv.slice(1);
      if (topic.length === 0) out.line(overview());
      else if (topic[0] === 'start') out.line(startHelp());
      else {
        const found = lookup(topic);
        if (!found) throw unknownCommand(topic);
        out.line(commandHelp(found.command));
      }
      return 0;
    }
    if (first === 'start') return await start(argv.slice(1), out);
    if (first.startsWith('-')) throw usage(`Unknown option: ${first}. Options go after the command.`, 'openzoom help');

    const found = lookup(argv);
    if (!found) throw unknownCommand(argv);
    const { command, rest } = found;
    let parsed: { values: Values; positionals: string[] };
    try {
      // Zoom ids may begin with '-' (base64url): a word like -RX787ljuLHt… is an argument, not a short option.
      const held: string[] = [];
      const args = rest.map((a) => (/^-[^-]./.test(a) ? `\u0000${held.push(a) - 1}` : a));
      const back = (v: string) => (v.startsWith('\u0000') ? held[Number(v.slice(1))]! : v);
      const raw = parseArgs({ args, options: { ...GLOBAL, ...command.options }, allowPositionals: true, strict: true });
      const values = Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [k, typeof v === 'string' ? back(v) : v])) as Values;
      parsed = { values, positionals: raw.positionals.map(back) };
    } catch (err) {
      throw usage(`openzoom ${command.name}: ${(err as Error).message.replace(/\. To specify a positional.*$/s, '.')}`, `openzoom ${command.name} --help`);
    }
    if (parsed.values.help) {
      out.line(commandHelp(command));
      return 0;
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      const extra = parsed.positionals.length > max ? `unexpected argument ${parsed.positionals[max]}` : `missing ${command.args}`;
      throw usage(`openzoom ${command.name}: ${extra}.`, `openzoom ${command.name} --help`);
    }
    const url = (parsed.values.url as string | undefined) ?? env.OPENZOOM_URL ?? DEFAULT_URL;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw usage(`--url must be an http(s) URL, not ${url}`, 'openzoom help');
    const client = controlClient(url, (parsed.values['admin-key'] as string | undefined) ?? (env.OPENZOOM_ADMIN_KEY || undefined));
    await command.run({ out, client, values: parsed.values, positionals: parsed.positionals });
    return 0;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    out.error(out.colour ? `\x1b[31m${err.message}\x1b[0m` : err.message);
    return err.exitCode;
  }
}
