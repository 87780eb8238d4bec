// Tracking sources: registration links the host shares on other platforms,
// counting the visitors and registrations each brings (Get webinar tracking
// sources lists them). Zoom makes them in its web portal and counts them on its
// registration page; here the control plane does both:
//   POST /_openzoom/webinars/{id}/tracking_sources {source_name}
//   POST /_openzoom/webinars/{id}/tracking_sources/{sourceId}/visits
//   POST /_openzoom/webinars/{id}/tracking_sources/{sourceId}/registrants {first_name, email, …}
import type { Context } from '../../core/provider.ts';
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import { readBody } from '../../control/schemas.ts';
import type { KindRoutes } from '../../live/control.ts';
import type { LiveTx } from '../../live/engine.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { registrationOn, type TrackingSource, type WebinarRecord } from './model.ts';
import { webinarRegistrants } from './registrants.ts';
import * as repo from './repository.ts';

const closed = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', additionalProperties: false, properties, required });
const SOURCE_BODY = closed({ source_name: { type: 'string', minLength: 1, maxLength: 64, pattern: '\\S' } }, ['source_name']);
const text = { type: 'string', maxLength: 256 };
const REGISTRANT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['first_name', 'email'],
  properties: {
    first_name: { type: 'string', minLength: 1, maxLength: 64 },
    last_name: { type: 'string', maxLength: 64 },
    email: { type: 'string', format: 'email', maxLength: 128 },
    ...Object.fromEntries(['address', 'city', 'state', 'zip', 'country', 'phone', 'comments', 'industry', 'job_title', 'org', 'no_of_employees', 'purchasing_time_frame', 'role_in_purchase_process'].map((k) => [k, text])),
    custom_questions: { type: 'array', maxItems: 50, items: closed({ title: text, value: text }, ['title', 'value']) },
  },
};

/** A write context for the API's registrant operations, acting as the server (no token, no operator). */
async function serverContext(t: LiveTx, r: KindRoutes, accountId: string): Promise<Context> {
  const account = await getAccount(t.db, accountId);
  if (!account) throw Errors.accountNotFound(accountId);
  return { account, actor: { clientId: '', accountId, userId: null, scopes: new Set() }, db: t.db, clock: r.deps.clock, resolveMe: (id) => id, emit: (e, p) => t.emit(e, p) };
}

async function sourceOf(t: LiveTx, accountId: string, webinarId: string, sourceId?: string): Promise<{ w: WebinarRecord; source?: TrackingSource }> {
  const w = await repo.getWebinar(t.db, accountId, webinarId);
  if (!w) throw new ZoomError(404, 3001, `Webinar does not exist: ${webinarId}.`);
  if (!registrationOn(w)) throw Errors.liveConflict(`Webinar ${w.id} has no registration: tracking sources need it.`);
  if (sourceId === undefined) return { w };
  const source = (w.data.tracking_sources ?? []).find((s) => s.id === sourceId);
  if (!source) throw Errors.liveConflict(`Tracking source ${sourceId} is not a source of webinar ${w.id}.`);
  return { w, source };
}

export function trackingRoutes(r: KindRoutes): void {
  const { c, base, act } = r;
  type P = { id: string; sourceId: string };
  c.post<{ Params: { id: string } }>(`${base}/tracking_sources`, async (req, reply) => {
    const body = readBody<{ source_name: string }>(req, SOURCE_BODY);
    const source = await act(req.params.id, async (t, session) => {
      const { w } = await sourceOf(t, session.accountId, session.id);
      const id = zoomId();
      const s: TrackingSource = { id, source_name: body.source_name, tracking_url: `${r.deps.baseUrl ?? ''}/webinar/register/${id}/WN_${w.id}`, visitor_count: 0, registration_count: 0 };
      w.data.tracking_sources = [...(w.data.tracking_sources ?? []), s];
      await repo.saveWebinar(t.db, session.accountId, w);
      return s;
    });
    return reply.code(201).send(source);
  });

  /** Counts on the source: a visit, or a registration (which is a visit too). */
  const count = async (t: LiveTx, accountId: string, w: WebinarRecord, id: string, registered: boolean) => {
    const fresh = (await repo.getWebinar(t.db, accountId, w.id))!;
    const s = fresh.data.tracking_sources!.find((x) => x.id === id)!;
    s.visitor_count++;
    if (registered) s.registration_count++;
    await repo.saveWebinar(t.db, accountId, fresh);
    return s;
  };

  c.post<{ Params: P }>(`${base}/tracking_sources/:sourceId/visits`, async (req) => {
    readBody(req, closed({}, []));
    return act(req.params.id, async (t, session) => {
      const { w } = await sourceOf(t, session.accountId, session.id, req.params.sourceId);
      return count(t, session.accountId, w, req.params.sourceId, false);
    });
  });

  c.post<{ Params: P }>(`${base}/tracking_sources/:sourceId/registrants`, async (req, reply) => {
    const body = readBody<Record<string, unknown>>(req, REGISTRANT_BODY);
    const out = await act(req.params.id, async (t, session) => {
      const { w, source } = await sourceOf(t, session.accountId, session.id, req.params.sourceId);
      const ctx = await serverContext(t, r, session.accountId);
      const created = await webinarRegistrants(r.deps.baseUrl ?? '').create(w.id, undefined, body, ctx, { id: source!.id, source_name: source!.source_name, tracking_url: source!.tracking_url });
      await count(t, session.accountId, w, source!.id, true);
      return created;
    });
    return reply.code(201).send(out);
  });
}
