import { Compile } from 'typebox/compile';
import { Expectation } from '../../shared/exercise';
import { patternIssue } from '../../shared/pattern';
import { patternProblem, problemsOfSchemaError, type FieldProblem, type SchemaError } from '../../shared/problems';
import { schemaBoundsIssue } from '../checks/schema-bounds';

// What a schema cannot say about a test case's expectations, checked wherever expectations are
// written (an exercise, a candidate's own case): patterns the linear-time engine cannot run,
// blank values and rubrics, JSON Schemas out of bounds. A schema's validity itself is checked by
// compiling it, off the event loop (check pool).

export function expectationProblems(expectations: readonly Expectation[], prefix: string): FieldProblem[] {
  return expectations.flatMap((e, i): FieldProblem[] => {
    const at = `${prefix}/${i}`;
    switch (e.kind) {
      case 'regex': {
        const issue = patternIssue(e.pattern, e.flags);
        return issue ? [patternProblem(`${at}/pattern`, issue)] : [];
      }
      case 'contains':
      case 'not_contains':
        return e.value.trim() ? [] : [blank(`${at}/value`)];
      case 'contains_any':
      case 'contains_all':
        return e.values.flatMap((v, j) => (v.trim() ? [] : [blank(`${at}/values/${j}`)]));
      case 'llm_rubric':
        return e.rubric.trim() ? [] : [blank(`${at}/rubric`)];
      case 'json_schema': {
        const issue = schemaBoundsIssue(e.schema);
        return issue ? [{ path: `${at}/schema`, rule: 'invalid_json_schema', params: { error: issue }, message: issue }] : [];
      }
      default:
        return [];
    }
  });
}

function blank(path: string): FieldProblem {
  return { path, rule: 'too_short', params: { limit: 1 }, message: 'must not be blank' };
}

// An expectation is a union on `kind`: a validator reports every variant's complaint (a
// threshold out of range also reads "value is required"). Checked against its own kind's
// variant instead, each problem names the field that is wrong.
const VARIANTS = new Map(
  Expectation.anyOf.map((variant) => [String((variant.properties.kind as { const: unknown }).const), Compile(variant)] as const),
);
const EXPECTATION_PATH = /^(.*\/expectations\/\d+)(?:\/|$)/;

/**
 * A validator's errors as field problems, each expectation's from its own variant: the
 * errors under `…/expectations/<i>` are replaced by what the variant of its `kind` says.
 */
export function refinedProblems(errors: readonly SchemaError[], data: unknown, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refined = new Set<string>();
  const seen = new Set<string>();
  const add = (problem: FieldProblem) => {
    const key = `${problem.path} ${problem.rule}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  };
  for (const error of errors) {
    if (error.keyword === 'boolean') continue; // the same unknown field, reported by name as additionalProperties
    const at = EXPECTATION_PATH.exec(error.instancePath)?.[1];
    const value = at ? pointer(data, at) : undefined;
    const variant =
      at && typeof value === 'object' && value !== null ? VARIANTS.get(String((value as { kind?: unknown }).kind)) : undefined;
    if (at && variant) {
      if (refined.has(at)) continue;
      refined.add(at);
      for (const e of variant.Errors(value))
        if (e.keyword !== 'boolean')
          for (const p of problemsOfSchemaError({ ...(e as SchemaError), instancePath: `${at}${e.instancePath}` }, prefix)) add(p);
      continue;
    }
    if (at && typeof value === 'object' && value !== null) {
      add({ path: `${prefix}${at}/kind`, rule: 'not_allowed', message: 'is not a known kind of check' });
      continue;
    }
    for (const p of problemsOfSchemaError(error, prefix)) add(p);
  }
  return problems;
}

function pointer(data: unknown, path: string): unknown {
  let value = data;
  for (const part of path.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}
