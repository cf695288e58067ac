// OpenAI Chat Completions adapter, for OpenAI itself and for every OpenAI-compatible
// server (Mistral, Ollama, vLLM, LM Studio, llama.cpp, Gemini's OpenAI endpoint):
// one instance per configured provider id, each with its own base URL and key.

import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { classifyProviderError, interruptedError, requestIdOf } from '../errors';
import { estimatedUsage } from '../estimate';
import type { Usage } from '../../../shared/generation';
import type { LlmProvider, LlmRequest, StreamPart } from '../provider';
import { eventStreamData, eventStreamFetch } from '../event-stream-fetch';
import { toOpenAIBody, type MaxTokensField } from './map-request';
import { mapOpenAIFinishReason, mapOpenAIUsage } from './map-response';

export interface OpenAIProviderOptions {
  id: string;
  /** Local servers (Ollama, llama.cpp…) take any key; the SDK insists on one. */
  apiKey?: string;
  baseUrl?: string;
  /** Default: `max_completion_tokens` on api.openai.com, `max_tokens` elsewhere. */
  maxTokensField?: MaxTokensField;
  /** Ask for the usage chunk (`stream_options.include_usage`). Default true. */
  includeUsage?: boolean;
  /** Until response headers arrive; the idle watchdog covers the stream after that. */
  timeoutMs?: number;
  /** For tests and proxies. Default: `eventStreamFetch`, which reads answers as Node streams. */
  fetch?: typeof fetch;
}

export class OpenAIProvider implements LlmProvider {
  readonly id: string;
  readonly kind = 'openai' as const;
  readonly client: OpenAI;
  private readonly maxTokensField: MaxTokensField;
  private readonly includeUsage: boolean;
  private readonly secrets: string[];

  constructor(options: OpenAIProviderOptions) {
    this.id = options.id;
    this.secrets = options.apiKey ? [options.apiKey] : [];
    const official = options.baseUrl === undefined || /\/\/api\.openai\.com(\/|$)/.test(options.baseUrl);
    this.maxTokensField = options.maxTokensField ?? (official ? 'max_completion_tokens' : 'max_tokens');
    this.includeUsage = options.includeUsage ?? true;
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'no-key',
      baseURL: options.baseUrl ?? null,
      // One retry layer only: ours (retry.ts), which knows whether text was already shown.
      maxRetries: 0,
      timeout: options.timeoutMs ?? 60_000,
      fetch: options.fetch ?? eventStreamFetch,
    });
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    let text = '';
    try {
      const body = toOpenAIBody(request, { maxTokensField: this.maxTokensField, includeUsage: this.includeUsage });
      // The SDK sends the request and types an error status; the events are read here as the
      // SDK would read them, for less CPU per chunk (event-stream-fetch.ts).
      const response = await this.client.chat.completions.create(body, { signal }).asResponse();
      yield metadata(response.headers.get('x-request-id'), request.model);
      let finishRaw: string | null | undefined;
      let sawRefusal = false;
      let usage: Usage | undefined;
      let done = false;
      for await (const { data } of eventStreamData(response)) {
        // Read on to the end after [DONE], so that the connection is kept for the next request.
        if (done || data.startsWith('[DONE]')) {
          done = true;
          continue;
        }
        const chunk = JSON.parse(data) as ChatCompletionChunk & { error?: object };
        // An error event mid-stream, thrown as the SDK's own (errors.ts reads its body).
        if (chunk.error) throw new OpenAI.APIError(undefined, chunk.error, undefined, response.headers);
        // The usage chunk comes last, with `choices: []`.
        if (chunk.usage) usage = mapOpenAIUsage(chunk.usage);
        const choice = chunk.choices[0];
        if (!choice) continue;
        const delta = choice.delta as { content?: string | null; refusal?: string | null } | undefined;
        if (delta?.content) {
          text += delta.content;
          yield { type: 'text-delta', text: delta.content };
        }
        if (delta?.refusal) {
          sawRefusal = true;
          text += delta.refusal;
          yield { type: 'text-delta', text: delta.refusal };
        }
        if (choice.finish_reason) finishRaw = choice.finish_reason;
      }
      if (signal.aborted) return; // the caller stopped us: it already knows
      if (finishRaw === undefined) {
        yield { type: 'error', error: interruptedError('no finish_reason before the stream closed') };
        return;
      }
      // Servers that ignore stream_options send no usage: estimate, flagged as such.
      yield { type: 'finish', reason: mapOpenAIFinishReason(finishRaw, sawRefusal), usage: usage ?? estimatedUsage(request, text) };
    } catch (error) {
      if (signal.aborted) return;
      const requestId = requestIdOf(error);
      if (requestId) yield metadata(requestId, request.model);
      yield { type: 'error', error: classifyProviderError(error, this.secrets) };
    }
  }
}

/** Model ids from `GET /models` (auto-paginated, capped); throws like the SDK does. */
export async function listOpenAIModels(provider: OpenAIProvider, signal?: AbortSignal, timeoutMs = 5_000): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of provider.client.models.list({ signal: signal ?? null, timeout: timeoutMs })) {
    ids.push(model.id);
    if (ids.length >= 500) break;
  }
  return ids;
}

function metadata(requestId: string | null | undefined, model: string): StreamPart {
  return requestId ? { type: 'response-metadata', requestId, modelId: model } : { type: 'response-metadata', modelId: model };
}
