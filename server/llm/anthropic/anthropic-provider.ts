// Anthropic Messages adapter: message_start (usage in) → content_block_delta text →
// message_delta (stop reason, usage out) → message_stop. No message_stop means the
// answer is incomplete, whatever text arrived.

import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { eventStreamData, eventStreamFetch } from '../event-stream-fetch';
import { classifyProviderError, interruptedError, requestIdOf } from '../errors';
import type { LlmProvider, LlmRequest, StreamPart } from '../provider';
import { toAnthropicBody } from './map-request';
import { mapAnthropicStopReason, mapAnthropicUsage, type AnthropicUsageCounts } from './map-response';

export interface AnthropicProviderOptions {
  id: string;
  apiKey?: string;
  baseUrl?: string;
  /** max_tokens when the request sets none (the API requires one). */
  defaultMaxTokens?: number;
  /** Until response headers arrive; the idle watchdog covers the stream after that. */
  timeoutMs?: number;
  /** For tests and proxies. Default: `eventStreamFetch`, which reads answers as Node streams. */
  fetch?: typeof fetch;
}

export class AnthropicProvider implements LlmProvider {
  readonly id: string;
  readonly kind = 'anthropic' as const;
  readonly client: Anthropic;
  private readonly defaultMaxTokens: number | undefined;
  private readonly secrets: string[];

  constructor(options: AnthropicProviderOptions) {
    this.id = options.id;
    this.secrets = options.apiKey ? [options.apiKey] : [];
    this.defaultMaxTokens = options.defaultMaxTokens;
    this.client = new Anthropic({
      // Explicit key and URL: the SDK must not pick up other credentials on its own.
      apiKey: options.apiKey ?? null,
      authToken: null,
      baseURL: options.baseUrl ?? null,
      // One retry layer only: ours (retry.ts), which knows whether text was already shown.
      maxRetries: 0,
      timeout: options.timeoutMs ?? 60_000,
      fetch: options.fetch ?? eventStreamFetch,
    });
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    try {
      const body = toAnthropicBody(request, this.defaultMaxTokens);
      // The SDK sends the request and types an error status; the events are read here as the
      // SDK would read them, for less CPU per chunk (event-stream-fetch.ts).
      const response = await this.client.messages.create(body, { signal }).asResponse();
      const requestId = response.headers.get('request-id');
      yield requestId
        ? { type: 'response-metadata', requestId, modelId: request.model }
        : { type: 'response-metadata', modelId: request.model };
      let startUsage: AnthropicUsageCounts = {};
      let deltaUsage: AnthropicUsageCounts | undefined;
      let stopReason: string | null = null;
      let stopped = false;
      for await (const sse of eventStreamData(response)) {
        if (sse.event === undefined || sse.event === 'ping' || (sse.event !== 'error' && !sse.data)) continue;
        if (sse.event === 'error') throw streamedError(sse.data, response.headers);
        const event = JSON.parse(sse.data) as RawMessageStreamEvent;
        switch (event.type) {
          case 'message_start':
            startUsage = event.message.usage;
            break;
          case 'content_block_delta':
            // Only text is shown; thinking, citations and tool input are not part of the answer.
            if (event.delta.type === 'text_delta' && event.delta.text) yield { type: 'text-delta', text: event.delta.text };
            break;
          case 'message_delta':
            stopReason = event.delta.stop_reason;
            deltaUsage = event.usage;
            break;
          case 'message_stop':
            stopped = true;
            break;
          default:
            break;
        }
      }
      if (signal.aborted) return; // the caller stopped us: it already knows
      if (!stopped) {
        yield { type: 'error', error: interruptedError('no message_stop before the stream closed') };
        return;
      }
      yield { type: 'finish', reason: mapAnthropicStopReason(stopReason), usage: mapAnthropicUsage(startUsage, deltaUsage) };
    } catch (error) {
      if (signal.aborted) return;
      const requestId = requestIdOf(error);
      if (requestId) yield { type: 'response-metadata', requestId, modelId: request.model };
      yield { type: 'error', error: classifyProviderError(error, this.secrets) };
    }
  }
}

/** An `error` event mid-stream, as the SDK's own error (errors.ts reads its body). */
function streamedError(data: string, headers: Headers): Error {
  let body: unknown = data;
  try {
    body = JSON.parse(data);
  } catch {
    // Not JSON: the raw text is the body, as the SDK keeps it.
  }
  const type = (body as { error?: { type?: string } } | null)?.error?.type;
  return new Anthropic.APIError(undefined, body as object, undefined, headers, type as Anthropic.ErrorType | undefined);
}

/** Models from `GET /v1/models` with their display names; throws like the SDK does. */
export async function listAnthropicModels(
  provider: AnthropicProvider,
  signal?: AbortSignal,
  timeoutMs = 5_000,
): Promise<Array<{ id: string; label: string }>> {
  const models: Array<{ id: string; label: string }> = [];
  for await (const model of provider.client.models.list({}, { signal: signal ?? null, timeout: timeoutMs })) {
    models.push({ id: model.id, label: model.display_name });
    if (models.length >= 500) break;
  }
  return models;
}
