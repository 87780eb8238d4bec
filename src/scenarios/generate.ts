// A realistic month for an account, as a scenario: departments with their
// groups and weekly team meetings, hosts' own meetings in working hours
// (mornings and early afternoons, few at weekends), attendees mostly from the
// host's department plus a few guests, early leaves and rejoins, sharing,
// recording, QoS from each participant's network (a few bad ones), feedback
// and daily sign-ins. A seed makes it the same file every time.
import type { Scenario, ScenarioEvent } from './format.ts';
import { generateSessions } from './generate-sessions.ts';

export interface GenerateOptions {
  users: number;
  days: number;
  seed: number;
  /** The first day (its midnight, UTC); the clock starts there. */
  start: string;
  plan?: 'pro' | 'business' | 'enterprise';
  /** Meeting instances per user and day (Zoom-heavy organisations: ~1.3). */
  perUserDay?: number;
}

/** mulberry32: a small seeded generator, enough to pick and shuffle reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPTS = ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance', 'Operations'];
const DEVICES: Array<[string, number]> = [['Windows', 45], ['Mac', 30], ['iOS', 10], ['Android', 10], ['Phone', 5]];
const NETWORKS: Array<[string, number]> = [['Wifi', 60], ['Wired', 30], ['Cellular', 10]];
const VERSIONS: Array<[string, number]> = [['6.2.5.41699', 50], ['6.1.11.39163', 35], ['5.17.11.34827', 15]];
const PLACES = [
  ['New York (US)', 'US', '34.23.'],
  ['London (GB)', 'GB', '81.2.'],
  ['Berlin (DE)', 'DE', '85.214.'],
  ['Singapore (SG)', 'SG', '103.6.'],
  ['Sydney (AU)', 'AU', '1.120.'],
];
const HOUR = 3_600_000;
const MINUTE = 60_000;

export function generateScenario(o: GenerateOptions): Scenario {
  const rnd = seeded(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = (xs: Array<[string, number]>) => {
    let r = rnd() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[0]![0];
  };
  const day0 = Date.parse(o.start.slice(0, 10));
  const iso = (ms: number) => new Date(ms).toISOString();

  // People: each keeps their client, network and place all month; ~4% have a bad network.
  const users = Array.from({ length: o.users }, (_, n) => {
    const place = pick(PLACES);
    return {
      key: `u${n + 1}`,
      email: `user${n + 1}@example.com`,
      first_name: `User`,
      last_name: String(n + 1),
      type: (rnd() < 0.05 ? 1 : 2) as 1 | 2,
      dept: DEPTS[n % DEPTS.length]!,
      client: { device: weighted(DEVICES), network_type: weighted(NETWORKS), version: weighted(VERSIONS), location: place[0]!, ip_address: `${place[2]}${int(0, 255)}.${int(1, 254)}`, data_center: place[1]! },
      bad: rnd() < 0.04,
    };
  });
  const byDept = new Map(DEPTS.map((d) => [d, users.filter((u) => u.dept === d)]));
  const groups = DEPTS.filter((d) => byDept.get(d)!.length > 0).map((d) => ({ key: d.toLowerCase(), name: d, members: byDept.get(d)!.map((u) => u.key) }));

  const meetings: NonNullable<Scenario['meetings']> = [];
  const events: ScenarioEvent[] = [];
  // A host's own meeting, started as often as they hold one (each start is an instance).
  for (const u of users) meetings.push({ key: `m-${u.key}`, host: u.key, topic: `${u.dept} sync with user ${u.key.slice(1)}`, type: 2, start_time: iso(day0 + 9 * HOUR), duration: 45 });
  const teams = groups.map((g) => {
    const host = g.members[0]!;
    meetings.push({ key: `team-${g.key}`, host, topic: `${g.name} weekly`, type: 2, start_time: iso(day0 + 9 * HOUR), duration: 30 });
    return { key: `team-${g.key}`, host, members: g.members };
  });

  const quality = (u: (typeof users)[number]) => {
    const bad = u.bad || (u.client.network_type === 'Cellular' && rnd() < 0.2);
    const v = () => 0.8 + rnd() * 0.4;
    return {
      audio_input: { bitrate: 40 * v(), latency: (bad ? 320 : 60) * v(), jitter: (bad ? 40 : 5) * v(), avg_loss: (bad ? 6 : 0.2) * v(), max_loss: (bad ? 18 : 1) * v() },
      audio_output: { bitrate: 38 * v(), latency: (bad ? 300 : 55) * v(), jitter: (bad ? 35 : 4) * v(), avg_loss: (bad ? 5 : 0.2) * v(), max_loss: (bad ? 15 : 1) * v() },
      video_input: { bitrate: (bad ? 300 : 1200) * v(), latency: (bad ? 330 : 70) * v(), jitter: (bad ? 45 : 6) * v(), avg_loss: (bad ? 7 : 0.3) * v(), max_loss: (bad ? 20 : 1.5) * v(), resolution: bad ? '640*360' : '1280*720', frame_rate: bad ? 12 : 25 },
      cpu_usage: { zoom_avg_cpu_usage: 10 + 20 * rnd(), zoom_min_cpu_usage: 2 + 3 * rnd(), zoom_max_cpu_usage: 40 + 30 * rnd(), system_max_cpu_usage: 60 + 30 * rnd() },
    };
  };

  /** One instance: the host starts, people join (some leave early and come back), QoS before each leave, the host ends. */
  const hold = (meeting: string, host: (typeof users)[number], attendees: Array<(typeof users)[number]>, begin: number, minutes: number) => {
    const end = begin + minutes * MINUTE;
    events.push({ at: iso(begin), action: 'start', meeting });
    const stint = (who: (typeof users)[number], as: string, from: number, to: number) => {
      if (as !== 'host') events.push({ at: iso(from), action: 'join', meeting, as, user: who.key, ...who.client });
      const mins = Math.max(1, Math.min(240, Math.floor((to - from) / MINUTE)));
      events.push({ at: iso(to), action: 'qos', meeting, as, minutes: mins, ...quality(who) });
      if (as !== 'host') events.push({ at: iso(to), action: 'leave', meeting, as });
    };
    stint(host, 'host', begin, end);
    for (const a of attendees) {
      const from = begin + int(0, 4) * MINUTE;
      if (rnd() < 0.1 && end - from > 20 * MINUTE) {
        // Dropped out and came back: two joins, as Zoom's reports count them.
        const mid = from + Math.floor((end - from) / 2);
        stint(a, a.key, from, mid - 2 * MINUTE);
        stint(a, a.key, mid, end - MINUTE);
      } else {
        stint(a, a.key, from, end - int(1, 3) * MINUTE);
      }
    }
    if (rnd() < 0.4) {
      events.push({ at: iso(begin + 5 * MINUTE), action: 'share_start', meeting, as: 'host', content: rnd() < 0.8 ? 'desktop' : 'application' });
      events.push({ at: iso(begin + Math.min(minutes - 2, 25) * MINUTE), action: 'share_stop', meeting, as: 'host' });
    }
    if (rnd() < 0.1) events.push({ at: iso(begin + MINUTE), action: 'record', meeting, recording: 'start' });
    events.push({ at: iso(end), action: 'end', meeting });
    for (const a of attendees) {
      if (rnd() >= 0.3) continue;
      // Those on a bad network are the unhappy ones, and say why.
      const good = a.bad ? rnd() < 0.3 : rnd() < 0.9;
      events.push({ at: iso(end + MINUTE), action: 'feedback', meeting, as: a.key, quality: good ? 'GOOD' : 'NOT GOOD', ...(good ? {} : { issues: [pick(['Audio cut out', 'Video was frozen', 'Audio echo', 'Could not hear others'])] }) });
    }
  };

  const perUserDay = o.perUserDay ?? 20000 / (500 * 30);
  for (let d = 0; d < o.days; d++) {
    const day = day0 + d * 24 * HOUR;
    const weekday = new Date(day).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const u of users) if (!weekend || rnd() < 0.05) events.push({ at: iso(day + int(7 * 60, 9 * 60) * MINUTE), action: 'sign_in', user: u.key, client_type: u.client.device, version: u.client.version, ip_address: u.client.ip_address });
    // Team meetings on Mondays at 09:00.
    if (weekday === 1) for (const t of teams) hold(t.key, users.find((u) => u.key === t.host)!, t.members.slice(1, 25).map((k) => users.find((u) => u.key === k)!), day + 9 * HOUR, 30);
    // Hosts' own meetings: each in its own hour between 08:00 and 17:00, mornings and early afternoons weighted.
    for (const u of users) {
      let count = 0;
      const expected = weekend ? perUserDay * 0.05 : perUserDay * (7 / 5);
      while (rnd() < expected - count) count++;
      const hours = [8, 10, 10, 11, 13, 14, 14, 15, 16].sort(() => rnd() - 0.5);
      const used = new Set<number>();
      for (const h of hours) {
        if (used.size >= Math.min(count, 5)) break;
        if (used.has(h)) continue;
        used.add(h);
        const same = byDept.get(u.dept)!.filter((x) => x !== u);
        const n = rnd() < 0.08 ? 0 : int(1, Math.min(7, same.length + 1));
        const attendees = Array.from({ length: n }, () => (same.length > 0 && rnd() < 0.85 ? pick(same) : pick(users))).filter((x, i, xs) => x !== u && xs.indexOf(x) === i);
        // A Basic host's meeting ends at 40 minutes (the plan's limit): theirs are shorter.
        hold(`m-${u.key}`, u, attendees, day + h * HOUR + int(0, 10) * MINUTE, int(15, u.type === 1 ? 38 : 48));
      }
    }
  }
  // Webinars, phone calls and rooms (generate-sessions.ts), from the same seeded stream.
  const sessions = generateSessions({ rnd, day0, days: o.days, users, teams: new Map(groups.map((g) => [g.name, `team-${g.key}`])), events });
  return {
    name: `Generated: ${o.users} users, ${o.days} days, seed ${o.seed}`,
    seed: o.seed,
    start: iso(day0),
    account: { plan: o.plan ?? 'business', account_name: `Scenario ${o.seed}` },
    users: users.map(({ key, email, first_name, last_name, type, dept }) => ({ key, email, first_name, last_name, type, dept })),
    groups,
    meetings,
    ...sessions,
    events,
  };
}
