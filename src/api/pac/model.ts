// PAC: a user's personal audio conference account. No API creates one: a
// licensed user of an account with the PAC add-on has one, whose conference
// id, passwords and dial-in numbers are derived from the user's id (stable
// for the user's life, the same on every instance). Pure functions only.
import { createHash } from 'node:crypto';
import { country } from '../../core/countries.ts';

const digits = (seed: string, n: number): string => {
  const h = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; out.length < n; i++) out += String(h[i % h.length]! % 10);
  // No leading zero: conference ids and numbers are read as integers.
  return out[0] === '0' ? `1${out.slice(1)}` : out;
};

export interface PacAccount {
  conference_id: number;
  listen_only_password: string;
  participant_password: string;
  global_dial_in_numbers: Array<{ country: string; number: string }>;
  dedicated_dial_in_number: Array<{ country: string; number: string }>;
}

/** The user's PAC account; dial-in numbers in the countries of the account's audio plan (the United States without one). */
export function pacAccount(accountId: string, userId: string, countries: readonly string[]): PacAccount {
  const seed = `${accountId}|${userId}`;
  const known = countries.map((c) => country(c.trim())).filter((c) => c !== undefined);
  const list = known.length > 0 ? known : [country('US')!];
  return {
    conference_id: Number(digits(`${seed}|conference`, 10)),
    listen_only_password: digits(`${seed}|listen`, 6),
    participant_password: digits(`${seed}|participant`, 6),
    global_dial_in_numbers: list.map((c) => ({ country: c.id, number: `+${c.code}${digits(`${accountId}|${c.id}|global`, 10 - c.code.length)}` })),
    dedicated_dial_in_number: [{ country: list[0]!.id, number: `+${list[0]!.code}${digits(`${seed}|dedicated`, 10 - list[0]!.code.length)}` }],
  };
}
