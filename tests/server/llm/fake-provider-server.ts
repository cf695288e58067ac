// A tiny HTTP server on 127.0.0.1:0 that plays a provider: it serves scripted responses
// (SSE fixtures, JSON errors, headers, delays, silence) to the real, unmodified SDKs,
// records each request, and reports when the client closed the connection early.
// Reused by the benchmarks: keep it dependency-free and cheap per request.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json) or raw text. */
  body?: unknown;
  /** SSE text; sent one event (blank-line separated block) at a time. */
  sse?: string;
  /** Wait before sending the status line and headers. */
  headersDelayMs?: number;
  /** Wait before each SSE event. */
  eventDelayMs?: number;
  /** After the scripted events, keep the connection open and send nothing more. */
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** True once the client closed the connection before the response was complete. */
  closedByClient: boolean;
  /** Resolves when the exchange ends, either way. */
  ended: Promise<void>;
}

export type Script = ScriptedResponse[] | ((request: RecordedRequest, index: number) => ScriptedResponse);

export interface FakeProviderServer {
  /** `http://127.0.0.1:<port>`: append `/v1` for OpenAI-style clients. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/providers/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export function jsonFixture(name: string): unknown {
  return JSON.parse(fixture(name));
}

/** Splits SSE text into events, each with its terminating blank line. */
export function sseEvents(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\n+/)
    .filter((block) => block.trim() !== '')
    .map((block) => `${block}\n\n`);
}

export async function startFakeProviderServer(script: Script): Promise<FakeProviderServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let resolveEnded!: () => void;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: parseJson(raw),
      closedByClient: false,
      ended: new Promise((resolve) => (resolveEnded = resolve)),
    };
    res.on('close', () => {
      if (!res.writableEnded) recorded.closedByClient = true;
      resolveEnded();
    });
    const index = requests.push(recorded) - 1;
    const response = Array.isArray(script) ? script[Math.min(index, script.length - 1)] : script(recorded, index);
    if (!response) {
      res.writeHead(500).end('no scripted response');
      return;
    }
    await delay(response.headersDelayMs);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers };
    if (response.sse !== undefined) {
      res.writeHead(response.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
      res.flushHeaders();
      for (const event of sseEvents(response.sse)) {
        await delay(response.eventDelayMs);
        if (res.destroyed) return;
        res.write(event);
      }
      if (!response.hang) res.end();
      return;
    }
    const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? {});
    const contentType = typeof response.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(response.status ?? 200, { 'content-type': contentType, ...headers });
    if (response.hang) res.flushHeaders();
    else res.end(text);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function delay(ms: number | undefined): Promise<void> {
  return ms ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
