import { describe, expect, it } from 'vitest';
import { EventLoopLag } from '../../server/metrics/event-loop-lag';

// /api/metrics and the benchmarks read the event loop's lag. Node's sampler records the time
// between its 10 ms ticks, so an idle loop reads ~10 ms raw: the lag takes the interval out.

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('EventLoopLag', () => {
  it('reads an idle loop as nearly on time, not as the 10 ms sampling interval', async () => {
    const lag = new EventLoopLag();
    lag.enable();
    await wait(300);
    lag.disable();
    const reading = lag.read();
    expect(reading.p50).toBeGreaterThanOrEqual(0);
    expect(reading.p50).toBeLessThan(9);
  });

  it('shows a blocked loop as late by about as long as it was blocked', async () => {
    const lag = new EventLoopLag();
    lag.enable();
    await wait(50);
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // Busy: nothing else runs on this loop meanwhile.
    }
    await wait(50);
    lag.disable();
    expect(lag.read().max).toBeGreaterThanOrEqual(60);
    lag.reset();
    expect(lag.read()).toEqual({ p50: 0, p99: 0, max: 0, mean: 0 });
  });
});
