import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { epochNow } from './lib/stats';

// A local OpenAI-compatible server that streams a known number of chunks at a steady pace.
// Each chunk's text carries its index and the wall-clock time it was written (`⟦k@t⟧`,
// epochNow(): comparable across the processes of one machine), so a reader anywhere
// downstream — the SDK read directly, Atelier's sockets, a gateway — can tell how long chunk k
// took to reach it. The user message `bench:<id> [chunks=N] [interval=MS] [delay=MS]` names
// the stream and may override the pace.

export interface FakeOpenAI {
  url: string;
  /** Streams started so far. */
  readonly started: number;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  chunks: number;
  intervalMs: number;
  /** Delay before the first chunk (the model "thinking"); default 0. */
  firstChunkDelayMs?: number;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  let started = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake', object: 'model', created: 0, owned_by: 'bench' }] }));
        return;
      }
      const body = JSON.parse(raw) as { messages: { content: string }[] };
      const content = body.messages.at(-1)?.content ?? '';
      const id = /bench:(\S+)/.exec(content)?.[1] ?? 'anonymous';
      const param = (name: string, fallback: number) => Number(new RegExp(`${name}=(\\d+)`).exec(content)?.[1] ?? fallback);
      const chunks = param('chunks', options.chunks);
      const intervalMs = param('interval', options.intervalMs);
      const delayMs = param('delay', options.firstChunkDelayMs ?? 0);
      started++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': `req_${id}` });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      let k = 0;
      const next = () => {
        if (res.destroyed) return;
        if (k < chunks) {
          const text = `⟦${k}@${epochNow().toFixed(3)}⟧w `;
          res.write(chunk(k === 0 ? { role: 'assistant', content: text } : { content: text }));
          k++;
          setTimeout(next, intervalMs);
          return;
        }
        res.write(chunk({}, 'stop'));
        res.write(
          `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [], usage: { prompt_tokens: 20, completion_tokens: chunks * 2, total_tokens: 20 + chunks * 2 } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      if (delayMs > 0) setTimeout(next, delayMs);
      else next();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.maxRequestsPerSocket = 0;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get started() {
      return started;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ChunkStamp {
  k: number;
  /** epochNow() when the provider wrote the chunk. */
  sentAt: number;
}

const STAMP = /⟦(\d+)@([\d.]+)⟧/g;

/** The chunks a piece of streamed text carries, with their write times. */
export function chunkStamps(text: string): ChunkStamp[] {
  const stamps: ChunkStamp[] = [];
  for (const m of text.matchAll(STAMP)) stamps.push({ k: Number(m[1]), sentAt: Number(m[2]) });
  return stamps;
}

/** The streamed message that names a stream (and optionally overrides its pace). */
export function benchMessage(id: string, pace: { chunks?: number; intervalMs?: number; delayMs?: number } = {}): string {
  let text = `bench:${id}`;
  if (pace.chunks !== undefined) text += ` chunks=${pace.chunks}`;
  if (pace.intervalMs !== undefined) text += ` interval=${pace.intervalMs}`;
  if (pace.delayMs !== undefined) text += ` delay=${pace.delayMs}`;
  return text;
}
