import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JoinGuard } from '../auth/join-guard';
import type { Clock } from '../clock';
import { AtelierError } from '../../shared/errors';
import type { SharedRedis } from './redis';

declare module 'fastify' {
  interface FastifyInstance {
    joinGuard: JoinGuard;
  }
}

/**
 * Refuses every API call from an address that has failed to authenticate too often (see
 * JoinGuard). With Redis, the failures are also counted there (a fixed minute per address), so
 * that guessing spread over several nodes is refused by all of them; if Redis does not answer,
 * each node's own count still holds.
 */
export function registerJoinGuard(app: FastifyInstance, clock: Clock, maxFailuresPerMinute: number, redis?: SharedRedis): void {
  const keyOf = (address: string) => `${redis!.prefix}join-failures:${address}`;
  const shareFailure = (address: string) => {
    // The first failure of the minute starts the key's expiry (PEXPIRE NX: Redis 7).
    redis!.client
      .multi()
      .incr(keyOf(address))
      .pexpire(keyOf(address), 60_000, 'NX')
      .exec()
      .catch(() => undefined);
  };
  app.decorate('joinGuard', new JoinGuard(clock, maxFailuresPerMinute, redis ? shareFailure : undefined));
  // Every API request, an Upgrade header or not: a WebSocket handshake refused here is still a
  // plain HTTP answer (429), written before the upgrade.
  app.addHook('onRequest', async (request) => {
    if (!isGuardedApiRequest(request)) return;
    app.joinGuard.check(request.ip);
    if (!redis) return;
    const failures = Number(await redis.client.get(keyOf(request.ip)).catch(() => null));
    if (failures >= maxFailuresPerMinute)
      throw new AtelierError('rate_limited', 'Too many failed attempts from this address; wait a minute and try again.');
  });
}

/**
 * Whether a request is an API call that the edge guards (all but health): by the route it
 * matched, since `/%61pi/sessions` is routed to `/api/sessions` too, or by its path, since an
 * unknown `/api/…` path is answered by the client files' catch-all route.
 */
export function isGuardedApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route === '/api/health' || route === '/api/health/ready') return false;
  return route?.startsWith('/api/') === true || request.url.startsWith('/api/');
}
