import { INVALID_PATTERN_ERRORS, UNSUPPORTED_CONSTRUCTS, type PatternIssue } from '$shared/pattern-issue';
import type { FieldProblem } from '$shared/problems';
import type { I18n } from './i18n/i18n.svelte';

// Why a pattern cannot run, in the reader's language: the same verdict the server gives
// (shared/pattern.ts), whether it comes from the browser's own check or from a field problem.

export function describePatternIssue(i18n: I18n, issue: PatternIssue): string {
  switch (issue.reason) {
    case 'unsupported':
      return i18n.t(`pattern.unsupported.${issue.construct}`, { token: issue.token });
    case 'invalid': {
      const why = i18n.t(`pattern.invalid.${issue.error}`);
      return issue.token ? i18n.t('pattern.invalidAt', { why, token: issue.token }) : i18n.t('pattern.invalid', { why });
    }
    case 'too_large':
      return i18n.t('pattern.tooLarge', { size: issue.size, limit: issue.limit });
  }
}

/** A pattern problem of the exercise validator (rule + params) as the issue it describes; null for other rules. */
export function patternIssueOfProblem(problem: FieldProblem): PatternIssue | null {
  const params = problem.params ?? {};
  const token = String(params.token ?? '');
  const known = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);
  if (problem.rule === 'unsupported_regex' && known(UNSUPPORTED_CONSTRUCTS, params.construct)) {
    return { reason: 'unsupported', construct: params.construct, token, message: problem.message };
  }
  if (problem.rule === 'invalid_regex' && known(INVALID_PATTERN_ERRORS, params.error)) {
    return { reason: 'invalid', error: params.error, token, message: problem.message };
  }
  if (problem.rule === 'regex_too_large' && typeof params.size === 'number' && typeof params.limit === 'number') {
    return { reason: 'too_large', size: params.size, limit: params.limit, message: problem.message };
  }
  return null;
}
