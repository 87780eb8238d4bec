// Webinars: Create, Get, Update, Delete, List and Update webinar status. Times,
// recurrence, passcodes, tracking fields and alternative hosts are applied by the
// meetings' scheduling code (one engine), the webinar's types mapped onto it.
import { DateTime } from 'luxon';
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { RECURRENCE_LIMITS, utcString } from '../../shared/recurrence/recurrence.ts';
import { findUser } from '../users/lookup.ts';
import { defaultTtl } from '../users/tokens.ts';
import type { UserRecord } from '../users/model.ts';
import { settingsOf } from '../meetings/access.ts';
import { scheduledHost } from '../meetings/scheduling.ts';
import { applyBody, applyOccurrence, blankMeeting, deleteOccurrence, type ScheduleBody } from '../meetings/schedule.ts';
import type { MeetingType } from '../meetings/model.ts';
import { answerHoldsUntil, LIST_BASE } from '../meetings/model.ts';
import { checkWebinarHost, findWebinar, hostOf, ownWebinarsOnly } from './access.ts';
import { createdObject, eventWebinar, updatedPayload } from './events.ts';
import { asMeeting, TO_MEETING_TYPE, TO_WEBINAR_TYPE, webinarResponse, type WebinarRecord, type WebinarType } from './model.ts';
import { nextListEnd } from '../../shared/sessions/lists.ts';
import * as repo from './repository.ts';
import { initialWebinarSettings } from './settings.ts';
import { endLiveWebinar } from '../../live/webinars.ts';
import { requireLicence } from './licences.ts';

type WebinarPath = { webinarId: string };
/** A kept answer's start link is signed again after a minute (as Get a meeting's). */
const START_URL_REUSE_MS = 60_000;
export type WebinarBody = Omit<ScheduleBody, 'type'> & { type?: WebinarType; default_passcode?: boolean };

/** The body in the meetings' terms (webinar types as meeting types, `default_passcode` as `default_password`). */
function asScheduleBody(b: WebinarBody): ScheduleBody {
  const { type, default_passcode, ...rest } = b;
  return { ...rest, ...(type !== undefined ? { type: TO_MEETING_TYPE[type] } : {}), ...(default_passcode !== undefined ? { default_password: default_passcode } : {}) };
}

/** Applies a Create or Update body to the webinar (PATCH semantics), through the meetings' scheduling code. */
export async function applyWebinarBody(ctx: Context, w: WebinarRecord, b: WebinarBody, creating: boolean, host: UserRecord, limits: (typeof RECURRENCE_LIMITS)['doc']): Promise<void> {
  const m = asMeeting(w);
  await applyBody(ctx, m, asScheduleBody(b), { creating, host, hostSettings: await settingsOf(ctx, host.id), limits });
  w.type = TO_WEBINAR_TYPE[m.type as MeetingType] ?? w.type;
  // Registration needs a fixed time (no registration for type 6), as for meetings.
  const s = w.data.settings;
  const restrict = Number(s.registrants_restrict_number ?? 0);
  if (!Number.isInteger(restrict) || restrict < 0 || restrict > 20000) throw Errors.validation([{ field: 'settings.registrants_restrict_number', message: 'Invalid field.' }]);
}

