import { checkVerdict, type Verdict } from './verdict';
import type { RunAnswer, SessionState, TestRun } from './state';

// Reading test runs: each answer's verdict, a run's tally and its pass rate, per repetition for
// a stability run. Shared, so the matrix, the summary and the reports count the same way.

export type AnswerStatus = 'pass' | 'fail' | 'ungraded' | 'error' | 'answered' | 'pending';

/** One checked answer's status: `answered` when its case has no check, `pending` until checked. */
export function answerStatus(answer: RunAnswer): AnswerStatus {
  if (!answer.checked) return 'pending';
  if (answer.passed === null) return 'error';
  if (answer.checks.length === 0) return 'answered';
  if (answer.ungraded) return 'ungraded';
  return answer.passed ? 'pass' : 'fail';
}

export interface RunAnswerRef {
  caseId: string;
  answerIndex: number;
  answer: RunAnswer;
}

/** Every answer of the run, case by case. */
export function answersOf(run: TestRun): RunAnswerRef[] {
  return run.caseIds.flatMap((caseId) =>
    (run.cases[caseId]?.answers ?? []).map((answer, answerIndex) => ({ caseId, answerIndex, answer })),
  );
}

/** The tally `testrun.finished` records, from the answers as checked so far. */
export function tallyOf(run: TestRun): { passed: number; failed: number; errored: number; ungraded: number } {
  const tally = { passed: 0, failed: 0, errored: 0, ungraded: 0 };
  for (const { answer } of answersOf(run)) {
    if (!answer.checked || answer.passed === null) tally.errored++;
    else if (answer.ungraded) tally.ungraded++;
    else if (answer.passed) tally.passed++;
    else tally.failed++;
  }
  return tally;
}

export interface PassRate {
  /** Passed over graded answers (of cases that have checks); null until one is graded. */
  rate: number | null;
  passed: number;
  /** Answers graded pass or fail. */
  graded: number;
  ungraded: number;
  /** A stability run: the lowest and highest pass rate over its rounds (answer k of every case); null for a single round. */
  spread: { min: number; max: number } | null;
}

export function passRateOf(run: TestRun): PassRate {
  const rounds = Array.from({ length: run.repeat }, () => ({ passed: 0, graded: 0 }));
  let ungraded = 0;
  for (const { answerIndex, answer } of answersOf(run)) {
    const status = answerStatus(answer);
    if (status === 'ungraded') ungraded++;
    if (status !== 'pass' && status !== 'fail') continue;
    const round = rounds[answerIndex]!;
    round.graded++;
    if (status === 'pass') round.passed++;
  }
  const passed = rounds.reduce((sum, r) => sum + r.passed, 0);
  const graded = rounds.reduce((sum, r) => sum + r.graded, 0);
  const rates = rounds.filter((r) => r.graded > 0).map((r) => r.passed / r.graded);
  return {
    rate: graded === 0 ? null : passed / graded,
    passed,
    graded,
    ungraded,
    spread: run.repeat > 1 && rates.length > 1 ? { min: Math.min(...rates), max: Math.max(...rates) } : null,
  };
}

/** A cell of the matrix: how many of a case's answers passed, over those graded. */
export function casePasses(run: TestRun, caseId: string): { passed: number; graded: number; ungraded: number; answers: number } {
  const answers = run.cases[caseId]?.answers ?? [];
  const statuses = answers.map(answerStatus);
  return {
    passed: statuses.filter((s) => s === 'pass').length,
    graded: statuses.filter((s) => s === 'pass' || s === 'fail').length,
    ungraded: statuses.filter((s) => s === 'ungraded').length,
    answers: answers.length,
  };
}

/** The automatic verdict of one check of one answer, if that answer was checked. */
export function automaticVerdict(
  state: Pick<SessionState, 'testRuns'>,
  runId: string,
  caseId: string,
  answerIndex: number,
  checkIndex: number,
): Verdict | null {
  const answer = state.testRuns[runId]?.cases[caseId]?.answers[answerIndex];
  const check = answer?.checked ? answer.checks[checkIndex] : undefined;
  return check ? checkVerdict(check) : null;
}
