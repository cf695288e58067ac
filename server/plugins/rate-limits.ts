import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AtelierError } from '../../shared/errors';
import type { RateLimits } from '../config';
import { isGuardedApiRequest } from './join-guard';

// Requests per address per minute over HTTP, with @fastify/rate-limit (whose store can move to
// Redis when several nodes share the limits): every API route, and a stricter budget shared by
// the sign-in routes. The address is request.ip, which believes only ATELIER_TRUST_PROXY's proxies.
// A handshake refused here is a plain 429 written before the upgrade, like the sign-in guard's.

const MINUTE = 60_000;

/** Registers before the routes: the global limit is attached to each route as it is added. */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: MINUTE,
    // Addresses remembered; past this the least recently seen is forgotten.
    cache: 20_000,
    // Static client files and health are not API calls the edge limits.
    allowList: (request) => !isGuardedApiRequest(request),
    errorResponseBuilder: (_request, context) => new AtelierError('rate_limited', `Too many requests from this address; try again in ${context.after}.`),
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
