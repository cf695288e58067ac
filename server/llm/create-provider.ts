// A configured provider from its config and key: plain data, so that the provider threads
// (threads/provider-worker.ts) build the very same adapter as the catalog does.

import { AnthropicProvider } from './anthropic/anthropic-provider';
import type { ProviderConfig } from './config';
import { OpenAIProvider } from './openai/openai-provider';
import type { LlmProvider } from './provider';

/** An OpenAI-compatible or Anthropic provider (the offline simulator is built apart). */
export function createProvider(config: ProviderConfig, key: string | undefined): LlmProvider {
  if (config.kind === 'anthropic') {
    return new AnthropicProvider({
      id: config.id,
      ...(key ? { apiKey: key } : {}),
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      ...(config.defaultMaxTokens ? { defaultMaxTokens: config.defaultMaxTokens } : {}),
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    });
  }
  return new OpenAIProvider({
    id: config.id,
    ...(key ? { apiKey: key } : {}),
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.maxTokensField ? { maxTokensField: config.maxTokensField } : {}),
    ...(config.includeUsage !== undefined ? { includeUsage: config.includeUsage } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
  });
}
