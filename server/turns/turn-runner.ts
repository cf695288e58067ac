import { SYSTEM_ACTOR, draft, type Actor, type EventDraft, type SessionEvent } from '../../shared/events';
import { type GenerationParams, type Usage } from '../../shared/generation';
import { assertNever } from '../../shared/assert-never';
import type { ChatMessage, LlmRequest, ProviderError, StreamPart } from '../llm/provider';
import type { Room } from '../rooms/room';
import { DeltaCoalescer, type CoalescerOptions } from './delta-coalescer';
import { FAILURE_MESSAGES } from './failure-messages';
import type { CatalogModel } from '../llm/catalog';

// Runs one generation: reads the provider's normalized parts and records them as turn
// events. Whatever happens — finish, fault, stop, shutdown — the turn ends with exactly one
// of turn.completed / turn.failed / turn.cancelled, and the text seen so far is kept; unless
// its room was closed under it (erasure, a failed commit), when it records nothing more and
// the next room of the session closes the turn as interrupted.

// This is the one owner of a turn's events, for chat and test runs alike: `begin` builds its
// `turn.started`, and `interruptedFailure` is the one way an answer that cannot finish is closed.

export type StopReason = 'stopped' | 'session_ended' | 'shutdown';

/** Everything an answer needs to start: what `turn.started` records and what goes upstream. */
export interface TurnStart {
  turnId: string;
  /** Who asked: the candidate (a message, a test run). */
  actor: Actor;
  threadId: string;
  /** The user message the answer hangs off (`case:<id>` for a test case). */
  parentId: string;
  model: CatalogModel;
  params: GenerationParams;
  system: string;
  messages: ChatMessage[];
  promptVersionId: string | null;
  /** Set when the answer is one case of a test run (answerIndex: which repetition). */
  run?: { runId: string; caseId: string; answerIndex: number };
  /** Set when the answer is one side of a head-to-head comparison. */
  compare?: { compareId: string; side: 'a' | 'b' };
  /** Which answer to the same messages this is (LlmRequest.variant); not part of the recorded request. */
  variant?: number;
}

interface TurnSpec {
  turnId: string;
  threadId: string;
  modelId: string;
  request: LlmRequest;
}

/** The one way a failed answer is recorded: calm words for the candidate, by kind. */
function turnFailed(
  turnId: string,
  error: Pick<ProviderError, 'kind' | 'status' | 'retryable'>,
  partialText: string,
  usage: Usage | null,
  costUsd: number | null,
): EventDraft {
  return draft('turn.failed', SYSTEM_ACTOR, {
    turnId,
    kind: error.kind,
    message: FAILURE_MESSAGES[error.kind],
    status: error.status ?? null,
    retryable: error.retryable,
    partialText,
    usage,
    costUsd,
  });
}

/** How an answer that can never finish (cut by a crash or a shutdown) is closed. */
export function interruptedFailure(turnId: string, partialText: string): EventDraft {
  return turnFailed(turnId, { kind: 'interrupted', retryable: true }, partialText, null, null);
}

