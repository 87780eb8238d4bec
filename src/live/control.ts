// Live meetings on the control plane (/_openzoom/meetings/{meetingId}/…): what
// only a Zoom client can do — the host starts, participants join and leave,
// the waiting room, sharing, recording, poll answers, the end. Each action is
// one transaction through the engine, with Zoom's events in the outbox. Meeting
// numbers are unique across the server, so the path names no account.
// Also the sweep that ends meetings whose plan limit has passed: after every
// move of the clock, and every few seconds while it runs.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.ts';
import { Errors, type ZoomError } from '../core/errors.ts';
import type { Db, Queryable } from '../storage/db.ts';
import { emitEvent } from '../webhooks/emit.ts';
import { readQuery } from '../control/schemas.ts';
import { DirectRoutes, type Params } from '../control/direct.ts';
import * as engine from './engine.ts';
import { meetingKind } from './meetings.ts';
import { seconds, SHARE_CONTENT, stamp, UUID_PATTERN, type HostInfo, type InstanceRecord, type JoinDetails, type ParticipantRecord, type ParticipantRole, type SessionInfo, type SessionKind, type ShareContent } from './model.ts';
import { answerPoll, type PollAnswerInput } from './polls.ts';
import { AUDIO_BODY, checkAudio, saveAudio, type AudioJoin } from './audio.ts';
import { chat, CONTENT_BODIES, speak } from './content.ts';
import { FEEDBACK_BODY, QOS_BODY, saveFeedback, saveQos, type QosSample } from './quality.ts';
import * as repo from './repository.ts';

type Schema = Record<string, unknown>;
const closed = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });
const text = (max: number) => ({ type: 'string', maxLength: max });

export const LIVE_BODIES = {
  none: closed({}),
  start: closed({ uuid: { type: 'string', pattern: UUID_PATTERN.source } }),
  participant: closed(
    {
      name: { type: 'string', minLength: 1, maxLength: 128, pattern: '\\S' },
      email: { type: 'string', format: 'email', maxLength: 128 },
      registrant_id: { type: 'string', minLength: 1, maxLength: 64 },
      device: text(64),
      location: text(128),
      ip_address: { anyOf: [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }] },
      network_type: text(64),
      version: text(64),
      data_center: text(64),
      // Joining by telephone (audio.ts): a phone participant may have no email.
      audio: AUDIO_BODY,
    },
    ['name'],
  ),
  share: closed({ content: { enum: [...SHARE_CONTENT] } }),
  answers: closed(
    {
      participant_id: { type: 'string', minLength: 1, maxLength: 64 },
      answers: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: closed(
          {
            question: { type: 'string', minLength: 1, maxLength: 1024 },
            answer: { anyOf: [{ type: 'string', minLength: 1, maxLength: 1024 }, { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 1024 } }] },
          },
          ['question', 'answer'],
        ),
      },
    },
    ['participant_id', 'answers'],
  ),
} satisfies Record<string, Schema>;

export interface LiveControlDeps {
  db: Db;
  clock: Clock;
  /** The server's public base URL, for URLs a kind's own routes answer. */
  baseUrl?: string;
}

const RECORDING_ACTIONS: ReadonlySet<string> = new Set(['start', 'stop', 'pause', 'resume']);

export function participantView(p: ParticipantRecord) {
  return {
    participant_id: p.id,
    user_id: p.user_id,
    name: p.name,
    email: p.email,
    ...(p.registrant_id ? { registrant_id: p.registrant_id } : {}),
    ...(p.participant_user_id ? { participant_user_id: p.participant_user_id } : {}),
    role: p.role,
    status: p.status,
    join_time: seconds(p.joined_at),
    ...(p.left_at ? { leave_time: seconds(p.left_at), leave_reason: p.leave_reason } : {}),
    ...p.data,
  };
}

async function instanceView(db: Queryable, i: InstanceRecord) {
  const people = await repo.participantsIn(db, i.account_id, i.uuid, ['in_meeting', 'in_waiting_room']);
  return {
    id: Number(i.session_id),
    uuid: i.uuid,
    account_id: i.account_id,
    status: i.status === 'live' ? 'started' : 'ended',
    topic: i.data.topic,
    host_id: i.host_id,
    start_time: seconds(i.start_time),
    ...(i.end_time ? { end_time: seconds(i.end_time) } : {}),
    ...(i.auto_end_at && i.status === 'live' ? { ends_at: seconds(i.auto_end_at) } : {}),
    recording: i.status === 'live' ? await engine.recordingState(db, i) : 'off',
    participants: people.map(participantView),
  };
}

