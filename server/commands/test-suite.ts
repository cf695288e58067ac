import { AtelierError } from '../../shared/errors';
import type { Expectation } from '../../shared/expectations';
import type { GenerationParams } from '../../shared/generation';
import { judgeRequest } from '../../shared/judge';
import type { CatalogModel } from '../llm/catalog';
import type { LiveSession } from '../rooms/live-session';
import { draft } from '../../shared/events';
import { describeProblems } from '../../shared/problems';
import { expectationProblems } from '../exercises/expectation-problems';
import { schemaBoundsIssue } from '../checks/schema-bounds';
import { newId } from '../ids';
import { boundedParams, currentVersionId, resolveModel } from './generation';
import { requireDraft, requireExercise, requireLive } from './guards';
import type { Handlers, Preparer } from './handler';

// The test suite: the candidate's own cases, and runs of a prompt over all of them.

/** Cases running at once in one test run: quick feedback without starving the chat. */
const RUN_CONCURRENCY = 3;

export const TEST_SUITE_PREPARERS = {
  /** A candidate's JSON Schemas are compiled on the check worker: one that is not valid refuses the case. */
  'testcase.save': async (session, data) => {
    const schemas = data.expectations.flatMap((e, i) =>
      e.kind === 'json_schema' && !schemaBoundsIssue(e.schema) ? [{ i, schema: e.schema }] : [],
    );
    if (schemas.length === 0) return;
    const issues = await session.schemaIssues(schemas.map((s) => s.schema));
    const problems = schemas.flatMap(({ i }, k) => {
      const issue = issues[k];
      return issue
        ? [{ path: `/expectations/${i}/schema`, rule: 'invalid_json_schema' as const, params: { error: issue }, message: issue }]
        : [];
    });
    if (problems.length > 0) throw new AtelierError('invalid_payload', `Invalid test case: ${describeProblems(problems)}.`, problems);
  },
} satisfies { [N in 'testcase.save']: Preparer<N> };

export const TEST_SUITE_HANDLERS: Handlers<'testcase.save' | 'testcase.remove' | 'testrun.start' | 'testrun.cancel'> = {
  'testcase.save': ({ state, actor }, data) => {
    requireLive(state);
    const problems = expectationProblems(data.expectations, '/expectations');
    if (problems.length > 0) throw new AtelierError('invalid_payload', `Invalid test case: ${describeProblems(problems)}.`, problems);
    if (data.caseId && !state.testCases[data.caseId]) throw new AtelierError('not_found', 'No such test case.');
    return {
      drafts: [
        draft('testcase.saved', actor, {
          caseId: data.caseId ?? newId(),
          title: data.title.trim(),
          input: data.input,
          expectations: data.expectations,
        }),
      ],
    };
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
    const repeat = data.repeat ?? 1;
    const plan = planRun(
      session,
      caseIds,
      repeat,
      (id) => ({ system, input: state.testCases[id]!.input, expectations: state.testCases[id]!.expectations }),
      model,
      params,
    );
    if (plan.caseIds.length === 0)
      throw new AtelierError('budget_exhausted', 'Not enough of the budget is left to answer even one test case.');
    session.admitTurn();
    const spec = {
      runId: newId(),
      versionId: version?.id ?? currentVersionId(state, system),
      system,
      model,
      params,
      ...plan,
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

/**
 * Only what the budget left can answer in full is run — each answer's most, plus its judges' —
 * and what is left out is named: whole rounds of a stability run first (every case keeps at
 * least one answer), then cases of a single round.
 */
function planRun(
  session: LiveSession,
  caseIds: string[],
  repeat: number,
  caseOf: (id: string) => { system: string; input: string; expectations: readonly Expectation[] },
  model: CatalogModel,
  params: GenerationParams,
): { caseIds: string[]; skippedCaseIds: string[]; repeat: number; skippedRounds: number } {
  const exercise = session.room.state.exercise;
  const judge = exercise ? session.judgeModel(exercise) : null;
  const perAnswer = caseIds.map((id) => {
    const { system, input, expectations } = caseOf(id);
    const answer = session.reservationFor(model.id, { system, messages: [{ role: 'user', content: input }] }, params);
    // A judge reads the input and the whole answer: at most its output allowance, ~4 characters a token.
    const judges = expectations.flatMap((e) =>
      e.kind === 'llm_rubric' && judge
        ? [
            session.judgeReservation(
              judge.model,
              judgeRequest(exercise?.judge?.prompt, e.rubric, input, 'x'.repeat(params.maxOutputTokens * 4)),
            ),
          ]
        : [],
    );
    return judges.reduce((sum, r) => ({ tokens: sum.tokens + r.tokens, costUsd: sum.costUsd + r.costUsd }), answer);
  });
  const rounds = Array.from({ length: repeat }, () => perAnswer).flat();
  const affordable = session.affordable(rounds);
  if (affordable >= caseIds.length) {
    const fullRounds = Math.min(repeat, Math.floor(affordable / caseIds.length));
    return { caseIds, skippedCaseIds: [], repeat: fullRounds, skippedRounds: repeat - fullRounds };
  }
  return { caseIds: caseIds.slice(0, affordable), skippedCaseIds: caseIds.slice(affordable), repeat: 1, skippedRounds: repeat - 1 };
}
