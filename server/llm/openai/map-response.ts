// Chat Completions stream values → normalized finish reason and usage. Pure.

import type { CompletionUsage } from 'openai/resources/completions';
import type { FinishReason, Usage } from '../../../shared/generation';

/**
 * `finish_reason` → unified. A refusal streams as `delta.refusal` and then finishes
 * with `stop`, so the refusal is what makes it a refusal.
 */
export function mapOpenAIFinishReason(raw: string | null | undefined, sawRefusal = false): FinishReason {
  const value = raw ?? null;
  if (sawRefusal) return { unified: 'refusal', raw: value };
  switch (value) {
    case 'stop':
    case 'eos': // some compatible servers (older vLLM / TGI)
      return { unified: 'stop', raw: value };
    case 'length':
    case 'model_length':
      return { unified: 'length', raw: value };
    case 'content_filter':
      return { unified: 'content-filter', raw: value };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw: value };
    case 'error':
      return { unified: 'error', raw: value };
    default:
      return { unified: 'other', raw: value };
  }
}

/** prompt/completion tokens; reasoning tokens are already part of completion_tokens. */
export function mapOpenAIUsage(usage: Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens'>): Usage {
  return { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0, estimated: false };
}
