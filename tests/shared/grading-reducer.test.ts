import { describe, expect, it } from 'vitest';
import { spentOf } from '../../shared/budget';
import { draft, SYSTEM_ACTOR } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { answersOf, passRateOf, tallyOf } from '../../shared/runs';
import { isChatTurn } from '../../shared/state';
import { summarize } from '../../shared/summary';
import { candidate, exercise, sequence } from './fixtures';

// The grading events in the reducer: old logs still reduce, judges are counted apart,
// stability runs hold every answer, comparisons keep their verdict.

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, estimated: false });
const judgeStarted = (judgeId: string, answerIndex = 0) =>
  draft('judge.started', SYSTEM_ACTOR, {
    judgeId,
    runId: 'r',
    caseId: 'a',
    answerIndex,
    checkIndex: 0,
    turnId: 't',
    modelId: 'offline/simulator',
    providerId: 'offline',
    model: 'simulator',
    simulated: true,
    pinnedModelId: 'openai/gpt-4o-mini',
    params: { temperature: 0, topP: 1, maxOutputTokens: 400 },
    request: { system: 'grade', messages: [{ role: 'user', content: '<answer>x</answer>' }] },
    rubric: 'Refuses.',
    threshold: 0.5,
  });

describe('reducing grading', () => {
  it('reads a log written before answers, judges and ungraded checks existed', () => {
    const state = reduceAll(
      sequence([
        draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: null }),
        draft('testrun.started', candidate, { runId: 'r', versionId: null, system: 's', modelId: 'm', caseIds: ['a', 'b'] }),
        draft('testrun.case.checked', SYSTEM_ACTOR, {
          runId: 'r',
          caseId: 'a',
          turnId: 't1',
          passed: true,
          checks: [{ kind: 'contains', passed: true, detail: 'x' }],
        }),
        draft('testrun.case.checked', SYSTEM_ACTOR, { runId: 'r', caseId: 'b', turnId: null, passed: null, checks: [] }),
        draft('testrun.finished', SYSTEM_ACTOR, { runId: 'r', passed: 1, failed: 0, errored: 1, cancelled: false }),
      ]),
    );
    const run = state.testRuns.r!;
    expect(run).toMatchObject({ repeat: 1, ungraded: 0, skippedRounds: 0, status: 'finished' });
    expect(run.cases.a).toEqual({
      caseId: 'a',
      answers: [{ turnId: 't1', passed: true, ungraded: false, checks: [{ kind: 'contains', passed: true, detail: 'x' }], checked: true }],
      checked: true,
    });
    expect(tallyOf(run)).toEqual({ passed: 1, failed: 0, errored: 1, ungraded: 0 });
    expect(state.judgeTotals).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, calls: 0 });
  });

  it('holds each answer of a stability run, links turns by answerIndex, and counts judges apart in the budget', () => {
    const state = reduceAll(
      sequence([
        draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: null }),
        draft('testrun.started', candidate, {
          runId: 'r',
          versionId: null,
          system: 's',
          modelId: 'm',
          caseIds: ['a'],
          repeat: 2,
          skipped: { caseIds: [], reason: 'budget', rounds: 1 },
        }),
        draft('turn.started', candidate, {
          turnId: 't2',
          threadId: 'run:r:a:1',
          parentId: 'case:a',
          modelId: 'offline/simulator',
          providerId: 'offline',
          model: 'simulator',
          simulated: true,
          params: { temperature: 0.7, topP: 1, maxOutputTokens: 100 },
          request: { system: 's', messages: [] },
          promptVersionId: null,
          runId: 'r',
          caseId: 'a',
          answerIndex: 1,
        }),
        judgeStarted('j1', 1),
        draft('judge.completed', SYSTEM_ACTOR, {
          judgeId: 'j1',
          text: '{"pass":true,"score":0.9,"reason":"ok"}',
          verdict: { pass: true, score: 0.9, reason: 'ok' },
          usage: usage(100, 20),
          costUsd: 0.001,
          durationMs: 5,
        }),
        judgeStarted('j2'),
        draft('judge.failed', SYSTEM_ACTOR, {
          judgeId: 'j2',
          kind: 'unparsable',
          message: 'm',
          text: 'fine',
          usage: usage(50, 5),
          costUsd: null,
        }),
        draft('testrun.case.checked', SYSTEM_ACTOR, {
          runId: 'r',
          caseId: 'a',
          answerIndex: 1,
          turnId: 't2',
          passed: false,
          ungraded: true,
          checks: [{ kind: 'llm_rubric', passed: false, ungraded: true, detail: 'Refuses.', error: 'm', judgeId: 'j2' }],
        }),
      ]),
    );
    const run = state.testRuns.r!;
    expect(run.repeat).toBe(2);
    expect(run.skippedRounds).toBe(1);
    expect(run.cases.a!.answers).toHaveLength(2);
    expect(run.cases.a!.answers[1]).toMatchObject({ turnId: 't2', ungraded: true, checked: true });
    expect(run.cases.a!.checked).toBe(false);
    expect(state.turns.t2!.answerIndex).toBe(1);
    expect(isChatTurn(state.turns.t2!)).toBe(false);
    expect(answersOf(run).map((a) => a.answerIndex)).toEqual([0, 1]);
    expect(passRateOf(run)).toMatchObject({ rate: null, graded: 0, ungraded: 1 });
    expect(state.judgings.j1).toMatchObject({
      status: 'completed',
      verdict: { score: 0.9 },
      simulated: true,
      pinnedModelId: 'openai/gpt-4o-mini',
    });
    expect(state.judgings.j2).toMatchObject({ status: 'failed', text: 'fine', failure: { kind: 'unparsable' } });
    expect(state.judgeTotals).toEqual({ inputTokens: 150, outputTokens: 25, costUsd: 0.001, calls: 2 });
    expect(spentOf(state)).toEqual({ inputTokens: 150, outputTokens: 25, costUsd: 0.001 });
    expect(summarize([], state).judge).toEqual({ calls: 2, tokens: { input: 150, output: 25 }, costUsd: 0.001, simulated: 2 });
  });

  it('keeps a comparison with the candidate’s latest verdict', () => {
    const state = reduceAll(
      sequence([
        draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: null }),
        draft('compare.started', candidate, {
          compareId: 'c',
          text: 'Hi',
          sides: [
            { side: 'a', turnId: 'ta', versionId: null },
            { side: 'b', turnId: 'tb', versionId: null },
          ],
        }),
        draft('compare.verdict', candidate, { compareId: 'c', winner: 'a', reason: 'first' }),
        draft('compare.verdict', candidate, { compareId: 'c', winner: 'tie', reason: 'on reflection' }),
        draft('compare.verdict', candidate, { compareId: 'nope', winner: 'b', reason: '' }),
      ]),
    );
    expect(state.comparisonOrder).toEqual(['c']);
    expect(state.comparisons.c!.verdict).toMatchObject({ winner: 'tie', reason: 'on reflection' });
    expect(summarize([], state).comparisons).toEqual({ count: 1, verdicts: { a: 0, b: 0, tie: 1 } });
  });
});
