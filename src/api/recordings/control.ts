// The control plane's recording switches: archiving per account (Zoom enables
// it for an account on request; `List archived files` answers for accounts
// that have it), and a sweep on demand.
import type { FastifyInstance } from 'fastify';
import { Errors } from '../../core/errors.ts';
import type { Db } from '../../storage/db.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { readBody, readQuery } from '../../control/schemas.ts';
import type { RecordingWork } from './processing.ts';
import * as repo from './repository.ts';

const NONE = { type: 'object', additionalProperties: false, properties: {} };
const ARCHIVING_BODY = { type: 'object', additionalProperties: false, required: ['enabled'], properties: { enabled: { type: 'boolean' } } };

export function registerRecordingControl(c: FastifyInstance, deps: { db: Db; work: RecordingWork }): void {
  c.put<{ Params: { accountId: string } }>('/accounts/:accountId/archiving', async (req) => {
    const body = readBody<{ enabled: boolean }>(req, ARCHIVING_BODY);
    const accountId = req.params.accountId;
    await deps.db.transaction(async (tx) => {
      if (!(await getAccount(tx, accountId))) throw Errors.accountNotFound(accountId);
      await repo.setArchiving(tx, accountId, body.enabled);
    }, accountId);
    return { account_id: accountId, archiving: body.enabled };
  });
  c.get<{ Params: { accountId: string } }>('/accounts/:accountId/archiving', async (req) => {
    readQuery(req, NONE);
    const accountId = req.params.accountId;
    if (!(await getAccount(deps.db, accountId))) throw Errors.accountNotFound(accountId);
    return { account_id: accountId, archiving: await repo.archivingEnabled(deps.db, accountId) };
  });
  // Processing, purge and collection now (they also run after every clock move and every few seconds).
  c.post('/recordings/sweep', async (req) => {
    readBody(req, NONE);
    return { processed: await deps.work.sweep() };
  });
}
