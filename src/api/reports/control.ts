// POST /_openzoom/activities: a user signs in or out on a client (what the
// sign-in/sign-out activity report lists). Only a client does this, so it is a
// control-plane action, as joins and chat messages are.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock.ts';
import { Errors } from '../../core/errors.ts';
import { readBody } from '../../control/schemas.ts';
import type { Db } from '../../storage/db.ts';
import { getAccount } from '../../tenancy/repository.ts';
import { getUser } from '../users/repository.ts';
import { addActivity } from './repository.ts';

const text = (max: number) => ({ type: 'string', maxLength: max });
const ACTIVITY = {
  type: 'object',
  additionalProperties: false,
  required: ['account_id', 'user_id', 'type'],
  properties: {
    account_id: { type: 'string', minLength: 1, maxLength: 64 },
    user_id: { type: 'string', minLength: 1, maxLength: 64 },
    type: { enum: ['Sign in', 'Sign out'] },
    client_type: text(64),
    version: text(64),
    ip_address: text(64),
  },
};

export function registerActivityControl(c: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  c.post('/activities', async (req, reply) => {
    const body = readBody<{ account_id: string; user_id: string; type: string; client_type?: string; version?: string; ip_address?: string }>(req, ACTIVITY);
    if (!(await getAccount(deps.db, body.account_id))) throw Errors.accountNotFound(body.account_id);
    const row = await deps.db.transaction(async (tx) => {
      const user = await getUser(tx, body.account_id, body.user_id);
      if (!user) throw Errors.userNotFound(body.user_id);
      return addActivity(tx, body.account_id, {
        user_id: user.id,
        email: user.email,
        type: body.type,
        client_type: body.client_type ?? 'Browser',
        version: body.version ?? '',
        ip_address: body.ip_address ?? '',
        time: deps.clock.iso(),
      });
    });
    return reply.code(201).send({ ...row, time: `${row.time.slice(0, 19)}Z` });
  });
}
