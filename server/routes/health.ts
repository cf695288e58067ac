import type { FastifyInstance } from 'fastify';
import { Health } from '../../shared/api/system';

export async function healthRoutes(app: FastifyInstance) {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness', response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));
}
