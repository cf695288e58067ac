import { describe, expect, it } from 'vitest';
import { checkAgreement, cohensKappa } from '../../shared/agreement';
import { reduceAll } from '../../shared/reducer';
import type { SessionEvent } from '../../shared/events';

const pairs = (counts: { yy: number; yn: number; ny: number; nn: number }) => [
  ...Array.from({ length: counts.yy }, () => [true, true] as const),
  ...Array.from({ length: counts.yn }, () => [true, false] as const),
  ...Array.from({ length: counts.ny }, () => [false, true] as const),
  ...Array.from({ length: counts.nn }, () => [false, false] as const),
];

describe("Cohen's κ", () => {
  it('matches known values', () => {
    // The textbook example (Wikipedia): 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no → κ = 0.4.
    expect(cohensKappa(pairs({ yy: 20, yn: 5, ny: 10, nn: 15 }))).toBeCloseTo(0.4, 10);
    // 45/15/25/15: p_o = 0.6, p_e = 0.54 → κ ≈ 0.1304.
    expect(cohensKappa(pairs({ yy: 45, yn: 15, ny: 25, nn: 15 }))).toBeCloseTo(0.1304, 4);
    // 25/35/5/35: p_o = 0.6, p_e = 0.46 → κ ≈ 0.2593.
    expect(cohensKappa(pairs({ yy: 25, yn: 35, ny: 5, nn: 35 }))).toBeCloseTo(0.2593, 4);
  });

  it('is 1 for perfect agreement, 0 at chance, negative below it', () => {
    expect(cohensKappa(pairs({ yy: 3, yn: 0, ny: 0, nn: 2 }))).toBe(1);
    expect(cohensKappa(pairs({ yy: 1, yn: 1, ny: 1, nn: 1 }))).toBe(0);
    expect(cohensKappa(pairs({ yy: 0, yn: 2, ny: 2, nn: 0 }))).toBe(-1);
  });

  it('is undefined with nothing to compare, or when both raters always say the same one thing', () => {
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa(pairs({ yy: 4, yn: 0, ny: 0, nn: 0 }))).toBeNull();
  });
});

describe('agreement between checks and staff labels', () => {
  it('pairs each labelled, graded check with its latest label, per kind', () => {
    let seq = 0;
    const e = (type: string, data: unknown, actor: SessionEvent['actor'] = { role: 'system' }) =>
      ({ seq: ++seq, at: seq, type, actor, data }) as SessionEvent;
    const staff = { role: 'interviewer' as const, participantId: 'i1', name: 'Ida' };
    const check = (kind: string, passed: boolean, ungraded = false) => ({
      kind,
      passed,
      detail: '',
      ...(ungraded ? { ungraded: true as const } : {}),
    });
    const label = (caseId: string, checkIndex: number, verdict: 'pass' | 'fail', automatic: 'pass' | 'fail' | 'ungraded') =>
      e('check.overridden', { runId: 'r', caseId, answerIndex: 0, checkIndex, verdict, automatic, reason: 'r' }, staff);
    const state = reduceAll([
      e('testrun.started', { runId: 'r', versionId: null, system: '', modelId: 'm', caseIds: ['a', 'b'] }),
      e('testrun.case.checked', {
        runId: 'r',
        caseId: 'a',
        turnId: 't1',
        passed: false,
        checks: [check('llm_rubric', true), check('contains', false)],
      }),
      e('testrun.case.checked', {
        runId: 'r',
        caseId: 'b',
        turnId: 't2',
        passed: false,
        ungraded: true,
        checks: [check('llm_rubric', false), check('llm_rubric', false, true)],
      }),
      label('a', 0, 'fail', 'pass'),
      label('a', 0, 'pass', 'pass'), // changed their mind: confirmed
      label('a', 1, 'fail', 'fail'),
      label('b', 0, 'pass', 'fail'),
      label('b', 1, 'pass', 'ungraded'), // no automatic verdict: left out
    ]);
    expect(state.checkLabels['r/a/0/0']).toHaveLength(2);
    expect(state.checkLabels['r/a/0/0']!.at(-1)).toMatchObject({ verdict: 'pass', by: 'i1', byName: 'Ida' });
    expect(checkAgreement(state, ['llm_rubric'])).toEqual({ kappa: 0, count: 2, agreed: 1 });
    expect(checkAgreement(state)).toMatchObject({ count: 3, agreed: 2 });
  });
});
