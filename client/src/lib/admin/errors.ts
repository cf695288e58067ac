import { ApiError } from '../api/http';

// Turning failures into something a page can show: an ApiError, and for invalid exercises
// the server's per-field problems keyed by JSON pointer (`/testCases/0/input`).

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('network', 0, String(error));
}

/**
 * Splits `Invalid request: body/title is required; body/slug must match …` or
 * `Invalid exercise file: /content/brief: is required; …` into field → messages.
 */
export function fieldProblems(error: ApiError): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  if (error.code !== 'invalid_payload') return problems;
  const body = error.message.replace(/^[^:/]*:\s*/, '').replace(/\.$/, '');
  for (const part of body.split(/;\s+/)) {
    const match = /^(?:body)?(\/[^\s:]*):?\s+(.+)$/.exec(part.trim());
    if (!match) continue;
    const path = (match[1] ?? '/').replace(/^\/content(?=\/|$)/, '') || '/';
    const list = problems.get(path) ?? [];
    list.push(match[2] ?? '');
    problems.set(path, list);
  }
  return problems;
}
