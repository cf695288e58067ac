import type { FastifyInstance } from 'fastify';
import { Health, Readiness } from '../../shared/api/system';
import type { SharedRedis } from '../plugins/redis';

// Liveness says the process runs; readiness says it can serve: a load balancer takes a node whose
// database or Redis does not answer out of rotation (docs/deploy.md) instead of sending it users.

/** How long Redis may take to answer a readiness ping before the node counts as not ready. */
const REDIS_PING_TIMEOUT_MS = 1_000;

export async function healthRoutes(app: FastifyInstance, options: { redis?: SharedRedis }) {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database (and Redis, when configured) answer',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const database = databaseAnswers(app) ? 'ok' : 'unavailable';
      const redis = options.redis ? ((await redisAnswers(options.redis)) ? 'ok' : 'unavailable') : 'not_configured';
      const ready = database === 'ok' && redis !== 'unavailable';
      const body: Readiness = { status: ready ? 'ok' : 'unavailable', database, redis };
      return reply.code(ready ? 200 : 503).send(body);
    },
  );
}

function databaseAnswers(app: FastifyInstance): boolean {
  try {
    app.services.database.ping();
    return true;
  } catch {
    return false;
  }
}

async function redisAnswers(redis: SharedRedis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), REDIS_PING_TIMEOUT_MS)));
  try {
    return await Promise.race([redis.client.ping().then((answer) => answer === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
