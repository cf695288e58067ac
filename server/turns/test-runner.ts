import type { Expectation } from '../../shared/expectations';
import { caseVerdict } from '../../shared/verdict';
import type { CheckVerdict } from '../checks/check-pool';
import { SYSTEM_ACTOR, draft, type Actor, type RecordedCheck, type SessionEvent } from '../../shared/events';
import { type GenerationParams } from '../../shared/generation';
import { caseParentId, testRunThreadId } from '../../shared/state';
import { newId } from '../ids';
import type { Room } from '../rooms/room';
import type { CatalogModel } from '../llm/catalog';
import { JUDGE_FAILURE_MESSAGES, ungradedCheck } from './judge-runner';
import type { StopReason, TurnRunner, TurnStart } from './turn-runner';

// A test run: one prompt over the test cases, each case answered `repeat` times (a stability
// run above 1), each answer a turn in its own thread, a few at a time. Each answer is checked
// against its case's expectations as soon as it ends — by the check pool, then by a judge for
// each llm_rubric expectation — and the run closes with its tally, also when it is cancelled or
// the session ends. The runner owns the run's events, from `testrun.started` to `testrun.finished`.

export interface TestRunSpec {
  runId: string;
  versionId: string | null;
  system: string;
  model: CatalogModel;
  params: GenerationParams;
  caseIds: string[];
  /** Answers per case; rounds go one after the other (every case once, then again). */
  repeat: number;
  /** Cases asked for but left out: the budget left could not cover their answers. */
  skippedCaseIds: string[];
  /** Rounds asked for but left out, for the same reason. */
  skippedRounds: number;
  actor: Actor;
  concurrency: number;
}

/** What a judge is asked to grade. */
export interface JudgeAsk {
  runId: string;
  caseId: string;
  answerIndex: number;
  checkIndex: number;
  turnId: string;
  input: string;
  answer: string;
  rubric: string;
  threshold: number;
}

/** A grading begun (`judgeId`), or refused before it began (null: the budget could not cover it). */
export interface JudgeStart {
  judgeId: string | null;
  done: Promise<RecordedCheck>;
}

export interface TestRunnerDeps {
  /** Starts a case's answer (its budget held) and resolves when it has ended; throws when it may not start. */
  answer(start: TurnStart): Promise<void>;
  /** Checks an answer against a case's expectations, off the event loop. */
  check(text: string, expectations: readonly Expectation[]): Promise<CheckVerdict>;
  /** Grades one llm_rubric check (its budget held); never rejects. */
  judge(ask: JudgeAsk): JudgeStart;
  /** Stops a grading that is under way. */
  stopJudge(judgeId: string, reason: StopReason): Promise<void>;
}

type AnswerTally = 'passed' | 'failed' | 'errored' | 'ungraded';

export class TestRunner {
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, { turns: Set<string>; judges: Set<string> }>();
  private readonly done = new Map<string, Promise<void>>();

  constructor(
    private readonly room: Room,
    private readonly turns: TurnRunner,
    private readonly deps: TestRunnerDeps,
  ) {}

  isRunning(runId?: string): boolean {
    return runId ? this.running.has(runId) : this.running.size > 0;
  }

  /** Appends `testrun.started`, then runs the cases in the background; `done` settles once the run has recorded its end. */
  begin(spec: TestRunSpec): { events: SessionEvent[]; done: Promise<void> } {
    const { runId, versionId, system, model, caseIds, skippedCaseIds, skippedRounds, repeat } = spec;
    const skipped = skippedCaseIds.length > 0 || skippedRounds > 0;
    const events = this.room.append([
      draft('testrun.started', spec.actor, {
        runId,
        versionId,
        system,
        modelId: model.id,
        caseIds,
        ...(repeat > 1 ? { repeat } : {}),
        ...(skipped
          ? { skipped: { caseIds: skippedCaseIds, reason: 'budget' as const, ...(skippedRounds > 0 ? { rounds: skippedRounds } : {}) } }
          : {}),
      }),
    ]);
    return { events, done: this.start(spec) };
  }

  private start(spec: TestRunSpec): Promise<void> {
    this.running.set(spec.runId, { turns: new Set(), judges: new Set() });
    const done = this.run(spec).finally(() => {
      this.running.delete(spec.runId);
      this.cancelled.delete(spec.runId);
      this.done.delete(spec.runId);
    });
    this.done.set(spec.runId, done);
    return done;
  }

