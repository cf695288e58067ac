import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseRetryAfter } from '../../../server/llm/errors';
import { credentialsInUrl, redactUrlCredentials, scrubSecrets } from '../../../server/llm/scrub';

const openaiError = (status: number, body: object, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, body, undefined, new Headers(headers));
const anthropicError = (status: number | undefined, body: object, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(status as number, body, undefined, new Headers(headers));

describe('classifyProviderError', () => {
  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [429, 'rate_limit', true],
    [503, 'overloaded', true],
    [529, 'overloaded', true],
    [500, 'server', true],
    [502, 'server', true],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
    [408, 'timeout', true],
  ])('HTTP %i → %s (retryable %s)', (status, kind, retryable) => {
    const error = classifyProviderError(openaiError(status, { error: { message: 'nope', type: 'x' } }));
    expect(error).toMatchObject({ kind, status, retryable });
  });

  it('recognises context length errors from both providers, not retryable', () => {
    const openai = openaiError(400, {
      error: {
        message: "This model's maximum context length is 128000 tokens.",
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
      },
    });
    const anthropic = anthropicError(400, {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 208734 tokens > 200000 maximum' },
    });
    expect(classifyProviderError(openai)).toMatchObject({ kind: 'context_length', retryable: false });
    expect(classifyProviderError(anthropic)).toMatchObject({ kind: 'context_length', retryable: false });
  });

  it('classifies mid-stream error events by their type when there is no status', () => {
    const overloaded = new Anthropic.APIError(
      undefined,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      undefined,
      undefined,
    );
    expect(classifyProviderError(overloaded)).toMatchObject({ kind: 'overloaded', retryable: true });
    const server = new OpenAI.APIError(undefined, { message: 'boom', type: 'server_error' }, undefined, undefined);
    expect(classifyProviderError(server)).toMatchObject({ kind: 'server', retryable: true });
  });

  it('classifies timeouts, connection failures and aborts', () => {
    expect(classifyProviderError(new OpenAI.APIConnectionTimeoutError())).toMatchObject({ kind: 'timeout', retryable: true });
    expect(classifyProviderError(new Anthropic.APIConnectionError({ message: 'Connection error.' }))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    expect(classifyProviderError(new TypeError('fetch failed'))).toMatchObject({ kind: 'network' });
    expect(classifyProviderError(new OpenAI.APIUserAbortError())).toMatchObject({ kind: 'timeout' });
    expect(classifyProviderError('weird')).toMatchObject({ kind: 'unknown', retryable: false });
  });

  it('carries retry-after for retryable errors only', () => {
    expect(classifyProviderError(openaiError(429, {}, { 'retry-after': '7' })).retryAfterMs).toBe(7000);
    expect(classifyProviderError(anthropicError(529, {}, { 'retry-after-ms': '1234.5' })).retryAfterMs).toBe(1235);
    expect(classifyProviderError(openaiError(401, {}, { 'retry-after': '7' })).retryAfterMs).toBeUndefined();
  });

  it('scrubs keys out of the message', () => {
    const key = 'sk-proj-AbCdEf0123456789GhIjKl';
    const error = openaiError(401, { error: { message: `Incorrect API key provided: ${key}.`, code: 'invalid_api_key' } });
    const message = classifyProviderError(error, [key]).message;
    expect(message).toContain('Incorrect API key provided');
    expect(message).not.toContain('AbCdEf0123');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it('reads seconds, HTTP dates and retry-after-ms (which wins)', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '20' }), now)).toBe(20_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 10:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 09:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '150', 'retry-after': '20' }), now)).toBe(150);
  });
  it('returns undefined when absent or unreadable', () => {
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('scrubSecrets', () => {
  it('removes key shapes even when the value is unknown', () => {
    expect(scrubSecrets('key sk-ant-api03-abcdefghijklmnop used')).toBe('key [redacted] used');
    expect(scrubSecrets('Incorrect API key provided: sk-proj-ab*****************wxyz.')).not.toMatch(/wxyz|sk-/);
    expect(scrubSecrets('Authorization: Bearer abc.def.ghi')).not.toContain('abc.def');
    expect(scrubSecrets('header x-api-key: 12345678secret')).toBe('header x-api-key: [redacted]');
    expect(scrubSecrets('google AIzaSyA1234567890abcdefghijklmnop')).toBe('google [redacted]');
    expect(scrubSecrets('masked abcd********wxyz here')).toBe('masked [redacted] here');
  });

  it('removes configured keys verbatim and any 8+ character fragment of them', () => {
    const key = 'MiStRaLkEy0123456789abcdefABCDEF';
    expect(scrubSecrets(`bad key ${key}!`, [key])).toBe('bad key [redacted]!');
    expect(scrubSecrets('fragment 0123456789abcd seen', [key])).toBe('fragment [redacted] seen');
    expect(scrubSecrets('ordinary words and https://api.mistral.ai/v1 stay', [key])).toBe(
      'ordinary words and https://api.mistral.ai/v1 stay',
    );
  });

  it('removes the user and password of any URL, keeping where it points', () => {
    expect(redactUrlCredentials('http://gateway:s3cret@proxy.internal:8080/v1')).toBe('http://[redacted]@proxy.internal:8080/v1');
    expect(redactUrlCredentials('failed: https://user:p@ss@host/v1/chat (retry)')).toBe('failed: https://[redacted]@host/v1/chat (retry)');
    expect(redactUrlCredentials('"url":"http://tok@h/x","mail":"a@b.example"')).toBe('"url":"http://[redacted]@h/x","mail":"a@b.example"');
    expect(redactUrlCredentials('http://127.0.0.1:11434/v1 and a@b.example stay')).toBe('http://127.0.0.1:11434/v1 and a@b.example stay');
    expect(scrubSecrets('Request cannot be constructed from a URL that includes credentials: http://u:pw@h/v1')).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://[redacted]@h/v1',
    );
  });

  it("treats a base URL's credentials as known secrets, both as written and decoded", () => {
    expect(credentialsInUrl('http://gate%20user:pa%2Fss-long-enough@h/v1')).toEqual([
      'gate%20user',
      'gate user',
      'pa%2Fss-long-enough',
      'pa/ss-long-enough',
    ]);
    expect(credentialsInUrl('http://h/v1')).toEqual([]);
    expect(credentialsInUrl(undefined)).toEqual([]);
    expect(scrubSecrets('proxy said pa/ss-long-enough is wrong', credentialsInUrl('http://u:pa%2Fss-long-enough@h'))).toBe(
      'proxy said [redacted] is wrong',
    );
  });
});
