// Normalized request → Chat Completions body. Pure, so the exact upstream request is
// testable without a network.

import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { LlmRequest } from '../provider';

/**
 * OpenAI deprecated `max_tokens` for `max_completion_tokens` (required by its reasoning
 * models), but many OpenAI-compatible servers only know `max_tokens`.
 */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

export function toOpenAIMessages(request: LlmRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  // `system`, not `developer`: every compatible server understands it.
  if (request.system.trim() !== '') messages.push({ role: 'system', content: request.system });
  for (const message of request.messages) messages.push({ role: message.role, content: message.content });
  return messages;
}

export function toOpenAIBody(
  request: LlmRequest,
  options: { maxTokensField: MaxTokensField; includeUsage: boolean },
): ChatCompletionCreateParamsStreaming {
  const body: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAIMessages(request),
    stream: true,
  };
  // Without include_usage the stream carries no token counts at all.
  if (options.includeUsage) body.stream_options = { include_usage: true };
  const { temperature, topP, maxOutputTokens } = request.params;
  if (temperature !== undefined) body.temperature = temperature;
  if (topP !== undefined) body.top_p = topP;
  if (maxOutputTokens !== undefined) body[options.maxTokensField] = maxOutputTokens;
  return body;
}