export interface TurnRunnerDeps {
  openStream(modelId: string, request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  costOf(modelId: string, usage: Usage): number | null;
  coalescing: CoalescerOptions;
}

interface Running {
  spec: TurnSpec;
  controller: AbortController;
  stopReason: StopReason | null;
  done: Promise<void>;
}

export class TurnRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly room: Room,
    private readonly deps: TurnRunnerDeps,
  ) {}

  get activeCount(): number {
    return this.running.size;
  }

  isThreadBusy(threadId: string): boolean {
    for (const r of this.running.values()) if (r.spec.threadId === threadId) return true;
    return false;
  }

  isRunning(turnId: string): boolean {
    return this.running.has(turnId);
  }

  /**
   * Appends `before` (a user message) and the answer's `turn.started` in one commit, then
   * streams it. `events` are what was appended; `done` settles once the turn has ended.
   */
  begin(start: TurnStart, before: readonly EventDraft[] = []): { events: SessionEvent[]; done: Promise<void> } {
    const { turnId, threadId, model, params, system, messages } = start;
    const events = this.room.append([
      ...before,
      draft('turn.started', start.actor, {
        turnId,
        threadId,
        parentId: start.parentId,
        modelId: model.id,
        providerId: model.providerId,
        model: model.model,
        simulated: model.simulated,
        params,
        request: { system, messages },
        promptVersionId: start.promptVersionId,
        ...(start.run
          ? {
              runId: start.run.runId,
              caseId: start.run.caseId,
              ...(start.run.answerIndex > 0 ? { answerIndex: start.run.answerIndex } : {}),
            }
          : {}),
        ...(start.compare ? { compareId: start.compare.compareId, side: start.compare.side } : {}),
      }),
    ]);
    const request = { model: model.model, system, messages, params, ...(start.variant ? { variant: start.variant } : {}) };
    const done = this.stream({ turnId, threadId, modelId: model.id, request });
    return { events, done };
  }

  private stream(spec: TurnSpec): Promise<void> {
    const controller = new AbortController();
    const entry: Running = { spec, controller, stopReason: null, done: Promise.resolve() };
    this.running.set(spec.turnId, entry);
    entry.done = this.run(entry).finally(() => this.running.delete(spec.turnId));
    return entry.done;
  }

  stop(turnId: string, reason: StopReason): Promise<void> {
    const entry = this.running.get(turnId);
    if (!entry) return Promise.resolve();
    entry.stopReason ??= reason;
    entry.controller.abort();
    return entry.done;
  }

  async stopAll(reason: StopReason): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id, reason)));
  }

  private async run(entry: Running): Promise<void> {
    const { spec, controller } = entry;
    // Read once: this loop reads it per part, and the controller's getter showed in row 5's profile.
    const { signal } = controller;
    const { turnId, modelId } = spec;
    const startedAt = performance.now();
    let text = '';
    let ttftMs: number | null = null;
    let requestId: string | null = null;
    let attempts = 1;
    const coalescer = new DeltaCoalescer(this.deps.coalescing, (chunk, first) => {
      // The first token is what the candidate waits for: committed and sent at once, never behind
      // the other sessions' deltas of this loop turn.
      this.room.appendIfOpen([draft('turn.delta', SYSTEM_ACTOR, { turnId, text: chunk })], { commitNow: first });
    });
    const fail = (error: ProviderError, usage: Usage | null) => {
      coalescer.flush();
      this.room.appendIfOpen([
        draft('turn.diagnostic', SYSTEM_ACTOR, { turnId, kind: error.kind, cause: error.message, status: error.status ?? null, attempts }),
        turnFailed(turnId, error, text, usage, usage ? this.deps.costOf(modelId, usage) : null),
      ]);
    };
    try {
      for await (const part of this.deps.openStream(modelId, spec.request, signal)) {
        if (signal.aborted) break;
        switch (part.type) {
          case 'response-metadata':
            requestId = part.requestId ?? requestId;
            break;
          case 'retry':
            attempts = part.attempt + 1;
            break;
          case 'text-delta':
            if (ttftMs === null) ttftMs = performance.now() - startedAt;
            text += part.text;
            coalescer.push(part.text);
            break;
          case 'finish':
            coalescer.flush();
            this.room.appendIfOpen([
              draft('turn.completed', SYSTEM_ACTOR, {
                turnId,
                text,
                finish: part.reason,
                usage: part.usage,
                ttftMs: ttftMs === null ? null : round(ttftMs),
                durationMs: round(performance.now() - startedAt),
                costUsd: this.deps.costOf(modelId, part.usage),
                requestId,
              }),
            ]);
            return;
          case 'error':
            if (signal.aborted) break;
            fail(part.error, null);
            return;
          default:
            assertNever(part);
        }
      }
      if (!signal.aborted) {
        // A stream that ends with neither finish nor error is cut short, never complete.
        fail({ kind: 'interrupted', message: 'The provider stream ended without a final event.', retryable: true }, null);
        return;
      }
    } catch (error) {
      if (!signal.aborted) {
        fail({ kind: 'unknown', message: error instanceof Error ? error.message : String(error), retryable: false }, null);
        return;
      }
    } finally {
      coalescer.dispose();
    }
    // Aborted: by the candidate's Stop, the session's end, or the server going down.
    coalescer.flush();
    const reason = entry.stopReason ?? 'stopped';
    if (reason === 'shutdown') {
      this.room.appendIfOpen([interruptedFailure(turnId, text)]);
    } else {
      this.room.appendIfOpen([draft('turn.cancelled', SYSTEM_ACTOR, { turnId, partialText: text, reason })]);
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
