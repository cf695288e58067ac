import WebSocket from 'ws';
import { benchMessage } from '../fake-openai';
import type { LoadedServer, LoopReading } from './load-window';
import { inBatches } from './live-client';
import { startTsChild, type Child } from './processes';

// The bare recording relay (bench/bare-recorder.ts) under a load row's shape, driven from this
// process: rooms of 4 sockets (the candidate's and 3 observers'), each room streaming one long
// answer from the fake provider. Every socket parses every frame and checks its seqs, as
// Atelier's LiveClient does, so the bench client costs the same on both sides.

export interface RelaySocket {
  ws: WebSocket;
  events: number;
  lastSeq: number;
  disorder: number;
}

interface RelayFrame {
  event: { seq: number; data: { text: string } };
}

export class RelayLoad {
  /** rooms[i][0] is the candidate's socket. */
  readonly rooms: RelaySocket[][] = [];
  readonly server: LoadedServer;
  private readonly frameListeners = new Set<(room: number, socket: number, frame: RelayFrame) => void>();

  private constructor(
    private readonly recorder: Child<{ url: string }>,
    private readonly control: WebSocket,
  ) {
    const ask = () =>
      new Promise<{ cpuMs: number; lag: LoopReading }>((resolve) => {
        control.once('message', (raw) => resolve((JSON.parse(raw.toString()) as { metrics: { cpuMs: number; lag: LoopReading } }).metrics));
        control.send(JSON.stringify({ metrics: true }));
      });
    this.server = {
      pid: recorder.child.pid,
      reset: async () => control.send(JSON.stringify({ reset: true })),
      read: async () => {
        const { cpuMs, lag } = await ask();
        return { loop: { p50: lag.p50, p99: lag.p99, max: lag.max }, cpuMs };
      },
    };
  }

  static async start(): Promise<RelayLoad> {
    const recorder = await startTsChild<{ url: string }>('bench/bare-recorder.ts');
    try {
      const control = new WebSocket(`${recorder.info.url}/?room=-1`, { perMessageDeflate: false });
      await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
      return new RelayLoad(recorder, control);
    } catch (error) {
      await recorder.stop();
      throw error;
    }
  }

  /** Every frame any room socket receives (socket 0 is the candidate's). */
  onFrame(listener: (room: number, socket: number, frame: RelayFrame) => void): void {
    this.frameListeners.add(listener);
  }

  /** Events received by the candidates' sockets so far. */
  candidateEvents(): number {
    return this.rooms.reduce((sum, room) => sum + room[0]!.events, 0);
  }

  /** Opens rooms until there are `total`; returns the indices of the new ones. */
  async openRooms(total: number): Promise<number[]> {
    const fresh = Array.from({ length: Math.max(0, total - this.rooms.length) }, (_, i) => this.rooms.length + i);
    const opened = await inBatches(fresh, 10, async (room) => Promise.all([0, 1, 2, 3].map((s) => this.open(room, s))));
    fresh.forEach((room, i) => (this.rooms[room] = opened[i]!));
    return fresh;
  }

  /** Starts one answer in each of `rooms`, the starts spread over `spreadMs`; resolves once all are asked. */
  async startAnswers(rooms: readonly number[], options: { providerUrl: string; chunks: number; intervalMs: number; spreadMs?: number }) {
    const spreadMs = options.spreadMs ?? 1000;
    await Promise.all(
      rooms.map(
        (room, i) =>
          new Promise<void>((resolve) =>
            setTimeout(
              () => {
                const content = benchMessage(`ref-${room}`, { chunks: options.chunks, intervalMs: options.intervalMs });
                this.rooms[room]![0]!.ws.send(JSON.stringify({ go: { baseUrl: `${options.providerUrl}/v1`, content } }));
                resolve();
              },
              (spreadMs * i) / rooms.length,
            ),
          ),
      ),
    );
  }

  /** Stops the answers of the rooms past the first `total` and closes their sockets. */
  async closeRoomsFrom(total: number): Promise<void> {
    for (const room of this.rooms.splice(total)) {
      room[0]!.ws.send(JSON.stringify({ stop: true }));
      await Promise.all(room.map((s) => new Promise((r) => (s.ws.once('close', r), s.ws.close()))));
    }
  }

  async stop(): Promise<void> {
    for (const room of this.rooms) for (const s of room) s.ws.terminate();
    this.control.terminate();
    await this.recorder.stop();
  }

  private async open(room: number, index: number): Promise<RelaySocket> {
    const ws = new WebSocket(`${this.recorder.info.url}/?room=${room}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const socket: RelaySocket = { ws, events: 0, lastSeq: 0, disorder: 0 };
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as RelayFrame;
      socket.events++;
      if (frame.event.seq <= socket.lastSeq) socket.disorder++;
      else socket.lastSeq = frame.event.seq;
      for (const l of this.frameListeners) l(room, index, frame);
    });
    return socket;
  }
}
