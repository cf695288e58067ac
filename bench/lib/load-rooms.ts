import { createInterface } from 'node:readline';
import type { AtelierProcess } from '../../tests/helpers/server-process';
import { benchMessage } from '../fake-openai';
import { createSession, inBatches, LiveClient, type BenchSession } from './live-client';
import { startTsChild } from './processes';

// The sessions of a load row (rows 5, D2 and the capacity row): each a candidate on the writer
// node and three observer sockets (two interviewers, one reviewer) on `observerNode`, the
// session started. In the first `probed` sessions the second interviewer socket is the latency
// reader's, a process of its own (bench/latency-probe.ts), so its readings carry none of this
// process's lag. Each candidate then streams one long answer (startAnswers).

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
  const rooms = await openSessions(writer, observerNode, { count: options.sessions, probed: options.probed, label: options.label });
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

/** `count` started sessions with their 4 sockets (3 when probed: the reader holds the fourth), named from `first`. */
export async function openSessions(
  writer: AtelierProcess,
  observerNode: AtelierProcess,
  options: { count: number; probed?: number; label: string; first?: number },
): Promise<LoadRoom[]> {
  const first = options.first ?? 0;
  return inBatches(Array.from({ length: options.count }), 10, async (_, i) => {
    const session = await createSession(writer, `${options.label} ${first + i}`);
    const candidate = new LiveClient(writer, session.id, session.tokens.candidate);
    const tokens =
      i < (options.probed ?? 0)
        ? [session.tokens.interviewer, session.tokens.reviewer]
        : [session.tokens.interviewer, session.tokens.interviewer, session.tokens.reviewer];
    const observers = tokens.map((t) => new LiveClient(observerNode, session.id, t));
    await candidate.connect();
    for (const o of observers) await o.connect();
    await candidate.command('session.start', {});
    return { session, candidate, observers };
  });
}

/**
 * Each room's candidate asks for one answer of `chunks` chunks, one every `intervalMs` (with
 * coalescing off: that many delta batches a second), the asks spread over `spreadMs` (a real
 * fleet does not start in one millisecond). Resolves once every ask is acknowledged; `finished`
 * once every answer has ended.
 */
export async function startAnswers(
  rooms: readonly LoadRoom[],
  options: { label: string; chunks: number; intervalMs: number; spreadMs?: number; first?: number },
): Promise<{ finished: Promise<void> }> {
  const spreadMs = options.spreadMs ?? 1000;
  const first = options.first ?? 0;
  const finished = rooms.map(
    (room) =>
      new Promise<void>((resolve) => {
        const off = room.candidate.onEvent((e) => {
          if (e.type === 'turn.completed' || e.type === 'turn.failed' || e.type === 'turn.cancelled') (off(), resolve());
        });
      }),
  );
  await Promise.all(
    rooms.map(
      (room, i) =>
        new Promise<void>((resolve, reject) =>
          setTimeout(
            () =>
              room.candidate
                .command('message.send', {
                  text: benchMessage(`${options.label}-${first + i}`, { chunks: options.chunks, intervalMs: options.intervalMs }),
                  model: 'bench/fake',
                  threadId: `${options.label}-${first + i}`,
                })
                .then(() => resolve(), reject),
            (spreadMs * i) / rooms.length,
          ),
        ),
    ),
  );
  return { finished: Promise.all(finished).then(() => {}) };
}
