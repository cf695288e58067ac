import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { EventLoopLag } from '../metrics/event-loop-lag';
import { errors } from './schemas';

// Process health for operators and the benchmarks (docs/benchmarks.md): event-loop lag
// percentiles since the last reset, memory and CPU time. Admin only: it says how busy the node is.

const Query = Type.Object({
  reset: Type.Optional(Type.Boolean({ description: 'Start a new event-loop delay window after this reading' })),
  gc: Type.Optional(Type.Boolean({ description: 'Collect garbage before reading memory (only when node runs with --expose-gc)' })),
});

const Metrics = Type.Object({
  now: Type.Number({ description: 'Server clock (ms)' }),
  uptimeMs: Type.Number(),
  eventLoopDelayMs: Type.Object(
    { p50: Type.Number(), p99: Type.Number(), max: Type.Number(), mean: Type.Number(), windowMs: Type.Number() },
    { description: 'How late the event loop runs a due timer (the sampling interval taken out: an idle loop reads about 0)' },
  ),
  memory: Type.Object({ rss: Type.Number(), heapUsed: Type.Number(), heapTotal: Type.Number(), external: Type.Number(), arrayBuffers: Type.Number() }),
  cpuMs: Type.Object({ user: Type.Number(), system: Type.Number() }),
});

export async function metricsRoutes(app: FastifyInstance) {
  const { access } = app.services;
  const delay = new EventLoopLag();
  delay.enable();
  let windowStart = performance.now();
  app.addHook('onClose', async () => delay.disable());

  app.get<{ Querystring: { reset?: boolean; gc?: boolean } }>(
    '/api/metrics',
    { schema: { tags: ['system'], summary: 'Event-loop delay, memory and CPU of the server process', security: [{ bearer: [] }], querystring: Query, response: { 200: Metrics, ...errors(401, 403) } } },
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
        memory: { rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, arrayBuffers: memory.arrayBuffers },
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
