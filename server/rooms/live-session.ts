import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft } from '../../shared/events';
import type { Clock } from '../clock';
import { FAILURE_MESSAGES } from '../turns/failure-messages';
import type { ModelCatalog } from '../turns/model-catalog';
import { TestRunner } from '../turns/test-runner';
import { TurnRunner, type TurnSpec } from '../turns/turn-runner';
import type { CoalescerOptions } from '../turns/delta-coalescer';
import { Room, type RoomDeps } from './room';

// A session that is open on this node: its room (the log), its running generations and its
// deadline. The deadline is the server's: when it passes the session ends with `time_up`,
// whoever is connected.

export interface SessionLimits {
  /** Generations streaming at once in one session (one per thread in any case). */
  maxConcurrentTurns: number;
  /** New generations per candidate per rolling minute. */
  turnsPerMinute: number;
}

export interface LiveSessionDeps extends RoomDeps {
  clock: Clock;
  models: ModelCatalog;
  limits: SessionLimits;
  coalescing: CoalescerOptions;
}

export class LiveSession {
  readonly room: Room;
  readonly turns: TurnRunner;
  readonly testRuns: TestRunner;
  readonly models: ModelCatalog;
  private deadlineTimer: { cancel(): void } | null = null;
  private scheduledDeadline: number | null = null;
  private readonly recentTurnStarts: number[] = [];

  constructor(sessionId: string, private readonly deps: LiveSessionDeps) {
    this.room = Room.load(sessionId, deps);
    this.models = deps.models;
    this.turns = new TurnRunner(this.room, {
      openStream: (modelId, request, signal) => deps.models.openStream(modelId, request, signal),
      costOf: (modelId, usage) => deps.models.costOf(modelId, usage),
      coalescing: deps.coalescing,
    });
    this.testRuns = new TestRunner(this.room, this.turns);
    this.closeInterruptedWork();
    this.room.onAppend((_events, state) => {
      if (state.status === 'ended') {
        this.cancelDeadline();
        if (this.turns.activeCount > 0) void this.turns.stopAll('session_ended');
      } else if (state.deadline !== this.scheduledDeadline) {
        this.scheduleDeadline();
      }
    });
    this.scheduleDeadline();
    this.enforceDeadline();
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** Ends the session if its deadline has passed (timers can fire late; commands check too). */
  enforceDeadline(): void {
    const { status, deadline } = this.room.state;
    if (status === 'live' && deadline !== null && this.deps.clock.now() >= deadline) {
      this.room.append([draft('session.ended', SYSTEM_ACTOR, { reason: 'time_up' })]);
    }
  }

  /** Counts a new generation against the concurrency and per-minute limits, or refuses it. */
  admitTurn(): void {
    if (this.turns.activeCount >= this.deps.limits.maxConcurrentTurns) throw new AtelierError('too_many_turns');
    const now = this.deps.clock.now();
    while (this.recentTurnStarts.length > 0 && this.recentTurnStarts[0]! <= now - 60_000) this.recentTurnStarts.shift();
    if (this.recentTurnStarts.length >= this.deps.limits.turnsPerMinute) {
      throw new AtelierError('rate_limited', `At most ${this.deps.limits.turnsPerMinute} answers per minute; wait a little.`);
    }
    this.recentTurnStarts.push(now);
  }

  enforceBudget(): void {
    const { exercise, totals } = this.room.state;
    if (!exercise) return;
    const { maxTokens, maxCostUsd } = exercise.budget;
    if (maxTokens !== null && totals.inputTokens + totals.outputTokens >= maxTokens) {
      throw new AtelierError('budget_exhausted', 'The session has used its token budget.');
    }
    if (maxCostUsd !== null && totals.costUsd >= maxCostUsd) {
      throw new AtelierError('budget_exhausted', 'The session has used its cost budget.');
    }
  }

  startTurn(spec: TurnSpec): void {
    void this.turns.start(spec);
  }

  /** Closes the session on this node: running answers are recorded as interrupted. */
  async close(): Promise<void> {
    this.cancelDeadline();
    await this.testRuns.cancelAll('shutdown');
    await this.turns.stopAll('shutdown');
  }

  /** Answers and test runs that were running when the server last stopped can never finish: close them. */
  private closeInterruptedWork(): void {
    const state = this.room.state;
    const open = state.turnOrder.map((id) => state.turns[id]!).filter((turn) => turn.status === 'streaming');
    const runs = state.testRunOrder.map((id) => state.testRuns[id]!).filter((run) => run.status === 'running');
    if (open.length === 0 && runs.length === 0) return;
    const closeRuns = runs.flatMap((run) => [
      ...run.caseIds
        .filter((caseId) => !run.cases[caseId]?.checked)
        .map((caseId) => draft('testrun.case.checked', SYSTEM_ACTOR, { runId: run.id, caseId, turnId: run.cases[caseId]?.turnId ?? null, passed: null, checks: [] })),
      draft('testrun.finished', SYSTEM_ACTOR, {
        runId: run.id,
        passed: run.caseIds.filter((id) => run.cases[id]?.passed === true).length,
        failed: run.caseIds.filter((id) => run.cases[id]?.passed === false).length,
        errored: run.caseIds.filter((id) => run.cases[id]?.passed == null).length,
        cancelled: true,
      }),
    ]);
    this.room.append([
      ...open.map((turn) =>
        draft('turn.failed', SYSTEM_ACTOR, {
          turnId: turn.id,
          kind: 'interrupted',
          message: FAILURE_MESSAGES.interrupted,
          status: null,
          retryable: true,
          partialText: turn.text,
          usage: null,
          costUsd: null,
        }),
      ),
      ...closeRuns,
    ]);
  }

  private scheduleDeadline(): void {
    this.cancelDeadline();
    const { status, deadline } = this.room.state;
    if (status !== 'live' || deadline === null) return;
    this.scheduledDeadline = deadline;
    this.deadlineTimer = this.deps.clock.setTimeout(() => {
      this.scheduledDeadline = null;
      this.enforceDeadline();
      if (this.room.state.status === 'live') this.scheduleDeadline();
    }, deadline - this.deps.clock.now());
  }

  private cancelDeadline(): void {
    this.deadlineTimer?.cancel();
    this.deadlineTimer = null;
    this.scheduledDeadline = null;
  }
}
