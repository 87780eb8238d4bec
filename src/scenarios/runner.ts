// Plays a scenario against a server through its own front doors: the control
// plane for what only clients do (start, join with device and network, share,
// record, answer polls, QoS, feedback, leave, end, chat, sign-ins, the clock)
// and the REST API for what admins do (users, groups, meetings, polls, any
// `api` event). The same code paths as a live client or app, so everything a
// report or dashboard reads is real state. Time moves on the server clock,
// frozen and set event by event: a month plays without waiting.
import type { Scenario, ScenarioEvent } from './format.ts';
import { partAddons, qosSamples, setUpParts } from './parts.ts';

export interface Reply {
  status: number;
  body: any;
}

/** How the runner reaches the server: in process (the control plane's scenarios route) or over HTTP (the CLI). */
export interface Transport {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

export class ScenarioFailure extends Error {}

export interface RunSummary {
  account_id: string;
  client_id: string;
  client_secret?: string;
  users: Record<string, string>;
  groups: Record<string, string>;
  meetings: Record<string, string>;
  /** The ids of webinars, rooms and phone sites, when the scenario has them (src/scenarios/parts.ts). */
  webinars?: Record<string, string>;
  rooms?: Record<string, string>;
  phone_sites?: Record<string, string>;
  events: number;
  started: string;
  clock: string;
}

const TOKEN_REFRESH_MS = 50 * 60_000;

const MEETING_ACTIONS = new Set(['start', 'end', 'join', 'leave', 'share_start', 'share_stop', 'record', 'poll_answer', 'qos', 'feedback']);

/**
 * Which events may run beside others of the same instant: a session's own (its lane is the
 * session), chat, sign-ins and phone calls (one lane each). Null: run alone (a REST request,
 * a room's action, anything else), as they may touch what the others read.
 */
function laneOf(e: ScenarioEvent): string | null {
  if (MEETING_ACTIONS.has(e.action)) return `meeting:${String(e.meeting)}`;
  if (e.action.startsWith('webinar_')) return `webinar:${String(e.webinar)}`;
  if (e.action === 'chat') return 'chat';
  if (e.action === 'sign_in' || e.action === 'sign_out') return 'activity';
  if (e.action === 'call') return 'phone';
  return null;
}

export async function runScenario(s: Scenario, t: Transport, onProgress?: (done: number, total: number) => void): Promise<RunSummary> {
  let now = 0;
  const must = async (what: string, method: string, path: string, body?: unknown, headers?: Record<string, string>, ok = [200, 201, 202, 204]): Promise<any> => {
    let r = await t.request(method, path, body, headers);
    // A per-second limit on a frozen clock: let a second pass (setup only moves the clock forward).
    for (let tries = 0; r.status === 429 && tries < 5; tries++) {
      const moved = await t.request('POST', '/_openzoom/clock', { advance_seconds: 1 });
      now = Number(moved.body?.now_ms ?? now);
      r = await t.request(method, path, body, headers);
    }
    if (!ok.includes(r.status)) throw new ScenarioFailure(`${what}: ${method} ${path} answered ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // The clock first: everything the scenario creates is dated by it.
  const clock = await must('clock', 'POST', '/_openzoom/clock', s.start !== undefined ? { set: s.start, freeze: true } : { freeze: true });
  now = clock.now_ms;
  const started = new Date(now).toISOString();
  const setClock = async (at: number) => {
    if (at === now) return;
    await must('clock', 'POST', '/_openzoom/clock', { set: new Date(at).toISOString() });
    now = at;
  };

  // The account: an existing one (its credentials given) or a new one.
  const users: Record<string, string> = {};
  const emails: Record<string, string> = {};
  const names: Record<string, string> = {};
  let accountId: string;
  let clientId: string;
  let clientSecret: string;
  const a = s.account ?? {};
  if (a.account_id !== undefined) {
    if (a.client_id === undefined || a.client_secret === undefined) throw new ScenarioFailure('account: an existing account_id needs its client_id and client_secret.');
    accountId = a.account_id;
    clientId = a.client_id;
    clientSecret = a.client_secret;
  } else {
    const plan = a.plan ?? 'business';
    const licensed = (s.users ?? []).filter((u) => (u.type ?? 2) === 2).length;
    const addons = partAddons(s);
    const made = await must('account', 'POST', '/_openzoom/accounts', {
      plan,
      ...(a.account_name !== undefined ? { account_name: a.account_name } : {}),
      ...(plan !== 'free' ? { seats: Math.max(licensed + 1, 10) } : {}),
      ...(Object.keys(addons).length > 0 ? { addons } : {}),
    });
    accountId = made.account_id;
    clientId = made.client_id;
    clientSecret = made.client_secret;
    users.owner = made.owner_id;
    emails.owner = made.owner_email;
    names.owner = 'Owner';
  }
  let token = '';
  let tokenAt = -Infinity;
  const auth = async () => {
    if (now - tokenAt >= TOKEN_REFRESH_MS || now < tokenAt) {
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      token = (await must('token', 'POST', `/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(accountId)}`, undefined, { authorization: `Basic ${basic}` })).access_token;
      tokenAt = now;
    }
    return { authorization: `Bearer ${token}` };
  };
  const api = async (what: string, method: string, path: string, body?: unknown) => must(what, method, path, body, await auth());

  for (const u of s.users ?? []) {
    const email = u.email ?? `${u.key.toLowerCase()}@scenario.example.com`;
    const info = { email, type: u.type ?? 2, first_name: u.first_name ?? u.key, last_name: u.last_name ?? '' };
    const made = await api(`user ${u.key}`, 'POST', '/v2/users', { action: 'custCreate', user_info: info });
    users[u.key] = made.id;
    emails[u.key] = email;
    names[u.key] = `${info.first_name} ${info.last_name}`.trim();
    if (u.dept !== undefined) await api(`user ${u.key}`, 'PATCH', `/v2/users/${made.id}`, { dept: u.dept });
  }
  const need = (map: Record<string, string>, k: string, what: string) => {
    const v = map[k];
    if (v === undefined) throw new ScenarioFailure(`Unknown ${what} "${k}".`);
    return v;
  };

  const groups: Record<string, string> = {};
  for (const g of s.groups ?? []) {
    groups[g.key] = (await api(`group ${g.key}`, 'POST', '/v2/groups', { name: g.name })).id;
    const members = (g.members ?? []).map((m) => ({ id: need(users, m, 'user') }));
    for (let i = 0; i < members.length; i += 30) await api(`group ${g.key}`, 'POST', `/v2/groups/${groups[g.key]}/members`, { members: members.slice(i, i + 30) });
  }

  const meetings: Record<string, string> = {};
  const polls: Record<string, string> = {};
  for (const m of s.meetings ?? []) {
    const host = need(users, m.host ?? 'owner', 'user');
    const body = {
      topic: m.topic ?? m.key,
      type: m.type ?? 2,
      start_time: m.start_time ?? started,
      duration: m.duration ?? 30,
      ...(m.recurrence ? { recurrence: m.recurrence } : {}),
      // Scenario meetings let people in unless their settings say otherwise.
      settings: { waiting_room: false, join_before_host: false, ...(m.settings ?? {}) },
    };
    meetings[m.key] = String((await api(`meeting ${m.key}`, 'POST', `/v2/users/${host}/meetings`, body)).id);
    for (const p of m.polls ?? []) polls[`${m.key}/${p.title}`] = (await api(`meeting ${m.key} poll`, 'POST', `/v2/meetings/${meetings[m.key]}/polls`, p)).id;
  }

  // Webinars, phone and rooms (src/scenarios/parts.ts): their setup, and the actions the switch below does not know.
  const fail = (message: string): never => {
    throw new ScenarioFailure(message);
  };
  const parts = await setUpParts({ accountId, now: () => now, started, must: (w, m, p, b) => must(w, m, p, b), api, need, fail, users, emails, names, meetings }, s);

  // Events in time order (a stable sort: events at the same instant keep the file's order).
  let last = now;
  const timed = (s.events ?? []).map((e, index) => {
    const at = e.at !== undefined ? Date.parse(e.at) : last + (e.after ?? 0) * 1000;
    last = at;
    return { e, index, at };
  });
  timed.sort((x, y) => x.at - y.at || x.index - y.index);

  const participants = new Map<string, { id: string; joined: number }>();
  const control = (what: string, meeting: string, path: string, body: unknown = {}) => must(what, 'POST', `/_openzoom/meetings/${need(meetings, meeting, 'meeting')}${path}`, body);
  const participant = (e: ScenarioEvent) => {
    const p = participants.get(`${e.meeting}/${e.as}`);
    if (!p) throw new ScenarioFailure(`Event ${e.action}: "${String(e.as)}" has not joined meeting "${String(e.meeting)}".`);
    return p;
  };
  const fill = (path: string) => path.replace(/\{(user|meeting|group):([^}]+)\}/g, (_m, kind: string, k: string) => need(kind === 'user' ? users : kind === 'meeting' ? meetings : groups, k, kind));

  let done = 0;
  const play = async ({ e, index }: { e: ScenarioEvent; index: number }) => {
    const what = `event ${index} (${e.action})`;
    const meeting = String(e.meeting ?? '');
    switch (e.action) {
      case 'start': {
        const live = await control(what, meeting, '/start');
        const host = (live.participants as Array<{ participant_id: string; role: string }>).find((p) => p.role === 'host');
        if (host) participants.set(`${meeting}/host`, { id: host.participant_id, joined: now });
        break;
      }
      case 'end':
        await control(what, meeting, '/end');
        break;
      case 'join': {
        const user = e.user === undefined ? undefined : String(e.user);
        const as = String(e.as);
        const body: Record<string, unknown> = {
          name: e.name ?? (user ? names[user] || user : as),
          email: e.email ?? (user ? need(emails, user, 'user') : `${as.toLowerCase()}@guest.example.com`),
        };
        for (const k of ['device', 'version', 'network_type', 'location', 'ip_address', 'data_center']) if (e[k] !== undefined) body[k] = e[k];
        const p = await control(what, meeting, '/participants', body);
        participants.set(`${meeting}/${as}`, { id: p.participant_id, joined: now });
        break;
      }
      case 'leave':
        await control(what, meeting, `/participants/${participant(e).id}/leave`);
        break;
      case 'share_start':
        await control(what, meeting, `/participants/${participant(e).id}/share/start`, e.content !== undefined ? { content: e.content } : {});
        break;
      case 'share_stop':
        await control(what, meeting, `/participants/${participant(e).id}/share/stop`);
        break;
      case 'record':
        await control(what, meeting, `/recording/${String(e.recording)}`);
        break;
      case 'poll_answer': {
        const pollId = need(polls, `${meeting}/${String(e.poll)}`, 'poll');
        await control(what, meeting, `/polls/${pollId}/answers`, { participant_id: participant(e).id, answers: e.answers });
        break;
      }
      case 'qos': {
        // One sample per minute for the last `minutes` minutes, none before the join.
        const p = participant(e);
        const samples = qosSamples(e, p.joined, now, ['meeting']);
        if (samples.length > 0) await control(what, meeting, `/participants/${p.id}/qos`, { samples });
        break;
      }
      case 'feedback':
        await control(what, meeting, `/participants/${participant(e).id}/feedback`, {
          quality: e.quality,
          ...(e.comment !== undefined ? { comment: e.comment } : {}),
          ...(e.issues !== undefined ? { issues: e.issues } : {}),
        });
        break;
      case 'chat': {
        const from = need(emails, String(e.from), 'user');
        const target = e.to_channel !== undefined ? { to_channel: String(e.to_channel) } : { to_contact: need(emails, String(e.to_user), 'user') };
        await must(what, 'POST', '/_openzoom/chat/messages', { account_id: accountId, user: from, ...target, message: e.message });
        break;
      }
      case 'sign_in':
      case 'sign_out':
        await must(what, 'POST', '/_openzoom/activities', {
          account_id: accountId,
          user_id: need(users, String(e.user), 'user'),
          type: e.action === 'sign_in' ? 'Sign in' : 'Sign out',
          ...(e.client_type !== undefined ? { client_type: e.client_type } : {}),
          ...(e.version !== undefined ? { version: e.version } : {}),
          ...(e.ip_address !== undefined ? { ip_address: e.ip_address } : {}),
        });
        break;
      case 'api':
        await api(what, String(e.method), fill(String(e.path)), e.body);
        break;
      default: {
        const handler = parts.handler(e.action);
        if (!handler) throw new ScenarioFailure(`${what}: unknown action.`);
        await handler(parts.play, e, what);
      }
    }
    done++;
    onProgress?.(done, timed.length);
  };

  // The events of one instant: those of different sessions (or kinds of activity) run side by
  // side, each lane in the file's order, so that their writes share commits; an event with no
  // lane (an `api` request, a room's) runs alone in its place.
  for (let i = 0; i < timed.length; ) {
    const { e, index, at } = timed[i]!;
    if (at < now) throw new ScenarioFailure(`Event ${index} (${e.action}) is at ${new Date(at).toISOString()}, before the clock (${new Date(now).toISOString()}).`);
    await setClock(at);
    let j = i;
    while (j < timed.length && timed[j]!.at === at) j++;
    for (let k = i; k < j; ) {
      const lanes = new Map<string, Array<(typeof timed)[number]>>();
      let lane: string | null;
      while (k < j && (lane = laneOf(timed[k]!.e)) !== null) {
        if (!lanes.has(lane)) lanes.set(lane, []);
        lanes.get(lane)!.push(timed[k++]!);
      }
      if (lanes.size === 0) {
        await play(timed[k++]!);
        continue;
      }
      const outcomes = await Promise.allSettled([...lanes.values()].map(async (list) => {
        for (const t of list) await play(t);
      }));
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    }
    i = j;
  }
  return { account_id: accountId, client_id: clientId, ...(a.account_id === undefined ? { client_secret: clientSecret } : {}), users, groups, meetings, ...parts.ids(), events: done, started, clock: new Date(now).toISOString() };
}
