// `openzoom chat send`: a user posts a Team Chat message (POST /_openzoom/chat/messages),
// to a channel, a contact or a chatbot, so that apps under test receive chat events.
import { CliError } from './client.ts';
import type { CommandSpec } from './commands.ts';
import { fields } from './output.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const chatSend: CommandSpec = {
  name: 'chat send',
  summary: 'post a Team Chat message as a user (to a channel, a contact or a chatbot)',
  args: 'MESSAGE',
  positionals: { min: 1, max: 1 },
  options: {
    user: { type: 'string', value: 'EMAIL|USER_ID', description: 'the sender (required)' },
    channel: { type: 'string', value: 'CHANNEL_ID', description: 'post in this channel' },
    contact: { type: 'string', value: 'EMAIL|USER_ID', description: 'send to this user' },
    bot: { type: 'string', value: 'ROBOT_JID', description: 'write to this chatbot (its app gets bot_notification)' },
    account: { type: 'string', value: 'ACCOUNT_ID', description: 'the account (default: the demo account)' },
  },
  notes: ['Give exactly one of --channel, --contact and --bot.'],
  async run({ out, client, values, positionals }) {
    const user = str(values.user);
    if (!user) throw new CliError('openzoom chat send needs --user.', 2);
    const targets = (['channel', 'contact', 'bot'] as const).filter((k) => str(values[k]) !== undefined);
    if (targets.length !== 1) throw new CliError('openzoom chat send needs one of --channel, --contact or --bot.', 2);
    const account = str(values.account) ?? (await client.get<{ account_id: string }>('/demo')).account_id;
    const key = { channel: 'to_channel', contact: 'to_contact', bot: 'to_jid' }[targets[0]!];
    const r = await client.post<Record<string, string | number>>('/chat/messages', { account_id: account, user, [key]: str(values[targets[0]!]), message: positionals[0] });
    if (out.json) return out.data(r);
    fields(out, Object.entries(r).map(([k, v]) => [k.replace(/_/g, ' '), String(v)]));
  },
};
