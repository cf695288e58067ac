import WebSocket from 'ws';
import { benchMessage, chunkStamps } from './fake-openai';
import { inBatches } from './lib/live-client';
import { startTsChild } from './lib/processes';
import { percentile } from './lib/stats';

// Row 5's reference, measured in the same run: the bare recording relay (bench/bare-recorder.ts)
// under the same load as Atelier — the same sessions × 4 sockets, the same fake provider
// process and pace, the same start spread and window. What it costs is what any server that
// records before it broadcasts pays on this machine; Atelier's figures are read against it.

export interface LoadReferenceResult {
  sessions: number;
  serverLoop: { p50: number; p99: number; max: number };
  serverCpu: number;
  serverCpuMsPerEvent: number;
  eventsPerSecond: number;
  /** Provider chunk → observer socket, read in this process. */
  latency: { p50: number; p99: number };
}

export async function benchLoadReference(options: {
  sessions: number;
  seconds: number;
  intervalMs: number;
  providerUrl: string;
}): Promise<LoadReferenceResult> {
  const recorder = await startTsChild<{ url: string }>('bench/bare-recorder.ts');
  const sockets: WebSocket[] = [];
  const open = async (room: number) => {
    const ws = new WebSocket(`${recorder.info.url}/?room=${room}`, { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    sockets.push(ws);
    return ws;
  };
  try {
    const rooms = await inBatches(
      Array.from({ length: options.sessions }, (_, i) => i),
      10,
      async (i) => Promise.all([open(i), open(i), open(i), open(i)]),
    );
    const control = await open(-1);
    const ask = (message: object) =>
      new Promise<{ cpuMs: number; lag: { p50: number; p99: number; max: number } }>((resolve) => {
        control.once('message', (raw) =>
          resolve((JSON.parse(raw.toString()) as { metrics: { cpuMs: number; lag: { p50: number; p99: number; max: number } } }).metrics),
        );
        control.send(JSON.stringify(message));
      });
    let measuring = false;
    let delivered = 0;
    const latency: number[] = [];
    for (const room of rooms) {
      // The candidate's socket counts deliveries; the first observer's reads latency.
      room[0]!.on('message', () => measuring && delivered++);
      room[1]!.on('message', (raw) => {
        if (!measuring) return;
        const receivedAt = performance.timeOrigin + performance.now();
        const frame = JSON.parse(raw.toString()) as { event: { data: { text: string } } };
        for (const stamp of chunkStamps(frame.event.data.text)) latency.push(receivedAt - stamp.sentAt);
      });
    }
    const chunks = Math.ceil(((options.seconds + 3) * 1000) / options.intervalMs);
    rooms.forEach((room, i) =>
      setTimeout(
        () =>
          room[0]!.send(
            JSON.stringify({
              go: { baseUrl: `${options.providerUrl}/v1`, content: benchMessage(`ref-${i}`, { chunks, intervalMs: options.intervalMs }) },
            }),
          ),
        (1000 * i) / rooms.length,
      ),
    );
    await new Promise((r) => setTimeout(r, 2500));
    control.send(JSON.stringify({ reset: true }));
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, options.seconds * 1000));
    measuring = false;
    const wall = (performance.now() - t0) / 1000;
    const after = await ask({ metrics: true });
    return {
      sessions: options.sessions,
      serverLoop: after.lag,
      serverCpu: after.cpuMs / 1000 / wall,
      serverCpuMsPerEvent: after.cpuMs / Math.max(1, delivered),
      eventsPerSecond: delivered / wall,
      latency: { p50: percentile(latency, 50), p99: percentile(latency, 99) },
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    await recorder.stop();
  }
}
