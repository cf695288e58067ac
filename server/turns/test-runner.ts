import type { Expectation } from '../../shared/expectations';
import type { CheckVerdict } from '../checks/check-pool';
import { SYSTEM_ACTOR, draft, type Actor, type SessionEvent } from '../../shared/events';
import { type GenerationParams } from '../../shared/generation';
import { caseParentId, testRunThreadId } from '../../shared/state';
import { newId } from '../ids';
import type { Room } from '../rooms/room';
import type { CatalogModel } from '../llm/catalog';
import type { StopReason, TurnRunner, TurnStart } from './turn-runner';

// A test run: one prompt over the test cases, each case a turn in its own thread, a few at a
// time. Each answer is checked against its case's expectations as soon as it ends, and the
// run closes with its tally — also when it is cancelled or the session ends. The runner owns
// the run's events, from `testrun.started` to `testrun.finished`.

export interface TestRunSpec {
  runId: string;
  versionId: string | null;
  system: string;
  model: CatalogModel;
  params: GenerationParams;
  caseIds: string[];
  /** Cases asked for but left out: the budget left could not cover their answers. */
  skippedCaseIds: string[];
  actor: Actor;
  concurrency: number;
}

export class TestRunner {
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, Set<string>>();
  private readonly done = new Map<string, Promise<void>>();

  constructor(
    private readonly room: Room,
    private readonly turns: TurnRunner,
    /** Starts a case's answer (its budget held) and resolves when it has ended; throws when it may not start. */
    private readonly answer: (start: TurnStart) => Promise<void>,
    /** Checks an answer against a case's expectations, off the event loop. */
    private readonly check: (text: string, expectations: readonly Expectation[]) => Promise<CheckVerdict>,
  ) {}

  isRunning(runId?: string): boolean {
    return runId ? this.running.has(runId) : this.running.size > 0;
  }

  /** Appends `testrun.started`, then runs the cases in the background; `done` settles once the run has recorded its end. */
  begin(spec: TestRunSpec): { events: SessionEvent[]; done: Promise<void> } {
    const { runId, versionId, system, model, caseIds, skippedCaseIds } = spec;
    const events = this.room.append([
      draft('testrun.started', spec.actor, {
        runId,
        versionId,
        system,
        modelId: model.id,
        caseIds,
        ...(skippedCaseIds.length > 0 ? { skipped: { caseIds: skippedCaseIds, reason: 'budget' as const } } : {}),
      }),
    ]);
    return { events, done: this.start(spec) };
  }

  private start(spec: TestRunSpec): Promise<void> {
    this.running.set(spec.runId, new Set());
    const done = this.run(spec).finally(() => {
      this.running.delete(spec.runId);
      this.cancelled.delete(spec.runId);
      this.done.delete(spec.runId);
    });
    this.done.set(spec.runId, done);
    return done;
  }

  /** Stops the run's answers; resolves once the run has recorded its end. */
  async cancel(runId: string, reason: StopReason = 'stopped'): Promise<void> {
    const turnIds = this.running.get(runId);
    if (!turnIds) return;
    this.cancelled.add(runId);
    await Promise.all([...turnIds].map((turnId) => this.turns.stop(turnId, reason)));
    await this.done.get(runId);
  }

  async cancelAll(reason: StopReason = 'stopped'): Promise<void> {
    await Promise.all([...this.running.keys()].map((runId) => this.cancel(runId, reason)));
  }

  private async run(spec: TestRunSpec): Promise<void> {
    const queue = [...spec.caseIds];
    const tally = { passed: 0, failed: 0, errored: 0 };
    const worker = async () => {
      for (let caseId = queue.shift(); caseId !== undefined; caseId = queue.shift()) {
        const verdict = await this.runCase(spec, caseId);
        tally[verdict]++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(spec.concurrency, queue.length)) }, worker));
    this.room.appendIfOpen([draft('testrun.finished', SYSTEM_ACTOR, { runId: spec.runId, ...tally, cancelled: this.cancelled.has(spec.runId) || this.room.state.status !== 'live' })]);
  }

  private async runCase(spec: TestRunSpec, caseId: string): Promise<'passed' | 'failed' | 'errored'> {
    const testCase = this.room.state.testCases[caseId];
    const turnId = newId();
    let done: Promise<void> | null = null;
    if (testCase && this.room.state.status === 'live' && !this.cancelled.has(spec.runId) && !this.room.closed) {
      try {
        done = this.answer({
          turnId,
          actor: spec.actor,
          threadId: testRunThreadId(spec.runId, caseId),
          // A test case has no user message node of its own: the answer hangs off the case.
          parentId: caseParentId(caseId),
          model: spec.model,
          params: spec.params,
          system: spec.system,
          messages: [{ role: 'user', content: testCase.input }],
          promptVersionId: spec.versionId,
          run: { runId: spec.runId, caseId },
        });
      } catch {
        done = null; // the budget left cannot cover this case's answer: it is not asked for
      }
    }
    if (!done || !testCase) {
      this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId: null, passed: null, checks: [] })]);
      return 'errored';
    }
    this.running.get(spec.runId)?.add(turnId);
    await done.catch(() => undefined);
    this.running.get(spec.runId)?.delete(turnId);

    const turn = this.room.state.turns[turnId];
    if (!turn || turn.status !== 'completed') {
      this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId, passed: null, checks: [] })]);
      return 'errored';
    }
    const { passed, checks } = await this.check(turn.text, testCase.expectations);
    this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId, passed, checks })]);
    return passed ? 'passed' : 'failed';
  }
}
