import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Where `npm run build` puts the web application (web/vite.config.mts): dist/web beside dist/services. */
export const defaultWebRoot = resolve(__dirname, '../../web');

/** Paths that belong to the API and the operators, never to the web application's client routes. */
const SERVER_PATHS = /^\/(api|health|metrics|operator)(\/|$)/;

/** Vite names every asset after its content: a changed file is a new URL, so it may be kept a year. */
const HASHED_ASSET = 'public, max-age=31536000, immutable';
/** index.html names the current assets: asked again on every visit. */
const ENTRY_DOCUMENT = 'no-cache';

/**
 * Serves the web application at `/` from the same origin as `/api/v1` (no CORS): hashed assets
 * with long-lived caching, precompressed `.br`/`.gz` files chosen by Accept-Encoding, and
 * index.html (never cached) for every client route the browser asks for, so that a reload on
 * `/agenda` shows the agenda. Answers nothing, and says so, when the application was not built.
 */
export async function serveWebApplication(fastify: FastifyInstance, log: Logger, root: string = defaultWebRoot): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    log.warn(`The web application is not built (no ${join(root, 'index.html')}): run \`npm run build\`. The API is served without it.`);
    return;
  }
  // Assets are looked up on disk at each request (wildcard), so a rebuild needs no restart.
  await fastify.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    preCompressed: true,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', /(^|\/)index\.html(\.br|\.gz)?$/.test(path) ? ENTRY_DOCUMENT : HASHED_ASSET);
    },
  });
  const sendEntryDocument = (_request: FastifyRequest, reply: FastifyReply) => reply.header('cache-control', ENTRY_DOCUMENT).sendFile('index.html', root);
  fastify.get('/', sendEntryDocument);
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) {
      return reply.status(404).send({ statusCode: 404, code: 'RESOURCE.NOT_FOUND', message: `Cannot GET ${request.url.split('?')[0].slice(0, 200)}` });
    }
    return sendEntryDocument(request, reply);
  });
}
