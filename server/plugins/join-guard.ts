import type { FastifyInstance } from 'fastify';
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
  app.addHook('onRequest', async (request) => {
    // WebSocket handshakes are checked in their own preValidation, where a refusal is a clean HTTP answer.
    if (request.headers.upgrade) return;
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/health')) app.joinGuard.check(request.ip);
  });
}
