// The commands that talk to a running server: each is a spec (its flags, its
// help) and a run function. `start` lives in index.ts: it is the server.
import type { RequestView as RequestEntry } from '../../core/request-history.ts';
import { CliError, describeFailure, type ControlClient } from './client.ts';
import { follow, limitOf } from './follow.ts';
import { fields, statusColour, table, type Output } from './output.ts';
import { WEBHOOK_COMMANDS } from './webhooks.ts';
import { chatSend } from './chat.ts';
import { phoneCall } from './phone.ts';
import { LIVE_COMMANDS } from './live.ts';
import { WEBINAR_COMMANDS } from './webinars.ts';
import { ROOMS_COMMANDS } from './rooms.ts';
import { simulate } from './simulate.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in help (string options). */
  value?: string;
  description: string;
}

export type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface Context {
  out: Output;
  client: ControlClient;
  values: Values;
  positionals: string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments as help shows them. */
  args?: string;
  positionals?: { min: number; max: number };
  options: Record<string, OptionSpec>;
  /** Extra lines of help. */
  notes?: string[];
  run(ctx: Context): Promise<void>;
}

interface Health {
  status: string;
  database: string;
  time: string;
}
interface Version {
  version: string;
  operations: number;
  implemented: number;
}
interface ClockState {
  now: string;
  now_ms: number;
  frozen: boolean;
}
interface AppSummary {
  client_id: string;
  name: string;
  app_type: string;
}
interface AccountSummary {
  id: string;
  account_name: string;
  plan: string;
  owner_email: string;
  master_account_id: string | null;
  demo: boolean;
  apps: AppSummary[];
}
interface AppDetail extends AppSummary {
  account_id: string;
  scopes: string[];
  redirect_uris: string[];
  client_secret?: string;
}
interface Demo {
  account_id: string;
  client_id: string;
  client_secret: string;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] | undefined =>
  typeof v === 'string'
    ? v
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** `90`, `90s`, `15m`, `1h30m`, `2d`, `1w`: seconds. */
export function parseDuration(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0);
}

function printClock(out: Output, c: ClockState): void {
  if (out.json) return out.data(c);
  out.line(`${out.bold(c.now)}  ${c.frozen ? out.yellow('frozen') : out.dim('running')}`);
}

function printApp(out: Output, app: AppDetail): void {
  if (out.json) return out.data(app);
  fields(out, [
    ['client id', app.client_id],
    ['client secret', app.client_secret],
    ['account id', app.account_id],
    ['type', app.app_type],
    ['scopes', app.scopes.length > 6 ? `${app.scopes.length} scopes` : app.scopes.join(' ') || '(none)'],
    ['redirect URIs', app.redirect_uris.length ? app.redirect_uris.join(' ') : undefined],
  ]);
}

const status: CommandSpec = {
  name: 'status',
  summary: 'health, version, database, coverage and clock of the server',
  options: {},
  async run({ out, client }) {
    const health = await client.get<Health>('/health');
    const [version, clock, accounts] = await Promise.all([
      client.get<Version>('/version'),
      client.get<ClockState>('/clock'),
      client.get<{ total_records: number }>('/accounts'),
    ]);
    if (out.json) return out.data({ url: client.url, health, version, clock, accounts: accounts.total_records });
    out.line(`${out.bold(`OpenZoom ${version.version}`)} at ${client.url}`);
    fields(out, [
      ['health', health.status === 'ok' ? out.green('ok') : out.red(health.status)],
      ['database', health.database],
      ['coverage', `${version.implemented} of ${version.operations} operations implemented (others answer 501)`],
      ['clock', `${clock.now}${clock.frozen ? ` ${out.yellow('(frozen)')}` : ''}`],
      ['accounts', accounts.total_records],
    ]);
  },
};

const reset: CommandSpec = {
  name: 'reset',
  summary: 'empty every account and create the demo account again (same credentials)',
  options: {},
  async run({ out, client }) {
    const r = await client.post<{ account_id: string; client_id: string; client_secret: string }>('/reset');
    if (out.json) return out.data(r);
    out.line(`Every account emptied; the demo account is back with the same credentials.`);
    fields(out, [
      ['account id', r.account_id],
      ['client id', r.client_id],
      ['client secret', r.client_secret],
    ]);
  },
};

