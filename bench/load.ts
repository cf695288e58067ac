import { freePort, startAtelier } from '../tests/helpers/server-process';
import { inBatches, recordChunkLatency, serverLog } from './lib/live-client';
import { openLoadRooms, startAnswers } from './lib/load-rooms';
import { atelierServer, measureWindow } from './lib/load-window';
import { startNoiseProbe, startTsChild } from './lib/processes';
import { benchLoadReference, type LoadReferenceResult } from './load-reference';
import { startWindowProfile, type WindowProfiler } from './lib/window-profile';
import type { ThreadSplit } from './lib/thread-cpu';
import { percentile } from './lib/stats';

// Row 5 and issue 6 item 7: load. `sessions` live sessions, each a candidate and 3 observers
// (2 interviewer sockets, 1 reviewer) — real sockets from this process. Each candidate
// streams one long answer from the fake provider (its own process) at one chunk every 50 ms
// with coalescing off, so every session records and fans out 20 delta batches a second.
// Starts are spread over one second (a real fleet does not start in one millisecond).
// Measured over the steady window: the server's event-loop delay, CPU and RSS (GET
// /api/metrics), an idle probe process's event-loop delay (the machine's noise, same window),
// provider chunk → interviewer socket latency, and per client: no lost, repeated or reordered
// event (seqs strictly increasing and equal to the log its role may read).

/** Sessions whose latency is read by the probe process (one interviewer socket each). */
const PROBED_SESSIONS = 20;

export interface LoadResult {
  sessions: number;
  sockets: number;
  batchesPerSecondPerSession: number;
  windowSeconds: number;
  serverLoop: { p50: number; p99: number; max: number };
  noiseLoop: { p50: number; p99: number; max: number };
  clientLoopP99: number;
  serverCpu: number;
  /** Server CPU time per delta event recorded and fanned out to its 4 sockets: a noise-robust cost. */
  serverCpuMsPerEvent: number;
  /** That CPU per event, the main thread's and the other threads' (Linux only). */
  serverThreadsMsPerEvent?: ThreadSplit;
  rssMb: number;
  eventsPerSecond: number;
  /** Provider chunk → interviewer socket, read by a process of its own (bench/latency-probe.ts). */
  interviewerLatency: { p50: number; p99: number; samples: number; sessions: number; disorder: number };
  /** The same, read in the load's own process (800 sockets): includes that process's lag. */
  interviewerLatencyInLoadProcess: { p50: number; p99: number };
  candidateLatency: { p50: number; p99: number };
  lost: number;
  reordered: number;
  clientsChecked: number;
  /** The bare recording relay under the same load, same run (bench/load-reference.ts). */
  reference: LoadReferenceResult;
}

export async function benchLoad(options: { sessions: number; seconds: number; intervalMs: number }): Promise<LoadResult> {
  const provider = await startTsChild<{ url: string }>('bench/fake-openai-process.ts');
  // The reference first, alone on the machine, then Atelier under the same load.
  let reference: LoadReferenceResult;
  try {
    reference = await benchLoadReference({ ...options, providerUrl: provider.info.url });
  } catch (error) {
    await provider.stop();
    throw error;
  }
  // ATELIER_BENCH_PROFILE=<file>: a CPU profile of the server over the measured window only.
  const profileFile = process.env.ATELIER_BENCH_PROFILE;
  const inspectorPort = profileFile ? await freePort() : 0;
  const atelier = await startAtelier({
    fakeProviderUrl: provider.info.url,
    env: { ATELIER_DELTA_INTERVAL_MS: '0' },
    nodeArgs: profileFile ? [`--inspect=127.0.0.1:${inspectorPort}`] : [],
  });
  const probe = await startNoiseProbe();
  try {
    const probed = Math.min(PROBED_SESSIONS, options.sessions);
    const { rooms, reader } = await openLoadRooms(atelier, atelier, { sessions: options.sessions, probed, label: 'load' });
    const interviewer: number[] = [];
    const candidateLatency: number[] = [];
    let measuring = false;
    for (const room of rooms) {
      recordChunkLatency(room.candidate, candidateLatency, () => measuring);
      recordChunkLatency(room.observers[0]!, interviewer, () => measuring);
    }
    const chunks = Math.ceil(((options.seconds + 3) * 1000) / options.intervalMs);
    const { finished } = await startAnswers(rooms, { label: 'load', chunks, intervalMs: options.intervalMs });
    await new Promise((r) => setTimeout(r, 1500));
    let profiler: WindowProfiler | null = null;
    const window = await measureWindow(atelierServer(atelier), {
      seconds: options.seconds,
      events: () => rooms.reduce((a, r) => a + r.candidate.eventsReceived, 0),
      onOpen: async () => {
        probe.reset();
        reader.start();
        profiler = profileFile ? await startWindowProfile(inspectorPort) : null;
        measuring = true;
      },
      onClose: async () => {
        measuring = false;
        await profiler?.stop(profileFile!);
      },
    });
    const noise = await probe.read();
    const probeLatency = await reader.read();
    await reader.stop();
    await finished;
    // Every client against the log its role may read.
    let lost = 0;
    let reordered = 0;
    let checked = 0;
    for (const room of rooms) {
      const logs = {
        candidate: await serverLog(atelier, room.session.id, room.session.tokens.candidate),
        staff: await serverLog(atelier, room.session.id, room.session.tokens.interviewer),
      };
      for (const [client, log] of [[room.candidate, logs.candidate], ...room.observers.map((o) => [o, logs.staff] as const)] as const) {
        const got = new Set(client.seqs);
        lost += log.filter((e) => !got.has(e.seq)).length;
        reordered += client.disorder;
        checked++;
      }
    }
    await inBatches(rooms, 50, async (r) => Promise.all([r.candidate.close(), ...r.observers.map((o) => o.close())]));
    return {
      sessions: options.sessions,
      sockets: options.sessions * 4,
      batchesPerSecondPerSession: 1000 / options.intervalMs,
      windowSeconds: window.windowSeconds,
      serverLoop: window.serverLoop,
      noiseLoop: noise,
      clientLoopP99: window.clientLoopP99,
      serverCpu: window.serverCpu,
      serverCpuMsPerEvent: window.serverCpuMsPerEvent,
      serverThreadsMsPerEvent: window.serverThreadsMsPerEvent,
      rssMb: window.serverRssMb ?? NaN,
      eventsPerSecond: window.eventsPerSecond,
      interviewerLatency: {
        p50: probeLatency.p50,
        p99: probeLatency.p99,
        samples: probeLatency.samples,
        sessions: probed,
        disorder: probeLatency.disorder,
      },
      interviewerLatencyInLoadProcess: { p50: percentile(interviewer, 50), p99: percentile(interviewer, 99) },
      candidateLatency: { p50: percentile(candidateLatency, 50), p99: percentile(candidateLatency, 99) },
      lost,
      reordered,
      clientsChecked: checked,
      reference,
    };
  } finally {
    await probe.stop();
    await atelier.stop();
    await provider.stop();
  }
}
