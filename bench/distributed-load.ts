import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startAtelier, type AtelierProcess } from '../tests/helpers/server-process';
import { createTestDatabase } from '../tests/helpers/test-database';
import { inBatches, metrics, serverLog } from './lib/live-client';
import { openLoadRooms, startAnswers } from './lib/load-rooms';
import { startNoiseProbe, startTsChild } from './lib/processes';

// Row D2 (issue 20 item 6): row 5's load shape — each session a candidate streaming one long
// answer (a chunk every `intervalMs`, coalescing off) and 3 observer sockets (2 interviewers, 1
// reviewer) — at a size this 2-core machine holds, against two servers in the same run: one on
// SQLite (the embedded default), one on PostgreSQL (a fresh database, created and dropped here)
// with REDIS_URL (a key prefix of its own, deleted afterwards). Measured over the steady window,
// per server: CPU per delta event (the server process's CPU time / candidate events), provider
// delta → observer socket latency read by a process of its own (bench/latency-probe.ts), the
// server's event-loop lag; and every client's seqs against the log.
//
// `observersOn`: which node the observers connect to. 'writer' today; 'second' starts another
// node on the same database and Redis and puts every observer socket on it (cross-node fan-out,
// issue 20 item 3), the SQLite side keeping its observers on its one node.

export type ObserverNode = 'writer' | 'second';

export interface DistributedLoadOptions {
  sessions: number;
  seconds: number;
  intervalMs: number;
  observersOn?: ObserverNode;
}

export interface EngineLoad {
  engine: 'sqlite' | 'postgres+redis';
  /** Where the observers were connected: the writer node, or a second node. */
  observersOn: ObserverNode;
  windowSeconds: number;
  /** Server CPU (user + system) over the window, in cores; with observers on a second node, both nodes'. */
  serverCpu: number;
  serverCpuMsPerEvent: number;
  eventsPerSecond: number;
  /** Provider delta → observer socket, read by a process of its own (one interviewer socket per probed session). */
  observerLatency: { p50: number; p99: number; samples: number; sessions: number; disorder: number };
  /** The writer node's event-loop delay. */
  serverLoop: { p50: number; p99: number; max: number };
  /** An idle probe process's own lag over the same window: the machine's noise. */
  noiseLoopP99: number;
  lost: number;
  reordered: number;
  clientsChecked: number;
}

export interface DistributedLoadResult {
  sessions: number;
  sockets: number;
  batchesPerSecondPerSession: number;
  sqlite: EngineLoad;
  postgres: EngineLoad;
}

/** Sessions whose latency the probe process reads (one interviewer socket each). */
const PROBED_SESSIONS = 10;

export const BENCH_REDIS_URL = process.env.ATELIER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function benchDistributedLoad(options: DistributedLoadOptions): Promise<DistributedLoadResult> {
  const provider = await startTsChild<{ url: string }>('bench/fake-openai-process.ts');
  try {
    const sqlite = await measureEngine('sqlite', options, provider.info.url);
    const postgres = await measureEngine('postgres+redis', options, provider.info.url);
    return {
      sessions: options.sessions,
      sockets: options.sessions * 4,
      batchesPerSecondPerSession: 1000 / options.intervalMs,
      sqlite,
      postgres,
    };
  } finally {
    await provider.stop();
  }
}

