// The scenario's parts beyond meetings — webinars, Zoom Phone, Zoom Rooms —
// each a module with its setup and its event handlers. The runner plays
// users, groups and meetings itself, then hands these parts what they need
// (a Play: the server's doors, the ids so far, the clock) and, for an action
// of its switch's it does not know, looks the action up here.
import type { Scenario, ScenarioEvent } from './format.ts';
import { phonePart } from './phone.ts';
import { roomsPart } from './rooms.ts';
import { webinarsPart } from './webinars.ts';

/** What the runner gives a part: the server's front doors and what was made so far. */
export interface Play {
  accountId: string;
  /** The server clock now (as the runner last set it). */
  now(): number;
  /** When the scenario started (the default start of what is scheduled). */
  started: string;
  /** A request (the control plane) that must succeed, or the scenario fails naming `what`. */
  must(what: string, method: string, path: string, body?: unknown): Promise<any>;
  /** A REST request with the account's token, that must succeed. */
  api(what: string, method: string, path: string, body?: unknown): Promise<any>;
  /** The id a key names in a map, or the scenario fails ("Unknown {what} …"). */
  need(map: Record<string, string>, key: string, what: string): string;
  /** Stops the scenario with this message. */
  fail(message: string): never;
  users: Record<string, string>;
  emails: Record<string, string>;
  names: Record<string, string>;
  meetings: Record<string, string>;
}

export type Handler = (p: Play, e: ScenarioEvent, what: string) => Promise<void>;

/** A part of a scenario: the add-ons it needs, its setup, its actions, the ids it made. */
export interface Part {
  addons?(s: Scenario): Record<string, unknown>;
  setup(p: Play, s: Scenario): Promise<void>;
  handlers: Record<string, Handler>;
  ids(): Record<string, Record<string, string>>;
}

const PARTS: ReadonlyArray<() => Part> = [webinarsPart, phonePart, roomsPart];

/** The add-ons a new account gets: what the parts need, then what the file says (it wins). */
export function partAddons(s: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const make of PARTS) Object.assign(out, make().addons?.(s) ?? {});
  return { ...out, ...(s.account?.addons ?? {}) };
}

/** Sets up every part (after users, groups and meetings); answers the handler of each action and the ids made. */
export async function setUpParts(p: Play, s: Scenario): Promise<{ play: Play; handler(action: string): Handler | undefined; ids(): Record<string, Record<string, string>> }> {
  const parts = PARTS.map((make) => make());
  for (const part of parts) await part.setup(p, s);
  const table = new Map(parts.flatMap((part) => Object.entries(part.handlers)));
  // Only the parts the scenario uses show in the summary.
  const ids = () => Object.fromEntries(parts.flatMap((part) => Object.entries(part.ids())).filter(([, v]) => Object.keys(v).length > 0));
  return { play: p, handler: (action) => table.get(action), ids };
}

/** One QoS sample a minute for the last `minutes` minutes, none before the join (meetings and webinars alike). */
export function qosSamples(e: ScenarioEvent, joined: number, now: number, omit: readonly string[]): Array<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!['action', 'at', 'after', 'as', 'minutes', ...omit].includes(k)) figures[k] = v;
  const MINUTE = 60_000;
  const first = Math.floor(joined / MINUTE) * MINUTE;
  const samples = [];
  for (let k = Number(e.minutes ?? 1) - 1; k >= 0; k--) {
    const minute = Math.floor(now / MINUTE) * MINUTE - k * MINUTE;
    if (minute >= first) samples.push({ date_time: new Date(Math.min(minute, now)).toISOString(), ...figures });
  }
  return samples;
}
