// Registrant operations of a meeting or webinar, written once: add (one, or a
// batch of ≤30), get, list by status and occurrence, status updates (approve,
// deny, cancel), delete, and the registration questions. Each category gives
// its owner: how the path's session is found, its occurrences, its errors and
// the shapes its events take.
import { Errors, type ZoomError } from '../../core/errors.ts';
import { secret, zoomId } from '../../core/ids.ts';
import type { Context } from '../../core/provider.ts';
import type { Page } from '../../core/pagination.ts';
import type { Doc } from '../../api/settings/model.ts';
import { firstAvailable, type Occurrence } from '../recurrence/occurrences.ts';
import * as model from './model.ts';
import * as rrepo from './repository.ts';

/** What the operations read of a meeting or webinar record. */
export interface RegistrationSession {
  id: string;
  type: number;
  data: { topic: string; start_time: string | null; duration: number; settings: Doc; registration?: model.Questions; embed_password: boolean; encrypted_password: string };
}

export type RegistrantEvent = 'created' | 'approved' | 'denied' | 'cancelled';

export interface RegistrantOwner<T extends RegistrationSession> {
  kind: model.OwnerKind;
  find(ctx: Context, raw: string): Promise<T>;
  /** Recurring with fixed times (meeting type 8, webinar type 9). */
  recurring(o: T): boolean;
  /** The only type batch registration takes (2, 5). */
  batchType: number;
  occurrences(o: T): Occurrence[];
  registrationOn(o: T): boolean;
  /** The most registrants it takes. */
  capacity(ctx: Context, o: T): Promise<number>;
  save(ctx: Context, o: T): Promise<void>;
  /** Zoom's errors, in the owner's words. */
  errors: { notEnabled(o: T, batch?: boolean): ZoomError; full(): ZoomError; over(): ZoomError; registrantInvalid(id: string): ZoomError; batchType(): ZoomError };
  /** The event's object (`registrant` is added) and the registrant as each event shows it. */
  eventObject(o: T): Doc;
  eventRegistrant(r: model.RegistrantRecord, event: RegistrantEvent, joinUrl: string): Doc;
  /** Whether answers carry the registrant's PIN (meetings). */
  pin: boolean;
  /** Called before a new registrant is stored (a webinar's host may not register …). */
  beforeRegister?(ctx: Context, o: T, fields: model.RegistrantFields): Promise<void>;
}

type RegistrantBody = Record<string, unknown> & { auto_approve?: boolean };

