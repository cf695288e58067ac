import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { LiveRelay } from '../live/relay';
import type { PeerOrder } from '../rooms/session-rooms';

// Redis, when REDIS_URL is set: what several nodes must share beyond the database (the HTTP rate
// limits, the sign-in guard, the account lockout, the live channel's participant budgets,
// pending single sign-on logins, and the live relay's pub/sub). One client per node for the
// counters, closed with the app, and two for the relay. Without REDIS_URL nothing connects, every
// limit is the node's own, and a node serves only the sessions it writes.

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

/**
 * The live relay (live/relay.ts): two more connections, one subscribed to this node's channel,
 * one publishing with auto-pipelining (a commit's frames to another node leave in one write).
 * Subscribed before the node listens, so that no relayed socket reaches a node deaf to it.
 */
export function createRelay(app: FastifyInstance, redis: SharedRedis): LiveRelay {
  const options = { maxRetriesPerRequest: 1, enableOfflineQueue: true };
  const publisher = redis.client.duplicate({ ...options, enableAutoPipelining: true });
  const subscriber = redis.client.duplicate(options);
  for (const client of [publisher, subscriber]) client.on('error', (error) => app.log.warn({ err: error }, 'redis error (relay)'));
  const relay = new LiveRelay({
    publisher,
    subscriber,
    prefix: redis.prefix,
    nodeId: app.services.rooms.nodeId,
    log: (message, error) => app.log.warn({ err: error }, message),
  });
  // Revocations and erasures reach the sockets other nodes serve or relay.
  const { rooms } = app.services;
  rooms.tellPeers((order) => relay.broadcast(order));
  relay.hear((order) => rooms.applyPeerOrder(order as PeerOrder));
  app.addHook('onReady', () => relay.start());
  app.addHook('onClose', () => relay.stop());
  return relay;
}