/**
 * A transaction's view for actions the server itself drives (the control
 * plane, the sweep): no token, no operator (no live event names one).
 */
function serverTx(tx: Queryable, accountId: string, now: number): engine.LiveTx {
  const source = { accountId, operatorUserId: null, clientId: null, now, operator: null };
  return { db: tx, now, emit: (e, p) => emitEvent(tx, source, e, p) };
}

/** A kind of session the control plane drives (meetings: src/live/meetings.ts; webinars will add theirs). */
export interface LiveKind {
  kind: SessionKind;
  /** The path segment: /_openzoom/{path}/{id}/… */
  path: string;
  /** "Meeting" or "Webinar", for messages. */
  label: string;
  adapter: engine.SessionAdapter;
  /** Zoom's not-found for an unknown number. */
  notFound(id: string): ZoomError;
  /** The session with this number, in any account (numbers are unique across the server). */
  find(db: Queryable, id: string): Promise<LiveSession | undefined>;
  /** Bodies of the kind's own (webinars: `practice_session` on start, `role` on join). */
  bodies?: { start?: Schema; participant?: Schema };
  /** Who may join, and as what (webinars: registration, panelists, capacity); attendees otherwise. */
  admit?(t: engine.LiveTx, session: LiveSession, i: InstanceRecord, body: JoinDetails & { role?: string }): Promise<ParticipantRole>;
  /** After a start (new or again) with its body: the kind's own start (webinars: the practice session). */
  onStart?(t: engine.LiveTx, i: InstanceRecord, created: boolean, body: Record<string, unknown>): Promise<void>;
  /** The kind's own routes under /_openzoom/{path}/{id}/… (webinars: Q&A, raised hands). */
  routes?(r: KindRoutes): void;
}

/** What a kind's own routes are given: the app, the base path and one-transaction actions. */
export interface KindRoutes {
  c: FastifyInstance;
  base: string;
  deps: LiveControlDeps;
  act<T>(id: string, fn: (t: engine.LiveTx, session: LiveSession, live: InstanceRecord | undefined) => Promise<T>): Promise<T>;
  needLive(session: LiveSession, live: InstanceRecord | undefined): InstanceRecord;
  participantOf(t: engine.LiveTx, i: InstanceRecord, participantId: string): Promise<ParticipantRecord>;
}

/** A scheduled session as the control plane needs it. */
export interface LiveSession {
  accountId: string;
  id: string;
  /** The session as the engine starts it. */
  info(): Promise<SessionInfo>;
  host(): Promise<HostInfo>;
  /** Participants may join before the host, the first of them starting it. */
  joinBeforeHost: boolean;
  /** Its number expires with its first instance (instant meetings). */
  once: boolean;
  /** A registrant's status for this session, if registered. */
  registrantStatus(registrantId: string): Promise<string | undefined>;
}

/** Ends the live instances whose plan limit has passed, each in a transaction of its own. */
export async function settleDue(db: Db, clock: Clock, kinds: readonly LiveKind[]): Promise<number> {
  const due = await repo.dueInstances(db, stamp(clock.now()));
  for (const d of due) {
    await db.transaction(async (tx) => {
      const i = await repo.getInstance(tx, d.account_id, d.uuid);
      const kind = i && kinds.find((k) => k.kind === i.kind);
      if (!i || !kind) return;
      await engine.settle(serverTx(tx, i.account_id, clock.now()), kind.adapter, i);
    });
  }
  return due.length;
}

/** The sweep's period while the clock runs by itself (a moved clock is swept at once). */
const SWEEP_MS = 5_000;

/**
 * The live routes of each kind; their actions also go into `direct` (when given), so the
 * scenario runner can play them in process through the same work.
 */
export function registerLiveControl(c: FastifyInstance, deps: LiveControlDeps, kinds: readonly LiveKind[] = [meetingKind], direct = new DirectRoutes('')): { settleDue(): Promise<number> } {
  const sweep = () => settleDue(deps.db, deps.clock, kinds);
  const timer = setInterval(() => void sweep().catch(() => undefined), SWEEP_MS);
  timer.unref();
  c.addHook('onClose', async () => clearInterval(timer));
  for (const kind of kinds) registerKind(c, deps, kind, direct);
  return { settleDue: sweep };
}