export function registrantOperations<T extends RegistrationSession>(owner: RegistrantOwner<T>, baseUrl: string) {
  const { kind, errors } = owner;
  const pwd = (o: T) => (o.data.embed_password ? o.data.encrypted_password : '');
  const joinUrl = (o: T, r: model.RegistrantRecord) => model.registrantJoinUrl(baseUrl, o.id, r, pwd(o));
  const questionsOf = (o: T): model.Questions => o.data.registration ?? model.emptyQuestions();
  const emit = (ctx: Context, o: T, r: model.RegistrantRecord, event: RegistrantEvent) =>
    ctx.emit(`${kind}.registration_${event}`, { object: { ...owner.eventObject(o), registrant: owner.eventRegistrant(r, event, joinUrl(o, r)) } });

  /** Registration closes when the session (every occurrence of a series) is over. */
  function checkNotOver(o: T, nowMs: number): void {
    if (owner.recurring(o)) {
      if (!firstAvailable(owner.occurrences(o), nowMs)) throw errors.over();
    } else if (o.data.start_time && Date.parse(o.data.start_time) + o.data.duration * 60_000 < nowMs) throw errors.over();
  }

  /** The occurrences a registration covers: all (registration_type 1), else the ones asked for (one only for type 2), else the next one. */
  function registeredOccurrences(o: T, asked: string | undefined, nowMs: number): string[] {
    if (!owner.recurring(o) || o.data.settings.registration_type === 1) return [];
    const all = owner.occurrences(o).filter((x) => x.status === 'available');
    const ids = (asked ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length === 0) {
      const next = firstAvailable(all, nowMs);
      return next ? [next.occurrence_id] : [];
    }
    if (ids.some((id) => !all.some((x) => x.occurrence_id === id))) throw Errors.validation([{ field: 'occurrence_ids', message: 'Invalid parameter: occurrence_ids.' }]);
    if (ids.length > 1 && o.data.settings.registration_type !== 3) {
      throw Errors.validation([{ field: 'occurrence_ids', message: 'Registering for several occurrences needs registration_type 3.' }]);
    }
    return [...new Set(ids)];
  }

  /** Adds one registrant (or answers the one already registered with that email). */
  async function register(ctx: Context, o: T, body: RegistrantBody, occurrenceIds: string[], source?: model.TrackingSourceRef): Promise<model.RegistrantRecord> {
    const fields = model.fieldsOf(body);
    const problems = model.checkAnswers(questionsOf(o), fields);
    if (problems.length > 0) throw Errors.validation(problems);
    const existing = await rrepo.getRegistrantByEmail(ctx.db, ctx.account.id, kind, o.id, fields.email);
    if (existing) return existing;
    await owner.beforeRegister?.(ctx, o, fields);
    if ((await rrepo.countRegistrants(ctx.db, ctx.account.id, kind, o.id)) >= (await owner.capacity(ctx, o))) throw errors.full();
    // approval_type 0 approves at once; 1 waits for the host unless the API asks to auto-approve.
    const approved = o.data.settings.approval_type === 0 || body.auto_approve === true;
    const r: model.RegistrantRecord = {
      id: zoomId(),
      owner_kind: kind,
      owner_id: o.id,
      email: fields.email.toLowerCase(),
      status: approved ? 'approved' : 'pending',
      // Milliseconds keep the order of registration in lists.
      created_at: ctx.clock.iso(),
      occurrence_ids: occurrenceIds,
      join_token: secret(43),
      data: { ...fields, participant_pin_code: model.pinCode(), ...(source ? { tracking_source: source } : {}) },
    };
    await rrepo.insertRegistrant(ctx.db, ctx.account.id, r);
    await emit(ctx, o, r, 'created');
    return r;
  }

  const withPin = (r: model.RegistrantRecord) => (owner.pin ? { participant_pin_code: r.data.participant_pin_code } : {});
  const response = (o: T, r: model.RegistrantRecord) => {
    const out = model.registrantResponse(r, joinUrl(o, r));
    if (!owner.pin) delete out.participant_pin_code;
    return out;
  };
  const checkBatch = (entries: unknown[]) => {
    if (entries.length === 0) throw Errors.validation([{ field: 'registrants', message: 'Missing field.' }]);
    if (entries.length > model.MAX_BATCH) throw Errors.validation([{ field: 'registrants', message: `At most ${model.MAX_BATCH} registrants per request.` }]);
  };

  return {
    register,

    async list(raw: string, query: { status?: model.RegistrantStatus; occurrence_id?: string; tracking_source_id?: string }, page: Page, ctx: Context) {
      const o = await owner.find(ctx, raw);
      const filter: rrepo.RegistrantFilter = { status: query.status ?? 'approved' };
      if (query.occurrence_id) filter.occurrenceId = query.occurrence_id;
      if (query.tracking_source_id) filter.trackingSourceId = query.tracking_source_id;
      const total = await page.total(() => rrepo.countRegistrants(ctx.db, ctx.account.id, kind, o.id, filter));
      const { registrants, last } = await rrepo.listRegistrants(ctx.db, ctx.account.id, kind, o.id, filter, page);
      return page.respond(total, { registrants: registrants.map((r) => response(o, r)) }, last);
    },

    async create(raw: string, occurrenceIds: string | undefined, body: RegistrantBody, ctx: Context, source?: model.TrackingSourceRef) {
      const o = await owner.find(ctx, raw);
      if (!owner.registrationOn(o)) throw errors.notEnabled(o);
      const now = ctx.clock.now();
      checkNotOver(o, now);
      const r = await register(ctx, o, body, registeredOccurrences(o, occurrenceIds, now), source);
      const occ = owner.occurrences(o).filter((x) => r.occurrence_ids.length === 0 || r.occurrence_ids.includes(x.occurrence_id));
      const start = owner.recurring(o) ? (firstAvailable(occ, now) ?? occ[0])?.start_time : o.data.start_time;
      return {
        id: Number(o.id),
        join_url: joinUrl(o, r),
        registrant_id: r.id,
        ...(start ? { start_time: start } : {}),
        topic: o.data.topic,
        ...(owner.recurring(o) ? { occurrences: occ } : {}),
        ...withPin(r),
      };
    },

    async get(raw: string, registrantId: string, ctx: Context) {
      const o = await owner.find(ctx, raw);
      const r = await rrepo.getRegistrant(ctx.db, ctx.account.id, kind, o.id, registrantId);
      if (!r) throw errors.registrantInvalid(registrantId);
      return response(o, r);
    },

    async batch(raw: string, body: { auto_approve?: boolean; registrants?: RegistrantBody[] }, ctx: Context) {
      const o = await owner.find(ctx, raw);
      if (o.type !== owner.batchType) throw errors.batchType();
      if (!owner.registrationOn(o)) throw errors.notEnabled(o, true);
      checkNotOver(o, ctx.clock.now());
      const entries = body.registrants ?? [];
      checkBatch(entries);
      const out: Array<Record<string, unknown>> = [];
      for (const entry of entries) {
        const r = await register(ctx, o, { ...entry, auto_approve: body.auto_approve === true }, []);
        out.push({ email: r.email, join_url: joinUrl(o, r), registrant_id: r.id, ...withPin(r) });
      }
      return { registrants: out };
    },

    async status(raw: string, body: { action: 'approve' | 'deny' | 'cancel'; registrants?: Array<{ id?: string; email?: string }> }, ctx: Context) {
      const o = await owner.find(ctx, raw);
      const entries = body.registrants ?? [];
      checkBatch(entries);
      const action = body.action;
      const changes: model.RegistrantRecord[] = [];
      for (const e of entries) {
        const r = e.id
          ? await rrepo.getRegistrant(ctx.db, ctx.account.id, kind, o.id, e.id)
          : e.email
            ? await rrepo.getRegistrantByEmail(ctx.db, ctx.account.id, kind, o.id, e.email)
            : undefined;
        if (!r) throw errors.registrantInvalid(e.id ?? e.email ?? '');
        const next = model.nextStatus(r, action);
        if (next === null) throw Errors.badRequest(`Registrant ${r.id} cannot be ${action === 'approve' ? 'approved' : action === 'deny' ? 'denied' : 'cancelled'}: its status is ${r.status}.`);
        r.status = next;
        if (action === 'cancel') r.data.cancelled = true;
        if (action === 'approve') delete r.data.cancelled;
        changes.push(r);
      }
      const event: RegistrantEvent = action === 'approve' ? 'approved' : action === 'deny' ? 'denied' : 'cancelled';
      for (const r of changes) {
        await rrepo.updateRegistrant(ctx.db, ctx.account.id, r);
        await emit(ctx, o, r, event);
      }
    },

    async remove(raw: string, registrantId: string, occurrenceId: string | undefined, ctx: Context) {
      const o = await owner.find(ctx, raw);
      if (!owner.registrationOn(o)) throw errors.notEnabled(o);
      const r = await rrepo.getRegistrant(ctx.db, ctx.account.id, kind, o.id, registrantId);
      if (!r) throw errors.registrantInvalid(registrantId);
      if (occurrenceId && owner.recurring(o)) {
        const all = owner.occurrences(o).filter((x) => x.status === 'available').map((x) => x.occurrence_id);
        const mine = r.occurrence_ids.length === 0 ? all : r.occurrence_ids;
        if (!mine.includes(occurrenceId)) throw Errors.validation([{ field: 'occurrence_id', message: 'Invalid parameter: occurrence_id.' }]);
        r.occurrence_ids = mine.filter((id) => id !== occurrenceId);
        if (r.occurrence_ids.length > 0) return rrepo.updateRegistrant(ctx.db, ctx.account.id, r);
      }
      await rrepo.deleteRegistrant(ctx.db, ctx.account.id, r.id);
    },

    async questions(raw: string, ctx: Context) {
      return questionsOf(await owner.find(ctx, raw));
    },

    async updateQuestions(raw: string, body: Partial<model.Questions>, ctx: Context) {
      const o = await owner.find(ctx, raw);
      const problems = model.checkQuestions(body);
      if (problems.length > 0) throw Errors.validation(problems);
      const q = questionsOf(o);
      o.data.registration = {
        questions: (body.questions ?? q.questions).map((x) => ({ field_name: x.field_name, required: x.required === true })),
        custom_questions: (body.custom_questions ?? q.custom_questions).map((c) => ({
          title: c.title,
          type: c.type,
          required: c.required === true,
          ...(c.type !== 'short' ? { answers: c.answers ?? [] } : {}),
        })),
      };
      await owner.save(ctx, o);
    },
  };
}
