import { chunkStamps } from './fake-openai';
import { measureWindow } from './lib/load-window';
import type { ThreadSplit } from './lib/thread-cpu';
import { RelayLoad } from './lib/relay-load';
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
  serverThreadsMsPerEvent?: ThreadSplit;
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
  const relay = await RelayLoad.start();
  try {
    let measuring = false;
    const latency: number[] = [];
    // The first observer's socket reads latency.
    relay.onFrame((_, socket, frame) => {
      if (!measuring || socket !== 1) return;
      const receivedAt = performance.timeOrigin + performance.now();
      for (const stamp of chunkStamps(frame.event.data.text)) latency.push(receivedAt - stamp.sentAt);
    });
    const rooms = await relay.openRooms(options.sessions);
    const chunks = Math.ceil(((options.seconds + 3) * 1000) / options.intervalMs);
    await relay.startAnswers(rooms, { providerUrl: options.providerUrl, chunks, intervalMs: options.intervalMs });
    await new Promise((r) => setTimeout(r, 1500));
    const window = await measureWindow(relay.server, {
      seconds: options.seconds,
      events: () => relay.candidateEvents(),
      onOpen: () => (measuring = true),
      onClose: () => (measuring = false),
    });
    return {
      sessions: options.sessions,
      serverLoop: window.serverLoop,
      serverCpu: window.serverCpu,
      serverCpuMsPerEvent: window.serverCpuMsPerEvent,
      serverThreadsMsPerEvent: window.serverThreadsMsPerEvent,
      eventsPerSecond: window.eventsPerSecond,
      latency: { p50: percentile(latency, 50), p99: percentile(latency, 99) },
    };
  } finally {
    await relay.stop();
  }
}
