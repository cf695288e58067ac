/** The server's clock, injectable so that tests can move time (deadlines, retention). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    // Node caps timers at ~24.8 days; deadlines are hours away at most.
    const timer = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  },
};
