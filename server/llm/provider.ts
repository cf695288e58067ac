// The one interface every model backend implements: a normalized request in,
// normalized stream parts out. Adapters are small mappers around an SDK; nothing
// above this file knows which SDK produced a part.

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface GenerationParams {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
}

/** What is sent upstream, exactly; it is also what `turn.started` records. */
export interface LlmRequest {
  /** The provider-local model id (`gpt-4o-mini`, not `openai/gpt-4o-mini`). */
  model: string;
  system: string;
  messages: ChatMessage[];
  params: GenerationParams;
  /**
   * Which answer this is among the answers to the same messages: 0 (or absent) for the first,
   * 1 for the first regenerate, and so on. Sampling providers ignore it; the offline simulator,
   * deterministic by design, uses it to pick another wording, so that Regenerate visibly
   * regenerates while the same turn always gives the same text.
   */
  variant?: number;
}

export type UnifiedFinishReason =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'refusal'
  | 'tool-calls'
  | 'error'
  | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The provider's own value (`end_turn`, `stop`, …), null when it sent none. */
  raw: string | null;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** True when the provider sent no usage and the counts are our estimate. */
  estimated: boolean;
}

export type ProviderErrorKind =
  | 'auth' // 401/403: configuration, never retried
  | 'rate_limit' // 429
  | 'overloaded' // 529, 503
  | 'server' // other 5xx
  | 'context_length' // prompt too long for the model
  | 'bad_request' // other 4xx
  | 'timeout' // no answer or the stream went silent
  | 'interrupted' // the stream ended without its final event
  | 'network'
  | 'unknown';

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
  readonly kind: 'openai' | 'anthropic' | 'offline';
  /**
   * Streams one generation. Never throws: failures arrive as a final `error` part.
   * Aborting `signal` must close the upstream connection; the stream then simply ends
   * (no `finish`, no `error`): the caller aborted, so it already knows why.
   */
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
}
