// The one retry layer (the SDKs' own retries are off): retry a failed generation only
// while nothing has been shown to the candidate, and never let a stream hang — the
// SDKs' timeouts stop counting once response headers arrive, so an idle watchdog does.

import type { LlmProvider, LlmRequest, ProviderError, StreamPart } from './provider';
import { sleep as realSleep, type Sleep } from './sleep';

export interface RetryPolicy {
  /** Attempts in total, the first included. Default 3. */
  maxAttempts: number;
  /** Backoff before attempt n+1: base·2^(n-1), capped by maxDelayMs, minus jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A provider's retry-after is honoured up to this. Default 20 s. */
  maxRetryAfterMs: number;
  /** Fraction of the delay that is randomised (0…1), so clients do not retry in step. */
  jitter: number;
  /** No part for this long → abort upstream and fail with `timeout`. 0 disables. */
  idleTimeoutMs: number;
  /** Injectable for tests: no real waits. */
  sleep: Sleep;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
  jitter: 0.3,
  idleTimeoutMs: 30_000,
  sleep: realSleep,
  random: Math.random,
};

/** How long to wait before attempt `attempt + 1`. Pure given `random`. */
export function retryDelayMs(attempt: number, error: ProviderError, policy: RetryPolicy): number {
  if (error.retryAfterMs !== undefined) return Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 - policy.jitter * policy.random()));
}

/**
 * Streams from `provider`, retrying retryable errors that come before the first text
 * delta, with a `retry` part before each new attempt. Once text has been yielded, an
 * error is final: the partial answer stands and the caller records the failure.
 */
export async function* streamWithRetries(
  provider: LlmProvider,
  request: LlmRequest,
  signal: AbortSignal,
  overrides: Partial<RetryPolicy> = {},
): AsyncIterable<StreamPart> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (let attempt = 1; ; attempt++) {
    const start = (attemptSignal: AbortSignal) => provider.stream(request, attemptSignal);
    const parts = policy.idleTimeoutMs > 0 ? withIdleTimeout(start, signal, policy.idleTimeoutMs) : start(signal);
    let sawText = false;
    let failure: ProviderError | undefined;
    for await (const part of parts) {
      if (part.type === 'text-delta') sawText = true;
      if (part.type === 'error' && !sawText && part.error.retryable && attempt < policy.maxAttempts) {
        failure = part.error;
        break;
      }
      yield part;
    }
    if (!failure || signal.aborted) return;
    const delayMs = retryDelayMs(attempt, failure, policy);
    yield { type: 'retry', attempt, delayMs, error: failure };
    if (!(await policy.sleep(delayMs, signal))) return;
  }
}

/** How long the watchdog waits for a stalled stream to wind down after aborting it. */
const WIND_DOWN_MS = 1_000;

/**
 * Runs `start` with its own abort signal (tied to `signal`) and, if no part arrives for
 * `idleMs`, aborts it — closing the upstream connection — and yields a `timeout` error.
 * One watchdog timer per stream, re-armed on each part: a timer and a Promise.race per part
 * showed up in the profile at 100 streams (docs/benchmarks.md).
 */
export async function* withIdleTimeout(
  start: (signal: AbortSignal) => AsyncIterable<StreamPart>,
  signal: AbortSignal,
  idleMs: number,
): AsyncIterable<StreamPart> {
  const upstream = new AbortController();
  const forwardAbort = () => upstream.abort(signal.reason);
  if (signal.aborted) forwardAbort();
  else signal.addEventListener('abort', forwardAbort, { once: true });
  const iterator = start(upstream.signal)[Symbol.asyncIterator]();
  const watchdog = new Watchdog(idleMs);
  let finished = false;
  try {
    while (true) {
      const next = iterator.next();
      const outcome = await watchdog.race(next);
      if (outcome === 'timeout') {
        upstream.abort(new Error('idle timeout'));
        await raceTimer(
          next.catch(() => undefined),
          WIND_DOWN_MS,
        );
        finished = true;
        if (signal.aborted) return;
        const seconds = Math.round(idleMs / 100) / 10;
        yield { type: 'error', error: { kind: 'timeout', retryable: true, message: `The provider sent nothing for ${seconds} s.` } };
        return;
      }
      if (outcome.done) {
        finished = true;
        return;
      }
      yield outcome.value;
    }
  } finally {
    watchdog.stop();
    signal.removeEventListener('abort', forwardAbort);
    // The consumer stopped early (break/return): close the upstream too.
    if (!finished) {
      upstream.abort(new Error('consumer stopped'));
      void iterator.return?.()?.catch(() => undefined);
    }
  }
}

/** One timer for a whole stream: each `race` re-arms it; it fires only after `ms` of silence. */
class Watchdog {
  private readonly timer: NodeJS.Timeout;
  private wake: ((outcome: 'timeout') => void) | null = null;

  constructor(ms: number) {
    // Firing while nobody races (the consumer is busy between parts) is ignored; the next
    // race re-arms the timer (refresh() reschedules a fired timer too).
    this.timer = setTimeout(() => this.wake?.('timeout'), ms);
  }

  race<T>(promise: Promise<T>): Promise<T | 'timeout'> {
    this.timer.refresh();
    return new Promise<T | 'timeout'>((resolve, reject) => {
      this.wake = resolve;
      promise.then(
        (value) => {
          this.wake = null;
          resolve(value);
        },
        (error: unknown) => {
          this.wake = null;
          reject(error);
        },
      );
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.wake = null;
  }
}

async function raceTimer<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