function registerKind(c: FastifyInstance, deps: LiveControlDeps, k: LiveKind, direct: DirectRoutes): void {
  const { adapter } = k;
  /** One action in one transaction: the session (any account), its settled live instance, and an emitter. */
  async function act<T>(id: string, fn: (t: engine.LiveTx, session: LiveSession, live: InstanceRecord | undefined) => Promise<T>): Promise<T> {
    if (!/^\d{1,19}$/.test(id)) throw k.notFound(id);
    return deps.db.transaction(async (tx) => {
      const session = await k.find(tx, id);
      if (!session) throw k.notFound(id);
      const t = serverTx(tx, session.accountId, deps.clock.now());
      const current = await repo.liveInstance(tx, session.accountId, k.kind, session.id);
      const live = current && (await engine.settle(t, adapter, current));
      return fn(t, session, live?.status === 'live' ? live : undefined);
    });
  }
  const needLive = (session: LiveSession, live: InstanceRecord | undefined): InstanceRecord => {
    if (!live) throw Errors.liveConflict(`${k.label} ${session.id} is not in progress.`);
    return live;
  };
  /** A new instance, unless the number expired with its first one. */
  async function begin(t: engine.LiveTx, session: LiveSession, opts: { uuid?: string; hostJoins?: boolean }) {
    if (session.once && (await repo.lastEndedInstance(t.db, session.accountId, k.kind, session.id))) throw k.notFound(session.id);
    return engine.startInstance(t, adapter, await session.info(), await session.host(), opts);
  }
  async function participantOf(t: engine.LiveTx, i: InstanceRecord, participantId: string): Promise<ParticipantRecord> {
    const p = await repo.getParticipant(t.db, i.account_id, i.uuid, participantId);
    if (!p) throw Errors.liveParticipantNotFound(participantId);
    return p;
  }
  const base = `/${k.path}/:id`;
  type P = { id: string };
  const post = <B>(path: string, schema: Schema, status: number, fn: (params: Params, body: B) => Promise<unknown>) =>
    direct.add<B>(c, 'POST', `${base}${path}`, schema, async (params, body) => ({ status, body: await fn(params, body) }));
  const participantAction = (name: string, fn: (t: engine.LiveTx, i: InstanceRecord, p: ParticipantRecord, body: { content?: ShareContent }) => Promise<unknown>) =>
    post<{ content?: ShareContent }>(`/participants/:participantId/${name}`, name === 'share/start' ? LIVE_BODIES.share : LIVE_BODIES.none, 200, (params, body) =>
      act(params.id!, async (t, session, live) => {
        const i = needLive(session, live);
        const p = await participantOf(t, i, params.participantId!);
        await fn(t, i, p, body);
        return participantView((await repo.getParticipant(t.db, i.account_id, i.uuid, p.id))!);
      }),
    );

  c.get<{ Params: P }>(`${base}/live`, async (req) => {
    readQuery(req, LIVE_BODIES.none);
    return act(req.params.id, async (t, session, live) => (live ? instanceView(t.db, live) : { id: Number(session.id), account_id: session.accountId, status: 'waiting', participants: [] }));
  });

  direct.add<{ uuid?: string }>(c, 'POST', `${base}/start`, k.bodies?.start ?? LIVE_BODIES.start, async (params, body) => {
    const out = await act(params.id!, async (t, session, live) => {
      const started = live ? { instance: live, created: false } : await begin(t, session, body.uuid !== undefined ? { uuid: body.uuid } : {});
      if (!started.created && !(await repo.participantsIn(t.db, session.accountId, started.instance.uuid, ['in_meeting'])).some((p) => p.role === 'host')) {
        // The host joins a session that started without them.
        const host = await session.host();
        await engine.join(t, started.instance, { name: host.name, email: host.email }, 'host');
      }
      await k.onStart?.(t, started.instance, started.created, body);
      const view = await instanceView(t.db, (await repo.getInstance(t.db, session.accountId, started.instance.uuid)) ?? started.instance);
      return { created: started.created, view };
    });
    return { status: out.created ? 201 : 200, body: out.view };
  });

  post(`/end`, LIVE_BODIES.none, 200, (params) => act(params.id!, async (t, session, live) => instanceView(t.db, await engine.endInstance(t, adapter, needLive(session, live), 'host'))));

  post<Omit<JoinDetails, 'email'> & { email?: string; role?: string; audio?: AudioJoin }>(`/participants`, k.bodies?.participant ?? LIVE_BODIES.participant, 201, async (params, body) => {
    if (body.email === undefined && body.audio === undefined) throw Errors.validation([{ field: 'email', message: 'Email is required unless joining by telephone (audio).' }]);
    if (body.audio) checkAudio(body.audio);
    return act(params.id!, async (t, session, live) => {
      let i = live;
      if (!i) {
        // With join before host, the first participant starts the session.
        if (!session.joinBeforeHost) throw Errors.liveConflict(`${k.label} ${session.id} has not started: the host has not joined.`);
        i = (await begin(t, session, { hostJoins: false })).instance;
      }
      if (body.registrant_id !== undefined) {
        const status = await session.registrantStatus(body.registrant_id);
        if (!status) throw Errors.liveConflict(`Registrant ${body.registrant_id} is not registered for ${k.label.toLowerCase()} ${session.id}.`);
        if (status !== 'approved') throw Errors.liveConflict(`Registrant ${body.registrant_id} is not approved (${status}).`);
      }
      const { role: _role, audio, ...details } = body;
      const p = await engine.join(t, i, { ...details, email: details.email ?? '' }, k.admit ? await k.admit(t, session, i, body as JoinDetails) : 'attendee');
      return { ...participantView(p), ...(audio ? { audio: await saveAudio(t.db, i, p, audio) } : {}) };
    });
  });

  participantAction('leave', (t, i, p) => engine.leave(t, adapter, i, p));
  participantAction('waiting_room', (t, i, p) => engine.putInWaitingRoom(t, i, p));
  participantAction('admit', (t, i, p) => engine.admit(t, i, p));
  participantAction('share/start', (t, i, p, body) => engine.startShare(t, i, p, body.content ?? 'desktop'));
  participantAction('share/stop', (t, i, p) => engine.stopShare(t, i, p));
  // What participants say and write: the transcript, timeline and chat file of a recording.
  for (const [name, fn] of [['speak', speak], ['chat', chat]] as const) {
    post<{ text: string }>(`/participants/:participantId/${name}`, CONTENT_BODIES[name], 201, (params, body) =>
      act(params.id!, async (t, session, live) => {
        const i = needLive(session, live);
        return fn(t, i, await participantOf(t, i, params.participantId!), body);
      }),
    );
  }

  // What the participant's client reports: QoS per minute while in the meeting, feedback during or after it.
  post<{ samples: QosSample[] }>(`/participants/:participantId/qos`, QOS_BODY, 201, (params, body) =>
    act(params.id!, async (t, session, live) => {
      const i = needLive(session, live);
      return saveQos(t, i, await participantOf(t, i, params.participantId!), body.samples);
    }),
  );
  post<{ quality: string; comment?: string; issues?: string[] }>(`/participants/:participantId/feedback`, FEEDBACK_BODY, 201, (params, body) =>
    act(params.id!, async (t, session, live) => {
      const i = live ?? (await repo.lastEndedInstance(t.db, session.accountId, k.kind, session.id));
      if (!i) throw Errors.liveConflict(`${k.label} ${session.id} has not started.`);
      return saveFeedback(t, i, await participantOf(t, i, params.participantId!), body);
    }),
  );

  post(`/recording/:action`, LIVE_BODIES.none, 200, (params) => {
    const action = params.action!;
    if (!RECORDING_ACTIONS.has(action)) throw Errors.validation([{ field: 'action', message: 'Use start, stop, pause or resume.' }]);
    return act(params.id!, async (t, session, live) => {
      const i = needLive(session, live);
      return { uuid: i.uuid, recording: await engine.record(t, i, action as engine.RecordingAction) };
    });
  });

  post<PollAnswerInput>(`/polls/:pollId/answers`, LIVE_BODIES.answers, 201, (params, body) =>
    act(params.id!, async (t, session, live) => {
      const i = needLive(session, live);
      const p = await participantOf(t, i, body.participant_id);
      return answerPoll(t, i, p, params.pollId!, body.answers);
    }),
  );

  k.routes?.({ c, base, deps, act, needLive, participantOf });
}
