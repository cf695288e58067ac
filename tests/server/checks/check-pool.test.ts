import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckPool } from '../../../server/checks/check-pool';
import { checkExpectations, type Expectation } from '../../../shared/expectations';

// Answers are checked on a worker thread: a slow check costs its own session time, never the
// event loop; a check past its deadline is stopped; sessions take turns. The real worker is
// checked against the shared function; a stand-in that spins on demand shows the rest, since
// how long the engine takes on a given pattern is not something a test can pin.

let pool: CheckPool;
afterEach(async () => pool.close());

const PATTERN: Expectation = { kind: 'regex', pattern: '\\b2[05]\\b' };

/**
 * A worker that answers like the real one, but first spins for `spin:<ms>` answers (forever for
 * `spin:forever`). It spins on the monotonic clock: a `Date.now()` spin once took 172 ms of the
 * main thread's monotonic time in CI, which only a step of the wall clock explains.
 */
function spinningWorker(): Worker {
  return new Worker(
    `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (job) => {
      const spin = /^spin:(\\w+)/.exec(job.text);
      if (spin) { const end = spin[1] === 'forever' ? Infinity : performance.now() + Number(spin[1]); while (performance.now() < end); }
      parentPort.postMessage({ id: job.id, result: { passed: true, checks: [{ kind: 'regex', passed: true, detail: job.text }] } });
    });
    parentPort.postMessage({ ready: true });`,
    { eval: true },
  );
}

describe('check pool', () => {
  it('gives the same verdicts as the shared checks, from its worker thread', async () => {
    pool = new CheckPool({ timeoutMs: 30_000 });
    for (const text of ['The plan is 20 € a month.', 'No number here', 'Is it 25?']) {
      const expectations: Expectation[] = [PATTERN, { kind: 'contains', value: 'plan' }, { kind: 'regex', pattern: '(?=x)' }];
      expect(await pool.check('s', text, expectations)).toEqual(checkExpectations(text, expectations));
    }
  });

  it('keeps the event loop turning while a check runs, however long it runs', async () => {
    pool = new CheckPool({ timeoutMs: 30_000, startWorker: spinningWorker });
    await pool.check('warm', 'warm', [PATTERN]);
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await pool.check('slow', 'spin:400', [PATTERN]);
    const took = performance.now() - started;
    clearInterval(timer);
    // The worker spun for 400 ms by its own monotonic clock; the two threads' clocks start apart
    // by a fraction of a millisecond, so compare with a little slack.
    expect(took).toBeGreaterThanOrEqual(390);
    // Blocked, the loop would show one gap of 400 ms.
    expect(worstGap).toBeLessThan(200);
  });

  it('stops a check past its deadline, fails every check of it with the reason, and carries on on a fresh thread', async () => {
    pool = new CheckPool({ timeoutMs: 200, startWorker: spinningWorker });
    const stopped = await pool.check('s', 'spin:forever', [PATTERN, { kind: 'contains', value: 'x' }]);
    expect(stopped.passed).toBe(false);
    expect(stopped.checks.map((c) => [c.kind, c.passed, c.error])).toEqual([
      ['regex', false, 'These checks took longer than 200 ms and were stopped.'],
      ['contains', false, 'These checks took longer than 200 ms and were stopped.'],
    ]);
    expect(await pool.check('s', 'after', [PATTERN])).toEqual({ passed: true, checks: [{ kind: 'regex', passed: true, detail: 'after' }] });
  });

  it("takes sessions in turn: one candidate's queue of slow checks does not hold another's", async () => {
    pool = new CheckPool({ timeoutMs: 30_000, startWorker: spinningWorker });
    const order: string[] = [];
    const hostile = [0, 1, 2, 3].map((i) => pool.check('hostile', 'spin:150', [PATTERN]).then(() => order.push(`hostile ${i}`)));
    const other = pool.check('other', 'quick', [PATTERN]).then(() => order.push('other'));
    await Promise.all([...hostile, other]);
    expect(order).toEqual(['hostile 0', 'other', 'hostile 1', 'hostile 2', 'hostile 3']);
  });

  it('checks without a pattern on the spot, as before', async () => {
    pool = new CheckPool({ timeoutMs: 1, startWorker: spinningWorker });
    expect(
      await pool.check('s', 'Hello!', [
        { kind: 'contains', value: 'hello' },
        { kind: 'max_length', chars: 3 },
      ]),
    ).toEqual(
      checkExpectations('Hello!', [
        { kind: 'contains', value: 'hello' },
        { kind: 'max_length', chars: 3 },
      ]),
    );
  });
});

describe('check pool without a worker', () => {
  it('fails the checks that wait, saying why, when its thread cannot start — and tries again on the next', async () => {
    let starts = 0;
    pool = new CheckPool({
      timeoutMs: 30_000,
      startWorker: () => (starts++, new Worker('throw new Error("no such worker")', { eval: true })),
    });
    const verdict = await pool.check('s', 'text 25', [PATTERN]);
    expect(verdict.checks).toEqual([{ kind: 'regex', passed: false, detail: '/\\b2[05]\\b/', error: 'The checks could not run.' }]);
    await pool.check('s', 'text 25', [PATTERN]);
    expect(starts).toBe(2);
  });
});
