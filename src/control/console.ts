// The web console's static files at /_openzoom/console (built from console/
// into dist/console by `npm run build:console`). The files hold no data: the
// console reads everything from the control plane and the API, whose own
// rules apply (open on loopback, the admin key elsewhere, which the console
// asks for and sends as a header). So the files need no admin key, only this
// server's Host (no DNS rebinding). Hashed assets are cached for a year, the
// page itself is revalidated (ETag). Its own scope: nothing here runs for /v2.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { BrowserGuard } from '../core/browser.ts';
import { ZoomError } from '../core/errors.ts';

export const CONSOLE_PATH = '/_openzoom/console';

/** Where the built console is: beside the built server (dist/control → dist/console), or dist/console in a source checkout. */
export function consoleRoot(): string | null {
  for (const rel of ['../console/', '../../dist/console/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

export function registerConsole(edge: FastifyInstance, deps: { browser: BrowserGuard; root?: string | null }): void {
  const root = deps.root === undefined ? consoleRoot() : deps.root;
  edge.register(async (s) => {
    s.addHook('onRequest', async (req, reply) => {
      const refusal = deps.browser.refusal(req.headers);
      if (refusal) return reply.code(403).send(new ZoomError(403, 200, refusal).toJSON());
    });
    if (!root) {
      s.get(`${CONSOLE_PATH}*`, async (_req, reply) =>
        reply.code(404).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build:console` (or `npm run build`) and start the server again.\n'),
      );
      return;
    }
    await s.register(fastifyStatic, {
      root,
      prefix: `${CONSOLE_PATH}/`,
      index: 'index.html',
      wildcard: true,
      cacheControl: false,
      setHeaders(res, path) {
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.header('x-content-type-options', 'nosniff');
        res.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
      },
    });
    // The page itself, with or without the trailing slash.
    s.get(CONSOLE_PATH, (_req, reply) => reply.sendFile('index.html'));
  });
}
