import type { SessionState, TestRun, TestRunCase } from '../../../../shared/state';

// The results matrix: prompt versions × test cases, from the latest run of each version.
// (Relative import of shared/: unit-tested in node without the $shared alias.)

/** A version id, or null for runs of the unsaved draft. */
export type VersionKey = string | null;

export interface MatrixRow {
  versionId: VersionKey;
  run: TestRun;
  /** Passed over checked cases that have expectations; null until one is checked. */
  passRate: number | null;
  passed: number;
  checked: number;
}

/** The newest run per version (draft runs included), in version order, draft last. */
export function latestRuns(state: Pick<SessionState, 'testRuns' | 'testRunOrder' | 'prompt'>): MatrixRow[] {
  const latest = new Map<VersionKey, TestRun>();
  for (const id of state.testRunOrder) {
    const run = state.testRuns[id];
    if (run && run.status !== 'cancelled') latest.set(run.versionId, run);
  }
  const order = new Map<VersionKey, number>(state.prompt.versions.map((v) => [v.id, v.number]));
  return [...latest.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
    .map(([versionId, run]) => ({ versionId, run, ...passRateOf(run) }));
}

export function passRateOf(run: TestRun): { passRate: number | null; passed: number; checked: number } {
  let passed = 0;
  let checked = 0;
  for (const c of Object.values(run.cases)) {
    if (!c.checked || c.passed === null || c.checks.length === 0) continue;
    checked++;
    if (c.passed) passed++;
  }
  return { passRate: checked === 0 ? null : passed / checked, passed, checked };
}

export type CellStatus = 'pass' | 'fail' | 'error' | 'answered' | 'running' | 'queued' | 'none';

/** What a matrix cell or a progress row shows for one case of one run. */
export function cellStatus(state: Pick<SessionState, 'turns'>, run: TestRun | undefined, caseId: string): CellStatus {
  const c: TestRunCase | undefined = run?.cases[caseId];
  if (!run || !c) return 'none';
  if (c.checked) {
    if (c.passed === null) return 'error';
    if (c.checks.length === 0) return 'answered';
    return c.passed ? 'pass' : 'fail';
  }
  if (run.status !== 'running') return 'error';
  const turn = c.turnId ? state.turns[c.turnId] : undefined;
  return turn ? 'running' : 'queued';
}

/** How far a run is: cases checked over cases. */
export function runProgress(run: TestRun): { done: number; total: number } {
  const done = Object.values(run.cases).filter((c) => c.checked).length;
  return { done, total: run.caseIds.length };
}