const clock: CommandSpec = {
  name: 'clock',
  summary: "show or move the server's clock",
  args: '[set TIME | advance DURATION | freeze | unfreeze | reset]',
  positionals: { min: 0, max: 2 },
  options: {},
  notes: [
    'TIME is ISO 8601 (2030-01-01T09:00:00Z); DURATION is seconds or 90s, 15m, 1h30m, 2d, 1w.',
    'Token expiry, page tokens, rate-limit windows and every timestamp follow the clock.',
  ],
  async run({ out, client, positionals }) {
    const [action, arg] = positionals;
    const needs = (want: boolean) => {
      if (want !== (arg !== undefined)) throw new CliError(`openzoom clock ${action} ${want ? 'needs a value' : 'takes no value'}. See openzoom clock --help.`, 2);
    };
    let body: Record<string, unknown> | undefined;
    switch (action) {
      case undefined:
        return printClock(out, await client.get<ClockState>('/clock'));
      case 'set':
        needs(true);
        body = { set: arg };
        break;
      case 'advance': {
        needs(true);
        const seconds = parseDuration(arg!);
        if (seconds === null) throw new CliError(`Not a duration: ${arg}. Use seconds or 90s, 15m, 1h30m, 2d, 1w.`, 2);
        body = { advance_seconds: seconds };
        break;
      }
      case 'freeze':
      case 'unfreeze':
        needs(false);
        body = { freeze: action === 'freeze' };
        break;
      case 'reset':
        needs(false);
        body = { reset: true };
        break;
      default:
        throw new CliError(`Unknown clock action: ${action}. Use set, advance, freeze, unfreeze or reset.`, 2);
    }
    printClock(out, await client.post<ClockState>('/clock', body));
  },
};

const accountsList: CommandSpec = {
  name: 'accounts list',
  summary: 'every account, with its apps',
  options: {},
  async run({ out, client }) {
    const r = await client.get<{ total_records: number; accounts: AccountSummary[] }>('/accounts');
    if (out.json) return out.data(r);
    table(
      out,
      ['ACCOUNT ID', 'PLAN', 'NAME', 'OWNER', 'APPS'],
      r.accounts.map((a) => [
        a.id + (a.demo ? ' (demo)' : a.master_account_id ? ' (sub)' : ''),
        a.plan,
        a.account_name,
        a.owner_email,
        a.apps.map((app) => app.client_id).join(' '),
      ]),
    );
  },
};

const accountsGet: CommandSpec = {
  name: 'accounts get',
  summary: 'one account and its apps',
  args: 'ACCOUNT_ID',
  positionals: { min: 1, max: 1 },
  options: {},
  async run({ out, client, positionals }) {
    const a = await client.get<Omit<AccountSummary, 'apps'> & { seats: number; owner_id: string; apps: AppDetail[] }>(`/accounts/${encodeURIComponent(positionals[0]!)}`);
    if (out.json) return out.data(a);
    fields(out, [
      ['account id', a.id],
      ['name', a.account_name],
      ['plan', a.plan],
      ['owner', `${a.owner_email} (${a.owner_id})`],
      ['seats', a.seats],
      ['master account', a.master_account_id ?? undefined],
    ]);
    out.line();
    table(out, ['CLIENT ID', 'TYPE', 'NAME', 'SCOPES'], a.apps.map((app) => [app.client_id, app.app_type, app.name, String(app.scopes.length)]));
  },
};

