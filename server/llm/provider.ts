// The one interface every model backend implements: a normalized request in,
// normalized stream parts out. Adapters are small mappers around an SDK; nothing
// above this file knows which SDK produced a part. The words they share with the log
// (usage, parameters, finish reasons, failure kinds) are defined once, in shared/generation.ts.

import type { FinishReason, GenerationParams, ProviderKind, TurnFailureKind, Usage } from '../../shared/generation';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What is sent upstream, exactly; it is also what `turn.started` records. */
export interface LlmRequest {
  /** The provider-local model id (`gpt-4o-mini`, not `openai/gpt-4o-mini`). */
  model: string;
  system: string;
  messages: ChatMessage[];
  /** What the session asked for; an adapter leaves out what its model does not take. */
  params: Partial<GenerationParams>;
  /**
   * Which answer this is among the answers to the same messages: 0 (or absent) for the first,
   * 1 for the first regenerate, and so on. Sampling providers ignore it; the offline simulator,
   * deterministic by design, uses it to pick another wording, so that Regenerate visibly
   * regenerates while the same turn always gives the same text.
   */
  variant?: number;
  /**
   * Set when this request is a judge grading an answer (an `llm_rubric` check): the parts the
   * request's text was built from. Sampling providers ignore it (the text says it all); the
   * offline simulator grades from it in its deterministic judge mode. Not recorded: the
   * request's system prompt and messages are.
   */
  grading?: { rubric: string; input: string; answer: string; threshold: number };
}

/** Why a generation failed (the log's `turn.failed.kind`). */
export type ProviderErrorKind = TurnFailureKind;

export interface ProviderError {
  kind: ProviderErrorKind;
  /** Safe to show staff: scrubbed of keys. */
  message: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
}

export type StreamPart =
  | { type: 'response-metadata'; requestId?: string; modelId?: string }
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; reason: FinishReason; usage: Usage }
  | { type: 'error'; error: ProviderError }
  /** Emitted by the retry layer before it tries again (only ever before the first text). */
  | { type: 'retry'; attempt: number; delayMs: number; error: ProviderError };

export interface LlmProvider {
  /** The prefix of model ids: `openai`, `anthropic`, `offline`, `mistral`… */
  readonly id: string;
  readonly kind: ProviderKind;
  /**
   * Streams one generation. Never throws: failures arrive as a final `error` part.
   * Aborting `signal` must close the upstream connection; the stream then simply ends
   * (no `finish`, no `error`): the caller aborted, so it already knows why.
   */
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
}
