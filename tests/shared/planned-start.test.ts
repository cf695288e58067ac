import { describe, expect, it } from 'vitest';
import { draft, SYSTEM_ACTOR, type SessionEvent } from '../../shared/events';
import { EARLY_START_TOLERANCE_MS, mayStartAt, startOpensAt } from '../../shared/planned-start';
import { reduceAll } from '../../shared/reducer';
import { exercise } from './fixtures';

// The rule the server enforces and the pages say: Start opens 5 minutes before the planned
// start, or at once when staff allowed it; a session without a planned start opens at once.

const PLANNED = 1_800_000_000_000;

function stateOf(plannedStart: number | null | undefined, allowedAt?: number) {
  const created = draft('session.created', SYSTEM_ACTOR, {
    exercise,
    candidateName: 'Ada',
    ...(plannedStart !== undefined ? { plannedStart } : {}),
  });
  const events = [{ ...created, seq: 1, at: PLANNED - 3_600_000 }] as SessionEvent[];
  if (allowedAt !== undefined)
    events.push({
      ...draft('session.early_start_allowed', { role: 'interviewer', participantId: 'i1', name: 'Iris' }, {}),
      seq: 2,
      at: allowedAt,
    } as SessionEvent);
  return reduceAll(events);
}

describe('the planned start', () => {
  it('opens Start five minutes before the planned start', () => {
    const state = stateOf(PLANNED);
    expect(state.plannedStart).toBe(PLANNED);
    expect(startOpensAt(state)).toBe(PLANNED - EARLY_START_TOLERANCE_MS);
    expect(mayStartAt(state, PLANNED - 5 * 60_000 - 1)).toBe(false);
    expect(mayStartAt(state, PLANNED - 5 * 60_000)).toBe(true);
  });

  it('opens it at once once staff allowed an early start, and records who and when', () => {
    const state = stateOf(PLANNED, PLANNED - 1_800_000);
    expect(state.earlyStart).toEqual({ at: PLANNED - 1_800_000, by: 'Iris' });
    expect(startOpensAt(state)).toBeNull();
    expect(mayStartAt(state, PLANNED - 1_800_000)).toBe(true);
  });

  it('leaves sessions without a planned start (and logs from before it existed) open', () => {
    for (const planned of [null, undefined]) {
      const state = stateOf(planned);
      expect(state.plannedStart).toBeNull();
      expect(mayStartAt(state, 0)).toBe(true);
    }
  });
});
