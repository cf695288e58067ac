import { describe, expect, it } from 'vitest';
import { rows, soakRows } from '../../bench/report';
import { benchSoak } from '../../bench/soak';
import { runSuite } from '../../bench/suite';

// The benchmark suite, tiny: every benchmark runs for a few seconds so that the suite cannot
// rot. No target is asserted here (that is `npm run bench`'s job, on a quiet machine); only
// that each benchmark produced its figures and the report renders them.

describe('benchmark suite (smoke)', () => {
  it('runs every benchmark of docs/benchmarks.md with tiny parameters', async () => {
    const [suite, soak] = await Promise.all([runSuite(true, () => {}), benchSoak({ sessions: 2, minutes: 0.1, dropEveryMs: 1_000 })]);
    expect(suite.latency.length).toBeGreaterThan(0);
    expect(suite.latency[0]!.samples.atelier).toBeGreaterThan(0);
    expect(suite.turnRate.completed).toBeGreaterThan(0);
    expect(suite.fanout.deltas).toBeGreaterThan(0);
    // 5 sessions × 4 sockets: one interviewer socket per session is the latency reader's, in its own process.
    expect(suite.load.clientsChecked).toBe(15);
    expect(suite.load.interviewerLatency.sessions).toBe(5);
    expect(suite.load.interviewerLatency.disorder).toBe(0);
    // Row 5's reference, the bare recording relay under the same load, delivered too.
    expect(suite.load.reference.eventsPerSecond).toBeGreaterThan(0);
    // Its CPU per event split by thread on both sides (CI is Linux: /proc tells).
    expect(suite.load.serverThreadsMsPerEvent?.main).toBeDefined();
    expect(suite.load.reference.serverThreadsMsPerEvent?.main).toBeDefined();
    // Row D2: the same load on SQLite and on PostgreSQL + Redis, each with figures and every event delivered.
    for (const side of [suite.distributedLoad!.sqlite, suite.distributedLoad!.postgres]) {
      expect(side.clientsChecked).toBe(9);
      expect(side.observerLatency.samples).toBeGreaterThan(0);
      expect(side.serverCpuMsPerEvent).toBeGreaterThan(0);
      expect(side.lost).toBe(0);
    }
    expect(suite.distributedLoad!.postgres.engine).toBe('postgres+redis');
    // The capacity row: both servers measured from the same first step, every step delivering
    // (a loaded CI machine may stop a search after its first step: no target is asserted).
    for (const search of [suite.capacity!.atelier, suite.capacity!.relay]) {
      expect(search.steps[0]?.sessions).toBe(2);
      for (const step of search.steps) expect(step.eventsPerSecond).toBeGreaterThan(0);
    }
    expect(suite.capacity!.atelier.failedAnswers).toBe(0);
    expect(suite.recording.eventsPerSecond.raw).toBeGreaterThan(0);
    expect(suite.replay.events).toBeGreaterThan(0);
    expect(suite.replay.chromium?.openMs).toBeGreaterThan(0);
    expect(suite.replay.chromium?.reduceP99Ms).toBeGreaterThanOrEqual(0);
    // The long replay row, tiny here, with the live room's memory read.
    expect(suite.replayLong?.events).toBeGreaterThan(0);
    expect(suite.replayLong?.liveRoom?.live.heapMb).toBeGreaterThan(0);
    expect(suite.clientWeight.views.length).toBeGreaterThan(0);
    expect(suite.memory.sessions).toBe(2);
    expect(soak.clients).toBe(8);
    const table = [...rows(suite), ...soakRows(soak)];
    expect(table.some((row) => row.n === '5C')).toBe(true);
    expect(table.length).toBeGreaterThan(10);
  }, 300_000);
});
