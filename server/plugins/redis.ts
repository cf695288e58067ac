import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

// Redis, when REDIS_URL is set: what several nodes must share beyond the database (the HTTP rate
// limits, the sign-in guard, the account lockout, the live channel's participant budgets and
// pending single sign-on logins). One client per node, closed with the app. Without REDIS_URL nothing connects
// and every limit is the node's own.

declare module 'fastify' {
  interface FastifyInstance {
    /** The node's Redis client and key prefix when REDIS_URL is set; undefined otherwise. */
    redis: SharedRedis | undefined;
  }
}

export interface SharedRedis {
  client: Redis;
  /** Prefix of every key this node writes (ATELIER_REDIS_PREFIX): several installs may share one Redis. */
  prefix: string;
}

export function registerRedis(app: FastifyInstance, url: string | undefined, prefix: string): SharedRedis | undefined {
  if (!url) {
    app.decorate('redis', undefined);
    return undefined;
  }
  // A command fails fast while Redis is away instead of queueing for ever; callers fall back.
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
  client.on('error', (error) => app.log.warn({ err: error }, 'redis error'));
  app.addHook('onClose', async () => {
    await client.quit().catch(() => client.disconnect());
  });
  const redis = { client, prefix };
  app.decorate('redis', redis);
  return redis;
}
