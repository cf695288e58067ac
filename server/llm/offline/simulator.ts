// The built-in offline simulator (provider `offline`): no key, no network. A small rule
// engine (compose.ts) writes a deterministic answer that reacts to the system prompt;
// this file streams it like a real provider — metadata, word-ish deltas at a pace,
// usage and a finish reason — and injects the faults asked for by markers (faults.ts).

import { estimateInputTokens, estimateTokens } from '../estimate';
import type { LlmProvider, LlmRequest, StreamPart } from '../provider';
import { sleep, untilAborted } from '../sleep';
import { composeAnswer } from './compose';
import { parseFaults, type FaultPlan } from './faults';
import { simulateJudgement } from './judge';
import { hashString } from './seed';

export interface OfflineSimulatorOptions {
  /** Delay between chunks in ms; 0 streams instantly (tests). Default 30. */
  paceMs?: number;
  /** Delay before the first chunk in ms. Default 350. */
  firstTokenMs?: number;
  /** Provider id, the prefix of model ids. Default `offline`. */
  id?: string;
}

export const OFFLINE_PROVIDER_ID = 'offline';
export const DEFAULT_OFFLINE_MODEL = 'simulator';

/** Local model ids with their speed factor relative to the configured pace. */
export const OFFLINE_MODELS: ReadonlyArray<{ model: string; label: string; speed: number }> = [
  { model: 'simulator', label: 'Offline simulator', speed: 1 },
  { model: 'simulator-fast', label: 'Offline simulator (fast)', speed: 4 },
];

const SLOW_FIRST_TOKEN_MS = 3000;
const SLOW_PACE_MS = 300;

export class OfflineSimulator implements LlmProvider {
  readonly id: string;
  readonly kind = 'offline' as const;
  private readonly paceMs: number;
  private readonly firstTokenMs: number;
  /** Attempts seen per request, so `[[simulate:error-429:1]]` fails only the first try. */
  private readonly attempts = new Map<number, number>();
  private calls = 0;

  constructor(options: OfflineSimulatorOptions = {}) {
    this.id = options.id ?? OFFLINE_PROVIDER_ID;
    this.paceMs = options.paceMs ?? 30;
    this.firstTokenMs = options.firstTokenMs ?? 350;
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    const model = OFFLINE_MODELS.find((entry) => entry.model === request.model);
    if (!model) {
      yield {
        type: 'error',
        error: { kind: 'bad_request', status: 404, retryable: false, message: `Unknown simulator model "${request.model}".` },
      };
      return;
    }
    const lastUser = request.messages.map((message) => message.role).lastIndexOf('user');
    // A judge's markers are in its rubric: the answer it grades may quote the candidate's input.
    const { plan, cleaned } = parseFaults(request.grading ? request.grading.rubric : (request.messages[lastUser]?.content ?? ''));
    const messages = request.grading
      ? request.messages
      : request.messages.map((message, index) => (index === lastUser ? { ...message, content: cleaned } : message));
    const grading = request.grading ? { ...request.grading, rubric: cleaned } : undefined;
    const key = hashString(JSON.stringify([request.system, request.messages, request.params]));
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    // Only requests asking for a limited number of failures need remembering.
    if (plan.error && Number.isFinite(plan.error.times)) this.attempts.set(key, attempt);
    this.calls += 1;

    const pace = plan.slow ? SLOW_PACE_MS : this.paceMs / model.speed;
    const firstToken = plan.slow ? SLOW_FIRST_TOKEN_MS : this.firstTokenMs / model.speed;
    if (!(await sleep(firstToken / 2, signal))) return;
    if (plan.error && attempt <= plan.error.times) {
      yield { type: 'error', error: plan.error.error };
      return;
    }
    this.attempts.delete(key);
    yield { type: 'response-metadata', requestId: `sim-${key.toString(16)}-${this.calls}`, modelId: request.model };
    if (plan.silence) {
      await untilAborted(signal);
      return;
    }
    if (!(await sleep(firstToken / 2, signal))) return;
    yield* this.streamAnswer({ ...request, messages, ...(grading ? { grading } : {}) }, plan, pace, signal);
  }

  private async *streamAnswer(request: LlmRequest, plan: FaultPlan, pace: number, signal: AbortSignal): AsyncIterable<StreamPart> {
    const chunks = this.answerText(request, plan).match(/\S+\s*/g) ?? [];
    const limit = request.params.maxOutputTokens;
    const stopAt = plan.cut || plan.midstreamError ? Math.ceil(chunks.length / 2) : chunks.length;
    let streamed = '';
    for (let index = 0; index < stopAt; index++) {
      const chunk = chunks[index] ?? '';
      if (limit !== undefined && estimateTokens(streamed + chunk) > limit) {
        yield this.finish(request, streamed, 'length');
        return;
      }
      if (index > 0 && !(await sleep(pace, signal))) return;
      if (signal.aborted) return;
      streamed += chunk;
      yield { type: 'text-delta', text: chunk };
    }
    if (plan.cut) {
      yield {
        type: 'error',
        error: { kind: 'interrupted', retryable: false, message: 'Simulated: the stream ended before its final event.' },
      };
      return;
    }
    if (plan.midstreamError) {
      yield {
        type: 'error',
        error: { kind: 'overloaded', status: 529, retryable: true, message: 'Simulated: overloaded_error in the middle of the stream.' },
      };
      return;
    }
    yield this.finish(request, streamed, 'stop');
  }

  private answerText(request: LlmRequest, plan: FaultPlan): string {
    if (!request.grading) return composeAnswer(request);
    return plan.garbage ? 'I think this answer is quite good overall, well done.' : simulateJudgement(request.grading);
  }

  /** The simulator is its own source of truth for usage, hence `estimated: false`. */
  private finish(request: LlmRequest, text: string, reason: 'stop' | 'length'): StreamPart {
    return {
      type: 'finish',
      reason: { unified: reason, raw: reason },
      usage: { inputTokens: estimateInputTokens(request), outputTokens: estimateTokens(text), estimated: false },
    };
  }
}
