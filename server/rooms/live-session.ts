import { AtelierError } from '../../shared/errors';
import { SYSTEM_ACTOR, draft, type EventDraft, type SessionEvent } from '../../shared/events';
import { type GenerationParams } from '../../shared/generation';
import type { CheckPool } from '../checks/check-pool';
import type { Clock } from '../clock';
import type { ExerciseStore } from '../db/exercise-store';
import type { LlmRequest } from '../llm/provider';
import { BudgetLedger, reservationFor, type Reservation } from '../turns/budget';
import type { ModelCatalog } from '../llm/catalog';
import { TestRunner, type JudgeAsk, type JudgeStart, type TestRunSpec } from '../turns/test-runner';
import { JudgeRunner, interruptedJudging, ungradedCheck } from '../turns/judge-runner';
import { JUDGE_PARAMS, judgeRequest } from '../../shared/judge';
import { spentOf } from '../../shared/budget';
import type { ExerciseSnapshot } from '../../shared/exercise';
import type { CatalogModel } from '../llm/catalog';
import { newId } from '../ids';
import { TurnRunner, interruptedFailure, type TurnStart } from '../turns/turn-runner';
import { answersOf, tallyOf } from '../../shared/runs';
import type { CoalescerOptions } from '../turns/delta-coalescer';
import { LIMITS } from '../../shared/limits';
import { RateWindow } from '../rate-window';
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
  /** How long a judge may take to grade one answer. */
  judgeTimeoutMs: number;
  /** Logs a failure of background work (a bug, never a user error). */
  reportError?(error: unknown, sessionId: string): void;
}

/** The judge that stands in, deterministic, when the pinned one is not configured here. */
export const SIMULATED_JUDGE_MODEL = 'offline/simulator';

const JUDGE_BUDGET_MESSAGE = 'Not enough of the budget was left for the judge, so this check is ungraded.';

export class LiveSession {
  readonly room: Room;
  readonly turns: TurnRunner;
  readonly testRuns: TestRunner;
  readonly judges: JudgeRunner;
  readonly models: ModelCatalog;
  private readonly budget: BudgetLedger;
  private readonly recentTurnStarts: number[] = [];
  private readonly viewChanges = new RateWindow(LIMITS.viewChangesPerMinute, 60_000);
  private readonly settledListeners = new Set<() => void>();
  private material: StaffMaterial | undefined;

