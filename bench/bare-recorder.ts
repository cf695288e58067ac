import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import OpenAI from 'openai';
import { WebSocketServer, type WebSocket } from 'ws';
import { EventLoopLag } from '../server/metrics/event-loop-lag';
import { openRelayEvents } from './lib/relay-events';

// Row 5's reference: the least a *recording* relay can do under the same load. Like the bare
// relay (bench/bare-relay.ts) it reads the fake provider with the same SDK and sends each
// chunk as the same `event` frame to the sockets of its room; unlike it, it first commits each
// chunk to SQLite (Atelier's events table, WAL, a transaction per loop turn), as
// write-before-broadcast requires. No reducer, no audience rule, no commands.
// A socket joins room N at `/?room=N`; `{"go":{baseUrl,content}}` starts that room's stream;
// `{"stop":true}` ends it (the capacity row's bisection takes sessions away); `{"metrics":true}`
// answers `{cpuMs, lag}` since the last `{"reset":true}`. Exits when stdin closes.
// ATELIER_BENCH_REFERENCE_PROFILE=<file>: a CPU profile of that window, to read beside Atelier's
// (ATELIER_BENCH_PROFILE) with bench/profile-summary.ts.

const log = openRelayEvents();
const { db, insert } = log;

interface Pending {
  room: string;
  seq: number;
  at: number;
  data: string;
}
const rooms = new Map<string, { sockets: Set<WebSocket>; seq: number; stream?: AbortController }>();
let pending: Pending[] = [];
const commit = db.transaction((rows: Pending[]) => {
  if (process.env.NO_REC !== '1')
    for (const row of rows) insert.run(row.room, row.seq, row.at, 'turn.delta', '{"role":"system"}', row.data);
});

function flush(): void {
  const rows = pending;
  pending = [];
  commit(rows);
  for (const row of rows) {
    const frame = `{"type":"event","event":{"seq":${row.seq},"at":${row.at},"type":"turn.delta","actor":{"role":"system"},"data":${row.data}}}`;
    for (const ws of rooms.get(row.room)!.sockets) ws.send(frame);
  }
}

function record(room: string, text: string): void {
  const state = rooms.get(room)!;
  if (pending.length === 0) setImmediate(flush);
  pending.push({ room, seq: ++state.seq, at: Date.now(), data: JSON.stringify({ turnId: `turn_${room}`, text }) });
}

async function stream(room: string, baseURL: string, content: string): Promise<void> {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL, maxRetries: 0 });
  const stop = new AbortController();
  rooms.get(room)!.stream = stop;
  try {
    const chunks = await client.chat.completions.create(
      { model: 'fake', stream: true, messages: [{ role: 'user', content }] },
      { signal: stop.signal },
    );
    for await (const chunk of chunks) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) record(room, text);
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  }
}

const profileFile = process.env.ATELIER_BENCH_REFERENCE_PROFILE;
const profiler = profileFile ? new Session() : null;
profiler?.connect();

const lag = new EventLoopLag();
lag.enable();
let cpuFrom = process.cpuUsage();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await new Promise((resolve) => wss.once('listening', resolve));
wss.on('connection', (ws, request) => {
  const room = new URL(request.url ?? '/', 'http://localhost').searchParams.get('room') ?? '0';
  if (!rooms.has(room)) rooms.set(room, { sockets: new Set(), seq: 0 });
  rooms.get(room)!.sockets.add(ws);
  ws.on('close', () => rooms.get(room)?.sockets.delete(ws));
  ws.on('message', async (raw) => {
    const message = JSON.parse(raw.toString()) as {
      go?: { baseUrl: string; content: string };
      stop?: boolean;
      reset?: boolean;
      metrics?: boolean;
    };
    if (message.go) void stream(room, message.go.baseUrl, message.go.content);
    if (message.stop) rooms.get(room)!.stream?.abort();
    if (message.reset) {
      if (profiler) {
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
        await profiler.post('Profiler.start');
      }
      lag.reset();
      cpuFrom = process.cpuUsage();
    }
    if (message.metrics) {
      const cpu = process.cpuUsage(cpuFrom);
      if (profiler) writeFileSync(profileFile!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
      ws.send(JSON.stringify({ metrics: { cpuMs: (cpu.user + cpu.system) / 1000, lag: lag.read() } }));
    }
  });
});

const { port } = wss.address() as { port: number };
process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${port}` })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  log.remove();
  process.exit(0);
});
