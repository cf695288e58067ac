import { AtelierError } from '../../shared/errors';
import { draft } from '../../shared/events';
import { patternIssue } from '../../shared/pattern';
import { newId } from '../ids';
import { boundedParams, currentVersionId, resolveModel } from './generation';
import { requireDraft, requireExercise, requireLive } from './guards';
import type { Handlers } from './handler';

// The test suite: the candidate's own cases, and runs of a prompt over all of them.

/** Cases running at once in one test run: quick feedback without starving the chat. */
const RUN_CONCURRENCY = 3;

export const TEST_SUITE_HANDLERS: Handlers<'testcase.save' | 'testcase.remove' | 'testrun.start' | 'testrun.cancel'> = {
  'testcase.save': ({ state, actor }, data) => {
    requireLive(state);
    for (const e of data.expectations) {
      if (e.kind !== 'regex') continue;
      const issue = patternIssue(e.pattern, e.flags);
      if (issue) throw new AtelierError('invalid_payload', `/${e.pattern}/: ${issue.message}`);
    }
    if (data.caseId && !state.testCases[data.caseId]) throw new AtelierError('not_found', 'No such test case.');
    return { drafts: [draft('testcase.saved', actor, { caseId: data.caseId ?? newId(), title: data.title.trim(), input: data.input, expectations: data.expectations })] };
  },
  'testcase.remove': ({ state, actor }, data) => {
    requireLive(state);
    const testCase = state.testCases[data.caseId];
    if (!testCase) throw new AtelierError('not_found', 'No such test case.');
    if (testCase.origin === 'exercise') throw new AtelierError('forbidden', "The exercise's own test cases cannot be removed.");
    return { drafts: [draft('testcase.removed', actor, { caseId: data.caseId })] };
  },
  'testrun.start': ({ session, state, actor }, data) => {
    requireLive(state);
    const exercise = requireExercise(state);
    if (session.testRuns.isRunning()) throw new AtelierError('conflict', 'A test run is already in progress; wait for it or cancel it.');
    const version = data.versionId ? state.prompt.versions.find((v) => v.id === data.versionId) : undefined;
    if (data.versionId && !version) throw new AtelierError('not_found', 'No such prompt version.');
    if (!version) requireDraft(state, data.promptHash);
    const system = version?.text ?? state.prompt.draft;
    const caseIds = data.caseIds ?? state.testCaseOrder;
    if (caseIds.length === 0) throw new AtelierError('invalid_payload', 'There are no test cases to run.');
    const unknown = caseIds.find((id) => !state.testCases[id]);
    if (unknown) throw new AtelierError('not_found', `No test case "${unknown}".`);
    const model = resolveModel(session, exercise, data.model);
    const params = boundedParams(exercise, data.params ?? {});
    // Only the cases the budget left can answer in full are run; the others are named as skipped.
    const reservations = caseIds.map((id) => session.reservationFor(model.id, { system, messages: [{ role: 'user', content: state.testCases[id]!.input }] }, params));
    const affordable = session.affordable(reservations);
    if (affordable === 0) throw new AtelierError('budget_exhausted', 'Not enough of the budget is left to answer even one test case.');
    session.admitTurn();
    const spec = {
      runId: newId(),
      versionId: version?.id ?? currentVersionId(state, system),
      system,
      model,
      params,
      caseIds: caseIds.slice(0, affordable),
      skippedCaseIds: caseIds.slice(affordable),
      actor,
      concurrency: RUN_CONCURRENCY,
    };
    return { start: () => session.startTestRun(spec) };
  },
  'testrun.cancel': ({ session, state }, data) => {
    requireLive(state);
    if (!session.testRuns.isRunning(data.runId)) throw new AtelierError('conflict', 'That test run is not running.');
    void session.testRuns.cancel(data.runId);
    return {};
  },
};
