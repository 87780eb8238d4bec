// The generated month's webinars, phone calls and Zoom Rooms (generate.ts makes
// the people and their meetings, then this adds the rest from the same seeded
// stream): a monthly all-hands webinar (every employee registered, ~70% come,
// department heads on the panel, questions, a poll), one webinar per department
// for customers (registration approved at once or by the host, or none; ~70% of
// approved registrants attend), a handful of calls per working day for the Sales
// and Support phone users (internal, to and from customers; answered, missed,
// voicemail, rejected), and a room per department that joins its Monday team
// meeting and has a few incidents (offline, controller, CPU, battery).
import type { Scenario, ScenarioEvent, ScenarioWebinar } from './format.ts';

interface Person {
  key: string;
  email: string;
  dept: string;
  type: 1 | 2;
  client: Record<string, string>;
}

export interface SessionsInput {
  rnd: () => number;
  day0: number;
  days: number;
  users: Person[];
  /** Department name → its team meeting's key (held Mondays 09:00–09:30). */
  teams: Map<string, string>;
  events: ScenarioEvent[];
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const PHONE_DEPTS = new Set(['Sales', 'Support']);
/** Area codes outside the account's own pool (src/phone/model.ts), for the numbers the phone users are given. */
const AREAS = [202, 213, 305, 404, 503, 602, 713, 801, 919, 971];
const CUSTOMER_AREAS = [206, 303, 718, 617];

export function generateSessions(g: SessionsInput): Pick<Scenario, 'webinars' | 'phone' | 'rooms'> {
  const { rnd, events } = g;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const weekday = (d: number) => new Date(g.day0 + d * DAY).getUTCDay();
  const working = (d: number) => weekday(d) !== 0 && weekday(d) !== 6;
  const depts = [...new Set(g.users.map((u) => u.dept))];
  const members = (dept: string) => g.users.filter((u) => u.dept === dept);
  const licensed = (xs: Person[]) => xs.filter((u) => u.type === 2);

  // ── Webinars ──────────────────────────────────────────────────────────────
  const webinars: ScenarioWebinar[] = [];
  /** One live webinar: practice session (with panelists), live, attendees in and out, Q&A, a poll, feedback, the end. */
  const hold = (w: ScenarioWebinar, begin: number, minutes: number, attendees: Array<{ as: string; join: Partial<ScenarioEvent> }>) => {
    const end = begin + minutes * MINUTE;
    const panel = w.panelists ?? [];
    if (panel.length > 0) {
      events.push({ at: iso(begin - 15 * MINUTE), action: 'webinar_start', webinar: w.key, practice_session: true });
      for (const p of panel) events.push({ at: iso(begin - int(5, 14) * MINUTE), action: 'webinar_join', webinar: w.key, as: p.key, panelist: p.key });
      events.push({ at: iso(begin), action: 'webinar_live', webinar: w.key });
    } else {
      events.push({ at: iso(begin), action: 'webinar_start', webinar: w.key });
    }
    const stays: Array<{ as: string; from: number; to: number }> = [];
    for (const a of attendees) {
      const from = begin + int(0, 6) * MINUTE;
      const to = end - (rnd() < 0.2 ? int(10, minutes - 10) : int(0, 3)) * MINUTE;
      events.push({ at: iso(from), action: 'webinar_join', webinar: w.key, as: a.as, ...a.join });
      events.push({ at: iso(to), action: 'webinar_leave', webinar: w.key, as: a.as });
      stays.push({ as: a.as, from, to });
    }
    // A few questions, mostly answered by a panelist (else the host); a poll near the end.
    const present = (at: number) => stays.filter((s) => s.from < at && s.to > at);
    for (let n = int(2, 5); n > 0; n--) {
      const at = begin + int(10, minutes - 20) * MINUTE;
      const asker = present(at);
      if (asker.length === 0) continue;
      const q = `q${n}`;
      events.push({ at: iso(at), action: 'webinar_question', webinar: w.key, as: pick(asker).as, key: q, question: pick(['Is there a recording?', 'When is the next release?', 'Where are the slides?', 'How do we sign up?', 'What about pricing?']) });
      if (rnd() < 0.8) events.push({ at: iso(at + 2 * MINUTE), action: 'webinar_answer', webinar: w.key, question: q, as: panel.length > 0 ? pick(panel).key : 'host', answer: 'Yes: see the follow-up e-mail.' });
    }
    const pollAt = end - 15 * MINUTE;
    for (const s of present(pollAt)) {
      if (rnd() < 0.4) events.push({ at: iso(pollAt), action: 'webinar_poll_answer', webinar: w.key, as: s.as, poll: 'Useful?', answers: [{ question: 'Was this useful?', answer: pick(['Very', 'Very', 'Somewhat', 'Not really']) }] });
    }
    events.push({ at: iso(end), action: 'webinar_qos', webinar: w.key, as: 'host', minutes: Math.min(240, minutes), audio_input: { bitrate: 40, latency: 60, jitter: 5, avg_loss: 0.2, max_loss: 1 } });
    events.push({ at: iso(end), action: 'webinar_end', webinar: w.key });
    for (const s of stays) if (rnd() < 0.1) events.push({ at: iso(end + MINUTE), action: 'webinar_feedback', webinar: w.key, as: s.as, quality: rnd() < 0.9 ? 'GOOD' : 'NOT GOOD' });
  };
  const poll = { title: 'Useful?', questions: [{ name: 'Was this useful?', type: 'single', answers: ['Very', 'Somewhat', 'Not really'] }] };
  /** The first working day on or after day d of the month that is this weekday, if the month has it. */
  const dayOf = (from: number, wd: number) => {
    for (let d = from; d < g.days; d++) if (weekday(d) === wd) return d;
    return undefined;
  };

  // The all-hands: the first Thursday, 17:00, every employee registered; department heads on the panel.
  const heads = depts.map((d) => licensed(members(d))[0]).filter((u): u is Person => u !== undefined);
  const allHandsDay = dayOf(0, 4);
  if (heads.length > 0 && allHandsDay !== undefined) {
    const host = heads[0]!;
    const panel = new Set(heads.slice(1, 6).map((u) => u.key));
    const w: ScenarioWebinar = {
      key: 'all-hands',
      host: host.key,
      topic: 'All-hands',
      type: 5,
      start_time: iso(g.day0 + allHandsDay * DAY + 17 * HOUR),
      duration: 60,
      registration: 'automatic',
      practice_session: true,
      panelists: [...panel].map((k) => ({ key: k, user: k })),
      registrants: g.users.filter((u) => u !== host && !panel.has(u.key)).map((u) => ({ key: u.key, user: u.key })),
      polls: [poll],
    };
    webinars.push(w);
    const coming = g.users.filter((u) => u !== host && !panel.has(u.key) && rnd() < 0.7);
    hold(w, Date.parse(w.start_time!), 60, coming.map((u) => ({ as: u.key, join: { registrant: u.key, ...u.client } })));
  }

  // One customer webinar per department, its second or third week, 15:00.
  depts.forEach((dept, n) => {
    const host = licensed(members(dept))[0];
    const day = dayOf(7 + (n % 2) * 7, 2 + (n % 3));
    if (!host || day === undefined) return;
    const registration = dept === 'Engineering' ? 'manual' : dept === 'Operations' ? 'none' : 'automatic';
    const guests = Array.from({ length: int(15, 45) }, (_, i) => ({ key: `g${i + 1}`, first_name: 'Guest', last_name: `${dept} ${i + 1}`, email: `guest${i + 1}.${dept.toLowerCase()}@customer.example.com` }));
    const w: ScenarioWebinar = {
      key: `webinar-${dept.toLowerCase()}`,
      host: host.key,
      topic: `${dept} customer webinar`,
      type: 5,
      start_time: iso(g.day0 + day * DAY + 15 * HOUR),
      duration: 45,
      registration,
      polls: [poll],
      ...(registration !== 'none' ? { registrants: guests.map((x) => ({ ...x, ...(registration === 'manual' ? (rnd() < 0.9 ? { status: 'approved' as const } : {}) : {}) })) } : {}),
    };
    webinars.push(w);
    const device = () => ({ device: pick(['Windows', 'Mac', 'Windows', 'iOS']), network_type: pick(['Wifi', 'Wired', 'Wifi']) });
    const approved = (w.registrants ?? []).filter((r) => registration !== 'manual' || r.status === 'approved');
    const attendees =
      registration === 'none'
        ? guests.filter(() => rnd() < 0.7).map((x) => ({ as: x.key, join: { name: `${x.first_name} ${x.last_name}`, email: x.email, ...device() } }))
        : approved.filter(() => rnd() < 0.7).map((r) => ({ as: r.key, join: { registrant: r.key, ...device() } }));
    hold(w, Date.parse(w.start_time!), 45, attendees);
  });

  // ── Zoom Phone ────────────────────────────────────────────────────────────
  // At most 900: the main site's extensions are 1001–1999.
  const phoneUsers = g.users.filter((u) => PHONE_DEPTS.has(u.dept)).slice(0, 900);
  const numbered = phoneUsers.slice(0, AREAS.length * 100);
  const numberOf = new Map(numbered.map((u, i) => [u.key, `+1${AREAS[Math.floor(i / 100)]}555${String(100 + (i % 100)).padStart(4, '0')}`]));
  const customer = () => `+1${pick(CUSTOMER_AREAS)}555${int(1000, 9999)}`;
  for (let d = 0; d < g.days; d++) {
    if (!working(d)) continue;
    const day = g.day0 + d * DAY;
    for (const u of phoneUsers) {
      // A handful a day, each in its own half hour between 09:00 and 17:00.
      const slots = new Set<number>();
      for (let n = int(2, 5); n > 0; n--) slots.add(int(0, 15));
      for (const slot of [...slots].sort((a, b) => a - b)) {
        const at = iso(day + 9 * HOUR + slot * 30 * MINUTE + int(0, 20) * MINUTE);
        const r = rnd();
        const outcome = r < 0.75 ? 'answered' : r < 0.87 ? 'missed' : r < 0.97 ? 'voicemail' : 'rejected';
        const duration = outcome === 'voicemail' ? int(10, 60) : int(30, 600);
        const kind = rnd();
        let from: string = u.key;
        let to: string;
        if (kind < 0.45 && phoneUsers.length > 1) {
          to = pick(phoneUsers.filter((x) => x !== u)).key;
        } else if (kind < 0.85 || !numberOf.has(u.key)) {
          to = customer();
        } else {
          from = customer();
          to = numberOf.get(u.key)!;
        }
        // A customer's phone has no mailbox here: unanswered, it is missed.
        const result = outcome === 'voicemail' && to.startsWith('+1') && !from.startsWith('+1') ? 'missed' : outcome;
        const hold = result === 'answered' && duration > 120 && rnd() < 0.1 ? { hold: int(10, 60) } : {};
        events.push({ at, action: 'call', from, to, outcome: result, ...(result === 'answered' || result === 'voicemail' ? { duration } : {}), ...hold });
      }
    }
  }
  const phone: Scenario['phone'] = phoneUsers.length > 0 ? { users: phoneUsers.map((u) => ({ user: u.key, ...(numberOf.has(u.key) ? { numbers: [numberOf.get(u.key)!] } : {}) })) } : undefined;

  // ── Zoom Rooms ────────────────────────────────────────────────────────────
  const rooms: NonNullable<Scenario['rooms']> = depts.map((dept) => ({
    key: `room-${dept.toLowerCase()}`,
    name: `${dept} room`,
    devices: [
      { key: 'computer', type: 'Zoom Rooms Computer', app_version: '6.2.0' },
      { key: 'controller', type: 'Controller', app_version: '6.2.0' },
    ],
  }));
  for (const [i, room] of rooms.entries()) {
    const team = g.teams.get(depts[i]!);
    // The room sits in its department's Monday team meeting.
    for (let d = 0; d < g.days; d++) {
      if (weekday(d) !== 1 || !team) continue;
      const day = g.day0 + d * DAY;
      events.push({ at: iso(day + 9 * HOUR + MINUTE), action: 'room_control', room: room.key, method: 'zoomroom.meeting_join', meeting: team });
      events.push({ at: iso(day + 9 * HOUR + 28 * MINUTE), action: 'room_control', room: room.key, method: 'zoomroom.meeting_leave', meeting: team });
    }
    // A few incidents, Tuesday to Friday (never in the way of the team meeting).
    const days = Array.from({ length: g.days }, (_, d) => d).filter((d) => working(d) && weekday(d) !== 1);
    for (let n = Math.min(days.length, int(1, 3)); n > 0; n--) {
      const at = g.day0 + pick(days) * DAY + int(10, 15) * HOUR + int(0, 59) * MINUTE;
      const back = at + int(20, 90) * MINUTE;
      const incident = int(0, 3);
      if (incident === 0) {
        events.push({ at: iso(at), action: 'room_status', room: room.key, status: 'Offline' }, { at: iso(back), action: 'room_status', room: room.key, status: 'Available' });
      } else if (incident === 1) {
        events.push({ at: iso(at), action: 'room_device', room: room.key, device: 'controller', status: 'Offline' }, { at: iso(back), action: 'room_device', room: room.key, device: 'controller', status: 'Online' });
      } else {
        const type = incident === 2 ? 4 : 6;
        const device = type === 4 ? 'computer' : 'controller';
        events.push({ at: iso(at), action: 'room_alert', room: room.key, alert_type: type, device }, { at: iso(back), action: 'room_alert', room: room.key, alert_type: type, device, cleared: true });
      }
    }
  }

  return { ...(webinars.length > 0 ? { webinars } : {}), ...(phone ? { phone } : {}), rooms };
}
