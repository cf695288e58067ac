import { createInterface } from 'node:readline';
import type { AtelierProcess } from '../../tests/helpers/server-process';
import { createSession, inBatches, LiveClient, type BenchSession } from './live-client';
import { startTsChild } from './processes';

// The sessions of a load row (rows 5 and D2): each a candidate on the writer node and three
// observer sockets (two interviewers, one reviewer) on `observerNode`, the session started. In
// the first `probed` sessions the second interviewer socket is the latency reader's, a process
// of its own (bench/latency-probe.ts), so its readings carry none of this process's lag.

export interface LoadRoom {
  session: BenchSession;
  candidate: LiveClient;
  observers: LiveClient[];
}

export interface ProbeLatency {
  p50: number;
  p99: number;
  samples: number;
  disorder: number;
}

/** The latency reader: counts from `start()`, answers what it saw at `read()`. */
export interface LatencyReader {
  start(): void;
  read(): Promise<ProbeLatency>;
  stop(): Promise<void>;
}

export async function openLoadRooms(
  writer: AtelierProcess,
  observerNode: AtelierProcess,
  options: { sessions: number; probed: number; label: string },
): Promise<{ rooms: LoadRoom[]; reader: LatencyReader }> {
  const rooms = await inBatches(Array.from({ length: options.sessions }), 10, async (_, i) => {
    const session = await createSession(writer, `${options.label} ${i}`);
    const candidate = new LiveClient(writer, session.id, session.tokens.candidate);
    const tokens =
      i < options.probed
        ? [session.tokens.interviewer, session.tokens.reviewer]
        : [session.tokens.interviewer, session.tokens.interviewer, session.tokens.reviewer];
    const observers = tokens.map((t) => new LiveClient(observerNode, session.id, t));
    await candidate.connect();
    for (const o of observers) await o.connect();
    await candidate.command('session.start', {});
    return { session, candidate, observers };
  });
  const child = await startTsChild<{ ready: boolean }>('bench/latency-probe.ts', {
    ATELIER_WS_URL: observerNode.wsUrl,
    PROBE_TARGETS: JSON.stringify(
      rooms.slice(0, options.probed).map((r) => ({ sessionId: r.session.id, token: r.session.tokens.interviewer })),
    ),
  });
  const lines = createInterface({ input: child.child.stdout! });
  const reader: LatencyReader = {
    start: () => child.child.stdin!.write('start\n'),
    read: () =>
      new Promise<ProbeLatency>((resolve) => {
        lines.once('line', (line) => resolve(JSON.parse(line)));
        child.child.stdin!.write('read\n');
      }),
    stop: () => child.stop(),
  };
  return { rooms, reader };
}
