// `openzoom meetings …`: live meetings from the command line, through the
// control plane (/_openzoom/meetings/{meetingId}/…). Ending through Zoom's own
// API is `PUT /v2/meetings/{id}/status`; `meetings end` does the same here.
import { CliError } from './client.ts';
import type { CommandSpec, Context, OptionSpec } from './commands.ts';
import { fields, table, type Output } from './output.ts';

export interface ParticipantView {
  participant_id: string;
  user_id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  join_time: string;
  leave_time?: string;
  leave_reason?: string;
}
export interface InstanceView {
  id: number;
  uuid?: string;
  status: string;
  topic?: string;
  host_id?: string;
  start_time?: string;
  end_time?: string;
  ends_at?: string;
  recording?: string;
  participants: ParticipantView[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const path = (meetingId: string, rest = '') => `/meetings/${encodeURIComponent(meetingId)}${rest}`;

export function printInstance(out: Output, i: InstanceView): void {
  if (out.json) return out.data(i);
  fields(out, [
    ['meeting', i.id],
    ['status', i.status === 'started' ? out.green('started') : i.status],
    ['uuid', i.uuid],
    ['topic', i.topic],
    ['host', i.host_id],
    ['started', i.start_time],
    ['ended', i.end_time],
    ['ends at (plan limit)', i.ends_at],
    ['recording', i.recording],
  ]);
  if (i.participants.length === 0) return;
  out.line();
  table(out, ['PARTICIPANT ID', 'NAME', 'EMAIL', 'ROLE', 'STATUS', 'JOINED'], i.participants.map((p) => [p.participant_id, p.name, p.email, p.role, p.status, p.join_time]));
}

export function printParticipant(out: Output, p: ParticipantView): void {
  if (out.json) return out.data(p);
  fields(out, [
    ['participant id', p.participant_id],
    ['name', p.name],
    ['email', p.email],
    ['role', p.role],
    ['status', p.status],
    ['joined', p.join_time],
    ['left', p.leave_time],
    ['reason', p.leave_reason],
  ]);
}

const meetingOnly = { args: 'MEETING_ID', positionals: { min: 1, max: 1 } };
const withParticipant = { args: 'MEETING_ID PARTICIPANT_ID', positionals: { min: 2, max: 2 } };

/** A command acting on one participant: POST …/participants/{id}/{action}. */
function participantCommand(name: string, action: string, summary: string, options: Record<string, OptionSpec> = {}, body?: (ctx: Context) => Record<string, unknown>): CommandSpec {
  return {
    name: `meetings ${name}`,
    summary,
    ...withParticipant,
    options,
    async run(ctx) {
      const [meetingId, participantId] = ctx.positionals as [string, string];
      printParticipant(ctx.out, await ctx.client.post<ParticipantView>(path(meetingId, `/participants/${encodeURIComponent(participantId)}/${action}`), body?.(ctx) ?? {}));
    },
  };
}

const JOIN_FLAGS: Array<[string, string, string]> = [
  ['registrant', 'registrant_id', 'the registrant joining (their registrant id)'],
  ['device', 'device', 'the device (Windows, Mac, iOS, Android, Web …)'],
  ['location', 'location', 'where from'],
  ['ip', 'ip_address', 'the IP address'],
  ['network', 'network_type', 'the network type (Wired, Wifi …)'],
  ['client-version', 'version', 'the Zoom client version'],
];

export const LIVE_COMMANDS: readonly CommandSpec[] = [
  {
    name: 'meetings start',
    summary: 'the host starts a meeting (answers the instance and its UUID)',
    ...meetingOnly,
    options: { uuid: { type: 'string', value: 'UUID', description: "the instance's UUID (24 characters of base64), e.g. one holding '/'" } },
    async run({ out, client, positionals, values }) {
      const uuid = str(values.uuid);
      printInstance(out, await client.post<InstanceView>(path(positionals[0]!, '/start'), uuid ? { uuid } : {}));
    },
  },
  {
    name: 'meetings live',
    summary: 'the live instance of a meeting and who is in it',
    ...meetingOnly,
    options: {},
    async run({ out, client, positionals }) {
      printInstance(out, await client.get<InstanceView>(path(positionals[0]!, '/live')));
    },
  },
  {
    name: 'meetings join',
    summary: 'a participant joins a live meeting (answers its participant id)',
    ...meetingOnly,
    options: {
      name: { type: 'string', value: 'NAME', description: "the participant's name (required)" },
      email: { type: 'string', value: 'EMAIL', description: "the participant's email (required)" },
      ...Object.fromEntries(JOIN_FLAGS.map(([flag, , description]) => [flag, { type: 'string', value: 'VALUE', description } satisfies OptionSpec])),
    },
    async run({ out, client, positionals, values }) {
      const name = str(values.name);
      const email = str(values.email);
      if (!name || !email) throw new CliError('openzoom meetings join needs --name and --email.', 2);
      const body: Record<string, string> = { name, email };
      for (const [flag, field] of JOIN_FLAGS) if (str(values[flag]) !== undefined) body[field] = str(values[flag])!;
      printParticipant(out, await client.post<ParticipantView>(path(positionals[0]!, '/participants'), body));
    },
  },
  participantCommand('leave', 'leave', 'a participant leaves (the meeting ends when nobody is left)'),
  participantCommand('waiting-room', 'waiting_room', 'the host puts a participant in the waiting room'),
  participantCommand('admit', 'admit', 'the host admits a participant from the waiting room'),
  participantCommand(
    'share',
    'share/start',
    'a participant starts sharing (whoever shared before stops)',
    { content: { type: 'string', value: 'KIND', description: 'application, whiteboard, desktop (default), airplay, camera or unknown' } },
    ({ values }) => (str(values.content) ? { content: str(values.content) } : {}),
  ),
  participantCommand('unshare', 'share/stop', 'a participant stops sharing'),
  {
    name: 'meetings record',
    summary: 'cloud recording: start, stop, pause or resume',
    args: 'MEETING_ID start|stop|pause|resume',
    positionals: { min: 2, max: 2 },
    options: {},
    async run({ out, client, positionals }) {
      const [meetingId, action] = positionals as [string, string];
      if (!['start', 'stop', 'pause', 'resume'].includes(action)) throw new CliError(`Unknown recording action: ${action}. Use start, stop, pause or resume.`, 2);
      const r = await client.post<{ uuid: string; recording: string }>(path(meetingId, `/recording/${action}`), {});
      if (out.json) return out.data(r);
      fields(out, [
        ['uuid', r.uuid],
        ['recording', r.recording],
      ]);
    },
  },
  {
    name: 'meetings answer',
    summary: "a participant answers a poll ('Question=Answer', several choices with ';')",
    args: 'MEETING_ID POLL_ID',
    positionals: { min: 2, max: 2 },
    options: {
      participant: { type: 'string', value: 'PARTICIPANT_ID', description: 'who answers (required)' },
      answer: { type: 'string', multiple: true, value: 'QUESTION=ANSWER', description: 'an answer (repeatable); A;B for several choices' },
    },
    async run({ out, client, positionals, values }) {
      const [meetingId, pollId] = positionals as [string, string];
      const participant = str(values.participant);
      const given = (values.answer as string[] | undefined) ?? [];
      if (!participant || given.length === 0) throw new CliError('openzoom meetings answer needs --participant and at least one --answer.', 2);
      const answers = given.map((a) => {
        const at = a.indexOf('=');
        if (at <= 0) throw new CliError(`--answer takes QUESTION=ANSWER, not ${a}`, 2);
        const choices = a.slice(at + 1).split(';');
        return { question: a.slice(0, at), answer: choices.length === 1 ? choices[0]! : choices };
      });
      const r = await client.post(path(meetingId, `/polls/${encodeURIComponent(pollId)}/answers`), { participant_id: participant, answers });
      if (out.json) return out.data(r);
      out.line(`Answered poll ${pollId}.`);
    },
  },
  {
    name: 'meetings end',
    summary: 'end a live meeting (as PUT /v2/meetings/{id}/status {"action":"end"} does)',
    ...meetingOnly,
    options: {},
    async run({ out, client, positionals }) {
      printInstance(out, await client.post<InstanceView>(path(positionals[0]!, '/end'), {}));
    },
  },
];
