import type { Expectation } from '$shared/expectations';
import { patternIssue } from '$shared/pattern';
import type { TestRunCase } from '$shared/state';
import { describePatternIssue } from '../../lib/describe-pattern';
import type { I18n } from '../../lib/i18n/i18n.svelte';

/** An expectation or check in words: "contains “refund”", "at most 400 characters". */
export function checkLabel(i18n: I18n, kind: string, detail: string): string {
  switch (kind) {
    case 'contains':
      return i18n.t('ws.expect.contains.text', { value: detail });
    case 'not_contains':
      return i18n.t('ws.expect.not_contains.text', { value: detail });
    case 'regex':
      return i18n.t('ws.expect.regex.text', { value: detail });
    case 'max_length':
      return i18n.t('ws.expect.max_length.text', { value: detail });
    case 'must_refuse':
      return i18n.t('ws.expect.must_refuse.text');
    default:
      return `${kind} ${detail}`;
  }
}

export function expectationLabel(i18n: I18n, e: Expectation): string {
  switch (e.kind) {
    case 'contains':
    case 'not_contains':
      return checkLabel(i18n, e.kind, e.value);
    case 'regex':
      return checkLabel(i18n, e.kind, `/${e.pattern}/${e.flags ?? ''}`);
    case 'max_length':
      return checkLabel(i18n, e.kind, String(e.chars));
    case 'must_refuse':
      return checkLabel(i18n, e.kind, '');
  }
}

/**
 * Why a check could not run, in the reader's language: the verdict on the pattern its detail
 * names (`/pattern/flags`), as this browser computes it; else the server's recorded English.
 */
export function checkError(i18n: I18n, check: TestRunCase['checks'][number]): string | null {
  if (!check.error) return null;
  const regex = check.kind === 'regex' ? /^\/([\s\S]*)\/([a-z]*)$/.exec(check.detail) : null;
  const issue = regex ? patternIssue(regex[1] ?? '', regex[2] ?? '') : null;
  return issue ? describePatternIssue(i18n, issue) : check.error;
}
