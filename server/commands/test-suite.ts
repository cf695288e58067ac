import type { CommandData } from '../../shared/commands';
import { AtelierError } from '../../shared/errors';
import { draft, type Actor, type EventDraft } from '../../shared/events';
import { patternIssue } from '../../shared/pattern';
import { newId } from '../ids';
import type { LiveSession } from '../rooms/live-session';
import { boundedParams, currentVersionId, resolveModel } from './chat';
import { requireExercise, requireLive } from './guards';

// The test suite: the candidate's own cases, and runs of a prompt over all of them.

/** Cases running at once in one test run: quick feedback without starving the chat. */
const RUN_CONCURRENCY = 3;

export function saveTestCase(session: LiveSession, actor: Actor, data: CommandData<'testcase.save'>): EventDraft[] {
  requireLive(session.room.state);
  for (const e of data.expectations) {
    if (e.kind !== 'regex') continue;
    const issue = patternIssue(e.pattern, e.flags);
    if (issue) throw new AtelierError('invalid_payload', `/${e.pattern}/: ${issue.message}`);
  }
  if (data.caseId && !session.room.state.testCases[data.caseId]) throw new AtelierError('not_found', 'No such test case.');
  return [draft('testcase.saved', actor, { caseId: data.caseId ?? newId(), title: data.title.trim(), input: data.input, expectations: data.expectations })];
}

export function removeTestCase(session: LiveSession, actor: Actor, caseId: string): EventDraft[] {
  requireLive(session.room.state);
  const testCase = session.room.state.testCases[caseId];
  if (!testCase) throw new AtelierError('not_found', 'No such test case.');
  if (testCase.origin === 'exercise') throw new AtelierError('forbidden', "The exercise's own test cases cannot be removed.");
  return [draft('testcase.removed', actor, { caseId })];
}

export function startTestRun(session: LiveSession, actor: Actor, data: CommandData<'testrun.start'>): number[] {
  const state = session.room.state;
  requireLive(state);
  const exercise = requireExercise(state);
  if (session.testRuns.isRunning()) throw new AtelierError('conflict', 'A test run is already in progress; wait for it or cancel it.');
  const version = data.versionId ? state.prompt.versions.find((v) => v.id === data.versionId) : undefined;
  if (data.versionId && !version) throw new AtelierError('not_found', 'No such prompt version.');
  const system = version?.text ?? state.prompt.draft;
  const caseIds = data.caseIds ?? state.testCaseOrder;
  if (caseIds.length === 0) throw new AtelierError('invalid_payload', 'There are no test cases to run.');
  const unknown = caseIds.find((id) => !state.testCases[id]);
  if (unknown) throw new AtelierError('not_found', `No test case "${unknown}".`);
  const model = resolveModel(session, exercise, data.model);
  const params = boundedParams(exercise, data.params ?? {});
  session.enforceBudget();
  session.admitTurn();

  const runId = newId();
  const versionId = version?.id ?? currentVersionId(state, system);
  const events = session.room.append([draft('testrun.started', actor, { runId, versionId, system, modelId: model.id, caseIds })]);
  void session.testRuns.start({
    runId,
    versionId,
    system,
    model,
    params,
    caseIds,
    actor,
    concurrency: RUN_CONCURRENCY,
    beforeCase: () => session.enforceBudget(),
  });
  return events.map((e) => e.seq);
}

export function cancelTestRun(session: LiveSession, runId: string): void {
  requireLive(session.room.state);
  if (!session.testRuns.isRunning(runId)) throw new AtelierError('conflict', 'That test run is not running.');
  void session.testRuns.cancel(runId);
}
