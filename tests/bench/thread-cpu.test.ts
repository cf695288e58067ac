import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseTaskStat, readThreads, threadWindow } from '../../bench/lib/thread-cpu';

// Row 5's CPU per event, split by thread: read from /proc, the main thread apart from the rest.

describe('thread CPU split', () => {
  it('reads user and system time past a thread name holding spaces and parentheses', () => {
    const line = '4242 (node (a) b) S 1 4242 4242 0 -1 4194560 1203 0 0 0 731 112 0 0 20 0 12 0 5000 1234567 8901';
    expect(parseTaskStat(line)).toEqual({ user: 7310, system: 1120 });
    expect(() => parseTaskStat('not a stat line')).toThrow(/Not a \/proc task stat line/);
  });

  it('puts a busy worker thread on the other threads’ side, and an idle main thread on its own', async () => {
    // The CI machines are Linux; elsewhere there is no /proc and no split to test.
    expect(readThreads(process.pid)?.get(process.pid)).toBeDefined();
    const window = threadWindow(process.pid);
    // The worker spins for 300 ms of its own clock while this thread waits for its message, then
    // stays alive (its handler keeps it) until terminated: an ended thread leaves /proc, time and all.
    const worker = new Worker(
      `const end = performance.now() + 300; while (performance.now() < end);
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', () => {});
      parentPort.postMessage('done');`,
      { eval: true },
    );
    const done = new Promise((resolve) => worker.once('message', resolve));
    const split = await done.then(() => window.read());
    await worker.terminate();
    // Even shared on a busy machine, 300 ms of spinning leaves it more CPU than an awaiting main thread.
    const others = split!.others.user + split!.others.system;
    const main = split!.main.user + split!.main.system;
    expect(others).toBeGreaterThanOrEqual(30);
    expect(others).toBeGreaterThan(main);
  });

  it('has no split for a process it cannot read', () => {
    expect(readThreads(2 ** 30)).toBeNull();
    expect(threadWindow(undefined).read()).toBeUndefined();
  });
});
