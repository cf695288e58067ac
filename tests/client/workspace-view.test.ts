import { describe, expect, it } from 'vitest';
import { choicesToShow, choose, siblingsOf, visiblePath } from '../../client/src/lib/workspace/branches';
import { cellStatus, latestRuns, passRateOf } from '../../client/src/lib/workspace/results';
import { defaultPair } from '../../client/src/lib/workspace/pairs';
import { reduceAll } from '../../shared/reducer';
import { initialState, type ChatNode, type RunAnswer, type SessionState, type TestRun } from '../../shared/state';

// The workspace's view of a branching conversation and of test results.

function tree(): Pick<SessionState, 'nodes' | 'threads'> {
  // u1 → a1 → u2 → a2          (first branch)
  //           ↘ u2b → a2b      (edited second message, the newest)
  // u1x → a1x                  (an edited first message: a second root)
  const node = (id: string, parentId: string | null, kind: 'user' | 'assistant', childIds: string[]): ChatNode => ({
    id,
    kind,
    threadId: 'main',
    parentId,
    childIds,
    at: 0,
    text: id,
  });
  const nodes = {
    u1: node('u1', null, 'user', ['a1']),
    a1: node('a1', 'u1', 'assistant', ['u2', 'u2b']),
    u2: node('u2', 'a1', 'user', ['a2']),
    a2: node('a2', 'u2', 'assistant', []),
    u2b: node('u2b', 'a1', 'user', ['a2b']),
    a2b: node('a2b', 'u2b', 'assistant', []),
    u1x: node('u1x', null, 'user', ['a1x']),
    a1x: node('a1x', 'u1x', 'assistant', []),
  };
  return { nodes, threads: { main: { id: 'main', rootIds: ['u1', 'u1x'], leafId: 'a2b', createdAt: 0 } } };
}

const ids = (nodes: ChatNode[]) => nodes.map((n) => n.id);

describe('branches', () => {
  it('shows the branch holding the newest node by default', () => {
    expect(ids(visiblePath(tree(), 'main'))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
  });

  it('follows the choices made at each fork', () => {
    const t = tree();
    const choices = choose({}, t.nodes.u2b!, 'u2');
    expect(ids(visiblePath(t, 'main', choices))).toEqual(['u1', 'a1', 'u2', 'a2']);
    const otherRoot = choose(choices, t.nodes.u1!, 'u1x');
    expect(ids(visiblePath(t, 'main', otherRoot))).toEqual(['u1x', 'a1x']);
  });

  it('tells a node’s place among its siblings', () => {
    const t = tree();
    expect(siblingsOf(t, t.nodes.u2b!)).toEqual({ index: 1, count: 2, previous: 'u2', next: null });
    expect(siblingsOf(t, t.nodes.u1!)).toEqual({ index: 0, count: 2, previous: null, next: 'u1x' });
    expect(siblingsOf(t, t.nodes.a1!).count).toBe(1);
  });

  it('finds the choices that bring any node into view', () => {
    const t = tree();
    expect(ids(visiblePath(t, 'main', choicesToShow(t, 'a2')))).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(ids(visiblePath(t, 'main', choicesToShow(t, 'a1x')))).toEqual(['u1x', 'a1x']);
  });

  it('ignores a stale choice and an unknown thread', () => {
    expect(ids(visiblePath(tree(), 'main', { a1: 'gone' }))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
    expect(visiblePath(tree(), 'nope')).toEqual([]);
  });
});

describe('results', () => {
  const run = (id: string, versionId: string | null, cases: TestRun['cases'], status: TestRun['status'] = 'finished'): TestRun => ({
    id,
    versionId,
    system: '',
    modelId: 'm',
    caseIds: Object.keys(cases),
    repeat: Object.values(cases)[0]?.answers.length ?? 1,
    skippedCaseIds: [],
    skippedRounds: 0,
    cases,
    status,
    startedAt: 0,
    finishedAt: null,
    passed: 0,
    failed: 0,
    errored: 0,
    ungraded: 0,
  });
  const one = (caseId: string, answer: Omit<RunAnswer, 'ungraded' | 'checked'> & { ungraded?: boolean }) => ({
    caseId,
    answers: [{ ungraded: false, checked: true, ...answer }],
    checked: true,
  });
  const check = { kind: 'contains', passed: true, detail: 'x' };

  it('keeps the newest run per version, in version order, skipping cancelled runs', () => {
    const state = {
      ...initialState(),
      prompt: {
        draft: '',
        draftAt: null,
        versions: [
          { id: 'v1', number: 1, text: '', label: '', rationale: '', parentId: null, at: 0 },
          { id: 'v2', number: 2, text: '', label: '', rationale: '', parentId: null, at: 0 },
        ],
      },
      testRuns: {
        r1: run('r1', 'v2', {}),
        r2: run('r2', 'v1', {}),
        r3: run('r3', 'v2', {}),
        r4: run('r4', 'v1', {}, 'cancelled'),
        r5: run('r5', null, {}),
      },
      testRunOrder: ['r1', 'r2', 'r3', 'r4', 'r5'],
    };
    expect(latestRuns(state).map((row) => row.run.id)).toEqual(['r2', 'r3', 'r5']);
  });

  it('computes the pass rate over checked cases that have checks', () => {
    const r = run('r', 'v1', {
      a: one('a', { turnId: 't1', passed: true, checks: [check] }),
      b: one('b', { turnId: 't2', passed: false, checks: [{ ...check, passed: false }] }),
      c: one('c', { turnId: 't3', passed: true, checks: [] }),
      d: one('d', { turnId: null, passed: null, checks: [] }),
      f: one('f', {
        turnId: 't4',
        passed: false,
        ungraded: true,
        checks: [{ kind: 'llm_rubric', passed: false, ungraded: true, detail: 'r' }],
      }),
    });
    expect(passRateOf(r)).toEqual({ rate: 0.5, passed: 1, graded: 2, ungraded: 1, spread: null });
    const state = reduceAll([]);
    expect(['a', 'b', 'c', 'd', 'f', 'e'].map((c) => cellStatus(state, r, c))).toEqual([
      'pass',
      'fail',
      'answered',
      'error',
      'ungraded',
      'none',
    ]);
  });

  it('counts a stability run per answer: passes over graded answers, the spread over rounds, mixed cells', () => {
    const answer = (passed: boolean): RunAnswer => ({
      turnId: 't',
      passed,
      ungraded: false,
      checks: [{ ...check, passed }],
      checked: true,
    });
    const r = run('r', 'v1', {
      a: { caseId: 'a', answers: [answer(true), answer(true), answer(false)], checked: true },
      b: { caseId: 'b', answers: [answer(true), answer(false), answer(false)], checked: true },
    });
    expect(passRateOf(r)).toEqual({ rate: 0.5, passed: 3, graded: 6, ungraded: 0, spread: { min: 0, max: 1 } });
    expect(cellStatus(reduceAll([]), r, 'a')).toBe('mixed');
  });

  it('picks the two latest versions for a diff, or the only one and the draft', () => {
    const v = (id: string) => ({ id, number: 1, text: '', label: '', rationale: '', parentId: null, at: 0 });
    expect(defaultPair([], { from: undefined, to: undefined })).toEqual({ from: null, to: null });
    expect(defaultPair([v('a')], { from: undefined, to: undefined })).toEqual({ from: 'a', to: null });
    expect(defaultPair([v('a'), v('b'), v('c')], { from: undefined, to: undefined })).toEqual({ from: 'b', to: 'c' });
    expect(defaultPair([v('a'), v('b')], { from: 'b', to: null })).toEqual({ from: 'b', to: null });
  });
});
