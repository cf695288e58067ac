import os from 'node:os';
import { benchCapacity, type CapacityResult } from './capacity';
import { benchClientWeight, type ClientWeightResult } from './client-weight';
import { benchDistributedLoad, type DistributedLoadResult } from './distributed-load';
import { benchFanout, type FanoutResult } from './fanout';
import { benchLoad, type LoadResult } from './load';
import { benchMemory, type MemoryResult } from './memory';
import { benchRecording, type RecordingResult } from './recording';
import { benchReplay, type ReplayResult } from './replay';
import { benchStreamLatency, type LatencyRow } from './stream-latency';
import { benchTurnRate, type TurnRateResult } from './turn-rate';
import { runRows, type RowSpec } from './runner';

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
  /** Issue 21: a 100,000-event session (not in the smoke run's assertions). */
  replayLong?: ReplayResult;
  clientWeight: ClientWeightResult;
  memory: MemoryResult;
  /** Issue 20: row 5's load on SQLite and on PostgreSQL + Redis, same run. */
  distributedLoad?: DistributedLoadResult;
  /** Issue 21: the most row-5 sessions one process holds at loop lag p99 < 20 ms, Atelier and the bare relay. */
  capacity?: CapacityResult;
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  loadAverage: number[];
}

export function machineNow(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export async function machine(): Promise<Machine> {
  return machineNow();
}

/** Provider pace for the latency rows: 50 tokens/s (a chunk every 20 ms) after a 300 ms first token, 40 chunks. */
export const REALISTIC_PACE = { chunks: 40, intervalMs: 20, delayMs: 300 };

export type SuiteParts = Pick<
  SuiteResult,
  | 'latency'
  | 'turnRate'
  | 'fanout'
  | 'load'
  | 'recording'
  | 'replay'
  | 'replayLong'
  | 'clientWeight'
  | 'memory'
  | 'distributedLoad'
  | 'capacity'
>;

/** The part of the results each row fills. */
const PART_OF_ROW: Record<string, keyof SuiteParts> = {
  latency: 'latency',
  'turn-rate': 'turnRate',
  fanout: 'fanout',
  load: 'load',
  D2: 'distributedLoad',
  recording: 'recording',
  replay: 'replay',
  'replay-long': 'replayLong',
  'client-weight': 'clientWeight',
  memory: 'memory',
  capacity: 'capacity',
};

/** Only what row `id` measured, of the parts a run has filled so far. */
export function partOfRow(parts: Partial<SuiteParts>, id: string): Partial<SuiteParts> {
  const key = PART_OF_ROW[id];
  return key && parts[key] !== undefined ? { [key]: parts[key] } : {};
}

/**
 * The rows, in the order a full run takes them, each filling its part of `parts` when measured.
 * Chain `server` starts Atelier processes under load; chain `other` does not (smoke runs them side by side).
 */
export function suiteRows(smoke: boolean, parts: Partial<SuiteParts>): RowSpec[] {
  return [
    {
      id: 'latency',
      title: '1–2 stream latency (direct, Atelier, Portkey)',
      chain: 'server',
      run: async () =>
        (parts.latency = await benchStreamLatency(
          smoke
            ? {
                pace: { chunks: 3, intervalMs: 5, delayMs: 0 },
                coalescingMs: [0],
                scenarios: [
                  { label: '1 stream', streams: 1, staggerMs: 0, rounds: 1, portkey: true },
                  { label: 'burst', streams: 5, staggerMs: 0, rounds: 1, portkey: true },
                ],
              }
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
        )),
    },
    {
      id: 'turn-rate',
      title: '3 turns per second',
      chain: 'server',
      run: async () =>
        (parts.turnRate = await benchTurnRate(
          smoke
            ? { sessions: 3, perSession: 2, seconds: 1, chunks: 3, intervalMs: 5 }
            : { sessions: 50, perSession: 4, seconds: 10, chunks: 5, intervalMs: 10 },
        )),
    },
    {
      id: 'fanout',
      title: '4 fan-out',
      chain: 'server',
      run: async () =>
        (parts.fanout = await benchFanout(
          smoke ? { observers: 3, rounds: 1, chunks: 5, intervalMs: 5 } : { observers: 10, rounds: 20, chunks: 30, intervalMs: 20 },
        )),
    },
    {
      id: 'load',
      title: '5 load',
      chain: 'server',
      run: async () =>
        (parts.load = await benchLoad(
          smoke ? { sessions: 5, seconds: 1, intervalMs: 50 } : { sessions: 200, seconds: 15, intervalMs: 50 },
        )),
    },
    {
      id: 'D2',
      title: 'D2 load on SQLite and on PostgreSQL + Redis',
      chain: 'server',
      // 50 sessions × 4 sockets: a quarter of row 5, what this 2-core machine holds twice in a run.
      run: async () =>
        (parts.distributedLoad = await benchDistributedLoad(
          smoke ? { sessions: 3, seconds: 1, intervalMs: 50 } : { sessions: 50, seconds: 15, intervalMs: 50, observersOn: 'writer' },
        )),
    },
    {
      id: 'capacity',
      title: '5C capacity: sessions one process holds at loop lag p99 < 20 ms',
      chain: 'server',
      // Coarse steps (100 sessions, then 200), one window each, and one halfway try: ~3–6 min in all.
      run: async () =>
        (parts.capacity = await benchCapacity(
          smoke
            ? { steps: [2, 4], settleSeconds: 0.5, windowSeconds: 1, intervalMs: 50, bisect: false, budgetSeconds: 30 }
            : {
                steps: [100, 200, 300, 400, 600, 800, 1000, 1200],
                settleSeconds: 1.5,
                windowSeconds: 8,
                intervalMs: 50,
                bisect: true,
                budgetSeconds: 150,
              },
        )),
    },
    {
      id: 'recording',
      title: '6 recording',
      chain: 'other',
      run: async () =>
        (parts.recording = await benchRecording(
          smoke
            ? { events: 2_000, batchSize: 100, latencySamples: 500, rounds: 1 }
            : { events: 50_000, batchSize: 100, latencySamples: 5_000, rounds: 2 },
        )),
    },
    {
      id: 'replay',
      title: '7 replay',
      chain: 'other',
      run: async () => (parts.replay = await benchReplay(smoke ? { events: 200, seeks: 50 } : { events: 20_000, seeks: 1_000 })),
    },
    {
      id: 'replay-long',
      title: '7 replay of a 100,000-event session, and its live room’s memory',
      chain: 'other',
      run: async () =>
        (parts.replayLong = await benchReplay(
          smoke ? { events: 300, seeks: 20, memory: true } : { events: 100_000, seeks: 1_000, memory: true },
        )),
    },
    { id: 'client-weight', title: '8 client weight', chain: 'other', run: async () => (parts.clientWeight = await benchClientWeight()) },
    {
      id: 'memory',
      title: '9 memory per session',
      chain: 'other',
      run: async () =>
        (parts.memory = await benchMemory(smoke ? { sessions: 2, turns: 1, chunks: 10 } : { sessions: 100, turns: 10, chunks: 100 })),
    },
  ];
}

/**
 * The whole suite in one call (the smoke test): every row, and an error naming each row that
 * failed. Full size, one row at a time (each owns the machine); smoke, the two chains at once,
 * to stay within a CI minute.
 */
export async function runSuite(smoke: boolean, log: (line: string) => void = console.error): Promise<SuiteResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const parts: Partial<SuiteParts> = {};
  const outcomes = await runRows(suiteRows(smoke, parts), { parallel: smoke, log });
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) throw new Error(`Bench rows failed: ${failed.map((o) => `${o.id}: ${o.ok ? '' : o.error}`).join('\n')}`);
  const { latency, turnRate, fanout, load, recording, replay, clientWeight, memory } = parts;
  if (!latency || !turnRate || !fanout || !load || !recording || !replay || !clientWeight || !memory)
    throw new Error('A bench row measured nothing.');
  return {
    smoke,
    startedAt,
    durationS: (performance.now() - started) / 1000,
    machine: await machine(),
    latency,
    turnRate,
    fanout,
    load,
    recording,
    replay,
    replayLong: parts.replayLong,
    distributedLoad: parts.distributedLoad,
    capacity: parts.capacity,
    clientWeight,
    memory,
  };
}
