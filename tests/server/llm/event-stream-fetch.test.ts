// Both adapters read answers through eventStreamFetch (Node streams, one SSE parser) instead
// of the SDKs' fetch and decoders: what they read must be what the SDKs read, whatever the
// bytes' framing, and a broken connection must be a typed, retryable error.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../../server/llm/anthropic/anthropic-provider';
import { OpenAIProvider } from '../../../server/llm/openai/openai-provider';
import type { LlmRequest } from '../../../server/llm/provider';
import { streamWithRetries } from '../../../server/llm/retry';
import { collect } from './collect';
import { fixture } from './fake-provider-server';

const request: LlmRequest = {
  model: 'gpt-4o-mini',
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Can I get a refund?' }],
  params: { temperature: 1, topP: 1, maxOutputTokens: 100 },
};

/** A provider that writes each response as `pieces` of raw bytes, and counts its connections. */
interface RawServer {
  url: string;
  connections: number;
  close(): Promise<void>;
}

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rawServer(respond: (res: ServerResponse, index: number) => void): Promise<RawServer> {
  let index = 0;
  const sockets = new Set<import('node:net').Socket>();
  const http: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => respond(res, index++));
  });
  const state: RawServer = {
    url: '',
    connections: 0,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        http.close(() => resolve());
      }),
  };
  http.on('connection', (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
  return state;
}

/** Writes `bytes` in pieces of `size`, one per timer tick, so that each arrives on its own. */
function writeInPieces(res: ServerResponse, bytes: Buffer, size: number, then: () => void = () => res.end()): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_raw' });
  let offset = 0;
  const next = () => {
    if (res.destroyed) return;
    if (offset >= bytes.length) return then();
    res.write(bytes.subarray(offset, (offset += size)));
    setTimeout(next, 1);
  };
  next();
}

/** An answer with accents and an emoji (multi-byte characters to split), as Chat Completions streams it. */
function answerStream(lineEnd: string): Buffer {
  const pieces = ['Un remboursement ', 'est possible ', 'sous 14 jours ', '— écrivez-nous 📨.'];
  const event = (value: object) => `data: ${JSON.stringify(value)}${lineEnd}${lineEnd}`;
  const chunk = (delta: object, finish: string | null = null) =>
    event({
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return Buffer.from(
    [
      `: keep-alive comment${lineEnd}${lineEnd}`,
      ...pieces.map((content) => chunk({ content })),
      chunk({}, 'stop'),
      event({
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 0,
        model: 'gpt-4o-mini',
        choices: [],
        usage: { prompt_tokens: 7, completion_tokens: 11 },
      }),
      `data: [DONE]${lineEnd}${lineEnd}`,
    ].join(''),
  );
}

/** The deltas the SDK's own fetch and decoder read from the same server. */
async function deltasReadBySdk(url: string): Promise<string[]> {
  const client = new OpenAI({ apiKey: 'k', baseURL: url, maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] });
  const deltas: string[] = [];
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) deltas.push(chunk.choices[0].delta.content);
  return deltas;
}

const textDeltas = (parts: Awaited<ReturnType<typeof collect>>['parts']) =>
  parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : []));

