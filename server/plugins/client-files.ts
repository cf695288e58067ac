import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built single-page app; any non-API path that is not a file gets index.html so
 * that client routes (/admin, /join, /s/…) survive a reload.
 */
export async function registerClientFiles(app: FastifyInstance, clientDir: string): Promise<void> {
  const built = existsSync(join(clientDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: false, cacheControl: false });
  }
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${path}.` } });
    }
    if (!built) return reply.status(503).type('text/plain').send('The client is not built: run `npm run build` (npm start does it).');
    if (path.startsWith('/assets/')) {
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.slice(1));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
