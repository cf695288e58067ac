import { AtelierError } from '../../shared/errors';
import type { ExerciseSnapshot } from '../../shared/exercise';
import { promptHash } from '../../shared/prompt-hash';
import type { SessionState } from '../../shared/state';

/** The candidate's work can change only while the session is live. */
export function requireLive(state: SessionState): void {
  if (state.status === 'scheduled') throw new AtelierError('not_started');
  if (state.status === 'ended') throw new AtelierError(state.endReason === 'time_up' ? 'time_up' : 'session_ended');
}

export function requireExercise(state: SessionState): ExerciseSnapshot {
  if (!state.exercise) throw new AtelierError('internal', 'The session has no exercise.');
  return state.exercise;
}

/** A command written against another draft than the server's is refused (see shared/prompt-hash.ts). */
export function requireDraft(state: SessionState, hash: string | undefined): void {
  if (hash !== undefined && hash !== promptHash(state.prompt.draft)) throw new AtelierError('prompt_changed');
}
