import Type from 'typebox';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { errors } from './schemas';

// Process health for operators and the benchmarks (docs/benchmarks.md): event-loop delay
// percentiles since the last reset, memory and CPU time. Admin only: it says how busy the node is.

const Query = Type.Object({
  reset: Type.Optional(Type.Boolean({ description: 'Start a new event-loop delay window after this reading' })),
  gc: Type.Optional(Type.Boolean({ description: 'Collect garbage before reading memory (only when node runs with --expose-gc)' })),
});

const Metrics = Type.Object({
  now: Type.Number({ description: 'Server clock (ms)' }),
  uptimeMs: Type.Number(),
  eventLoopDelayMs: Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number(), mean: Type.Number(), windowMs: Type.Number() }),
  memory: Type.Object({ rss: Type.Number(), heapUsed: Type.Number(), heapTotal: Type.Number(), external: Type.Number(), arrayBuffers: Type.Number() }),
  cpuMs: Type.Object({ user: Type.Number(), system: Type.Number() }),
});

export async function metricsRoutes(app: FastifyInstance) {
  const { access } = app.services;
  const delay = monitorEventLoopDelay({ resolution: 10 });
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
      const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e3) / 1e3 : 0);
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const body = {
        now: Date.now(),
        uptimeMs: Math.round(process.uptime() * 1000),
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean), windowMs: Math.round(performance.now() - windowStart) },
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
