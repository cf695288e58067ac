import type { ExerciseContent } from '../../shared/exercise';
import type { ExerciseStore, ExerciseVersion } from '../db/exercise-store';
import { shapeProblems } from './validate-exercise';
import { BUILT_IN_EXERCISES } from './built-in';
import { contentFingerprint } from './fingerprint';
import { withoutRetiredPatterns } from './retired-patterns';

/** Adds the built-in exercises that the library does not hold yet; never overwrites an edited one. */
export function seedExercises(
  store: ExerciseStore,
  now: number,
  exercises: readonly { id: string; content: ExerciseContent }[] = BUILT_IN_EXERCISES,
): void {
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
export function upgradeRetiredPatterns(
  store: ExerciseStore,
  now: number,
  exercises: readonly { id: string }[] = BUILT_IN_EXERCISES,
): ExerciseVersion[] {
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

/**
 * Fingerprints (contentFingerprint) of built-in content that earlier releases shipped, by
 * exercise id. A library still holding one of them exactly — never edited by an admin — gets
 * the current content as a new version at start; an edited one keeps the admin's version.
 */
export const SHIPPED_BEFORE: Readonly<Record<string, readonly string[]>> = {
  // Before JSON Schema checks: the ticket contract as seven regexes.
  'support-emails-to-json-en': ['c1719bb70fa763e23d03e1616e01b1efb2d1d834322650858b3fe60892cee0a8'],
  // Before the inclusive "évalué·e" in the French briefs' assessment heading.
  'support-emails-to-json-fr': [
    'c5fb45b2c2e6cafed016baf19232702ebf9ff77dcece72da6d2444a9491b5912',
    '2d1e5a827faac47cf77cfea8670a3357db546f7296b12be1bd7315bd08b8622e',
  ],
  'refine-the-chatbot-fr': ['a9839268c194dd6b5a1e6232b8ab48af864ab4a680bebf184e77f346eb813fe2'],
};

/** Saves the current content of each built-in whose library version is one an earlier release shipped, unedited. */
export function upgradeBuiltIns(
  store: ExerciseStore,
  now: number,
  exercises: readonly { id: string; content: ExerciseContent }[] = BUILT_IN_EXERCISES,
  shipped: Readonly<Record<string, readonly string[]>> = SHIPPED_BEFORE,
): ExerciseVersion[] {
  const saved: ExerciseVersion[] = [];
  for (const { id, content } of exercises) {
    const current = store.current(id);
    if (!current || !shipped[id]?.includes(contentFingerprint(current.content))) continue;
    saved.push(store.save(id, content, now));
  }
  return saved;
}
