// Token estimates for when nobody counted: the simulator's own usage, and the fallback
// when a provider streams no usage (then flagged `estimated: true`).

import type { Usage } from '../../shared/generation';
import type { LlmRequest } from './provider';

/** ≈ 4 characters per token: the usual rule of thumb for English-like text. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** The prompt side: system plus every message, with a few tokens of framing each. */
export function estimateInputTokens(request: LlmRequest): number {
  const framing = 3 * (request.messages.length + (request.system ? 1 : 0));
  return request.messages.reduce((sum, message) => sum + estimateTokens(message.content), estimateTokens(request.system)) + framing;
}

export function estimatedUsage(request: LlmRequest, outputText: string): Usage {
  return { inputTokens: estimateInputTokens(request), outputTokens: estimateTokens(outputText), estimated: true };
}
