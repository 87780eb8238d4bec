// Meetings: Create, Get, Update, Delete and List meetings.
import { endLiveMeeting } from '../../live/meetings.ts';
import { DateTime } from 'luxon';
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { RECURRENCE_LIMITS, isZone, utcString } from '../../shared/recurrence/recurrence.ts';
import { findUser, lookupUser } from '../users/lookup.ts';
import { defaultTtl } from '../users/tokens.ts';
import type { UserRecord } from '../users/model.ts';
import { cannotHost, cannotScheduleFor, checkCanHost, findMeeting, hostOf, maySchedule, ownMeetingsOnly, settingsOf } from './access.ts';
import { createdObject, eventMeeting, updatedPayload } from './events.ts';
import { LIST_BASE, answerHoldsUntil, meetingResponse, type MeetingRecord, type Urls } from './model.ts';
import * as repo from './repository.ts';
import { applyBody, applyOccurrence, blankMeeting, deleteOccurrence, type ScheduleBody } from './schedule.ts';
import { nextListEnd } from '../../shared/sessions/lists.ts';

/** How long a deleted meeting can be recovered (the web portal's "Recently Deleted": 7 days). */
export const RECOVER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A kept meeting answer serves its start link for at most this long before a new
 * one is signed: the link still has hours to live (users' zak ttl), so it expires
 * at most a minute earlier than a freshly signed one would.
 */
const START_URL_REUSE_MS = 60_000;
/** previous_meetings / upcoming lists reach at most six months back (spec). */
const SIX_MONTHS_MS = 183 * 24 * 60 * 60 * 1000;

type MeetingPath = { meetingId: string };
type ListQuery = { type?: string; from?: string; to?: string; timezone?: string };

const iso = (ms: number) => utcString(DateTime.fromMillis(ms, { zone: 'utc' }));

const instantForOther = () =>
  new ZoomError(400, 3000, "Instant meetings do not support the schedule_for parameter, and you can't schedule an instant meeting for another user.");
const badScheduleFor = () => new ZoomError(400, 300, 'The value that you entered in the schedule_for field is invalid. Enter a valid value and try again.');

/** Resolves `schedule_for` against the scheduler's scheduling privilege (Zoom's 3000 without it). */
export async function scheduledHost(ctx: Context, scheduler: UserRecord, scheduleFor: string | undefined, type: number): Promise<UserRecord> {
  if (scheduleFor === undefined || scheduleFor.trim() === '') return scheduler;
  const target = await lookupUser(ctx.db, ctx.account.id, scheduleFor.trim());
  if (!target) throw badScheduleFor();
  if (target.id === scheduler.id) return scheduler;
  if (type === 1) throw instantForOther();
  if (!(await maySchedule(ctx, scheduler, target))) throw cannotScheduleFor(scheduleFor.trim());
  checkCanHost(target, true);
  return target;
}

export function createSchedulingOperations(deps: ProviderDeps) {
  const urls: Urls = { baseUrl: deps.baseUrl };
  const limits = RECURRENCE_LIMITS[deps.recurrenceLimits ?? 'doc'];
  // Kept answers of Get a meeting: dropped when the meeting row changes, and with
  // every user change of the account (the answer carries the host's email and link life).
  const answers = deps.readCache('meeting', (c) => (c.kind === 'object' && c.object === 'user' ? { accountId: c.accountId } : undefined));
  // Kept pages of List meetings: made from the host's meetings rows and its user row
  // (can it host, its time zone): any meeting or user of the account changing drops them.
  const pages = deps.readCache('meetings_page', (c) => (c.kind === 'object' && (c.object === 'meeting' || c.object === 'user') ? { accountId: c.accountId } : undefined));

  async function respond(ctx: Context, m: MeetingRecord, extra: { occurrenceId?: string; showPrevious?: boolean } = {}) {
    const host = await hostOf(ctx, m);
    return meetingResponse(m, {
      urls,
      host,
      nowMs: ctx.clock.now(),
      startTtlS: host ? defaultTtl(host) : 7200,
      ...(extra.occurrenceId !== undefined ? { occurrenceId: extra.occurrenceId } : {}),
      ...(extra.showPrevious !== undefined ? { showPreviousOccurrences: extra.showPrevious } : {}),
    });
  }

  /** A page of List meetings, until when it holds (server ms) and nothing more to check on each read. */
  async function meetingsPage(input: Input<{ userId: string }, ListQuery>, ctx: Context, now: number) {
    const user = await findUser(ctx.db, ctx, input.path.userId);
    if (user.type === 4 || user.type === 99) throw cannotHost();
    const filter: repo.MeetingListFilter = { hostId: user.id };
    const type = input.query.type ?? 'scheduled';
    switch (type) {
      case 'live':
        filter.status = 'started';
        break;
      case 'upcoming':
      case 'upcoming_meetings':
        filter.endsAfter = iso(now);
        break;
      case 'previous_meetings':
        filter.endsBefore = iso(now);
        filter.endsAfter = iso(now - SIX_MONTHS_MS);
        break;
    }
    const zone = input.query.timezone && isZone(input.query.timezone) ? input.query.timezone : user.profile.timezone || 'UTC';
    const day = (field: 'from' | 'to') => {
      const v = input.query[field];
      if (v === undefined || v === '') return null;
      const d = /^\d{4}-\d\d-\d\d$/.test(v) ? DateTime.fromISO(v, { zone }) : null;
      if (!d || !d.isValid) throw Errors.validation([{ field, message: `Invalid parameter: ${field}.` }]);
      return d;
    };
    const from = day('from');
    const to = day('to');
    if (from) {
      const bound = iso(from.toMillis());
      if (filter.endsAfter === undefined || bound > filter.endsAfter) filter.endsAfter = bound;
    }
    if (to) filter.startsBefore = iso(to.plus({ days: 1 }).toMillis());
    const total = await input.page.total(() => repo.countMeetings(ctx.db, ctx.account.id, filter));
    const { items, last } = await repo.listMeetingEntries(ctx.db, ctx.account.id, filter, input.page);
    // A list bounded by now changes when one of the host's meetings ends (enters
    // previous_meetings, leaves upcoming) or passes six months back.
    let until = Infinity;
    if (filter.endsBefore !== undefined || type === 'upcoming' || type === 'upcoming_meetings') {
      until = await nextListEnd(ctx.db, 'meetings', ctx.account.id, user.id, iso(now));
      if (filter.endsBefore !== undefined) until = Math.min(until, (await nextListEnd(ctx.db, 'meetings', ctx.account.id, user.id, iso(now - SIX_MONTHS_MS))) + SIX_MONTHS_MS);
    }
    return { body: input.page.respondText(total, 'meetings', items.map((t) => t.replace(LIST_BASE, urls.baseUrl)), last), until, meta: null };
  }

  return {
    async meetingCreate(input: Input<{ userId: string }, Record<string, never>, ScheduleBody>, ctx: Context) {
      const scheduler = await findUser(ctx.db, ctx, input.path.userId);
      checkCanHost(scheduler, true);
      let body = input.body;
      const type = body.type ?? 2;
      const host = await scheduledHost(ctx, scheduler, body.schedule_for, type);
      if (body.template_id !== undefined && body.template_id !== '') {
        const template = await repo.getTemplate(ctx.db, ctx.account.id, body.template_id);
        if (!template || template.user_id !== scheduler.id && template.user_id !== host.id) throw Errors.validation([{ field: 'template_id', message: 'Invalid parameter: template_id.' }]);
        // The template's schedule and settings, the request's fields on top.
        const t = template.data as ScheduleBody;
        body = { ...t, ...body, settings: { ...(t.settings ?? {}), ...(body.settings ?? {}) } };
      }
      const hs = await settingsOf(ctx, host.id);
      const m = blankMeeting(ctx, host, body.type ?? 2, hs);
      if (host.id !== scheduler.id) m.data.assistant_id = scheduler.id;
      if (body.template_id) m.data.template_id = body.template_id;
      await applyBody(ctx, m, body, { creating: true, host, hostSettings: hs, limits });
      await repo.insertMeeting(ctx.db, ctx.account.id, m);
      await ctx.emit('meeting.created', { operation: 'all', object: createdObject(m, urls) });
      return respond(ctx, m);
    },

    async meeting(input: Input<MeetingPath, { occurrence_id?: string; show_previous_occurrences?: boolean }>, ctx: Context) {
      const occurrenceId = input.query.occurrence_id;
      const showPrevious = input.query.show_previous_occurrences === true || String(input.query.show_previous_occurrences) === 'true';
      if ((occurrenceId !== undefined && occurrenceId !== '') || showPrevious) {
        const m = await findMeeting(ctx, input.path.meetingId, { pmi: true });
        return respond(ctx, m, { ...(occurrenceId !== undefined && occurrenceId !== '' ? { occurrenceId } : {}), showPrevious });
      }
      const key = String(input.path.meetingId);
      const now = ctx.clock.now();
      const { answer, meta } = await answers.readTimed(ctx.account.id, key, now, async () => {
        const m = await findMeeting(ctx, input.path.meetingId, { pmi: true });
        // Read through a personal meeting ID, the answer is not kept (changes publish the meeting's own id).
        const until = m.id === key ? Math.min(now + START_URL_REUSE_MS, answerHoldsUntil(m, now)) : now;
        return { body: await respond(ctx, m), until, meta: { host: m.host_id, assistant: m.data.assistant_id } };
      });
      if (ownMeetingsOnly(ctx) && meta.host !== ctx.actor.userId && meta.assistant !== ctx.actor.userId) throw Errors.noPermission();
      return answer;
    },

    async meetingUpdate(input: Input<MeetingPath, { occurrence_id?: string }, ScheduleBody>, ctx: Context) {
      const before = await findMeeting(ctx, input.path.meetingId);
      const m: MeetingRecord = structuredClone(before);
      const body = input.body;
      const occurrenceId = input.query.occurrence_id;
      if (occurrenceId !== undefined && occurrenceId !== '') {
        applyOccurrence(m, occurrenceId, body);
      } else {
        let host = (await hostOf(ctx, m)) ?? (() => { throw cannotHost(); })();
        if (body.schedule_for !== undefined && body.schedule_for.trim() !== '') {
          if ((body.type ?? m.type) === 1) throw instantForOther();
          // The one changing the host needs scheduling privilege for the new host: the
          // token's user, or for account-level apps the current host (Zoom's 3000 either way).
          const actor = ctx.actor.userId ? await findUser(ctx.db, ctx, ctx.actor.userId) : host;
          const target = await scheduledHost(ctx, actor, body.schedule_for, m.type);
          if (target.id !== m.host_id) {
            m.host_id = target.id;
            m.data.assistant_id = actor.id === target.id ? undefined : actor.id;
            if (m.data.assistant_id === undefined) delete m.data.assistant_id;
            host = target;
          }
        }
        checkCanHost(host);
        await applyBody(ctx, m, body, { creating: false, host, hostSettings: await settingsOf(ctx, host.id), limits });
      }
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
      const scope = m.type === 8 ? (occurrenceId ? 'single' : 'all') : undefined;
      const payload = updatedPayload(before, m, urls, ctx.clock.now(), scope);
      if (payload) await ctx.emit('meeting.updated', payload);
    },

    async meetingDelete(input: Input<MeetingPath, { occurrence_id?: string; schedule_for_reminder?: boolean; cancel_meeting_reminder?: boolean }>, ctx: Context) {
      const m = await findMeeting(ctx, input.path.meetingId, { pmi: true });
      if (m.type === 4) throw new ZoomError(400, 3018, 'Not allowed to delete PMI.');
      const occurrenceId = input.query.occurrence_id;
      if (occurrenceId !== undefined && occurrenceId !== '') {
        const occ = deleteOccurrence(m, occurrenceId);
        await repo.updateMeeting(ctx.db, ctx.account.id, m);
        await ctx.emit('meeting.deleted', { operation: 'single', object: { ...eventMeeting(m), occurrences: [occ] } });
        return;
      }
      // A meeting in progress ends with its deletion (meeting.ended first), as its host's client would.
      await endLiveMeeting(ctx, m);
      // Kept (not listed, not found) for `recover` within the window; reminders are mails, which are not sent here.
      m.deleted_at = ctx.clock.iso();
      await repo.updateMeeting(ctx.db, ctx.account.id, m);
      await ctx.emit('meeting.deleted', { operation: 'all', object: eventMeeting(m) });
    },

    async meetings(input: Input<{ userId: string }, ListQuery>, ctx: Context) {
      // Who may read the list was checked before (the privilege rule of the path's user);
      // pages are kept per user the path resolves to (`me` is each caller's own).
      const now = ctx.clock.now();
      const key = `${ctx.resolveMe(input.path.userId)}\n${input.page.key}`;
      return (await pages.readPageTimed(ctx.account.id, key, now, () => meetingsPage(input, ctx, now))).answer;
    },
  };
}

/** A deleted meeting still within its recovery window, else 404/3001. */
export function recoverable(m: MeetingRecord, nowMs: number): boolean {
  return m.deleted_at !== null && Date.parse(m.deleted_at) + RECOVER_WINDOW_MS > nowMs;
}
