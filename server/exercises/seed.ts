import type { ExerciseContent } from '../../shared/exercise';
import type { ExerciseStore, ExerciseVersion } from '../db/exercise-store';
import { shapeProblems } from './validate-exercise';
import { BUILT_IN_EXERCISES } from './built-in';
import { withoutRetiredPatterns } from './retired-patterns';

/** Adds the built-in exercises that the library does not hold yet; never overwrites an edited one. */
export function seedExercises(store: ExerciseStore, now: number, exercises: readonly { id: string; content: ExerciseContent }[] = BUILT_IN_EXERCISES): void {
  for (const exercise of exercises) {
    if (!store.current(exercise.id)) store.save(exercise.id, exercise.content, now);
  }
}

/**
 * Saves a new version of each built-in whose current version still holds a pattern an earlier
 * release shipped and the linear-time engine cannot run, with that pattern (and only it) replaced
 * by its equivalent checks: the admin's own edits stay, and sessions keep the version they ran.
 * Returns the versions saved, for the audit log.
 */
export function upgradeRetiredPatterns(store: ExerciseStore, now: number, exercises: readonly { id: string }[] = BUILT_IN_EXERCISES): ExerciseVersion[] {
  const saved: ExerciseVersion[] = [];
  for (const { id } of exercises) {
    const current = store.current(id);
    if (!current) continue;
    const testCases = current.content.testCases.map((testCase) => {
      const expectations = withoutRetiredPatterns(testCase.expectations);
      return expectations === testCase.expectations ? testCase : { ...testCase, expectations };
    });
    if (testCases.every((testCase, i) => testCase === current.content.testCases[i])) continue;
    const content = { ...current.content, testCases };
    // An edited case with too many checks for the swap keeps its version: the admin is told.
    if (shapeProblems(content).length > 0) continue;
    saved.push(store.save(id, content, now));
  }
  return saved;
}