const accountsCreate: CommandSpec = {
  name: 'accounts create',
  summary: 'a new account with its owner and a server-to-server app',
  options: {
    plan: { type: 'string', value: 'free|pro|business|enterprise', description: 'the plan (rate limits and seats follow it); default pro' },
    name: { type: 'string', value: 'NAME', description: 'account name' },
    'owner-email': { type: 'string', value: 'EMAIL', description: "the owner's email" },
    seats: { type: 'string', value: 'N', description: 'licensed seats' },
    master: { type: 'string', value: 'ACCOUNT_ID', description: 'make it a sub account of this master account' },
    scopes: { type: 'string', value: 'a,b', description: "the app's scopes (default: every scope)" },
  },
  async run({ out, client, values }) {
    const seats = str(values.seats);
    if (seats !== undefined && !/^\d+$/.test(seats)) throw new CliError(`--seats must be a whole number, not ${seats}`, 2);
    const body = {
      ...(str(values.plan) ? { plan: str(values.plan) } : {}),
      ...(str(values.name) ? { account_name: str(values.name) } : {}),
      ...(str(values['owner-email']) ? { owner_email: str(values['owner-email']) } : {}),
      ...(seats !== undefined ? { seats: Number(seats) } : {}),
      ...(str(values.master) ? { master_account_id: str(values.master) } : {}),
      ...(values.scopes !== undefined ? { scopes: list(values.scopes) } : {}),
    };
    const r = await client.post<Record<string, string | number>>('/accounts', body);
    if (out.json) return out.data(r);
    fields(out, [
      ['account id', r.account_id],
      ['plan', r.plan],
      ['owner', `${r.owner_email} (${r.owner_id})`],
      ['client id', r.client_id],
      ['client secret', r.client_secret],
    ]);
  },
};

async function demo(client: ControlClient): Promise<Demo> {
  return client.get<Demo>('/demo');
}

const appsList: CommandSpec = {
  name: 'apps list',
  summary: 'OAuth apps (client ids, types, scopes)',
  options: { account: { type: 'string', value: 'ACCOUNT_ID', description: "only this account's apps" } },
  async run({ out, client, values }) {
    const account = str(values.account);
    const r = await client.get<{ total_records: number; apps: AppDetail[] }>(`/apps${account ? `?account_id=${encodeURIComponent(account)}` : ''}`);
    if (out.json) return out.data(r);
    table(out, ['CLIENT ID', 'ACCOUNT ID', 'TYPE', 'SCOPES'], r.apps.map((a) => [a.client_id, a.account_id, a.app_type, String(a.scopes.length)]));
  },
};

