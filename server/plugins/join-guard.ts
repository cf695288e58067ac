import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JoinGuard } from '../auth/join-guard';
import type { Clock } from '../clock';

declare module 'fastify' {
  interface FastifyInstance {
    joinGuard: JoinGuard;
  }
}

/** Refuses every API call from an address that has failed to authenticate too often (see JoinGuard). */
export function registerJoinGuard(app: FastifyInstance, clock: Clock, maxFailuresPerMinute: number): void {
  app.decorate('joinGuard', new JoinGuard(clock, maxFailuresPerMinute));
  // Every API request, an Upgrade header or not: a WebSocket handshake refused here is still a
  // plain HTTP answer (429), written before the upgrade.
  app.addHook('onRequest', async (request) => {
    if (isGuardedApiRequest(request)) app.joinGuard.check(request.ip);
  });
}

/**
 * Whether a request is an API call that the edge guards (all but health): by the route it
 * matched, since `/%61pi/sessions` is routed to `/api/sessions` too, or by its path, since an
 * unknown `/api/…` path is answered by the client files' catch-all route.
 */
export function isGuardedApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route === '/api/health') return false;
  return route?.startsWith('/api/') === true || request.url.startsWith('/api/');
}
