// Normalized request → Messages API body. Pure, so the exact upstream request is testable.

import type { MessageCreateParamsStreaming, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { LlmRequest } from '../provider';

/** The Messages API requires max_tokens; used when the exercise sets no limit. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/** Generation parameters the Messages API no longer accepts; the registry advertises them. */
export const ANTHROPIC_UNSUPPORTED_PARAMS = ['temperature', 'topP'] as const;

/** Consecutive messages of one role are merged: the API expects alternating turns. */
export function toAnthropicMessages(request: LlmRequest): MessageParam[] {
  const messages: MessageParam[] = [];
  for (const message of request.messages) {
    const previous = messages.at(-1);
    if (previous && previous.role === message.role && typeof previous.content === 'string') {
      previous.content = `${previous.content}\n\n${message.content}`;
    } else {
      messages.push({ role: message.role, content: message.content });
    }
  }
  return messages;
}

export function toAnthropicBody(request: LlmRequest, defaultMaxTokens = DEFAULT_ANTHROPIC_MAX_TOKENS): MessageCreateParamsStreaming {
  const body: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.params.maxOutputTokens ?? defaultMaxTokens,
    messages: toAnthropicMessages(request),
    stream: true,
  };
  // The system prompt is a top-level field, not a message; an empty one is left out.
  if (request.system.trim() !== '') body.system = request.system;
  // API version 2026-10-21 (sent by SDK 1.x) rejects temperature/top_p/top_k with a 400,
  // even at default values: they are not sent (see ANTHROPIC_UNSUPPORTED_PARAMS).
  return body;
}
