import type { FieldProblem } from '$shared/problems';
import { describePatternIssue, patternIssueOfProblem } from '../describe-pattern';
import type { I18n } from '../i18n/i18n.svelte';
import type { ApiError } from './http';

/** The user-facing sentence for a failed request, in the current language. */
export function describeApiError(i18n: I18n, error: ApiError): string {
  if (error.code === 'network') return i18n.t('error.network');
  if (error.code === 'unexpected') return i18n.t('error.unexpected', { status: String(error.status) });
  return i18n.error(error.code);
}

/** JSON Schema's value types, as a schema names them in a `type` problem. */
const VALUE_KINDS = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type ValueKind = (typeof VALUE_KINDS)[number];

/** One field problem in the reader's language, from its rule (the server's English is the fallback). */
export function describeProblem(i18n: I18n, problem: FieldProblem): string {
  // "At least 1 character" is how a schema says "not empty": say it the plain way.
  if (problem.rule === 'too_short' && problem.params?.limit === 1) return i18n.t('problem.empty');
  if (problem.rule === 'type') {
    const kind = String(problem.params?.type);
    const known = (VALUE_KINDS as readonly string[]).includes(kind);
    return i18n.t('problem.type', { type: known ? i18n.t(`problem.kind.${kind as ValueKind}`) : kind });
  }
  const pattern = patternIssueOfProblem(problem);
  if (pattern) return describePatternIssue(i18n, pattern);
  return i18n.t(`problem.${problem.rule}`, problem.params);
}

/**
 * The sentence plus what to fix: the field problems in the reader's language when the server
 * lists them, else the server's own message where it names the field or the slug.
 */
export function describeApiErrorDetail(i18n: I18n, error: ApiError): string {
  if (error.problems.length > 0) {
    // Named by the field's own key: pages with a form also show each problem under its field.
    const problems = error.problems.map((p) => `${p.path.split('/').filter(Boolean).at(-1) ?? ''}: ${describeProblem(i18n, p)}`);
    return `${describeApiError(i18n, error)} ${problems.join(' ')}`;
  }
  const specific = error.code === 'invalid_payload' || error.code === 'conflict';
  return specific ? `${describeApiError(i18n, error)} ${error.message}` : describeApiError(i18n, error);
}
