import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AtelierError } from '../../shared/errors';
import type { RateLimits } from '../config';
import { isGuardedApiRequest } from './join-guard';
import type { SharedRedis } from './redis';

// Requests per address per minute over HTTP, with @fastify/rate-limit: every API route, and a
// stricter budget shared by the sign-in routes. With REDIS_URL the counters live in Redis, so
// that every node counts the same address together; if Redis does not answer, requests are let
// through (and logged by the Redis client) rather than refused. The address is request.ip, which believes only ATELIER_TRUST_PROXY's proxies.
// A handshake refused here is a plain 429 written before the upgrade, like the sign-in guard's.

const MINUTE = 60_000;

/** Registers before the routes: the global limit is attached to each route as it is added. */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits, redis?: SharedRedis): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: MINUTE,
    // Addresses remembered; past this the least recently seen is forgotten.
    cache: 20_000,
    ...(redis ? { redis: redis.client, nameSpace: `${redis.prefix}rate:`, skipOnError: true } : {}),
    // Static client files and health are not API calls the edge limits.
    allowList: (request) => !isGuardedApiRequest(request),
    errorResponseBuilder: (_request, context) =>
      new AtelierError('rate_limited', `Too many requests from this address; try again in ${context.after}.`),
  });
  const signIns = app.createRateLimit({ max: limits.signInsPerMinute, timeWindow: MINUTE });
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/auth/')) return;
    const verdict = await signIns(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      throw new AtelierError('rate_limited', 'Too many sign-in requests from this address; wait a minute and try again.');
    }
  });
}
