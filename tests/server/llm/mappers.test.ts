// The adapters' pure mappers: request bodies, finish reasons, usage.
import { describe, expect, it } from 'vitest';
import { toAnthropicBody, toAnthropicMessages } from '../../../server/llm/anthropic/map-request';
import { mapAnthropicStopReason, mapAnthropicUsage } from '../../../server/llm/anthropic/map-response';
import { toOpenAIBody, toOpenAIMessages } from '../../../server/llm/openai/map-request';
import { mapOpenAIFinishReason, mapOpenAIUsage } from '../../../server/llm/openai/map-response';
import type { LlmRequest } from '../../../server/llm/provider';

const request = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  model: 'm',
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'Hi' }],
  params: {},
  ...overrides,
});

describe('OpenAI mappers', () => {
  it('puts the system prompt first and leaves an empty one out', () => {
    expect(toOpenAIMessages(request())).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    expect(toOpenAIMessages(request({ system: '  ' }))).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('sends only the parameters that were set, under the configured max-tokens field', () => {
    expect(toOpenAIBody(request(), { maxTokensField: 'max_tokens', includeUsage: true })).toEqual({
      model: 'm',
      messages: toOpenAIMessages(request()),
      stream: true,
      stream_options: { include_usage: true },
    });
    const body = toOpenAIBody(request({ params: { temperature: 0, topP: 1, maxOutputTokens: 64 } }), {
      maxTokensField: 'max_completion_tokens',
      includeUsage: false,
    });
    expect(body).toMatchObject({ temperature: 0, top_p: 1, max_completion_tokens: 64 });
    expect(body).not.toHaveProperty('stream_options');
    expect(body).not.toHaveProperty('max_tokens');
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['eos', 'stop'],
    ['something_new', 'other'],
  ])('maps finish_reason %s → %s', (raw, unified) => {
    expect(mapOpenAIFinishReason(raw)).toEqual({ unified, raw });
  });

  it('maps a missing finish_reason to other/null and a refusal to refusal', () => {
    expect(mapOpenAIFinishReason(null)).toEqual({ unified: 'other', raw: null });
    expect(mapOpenAIFinishReason('stop', true)).toEqual({ unified: 'refusal', raw: 'stop' });
  });

  it('maps usage', () => {
    expect(mapOpenAIUsage({ prompt_tokens: 12, completion_tokens: 34 })).toEqual({ inputTokens: 12, outputTokens: 34, estimated: false });
  });
});

describe('Anthropic mappers', () => {
  it('keeps the system prompt top-level, requires max_tokens, drops sampling parameters', () => {
    expect(toAnthropicBody(request({ params: { temperature: 0.5, topP: 0.5 } }), 1000)).toEqual({
      model: 'm',
      max_tokens: 1000,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(toAnthropicBody(request({ system: '', params: { maxOutputTokens: 5 } }))).not.toHaveProperty('system');
    expect(toAnthropicBody(request({ params: { maxOutputTokens: 5 } })).max_tokens).toBe(5);
  });

  it('merges consecutive messages of one role', () => {
    const messages = toAnthropicMessages(
      request({
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
          { role: 'assistant', content: 'c' },
        ],
      }),
    );
    expect(messages).toEqual([
      { role: 'user', content: 'a\n\nb' },
      { role: 'assistant', content: 'c' },
    ]);
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'refusal'],
    ['pause_turn', 'other'],
  ])('maps stop_reason %s → %s', (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toEqual({ unified, raw });
  });

  it('takes input from message_start (cache included) and the final output count from message_delta', () => {
    expect(
      mapAnthropicUsage(
        { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 5, cache_read_input_tokens: 20 },
        { output_tokens: 99, input_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null },
      ),
    ).toEqual({ inputTokens: 35, outputTokens: 99, estimated: false });
    expect(mapAnthropicUsage({ input_tokens: 10, output_tokens: 1 }, undefined)).toEqual({
      inputTokens: 10,
      outputTokens: 1,
      estimated: false,
    });
  });
});
