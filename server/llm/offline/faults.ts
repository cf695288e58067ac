// Fault injection for tests and demos: markers in the latest user message such as
// `[[simulate:error-429]]` make the simulator misbehave like a real provider would.
// Documented in docs/providers.md ("Simulator markers").

import type { ProviderError, ProviderErrorKind } from '../provider';

export interface FaultPlan {
  /** Fail before any text with this error, for the first `times` attempts (Infinity = always). */
  error?: { error: ProviderError; times: number };
  /** Stream about half the answer, then end without a finish (→ `interrupted`). */
  cut: boolean;
  /** Stream about half the answer, then an error part (provider error mid-stream). */
  midstreamError: boolean;
  /** Send metadata, then nothing until aborted: exercises the idle watchdog. */
  silence: boolean;
  /** Long first-token latency and slow chunks, whatever the configured pace. */
  slow: boolean;
  /** Judge mode: answer with prose, not the verdict object a judge must return. */
  garbage: boolean;
}

const MARKER = /\[\[simulate:([a-z0-9-]+)(?::(\d+))?\]\]/gi;

const STATUS_ERRORS: Record<string, { kind: ProviderErrorKind; status?: number; retryable: boolean; message: string }> = {
  '401': { kind: 'auth', status: 401, retryable: false, message: 'Simulated 401: invalid API key.' },
  '403': { kind: 'auth', status: 403, retryable: false, message: 'Simulated 403: permission denied.' },
  '429': { kind: 'rate_limit', status: 429, retryable: true, message: 'Simulated 429: rate limit reached.' },
  '500': { kind: 'server', status: 500, retryable: true, message: 'Simulated 500: internal server error.' },
  '502': { kind: 'server', status: 502, retryable: true, message: 'Simulated 502: bad gateway.' },
  '503': { kind: 'overloaded', status: 503, retryable: true, message: 'Simulated 503: service unavailable.' },
  '529': { kind: 'overloaded', status: 529, retryable: true, message: 'Simulated 529: overloaded.' },
  context: { kind: 'context_length', status: 400, retryable: false, message: 'Simulated: the prompt is too long for this model.' },
  timeout: { kind: 'timeout', retryable: true, message: 'Simulated: the request timed out.' },
  network: { kind: 'network', retryable: true, message: 'Simulated: connection refused.' },
};

/** The simulated `retry-after` of a 429: short, so tests through the real retry policy stay fast. */
export const SIMULATED_RETRY_AFTER_MS = 200;

export function parseFaults(text: string): { plan: FaultPlan; cleaned: string } {
  const plan: FaultPlan = { cut: false, midstreamError: false, silence: false, slow: false, garbage: false };
  for (const match of text.matchAll(MARKER)) {
    const name = (match[1] ?? '').toLowerCase();
    const times = match[2] === undefined ? Infinity : Number(match[2]);
    if (name === 'cut') plan.cut = true;
    else if (name === 'midstream-error') plan.midstreamError = true;
    else if (name === 'silence') plan.silence = true;
    else if (name === 'slow') plan.slow = true;
    else if (name === 'garbage') plan.garbage = true;
    else if (name.startsWith('error-')) {
      const spec = STATUS_ERRORS[name.slice('error-'.length)];
      if (!spec) continue;
      const error: ProviderError = { kind: spec.kind, message: spec.message, retryable: spec.retryable };
      if (spec.status !== undefined) error.status = spec.status;
      if (spec.kind === 'rate_limit') error.retryAfterMs = SIMULATED_RETRY_AFTER_MS;
      plan.error = { error, times };
    }
  }
  // Only the spaces around a marker are tidied: line breaks stay, an email keeps its structure.
  return {
    plan,
    cleaned: text
      .replace(MARKER, ' ')
      .replace(/[ \t]{2,}/g, ' ')
      .trim(),
  };
}
