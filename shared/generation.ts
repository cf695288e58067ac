import Type, { type Static } from 'typebox';

// The vocabulary of generating an answer, written once: the log records it (shared/events.ts)
// and every provider adapter speaks it (server/llm/provider.ts). A finish reason is a closed
// union plus the provider's own raw value, as the AI SDK's provider package has it.

/** Which adapter serves a provider. */
export const PROVIDER_KINDS = ['openai', 'anthropic', 'offline'] as const;
export const ProviderKind = Type.Union(PROVIDER_KINDS.map((kind) => Type.Literal(kind)));
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const Usage = Type.Object({
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
  /** True when the provider sent no usage and the counts are our estimate. */
  estimated: Type.Boolean(),
});
export type Usage = Static<typeof Usage>;

/** The parameters an answer is generated with; the exercise bounds each. */
export const GenerationParams = Type.Object({
  temperature: Type.Number(),
  topP: Type.Number(),
  maxOutputTokens: Type.Integer(),
});
export type GenerationParams = Static<typeof GenerationParams>;

export const UnifiedFinishReason = Type.Union([
  Type.Literal('stop'),
  Type.Literal('length'),
  Type.Literal('content-filter'),
  Type.Literal('refusal'),
  Type.Literal('tool-calls'),
  Type.Literal('error'),
  Type.Literal('other'),
]);
export type UnifiedFinishReason = Static<typeof UnifiedFinishReason>;

export const FinishReason = Type.Object({
  unified: UnifiedFinishReason,
  /** The provider's own value (`end_turn`, `stop`, …), null when it sent none. */
  raw: Type.Union([Type.String(), Type.Null()]),
});
export type FinishReason = Static<typeof FinishReason>;

/** Why an answer failed; each kind has calm words for the candidate and a retry rule. */
export const TurnFailureKind = Type.Union([
  Type.Literal('auth'), // 401/403: configuration, never retried
  Type.Literal('rate_limit'), // 429
  Type.Literal('overloaded'), // 529, 503
  Type.Literal('server'), // other 5xx
  Type.Literal('context_length'), // prompt too long for the model
  Type.Literal('bad_request'), // other 4xx
  Type.Literal('timeout'), // no answer, or the stream went silent
  Type.Literal('interrupted'), // the stream ended without its final event, or the server stopped
  Type.Literal('network'),
  Type.Literal('unknown'),
]);
export type TurnFailureKind = Static<typeof TurnFailureKind>;
