import { describe, expect, it } from 'vitest';
import { audienceOf, canSee, visibleTo } from '../../shared/audience';
import { EVENT_TYPES } from '../../shared/events';
import { reduceAll } from '../../shared/reducer';
import { basicSession, sequence } from './fixtures';

describe('audience rule', () => {
  it('hides staff events from the candidate and shows everything to staff', () => {
    const events = sequence(basicSession());
    const forCandidate = visibleTo('candidate', events);
    expect(forCandidate.some((e) => e.type === 'note.added')).toBe(false);
    expect(forCandidate).toHaveLength(events.length - 1);
    for (const role of ['interviewer', 'reviewer', 'admin'] as const) expect(visibleTo(role, events)).toHaveLength(events.length);
  });

  it('gives the candidate a state without notes or diagnostics', () => {
    const state = reduceAll(visibleTo('candidate', sequence(basicSession())));
    expect(state.notes).toEqual([]);
  });

  it('classifies every event type; notes, scores, questions, reviews and provider diagnostics are staff-only', () => {
    const staffOnly = EVENT_TYPES.filter((type) => audienceOf(type) === 'staff').sort();
    expect(staffOnly).toEqual(['note.added', 'note.deleted', 'note.edited', 'question.marked', 'review.configured', 'review.submitted', 'score.set', 'turn.diagnostic']);
    for (const type of EVENT_TYPES) expect(canSee('interviewer', { type })).toBe(true);
  });
});
