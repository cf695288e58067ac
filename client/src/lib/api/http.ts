import { isErrorCode, type ErrorCode } from '$shared/errors';
import { PROBLEM_RULES, type FieldProblem } from '$shared/problems';

// JSON over fetch with the server's error shape `{"error":{"code","message"}}` turned into ApiError.

export type ApiErrorCode = ErrorCode | 'network' | 'unexpected';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** What is wrong with which field, for an invalid request (see $shared/problems). */
  readonly problems: readonly FieldProblem[];
  constructor(code: ApiErrorCode, status: number, message: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.problems = problems;
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('network', 0, String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  throw toApiError(response.status, payload);
}

function toApiError(status: number, payload: unknown): ApiError {
  if (typeof payload === 'object' && payload !== null && 'error' in payload) {
    const error = (payload as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, problems } = error as { code?: unknown; message?: unknown; problems?: unknown };
      if (typeof code === 'string' && isErrorCode(code))
        return new ApiError(code, status, typeof message === 'string' ? message : code, problemList(problems));
    }
  }
  return new ApiError('unexpected', status, `HTTP ${status}`);
}

/** The well-formed entries of a `problems` list; anything else is dropped, not trusted. */
function problemList(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is FieldProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof p.path === 'string' &&
      typeof p.message === 'string' &&
      (PROBLEM_RULES as readonly unknown[]).includes(p.rule),
  );
}
