// `openzoom phone call`: a simulated Zoom Phone call (POST /_openzoom/phone/calls)
// from a phone user or an outside number to a user, an extension, a number, a
// call queue or an auto receptionist; it rings, ends and leaves its call logs,
// recording and voicemail as the server clock moves.
import { CliError } from './client.ts';
import type { CommandSpec } from './commands.ts';
import { fields } from './output.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const OUTCOMES = ['answered', 'missed', 'voicemail', 'rejected'];

function seconds(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new CliError(`--${name} must be a whole number of seconds (1 to 86400).`, 2);
  return n;
}

export const phoneCall: CommandSpec = {
  name: 'phone call',
  summary: 'place a simulated Zoom Phone call (answered, missed, voicemail or rejected)',
  args: 'FROM TO',
  positionals: { min: 2, max: 2 },
  options: {
    outcome: { type: 'string', value: OUTCOMES.join('|'), description: 'how the call ends; default answered' },
    duration: { type: 'string', value: 'SECONDS', description: 'talk (or message) time; default 60' },
    hold: { type: 'string', value: 'SECONDS', description: 'the callee holds the caller this long (answered calls)' },
    record: { type: 'boolean', description: 'record the call' },
    account: { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' },
  },
  notes: [
    'FROM and TO: a phone number, an extension number, a user id or email, or a call queue / auto receptionist / shared line group id.',
    'The call moves with the server clock: `openzoom clock advance 2m` ends a two-minute call.',
  ],
  async run({ out, client, values, positionals }) {
    const outcome = str(values.outcome) ?? 'answered';
    if (!OUTCOMES.includes(outcome)) throw new CliError(`--outcome must be one of ${OUTCOMES.join(', ')}.`, 2);
    const account = str(values.account) ?? (await client.get<{ account_id: string }>('/demo')).account_id;
    const duration = seconds(values.duration, 'duration');
    const hold = seconds(values.hold, 'hold');
    const r = await client.post<{ call_id: string }>('/phone/calls', {
      account_id: account,
      from: positionals[0],
      to: positionals[1],
      outcome,
      ...(duration !== undefined ? { duration_seconds: duration } : {}),
      ...(hold !== undefined ? { hold_seconds: hold } : {}),
      ...(values.record === true ? { record: true } : {}),
    });
    if (out.json) return out.data(r);
    fields(out, [['call id', r.call_id]]);
  },
};
