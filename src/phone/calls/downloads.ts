// Downloading a call recording or a voicemail, at the URLs their objects give
// (Zoom's shape: /v2/phone/recording/download/{id}, /v2/phone/voice_mails/download/{id}),
// with the account's bearer token as Zoom asks. The audio is an MP3 of the
// recording's length made when asked (src/media), so nothing large is stored.
// Playing a voicemail marks it read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors, ZoomError } from '../../core/errors.ts';
import { sendError } from '../../core/pipeline.ts';
import { mp3 } from '../../media/index.ts';
import type { Tokens } from '../../oauth/tokens.ts';
import type { Db } from '../../storage/db.ts';
import * as repo from './repository.ts';

export interface DownloadDeps {
  db: Db;
  tokens: Tokens;
}

async function actorOf(deps: DownloadDeps, req: FastifyRequest) {
  const q = req.query as { access_token?: string };
  const header = req.headers.authorization ?? (q.access_token ? `Bearer ${q.access_token}` : undefined);
  return deps.tokens.authenticate(deps.db, header);
}

function send(reply: FastifyReply, id: string, seconds: number) {
  const audio = mp3({ durationMs: Math.max(1, seconds) * 1000 });
  return reply
    .header('content-type', 'audio/mpeg')
    .header('content-disposition', `attachment; filename="${id}.mp3"`)
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
}

export function registerPhoneDownloads(app: FastifyInstance, deps: DownloadDeps): void {
  const notFound = () => new ZoomError(404, 404, 'File does not exist.');
  app.get<{ Params: { id: string } }>('/v2/phone/recording/download/:id', async (req, reply) => {
    try {
      const actor = await actorOf(deps, req);
      const r = await repo.getRecordingFile(deps.db, actor.accountId, req.params.id);
      if (!r) throw notFound();
      return send(reply, req.params.id, r.duration);
    } catch (err) {
      return sendError(reply, err instanceof ZoomError ? err : Errors.internal());
    }
  });
  app.get<{ Params: { id: string } }>('/v2/phone/voice_mails/download/:id', async (req, reply) => {
    try {
      const actor = await actorOf(deps, req);
      const v = await repo.getVoicemail(deps.db, actor.accountId, req.params.id);
      if (!v) throw notFound();
      if (v.status === 'unread') await deps.db.transaction((tx) => repo.markVoicemailRead(tx, actor.accountId, req.params.id), actor.accountId);
      return send(reply, req.params.id, v.duration);
    } catch (err) {
      return sendError(reply, err instanceof ZoomError ? err : Errors.internal());
    }
  });
}