async function measureEngine(engine: EngineLoad['engine'], options: DistributedLoadOptions, providerUrl: string): Promise<EngineLoad> {
  const env = { ATELIER_DELTA_INTERVAL_MS: '0' };
  if (engine === 'sqlite') {
    const atelier = await startAtelier({ fakeProviderUrl: providerUrl, env });
    try {
      return await measureLoad(engine, atelier, atelier, 'writer', options);
    } finally {
      await atelier.stop();
    }
  }
  const database = await createTestDatabase();
  const prefix = `atelier-bench-${randomBytes(4).toString('hex')}:`;
  const shared = { ...env, DATABASE_URL: database.url, REDIS_URL: BENCH_REDIS_URL, ATELIER_REDIS_PREFIX: prefix };
  const nodes: AtelierProcess[] = [];
  try {
    nodes.push(await startAtelier({ fakeProviderUrl: providerUrl, env: { ...shared, ATELIER_NODE_ID: 'bench-d2-writer' } }));
    const observersOn = options.observersOn ?? 'writer';
    if (observersOn === 'second')
      nodes.push(await startAtelier({ fakeProviderUrl: providerUrl, env: { ...shared, ATELIER_NODE_ID: 'bench-d2-observers' } }));
    return await measureLoad(engine, nodes[0]!, nodes.at(-1)!, observersOn, options);
  } finally {
    for (const node of nodes) await node.stop();
    await database.drop();
    await deleteKeys(prefix);
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(BENCH_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

const cpuMs = (m: Awaited<ReturnType<typeof metrics>>) => m.cpuMs.user + m.cpuMs.system;

async function measureLoad(
  engine: EngineLoad['engine'],
  writer: AtelierProcess,
  observerNode: AtelierProcess,
  observersOn: ObserverNode,
  options: DistributedLoadOptions,
): Promise<EngineLoad> {
  const nodes = writer === observerNode ? [writer] : [writer, observerNode];
  const probe = await startNoiseProbe();
  try {
    const probed = Math.min(PROBED_SESSIONS, options.sessions);
    const { rooms, reader } = await openLoadRooms(writer, observerNode, { sessions: options.sessions, probed, label: 'd2' });
    const chunks = Math.ceil(((options.seconds + 3) * 1000) / options.intervalMs);
    // Starts spread over a second, then the load settles before the window opens.
    const { finished } = await startAnswers(rooms, { label: 'd2', chunks, intervalMs: options.intervalMs });
    await new Promise((r) => setTimeout(r, 1500));
    probe.reset();
    reader.start();
    const before = await Promise.all(nodes.map((node) => metrics(node, { reset: true })));
    const eventsBefore = rooms.reduce((a, r) => a + r.candidate.eventsReceived, 0);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, options.seconds * 1000));
    const wall = (performance.now() - t0) / 1000;
    const after = await Promise.all(nodes.map((node) => metrics(node)));
    const events = rooms.reduce((a, r) => a + r.candidate.eventsReceived, 0) - eventsBefore;
    const noise = await probe.read();
    const latency = await reader.read();
    await reader.stop();
    await finished;
    let lost = 0;
    let reordered = 0;
    let checked = 0;
    for (const room of rooms) {
      const candidateLog = await serverLog(writer, room.session.id, room.session.tokens.candidate);
      const staffLog = await serverLog(writer, room.session.id, room.session.tokens.interviewer);
      for (const [client, log] of [[room.candidate, candidateLog], ...room.observers.map((o) => [o, staffLog] as const)] as const) {
        const got = new Set(client.seqs);
        lost += log.filter((e) => !got.has(e.seq)).length;
        reordered += client.disorder;
        checked++;
      }
    }
    await inBatches(rooms, 50, async (r) => Promise.all([r.candidate.close(), ...r.observers.map((o) => o.close())]));
    const cpu = after.reduce((sum, m, i) => sum + cpuMs(m) - cpuMs(before[i]!), 0);
    const loop = after[0]!.eventLoopDelayMs;
    return {
      engine,
      observersOn,
      windowSeconds: wall,
      serverCpu: cpu / 1000 / wall,
      serverCpuMsPerEvent: cpu / events,
      eventsPerSecond: events / wall,
      observerLatency: { ...latency, sessions: probed },
      serverLoop: { p50: loop.p50, p99: loop.p99, max: loop.max },
      noiseLoopP99: noise.p99,
      lost,
      reordered,
      clientsChecked: checked,
    };
  } finally {
    await probe.stop();
  }
}
