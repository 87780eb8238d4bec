// A webinar's extras: templates, invite links, the closed caption token, the
// survey, live stream settings and status, tracking sources. What meetings share
// is src/shared/extras; starting and stopping a stream is the live side's.
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { addInviteLinks, applySurvey, captionToken, setStream, streamView, surveyView, type InviteAttendee, type StreamSettings, type SurveyBody } from '../../shared/extras/extras.ts';
import { getPath, type Doc } from '../settings/model.ts';
import { findUser } from '../users/lookup.ts';
import { settingsOf } from '../meetings/access.ts';
import { livestream, type StreamView } from '../../live/livestream.ts';
import { settle } from '../../live/engine.ts';
import { liveTx } from '../../live/meetings.ts';
import { webinarAdapter } from '../../live/webinars.ts';
import * as live from '../../live/repository.ts';
import { checkWebinarHost, findLicensedWebinar, webinarKey } from './access.ts';
import { joinUrl, registrationOn, type WebinarRecord } from './model.ts';
import * as repo from './repository.ts';

type WebinarPath = { webinarId: string };

/** Zoom: up to 40 webinar templates per user. */
const MAX_TEMPLATES = 40;

const surveyDisabled = () =>
  new ZoomError(400, 3000, 'Webinar survey disabled. To enable this feature, enable the "Webinar Survey" setting in the Zoom web portal\'s "Settings" interface.');

export function createExtraOperations(deps: ProviderDeps) {
  const urls = { baseUrl: deps.baseUrl };
  const save = (ctx: Context, w: WebinarRecord) => repo.saveWebinar(ctx.db, ctx.account.id, w);

  async function surveyWebinar(ctx: Context, raw: string): Promise<WebinarRecord> {
    const { w } = await findLicensedWebinar(ctx, raw);
    const { settings } = await settingsOf(ctx, w.host_id);
    if (getPath(settings, 'in_meeting.webinar_survey') === false) throw surveyDisabled();
    return w;
  }

  return {
    async webinarInviteLinksCreate(input: Input<WebinarPath, Record<string, never>, { attendees?: InviteAttendee[]; ttl?: number }>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      const out = addInviteLinks(w.data, input.body.attendees ?? [], input.body.ttl, ctx.clock.now(), joinUrl(w, urls));
      await save(ctx, w);
      return out;
    },

    async webinarToken(input: Input<WebinarPath, { type?: string }>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      return captionToken(w.data, w.id, w.host_id, ctx.clock.now(), deps.baseUrl);
    },

    async listWebinarTemplates(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      checkWebinarHost(ctx, user);
      const templates = await repo.templatesOf(ctx.db, ctx.account.id, user.id);
      return { total_records: templates.length, templates: templates.map((t) => ({ id: t.id, name: t.name, type: 1 })) };
    },

    async webinarTemplateCreate(input: Input<{ userId: string }, Record<string, never>, { webinar_id?: number; name?: string; save_recurrence?: boolean; overwrite?: boolean }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      checkWebinarHost(ctx, user);
      const id = webinarKey(input.body.webinar_id);
      const w = id === '' ? undefined : await repo.getWebinar(ctx.db, ctx.account.id, id);
      if (!w || w.host_id !== user.id) throw new ZoomError(400, 3000, 'Cannot access meeting info.');
      const name = (input.body.name ?? '').trim();
      if (name === '') throw Errors.validation([{ field: 'name', message: 'Missing field.' }]);
      const templates = await repo.templatesOf(ctx.db, ctx.account.id, user.id);
      const existing = templates.find((t) => t.name === name);
      if (existing && input.body.overwrite !== true) throw new ZoomError(400, 3000, `Webinar template name already exists: ${name}.`);
      if (!existing && templates.length >= MAX_TEMPLATES) throw new ZoomError(400, 300, `You can only create up to ${MAX_TEMPLATES} webinar templates.`);
      // What a webinar made from the template starts with: its settings, length and agenda; its recurrence when asked.
      const { alternative_hosts: _alt, contact_name: _n, contact_email: _e, ...settings } = w.data.settings;
      const data: Doc = { duration: w.data.duration, agenda: w.data.agenda, settings };
      if (input.body.save_recurrence === true && w.type === 9 && w.data.recurrence) Object.assign(data, { type: 9, recurrence: w.data.recurrence });
      if (existing) await repo.deleteTemplate(ctx.db, ctx.account.id, existing.id);
      const t = { id: existing?.id ?? zoomId(), user_id: user.id, name, created_at: ctx.clock.iso(), data };
      await repo.insertTemplate(ctx.db, ctx.account.id, t);
      return { id: t.id, name: t.name };
    },

    async webinarSurveyGet(input: Input<WebinarPath>, ctx: Context) {
      return surveyView((await surveyWebinar(ctx, input.path.webinarId)).data);
    },

    async webinarSurveyUpdate(input: Input<WebinarPath, Record<string, never>, SurveyBody>, ctx: Context) {
      const w = await surveyWebinar(ctx, input.path.webinarId);
      applySurvey(w.data, input.body);
      await save(ctx, w);
    },

    async webinarSurveyDelete(input: Input<WebinarPath>, ctx: Context) {
      const w = await surveyWebinar(ctx, input.path.webinarId);
      delete w.data.survey;
      await save(ctx, w);
    },

    async getWebinarLiveStreamDetails(input: Input<WebinarPath>, ctx: Context) {
      return streamView((await findLicensedWebinar(ctx, input.path.webinarId)).w.data);
    },

    async webinarLiveStreamUpdate(input: Input<WebinarPath, Record<string, never>, StreamSettings>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      setStream(w.data, input.body);
      await save(ctx, w);
    },

    /** Start, stop or change the view of the webinar's stream to its custom service while it is live. */
    async webinarLiveStreamStatusUpdate(input: Input<WebinarPath, Record<string, never>, { action?: 'start' | 'stop' | 'mode'; settings?: StreamView }>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      const target = w.data.livestream;
      if (!target?.stream_url || !target.stream_key) throw new ZoomError(400, 3000, 'The current webinar is not configured with a custom streaming service.');
      const t = liveTx(ctx);
      const current = await live.liveInstance(ctx.db, ctx.account.id, 'webinar', w.id);
      const i = current && (await settle(t, webinarAdapter, current));
      if (!i || i.status !== 'live') throw new ZoomError(400, 4927, `Webinar ${w.id} has not started.`);
      await livestream(t, i, input.body.action ?? 'start', target, input.body.settings ?? {});
    },

    /** The registration links the host shared, with the visitors and registrations each brought (registration required). */
    async getTrackingSources(input: Input<WebinarPath>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      if (!registrationOn(w)) throw new ZoomError(400, 3000, `Registration has not been enabled for this webinar: ${w.id}.`);
      const sources = w.data.tracking_sources ?? [];
      return { total_records: sources.length, tracking_sources: sources };
    },
  };
}
