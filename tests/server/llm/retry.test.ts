// The retry layer and the idle watchdog, against scripted in-memory providers.
import { describe, expect, it } from 'vitest';
import type { LlmProvider, LlmRequest, ProviderError, StreamPart } from '../../../server/llm/provider';
import { DEFAULT_RETRY_POLICY, retryDelayMs, streamWithRetries, withIdleTimeout } from '../../../server/llm/retry';
import { untilAborted } from '../../../server/llm/sleep';
import { collect } from './collect';

const request: LlmRequest = { model: 'm', system: '', messages: [{ role: 'user', content: 'hi' }], params: {} };
const finish: StreamPart = {
  type: 'finish',
  reason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, outputTokens: 1, estimated: false },
};
const rateLimited: ProviderError = { kind: 'rate_limit', status: 429, retryable: true, message: 'slow down', retryAfterMs: 1000 };
const serverError: ProviderError = { kind: 'server', status: 500, retryable: true, message: 'boom' };
const authError: ProviderError = { kind: 'auth', status: 401, retryable: false, message: 'bad key' };

/** A provider that plays one scripted attempt per call; counts calls and aborts seen. */
function scripted(attempts: StreamPart[][]): LlmProvider & { calls: number; aborted: number } {
  const provider = {
    id: 'fake',
    kind: 'openai' as const,
    calls: 0,
    aborted: 0,
    async *stream(_request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
      const parts = attempts[Math.min(provider.calls, attempts.length - 1)] ?? [];
      provider.calls += 1;
      signal.addEventListener('abort', () => (provider.aborted += 1), { once: true });
      for (const part of parts) {
        if (part.type === 'text-delta' && part.text === 'HANG') {
          await untilAborted(signal);
          return;
        }
        yield part;
      }
    },
  };
  return provider;
}
const noWait = (delays: number[]) => ({
  sleep: async (ms: number) => {
    delays.push(ms);
    return true;
  },
  random: () => 0.5,
});

describe('retryDelayMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 4000, jitter: 0.5, random: () => 1 };
  it('backs off exponentially with jitter, capped', () => {
    expect(retryDelayMs(1, serverError, { ...policy, jitter: 0 })).toBe(500);
    expect(retryDelayMs(2, serverError, { ...policy, jitter: 0 })).toBe(1000);
    expect(retryDelayMs(5, serverError, { ...policy, jitter: 0 })).toBe(4000);
    expect(retryDelayMs(1, serverError, policy)).toBe(250);
    expect(retryDelayMs(1, serverError, { ...policy, random: () => 0 })).toBe(500);
  });
  it('honours retry-after, capped by maxRetryAfterMs', () => {
    expect(retryDelayMs(1, rateLimited, policy)).toBe(1000);
    expect(retryDelayMs(1, { ...rateLimited, retryAfterMs: 60_000 }, { ...policy, maxRetryAfterMs: 20_000 })).toBe(20_000);
  });
});

describe('streamWithRetries', () => {
  it('retries a retryable error before the first token, with a retry part', async () => {
    const delays: number[] = [];
    const provider = scripted([[{ type: 'error', error: rateLimited }], [{ type: 'text-delta', text: 'ok' }, finish]]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait(delays)));
    expect(provider.calls).toBe(2);
    expect(delays).toEqual([1000]);
    expect(result.parts.map((part) => part.type)).toEqual(['retry', 'text-delta', 'finish']);
    expect(result.parts[0]).toEqual({ type: 'retry', attempt: 1, delayMs: 1000, error: rateLimited });
  });

  it('keeps metadata that came before a retried failure', async () => {
    const provider = scripted([
      [
        { type: 'response-metadata', requestId: 'a' },
        { type: 'error', error: serverError },
      ],
      [{ type: 'response-metadata', requestId: 'b' }, { type: 'text-delta', text: 'ok' }, finish],
    ]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.parts.filter((part) => part.type === 'response-metadata')).toHaveLength(2);
    expect(result.metadata?.requestId).toBe('b');
  });

  it('never retries after text was yielded', async () => {
    const provider = scripted([
      [
        { type: 'text-delta', text: 'partial' },
        { type: 'error', error: serverError },
      ],
    ]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(provider.calls).toBe(1);
    expect(result.text).toBe('partial');
    expect(result.error).toEqual(serverError);
  });

  it('never retries a non-retryable error', async () => {
    const provider = scripted([[{ type: 'error', error: authError }]]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(provider.calls).toBe(1);
    expect(result.error).toEqual(authError);
  });

  it('stops after maxAttempts and yields the last error', async () => {
    const delays: number[] = [];
    const provider = scripted([[{ type: 'error', error: serverError }]]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { ...noWait(delays), maxAttempts: 4, jitter: 0 }),
    );
    expect(provider.calls).toBe(4);
    expect(delays).toEqual([500, 1000, 2000]);
    expect(result.error).toEqual(serverError);
    expect(result.parts.filter((part) => part.type === 'retry')).toHaveLength(3);
  });

  it('an abort during the backoff ends the stream at once, without another attempt', async () => {
    const provider = scripted([[{ type: 'error', error: { ...rateLimited, retryAfterMs: 10_000 } }], [finish]]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    const result = await collect(streamWithRetries(provider, request, controller.signal));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(provider.calls).toBe(1);
    expect(result.finish).toBeUndefined();
  });
});

describe('withIdleTimeout', () => {
  it('aborts a stream that goes silent and yields a retryable timeout', async () => {
    const provider = scripted([
      [
        { type: 'text-delta', text: 'a' },
        { type: 'text-delta', text: 'HANG' },
      ],
    ]);
    const started = performance.now();
    const result = await collect(withIdleTimeout((signal) => provider.stream(request, signal), new AbortController().signal, 80));
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(result.text).toBe('a');
    expect(result.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(provider.aborted).toBe(1);
  });

  it('lets a stream that keeps talking finish', async () => {
    const provider = scripted([[{ type: 'text-delta', text: 'a' }, finish]]);
    const result = await collect(withIdleTimeout((signal) => provider.stream(request, signal), new AbortController().signal, 80));
    expect(result.finish).toBeDefined();
  });

  it('passes the caller abort upstream and adds nothing', async () => {
    const provider = scripted([[{ type: 'text-delta', text: 'HANG' }]]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const result = await collect(withIdleTimeout((signal) => provider.stream(request, signal), controller.signal, 5_000));
    expect(result.parts).toEqual([]);
    expect(provider.aborted).toBe(1);
  });

  it('closes the upstream when the consumer stops reading early', async () => {
    const provider = scripted([
      [
        { type: 'text-delta', text: 'a' },
        { type: 'text-delta', text: 'HANG' },
      ],
    ]);
    for await (const part of withIdleTimeout((signal) => provider.stream(request, signal), new AbortController().signal, 5_000)) {
      if (part.type === 'text-delta') break;
    }
    expect(provider.aborted).toBe(1);
  });
});