export function createSchedulingOperations(deps: ProviderDeps) {
  const urls = { baseUrl: deps.baseUrl };
  const limits = RECURRENCE_LIMITS[deps.recurrenceLimits ?? 'doc'];
  // Kept answers of Get a webinar: dropped when the webinar row changes, and with every user change of the account.
  const answers = deps.readCache('webinar', (c) => (c.kind === 'object' && c.object === 'user' ? { accountId: c.accountId } : undefined));
  // Kept pages of List webinars: made from the host's webinars rows and its user row
  // (licence): any webinar or user of the account changing drops them.
  const pages = deps.readCache('webinars_page', (c) => (c.kind === 'object' && (c.object === 'webinar' || c.object === 'user') ? { accountId: c.accountId } : undefined));

  async function respond(ctx: Context, w: WebinarRecord, extra: { occurrenceId?: string; showPrevious?: boolean } = {}) {
    const host = await hostOf(ctx, w);
    return webinarResponse(w, {
      urls,
      host,
      nowMs: ctx.clock.now(),
      startTtlS: host ? defaultTtl(host) : 7200,
      ...(extra.occurrenceId !== undefined ? { occurrenceId: extra.occurrenceId } : {}),
      ...(extra.showPrevious !== undefined ? { showPreviousOccurrences: extra.showPrevious } : {}),
    });
  }

  return {
    async webinarCreate(input: Input<{ userId: string }, Record<string, never>, WebinarBody>, ctx: Context) {
      const scheduler = await findUser(ctx.db, ctx, input.path.userId);
      let body = input.body;
      const host = await scheduledHost(ctx, scheduler, body.schedule_for, 2);
      checkWebinarHost(ctx, host, true);
      if (body.template_id !== undefined && body.template_id !== '') {
        const [template] = await repo.templatesOf(ctx.db, ctx.account.id, host.id, body.template_id);
        const t = (template ?? (await repo.templatesOf(ctx.db, ctx.account.id, scheduler.id, body.template_id))[0])?.data as WebinarBody | undefined;
        if (!t) throw Errors.validation([{ field: 'template_id', message: 'Invalid parameter: template_id.' }]);
        body = { ...t, ...body, settings: { ...(t.settings ?? {}), ...(body.settings ?? {}) } };
      }
      const hs = await settingsOf(ctx, host.id);
      // A meeting's blank record (number, UUID, secrets, passcode fields), the webinar's own topic and settings.
      const m = blankMeeting(ctx, host, 2, hs);
      const { first_name, last_name } = host.profile;
      const settings = initialWebinarSettings(hs, { name: `${first_name} ${last_name}`.trim() || host.email, email: host.email });
      const w: WebinarRecord = { ...m, type: body.type ?? 5, data: { ...m.data, topic: 'Zoom Webinar', settings } };
      if (host.id !== scheduler.id) w.data.assistant_id = scheduler.id;
      if (body.template_id) w.data.template_id = body.template_id;
      await applyWebinarBody(ctx, w, body, true, host, limits);
      await repo.saveWebinar(ctx.db, ctx.account.id, w, true);
      await ctx.emit('webinar.created', { operation: 'all', object: createdObject(w, urls) });
      return respond(ctx, w);
    },

    async webinar(input: Input<WebinarPath, { occurrence_id?: string; show_previous_occurrences?: boolean }>, ctx: Context) {
      const occurrenceId = input.query.occurrence_id;
      const showPrevious = String(input.query.show_previous_occurrences) === 'true';
      if (occurrenceId || showPrevious) return respond(ctx, await findWebinar(ctx, input.path.webinarId), { ...(occurrenceId ? { occurrenceId } : {}), showPrevious });
      // The plain read is kept, as Get a meeting's is (its start link signed again after a minute).
      const now = ctx.clock.now();
      const { answer, meta } = await answers.readTimed(ctx.account.id, String(input.path.webinarId), now, async () => {
        const w = await findWebinar(ctx, input.path.webinarId);
        return { body: await respond(ctx, w), until: Math.min(now + START_URL_REUSE_MS, answerHoldsUntil(asMeeting(w), now)), meta: { host: w.host_id, assistant: w.data.assistant_id } };
      });
      if (ownWebinarsOnly(ctx) && meta.host !== ctx.actor.userId && meta.assistant !== ctx.actor.userId) throw Errors.noPermission();
      return answer;
    },

    async webinarUpdate(input: Input<WebinarPath, { occurrence_id?: string }, WebinarBody>, ctx: Context) {
      const before = await findWebinar(ctx, input.path.webinarId);
      const w = structuredClone(before);
      const body = input.body;
      let host = await hostOf(ctx, w);
      if (!host) throw Errors.noPermission();
      const occurrenceId = input.query.occurrence_id;
      if (occurrenceId) {
        requireLicence(ctx, host);
        applyOccurrence(asMeeting(w), occurrenceId, asScheduleBody(body));
      } else {
        if (body.schedule_for !== undefined && body.schedule_for.trim() !== '') {
          const actor = ctx.actor.userId ? await findUser(ctx.db, ctx, ctx.actor.userId) : host;
          const target = await scheduledHost(ctx, actor, body.schedule_for, 2);
          if (target.id !== w.host_id) {
            w.host_id = target.id;
            if (actor.id === target.id) delete w.data.assistant_id;
            else w.data.assistant_id = actor.id;
            host = target;
          }
        }
        checkWebinarHost(ctx, host);
        await applyWebinarBody(ctx, w, body, false, host, limits);
      }
      await repo.saveWebinar(ctx.db, ctx.account.id, w);
      const payload = updatedPayload(before, w, urls, ctx.clock.now(), w.type === 9 ? (occurrenceId ? 'single' : 'all') : undefined);
      if (payload) await ctx.emit('webinar.updated', payload);
    },

    async webinarDelete(input: Input<WebinarPath, { occurrence_id?: string; cancel_webinar_reminder?: boolean }>, ctx: Context) {
      const w = await findWebinar(ctx, input.path.webinarId);
      const occurrenceId = input.query.occurrence_id;
      if (occurrenceId) {
        if (w.type !== 9) throw new ZoomError(400, 3000, `Webinar occurrence does not exist: ${occurrenceId}.`);
        const occ = deleteOccurrence(asMeeting(w), occurrenceId);
        await repo.saveWebinar(ctx.db, ctx.account.id, w);
        await ctx.emit('webinar.deleted', { operation: 'single', object: { ...eventWebinar(w), occurrences: [occ] } });
        return;
      }
      // A webinar in progress ends with its deletion (webinar.ended first).
      await endLiveWebinar(ctx, w);
      w.deleted_at = ctx.clock.iso();
      await repo.saveWebinar(ctx.db, ctx.account.id, w);
      await ctx.emit('webinar.deleted', { operation: 'all', object: eventWebinar(w) });
    },

    async webinarStatus(input: Input<WebinarPath, Record<string, never>, { action?: 'end' }>, ctx: Context) {
      const w = await findWebinar(ctx, input.path.webinarId);
      if (input.body.action !== 'end') throw Errors.validation([{ field: 'action', message: 'Missing field.' }]);
      const host = await hostOf(ctx, w);
      if (host) requireLicence(ctx, host);
      await endLiveWebinar(ctx, w);
    },

    async webinars(input: Input<{ userId: string }, { type?: 'scheduled' | 'upcoming' }>, ctx: Context) {
      // Who may read the list was checked before (the privilege rule of the path's user);
      // pages are kept per user the path resolves to (`me` is each caller's own).
      const now = ctx.clock.now();
      const key = `${ctx.resolveMe(input.path.userId)}\n${input.page.key}`;
      const { answer } = await pages.readPageTimed(ctx.account.id, key, now, async () => {
        const user = await findUser(ctx.db, ctx, input.path.userId);
        checkWebinarHost(ctx, user);
        const filter: repo.WebinarListFilter = { hostId: user.id };
        if (input.query.type === 'upcoming') filter.endsAfter = utcString(DateTime.fromMillis(now, { zone: 'utc' }));
        const total = await input.page.total(() => repo.countWebinars(ctx.db, ctx.account.id, filter));
        const { items, last } = await repo.listWebinarEntries(ctx.db, ctx.account.id, filter, input.page);
        const body = input.page.respondText(total, 'webinars', items.map((t) => t.replace(LIST_BASE, urls.baseUrl)), last);
        // Upcoming webinars change when one of the host's webinars ends.
        const until = filter.endsAfter === undefined ? Infinity : await nextListEnd(ctx.db, 'webinars', ctx.account.id, user.id, filter.endsAfter);
        return { body, until, meta: null };
      });
      return answer;
    },
  };
}
