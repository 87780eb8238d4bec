// Webinars as live sessions: what the engine needs of a scheduled webinar, and
// the end of a live webinar for `PUT /webinars/{webinarId}/status {"action":"end"}`.
// Webinars have no waiting room (attendees wait for the practice session to end
// instead); panelists join as panelists, everyone else as attendees.
import type { Context } from '../core/provider.ts';
import { ZoomError } from '../core/errors.ts';
import { getRegistrant } from '../shared/registrants/repository.ts';
import { getAccount } from '../tenancy/repository.ts';
import type { WebinarRecord } from '../api/webinars/model.ts';
import { getWebinarByNumber, setWebinarLiveState } from '../api/webinars/repository.ts';
import { Errors } from '../core/errors.ts';
import { readBody } from '../control/schemas.ts';
import { getWebinar, listPanelists } from '../api/webinars/repository.ts';
import { registrationOn } from '../api/webinars/model.ts';
import { webinarCapacity } from '../api/webinars/licences.ts';
import { getUser } from '../api/users/repository.ts';
import { LIVE_BODIES, participantView, type KindRoutes, type LiveKind } from './control.ts';
import { endInstance, settle, type LiveTx, type SessionAdapter } from './engine.ts';
import { hostInfo, liveTx } from './meetings.ts';
import { eventObject, eventParticipant, rowId, seconds, stamp, type InstanceRecord, type ParticipantRole, type SessionInfo } from './model.ts';
import { hand, qaRoutes, type QaSettings } from './qa.ts';
import { trackingRoutes } from '../api/webinars/tracking.ts';
import * as repo from './repository.ts';
import { liveInstance } from './repository.ts';

export const webinarAdapter: SessionAdapter = { kind: 'webinar', setState: setWebinarLiveState };

export function webinarSession(w: WebinarRecord, paid: boolean): SessionInfo {
  return {
    kind: 'webinar',
    accountId: w.account_id,
    id: w.id,
    hostId: w.host_id,
    uuid: w.uuid,
    type: w.type,
    topic: w.data.topic,
    timezone: w.data.timezone,
    duration: w.data.duration,
    waitingRoom: false,
    autoRecording: paid && w.data.settings.auto_recording === 'cloud',
  };
}

/** Ends the webinar's live instance (practice session included), if it has one. */
export async function endLiveWebinar(ctx: Context, w: WebinarRecord): Promise<void> {
  const t = liveTx(ctx);
  const live = await liveInstance(ctx.db, ctx.account.id, 'webinar', w.id);
  if (!live) return;
  const settled = await settle(t, webinarAdapter, live);
  if (settled.status === 'live') await endInstance(t, webinarAdapter, settled, 'host');
}

export const webinarNotFound = (id: string) => new ZoomError(404, 3001, `Webinar does not exist: ${id}.`);

type Schema = Record<string, unknown>;
const props = (s: Schema) => s.properties as Record<string, Schema>;
const closed = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });

/** The control plane's bodies of webinars' own. */
const BODIES = {
  start: closed({ ...props(LIVE_BODIES.start), practice_session: { type: 'boolean' } }),
  participant: closed({ ...props(LIVE_BODIES.participant), role: { enum: ['attendee', 'panelist'] } }, ['name', 'email']),
};

async function webinarOf(t: LiveTx, accountId: string, id: string) {
  const w = await getWebinar(t.db, accountId, id);
  if (!w) throw webinarNotFound(id);
  return w;
}

/**
 * Who joins as what: panelists must be the webinar's panelists; attendees of a
 * webinar with registration must be approved registrants; attendees beyond the
 * host's licence capacity are refused.
 */
