import type { EventOf } from '../events';
import type { ExerciseSnapshot } from '../exercise';
import type { SessionState, TestRun } from '../state';

// Test cases (the exercise's and the candidate's own) and test runs over them.

export function seedTestCases(state: SessionState, exercise: ExerciseSnapshot): SessionState {
  const testCases = { ...state.testCases };
  for (const c of exercise.testCases) testCases[c.id] = { ...c, origin: 'exercise' };
  return { ...state, testCases, testCaseOrder: [...state.testCaseOrder, ...exercise.testCases.map((c) => c.id)] };
}

export function saveTestCase(state: SessionState, event: EventOf<'testcase.saved'>): SessionState {
  const { caseId, title, input, expectations } = event.data;
  const existing = state.testCases[caseId];
  return {
    ...state,
    testCases: { ...state.testCases, [caseId]: { id: caseId, title, input, expectations, origin: existing?.origin ?? 'candidate' } },
    testCaseOrder: existing ? state.testCaseOrder : [...state.testCaseOrder, caseId],
  };
}

export function removeTestCase(state: SessionState, caseId: string): SessionState {
  if (!state.testCases[caseId]) return state;
  const { [caseId]: _removed, ...testCases } = state.testCases;
  return { ...state, testCases, testCaseOrder: state.testCaseOrder.filter((id) => id !== caseId) };
}

export function startTestRun(state: SessionState, event: EventOf<'testrun.started'>): SessionState {
  const { data } = event;
  const run: TestRun = {
    id: data.runId,
    versionId: data.versionId,
    system: data.system,
    modelId: data.modelId,
    caseIds: data.caseIds,
    skippedCaseIds: data.skipped?.caseIds ?? [],
    cases: Object.fromEntries(data.caseIds.map((caseId) => [caseId, { caseId, turnId: null, passed: null, checks: [], checked: false }])),
    status: 'running',
    startedAt: event.at,
    finishedAt: null,
    passed: 0,
    failed: 0,
    errored: 0,
  };
  return { ...state, testRuns: { ...state.testRuns, [run.id]: run }, testRunOrder: [...state.testRunOrder, run.id] };
}

/** A test-run turn started: remember which turn answers which case. */
export function linkRunTurn(state: SessionState, runId: string, caseId: string, turnId: string): SessionState {
  return updateRunCase(state, runId, caseId, (c) => ({ ...c, turnId }));
}

export function checkRunCase(state: SessionState, event: EventOf<'testrun.case.checked'>): SessionState {
  const { runId, caseId, turnId, passed, checks } = event.data;
  return updateRunCase(state, runId, caseId, () => ({ caseId, turnId, passed, checks, checked: true }));
}

export function finishTestRun(state: SessionState, event: EventOf<'testrun.finished'>): SessionState {
  const run = state.testRuns[event.data.runId];
  if (!run) return state;
  const { passed, failed, errored, cancelled } = event.data;
  return {
    ...state,
    testRuns: { ...state.testRuns, [run.id]: { ...run, status: cancelled ? 'cancelled' : 'finished', finishedAt: event.at, passed, failed, errored } },
  };
}

function updateRunCase(state: SessionState, runId: string, caseId: string, update: (c: TestRun['cases'][string]) => TestRun['cases'][string]): SessionState {
  const run = state.testRuns[runId];
  const current = run?.cases[caseId];
  if (!run || !current) return state;
  return { ...state, testRuns: { ...state.testRuns, [runId]: { ...run, cases: { ...run.cases, [caseId]: update(current) } } } };
}
