import Type, { type Static } from 'typebox';
import { ExerciseContent } from '../exercise';
import { FieldProblem } from './errors';

// The exercise library (admin). The content itself is `ExerciseContent` (shared/exercise.ts).

export const ExerciseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100, description: 'Exercise id or slug' }) });

export const ExerciseVersionParams = Type.Object({ ...ExerciseParams.properties, version: Type.Integer({ minimum: 1 }) });

export const ExerciseListQuery = Type.Object({ archived: Type.Optional(Type.Boolean({ description: 'Include archived exercises' })) });

export const ExerciseSummary = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  language: Type.String(),
  /** The current version. */
  version: Type.Integer(),
  archived: Type.Boolean(),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type ExerciseSummary = Static<typeof ExerciseSummary>;

/** A stored regex expectation the linear-time engine cannot run (saved before that was a rule). */
export const PatternWarning = Type.Object({
  testCaseId: Type.String(),
  testCaseTitle: Type.String(),
  expectation: Type.Integer({ description: "The expectation's index in its test case, from 0" }),
  pattern: Type.String(),
  problem: FieldProblem,
});
export type PatternWarning = Static<typeof PatternWarning>;

/** A row of `GET /api/exercises`. */
export const ExerciseListItem = Type.Object({
  ...ExerciseSummary.properties,
  patternWarnings: Type.Array(PatternWarning, {
    description:
      'Regex expectations of the current version that the linear-time engine cannot run (saved before the rule): their checks fail until the exercise is edited',
  }),
});
export type ExerciseListItem = Static<typeof ExerciseListItem>;

export const ExerciseList = Type.Object({ exercises: Type.Array(ExerciseListItem) });
export type ExerciseList = Static<typeof ExerciseList>;

/** One saved version: what the sessions on it ran. */
export const ExerciseVersion = Type.Object({ id: Type.String(), version: Type.Integer(), content: ExerciseContent });
export type ExerciseVersion = Static<typeof ExerciseVersion>;

export const ExerciseVersionInfo = Type.Object({ version: Type.Integer(), title: Type.String(), createdAt: Type.Number() });
export type ExerciseVersionInfo = Static<typeof ExerciseVersionInfo>;

export const ExerciseDetail = Type.Object({
  ...ExerciseSummary.properties,
  content: ExerciseContent,
  versions: Type.Array(ExerciseVersionInfo),
});
export type ExerciseDetail = Static<typeof ExerciseDetail>;

export const ImportedExercise = Type.Object({ ...ExerciseDetail.properties, slugChanged: Type.Boolean() });
export type ImportedExercise = Static<typeof ImportedExercise>;

// The exercise file: what export writes and import reads (server/library/exercise-file.ts).
export const EXERCISE_FILE_FORMAT = 'atelier-exercise' as const;
export const EXERCISE_FILE_VERSION = 1 as const;

export const ExerciseFile = Type.Object({
  format: Type.Literal(EXERCISE_FILE_FORMAT),
  formatVersion: Type.Literal(EXERCISE_FILE_VERSION),
  exportedAt: Type.Number(),
  /** Where it came from, for the record; import gives the exercise a new id. */
  source: Type.Object({ id: Type.String(), version: Type.Integer() }),
  content: ExerciseContent,
});
export type ExerciseFile = Static<typeof ExerciseFile>;

/** Import reads any JSON and names every problem itself, with paths into the file. */
export const ExerciseFileUpload = Type.Unknown({ description: 'An exercise file' });
