import { describeProblem } from '../api/describe';
import { ApiError } from '../api/http';
import type { I18n } from '../i18n/i18n.svelte';

// Turning failures into something a page can show: an ApiError, and for invalid requests
// the server's per-field problems keyed by JSON pointer (`/testCases/0/input`), in the
// reader's language.

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('network', 0, String(error));
}

/** An imported file's fields sit under `/content`; the editor's under `/`. */
const fieldPath = (path: string) => path.replace(/^\/content(?=\/|$)/, '') || '/';

/**
 * Field → messages. From the server's `problems` when it lists them (translated); otherwise
 * split out of its English message (`Invalid request: body/title is required; …`).
 */
export function fieldProblems(error: ApiError, i18n: I18n): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  if (error.code !== 'invalid_payload') return problems;
  const add = (path: string, message: string) => problems.set(fieldPath(path), [...(problems.get(fieldPath(path)) ?? []), message]);
  if (error.problems.length > 0) {
    for (const problem of error.problems) add(problem.path, describeProblem(i18n, problem));
    return problems;
  }
  const body = error.message.replace(/^[^:/]*:\s*/, '').replace(/\.$/, '');
  for (const part of body.split(/;\s+/)) {
    const match = /^(?:body)?(\/[^\s:]*):?\s+(.+)$/.exec(part.trim());
    if (match) add(match[1] ?? '/', match[2] ?? '');
  }
  return problems;
}
