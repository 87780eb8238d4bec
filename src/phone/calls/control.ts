// Zoom Phone calls on the control plane: what only phones and callers do.
//   POST  /_openzoom/phone/calls                      place a call (with each end's device and network: `qos`); answers {call_id}
//   GET   /_openzoom/phone/calls/{callId}?account_id=  where the call is (its plan and steps done)
//   PATCH /_openzoom/phone/call_queues/{id}            a queue's distribution type, ring time and recording
//   PATCH /_openzoom/phone/auto_receptionists/{id}     an auto receptionist's business hours and where it routes
// A call moves with the server clock: steps due are emitted after every move
// of the clock and every few seconds while it runs.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { Errors, ZoomError } from '../../core/errors.ts';
import type { Db } from '../../storage/db.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { readBody, readQuery } from '../../control/schemas.ts';
import { DISTRIBUTIONS, defaultData, type GroupKind, type PhoneGroup } from '../groups/model.ts';
import * as groups from '../groups/repository.ts';
import * as phone from '../repository.ts';
import { placeCall, settle, settleDue, type PlaceCall } from './engine.ts';
import { stepsOf } from './model.ts';
import { CALL_QOS_BODY } from './qos.ts';
import * as repo from './repository.ts';

const id = { type: 'string', minLength: 1, maxLength: 128 };
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });
const target = closed({ type: { enum: ['user', 'callQueue', 'sharedLineGroup', 'voicemail'] }, id }, ['type']);
const hhmm = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' };

export const PHONE_BODIES = {
  call: closed(
    {
      account_id: id,
      from: id,
      to: id,
      outcome: { enum: ['answered', 'missed', 'voicemail', 'rejected'] },
      duration_seconds: { type: 'integer', minimum: 1, maximum: 86_400 },
      hold_seconds: { type: 'integer', minimum: 1, maximum: 86_400 },
      record: { type: 'boolean' },
      transfer_to: id,
      transfer_duration_seconds: { type: 'integer', minimum: 1, maximum: 86_400 },
      qos: CALL_QOS_BODY,
    },
    ['account_id', 'from', 'to', 'outcome'],
  ),
  account: closed({ account_id: id }, ['account_id']),
  queue: closed(
    {
      account_id: id,
      distribution: { enum: [...DISTRIBUTIONS] },
      ring_seconds: { type: 'integer', minimum: 5, maximum: 300 },
      record: { type: 'boolean' },
    },
    ['account_id'],
  ),
  receptionist: closed(
    {
      account_id: id,
      business_hours: closed({ days: { type: 'array', maxItems: 7, uniqueItems: true, items: { type: 'integer', minimum: 0, maximum: 6 } }, from: hhmm, to: hhmm }, ['days', 'from', 'to']),
      business_target: target,
      closed_target: target,
    },
    ['account_id'],
  ),
};

export interface PhoneControlDeps {
  db: Db;
  clock: Clock;
  baseUrl: string;
}

const SWEEP_MS = 5_000;

async function phoneAccount(db: Db, accountId: string) {
  const account = await getAccount(db, accountId);
  if (!account) throw Errors.accountNotFound(accountId);
  if (!account.data.addons?.phone) throw new ZoomError(400, 200, 'Zoom Phone is not enabled for this account.');
  return account;
}

export function registerPhoneControl(c: FastifyInstance, deps: PhoneControlDeps): { settleDue(): Promise<number> } {
  const sweep = () => settleDue(deps.db, deps.clock.now(), deps.baseUrl);
  const timer = setInterval(() => void sweep().catch(() => undefined), SWEEP_MS);
  timer.unref();
  c.addHook('onClose', async () => clearInterval(timer));

  c.post('/phone/calls', async (req, reply) => {
    const body = readBody<PlaceCall & { account_id: string }>(req, PHONE_BODIES.call);
    await phoneAccount(deps.db, body.account_id);
    const plan = await deps.db.transaction((tx) => placeCall({ db: tx, accountId: body.account_id, now: deps.clock.now(), baseUrl: deps.baseUrl }, body), body.account_id);
    return reply.code(201).send({ call_id: plan.id });
  });

  c.get<{ Params: { callId: string } }>('/phone/calls/:callId', async (req) => {
    const q = readQuery<{ account_id: string }>(req, PHONE_BODIES.account);
    await phoneAccount(deps.db, q.account_id);
    const found = await deps.db.transaction(async (tx) => {
      const call = await repo.getCall(tx, q.account_id, req.params.callId);
      if (!call) return undefined;
      const next = await settle({ db: tx, accountId: q.account_id, now: deps.clock.now(), baseUrl: deps.baseUrl }, call.plan);
      await repo.saveCall(tx, q.account_id, call.plan, next);
      return call.plan;
    }, q.account_id);
    if (!found) throw new ZoomError(404, 404, `Call does not exist: ${req.params.callId}.`);
    const steps = stepsOf(found);
    return {
      call_id: found.id,
      status: found.done >= steps.length ? 'ended' : found.answer && found.answer.at_ms <= deps.clock.now() ? 'connected' : 'ringing',
      outcome: found.outcome,
      from: found.caller,
      to: found.callee,
      ...(found.routed_to ? { routed_to: found.routed_to } : {}),
      rang: found.legs.map((l) => ({ ...l.party, ring_time: deps.clock.iso(l.ring_ms), result: l.result })),
      start_time: deps.clock.iso(found.start_ms),
      end_time: deps.clock.iso(found.end_ms),
      recorded: found.record,
    };
  });

  const configure = (kind: GroupKind, path: string, schema: Record<string, unknown>) =>
    c.patch<{ Params: { id: string } }>(path, async (req) => {
      const body = readBody<Record<string, unknown> & { account_id: string }>(req, schema);
      const account = await phoneAccount(deps.db, body.account_id);
      return deps.db.transaction(async (tx) => {
        let g: PhoneGroup | undefined = await groups.getGroup(tx, account.id, kind, req.params.id);
        let fresh = false;
        if (!g && kind === 'autoReceptionist') {
          // A site's main auto receptionist, known to the directory only until its first change.
          const ext = await phone.getExtensionOf(tx, account.id, kind, req.params.id);
          if (ext) {
            g = { id: req.params.id, kind, extension_number: ext.extension_number, site_id: ext.site_id, name: ext.name, created_at: deps.clock.iso(), data: defaultData(kind, ext.extension_id, account.data.timezone ?? 'America/Los_Angeles') };
            fresh = true;
          }
        }
        if (!g) throw new ZoomError(404, 404, `${kind === 'callQueue' ? 'Call queue' : 'Auto receptionist'} does not exist: ${req.params.id}.`);
        for (const t of ['business_target', 'closed_target'] as const) {
          const to = body[t] as { type: string; id?: string } | undefined;
          if (to && to.type !== 'voicemail' && !(to.id && (await phone.getExtensionOf(tx, account.id, to.type as GroupKind | 'user', to.id)))) {
            throw Errors.validation([{ field: `${t}.id`, message: 'Invalid field.' }]);
          }
        }
        const { account_id: _a, ...changes } = body;
        const next: PhoneGroup = { ...g, data: { ...g.data, ...changes } };
        if (fresh) await groups.insertGroup(tx, account.id, next);
        else await groups.updateGroup(tx, account.id, next);
        const { extension_id: _e, ...settings } = next.data;
        return { id: next.id, ...settings };
      }, account.id);
    });
  configure('callQueue', '/phone/call_queues/:id', PHONE_BODIES.queue);
  configure('autoReceptionist', '/phone/auto_receptionists/:id', PHONE_BODIES.receptionist);

  return { settleDue: sweep };
}
