import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR } from '../../shared/events';
import { summarize } from '../../shared/summary';
import { candidate, exercise, interviewer, sequence } from './fixtures';

const reviewer = { role: 'reviewer' as const, participantId: 'inv-r', name: 'Rita' };

describe('session summary', () => {
  const events = sequence([
    draft('session.created', SYSTEM_ACTOR, { exercise, candidateName: 'Ada' }), // t0
    draft('session.started', candidate, { deadline: 0 }), // +1 s
    draft('prompt.draft', candidate, { text: 'v0' }), // +2 s: first prompt 1 s after start
    draft('prompt.version', candidate, { versionId: 'v1', text: 'v1', label: 'one', rationale: '', parentId: null }),
    draft('testrun.started', candidate, { runId: 'r1', versionId: 'v1', system: 'v1', modelId: 'm', caseIds: ['a', 'b'] }),
    draft('testrun.case.checked', SYSTEM_ACTOR, {
      runId: 'r1',
      caseId: 'a',
      turnId: 't1',
      passed: true,
      checks: [{ kind: 'contains', passed: true, detail: 'x' }],
    }),
    draft('testrun.case.checked', SYSTEM_ACTOR, {
      runId: 'r1',
      caseId: 'b',
      turnId: 't2',
      passed: false,
      checks: [{ kind: 'contains', passed: false, detail: 'x' }],
    }),
    draft('testrun.finished', SYSTEM_ACTOR, { runId: 'r1', passed: 1, failed: 1, errored: 0, cancelled: false }),
    draft('score.set', interviewer, { criterionId: 'c1', level: 4, comment: '', evidence: [] }),
    draft('score.set', reviewer, { criterionId: 'c1', level: 2, comment: '', evidence: [] }),
    draft('score.set', interviewer, { criterionId: 'c2', level: 3, comment: '', evidence: [] }),
    draft('score.set', reviewer, { criterionId: 'c2', level: 3, comment: '', evidence: [] }),
    draft('writeup.updated', candidate, { text: 'done' }),
    draft('review.submitted', interviewer, {}),
    draft('review.submitted', reviewer, {}),
  ]);

  it('measures time to first prompt, counts and pass rate per version', () => {
    const s = summarize(events);
    expect(s.timeToFirstPromptMs).toBe(1000);
    expect(s.versions).toBe(1);
    expect(s.testRuns).toBe(1);
    expect(s.passRateByVersion).toEqual([
      { versionId: 'v1', label: 'one', number: 1, passed: 1, graded: 2, ungraded: 0, rate: 0.5, repeat: 1, spread: null },
    ]);
  });

  it('puts scores side by side with their spread and an agreement figure', () => {
    const s = summarize(events);
    const c1 = s.scores.find((c) => c.criterionId === 'c1')!;
    expect(c1.spread).toBe(2);
    expect(c1.mean).toBe(3);
    expect(s.agreement).toBe(0.5); // c2 agrees, c1 is two levels apart
    expect(s.agreementCriteria).toBe(2);
  });

  it('marks the scores of a scorer who has not submitted as drafts, out of the mean, spread and agreement', () => {
    const unsubmitted = events.filter((e) => !(e.type === 'review.submitted' && e.actor.role === 'reviewer'));
    const s = summarize(unsubmitted);
    const c1 = s.scores.find((c) => c.criterionId === 'c1')!;
    expect(c1.levels.find((l) => l.scorerName === 'Rita')).toMatchObject({ level: 2, draft: true });
    expect(c1.mean).toBe(4);
    expect(c1.spread).toBe(0);
    expect(s.agreement).toBeNull();
    expect(s.agreementCriteria).toBe(0);
  });

  it('attributes time to activities and counts actions per minute', () => {
    const s = summarize(events);
    expect(s.timePerActivityMs.prompting).toBeGreaterThan(0);
    expect(s.timePerActivityMs.testing).toBeGreaterThan(0);
    expect(s.activityPerMinute.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
