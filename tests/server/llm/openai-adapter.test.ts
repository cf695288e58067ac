// The real `openai` SDK against a local fake server replaying Chat Completions fixtures.
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAIProvider } from '../../../server/llm/openai/openai-provider';
import type { LlmRequest } from '../../../server/llm/provider';
import { streamWithRetries } from '../../../server/llm/retry';
import { abortAtFirstText, collect } from './collect';
import { fixture, jsonFixture, startFakeProviderServer, type FakeProviderServer, type Script } from './fake-provider-server';

const KEY = 'sk-test-atelier-0123456789abcdefWXYZ';
const request: LlmRequest = {
  model: 'gpt-4o-mini',
  system: 'You are the support assistant of Acme Cloud.',
  messages: [
    { role: 'user', content: 'Can I get a refund?' },
    { role: 'assistant', content: 'Which order?' },
    { role: 'user', content: 'The last one.' },
  ],
  params: { temperature: 0.2, topP: 0.9, maxOutputTokens: 300 },
};

let server: FakeProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerFor(script: Script, options: { maxTokensField?: 'max_tokens' | 'max_completion_tokens' } = {}) {
  server = await startFakeProviderServer(script);
  return new OpenAIProvider({ id: 'openai', apiKey: KEY, baseUrl: `${server.url}/v1`, ...options });
}
const ok = (name: string, headers: Record<string, string> = { 'x-request-id': 'req_abc123' }) => ({
  sse: fixture(`openai/${name}`),
  headers,
});
const failure = (status: number, name: string, headers: Record<string, string> = {}) => ({
  status,
  body: jsonFixture(`openai/${name}`),
  headers: { 'x-request-id': `req_${status}`, ...headers },
});
const noWait = (delays: number[]) => ({
  sleep: async (ms: number) => {
    delays.push(ms);
    return true;
  },
});

