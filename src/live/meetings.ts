// Meetings as live sessions: what the engine needs of a scheduled meeting, the
// host as the instance remembers it, and the end of a live meeting for
// `PUT /meetings/{meetingId}/status {"action":"end"}`.
import type { Context } from '../core/provider.ts';
import type { Queryable } from '../storage/db.ts';
import { getUser } from '../api/users/repository.ts';
import type { MeetingRecord } from '../api/meetings/model.ts';
import { getMeeting, getMeetingByNumber, setMeetingLiveState } from '../api/meetings/repository.ts';
import { getRegistrant } from '../shared/registrants/repository.ts';
import { getAccount } from '../tenancy/repository.ts';
import { Errors } from '../core/errors.ts';
import type { LiveKind } from './control.ts';
import { endInstance, settle, type LiveTx, type SessionAdapter } from './engine.ts';
import type { HostInfo, SessionInfo } from './model.ts';
import { liveInstance } from './repository.ts';
import { qaRoutes, type QaSettings } from './qa.ts';

export const meetingAdapter: SessionAdapter = { kind: 'meeting', setState: setMeetingLiveState };

/** The meeting as a live session; `paid`: the account's plan allows cloud recording. */
export function meetingSession(m: MeetingRecord, paid: boolean): SessionInfo {
  return {
    kind: 'meeting',
    accountId: m.account_id,
    id: m.id,
    hostId: m.host_id,
    uuid: m.uuid,
    type: m.type,
    topic: m.data.topic,
    timezone: m.data.timezone,
    duration: m.data.duration,
    waitingRoom: m.data.settings.waiting_room === true,
    autoRecording: paid && m.data.settings.auto_recording === 'cloud',
  };
}

/** The host's name, email, department and user type; a host removed since scheduling counts as Basic. */
export async function hostInfo(db: Queryable, accountId: string, hostId: string): Promise<HostInfo> {
  const u = await getUser(db, accountId, hostId);
  if (!u) return { id: hostId, email: '', name: '', dept: '', type: 1 };
  const name = u.profile.display_name || `${u.profile.first_name} ${u.profile.last_name}`.trim() || u.email;
  return { id: u.id, email: u.email, name, dept: u.profile.dept ?? '', type: u.type };
}

/** A write context as the engine wants it. */
export const liveTx = (ctx: Context): LiveTx => ({ db: ctx.db, now: ctx.clock.now(), emit: (e, p) => ctx.emit(e, p) });

/** Ends the meeting's live instance, if it has one (Zoom answers 204 either way). */
export async function endLiveMeeting(ctx: Context, meeting: MeetingRecord): Promise<void> {
  const t = liveTx(ctx);
  const live = await liveInstance(ctx.db, ctx.account.id, 'meeting', meeting.id);
  if (!live) return;
  const settled = await settle(t, meetingAdapter, live);
  if (settled.status === 'live') await endInstance(t, meetingAdapter, settled, 'host');
}

/** Meetings on the control plane: /_openzoom/meetings/{meetingId}/… */
export const meetingKind: LiveKind = {
  kind: 'meeting',
  path: 'meetings',
  label: 'Meeting',
  adapter: meetingAdapter,
  notFound: (id) => Errors.liveMeetingNotFound(id),
  async find(db, id) {
    const m = await getMeetingByNumber(db, id);
    if (!m) return undefined;
    return {
      accountId: m.account_id,
      id: m.id,
      // Cloud recording (auto_recording) needs a paid plan.
      info: async () => meetingSession(m, (await getAccount(db, m.account_id))?.plan !== 'free'),
      host: () => hostInfo(db, m.account_id, m.host_id),
      joinBeforeHost: m.data.settings.join_before_host === true,
      // An instant meeting's number expires when it ends.
      once: m.type === 1,
      registrantStatus: async (registrantId) => (await getRegistrant(db, m.account_id, 'meeting', m.id, registrantId))?.status,
    };
  },
  // Q&A, for meetings whose `settings.question_and_answer.enable` is on (off by default, as Zoom's).
  routes: (r) =>
    qaRoutes(r, async (t, session) => {
      const qa = ((await getMeeting(t.db, session.accountId, session.id))?.data.settings.question_and_answer ?? {}) as QaSettings;
      return { ...qa, enable: qa.enable === true };
    }),
};
