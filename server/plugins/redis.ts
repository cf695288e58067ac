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

/** How long a starting node waits for Redis before it serves with its own counts (they are shared once Redis answers). */
const READY_WAIT_MS = 5_000;

export async function registerRedis(app: FastifyInstance, url: string | undefined, prefix: string): Promise<SharedRedis | undefined> {
  if (!url) {
    app.decorate('redis', undefined);
    return undefined;
  }
  // While Redis is away a command fails at once instead of waiting for the next reconnect
  // (no offline queue): every caller falls back to this node's own count, and a request is not
  // held up by Redis's reconnect backoff. So the node waits for the first connection here.
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  client.on('error', (error) => app.log.warn({ err: error }, 'redis error'));
  app.addHook('onClose', async () => {
    await client.quit().catch(() => client.disconnect());
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, READY_WAIT_MS);
    client.once('ready', () => (clearTimeout(timer), resolve()));
  });
  const redis = { client, prefix };
  app.decorate('redis', redis);
  return redis;
}