describe('eventStreamFetch: the adapters read what the SDKs read', () => {
  for (const [name, lineEnd, size] of [
    ['LF line ends, 7-byte pieces', '\n', 7],
    ['CRLF line ends, 3-byte pieces (characters split across packets)', '\r\n', 3],
    ['CR line ends, one piece', '\r', 100_000],
  ] as const) {
    it(`${name}: the same deltas, finish and usage`, async () => {
      server = await rawServer((res) => writeInPieces(res, answerStream(lineEnd), size));
      const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
      const result = await collect(provider.stream(request, new AbortController().signal));
      expect(textDeltas(result.parts)).toEqual(await deltasReadBySdk(server.url));
      expect(result.text).toBe('Un remboursement est possible sous 14 jours — écrivez-nous 📨.');
      expect(result.metadata).toMatchObject({ requestId: 'req_raw' });
      expect(result.finish).toMatchObject({ reason: { unified: 'stop' }, usage: { inputTokens: 7, outputTokens: 11, estimated: false } });
    });
  }

  it('the Chat Completions fixture, read both ways, gives the same deltas', async () => {
    const bytes = Buffer.from(fixture('openai/chat-stream.sse'));
    server = await rawServer((res) => writeInPieces(res, bytes, 50));
    const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(textDeltas(result.parts)).toEqual(await deltasReadBySdk(server.url));
    expect(result.text).toBe('Refunds are possible within 14 days.');
  });

  it('the Anthropic fixtures in 5-byte pieces with CRLF line ends: the deltas the Anthropic SDK reads, and its typed error', async () => {
    for (const [name, outcome] of [
      ['messages-stream.sse', { finish: 'stop' }],
      ['messages-stream-overloaded.sse', { error: 'overloaded' }],
    ] as const) {
      const bytes = Buffer.from(fixture(`anthropic/${name}`).replace(/\r?\n/g, '\r\n'));
      server = await rawServer((res) => writeInPieces(res, bytes, 5));
      const baseUrl = server.url.replace(/\/v1$/, '');
      const provider = new AnthropicProvider({ id: 'anthropic', apiKey: 'k', baseUrl });
      const result = await collect(provider.stream(request, new AbortController().signal));
      const sdk = new Anthropic({ apiKey: 'k', baseURL: baseUrl, maxRetries: 0 });
      const sdkDeltas: string[] = [];
      const sdkRead = (async () => {
        const events = await sdk.messages.create({
          model: 'claude',
          max_tokens: 10,
          stream: true,
          messages: [{ role: 'user', content: 'Hi' }],
        });
        for await (const event of events) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') sdkDeltas.push(event.delta.text);
        }
      })();
      if ('error' in outcome) await expect(sdkRead).rejects.toThrow(/overloaded/i);
      else await sdkRead;
      expect(sdkDeltas.length).toBeGreaterThan(0);
      expect(textDeltas(result.parts)).toEqual(sdkDeltas);
      if ('error' in outcome) expect(result.error).toMatchObject({ kind: outcome.error, retryable: true });
      else expect(result.finish?.reason.unified).toBe(outcome.finish);
      await server.close();
      server = undefined;
    }
  });

  it('a connection reset mid-answer keeps the text so far and fails as a network error', async () => {
    const bytes = answerStream('\n');
    server = await rawServer((res) => writeInPieces(res, bytes.subarray(0, bytes.indexOf('sous')), 40, () => res.socket?.destroy()));
    const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.text).toBe('Un remboursement est possible ');
    expect(result.error).toMatchObject({ kind: 'network', retryable: true });
    expect(result.error?.message).toMatch(/broke mid-answer/);
    expect(result.finish).toBeUndefined();
  });

  it('a reset before the first token is retried, and the next attempt answers', async () => {
    server = await rawServer((res, index) => {
      if (index === 0) writeInPieces(res, Buffer.from(': warming up\n\n'), 100, () => res.socket?.destroy());
      else writeInPieces(res, answerStream('\n'), 64);
    });
    const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
    const result = await collect(streamWithRetries(provider, request, new AbortController().signal, { sleep: async () => true }));
    expect(result.parts.filter((part) => part.type === 'retry')).toHaveLength(1);
    expect(result.text).toBe('Un remboursement est possible sous 14 jours — écrivez-nous 📨.');
    expect(result.finish?.reason.unified).toBe('stop');
  });

  it('answers in a row reuse one connection (read to the end, kept alive)', async () => {
    server = await rawServer((res) => writeInPieces(res, answerStream('\n'), 200));
    const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
    for (let i = 0; i < 3; i++) {
      const result = await collect(provider.stream(request, new AbortController().signal));
      expect(result.finish?.reason.unified).toBe('stop');
    }
    expect(server.connections).toBe(1);
  });

  it('an error status is still the SDK’s typed error, read from a buffered body', async () => {
    server = await rawServer((res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3', 'x-request-id': 'req_429' });
      res.end(JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o-mini.', type: 'requests', code: 'rate_limit_exceeded' } }));
    });
    const provider = new OpenAIProvider({ id: 'openai', apiKey: 'k', baseUrl: server.url });
    const result = await collect(provider.stream(request, new AbortController().signal));
    expect(result.error).toMatchObject({ kind: 'rate_limit', status: 429, retryable: true, retryAfterMs: 3000 });
    expect(result.error?.message).toMatch(/Rate limit reached/);
    expect(result.metadata).toMatchObject({ requestId: 'req_429' });
  });
});
