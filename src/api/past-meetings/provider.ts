// Past meetings (ended instances: details, instances, participants, poll
// results) and the in-meeting controls of a live meeting. The live state is
// src/live's; this file only finds what a path names and shapes the answer.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { getUser, getUserByEmail } from '../users/repository.ts';
import { findMeeting, ownMeetingsOnly } from '../meetings/access.ts';
import { getMeeting } from '../meetings/repository.ts';
import { record, settle, type RecordingAction } from '../../live/engine.ts';
import { liveTx, meetingAdapter } from '../../live/meetings.ts';
import { msOf, rowId, seconds, stamp, type InstanceRecord } from '../../live/model.ts';
import { pastDetails, pastInstance, pastParticipants, PAST_DETAILS_RETENTION_MS } from '../../live/past.ts';
import { pollResults } from '../../live/polls.ts';
import * as live from '../../live/repository.ts';
import { livestream, type StreamView } from '../../live/livestream.ts';
import { ZoomError } from '../../core/errors.ts';

type MeetingPath = Input<{ meetingId: string }>;

interface ControlBody {
  method?: string;
  params?: {
    contacts?: Array<{ email?: string; id?: string }>;
    invitee_name?: string;
    phone_number?: string;
    call_type?: string;
    device_ip?: string;
    waiting_room_title?: string;
    waiting_room_description?: string;
  };
}

/**
 * The ended instance a past-meeting path names, in this account: 404/3001 for
 * an unknown meeting or UUID (another account's too), and for a meeting that
 * has not ended once. A user-level-only token reaches its own meetings only.
 */
async function findPast(ctx: Context, raw: string, opts: { paidOnly?: boolean; retention?: boolean } = {}): Promise<InstanceRecord> {
  if (opts.paidOnly && ctx.account.plan === 'free') throw Errors.pastMeetingPaidOnly(ctx.account.id);
  const i = await pastInstance(ctx.db, ctx.account.id, 'meeting', raw);
  if (!i) {
    const known = /^\d{1,19}$/.test(raw) ? await getMeeting(ctx.db, ctx.account.id, raw, true) : await live.getInstance(ctx.db, ctx.account.id, raw);
    throw known ? Errors.pastMeetingNotEnded() : Errors.pastMeetingNotFound(raw);
  }
  if (ownMeetingsOnly(ctx) && i.host_id !== ctx.actor.userId) throw Errors.noPermission();
  if (opts.retention && ctx.clock.now() - msOf(i.end_time!) > PAST_DETAILS_RETENTION_MS) throw Errors.pastMeetingTooOld();
  return i;
}

const RECORDING_METHODS: Record<string, RecordingAction> = {
  'recording.start': 'start',
  'recording.stop': 'stop',
  'recording.pause': 'pause',
  'recording.resume': 'resume',
};

/** Until when (server ms) an answer about an ended instance holds: past the retention, it is 12702. */
const retainedUntil = (i: InstanceRecord): number => msOf(i.end_time!) + PAST_DETAILS_RETENTION_MS + 1;