async function admit(t: LiveTx, accountId: string, i: InstanceRecord, body: { email: string; role?: string; registrant_id?: string }): Promise<ParticipantRole> {
  const w = await webinarOf(t, accountId, i.session_id);
  if (body.role === 'panelist') {
    const email = body.email.toLowerCase();
    if (!(await listPanelists(t.db, accountId, w.id)).some((p) => p.email === email)) throw Errors.liveConflict(`${body.email} is not a panelist of webinar ${w.id}.`);
    return 'panelist';
  }
  const host = await getUser(t.db, accountId, w.host_id);
  if (host && host.email.toLowerCase() === body.email.toLowerCase()) return 'host';
  if (registrationOn(w) && body.registrant_id === undefined) throw Errors.liveConflict(`Webinar ${w.id} needs registration: join with a registrant_id.`);
  const capacity = host ? webinarCapacity(host) : 0;
  const attendees = (await repo.participantsIn(t.db, accountId, i.uuid, ['in_meeting', 'in_waiting_room'])).filter((p) => p.role === 'attendee').length;
  if (attendees >= capacity) throw Errors.liveConflict(`Webinar ${w.id} has reached its maximum capacity of ${capacity} attendees.`);
  return 'attendee';
}

/**
 * A start with `practice_session: true` begins the practice session (the webinar
 * must allow one); starting again with `practice_session: false` goes live:
 * the attendees who were waiting join (webinar.participant_joined each).
 */
async function onStart(t: LiveTx, i: InstanceRecord, created: boolean, body: { practice_session?: boolean }): Promise<void> {
  const current = (await repo.getInstance(t.db, i.account_id, i.uuid))!;
  if (created && body.practice_session === true) {
    const w = await webinarOf(t, i.account_id, i.session_id);
    if (w.data.settings.practice_session !== true) throw Errors.liveConflict(`Webinar ${w.id} has no practice session: turn on settings.practice_session.`);
    await repo.updateInstance(t.db, i.account_id, { ...current, data: { ...current.data, practice_session: true } });
    return;
  }
  if (created || body.practice_session !== false || current.data.practice_session !== true) return;
  const when = stamp(t.now);
  await repo.updateInstance(t.db, i.account_id, { ...current, data: { ...current.data, practice_session: false, went_live_at: when } });
  for (const p of await repo.participantsIn(t.db, i.account_id, i.uuid, ['in_waiting_room'])) {
    await repo.closeStints(t.db, i.account_id, i.uuid, p.id, when);
    await repo.openStint(t.db, i.account_id, i.uuid, rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), p.id, 'in_meeting', when);
    await repo.setParticipantStatus(t.db, i.account_id, { ...p, status: 'in_meeting' });
    await t.emit('webinar.participant_joined', { object: { ...eventObject(current), participant: { ...eventParticipant(p), join_time: seconds(when) } } });
  }
}

/** Q&A, raised hands and tracking sources on the control plane. */
function routes(r: KindRoutes): void {
  const { c, base, act, needLive, participantOf } = r;
  trackingRoutes(r);
  type P = { id: string };
  qaRoutes(r, async (t, session) => ((await webinarOf(t, session.accountId, session.id)).data.settings.question_and_answer ?? {}) as QaSettings);
  for (const [name, raise] of [['raise_hand', true], ['lower_hand', false]] as const) {
    c.post<{ Params: P & { participantId: string } }>(`${base}/participants/:participantId/${name}`, async (req) => {
      readBody(req, LIVE_BODIES.none);
      return act(req.params.id, async (t, session, live) => {
        const i = needLive(session, live);
        const p = await participantOf(t, i, req.params.participantId);
        return { ...participantView(p), ...(await hand(t, i, p, raise)) };
      });
    });
  }
}

/** Webinars on the control plane: /_openzoom/webinars/{webinarId}/… */
export const webinarKind: LiveKind = {
  kind: 'webinar',
  path: 'webinars',
  label: 'Webinar',
  adapter: webinarAdapter,
  notFound: (id) => webinarNotFound(id),
  async find(db, id) {
    const w = await getWebinarByNumber(db, id);
    if (!w) return undefined;
    return {
      accountId: w.account_id,
      id: w.id,
      info: async () => webinarSession(w, (await getAccount(db, w.account_id))?.plan !== 'free'),
      host: () => hostInfo(db, w.account_id, w.host_id),
      joinBeforeHost: false,
      once: false,
      registrantStatus: async (registrantId) => (await getRegistrant(db, w.account_id, 'webinar', w.id, registrantId))?.status,
    };
  },
  bodies: { start: BODIES.start, participant: BODIES.participant },
  admit: (t, session, i, body) => admit(t, session.accountId, i, body),
  onStart: (t, i, created, body) => onStart(t, i, created, body),
  routes,
};


