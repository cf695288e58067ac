import { benchClientWeight, type ClientWeightResult } from './client-weight';
import { benchFanout, type FanoutResult } from './fanout';
import { benchLoad, type LoadResult } from './load';
import { benchMemory, type MemoryResult } from './memory';
import { benchRecording, type RecordingResult } from './recording';
import { benchReplay, type ReplayResult } from './replay';
import { benchStreamLatency, type LatencyRow } from './stream-latency';
import { benchTurnRate, type TurnRateResult } from './turn-rate';

// The benchmark suite: every row of issue 9's table, full size (`npm run bench`) or tiny
// (`smoke`: seconds each, the CI check that the suite still runs; no target is asserted).

export interface SuiteResult {
  smoke: boolean;
  startedAt: string;
  durationS: number;
  machine: Machine;
  latency: LatencyRow[];
  turnRate: TurnRateResult;
  fanout: FanoutResult;
  load: LoadResult;
  recording: RecordingResult;
  replay: ReplayResult;
  clientWeight: ClientWeightResult;
  memory: MemoryResult;
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  loadAverage: number[];
}

export async function machine(): Promise<Machine> {
  const os = await import('node:os');
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, ramGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) };
}

/** Provider pace for the latency rows: 50 tokens/s (a chunk every 20 ms) after a 300 ms first token, 40 chunks. */
export const REALISTIC_PACE = { chunks: 40, intervalMs: 20, delayMs: 300 };

export async function runSuite(smoke: boolean, log: (line: string) => void = console.error): Promise<SuiteResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`▶ ${name}`);
    const result = await run();
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  // Full size: one benchmark at a time (each owns the machine). Smoke: two chains at once,
  // to stay within a CI minute; the figures are not read.
  const serverChain = async () => {
    const latency = await step('1–2 stream latency (direct, Atelier, Portkey)', () =>
      benchStreamLatency(
        smoke
          ? { pace: { chunks: 3, intervalMs: 5, delayMs: 0 }, coalescingMs: [0], scenarios: [{ label: '1 stream', streams: 1, staggerMs: 0, rounds: 1, portkey: true }, { label: 'burst', streams: 5, staggerMs: 0, rounds: 1, portkey: true }] }
          : {
              pace: REALISTIC_PACE,
              coalescingMs: [50, 0],
              scenarios: [
                { label: '1 stream', streams: 1, staggerMs: 0, rounds: 10, portkey: true },
                // Starts spread over 0.5 s; each answer lasts 1.1 s, so all 100 overlap.
                { label: '100 staggered over 0.5 s', streams: 100, staggerMs: 500, rounds: 3, portkey: true },
                { label: '100 in one burst', streams: 100, staggerMs: 0, rounds: 3, portkey: true },
              ],
            },
      ),
    );
    const turnRate = await step('3 turns per second', () => benchTurnRate(smoke ? { sessions: 3, perSession: 2, seconds: 1, chunks: 3, intervalMs: 5 } : { sessions: 50, perSession: 4, seconds: 10, chunks: 5, intervalMs: 10 }));
    const fanout = await step('4 fan-out', () => benchFanout(smoke ? { observers: 3, rounds: 1, chunks: 5, intervalMs: 5 } : { observers: 10, rounds: 20, chunks: 30, intervalMs: 20 }));
    const load = await step('5 load', () => benchLoad(smoke ? { sessions: 5, seconds: 1, intervalMs: 50 } : { sessions: 200, seconds: 15, intervalMs: 50 }));
    return { latency, turnRate, fanout, load };
  };
  const otherChain = async () => {
    const recording = await step('6 recording', () => benchRecording(smoke ? { events: 2_000, batchSize: 100, latencySamples: 500, rounds: 1 } : { events: 50_000, batchSize: 100, latencySamples: 5_000, rounds: 2 }));
    const replay = await step('7 replay', () => benchReplay(smoke ? { events: 200, seeks: 50 } : { events: 20_000, seeks: 1_000 }));
    const clientWeight = await step('8 client weight', () => benchClientWeight());
    const memory = await step('9 memory per session', () => benchMemory(smoke ? { sessions: 2, turns: 1, chunks: 10 } : { sessions: 100, turns: 10, chunks: 100 }));
    return { recording, replay, clientWeight, memory };
  };
  const [first, second] = smoke ? await Promise.all([serverChain(), otherChain()]) : [await serverChain(), await otherChain()];
  const { latency, turnRate, fanout, load } = first;
  const { recording, replay, clientWeight, memory } = second;
  return { smoke, startedAt, durationS: (performance.now() - started) / 1000, machine: await machine(), latency, turnRate, fanout, load, recording, replay, clientWeight, memory };
}