export function createPastMeetingsProvider(deps: ProviderDeps): Provider {
  // Kept answers of Get past meeting details, by the path's meeting number or instance
  // UUID: a change to an ended instance publishes both (storage/coherence-schema.ts).
  const details = deps.readCache('past_meeting');
  // Kept pages of List past meeting participants: a change to an ended instance, its
  // participants or their stints drops every page of the account.
  const participantPages = deps.readCache('past_meeting_participants_page', (c) => (c.kind === 'object' && c.object === 'past_meeting' ? { accountId: c.accountId } : undefined));

  /** The kept answer's host against a user-level-only token, on every read (as findPast does). */
  const checkHost = (ctx: Context, hostId: string) => {
    if (ownMeetingsOnly(ctx) && hostId !== ctx.actor.userId) throw Errors.noPermission();
  };

  return {
    async pastMeetingDetails(input: MeetingPath, ctx: Context) {
      if (ctx.account.plan === 'free') throw Errors.pastMeetingPaidOnly(ctx.account.id);
      const { answer, meta } = await details.readTimed(ctx.account.id, String(input.path.meetingId), ctx.clock.now(), async () => {
        const i = await findPast(ctx, input.path.meetingId, { paidOnly: true, retention: true });
        return { body: pastDetails(i), until: retainedUntil(i), meta: i.host_id };
      });
      checkHost(ctx, meta);
      return answer;
    },

    async pastMeetings(input: MeetingPath, ctx: Context) {
      const last = await findPast(ctx, String(input.path.meetingId));
      const all = await live.endedInstances(ctx.db, ctx.account.id, 'meeting', last.session_id);
      return { meetings: all.map((i) => ({ uuid: i.uuid, start_time: seconds(i.start_time) })) };
    },

    async pastMeetingParticipants(input: MeetingPath, ctx: Context) {
      if (ctx.account.plan === 'free') throw Errors.pastMeetingPaidOnly(ctx.account.id);
      const { answer, meta } = await participantPages.readPageTimed(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const i = await findPast(ctx, input.path.meetingId, { paidOnly: true, retention: true });
        return { body: await pastParticipants(ctx.db, i, input.page), until: retainedUntil(i), meta: i.host_id };
      });
      checkHost(ctx, meta);
      return answer;
    },

    async listPastMeetingPolls(input: MeetingPath, ctx: Context) {
      const i = await findPast(ctx, input.path.meetingId, { retention: true });
      return { id: Number(i.session_id), uuid: i.uuid, start_time: seconds(i.start_time), questions: await pollResults(ctx.db, i) };
    },

    /**
     * In-meeting controls (202): cloud recording, invitations and call-outs,
     * the waiting room's text, AI Companion — only while the meeting is live.
     */
    async inMeetingControl(input: Input<{ meetingId: string }, Record<string, never>, ControlBody>, ctx: Context) {
      const meeting = await findMeeting(ctx, input.path.meetingId);
      const t = liveTx(ctx);
      const current = await live.liveInstance(ctx.db, ctx.account.id, 'meeting', meeting.id);
      const i = current && (await settle(t, meetingAdapter, current));
      if (!i || i.status !== 'live') throw Errors.meetingNotLive();
      const method = input.body.method;
      const params = input.body.params ?? {};
      if (method === undefined) throw Errors.validation([{ field: 'method', message: 'Missing field.' }]);
      const recording = RECORDING_METHODS[method];
      if (recording) {
        // Cloud recording needs a paid plan.
        if (ctx.account.plan === 'free') throw Errors.inMeetingControlUnavailable();
        await record(t, i, recording);
        return;
      }
      const at = stamp(t.now);
      const invitations = [...(i.data.invitations ?? [])];
      switch (method) {
        case 'participant.invite': {
          const contacts = params.contacts ?? [];
          if (contacts.length === 0 || contacts.length > 10) throw Errors.validation([{ field: 'params.contacts', message: 'Give 1 to 10 contacts.' }]);
          for (const c of contacts) {
            const user = c.id ? await getUser(ctx.db, ctx.account.id, c.id) : c.email ? await getUserByEmail(ctx.db, ctx.account.id, c.email) : undefined;
            if (!user) throw Errors.userNotFound(c.id ?? c.email ?? '');
            invitations.push({ method, to: user.id, at });
          }
          break;
        }
        case 'participant.invite.callout':
          if (!params.phone_number) throw Errors.validation([{ field: 'params.phone_number', message: 'Missing field.' }]);
          invitations.push({ method, to: params.phone_number, at });
          break;
        case 'participant.invite.room_system_callout':
          if (!params.device_ip) throw Errors.validation([{ field: 'params.device_ip', message: 'Missing field.' }]);
          invitations.push({ method, to: params.device_ip, at });
          break;
        case 'waiting_room.update':
          await live.updateInstance(ctx.db, ctx.account.id, {
            ...i,
            data: {
              ...i.data,
              ...(params.waiting_room_title !== undefined ? { waiting_room_title: params.waiting_room_title } : {}),
              ...(params.waiting_room_description !== undefined ? { waiting_room_description: params.waiting_room_description } : {}),
            },
          });
          return;
        case 'ai_companion.start': {
          const open = await live.openIntervals(ctx.db, ctx.account.id, i.uuid, 'ai_companion');
          if (open.length === 0) {
            const id = rowId(await live.nextSeq(ctx.db, ctx.account.id, i.uuid));
            await live.openInterval(ctx.db, ctx.account.id, i.uuid, { id, kind: 'ai_companion', participant_id: i.host_id, started_at: at, ended_at: null, data: {} });
          }
          return;
        }
        case 'ai_companion.stop':
        case 'ai_companion.disable':
          for (const open of await live.openIntervals(ctx.db, ctx.account.id, i.uuid, 'ai_companion')) await live.closeInterval(ctx.db, ctx.account.id, i.uuid, open.id, at);
          return;
        default:
          throw Errors.validation([{ field: 'method', message: 'Invalid field.' }]);
      }
      await live.updateInstance(ctx.db, ctx.account.id, { ...i, data: { ...i.data, invitations } });
    },

    /**
     * Start, stop or change the view of the meeting's live stream to its
     * custom service (Update a live stream's status). The meeting must be live
     * and have its stream settings (Update a live stream); a Pro licence or more,
     * and no end-to-end encryption.
     */
    async meetingLiveStreamStatusUpdate(input: Input<{ meetingId: string }, Record<string, never>, { action?: 'start' | 'stop' | 'mode'; settings?: StreamView }>, ctx: Context) {
      const meeting = await findMeeting(ctx, input.path.meetingId);
      if (ctx.account.plan === 'free') throw Errors.inMeetingControlUnavailable();
      if (meeting.data.settings?.encryption_type === 'e2ee') throw new ZoomError(400, 4400, 'End-to-end encrypted meetings currently do not support the livestreaming feature.');
      const target = meeting.data.livestream;
      if (!target?.stream_url || !target.stream_key) throw Errors.validation([{ field: 'livestream', message: 'Set the live stream (stream_url, stream_key, page_url) first.' }]);
      const t = liveTx(ctx);
      const current = await live.liveInstance(ctx.db, ctx.account.id, 'meeting', meeting.id);
      const i = current && (await settle(t, meetingAdapter, current));
      if (!i || i.status !== 'live') throw new ZoomError(400, 4927, `Meeting ${meeting.id} has not started.`);
      await livestream(t, i, input.body.action ?? 'start', target, input.body.settings ?? {});
    },
  };
}