const appsCreate: CommandSpec = {
  name: 'apps create',
  summary: 'an app with just the scopes given (to test 4711), or a user-level OAuth app',
  options: {
    scopes: { type: 'string', value: 'a,b', description: 'its scopes (required; "" for none)' },
    account: { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' },
    type: { type: 'string', value: 's2s|oauth|chatbot', description: 'app type; default s2s' },
    name: { type: 'string', value: 'NAME', description: 'app name' },
    'redirect-uri': { type: 'string', multiple: true, value: 'URL', description: 'an OAuth redirect URL (repeatable)' },
  },
  async run({ out, client, values }) {
    if (values.scopes === undefined) throw new CliError('openzoom apps create needs --scopes (a comma-separated list).', 2);
    const account = str(values.account) ?? (await demo(client)).account_id;
    const uris = values['redirect-uri'] as string[] | undefined;
    const r = await client.post<AppDetail>('/apps', {
      account_id: account,
      scopes: list(values.scopes),
      ...(str(values.type) ? { app_type: str(values.type) } : {}),
      ...(str(values.name) ? { name: str(values.name) } : {}),
      ...(uris ? { redirect_uris: uris } : {}),
    });
    printApp(out, r);
  },
};

const token: CommandSpec = {
  name: 'token',
  summary: 'print an access token, ready for curl',
  options: {
    user: { type: 'string', value: 'EMAIL|USER_ID', description: "a user-level token for this user (default: the account's own)" },
    account: { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' },
    scopes: { type: 'string', value: 'a,b', description: 'its scopes (default: every scope)' },
  },
  notes: ['curl -H "Authorization: Bearer $(openzoom token)" http://127.0.0.1:9090/v2/users'],
  async run({ out, client, values }) {
    const user = str(values.user);
    const account = str(values.account);
    let issued: { access_token: string };
    if (!user && !account && values.scopes === undefined) {
      // The demo app's own credentials, the way a server-to-server app gets one.
      const d = await demo(client);
      const res = await client.raw(`/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(d.account_id)}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${d.client_id}:${d.client_secret}`).toString('base64')}` },
      });
      const text = await res.text();
      if (!res.ok) throw new CliError(`POST /oauth/token → ${describeFailure(res.status, text)}`);
      issued = JSON.parse(text) as { access_token: string };
    } else {
      const accountId = account ?? (await demo(client)).account_id;
      issued = await client.post<{ access_token: string }>('/tokens', {
        account_id: accountId,
        ...(user ? (user.includes('@') ? { email: user } : { user_id: user }) : {}),
        ...(values.scopes !== undefined ? { scopes: list(values.scopes) } : {}),
      });
    }
    if (out.json) return out.data(issued);
    out.line(issued.access_token);
  },
};

function printRequest(out: Output, r: RequestEntry, bodies: boolean): void {
  const time = r.time.slice(11, 23);
  const code = r.code !== undefined ? ` ${r.code}` : '';
  const op = r.operation ? `  ${out.dim(r.operation)}` : '';
  out.line(`${out.dim(time)} ${r.method.padEnd(6)} ${r.path}  ${statusColour(out, r.status, `${r.status}${code}`)}  ${out.dim(`${r.duration_ms} ms`)}${op}`);
  if (!bodies) return;
  // A glance per body; --json has them as the server keeps them.
  const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);
  if (r.request_body) out.line(`    ${out.dim('→')} ${clip(r.request_body)}`);
  if (r.response_body) out.line(`    ${out.dim('←')} ${clip(r.response_body)}`);
}

const requests: CommandSpec = {
  name: 'requests',
  summary: 'the last requests the server answered (bodies masked)',
  options: {
    follow: { type: 'boolean', short: 'f', description: 'keep printing requests as they come' },
    status: { type: 'string', value: '404|4xx', description: 'only this status, or class of statuses' },
    operation: { type: 'string', value: 'OPERATION_ID', description: 'only this operation (getUser, userCreate, …)' },
    account: { type: 'string', value: 'ACCOUNT_ID', description: 'only requests of this account' },
    method: { type: 'string', value: 'METHOD', description: 'only this HTTP method' },
    limit: { type: 'string', value: 'N', description: 'the newest N (default 20)' },
    bodies: { type: 'boolean', short: 'b', description: 'show request and response bodies' },
  },
  notes: ['With --json, one JSON object per line (also with --follow).'],
  async run({ out, client, values }) {
    const limit = limitOf(str(values.limit), '20');
    const filter = new URLSearchParams();
    for (const [flag, param] of [['status', 'status'], ['operation', 'operation'], ['account', 'account_id'], ['method', 'method']] as const) {
      const v = str(values[flag]);
      if (v !== undefined) filter.set(param, v);
    }
    const show = (entries: RequestEntry[]) => {
      for (const r of entries) out.json ? out.line(JSON.stringify(r)) : printRequest(out, r, values.bodies === true);
    };
    const first = await client.get<{ next_after: number; requests: RequestEntry[] }>(`/requests?${filter}&limit=${limit}`);
    show(first.requests);
    if (!values.follow) return;
    let after = first.next_after;
    await follow(async () => {
      const page = await client.get<{ next_after: number; requests: RequestEntry[] }>(`/requests?${filter}&after=${after}&limit=500`);
      show(page.requests);
      after = page.next_after;
    });
  },
};

const openapi: CommandSpec = {
  name: 'openapi',
  summary: 'print the contract as an OpenAPI 3.0 document (JSON)',
  options: {},
  async run({ out, client }) {
    out.line(JSON.stringify(await client.get('/openapi.json')));
  },
};

export const COMMANDS: readonly CommandSpec[] = [status, reset, clock, accountsList, accountsGet, accountsCreate, appsList, appsCreate, token, requests, openapi, chatSend, phoneCall, simulate, ...WEBHOOK_COMMANDS, ...LIVE_COMMANDS, ...ROOMS_COMMANDS, ...WEBINAR_COMMANDS];