describe('OpenAI adapter: streaming', () => {
  it('streams text, request id, finish and usage from the usage chunk', async () => {
    const provider = await providerFor([ok('chat-stream.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(result.metadata).toMatchObject({ requestId: 'req_abc123' });
    expect(result.finish?.reason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.finish?.usage).toEqual({ inputTokens: 42, outputTokens: 9, estimated: false });
    expect(result.parts.at(-1)?.type).toBe('finish');
  });

  it('sends the exact request: system first, params, stream with include_usage, bearer key', async () => {
    const provider = await providerFor([ok('chat-stream.sse')]);
    await collect(provider.stream(request, new AbortController().signal));
    const sent = server?.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are the support assistant of Acme Cloud.' },
        { role: 'user', content: 'Can I get a refund?' },
        { role: 'assistant', content: 'Which order?' },
        { role: 'user', content: 'The last one.' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 300,
    });
  });

  it('can send max_completion_tokens instead of max_tokens', async () => {
    const provider = await providerFor([ok('chat-stream.sse')], { maxTokensField: 'max_completion_tokens' });
    await collect(provider.stream(request, new AbortController().signal));
    expect(server?.requests[0]?.body).toMatchObject({ max_completion_tokens: 300 });
    expect(server?.requests[0]?.body).not.toHaveProperty('max_tokens');
  });

  it('streams refusal deltas as text and finishes as a refusal', async () => {
    const provider = await providerFor([ok('chat-stream-refusal.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.text).toBe("I'm sorry, I can't help with that.");
    expect(result.finish?.reason).toEqual({ unified: 'refusal', raw: 'stop' });
  });

  it('maps finish_reason length', async () => {
    const provider = await providerFor([ok('chat-stream-length.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.finish?.reason).toEqual({ unified: 'length', raw: 'length' });
  });

  it('estimates usage, flagged, when a compatible server sends none', async () => {
    const provider = await providerFor([ok('chat-stream-no-usage.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.finish?.usage.estimated).toBe(true);
    expect(result.finish?.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
  });
});

describe('OpenAI adapter: faults', () => {
  it('a stream that ends without finish_reason and [DONE] is interrupted, partial text kept', async () => {
    const provider = await providerFor([ok('chat-stream-cut.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal));
    expect(result.text).toBe('Refunds are possible within');
    expect(result.finish).toBeUndefined();
    expect(result.error).toMatchObject({ kind: 'interrupted', retryable: false });
  });

  it('an error event after the stream started keeps the text and is not retried', async () => {
    const provider = await providerFor([ok('chat-stream-error-midway.sse'), ok('chat-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.text).toBe('Refunds are possible');
    expect(result.error).toMatchObject({ kind: 'server', retryable: true });
    expect(server?.requests).toHaveLength(1);
  });

  it.each([
    [401, 'error-401.json'],
    [403, 'error-403.json'],
  ])('%i is an auth error, not retried, with the key scrubbed', async (status, name) => {
    const provider = await providerFor([failure(status, name), ok('chat-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.error).toMatchObject({ kind: 'auth', status, retryable: false });
    expect(result.metadata?.requestId).toBe(`req_${status}`);
    expect(result.error?.message).not.toMatch(/sk-test|WXYZ|\*\*\*/);
    expect(server?.requests).toHaveLength(1);
  });

  it('429 before the first token is retried after retry-after seconds', async () => {
    const delays: number[] = [];
    const provider = await providerFor([failure(429, 'error-429.json', { 'retry-after': '2' }), ok('chat-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait(delays)));
    expect(delays).toEqual([2000]);
    expect(result.parts.find((part) => part.type === 'retry')).toMatchObject({ attempt: 1, delayMs: 2000, error: { kind: 'rate_limit' } });
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(result.finish?.reason.unified).toBe('stop');
    expect(server?.requests).toHaveLength(2);
  });

  it('retry-after-ms wins over retry-after, and a long retry-after is capped', async () => {
    const delays: number[] = [];
    const provider = await providerFor([
      failure(429, 'error-429.json', { 'retry-after-ms': '250', 'retry-after': '1' }),
      failure(429, 'error-429.json', { 'retry-after': '3600' }),
      ok('chat-stream.sse'),
    ]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { ...noWait(delays), maxRetryAfterMs: 20_000 }),
    );
    expect(delays).toEqual([250, 20_000]);
    expect(result.finish).toBeDefined();
  });

  it('5xx is retried with exponential backoff, bounded to the attempt limit', async () => {
    const delays: number[] = [];
    const provider = await providerFor([failure(500, 'error-500.json')]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, {
        ...noWait(delays),
        baseDelayMs: 100,
        jitter: 0,
        maxAttempts: 3,
      }),
    );
    expect(delays).toEqual([100, 200]);
    expect(server?.requests).toHaveLength(3);
    expect(result.error).toMatchObject({ kind: 'server', status: 500, retryable: true });
  });

  it('context_length_exceeded is not retried and says why', async () => {
    const provider = await providerFor([failure(400, 'error-context-length.json'), ok('chat-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.error).toMatchObject({ kind: 'context_length', status: 400, retryable: false });
    expect(result.error?.message).toMatch(/maximum context length/);
    expect(server?.requests).toHaveLength(1);
  });

  it('a silent stream is aborted by the idle watchdog and the server sees the connection closed', async () => {
    const silent = { sse: fixture('openai/chat-stream.sse').split('\n\n').slice(0, 2).join('\n\n'), hang: true };
    const provider = await providerFor([silent]);
    const started = performance.now();
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { idleTimeoutMs: 150, maxAttempts: 1 }),
    );
    expect(result.text).toBe('Refunds');
    expect(result.error).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2000);
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('aborting the signal closes the upstream connection and ends the stream quietly', async () => {
    const provider = await providerFor([{ ...ok('chat-stream.sse'), eventDelayMs: 40 }]);
    const result = await abortAtFirstText((signal) => streamWithRetries(provider, request, signal));
    expect(result.text).toBe('Refunds');
    expect(result.finish).toBeUndefined();
    expect(result.error).toBeUndefined();
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('a refused connection is a retryable network error', async () => {
    // A port that was just free: nothing listens there any more.
    const closed = await startFakeProviderServer([]);
    await closed.close();
    const provider = new OpenAIProvider({ id: 'openai', apiKey: KEY, baseUrl: `${closed.url}/v1` });
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.error).toMatchObject({ kind: 'network', retryable: true });
  });
});
