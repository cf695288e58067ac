import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { type GenerationParams } from '../../shared/generation';
import type { CheckPool } from '../checks/check-pool';
import type { Clock } from '../clock';
import type { ExerciseStore } from '../db/exercise-store';
import type { LlmRequest } from '../llm/provider';
import { BudgetLedger, reservationFor, type Reservation } from '../turns/budget';
import type { ModelCatalog } from '../llm/catalog';
import { TestRunner, type TestRunSpec } from '../turns/test-runner';
import { TurnRunner, interruptedFailure, type TurnStart } from '../turns/turn-runner';
import type { CoalescerOptions } from '../turns/delta-coalescer';
import { Room, type RoomDeps } from './room';

// A session that is open on this node: its room (the log), its running answers and test runs,
// and its budget. The deadline is the server's: when it passes the session ends with `time_up`,
// whoever is connected (SessionRooms keeps the timers, so a session nobody is in needs no room).

export interface SessionLimits {
  /** Generations streaming at once in one session (one per thread in any case). */
  maxConcurrentTurns: number;
  /** New generations per candidate per rolling minute. */
  turnsPerMinute: number;
}

/** What commands check staff references against: the rubric and questions of the session's exercise version. */
export interface StaffMaterial {
  criterionIds: ReadonlySet<string>;
  questionIds: ReadonlySet<string>;
}

export interface LiveSessionDeps extends RoomDeps {
  clock: Clock;
  exercises: ExerciseStore;
  /** Where answers are checked against test cases: off the event loop. */
  checks: CheckPool;
  models: ModelCatalog;
  limits: SessionLimits;
  coalescing: CoalescerOptions;
  /** Logs a failure of background work (a bug, never a user error). */
  reportError?(error: unknown, sessionId: string): void;
}

export class LiveSession {
  readonly room: Room;
  readonly turns: TurnRunner;
  readonly testRuns: TestRunner;
  readonly models: ModelCatalog;
  private readonly budget: BudgetLedger;
  private readonly recentTurnStarts: number[] = [];
  private readonly settledListeners = new Set<() => void>();
  private material: StaffMaterial | undefined;

  constructor(sessionId: string, private readonly deps: LiveSessionDeps) {
    this.room = Room.load(sessionId, deps);
    this.models = deps.models;
    this.turns = new TurnRunner(this.room, {
      openStream: (modelId, request, signal) => deps.models.openStream(modelId, request, signal),
      costOf: (modelId, usage) => deps.models.costOf(modelId, usage),
      coalescing: deps.coalescing,
    });
    this.testRuns = new TestRunner(
      this.room,
      this.turns,
      (start) => this.startAnswer(start).done,
      (text, expectations) => deps.checks.check(sessionId, text, expectations),
    );
    this.budget = new BudgetLedger(
      () => this.room.state.exercise?.budget ?? null,
      () => {
        const { totals } = this.room.state;
        return { tokens: totals.inputTokens + totals.outputTokens, costUsd: totals.costUsd };
      },
    );
    this.closeInterruptedWork();
    this.room.onAppend((_events, state) => {
      if (state.status === 'ended' && this.turns.activeCount > 0) void this.turns.stopAll('session_ended');
    });
    this.enforceDeadline();
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** True while an answer streams or a test run runs: the room must stay open. */
  get busy(): boolean {
    return this.turns.activeCount > 0 || this.testRuns.isRunning();
  }

  /** Called whenever an answer or a test run ends (the room may be idle now). */
  onSettled(listener: () => void): void {
    this.settledListeners.add(listener);
  }

  /** The rubric's criteria and the interview questions of this session's exercise version (read once). */
  staffMaterial(): StaffMaterial {
    if (!this.material) {
      const row = this.deps.sessions.get(this.sessionId);
      const content = row ? this.deps.exercises.version(row.exerciseId, row.exerciseVersion)?.content : undefined;
      this.material = {
        criterionIds: new Set(content?.rubric.map((c) => c.id) ?? []),
        questionIds: new Set(content?.questions.map((q) => q.id) ?? []),
      };
    }
    return this.material;
  }

  /** Ends the session if its deadline has passed (timers can fire late; commands check too). */
  enforceDeadline(): void {
    const { status, deadline } = this.room.state;
    if (status === 'live' && deadline !== null && this.deps.clock.now() >= deadline) {
      this.room.appendIfOpen([draft('session.ended', SYSTEM_ACTOR, { reason: 'time_up' })]);
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

  /** The most an answer may cost (its whole output allowance included), before it is asked for. */
  reservationFor(modelId: string, request: Pick<LlmRequest, 'system' | 'messages'>, params: GenerationParams): Reservation {
    return reservationFor(request, params.maxOutputTokens, (usage) => this.deps.models.costOf(modelId, usage));
  }

  /** How many of these answers the budget left covers, taken in order. */
  affordable(reservations: readonly Reservation[]): number {
    return this.budget.fitting(reservations);
  }

  /**
   * Starts an answer: holds the most it may cost, counts it against the per-minute and
   * concurrency limits when `admit` says so, then the turn runner appends `before` with its
   * `turn.started` and streams it. Throws a typed error, appending nothing, when it may not start.
   */
  startAnswer(start: TurnStart, before: readonly EventDraft[] = [], options: { admit?: boolean } = {}): { events: SessionEvent[]; done: Promise<void> } {
    this.budget.reserve(start.turnId, this.reservationFor(start.model.id, start, start.params));
    let begun;
    try {
      if (options.admit) this.admitTurn();
      begun = this.turns.begin(start, before);
    } catch (error) {
      this.budget.release(start.turnId);
      throw error;
    }
    const done = begun.done.finally(() => {
      this.budget.release(start.turnId);
      this.settled();
    });
    done.catch((error: unknown) => this.reportError(error));
    return { events: begun.events, done };
  }

  /** Starts a test run (see TestRunner.begin); its answers reserve their budget one by one. */
  startTestRun(spec: TestRunSpec): SessionEvent[] {
    const { events, done } = this.testRuns.begin(spec);
    done.finally(() => this.settled()).catch((error: unknown) => this.reportError(error));
    return events;
  }

  /** Closes the session on this node: running answers are recorded as interrupted. */
  async close(): Promise<void> {
    await this.testRuns.cancelAll('shutdown');
    await this.turns.stopAll('shutdown');
  }

  private reportError(error: unknown): void {
    (this.deps.reportError ?? ((e) => console.error('background work failed', e)))(error, this.sessionId);
  }

  private settled(): void {
    for (const listener of this.settledListeners) listener();
  }

  /**
   * What the log says is going on but cannot be, now that this room opens: answers and test
   * runs that were running when the server last stopped, and participants who were online.
   */
  private closeInterruptedWork(): void {
    const state = this.room.state;
    const open = state.turnOrder.map((id) => state.turns[id]!).filter((turn) => turn.status === 'streaming');
    const runs = state.testRunOrder.map((id) => state.testRuns[id]!).filter((run) => run.status === 'running');
    const gone = this.room.staleParticipants();
    if (open.length === 0 && runs.length === 0 && gone.length === 0) return;
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
      ...open.map((turn) => interruptedFailure(turn.id, turn.text)),
      ...closeRuns,
      ...gone.map((participantId) => draft('participant.left', SYSTEM_ACTOR, { participantId })),
    ]);
  }
}
