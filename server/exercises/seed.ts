import type { ExerciseContent } from '../../shared/exercise';
import type { ExerciseStore } from '../db/exercise-store';
import { BUILT_IN_EXERCISES } from './built-in';

/** Adds the built-in exercises that the library does not hold yet; never overwrites an edited one. */
export function seedExercises(store: ExerciseStore, now: number, exercises: readonly { id: string; content: ExerciseContent }[] = BUILT_IN_EXERCISES): void {
  for (const exercise of exercises) {
    if (!store.current(exercise.id)) store.save(exercise.id, exercise.content, now);
  }
}
