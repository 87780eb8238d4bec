// Uploaded files served back: a user's pic_url points here. Public like
// Zoom's picture URLs; the unguessable file id is the only key.
import type { FastifyInstance } from 'fastify';
import { Errors } from '../../core/errors.ts';
import { sendError } from '../../core/pipeline.ts';
import type { Queryable } from '../../storage/db.ts';
import { getUser } from '../users/repository.ts';
import { extensionOf } from './model.ts';
import { getFileContent } from './repository.ts';

export function registerFileRoutes(app: FastifyInstance, db: Queryable): void {
  app.get<{ Params: { accountId: string; ownerId: string; file: string } }>('/p/:accountId/:ownerId/:file', async (req, reply) => {
    const { accountId, ownerId, file } = req.params;
    const dot = file.lastIndexOf('.');
    const id = dot < 0 ? file : file.slice(0, dot);
    const f = await getFileContent(db, accountId, id);
    if (!f || f.owner_id !== ownerId || (dot >= 0 && file.slice(dot + 1) !== extensionOf(f.mimetype))) {
      return sendError(reply, Errors.endpointNotRecognized());
    }
    // A deleted user's files are not served, even before they are cleaned up.
    if ((f.owner_type === 'picture' || f.owner_type === 'vb_user') && !(await getUser(db, accountId, ownerId))) {
      return sendError(reply, Errors.endpointNotRecognized());
    }
    // The stored type is what the bytes were checked to be; nosniff keeps browsers from guessing another.
    reply.header('content-type', f.mimetype).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=86400').send(f.data);
  });
}
