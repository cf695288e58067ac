import { Compile } from 'typebox/compile';
import { AtelierError } from '../../shared/errors';
import { ExerciseContent } from '../../shared/exercise';
import { patternIssue } from '../../shared/pattern';
import { judgePromptIssue, RUBRIC_PLACEHOLDER } from '../../shared/judge';
import { describeProblems, patternProblem, type FieldProblem, type ProblemRule, type SchemaError } from '../../shared/problems';
import { expectationProblems, refinedProblems } from './expectation-problems';

// An exercise is checked twice: its shape against ExerciseContent (the route schema, or here
// for imported files), then the rules a schema cannot say. Every problem names its field.

const shape = Compile(ExerciseContent);

/** Shape problems, one per field, for content whose origin is untrusted (an imported file). */
export function shapeProblems(value: unknown, prefix = ''): FieldProblem[] {
  if (shape.Check(value)) return [];
  return refinedProblems([...shape.Errors(value)] as SchemaError[], value, prefix);
}

/** Rules across fields: unique ids, consistent bounds, a default model that is allowed, patterns the linear-time engine runs. */
export function ruleProblems(content: ExerciseContent, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (path: string, rule: ProblemRule, message: string, params?: FieldProblem['params']) =>
    problems.push({ path: `${prefix}${path}`, rule, message, ...(params ? { params } : {}) });
  if (content.models.length > 0 && !content.models.includes(content.defaultModel)) {
    const models = content.models.join(', ');
    at('/defaultModel', 'model_not_allowed', `must be one of the allowed models (${models})`, { models });
  }
  for (const [name, bounds] of Object.entries(content.params)) {
    if (bounds.min > bounds.max) at(`/params/${name}`, 'min_exceeds_max', 'min must not exceed max');
    else if (bounds.default < bounds.min || bounds.default > bounds.max) {
      at(`/params/${name}/default`, 'outside_bounds', `must lie between min (${bounds.min}) and max (${bounds.max})`, {
        min: bounds.min,
        max: bounds.max,
      });
    }
  }
  duplicates(
    content.testCases.map((c) => c.id),
    (i) => at(`/testCases/${i}/id`, 'duplicate_id', 'duplicates an earlier test case id'),
  );
  // Patterns are reported below, as pattern warnings; the other checks' blank values and schema bounds here.
  content.testCases.forEach((testCase, i) => {
    for (const problem of expectationProblems(testCase.expectations, `${prefix}/testCases/${i}/expectations`)) {
      if (!problem.path.endsWith('/pattern')) problems.push(problem);
    }
  });
  if (content.judge?.prompt !== undefined && judgePromptIssue(content.judge.prompt)) {
    at('/judge/prompt', 'invalid_judge_prompt', `must say where the rubric goes: ${RUBRIC_PLACEHOLDER}`, {
      placeholder: RUBRIC_PLACEHOLDER,
    });
  }
  duplicates(
    content.rubric.map((c) => c.id),
    (i) => at(`/rubric/${i}/id`, 'duplicate_id', 'duplicates an earlier criterion id'),
  );
  duplicates(
    content.questions.map((q) => q.id),
    (i) => at(`/questions/${i}/id`, 'duplicate_id', 'duplicates an earlier question id'),
  );
  problems.push(...patternWarnings(content, prefix).map((w) => w.problem));
  return problems;
}

/** A regex expectation the linear-time engine cannot run, named by its test case. */
export interface PatternWarning {
  testCaseId: string;
  testCaseTitle: string;
  /** Its index among the case's expectations, from 0. */
  expectation: number;
  pattern: string;
  problem: FieldProblem;
}

/** The regex expectations the linear-time engine cannot run, each with its field's problem. */
export function patternWarnings(content: ExerciseContent, prefix = ''): PatternWarning[] {
  return content.testCases.flatMap((testCase, i) =>
    testCase.expectations.flatMap((expectation, j) => {
      const issue = expectation.kind === 'regex' ? patternIssue(expectation.pattern, expectation.flags) : null;
      if (!issue || expectation.kind !== 'regex') return [];
      const problem = patternProblem(`${prefix}/testCases/${i}/expectations/${j}/pattern`, issue);
      return [{ testCaseId: testCase.id, testCaseTitle: testCase.title, expectation: j, pattern: expectation.pattern, problem }];
    }),
  );
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

/** The JSON Schemas of an exercise's test cases, each with the path of its field. */
export function schemasOf(content: ExerciseContent, prefix = ''): { path: string; schema: unknown }[] {
  return content.testCases.flatMap((testCase, i) =>
    testCase.expectations.flatMap((e, j) =>
      e.kind === 'json_schema' ? [{ path: `${prefix}/testCases/${i}/expectations/${j}/schema`, schema: e.schema }] : [],
    ),
  );
}
