import { SYSTEM_ACTOR, draft, type EventDraft, type JudgeFailureKind, type RecordedCheck } from '../../shared/events';
import { JUDGE_PARAMS, parseVerdict } from '../../shared/judge';
import type { Usage } from '../../shared/generation';
import type { CatalogModel } from '../llm/catalog';
import type { LlmRequest, ProviderError, StreamPart } from '../llm/provider';
import type { Room } from '../rooms/room';
import type { StopReason } from './turn-runner';

// Runs one grading: a judge model asked whether an answer meets a rubric. The one owner of a
// judging's events: `judge.started` with the exact request, then `judge.completed` with the raw
// answer and the parsed verdict, or `judge.failed` with the reason — after which the check is
// ungraded, never failed. Judges are not streamed to viewers: their answer is short, and what
// matters is what they concluded, recorded once.

export interface JudgeSpec {
  judgeId: string;
  runId: string;
  caseId: string;
  answerIndex: number;
  checkIndex: number;
  /** The answer graded. */
  turnId: string;
  /** Who grades (the pinned judge, or the simulator standing in for it). */
  model: CatalogModel;
  pinnedModelId: string;
  rubric: string;
  threshold: number;
  /** The candidate's input and the answer, for the simulator's judge mode. */
  input: string;
  answer: string;
  request: { system: string; messages: { role: 'user'; content: string }[] };
}

/** What everyone reads when a judge gives no verdict; the client shows its own translation by kind. */
export const JUDGE_FAILURE_MESSAGES: Record<JudgeFailureKind, string> = {
  timeout: 'The judge did not answer in time, so this check is ungraded.',
  unparsable: 'The judge’s answer could not be read as a verdict, so this check is ungraded.',
  provider: 'The judge model failed, so this check is ungraded.',
  cancelled: 'The grading was stopped, so this check is ungraded.',
  interrupted: 'The grading was cut off when the server stopped, so this check is ungraded.',
};

/** How a judging that can never finish (cut by a crash or a shutdown) is closed. */
export function interruptedJudging(judgeId: string, text = ''): EventDraft {
  return draft('judge.failed', SYSTEM_ACTOR, {
    judgeId,
    kind: 'interrupted',
    message: JUDGE_FAILURE_MESSAGES.interrupted,
    text,
    usage: null,
    costUsd: null,
  });
}

