import { EXERCISE_FILE_FORMAT, EXERCISE_FILE_VERSION, type ExerciseFile } from '../../shared/api/exercises';
import { AtelierError } from '../../shared/errors';
import type { ExerciseContent } from '../../shared/exercise';
import { describeProblems } from '../../shared/problems';
import { ruleProblems, shapeProblems } from './validate-exercise';

// The exercise file: what export writes and import reads. A new format version is a new
// reader here; files of unknown versions are refused with a clear message.

export type { ExerciseFile };

export function toExerciseFile(source: { id: string; version: number }, content: ExerciseContent, now: number): ExerciseFile {
  return { format: EXERCISE_FILE_FORMAT, formatVersion: EXERCISE_FILE_VERSION, exportedAt: now, source, content };
}

/** The content of an exercise file, or `invalid_payload` naming what is wrong with it. */
export function readExerciseFile(file: unknown): ExerciseContent {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new AtelierError('invalid_payload', 'An exercise file is a JSON object with format, formatVersion and content.');
  }
  const { format, formatVersion, content } = file as Record<string, unknown>;
  if (format !== EXERCISE_FILE_FORMAT) {
    throw new AtelierError('invalid_payload', `This is not an Atelier exercise file: "format" must be "${EXERCISE_FILE_FORMAT}".`);
  }
  if (formatVersion !== EXERCISE_FILE_VERSION) {
    throw new AtelierError(
      'invalid_payload',
      `Unsupported exercise file version ${JSON.stringify(formatVersion ?? null)}: this server reads version ${EXERCISE_FILE_VERSION}.`,
    );
  }
  const problems = shapeProblems(content, '/content');
  if (problems.length === 0) problems.push(...ruleProblems(content as ExerciseContent, '/content'));
  if (problems.length > 0) throw new AtelierError('invalid_payload', `Invalid exercise file: ${describeProblems(problems)}.`, problems);
  return content as ExerciseContent;
}
