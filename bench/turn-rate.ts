import { startAtelier } from '../tests/helpers/server-process';
import { benchMessage, startFakeOpenAI } from './fake-openai';
import { metrics } from './lib/live-client';
import { openCandidates } from './stream-latency';

// Row 3: new streaming turns per second without error. `sessions` candidates each keep
// `perSession` answers in flight (the product's default cap is 4 per session), every answer a
// full streamed turn (message.sent → turn.started → deltas → turn.completed) from the fake
// provider, for `seconds`. Counts turns completed per second and any refusal or failure.

export interface TurnRateResult {
  sessions: number;
  perSession: number;
  seconds: number;
  completed: number;
  turnsPerSecond: number;
  errors: number;
  firstError?: string;
  serverLoopP99Ms: number;
  serverCpu: number;
}

export async function benchTurnRate(options: {
  sessions: number;
  perSession: number;
  seconds: number;
  chunks: number;
  intervalMs: number;
}): Promise<TurnRateResult> {
  const provider = await startFakeOpenAI({ chunks: options.chunks, intervalMs: options.intervalMs });
  const atelier = await startAtelier({ fakeProviderUrl: provider.url });
  try {
    const candidates = await openCandidates(atelier, options.sessions);
    let completed = 0;
    let errors = 0;
    let firstError: string | undefined;
    let counter = 0;
    const oneTurn = async (c: (typeof candidates)[number]) => {
      const id = `rate-${counter++}`;
      let turnId: string | undefined;
      const done = new Promise<boolean>((resolve) => {
        const off = c.onEvent((event) => {
          if (event.type === 'turn.started' && event.data.threadId === id) turnId = event.data.turnId;
          if (event.data.turnId !== turnId || turnId === undefined) return;
          if (event.type === 'turn.completed') (off(), resolve(true));
          else if (event.type === 'turn.failed' || event.type === 'turn.cancelled') (off(), resolve(false));
        });
      });
      try {
        await c.command('message.send', { text: benchMessage(id), model: 'bench/fake', threadId: id });
        if (await done) completed++;
        else throw new Error('turn failed');
      } catch (error) {
        errors++;
        firstError ??= String(error);
      }
    };
    const before = await metrics(atelier, { reset: true });
    const t0 = performance.now();
    const deadline = t0 + options.seconds * 1000;
    await Promise.all(
      candidates.flatMap((c) =>
        Array.from({ length: options.perSession }, async () => {
          while (performance.now() < deadline) await oneTurn(c);
        }),
      ),
    );
    const wall = (performance.now() - t0) / 1000;
    const after = await metrics(atelier);
    await Promise.all(candidates.map((c) => c.close()));
    return {
      sessions: options.sessions,
      perSession: options.perSession,
      seconds: wall,
      completed,
      turnsPerSecond: completed / wall,
      errors,
      ...(firstError ? { firstError } : {}),
      serverLoopP99Ms: after.eventLoopDelayMs.p99,
      serverCpu: (after.cpuMs.user + after.cpuMs.system - before.cpuMs.user - before.cpuMs.system) / 1000 / wall,
    };
  } finally {
    await atelier.stop();
    await provider.close();
  }
}
