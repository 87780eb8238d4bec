// Webinars in a scenario. Setup through the REST API: each host takes a webinar
// licence (`PATCH /users/{id}/settings {"feature": {"webinar": true}}`, from the
// account's `addons.webinar`), the webinar is scheduled (registration on or off,
// approval automatic or manual, practice session), then its panelists, its
// registrants (approved, left pending or denied as the file says) and its polls.
// Events through the live webinar control plane (/_openzoom/webinars/{id}/…):
// start (practice session or not), go live, joins (a registrant joins with their
// registrant id, a panelist as panelist), leaves, Q&A, hands, poll answers,
// QoS, feedback, the end.
import type { Scenario, ScenarioEvent, ScenarioWebinar } from './format.ts';
import { qosSamples, type Part, type Play } from './parts.ts';

/** Zoom's capacities of webinar licences, smallest first. */
const CAPACITIES = [500, 1000, 3000, 5000, 10_000];
const APPROVAL = { automatic: 0, manual: 1, none: 2 } as const;

const registration = (w: ScenarioWebinar) => w.registration ?? ((w.registrants ?? []).length > 0 ? 'automatic' : 'none');

export function webinarsPart(): Part {
  const webinars: Record<string, string> = {};
  const registrants: Record<string, { id: string; name: string; email: string }> = {};
  const panelists: Record<string, { name: string; email: string }> = {};
  const polls: Record<string, string> = {};
  const questions: Record<string, string> = {};
  const participants = new Map<string, { id: string; joined: number }>();

  const control = (p: Play, what: string, e: ScenarioEvent, path: string, body: unknown = {}) =>
    p.must(what, 'POST', `/_openzoom/webinars/${p.need(webinars, String(e.webinar), 'webinar')}${path}`, body);
  const participant = (p: Play, e: ScenarioEvent) => {
    const found = participants.get(`${e.webinar}/${e.as}`);
    if (!found) p.fail(`Event ${e.action}: "${String(e.as)}" has not joined webinar "${String(e.webinar)}".`);
    return found;
  };
  const person = (p: Play, r: { user?: string; email?: string }, key: string, domain: string) => ({
    email: r.email ?? (r.user !== undefined ? p.need(p.emails, r.user, 'user') : `${key.toLowerCase()}@${domain}`),
    name: r.user !== undefined ? p.names[r.user] || r.user : key,
  });

  return {
    addons(s: Scenario) {
      const list = s.webinars ?? [];
      if (list.length === 0) return {};
      // One licence per host, of the smallest capacity that seats the largest audience.
      const hosts = new Set(list.map((w) => w.host ?? 'owner')).size;
      const audience = Math.max(0, ...list.map((w) => (w.registrants ?? []).length));
      return { webinar: { hosts, capacity: CAPACITIES.find((c) => c >= audience) ?? CAPACITIES[CAPACITIES.length - 1]! } };
    },

    async setup(p, s) {
      const licensed = new Set<string>();
      for (const w of s.webinars ?? []) {
        const hostKey = w.host ?? 'owner';
        const host = p.need(p.users, hostKey, 'user');
        if (!licensed.has(host)) {
          await p.api(`webinar ${w.key} licence`, 'PATCH', `/v2/users/${host}/settings`, { feature: { webinar: true } });
          licensed.add(host);
        }
        const reg = registration(w);
        const body = {
          topic: w.topic ?? w.key,
          type: w.type ?? 5,
          start_time: w.start_time ?? p.started,
          duration: w.duration ?? 60,
          ...(w.recurrence ? { recurrence: w.recurrence } : {}),
          settings: { approval_type: APPROVAL[reg], ...(w.practice_session !== undefined ? { practice_session: w.practice_session } : {}), ...(w.settings ?? {}) },
        };
        const id = String((await p.api(`webinar ${w.key}`, 'POST', `/v2/users/${host}/webinars`, body)).id);
        webinars[w.key] = id;
        const panel = (w.panelists ?? []).map((x) => ({ key: x.key, ...person(p, x, x.key, 'panel.example.com'), ...(x.name !== undefined ? { name: x.name } : {}) }));
        for (let i = 0; i < panel.length; i += 30) {
          await p.api(`webinar ${w.key} panelists`, 'POST', `/v2/webinars/${id}/panelists`, { panelists: panel.slice(i, i + 30).map(({ name, email }) => ({ name, email })) });
        }
        for (const x of panel) panelists[`${w.key}/${x.key}`] = { name: x.name, email: x.email };
        const decided: Record<'approve' | 'deny', Array<{ id: string; email: string }>> = { approve: [], deny: [] };
        for (const r of w.registrants ?? []) {
          const who = person(p, r, r.key, 'guest.example.com');
          // A user registers under their own name: its first word, then the rest.
          const [given, ...rest] = who.name.split(' ');
          const first = r.first_name ?? (r.user !== undefined ? given! : r.key);
          const last = r.last_name ?? (r.user !== undefined && rest.length > 0 ? rest.join(' ') : undefined);
          const made = await p.api(`webinar ${w.key} registrant ${r.key}`, 'POST', `/v2/webinars/${id}/registrants`, { first_name: first, ...(last !== undefined ? { last_name: last } : {}), email: who.email });
          registrants[`${w.key}/${r.key}`] = { id: made.registrant_id, name: [first, last].filter(Boolean).join(' '), email: who.email };
          // With manual approval a registrant waits for the host, unless the file says how it went.
          if (reg === 'manual' && r.status === 'approved') decided.approve.push({ id: made.registrant_id, email: who.email });
          if (r.status === 'denied') decided.deny.push({ id: made.registrant_id, email: who.email });
        }
        for (const action of ['approve', 'deny'] as const) {
          const list = decided[action];
          for (let i = 0; i < list.length; i += 30) await p.api(`webinar ${w.key} registrants`, 'PUT', `/v2/webinars/${id}/registrants/status`, { action, registrants: list.slice(i, i + 30) });
        }
        for (const poll of w.polls ?? []) polls[`${w.key}/${poll.title}`] = (await p.api(`webinar ${w.key} poll`, 'POST', `/v2/webinars/${id}/polls`, poll)).id;
      }
    },

    handlers: {
      async webinar_start(p, e, what) {
        const live = await control(p, what, e, '/start', e.practice_session === true ? { practice_session: true } : {});
        const host = (live.participants as Array<{ participant_id: string; role: string }>).find((x) => x.role === 'host');
        if (host) participants.set(`${e.webinar}/host`, { id: host.participant_id, joined: p.now() });
      },
      async webinar_live(p, e, what) {
        await control(p, what, e, '/start', { practice_session: false });
      },
      async webinar_end(p, e, what) {
        await control(p, what, e, '/end');
      },
      async webinar_join(p, e, what) {
        const as = String(e.as);
        let body: Record<string, unknown>;
        if (e.registrant !== undefined) {
          const r = registrants[`${e.webinar}/${String(e.registrant)}`];
          if (!r) p.fail(`${what}: unknown registrant "${String(e.registrant)}" of webinar "${String(e.webinar)}".`);
          body = { name: r.name, email: r.email, registrant_id: r.id };
        } else if (e.panelist !== undefined) {
          const x = panelists[`${e.webinar}/${String(e.panelist)}`];
          if (!x) p.fail(`${what}: unknown panelist "${String(e.panelist)}" of webinar "${String(e.webinar)}".`);
          body = { name: x.name, email: x.email, role: 'panelist' };
        } else {
          const user = e.user === undefined ? undefined : String(e.user);
          body = { name: user ? p.names[user] || user : as, email: user ? p.need(p.emails, user, 'user') : `${as.toLowerCase()}@guest.example.com` };
        }
        if (e.name !== undefined) body.name = e.name;
        if (e.email !== undefined) body.email = e.email;
        for (const k of ['device', 'version', 'network_type', 'location', 'ip_address', 'data_center']) if (e[k] !== undefined) body[k] = e[k];
        const joined = await control(p, what, e, '/participants', body);
        participants.set(`${e.webinar}/${as}`, { id: joined.participant_id, joined: p.now() });
      },
      async webinar_leave(p, e, what) {
        await control(p, what, e, `/participants/${participant(p, e).id}/leave`);
      },
      async webinar_question(p, e, what) {
        const q = await control(p, what, e, '/questions', { participant_id: participant(p, e).id, question: e.question, ...(e.anonymous !== undefined ? { anonymous: e.anonymous } : {}) });
        questions[`${e.webinar}/${String(e.key ?? e.question)}`] = q.question_id;
      },
      async webinar_answer(p, e, what) {
        const q = p.need(questions, `${e.webinar}/${String(e.question)}`, 'question');
        await control(p, what, e, `/questions/${q}/answers`, {
          ...(e.answer !== undefined ? { answer: e.answer } : {}),
          ...(e.private !== undefined ? { private: e.private } : {}),
          ...(e.live !== undefined ? { live: e.live } : {}),
          ...(e.as !== undefined ? { participant_id: participant(p, e).id } : {}),
        });
      },
      async webinar_raise_hand(p, e, what) {
        await control(p, what, e, `/participants/${participant(p, e).id}/raise_hand`);
      },
      async webinar_lower_hand(p, e, what) {
        await control(p, what, e, `/participants/${participant(p, e).id}/lower_hand`);
      },
      async webinar_poll_answer(p, e, what) {
        const poll = p.need(polls, `${e.webinar}/${String(e.poll)}`, 'poll');
        await control(p, what, e, `/polls/${poll}/answers`, { participant_id: participant(p, e).id, answers: e.answers });
      },
      async webinar_qos(p, e, what) {
        const who = participant(p, e);
        const samples = qosSamples(e, who.joined, p.now(), ['webinar']);
        if (samples.length > 0) await control(p, what, e, `/participants/${who.id}/qos`, { samples });
      },
      async webinar_feedback(p, e, what) {
        await control(p, what, e, `/participants/${participant(p, e).id}/feedback`, {
          quality: e.quality,
          ...(e.comment !== undefined ? { comment: e.comment } : {}),
          ...(e.issues !== undefined ? { issues: e.issues } : {}),
        });
      },
    },

    ids: () => ({ webinars }),
  };
}
