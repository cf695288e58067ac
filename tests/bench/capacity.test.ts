import { describe, expect, it } from 'vitest';
import { searchCapacity, type CapacityOptions, type LoadedSessions } from '../../bench/capacity';

// The capacity row's step search without servers: a fake server whose loop lag and delivered
// events follow its session count, so where the search stops, what it reports as capacity and
// when it takes sessions away are checked in milliseconds.

const plan: CapacityOptions = {
  steps: [100, 200, 300, 400, 600],
  settleSeconds: 0,
  windowSeconds: 0.02,
  intervalMs: 50,
  bisect: true,
  budgetSeconds: 60,
};

/** A server at `sessions` lags `lagOf(sessions)` ms at p99 and delivers `shareOf(sessions)` of the 20 events/s offered per session. */
function fakeServer(lagOf: (sessions: number) => number, shareOf: (sessions: number) => number = () => 1) {
  let sessions = 0;
  const sizes: number[] = [];
  const target: LoadedSessions = {
    server: {
      reset: async () => {},
      read: async () => ({ loop: { p50: 0, p99: lagOf(sessions), max: lagOf(sessions) }, cpuMs: 1 }),
    },
    events: () => (sessions * 20 * shareOf(sessions) * performance.now()) / 1000,
    resize: async (total) => {
      sessions = total;
      sizes.push(total);
    },
  };
  return { target, sizes };
}

describe('capacity search', () => {
  it('stops at the first step whose loop lag p99 reaches 20 ms, then tries halfway back', async () => {
    const { target, sizes } = fakeServer((n) => n / 20); // 20 ms at 400 sessions
    const result = await searchCapacity(target, plan);
    expect(sizes).toEqual([100, 200, 300, 400, 350]);
    expect(result.sessions).toBe(350);
    expect(result.failedAt).toBe(400);
    expect(result.steps.map((s) => [s.sessions, s.held, s.missed])).toEqual([
      [100, true, undefined],
      [200, true, undefined],
      [300, true, undefined],
      [400, false, 'loop'],
      [350, true, undefined],
    ]);
  });

  it('counts a step whose sockets get less than 90 % of the events as not held, even with a quiet loop', async () => {
    const { target } = fakeServer(
      () => 1,
      (n) => (n >= 300 ? 0.8 : 1),
    );
    const result = await searchCapacity(target, plan);
    expect(result.sessions).toBe(250);
    expect(result.failedAt).toBe(300);
    expect(result.steps.find((s) => s.sessions === 300)?.missed).toBe('throughput');
    expect(result.steps.at(-1)).toMatchObject({ sessions: 250, held: true });
  });

  it('reports a lower bound when every step held', async () => {
    const { target } = fakeServer(() => 1);
    const result = await searchCapacity(target, plan);
    expect(result.sessions).toBe(600);
    expect(result.failedAt).toBeUndefined();
    expect(result.steps).toHaveLength(5);
  });

  it('holds nothing when the first step fails, the halfway try included', async () => {
    const { target, sizes } = fakeServer(() => 25);
    const result = await searchCapacity(target, plan);
    expect(sizes).toEqual([100, 50]);
    expect(result.sessions).toBe(0);
    expect(result.failedAt).toBe(50);
  });
});
