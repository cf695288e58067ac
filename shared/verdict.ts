import type { CheckResult } from './expectations';

// A check's and a case's verdict, apart from the checking itself: the browser reads verdicts
// without loading the regex engine that shared/expectations.ts runs patterns with.

export type Verdict = 'pass' | 'fail' | 'ungraded';

/** One check's verdict; old logs (without `ungraded`) read as pass or fail. */
export function checkVerdict(check: Pick<CheckResult, 'passed' | 'ungraded'>): Verdict {
  if (check.ungraded) return 'ungraded';
  return check.passed ? 'pass' : 'fail';
}

/** A case's verdict from its checks: a failed check fails it; otherwise an ungraded one leaves it ungraded. */
export function caseVerdict(checks: readonly Pick<CheckResult, 'passed' | 'ungraded'>[]): Verdict {
  const verdicts = checks.map(checkVerdict);
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('ungraded') ? 'ungraded' : 'pass';
}
