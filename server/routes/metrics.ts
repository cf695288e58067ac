import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Metrics, MetricsQuery } from '../../shared/api/system';
import { EventLoopLag } from '../metrics/event-loop-lag';
import { errors } from './error-responses';

// Process health for operators and the benchmarks (docs/benchmarks.md): event-loop lag
// percentiles since the last reset, memory and CPU time. Admin only: it says how busy the node is.

export async function metricsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { access } = app.services;
  const delay = new EventLoopLag();
  delay.enable();
  let windowStart = performance.now();
  app.addHook('onClose', async () => delay.disable());

  app.get(
    '/api/metrics',
    {
      schema: {
        tags: ['system'],
        summary: 'Event-loop delay, memory and CPU of the server process',
        security: [{ bearer: [] }],
        querystring: MetricsQuery,
        response: { 200: Metrics, ...errors(401, 403) },
      },
    },
    async (request) => {
      access.requireAdmin(request);
      const gc = (globalThis as { gc?: () => void }).gc;
      if (request.query.gc && gc) gc();
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const body = {
        now: Date.now(),
        uptimeMs: Math.round(process.uptime() * 1000),
        eventLoopDelayMs: { ...delay.read(), windowMs: Math.round(performance.now() - windowStart) },
        memory: {
          rss: memory.rss,
          heapUsed: memory.heapUsed,
          heapTotal: memory.heapTotal,
          external: memory.external,
          arrayBuffers: memory.arrayBuffers,
        },
        cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
      };
      if (request.query.reset) {
        delay.reset();
        windowStart = performance.now();
      }
      return body;
    },
  );
}
