import { describe, expect, it } from 'vitest';
import { audienceOf, canSee, numberForCandidate, viewerOf, visibleEvents } from '../../shared/audience';
import { EVENT_TYPES } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { basicSession, sequence } from './fixtures';

describe('audience rule', () => {
  const seenBy = (role: 'candidate' | 'interviewer' | 'reviewer' | 'admin', events = sequence(basicSession())) =>
    visibleEvents(viewerOf(role, role === 'admin' ? 'admin' : `inv-${role}`, reduceAll(events)), numberForCandidate(events));

  it('hides staff events from the candidate and shows everything to staff', () => {
    const events = sequence(basicSession());
    const forCandidate = seenBy('candidate', events);
    expect(forCandidate.some((e) => e.type === 'note.added')).toBe(false);
    expect(forCandidate).toHaveLength(events.length - 1);
    for (const role of ['interviewer', 'admin'] as const) expect(seenBy(role, events)).toHaveLength(events.length);
  });

  it('numbers the candidate its own events, so no gap times a staff note; staff keep the log seq', () => {
    // The note sits between two events the candidate sees.
    const [created, started, ...rest] = basicSession();
    const note = rest.pop()!;
    const events = sequence([created!, note, started!, ...rest]);
    const candidateSeqs = seenBy('candidate', events).map((e) => e.seq);
    expect(candidateSeqs).toEqual(Array.from({ length: events.length - 1 }, (_, i) => i + 1));
    expect(seenBy('candidate', events).find((e) => e.type === 'session.started')!.seq).toBe(2);
    expect(seenBy('admin', events).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it('gives the candidate a state without notes or diagnostics', () => {
    const state = reduceAll(seenBy('candidate'));
    expect(state.notes).toEqual([]);
  });

  it('classifies every event type; notes, scores, questions, reviews, check overrides, provider diagnostics and where the candidate looks are staff-only', () => {
    const staffOnly = EVENT_TYPES.filter((type) => audienceOf(type) === 'staff').sort();
    expect(staffOnly).toEqual([
      'check.overridden',
      'judge.diagnostic',
      'note.added',
      'note.deleted',
      'note.edited',
      'question.marked',
      'review.configured',
      'review.submitted',
      'score.set',
      'turn.diagnostic',
      'view.changed',
    ]);
    for (const type of EVENT_TYPES) expect(canSee('interviewer', { type })).toBe(true);
  });
});
