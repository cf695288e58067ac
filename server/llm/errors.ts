// Turns whatever an SDK threw (HTTP error, error event mid-stream, abort, network
// failure) into one ProviderError: a kind the server can act on, whether to retry,
// how long to wait, and a message scrubbed of keys. SDK-agnostic on purpose: both
// official SDKs expose `status`, `headers` and the parsed body as `error`.

import type { ProviderError, ProviderErrorKind } from './provider';
import { scrubSecrets } from './scrub';

const MAX_MESSAGE_LENGTH = 500;

interface ErrorFacts {
  status?: number;
  headers?: Headers;
  /** Every `type`/`code` string found in the error and its body. */
  codes: string[];
  message: string;
  name: string;
}

const CONTEXT_LENGTH =
  /context_length_exceeded|prompt is too long|maximum context length|context length|context window|too many tokens|string_above_max_length|input is too long/i;

// Error types seen in bodies and mid-stream error events, when there is no HTTP status.
const KIND_BY_CODE: Record<string, ProviderErrorKind> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  insufficient_quota: 'rate_limit',
  api_error: 'server',
  server_error: 'server',
  internal_error: 'server',
  authentication_error: 'auth',
  permission_error: 'auth',
  invalid_api_key: 'auth',
  invalid_request_error: 'bad_request',
  not_found_error: 'bad_request',
  request_too_large: 'bad_request',
  timeout_error: 'timeout',
};

const RETRYABLE: Record<ProviderErrorKind, boolean> = {
  auth: false,
  rate_limit: true,
  overloaded: true,
  server: true,
  context_length: false,
  bad_request: false,
  timeout: true,
  interrupted: false,
  network: true,
  unknown: false,
};

export function classifyProviderError(error: unknown, knownSecrets: readonly string[] = [], now = Date.now()): ProviderError {
  const facts = factsOf(error);
  const kind = kindOf(facts);
  const result: ProviderError = {
    kind,
    message: scrubSecrets(facts.message, knownSecrets).slice(0, MAX_MESSAGE_LENGTH),
    retryable: RETRYABLE[kind],
  };
  if (facts.status !== undefined) result.status = facts.status;
  const retryAfterMs = facts.headers ? parseRetryAfter(facts.headers, now) : undefined;
  if (retryAfterMs !== undefined && result.retryable) result.retryAfterMs = retryAfterMs;
  return result;
}

function kindOf({ status, codes, message, name }: ErrorFacts): ProviderErrorKind {
  if (codes.some((code) => CONTEXT_LENGTH.test(code)) || CONTEXT_LENGTH.test(message)) return 'context_length';
  if (name === 'APIConnectionTimeoutError' || name === 'TimeoutError' || name === 'AbortError' || name === 'APIUserAbortError') {
    return 'timeout';
  }
  if (
    name === 'APIConnectionError' ||
    name === 'StreamCutError' ||
    (status === undefined && /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket|network/i.test(message))
  ) {
    return 'network';
  }
  if (status !== undefined) {
    if (status === 401 || status === 403) return 'auth';
    if (status === 429) return 'rate_limit';
    if (status === 503 || status === 529) return 'overloaded';
    if (status === 408) return 'timeout';
    if (status === 409 || status >= 500) return 'server';
    if (status >= 400) return 'bad_request';
  }
  for (const code of codes) {
    const kind = KIND_BY_CODE[code];
    if (kind) return kind;
  }
  return 'unknown';
}

function factsOf(error: unknown): ErrorFacts {
  if (!(error instanceof Error)) return { codes: [], message: String(error), name: 'unknown' };
  const record = error as Error & { status?: unknown; headers?: unknown; error?: unknown; code?: unknown; type?: unknown };
  const facts: ErrorFacts = { codes: [], message: error.message || error.name, name: error.name || error.constructor.name };
  // The SDKs set `name` to the base class; the constructor name is the specific one.
  if (error.constructor.name.startsWith('API')) facts.name = error.constructor.name;
  if (typeof record.status === 'number') facts.status = record.status;
  if (record.headers instanceof Headers) facts.headers = record.headers;
  collectCodes(record, facts.codes, 0);
  const bodyMessage = messageIn(record.error);
  if (bodyMessage && !facts.message.includes(bodyMessage)) facts.message = `${facts.message} ${bodyMessage}`.trim();
  if (error.cause instanceof Error && facts.name === 'APIConnectionError') facts.message = `${facts.message} (${error.cause.message})`;
  return facts;
}

/** `type` and `code` strings at every level of `{ error: { type, code, error: {…} } }`. */
function collectCodes(value: unknown, codes: string[], depth: number): void {
  if (depth > 3 || typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key of ['type', 'code']) {
    const code = record[key];
    if (typeof code === 'string' && code !== 'error') codes.push(code);
  }
  collectCodes(record.error, codes, depth + 1);
}

function messageIn(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  return messageIn(record.error);
}

/**
 * How long the provider asks us to wait: `retry-after-ms` (OpenAI, Anthropic), else
 * `retry-after` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return Math.round(milliseconds);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error part for a stream that ended without its final event. */
export function interruptedError(detail: string): ProviderError {
  return { kind: 'interrupted', retryable: false, message: `The stream ended before its final event (${detail}).` };
}

/** Failed requests still carry the id the provider's support will ask for. */
export function requestIdOf(error: unknown): string | undefined {
  const id = (error as { requestID?: unknown } | null)?.requestID;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
