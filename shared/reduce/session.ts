import type { EventOf } from '../events';
import type { SessionState } from '../state';

// The session's start: staff may let the candidate start before the planned time.

export function allowEarlyStart(state: SessionState, event: EventOf<'session.early_start_allowed'>): SessionState {
  if (state.earlyStart) return state;
  return { ...state, earlyStart: { at: event.at, by: event.actor.name ?? null } };
}