export interface JudgeRunnerDeps {
  openStream(modelId: string, request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  costOf(modelId: string, usage: Usage): number | null;
  /** How long a judge may take, from its start to its last word. */
  timeoutMs: number;
}

interface Running {
  controller: AbortController;
  stopReason: StopReason | 'timeout' | null;
  done: Promise<RecordedCheck>;
}

export class JudgeRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly room: Room,
    private readonly deps: JudgeRunnerDeps,
  ) {}

  get activeCount(): number {
    return this.running.size;
  }

  /** Appends `judge.started` and grades; resolves with the check as it will be recorded (never rejects). */
  grade(spec: JudgeSpec): Promise<RecordedCheck> {
    const { model } = spec;
    this.room.append([
      draft('judge.started', SYSTEM_ACTOR, {
        judgeId: spec.judgeId,
        runId: spec.runId,
        caseId: spec.caseId,
        answerIndex: spec.answerIndex,
        checkIndex: spec.checkIndex,
        turnId: spec.turnId,
        modelId: model.id,
        providerId: model.providerId,
        model: model.model,
        simulated: model.simulated,
        pinnedModelId: spec.pinnedModelId,
        params: { ...JUDGE_PARAMS },
        request: spec.request,
        rubric: spec.rubric,
        threshold: spec.threshold,
      }),
    ]);
    const entry: Running = { controller: new AbortController(), stopReason: null, done: Promise.resolve(ungradedCheck(spec.rubric, '')) };
    this.running.set(spec.judgeId, entry);
    entry.done = this.run(spec, entry).finally(() => this.running.delete(spec.judgeId));
    return entry.done;
  }

  /** Stops a grading; resolves once it has recorded its end. */
  async stop(judgeId: string, reason: StopReason): Promise<void> {
    const entry = this.running.get(judgeId);
    if (!entry) return;
    entry.stopReason ??= reason;
    entry.controller.abort();
    await entry.done;
  }

  async stopAll(reason: StopReason): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id, reason)));
  }

  private async run(spec: JudgeSpec, entry: Running): Promise<RecordedCheck> {
    const { judgeId, model } = spec;
    const { controller } = entry;
    const startedAt = performance.now();
    const timer = setTimeout(() => {
      entry.stopReason ??= 'timeout';
      controller.abort();
    }, this.deps.timeoutMs);
    let text = '';
    let attempts = 1;
    const request: LlmRequest = {
      model: model.model,
      system: spec.request.system,
      messages: spec.request.messages,
      params: { ...JUDGE_PARAMS },
      grading: { rubric: spec.rubric, input: spec.input, answer: spec.answer, threshold: spec.threshold },
    };
    const failed = (kind: JudgeFailureKind, usage: Usage | null, error?: ProviderError): RecordedCheck => {
      const costUsd = usage ? this.deps.costOf(model.id, usage) : null;
      this.room.appendIfOpen([
        ...(error
          ? [
              draft('judge.diagnostic', SYSTEM_ACTOR, {
                judgeId,
                kind: error.kind,
                cause: error.message,
                status: error.status ?? null,
                attempts,
              }),
            ]
          : []),
        draft('judge.failed', SYSTEM_ACTOR, { judgeId, kind, message: JUDGE_FAILURE_MESSAGES[kind], text, usage, costUsd }),
      ]);
      return ungradedCheck(spec.rubric, JUDGE_FAILURE_MESSAGES[kind], { judgeId, simulated: model.simulated });
    };
    try {
      for await (const part of this.deps.openStream(model.id, request, controller.signal)) {
        if (controller.signal.aborted) break;
        if (part.type === 'retry') attempts = part.attempt + 1;
        else if (part.type === 'text-delta') text += part.text;
        else if (part.type === 'error') return failed(part.error.kind === 'timeout' ? 'timeout' : 'provider', null, part.error);
        else if (part.type === 'finish') {
          const verdict = parseVerdict(text, spec.threshold);
          if (!verdict) return failed('unparsable', part.usage);
          const costUsd = this.deps.costOf(model.id, part.usage);
          const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
          this.room.appendIfOpen([
            draft('judge.completed', SYSTEM_ACTOR, { judgeId, text, verdict, usage: part.usage, costUsd, durationMs }),
          ]);
          return {
            kind: 'llm_rubric',
            passed: verdict.score >= spec.threshold,
            detail: spec.rubric,
            score: verdict.score,
            reason: verdict.reason,
            judgeId,
            simulated: model.simulated,
          };
        }
      }
      if (!controller.signal.aborted)
        return failed('provider', null, { kind: 'interrupted', message: 'The judge stream ended without a final event.', retryable: true });
    } catch (error) {
      if (!controller.signal.aborted)
        return failed('provider', null, {
          kind: 'unknown',
          message: error instanceof Error ? error.message : String(error),
          retryable: false,
        });
    } finally {
      clearTimeout(timer);
    }
    const reason = entry.stopReason ?? 'stopped';
    if (reason === 'shutdown') {
      this.room.appendIfOpen([interruptedJudging(judgeId, text)]);
      return ungradedCheck(spec.rubric, JUDGE_FAILURE_MESSAGES.interrupted, { judgeId, simulated: model.simulated });
    }
    return failed(reason === 'timeout' ? 'timeout' : 'cancelled', null);
  }
}

/** The check when no verdict came: ungraded, with the reason. */
export function ungradedCheck(rubric: string, reason: string, judge?: { judgeId: string; simulated: boolean }): RecordedCheck {
  return {
    kind: 'llm_rubric',
    passed: false,
    ungraded: true,
    detail: rubric,
    error: reason,
    ...(judge ? { judgeId: judge.judgeId, simulated: judge.simulated } : {}),
  };
}
