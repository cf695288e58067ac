import { checkExpectations } from '../../shared/expectations';
import { SYSTEM_ACTOR, draft, type Actor, type GenerationParams } from '../../shared/events';
import { testRunThreadId } from '../../shared/state';
import { newId } from '../ids';
import type { Room } from '../rooms/room';
import type { CatalogModel } from './model-catalog';
import type { StopReason, TurnRunner, TurnSpec } from './turn-runner';

// A test run: one prompt over the test cases, each case a turn in its own thread, a few at a
// time. Each answer is checked against its case's expectations as soon as it ends, and the
// run closes with its tally — also when it is cancelled or the session ends.

export interface TestRunSpec {
  runId: string;
  versionId: string | null;
  system: string;
  model: CatalogModel;
  params: GenerationParams;
  caseIds: string[];
  actor: Actor;
  concurrency: number;
  /** Holds the budget for a case's answer before it starts; throws when the session may not spend it. */
  reserve(turnId: string, request: { system: string; messages: { role: 'user'; content: string }[] }): void;
}

export class TestRunner {
  private readonly cancelled = new Set<string>();
  private readonly running = new Map<string, Set<string>>();
  private readonly done = new Map<string, Promise<void>>();

  constructor(
    private readonly room: Room,
    private readonly turns: TurnRunner,
    /** Streams a case's answer (its reservation held) and resolves when it has ended. */
    private readonly runTurn: (spec: TurnSpec) => Promise<void>,
  ) {}

  isRunning(runId?: string): boolean {
    return runId ? this.running.has(runId) : this.running.size > 0;
  }

  /** Runs in the background; `testrun.started` must already be in the log. */
  start(spec: TestRunSpec): Promise<void> {
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
    const messages = [{ role: 'user' as const, content: testCase?.input ?? '' }];
    let refused = !testCase || this.room.state.status !== 'live' || this.cancelled.has(spec.runId) || this.room.closed;
    if (!refused) {
      try {
        spec.reserve(turnId, { system: spec.system, messages });
      } catch {
        refused = true; // the budget cannot cover this case's answer: it is not asked for
      }
    }
    if (refused || !testCase) {
      this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId: null, passed: null, checks: [] })]);
      return 'errored';
    }
    const threadId = testRunThreadId(spec.runId, caseId);
    this.room.appendIfOpen([
      draft('turn.started', spec.actor, {
        turnId,
        threadId,
        // A test case has no user message node of its own: the answer hangs off the case.
        parentId: `case:${caseId}`,
        modelId: spec.model.id,
        providerId: spec.model.providerId,
        model: spec.model.model,
        simulated: spec.model.simulated,
        params: spec.params,
        request: { system: spec.system, messages },
        promptVersionId: spec.versionId,
        runId: spec.runId,
        caseId,
      }),
    ]);
    this.running.get(spec.runId)?.add(turnId);
    await this.runTurn({ turnId, threadId, modelId: spec.model.id, request: { model: spec.model.model, system: spec.system, messages, params: spec.params } });
    this.running.get(spec.runId)?.delete(turnId);

    const turn = this.room.state.turns[turnId];
    if (!turn || turn.status !== 'completed') {
      this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId, passed: null, checks: [] })]);
      return 'errored';
    }
    const { passed, checks } = checkExpectations(turn.text, testCase.expectations);
    this.room.appendIfOpen([draft('testrun.case.checked', SYSTEM_ACTOR, { runId: spec.runId, caseId, turnId, passed, checks })]);
    return passed ? 'passed' : 'failed';
  }
}