  constructor(
    sessionId: string,
    private readonly deps: LiveSessionDeps,
  ) {
    this.room = Room.load(sessionId, deps);
    this.models = deps.models;
    this.turns = new TurnRunner(this.room, {
      openStream: (modelId, request, signal) => deps.models.openStream(modelId, request, signal),
      costOf: (modelId, usage) => deps.models.costOf(modelId, usage),
      coalescing: deps.coalescing,
    });
    this.judges = new JudgeRunner(this.room, {
      openStream: (modelId, request, signal) => deps.models.openStream(modelId, request, signal),
      costOf: (modelId, usage) => deps.models.costOf(modelId, usage),
      timeoutMs: deps.judgeTimeoutMs,
    });
    this.testRuns = new TestRunner(this.room, this.turns, {
      answer: (start) => this.startAnswer(start).done,
      check: (text, expectations) => deps.checks.check(sessionId, text, expectations),
      judge: (ask) => this.startJudge(ask),
      stopJudge: (judgeId, reason) => this.judges.stop(judgeId, reason),
    });
    this.budget = new BudgetLedger(
      () => this.room.state.exercise?.budget ?? null,
      () => {
        // Answers and judges alike: the judge's cost is shown apart, but it is spent all the same.
        const spent = spentOf(this.room.state);
        return { tokens: spent.inputTokens + spent.outputTokens, costUsd: spent.costUsd };
      },
    );
    this.closeInterruptedWork();
    this.room.onAppend((_events, state) => {
      if (state.status === 'ended' && this.turns.activeCount > 0) void this.turns.stopAll('session_ended');
      if (state.status === 'ended' && this.judges.activeCount > 0) void this.judges.stopAll('session_ended');
    });
    this.enforceDeadline();
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  /** True while an answer streams or a test run runs: the room must stay open. */
  get busy(): boolean {
    return this.turns.activeCount > 0 || this.testRuns.isRunning() || this.judges.activeCount > 0;
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
    this.admitTurns(1);
  }

  /** Counts `count` generations starting together (a comparison's two sides): all are admitted, or none. */
  admitTurns(count: number): void {
    if (this.turns.activeCount + count > this.deps.limits.maxConcurrentTurns) throw new AtelierError('too_many_turns');
    const now = this.deps.clock.now();
    while (this.recentTurnStarts.length > 0 && this.recentTurnStarts[0]! <= now - 60_000) this.recentTurnStarts.shift();
    if (this.recentTurnStarts.length + count > this.deps.limits.turnsPerMinute) {
      throw new AtelierError('rate_limited', `At most ${this.deps.limits.turnsPerMinute} answers per minute; wait a little.`);
    }
    for (let i = 0; i < count; i++) this.recentTurnStarts.push(now);
  }

  /** Counts a recorded `view.changed` against the session's per-minute bound, or refuses it (a flood would fill the log). */
  admitViewChange(): void {
    if (!this.viewChanges.hit(this.deps.clock.now())) {
      throw new AtelierError('rate_limited', `At most ${LIMITS.viewChangesPerMinute} view changes per minute; wait a little.`);
    }
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
  startAnswer(
    start: TurnStart,
    before: readonly EventDraft[] = [],
    options: { admit?: boolean } = {},
  ): { events: SessionEvent[]; done: Promise<void> } {
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

  /**
   * The judge of this session's llm_rubric checks: the one its exercise pins (`judge.model`, else
   * its default model) when this server has it, else the offline simulator's judge mode, which
   * every view labels "simulated judge".
   */
  judgeModel(exercise: ExerciseSnapshot): { model: CatalogModel; pinnedModelId: string } | null {
    const pinnedModelId = exercise.judge?.model ?? exercise.defaultModel;
    const catalog = this.deps.models;
    const model =
      catalog.get(pinnedModelId) ?? catalog.get(SIMULATED_JUDGE_MODEL) ?? catalog.models().find((m) => m.simulated && catalog.get(m.id));
    return model ? { model, pinnedModelId } : null;
  }

  /** The most a judge's grading may cost: its request, estimated high, plus its output allowance. */
  judgeReservation(model: CatalogModel, request: Pick<LlmRequest, 'system' | 'messages'>): Reservation {
    return reservationFor(request, JUDGE_PARAMS.maxOutputTokens, (usage) => this.deps.models.costOf(model.id, usage));
  }

  /** Grades one llm_rubric check: holds the judge's budget, then the judge runner records it. */
  startJudge(ask: JudgeAsk): JudgeStart {
    const exercise = this.room.state.exercise;
    if (!exercise) return { judgeId: null, done: Promise.resolve(ungradedCheck(ask.rubric, 'The session has no exercise.')) };
    const judge = this.judgeModel(exercise);
    if (!judge)
      return {
        judgeId: null,
        done: Promise.resolve(ungradedCheck(ask.rubric, 'No judge model is configured, so this check is ungraded.')),
      };
    const { model, pinnedModelId } = judge;
    const request = judgeRequest(exercise.judge?.prompt, ask.rubric, ask.input, ask.answer);
    const judgeId = newId();
    try {
      this.budget.reserve(judgeId, this.judgeReservation(model, request));
    } catch {
      return { judgeId: null, done: Promise.resolve(ungradedCheck(ask.rubric, JUDGE_BUDGET_MESSAGE)) };
    }
    const done = this.judges.grade({ ...ask, judgeId, model, pinnedModelId, request }).finally(() => {
      this.budget.release(judgeId);
      this.settled();
    });
    return { judgeId, done };
  }

  /** Why each JSON Schema cannot be used (null where it can), compiled on the check worker. */
  schemaIssues(schemas: readonly unknown[]): Promise<(string | null)[]> {
    return this.deps.checks.schemaIssues(this.sessionId, schemas);
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
    await this.judges.stopAll('shutdown');
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
    const judgings = Object.values(state.judgings).filter((judging) => judging.status === 'running');
    if (open.length === 0 && runs.length === 0 && gone.length === 0 && judgings.length === 0) return;
    const closeRuns = runs.flatMap((run) => {
      const unchecked = answersOf(run).filter(({ answer }) => !answer.checked);
      const closed = unchecked.map(({ caseId, answerIndex, answer }) =>
        draft('testrun.case.checked', SYSTEM_ACTOR, {
          runId: run.id,
          caseId,
          ...(answerIndex > 0 ? { answerIndex } : {}),
          turnId: answer.turnId,
          passed: null,
          checks: [],
        }),
      );
      // The tally as it will be once those are recorded: each an errored answer.
      const tally = tallyOf(run);
      return [...closed, draft('testrun.finished', SYSTEM_ACTOR, { runId: run.id, ...tally, cancelled: true })];
    });
    this.room.append([
      ...open.map((turn) => interruptedFailure(turn.id, turn.text)),
      ...judgings.map((judging) => interruptedJudging(judging.id)),
      ...closeRuns,
      ...gone.map((participantId) => draft('participant.left', SYSTEM_ACTOR, { participantId })),
    ]);
  }
}
