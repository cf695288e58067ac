// The real `@anthropic-ai/sdk` against a local fake server replaying Messages fixtures.
import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../../server/llm/anthropic/anthropic-provider';
import type { LlmRequest } from '../../../server/llm/provider';
import { streamWithRetries } from '../../../server/llm/retry';
import { collect } from './collect';
import { fixture, jsonFixture, startFakeProviderServer, type FakeProviderServer, type Script } from './fake-provider-server';

const KEY = 'sk-ant-api03-atelier-test-0123456789abcdefWXYZ';
const request: LlmRequest = {
  model: 'claude-sonnet-4-6',
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

async function providerFor(script: Script) {
  server = await startFakeProviderServer(script);
  return new AnthropicProvider({ id: 'anthropic', apiKey: KEY, baseUrl: server.url });
}
const ok = (name: string) => ({ sse: fixture(`anthropic/${name}`), headers: { 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' } });
const failure = (status: number, name: string, headers: Record<string, string> = {}) => ({
  status,
  body: jsonFixture(`anthropic/${name}`),
  headers: { 'request-id': `req_${status}`, ...headers },
});
const noWait = (delays: number[]) => ({
  sleep: async (ms: number) => {
    delays.push(ms);
    return true;
  },
});

describe('Anthropic adapter: streaming', () => {
  it('streams text, request id, stop reason and usage from message_start + message_delta', async () => {
    const provider = await providerFor([ok('messages-stream.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(result.metadata).toMatchObject({ requestId: 'req_011CSHoEeqs5C35K2UUqR7Fy' });
    expect(result.finish?.reason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.finish?.usage).toEqual({ inputTokens: 42, outputTokens: 9, estimated: false });
  });

  it('sends the exact request: top-level system, max_tokens, no sampling params, the key', async () => {
    const provider = await providerFor([ok('messages-stream.sse')]);
    await collect(provider.stream(request, new AbortController().signal));
    const sent = server?.requests[0];
    expect(sent?.path).toBe('/v1/messages');
    const auth = `${sent?.headers['x-api-key'] ?? ''} ${sent?.headers.authorization ?? ''}`;
    expect(auth).toContain(KEY);
    expect(sent?.body).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 300,
      system: 'You are the support assistant of Acme Cloud.',
      messages: [
        { role: 'user', content: 'Can I get a refund?' },
        { role: 'assistant', content: 'Which order?' },
        { role: 'user', content: 'The last one.' },
      ],
      stream: true,
    });
  });

  it('maps max_tokens to a length finish', async () => {
    const provider = await providerFor([ok('messages-stream-max-tokens.sse')]);
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.finish?.reason).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(result.finish?.usage.outputTokens).toBe(2);
  });
});

describe('Anthropic adapter: faults', () => {
  it('a stream that ends without message_stop is interrupted, partial text kept', async () => {
    const provider = await providerFor([ok('messages-stream-cut.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal));
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(result.finish).toBeUndefined();
    expect(result.error).toMatchObject({ kind: 'interrupted', retryable: false });
  });

  it('an overloaded_error event after the first text keeps the text and is not retried', async () => {
    const provider = await providerFor([ok('messages-stream-overloaded.sse'), ok('messages-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.text).toBe('Refunds are');
    expect(result.error).toMatchObject({ kind: 'overloaded', retryable: true });
    expect(server?.requests).toHaveLength(1);
  });

  it.each([
    [401, 'error-401.json'],
    [403, 'error-403.json'],
  ])('%i is an auth error, not retried, with the request id kept', async (status, name) => {
    const provider = await providerFor([failure(status, name), ok('messages-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.error).toMatchObject({ kind: 'auth', status, retryable: false });
    expect(result.metadata?.requestId).toBe(`req_${status}`);
    expect(result.error?.message).not.toContain(KEY);
    expect(server?.requests).toHaveLength(1);
  });

  it('429 before the first token is retried after retry-after', async () => {
    const delays: number[] = [];
    const provider = await providerFor([failure(429, 'error-429.json', { 'retry-after': '3' }), ok('messages-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait(delays)));
    expect(delays).toEqual([3000]);
    expect(result.error).toBeUndefined();
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(server?.requests).toHaveLength(2);
  });

  it('529 overloaded is retried with backoff, honouring retry-after-ms', async () => {
    const delays: number[] = [];
    const provider = await providerFor([
      failure(529, 'error-529.json'),
      failure(529, 'error-529.json', { 'retry-after-ms': '1500' }),
      ok('messages-stream.sse'),
    ]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { ...noWait(delays), baseDelayMs: 400, jitter: 0 }),
    );
    expect(delays).toEqual([400, 1500]);
    expect(result.parts.filter((part) => part.type === 'retry').map((part) => part.type === 'retry' && part.error.kind)).toEqual([
      'overloaded',
      'overloaded',
    ]);
    expect(result.finish?.reason.unified).toBe('stop');
  });

  it('500 three times gives up after the attempt limit', async () => {
    const provider = await providerFor([failure(500, 'error-500.json')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, { ...noWait([]), maxAttempts: 3 }));
    expect(server?.requests).toHaveLength(3);
    expect(result.error).toMatchObject({ kind: 'server', status: 500 });
  });

  it('"prompt is too long" is a context_length error, not retried', async () => {
    const provider = await providerFor([failure(400, 'error-prompt-too-long.json'), ok('messages-stream.sse')]);
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, noWait([])));
    expect(result.error).toMatchObject({ kind: 'context_length', status: 400, retryable: false });
    expect(result.error?.message).toMatch(/prompt is too long/);
    expect(server?.requests).toHaveLength(1);
  });

  it('a silent stream is aborted by the idle watchdog and the server sees the connection closed', async () => {
    const events = fixture('anthropic/messages-stream.sse').split('\n\n');
    const provider = await providerFor([{ sse: events.slice(0, 4).join('\n\n'), hang: true }]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { idleTimeoutMs: 150, maxAttempts: 1 }),
    );
    expect(result.text).toBe('Refunds are');
    expect(result.error).toMatchObject({ kind: 'timeout' });
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('a stream silent before its first token is retried after the watchdog fires', async () => {
    const delays: number[] = [];
    const provider = await providerFor([
      { sse: fixture('anthropic/messages-stream.sse').split('\n\n')[0] ?? '', hang: true },
      ok('messages-stream.sse'),
    ]);
    const result = await collect(
      streamWithRetries(provider, request, new AbortController().signal, { ...noWait(delays), idleTimeoutMs: 150 }),
    );
    expect(delays).toHaveLength(1);
    expect(result.text).toBe('Refunds are possible within 14 days.');
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('aborting the signal closes the upstream connection', async () => {
    const provider = await providerFor([{ ...ok('messages-stream.sse'), eventDelayMs: 40 }]);
    const controller = new AbortController();
    const result = await collect(streamWithRetries(provider, request, controller.signal), (part) => {
      if (part.type === 'text-delta') controller.abort();
    });
    expect(result.text).toBe('Refunds are');
    expect(result.error).toBeUndefined();
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('aborting while waiting for headers closes the connection too', async () => {
    const provider = await providerFor([{ ...ok('messages-stream.sse'), headersDelayMs: 5_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await collect(provider.stream(request, controller.signal));
    expect(result.parts).toEqual([]);
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });
});
