import { EventLoopLag } from '../../server/metrics/event-loop-lag';
import type { AtelierProcess } from '../../tests/helpers/server-process';
import { metrics } from './live-client';
import { divideSplit, threadWindow, type ThreadSplit } from './thread-cpu';

// One measured window of a load row, the same for Atelier and for the bare recording relay:
// the server's counters reset, `seconds` of load, then the server's event-loop lag and CPU time
// over the window (and, on Linux, that CPU time by thread), the events the candidates' sockets
// received in it, and this (the bench client's) process's own loop lag — which says when the
// client, not the server, fell behind.

export interface LoopReading {
  p50: number;
  p99: number;
  max: number;
}

/** A server under load whose loop lag and CPU time can be read over a window. */
export interface LoadedServer {
  /** Starts the window: loop lag and CPU counted from now. */
  reset(): Promise<void>;
  /** The window's loop lag and CPU milliseconds (user + system) so far, and the RSS where known. */
  read(): Promise<{ loop: LoopReading; cpuMs: number; rssMb?: number }>;
  /** The server's process id, where it runs on this machine: its threads' CPU is read from /proc. */
  pid?: number;
}

export interface WindowFigures {
  windowSeconds: number;
  serverLoop: LoopReading;
  /** Server CPU over the window, in cores. */
  serverCpu: number;
  /** Server CPU time per candidate event received: a noise-robust cost. */
  serverCpuMsPerEvent: number;
  /** The same CPU per event, split into the main thread's and the other threads' (Linux only). */
  serverThreadsMsPerEvent?: ThreadSplit;
  /** Events received by the candidates' sockets, per second. */
  eventsPerSecond: number;
  clientLoopP99: number;
  /** The server's RSS at the window's end, where the server tells it. */
  serverRssMb?: number;
}

/** Atelier's GET /api/metrics: its loop lag (less the sampler's resolution) and its process CPU. */
export function atelierServer(atelier: AtelierProcess): LoadedServer {
  let cpuFrom = 0;
  return {
    pid: atelier.pid,
    async reset() {
      const m = await metrics(atelier, { reset: true });
      cpuFrom = m.cpuMs.user + m.cpuMs.system;
    },
    async read() {
      const m = await metrics(atelier);
      const { p50, p99, max } = m.eventLoopDelayMs;
      return { loop: { p50, p99, max }, cpuMs: m.cpuMs.user + m.cpuMs.system - cpuFrom, rssMb: m.memory.rss / 2 ** 20 };
    },
  };
}

export async function measureWindow(
  server: LoadedServer,
  options: {
    seconds: number;
    /** Events received so far by the candidates' sockets. */
    events: () => number;
    /** Called just before the window opens (readers and profilers start) and just after it closes. */
    onOpen?: () => unknown;
    onClose?: () => unknown;
  },
): Promise<WindowFigures> {
  const clientLoop = new EventLoopLag();
  clientLoop.enable();
  try {
    await options.onOpen?.();
    await server.reset();
    const threads = threadWindow(server.pid);
    const eventsBefore = options.events();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, options.seconds * 1000));
    const events = options.events() - eventsBefore;
    const wall = (performance.now() - t0) / 1000;
    const { loop, cpuMs, rssMb } = await server.read();
    const split = threads.read();
    await options.onClose?.();
    return {
      windowSeconds: wall,
      serverLoop: loop,
      serverCpu: cpuMs / 1000 / wall,
      serverCpuMsPerEvent: cpuMs / Math.max(1, events),
      serverThreadsMsPerEvent: split && divideSplit(split, Math.max(1, events)),
      eventsPerSecond: events / wall,
      clientLoopP99: clientLoop.read().p99,
      serverRssMb: rssMb,
    };
  } finally {
    clientLoop.disable();
  }
}
