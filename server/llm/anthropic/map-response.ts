// Messages stream values → normalized finish reason and usage. Pure.

import type { FinishReason, Usage } from '../../../shared/generation';

export function mapAnthropicStopReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? null;
  switch (value) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw: value };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw: value };
    case 'tool_use':
      return { unified: 'tool-calls', raw: value };
    case 'refusal':
      return { unified: 'refusal', raw: value };
    default: // pause_turn, or a value newer than this code
      return { unified: 'other', raw: value };
  }
}

export interface AnthropicUsageCounts {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/**
 * message_start carries the input side, message_delta the final (cumulative) output
 * count. Input counts cached tokens too: they are part of the prompt that was sent.
 */
export function mapAnthropicUsage(start: AnthropicUsageCounts, delta: AnthropicUsageCounts | undefined): Usage {
  const input = delta?.input_tokens ?? start.input_tokens ?? 0;
  const cacheCreation = delta?.cache_creation_input_tokens ?? start.cache_creation_input_tokens ?? 0;
  const cacheRead = delta?.cache_read_input_tokens ?? start.cache_read_input_tokens ?? 0;
  return {
    inputTokens: input + cacheCreation + cacheRead,
    outputTokens: delta?.output_tokens ?? start.output_tokens ?? 0,
    estimated: false,
  };
}
