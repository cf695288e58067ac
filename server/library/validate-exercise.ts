import { Compile } from 'typebox/compile';
import { AtelierError } from '../../shared/errors';
import { ExerciseContent } from '../../shared/exercise';

// An exercise is checked twice: its shape against ExerciseContent (the route schema, or here
// for imported files), then the rules a schema cannot say. Every problem names its field.

export interface FieldProblem {
  /** JSON pointer into the exercise, e.g. `/testCases/2/id`. */
  path: string;
  message: string;
}

const shape = Compile(ExerciseContent);

/** Shape problems, one per field, for content whose origin is untrusted (an imported file). */
export function shapeProblems(value: unknown, prefix = ''): FieldProblem[] {
  if (shape.Check(value)) return [];
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => {
    const key = `${path} ${message}`;
    if (!seen.has(key)) problems.push({ path: path || '/', message });
    seen.add(key);
  };
  for (const error of shape.Errors(value)) {
    const path = `${prefix}${error.instancePath}`;
    const params = error.params as { additionalProperties?: string[]; requiredProperties?: string[] };
    if (error.keyword === 'boolean') continue; // the same unknown field, reported below by name
    if (error.keyword === 'additionalProperties') params.additionalProperties?.forEach((name) => add(`${path}/${name}`, 'is not a known field'));
    else if (error.keyword === 'required') params.requiredProperties?.forEach((name) => add(`${path}/${name}`, 'is required'));
    else add(path, error.message);
  }
  return problems;
}

/** Rules across fields: unique ids, consistent bounds, a default model that is allowed, valid patterns. */
export function ruleProblems(content: ExerciseContent, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (path: string, message: string) => problems.push({ path: `${prefix}${path}`, message });
  if (content.models.length > 0 && !content.models.includes(content.defaultModel)) {
    at('/defaultModel', `must be one of the allowed models (${content.models.join(', ')})`);
  }
  for (const [name, bounds] of Object.entries(content.params)) {
    if (bounds.min > bounds.max) at(`/params/${name}`, 'min must not exceed max');
    else if (bounds.default < bounds.min || bounds.default > bounds.max) at(`/params/${name}/default`, `must lie between min (${bounds.min}) and max (${bounds.max})`);
  }
  duplicates(content.testCases.map((c) => c.id), (i) => at(`/testCases/${i}/id`, 'duplicates an earlier test case id'));
  duplicates(content.rubric.map((c) => c.id), (i) => at(`/rubric/${i}/id`, 'duplicates an earlier criterion id'));
  duplicates(content.questions.map((q) => q.id), (i) => at(`/questions/${i}/id`, 'duplicates an earlier question id'));
  content.testCases.forEach((testCase, i) =>
    testCase.expectations.forEach((expectation, j) => {
      if (expectation.kind !== 'regex') return;
      try {
        new RegExp(expectation.pattern, expectation.flags);
      } catch {
        at(`/testCases/${i}/expectations/${j}/pattern`, 'is not a valid regular expression');
      }
    }),
  );
  return problems;
}

export function describeProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

/** Throws `invalid_payload` naming every rule a well-shaped exercise breaks. */
export function assertValidExercise(content: ExerciseContent): void {
  const problems = ruleProblems(content);
  if (problems.length > 0) throw new AtelierError('invalid_payload', `Invalid exercise: ${describeProblems(problems)}.`, problems);
}

function duplicates(ids: readonly string[], report: (index: number) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i);
    seen.add(id);
  });
}
