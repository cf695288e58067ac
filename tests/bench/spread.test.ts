import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendHistory, judgedFigures, readHistory, spreadTable } from '../../bench/spread';
import type { Machine, SuiteParts } from '../../bench/suite';

// The spread over runs: each run of a row keeps the figures its targets judge, and the report
// shows them over the last runs with the load of each, so one lucky or unlucky run cannot pass
// for the row's figure.

const machine = (load: number): Machine => ({ cpu: 'test', cores: 2, ramGb: 24, node: 'v20', loadAverage: [load, load, load] });
const fanout = (addedP99: number) => ({
  fanout: {
    observers: 10,
    deltas: 630,
    atelier: { p50: 1, p99: 5 + addedP99, spreadP99: 0 },
    bare: { p50: 1, p99: 5, spreadP99: 0 },
    addedP99,
    framesPerObserverPerDelta: 1,
    countOk: true,
  },
});

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('spread over runs', () => {
  it('keeps each run of a row and shows the last ones with their load, min – max and how many met the target', () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-spread-'));
    const file = join(dir, 'history.json');
    appendHistory('fanout', '2026-12-03T10:00:00Z', machine(0.8), fanout(0.4), file);
    appendHistory('fanout', '2026-12-03T11:00:00Z', machine(1.2), fanout(1.3), file);
    appendHistory('fanout', '2026-12-03T12:00:00Z', machine(6.5), fanout(0.2), file);
    // A row with no judged figure leaves the history as it was.
    appendHistory('recording', '2026-12-03T12:05:00Z', machine(1), {}, file);
    expect(readHistory(file)).toHaveLength(3);
    const table = spreadTable(readHistory(file));
    expect(table).toContain('0.40 ms (0.8), 1.30 ms (1.2), 0.20 ms (6.5)');
    expect(table).toContain('0.20 ms – 1.30 ms');
    expect(table).toContain('2 of 3');
  });

  it('judges the CPU per event as a ratio to the bare recording relay of the same run', () => {
    const load = { serverCpuMsPerEvent: 0.21, reference: { serverCpuMsPerEvent: 0.2 }, sessions: 200, serverLoop: { p99: 7 } };
    const [cpu, loop] = judgedFigures({ load } as unknown as Partial<SuiteParts>);
    expect(cpu).toMatchObject({ key: 'load.cpuRatio', met: true });
    expect(cpu!.value).toBeCloseTo(1.05, 5);
    expect(loop).toMatchObject({ key: 'load.loopP99', value: 7, met: true });
    const heavier = judgedFigures({ load: { ...load, serverCpuMsPerEvent: 0.22 } } as unknown as Partial<SuiteParts>);
    expect(heavier[0]!.met).toBe(false);
  });

  it('says so when nothing was recorded', () => {
    expect(spreadTable([])).toContain('No run recorded yet');
  });
});