  /** Stops the run's answers and gradings; resolves once the run has recorded its end. */
  async cancel(runId: string, reason: StopReason = 'stopped'): Promise<void> {
    const running = this.running.get(runId);
    if (!running) return;
    this.cancelled.add(runId);
    await Promise.all([
      ...[...running.turns].map((turnId) => this.turns.stop(turnId, reason)),
      ...[...running.judges].map((judgeId) => this.deps.stopJudge(judgeId, reason)),
    ]);
    await this.done.get(runId);
  }

  async cancelAll(reason: StopReason = 'stopped'): Promise<void> {
    await Promise.all([...this.running.keys()].map((runId) => this.cancel(runId, reason)));
  }

  private async run(spec: TestRunSpec): Promise<void> {
    const queue = Array.from({ length: spec.repeat }, (_, answerIndex) => spec.caseIds.map((caseId) => ({ caseId, answerIndex }))).flat();
    const tally = { passed: 0, failed: 0, errored: 0, ungraded: 0 };
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        tally[await this.runAnswer(spec, next.caseId, next.answerIndex)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(spec.concurrency, queue.length)) }, worker));
    const cancelled = this.cancelled.has(spec.runId) || this.room.state.status !== 'live';
    this.room.appendIfOpen([draft('testrun.finished', SYSTEM_ACTOR, { runId: spec.runId, ...tally, cancelled })]);
  }

  private stopped(runId: string): boolean {
    return this.room.state.status !== 'live' || this.cancelled.has(runId) || this.room.closed;
  }

  private async runAnswer(spec: TestRunSpec, caseId: string, answerIndex: number): Promise<AnswerTally> {
    const { runId } = spec;
    const testCase = this.room.state.testCases[caseId];
    const turnId = newId();
    const index = answerIndex > 0 ? { answerIndex } : {};
    const errored = (answered: string | null): AnswerTally => {
      this.room.appendIfOpen([
        draft('testrun.case.checked', SYSTEM_ACTOR, { runId, caseId, ...index, turnId: answered, passed: null, checks: [] }),
      ]);
      return 'errored';
    };
    let done: Promise<void> | null = null;
    if (testCase && !this.stopped(runId)) {
      try {
        done = this.deps.answer({
          turnId,
          actor: spec.actor,
          threadId: testRunThreadId(runId, caseId, answerIndex),
          // A test case has no user message node of its own: the answer hangs off the case.
          parentId: caseParentId(caseId),
          model: spec.model,
          params: spec.params,
          system: spec.system,
          messages: [{ role: 'user', content: testCase.input }],
          promptVersionId: spec.versionId,
          run: { runId, caseId, answerIndex },
          // A stability run asks the same question again: a deterministic provider words it differently.
          ...(answerIndex > 0 ? { variant: answerIndex } : {}),
        });
      } catch {
        done = null; // the budget left cannot cover this answer: it is not asked for
      }
    }
    if (!done || !testCase) return errored(null);
    const running = this.running.get(runId);
    running?.turns.add(turnId);
    await done.catch(() => undefined);
    running?.turns.delete(turnId);

    const turn = this.room.state.turns[turnId];
    if (!turn || turn.status !== 'completed') return errored(turnId);
    const { checks } = await this.deps.check(turn.text, testCase.expectations);
    const recorded: RecordedCheck[] = [...checks];
    for (const [checkIndex, expectation] of testCase.expectations.entries()) {
      if (expectation.kind !== 'llm_rubric') continue;
      if (this.stopped(runId)) {
        recorded[checkIndex] = ungradedCheck(expectation.rubric, JUDGE_FAILURE_MESSAGES.cancelled);
        continue;
      }
      const { rubric, threshold } = expectation;
      const judging = this.deps.judge({
        runId,
        caseId,
        answerIndex,
        checkIndex,
        turnId,
        input: testCase.input,
        answer: turn.text,
        rubric,
        threshold,
      });
      if (judging.judgeId) running?.judges.add(judging.judgeId);
      recorded[checkIndex] = await judging.done;
      if (judging.judgeId) running?.judges.delete(judging.judgeId);
    }
    const verdict = caseVerdict(recorded);
    this.room.appendIfOpen([
      draft('testrun.case.checked', SYSTEM_ACTOR, {
        runId,
        caseId,
        ...index,
        turnId,
        passed: verdict === 'pass',
        ...(verdict === 'ungraded' ? { ungraded: true as const } : {}),
        checks: recorded,
      }),
    ]);
    return verdict === 'pass' ? 'passed' : verdict === 'fail' ? 'failed' : 'ungraded';
  }
}
