import WebSocket from 'ws';
import type { AtelierProcess } from '../../tests/helpers/server-process';
import { chunkStamps } from '../fake-openai';

// A real participant over a real socket: opens the live channel with an invite token, says
// hello with the last seq it holds, and checks what it receives — seqs strictly increasing,
// never twice — so any benchmark can count lost or reordered events.

export interface BenchSession {
  id: string;
  tokens: { candidate: string; interviewer: string; reviewer: string };
}

export async function createSession(atelier: AtelierProcess, name = 'bench'): Promise<BenchSession> {
  const response = await fetch(`${atelier.url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${atelier.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ candidateName: name }),
  });
  if (!response.ok) throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { id: string; invites: Record<'candidate' | 'interviewer' | 'reviewer', { token: string }> };
  return {
    id: body.id,
    tokens: { candidate: body.invites.candidate.token, interviewer: body.invites.interviewer.token, reviewer: body.invites.reviewer.token },
  };
}

export interface WireEvent {
  seq: number;
  at: number;
  type: string;
  data: { turnId?: string; text?: string; [key: string]: unknown };
}

type Frame = { type: string; id?: string; code?: string; event?: WireEvent; events?: WireEvent[]; headSeq?: number };

export class LiveClient {
  ws!: WebSocket;
  /** Seqs received, in arrival order, over every connection of this client. */
  readonly seqs: number[] = [];
  lastSeq = 0;
  /** A seq that came twice or out of order. */
  disorder = 0;
  framesReceived = 0;
  /** Events received (a batch frame carries several). */
  eventsReceived = 0;
  private eventListeners = new Set<(event: WireEvent, receivedAt: number) => void>();
  private frameListeners = new Set<(frame: Frame) => void>();

  constructor(
    private readonly atelier: AtelierProcess,
    readonly sessionId: string,
    readonly token: string,
  ) {}

  /** Connects (or reconnects) and resolves once welcomed. */
  async connect(): Promise<void> {
    const ws = new WebSocket(`${this.atelier.wsUrl}/api/sessions/${this.sessionId}/live`, {
      headers: { authorization: `Bearer ${this.token}` },
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('message', (data) => {
      const receivedAt = performance.now();
      this.framesReceived++;
      const frame = JSON.parse(data.toString()) as Frame;
      // A batch frame is one commit's events: read as that many event frames.
      const events = frame.type === 'event' && frame.event ? [frame.event] : frame.type === 'batch' && frame.events ? frame.events : [];
      this.eventsReceived += events.length;
      for (const event of events) {
        const { seq } = event;
        if (seq <= this.lastSeq) this.disorder++;
        else this.lastSeq = seq;
        this.seqs.push(seq);
        for (const l of this.eventListeners) l(event, receivedAt);
      }
      for (const l of this.frameListeners) l(frame);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const welcomed = this.until((f) => f.type === 'welcome');
    ws.send(JSON.stringify({ type: 'hello', lastSeq: this.lastSeq }));
    await welcomed;
  }

  onEvent(listener: (event: WireEvent, receivedAt: number) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  until(match: (frame: Frame) => boolean, timeoutMs = 60_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.frameListeners.delete(listener);
        reject(new Error('timed out waiting for a frame'));
      }, timeoutMs);
      const listener = (frame: Frame) => {
        if (!match(frame)) return;
        clearTimeout(timer);
        this.frameListeners.delete(listener);
        resolve(frame);
      };
      this.frameListeners.add(listener);
    });
  }

  /** Sends a command and resolves with its ack (rejects on an error frame). */
  async command(name: string, data: object, id = `c${Math.random().toString(36).slice(2)}`): Promise<Frame> {
    const answer = this.until((f) => (f.type === 'ack' || f.type === 'error') && f.id === id);
    this.ws.send(JSON.stringify({ type: 'command', id, name, data }));
    const frame = await answer;
    if (frame.type === 'error') throw new Error(`${name} refused: ${frame.code}`);
    return frame;
  }

  /** Drops the connection without a goodbye (a network cut), resolving once closed. */
  async drop(): Promise<void> {
    const closed = new Promise((r) => this.ws.once('close', r));
    this.ws.terminate();
    await closed;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((r) => this.ws.once('close', r));
    this.ws.close();
    await closed;
  }
}

/** The session's log as `token`'s role may see it (the REST read, not the socket). */
export async function serverLog(atelier: AtelierProcess, sessionId: string, token: string): Promise<WireEvent[]> {
  const response = await fetch(`${atelier.url}/api/sessions/${sessionId}/events`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET events: ${response.status}`);
  const body = (await response.json()) as { events: WireEvent[] } | WireEvent[];
  return Array.isArray(body) ? body : body.events;
}

export interface ServerMetrics {
  now: number;
  uptimeMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number; windowMs: number };
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  cpuMs: { user: number; system: number };
}

export async function metrics(atelier: AtelierProcess, query: { reset?: boolean; gc?: boolean } = {}): Promise<ServerMetrics> {
  const qs = new URLSearchParams();
  if (query.reset) qs.set('reset', 'true');
  if (query.gc) qs.set('gc', 'true');
  const response = await fetch(`${atelier.url}/api/metrics?${qs}`, { headers: { authorization: `Bearer ${atelier.adminToken}` } });
  if (!response.ok) throw new Error(`GET /api/metrics: ${response.status}`);
  return (await response.json()) as ServerMetrics;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

/**
 * Records, into `samples`, how long each provider chunk took to reach this client's socket
 * (the chunk's write stamp, see fake-openai.ts, against the frame's arrival), while `measuring()`.
 */
export function recordChunkLatency(client: LiveClient, samples: number[], measuring: () => boolean): void {
  client.onEvent((event, receivedAt) => {
    if (!measuring() || event.type !== 'turn.delta') return;
    for (const stamp of chunkStamps(event.data.text ?? '')) samples.push(performance.timeOrigin + receivedAt - stamp.sentAt);
  });
}
