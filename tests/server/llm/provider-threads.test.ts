// Provider streams read on worker threads (server/llm/threads/): the real SDKs, in the real
// worker entry, against a local server speaking the providers' wire formats. What the server
// gets from a thread must be exactly what it would have read itself, and a thread that stops
// or is stopped must end its streams with a typed failure, never leave an answer hanging.
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../server/llm/config';
import { createProvider } from '../../../server/llm/create-provider';
import type { LlmRequest, StreamPart } from '../../../server/llm/provider';
import { ProviderThreads } from '../../../server/llm/threads/provider-threads';
import { startWorker } from '../../../server/worker-thread';
import { until } from '../../helpers/until';
import { abortAtFirstText, collect } from './collect';
import { fixture, jsonFixture, startFakeProviderServer, type FakeProviderServer, type ScriptedResponse } from './fake-provider-server';

const KEY = 'sk-test-atelier-0123456789abcdefTHREADS';
const request: LlmRequest = {
  model: 'gpt-4o-mini',
  system: 'You are the support assistant of Acme Cloud.',
  messages: [{ role: 'user', content: 'Can I get a refund?' }],
  params: { temperature: 0.2, maxOutputTokens: 300 },
};

/** The thread entry the server bundles, started the way the pool starts it from the sources. */
const realWorker = () => startWorker(new URL('../../../server/llm/threads/provider-threads.ts', import.meta.url).href, 'provider-worker');

// One pool for the tests that only read (a thread takes a second to boot from the sources);
// the tests that stop threads have their own.
let shared: ProviderThreads;
beforeAll(() => {
  shared = new ProviderThreads({ size: 2, startWorker: realWorker });
  shared.warm();
});
afterAll(() => shared.close());

let server: FakeProviderServer | undefined;
let threads: ProviderThreads | undefined;
afterEach(async () => {
  await threads?.close();
  await server?.close();
  threads = undefined;
  server = undefined;
});

async function both(script: (path: string) => ScriptedResponse, kind: 'openai' | 'anthropic' = 'openai') {
  server = await startFakeProviderServer((recorded) => script(recorded.path));
  const config: ProviderConfig =
    kind === 'openai' ? { id: 'openai', kind, baseUrl: `${server.url}/v1` } : { id: 'anthropic', kind, baseUrl: server.url };
  const here = createProvider(config, KEY);
  return { here, there: shared.wrap(here, config, KEY) };
}

const sse = (name: string, extra: Partial<ScriptedResponse> = {}): ScriptedResponse => ({
  sse: fixture(name),
  headers: { 'x-request-id': 'req_threads_1', 'request-id': 'req_threads_1' },
  ...extra,
});

