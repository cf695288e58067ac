import Type, { type Static } from 'typebox';

// The process itself: liveness, and health for operators and the benchmarks (docs/benchmarks.md).

export const Health = Type.Object({ status: Type.Literal('ok') });

/** Readiness: whether this node can serve now (its database answers, and Redis when configured). */
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  redis: Type.Union([Type.Literal('ok'), Type.Literal('unavailable'), Type.Literal('not_configured')]),
});
export type Readiness = Static<typeof Readiness>;

export const MetricsQuery = Type.Object({
  reset: Type.Optional(Type.Boolean({ description: 'Start a new event-loop delay window after this reading' })),
  gc: Type.Optional(Type.Boolean({ description: 'Collect garbage before reading memory (only when node runs with --expose-gc)' })),
});

export const Metrics = Type.Object({
  now: Type.Number({ description: 'Server clock (ms)' }),
  uptimeMs: Type.Number(),
  eventLoopDelayMs: Type.Object(
    { p50: Type.Number(), p99: Type.Number(), max: Type.Number(), mean: Type.Number(), windowMs: Type.Number() },
    { description: 'How late the event loop runs a due timer (the sampling interval taken out: an idle loop reads about 0)' },
  ),
  memory: Type.Object({
    rss: Type.Number(),
    heapUsed: Type.Number(),
    heapTotal: Type.Number(),
    external: Type.Number(),
    arrayBuffers: Type.Number(),
  }),
  cpuMs: Type.Object({ user: Type.Number(), system: Type.Number() }),
});
export type Metrics = Static<typeof Metrics>;
