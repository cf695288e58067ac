import { answerStatus, casePasses, passRateOf, type PassRate } from '../../../../shared/runs';
import type { RunAnswer, SessionState, TestRun } from '../../../../shared/state';

// The results matrix: prompt versions × test cases, from the latest run of each version.
// (Relative import of shared/: unit-tested in node without the $shared alias.)

/** A version id, or null for runs of the unsaved draft. */
export type VersionKey = string | null;

export interface MatrixRow {
  versionId: VersionKey;
  run: TestRun;
  rate: PassRate;
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
    .map(([versionId, run]) => ({ versionId, run, rate: passRateOf(run) }));
}

export { passRateOf };

/** `mixed`: a stability run's cell where some answers passed and some failed. */
export type CellStatus = 'pass' | 'fail' | 'mixed' | 'ungraded' | 'error' | 'answered' | 'running' | 'queued' | 'none';

/** What one answer of a case shows (its progress row, its tab in the opened cell). */
export function answerCellStatus(state: Pick<SessionState, 'turns'>, run: TestRun, answer: RunAnswer | undefined): CellStatus {
  if (!answer) return 'none';
  if (answer.checked) {
    const status = answerStatus(answer);
    return status === 'pending' ? 'running' : status;
  }
  if (run.status !== 'running') return 'error';
  return answer.turnId && state.turns[answer.turnId] ? 'running' : 'queued';
}

/** What a matrix cell shows for one case of one run: all its answers together. */
export function cellStatus(state: Pick<SessionState, 'turns'>, run: TestRun | undefined, caseId: string): CellStatus {
  const c = run?.cases[caseId];
  if (!run || !c) return 'none';
  const statuses = c.answers.map((a) => answerCellStatus(state, run, a));
  if (statuses.includes('running')) return 'running';
  if (statuses.includes('queued')) return statuses.some((s) => s !== 'queued') ? 'running' : 'queued';
  const { passed, graded, ungraded } = casePasses(run, caseId);
  if (graded === 0) return ungraded > 0 ? 'ungraded' : statuses.includes('error') ? 'error' : 'answered';
  return passed === graded ? 'pass' : passed === 0 ? 'fail' : 'mixed';
}

/** How far a run is: answers checked over answers. */
export function runProgress(run: TestRun): { done: number; total: number } {
  const answers = Object.values(run.cases).flatMap((c) => c.answers);
  return { done: answers.filter((a) => a.checked).length, total: run.caseIds.length * run.repeat };
}
