import type { EventOf } from '../events';
import type { ExerciseSnapshot } from '../exercise';
import type { RunAnswer, SessionState, TestRun } from '../state';

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
  const repeat = data.repeat ?? 1;
  const run: TestRun = {
    id: data.runId,
    versionId: data.versionId,
    system: data.system,
    modelId: data.modelId,
    caseIds: data.caseIds,
    repeat,
    skippedCaseIds: data.skipped?.caseIds ?? [],
    skippedRounds: data.skipped?.rounds ?? 0,
    cases: Object.fromEntries(
      data.caseIds.map((caseId) => [caseId, { caseId, answers: Array.from({ length: repeat }, blankAnswer), checked: false }]),
    ),
    status: 'running',
    startedAt: event.at,
    finishedAt: null,
    passed: 0,
    failed: 0,
    errored: 0,
    ungraded: 0,
  };
  return { ...state, testRuns: { ...state.testRuns, [run.id]: run }, testRunOrder: [...state.testRunOrder, run.id] };
}

/** A test-run turn started: remember which turn answers which case. */
export function linkRunTurn(state: SessionState, runId: string, caseId: string, answerIndex: number, turnId: string): SessionState {
  return updateRunAnswer(state, runId, caseId, answerIndex, (a) => ({ ...a, turnId }));
}

export function checkRunCase(state: SessionState, event: EventOf<'testrun.case.checked'>): SessionState {
  const { runId, caseId, turnId, passed, checks, ungraded } = event.data;
  return updateRunAnswer(state, runId, caseId, event.data.answerIndex ?? 0, () => ({
    turnId,
    passed,
    ungraded: ungraded === true,
    checks,
    checked: true,
  }));
}

export function finishTestRun(state: SessionState, event: EventOf<'testrun.finished'>): SessionState {
  const run = state.testRuns[event.data.runId];
  if (!run) return state;
  const { passed, failed, errored, cancelled } = event.data;
  const ungraded = event.data.ungraded ?? 0;
  return {
    ...state,
    testRuns: {
      ...state.testRuns,
      [run.id]: { ...run, status: cancelled ? 'cancelled' : 'finished', finishedAt: event.at, passed, failed, errored, ungraded },
    },
  };
}

function blankAnswer(): RunAnswer {
  return { turnId: null, passed: null, ungraded: false, checks: [], checked: false };
}

function updateRunAnswer(
  state: SessionState,
  runId: string,
  caseId: string,
  answerIndex: number,
  update: (a: RunAnswer) => RunAnswer,
): SessionState {
  const run = state.testRuns[runId];
  const current = run?.cases[caseId];
  const answer = current?.answers[answerIndex];
  if (!run || !current || !answer) return state;
  const answers = current.answers.map((a, i) => (i === answerIndex ? update(a) : a));
  const next = { ...current, answers, checked: answers.every((a) => a.checked) };
  return { ...state, testRuns: { ...state.testRuns, [runId]: { ...run, cases: { ...run.cases, [caseId]: next } } } };
}
