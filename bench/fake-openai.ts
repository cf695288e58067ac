import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OpenAI-compatible server that streams a known number of chunks at a steady pace and
// records, with performance.now(), when it wrote each one. Each chunk's text carries its index
// (`⟦k⟧`), so a reader anywhere downstream can tell when chunk k reached it.

export interface FakeOpenAI {
  url: string;
  /** Per stream id (from the user message `bench:<id>`): the write time of each chunk. */
  sentAt: Map<string, number[]>;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  chunks: number;
  intervalMs: number;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const sentAt = new Map<string, number[]>();
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
      const id = /bench:(\S+)/.exec(body.messages.at(-1)?.content ?? '')?.[1] ?? 'anonymous';
      const times: number[] = [];
      sentAt.set(id, times);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': `req_${id}` });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      let k = 0;
      const next = () => {
        if (res.destroyed) return;
        if (k < options.chunks) {
          times.push(performance.now());
          res.write(chunk(k === 0 ? { role: 'assistant', content: `⟦${k}⟧word ` } : { content: `⟦${k}⟧word ` }));
          k++;
          setTimeout(next, options.intervalMs);
          return;
        }
        res.write(chunk({}, 'stop'));
        res.write(`data: ${JSON.stringify({ id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [], usage: { prompt_tokens: 20, completion_tokens: options.chunks * 2, total_tokens: 20 + options.chunks * 2 } })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      next();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sentAt,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The chunk indexes a piece of streamed text carries. */
export function chunkIndexes(text: string): number[] {
  return [...text.matchAll(/⟦(\d+)⟧/g)].map((m) => Number(m[1]));
}