describe('provider threads', () => {
  const cases: Array<[string, () => ScriptedResponse, 'openai' | 'anthropic']> = [
    ['an OpenAI answer', () => sse('openai/chat-stream.sse'), 'openai'],
    ['a refusal', () => sse('openai/chat-stream-refusal.sse'), 'openai'],
    ['an error midway', () => sse('openai/chat-stream-error-midway.sse'), 'openai'],
    ['a cut stream', () => sse('openai/chat-stream-cut.sse'), 'openai'],
    [
      'a 429 with retry-after',
      () => ({ status: 429, body: jsonFixture('openai/error-429.json'), headers: { 'retry-after': '3' } }),
      'openai',
    ],
    ['a 401 (the key scrubbed from its message)', () => ({ status: 401, body: jsonFixture('openai/error-401.json') }), 'openai'],
    ['an Anthropic answer', () => sse('anthropic/messages-stream.sse'), 'anthropic'],
    ['an Anthropic overload midway', () => sse('anthropic/messages-stream-overloaded.sse'), 'anthropic'],
  ];
  it.each(cases)('reads %s on a thread exactly as the main thread reads it', async (_name, script, kind) => {
    const { here, there } = await both(script, kind);
    const read = (stream: AsyncIterable<StreamPart>) => collect(stream).then((result) => result.parts);
    const onMain = await read(
      here.stream({ ...request, model: kind === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5' }, new AbortController().signal),
    );
    const onThread = await read(
      there.stream({ ...request, model: kind === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5' }, new AbortController().signal),
    );
    expect(onThread).toEqual(onMain);
    expect(onThread.length).toBeGreaterThan(0);
    expect(JSON.stringify(onThread)).not.toContain(KEY);
  });

  it('reads many streams at once, each whole and in order, on a pool smaller than the streams', async () => {
    const { there } = await both(() => sse('openai/chat-stream.sse', { eventDelayMs: 5 }));
    const results = await Promise.all(Array.from({ length: 12 }, () => collect(there.stream(request, new AbortController().signal))));
    for (const result of results) {
      expect(result.text).toBe('Refunds are possible within 14 days.');
      expect(result.parts.at(-1)?.type).toBe('finish');
    }
  });

  it('aborting the signal closes the upstream connection and ends the stream quietly', async () => {
    const { there } = await both(() => sse('openai/chat-stream.sse', { eventDelayMs: 40 }));
    const result = await abortAtFirstText((signal) => there.stream(request, signal));
    expect(result.text).toBe('Refunds');
    expect(result.finish).toBeUndefined();
    expect(result.error).toBeUndefined();
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('leaving the loop early closes the upstream connection too', async () => {
    const { there } = await both(() => sse('openai/chat-stream.sse', { eventDelayMs: 40 }));
    for await (const part of there.stream(request, new AbortController().signal)) if (part.type === 'text-delta') break;
    await server?.requests[0]?.ended;
    expect(server?.requests[0]?.closedByClient).toBe(true);
  });

  it('a candidate starting and stopping answers as fast as they can: each closed upstream, and another answer on the thread arrives whole', async () => {
    // Slow enough that each stop reaches the thread before its answer could end on its own, on a loaded machine too.
    const { there } = await both(() => sse('openai/chat-stream.sse', { eventDelayMs: 250 }));
    // Another session's answer, on the same threads as the candidate's forty.
    const other = collect(there.stream({ ...request, system: 'another session' }, new AbortController().signal));
    const stopped = await Promise.all(Array.from({ length: 40 }, () => abortAtFirstText((signal) => there.stream(request, signal))));
    for (const result of stopped) expect(result.parts.filter((part) => part.type === 'text-delta')).toHaveLength(1);
    const whole = await other;
    expect(whole.text).toBe('Refunds are possible within 14 days.');
    expect(whole.finish?.reason.unified).toBe('stop');
    const theirs = server!.requests.filter(
      (recorded) => (recorded.body as { messages: { content: string }[] }).messages[0]?.content !== 'another session',
    );
    await Promise.all(theirs.map((recorded) => recorded.ended));
    expect(theirs).toHaveLength(40);
    expect(theirs.every((recorded) => recorded.closedByClient)).toBe(true);
  });

  it('a signal aborted before the stream opens sends nothing upstream', async () => {
    const { there } = await both(() => sse('openai/chat-stream.sse'));
    const controller = new AbortController();
    controller.abort();
    expect((await collect(there.stream(request, controller.signal))).parts).toEqual([]);
    // The next stream goes through: the thread did not keep the aborted one.
    expect((await collect(there.stream(request, new AbortController().signal))).text).toBe('Refunds are possible within 14 days.');
    expect(server?.requests).toHaveLength(1);
  });

  it('a thread that dies mid-answer fails its streams as interrupted, and the next answer gets a new thread', async () => {
    // Terminating a thread takes a while on a loaded machine: the next chunk comes later than that.
    server = await startFakeProviderServer(() => sse('openai/chat-stream.sse', { eventDelayMs: 250 }));
    const config: ProviderConfig = { id: 'openai', kind: 'openai', baseUrl: `${server.url}/v1` };
    const started: Worker[] = [];
    threads = new ProviderThreads({ size: 1, startWorker: () => (started.push(realWorker()), started.at(-1)!) });
    const provider = threads.wrap(createProvider(config, KEY), config, KEY);
    const result = await collect(provider.stream(request, new AbortController().signal), (part) => {
      if (part.type === 'text-delta') void started[0]!.terminate();
    });
    expect(result.text).toBe('Refunds');
    expect(result.error).toMatchObject({ kind: 'interrupted', retryable: false });
    expect(result.error?.message).toMatch(/provider thread stopped/);
    const again = await collect(provider.stream(request, new AbortController().signal));
    expect(again.text).toBe('Refunds are possible within 14 days.');
    expect(started).toHaveLength(2);
  });

  it('a thread that cannot start fails the stream with a typed error', async () => {
    const config: ProviderConfig = { id: 'openai', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' };
    const { Worker: WorkerThread } = await import('node:worker_threads');
    threads = new ProviderThreads({ size: 1, startWorker: () => new WorkerThread('throw new Error("no such entry")', { eval: true }) });
    const result = await collect(threads.wrap(createProvider(config, KEY), config, KEY).stream(request, new AbortController().signal));
    expect(result.error).toMatchObject({ kind: 'interrupted' });
    expect(result.error?.message).toMatch(/no such entry/);
  });

  it('closing the pool ends the streams in flight and refuses new ones, with a reason', async () => {
    server = await startFakeProviderServer(() => sse('openai/chat-stream.sse', { eventDelayMs: 30 }));
    const config: ProviderConfig = { id: 'openai', kind: 'openai', baseUrl: `${server.url}/v1` };
    threads = new ProviderThreads({ size: 1, startWorker: realWorker });
    const there = threads.wrap(createProvider(config, KEY), config, KEY);
    const inFlight = collect(there.stream(request, new AbortController().signal));
    await until(() => server!.requests.length === 1, 'the request upstream');
    await threads.close();
    const result = await inFlight;
    expect(result.error).toMatchObject({ kind: 'interrupted' });
    expect(result.error?.message).toMatch(/server is stopping/);
    const after = await collect(there.stream(request, new AbortController().signal));
    expect(after.error?.message).toMatch(/server is stopping/);
  });
});
